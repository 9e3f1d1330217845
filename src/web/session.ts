/**
 * The signed-in role of a browser tab, shared by the dashboard and the explorer: a bearer token in sessionStorage
 * (gone when the tab closes), either from the development sign-in (POST /auth/sign-in, see src/auth/dev-sign-in.ts)
 * or pasted by the user where that is off. A token past its expiry counts as no token.
 */
import { ACCESS_ROLES, type AccessRole } from '../auth/roles.js';

const KEY = 'epr-evidence-graph.session';

export interface Session {
  token: string;
  /** The role the token carries, as the server told it (development sign-in) or as read from the token. */
  role: AccessRole;
  expiresAt: string | undefined;
}

export function readSession(): Session | undefined {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return undefined;
  try {
    const session = JSON.parse(raw) as Session;
    if (session.expiresAt && Date.parse(session.expiresAt) <= Date.now()) return undefined;
    return session;
  } catch {
    return undefined;
  }
}

export function saveSession(session: Session | undefined): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}

/** The role of a pasted JWT, from its payload (the server checks the signature; this only labels the page). */
export function sessionFromToken(token: string): Session | undefined {
  try {
    const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { role?: unknown; exp?: unknown };
    if (typeof payload.role !== 'string' || !(ACCESS_ROLES as readonly string[]).includes(payload.role)) return undefined;
    const expiresAt = typeof payload.exp === 'number' ? new Date(payload.exp * 1000).toISOString() : undefined;
    return { token, role: payload.role as AccessRole, expiresAt };
  } catch {
    return undefined;
  }
}

/** Whether this server offers the development sign-in (it answers GET /auth/sign-in only then). */
export async function devSignInAvailable(): Promise<boolean> {
  const response = await fetch('/auth/sign-in', { headers: { accept: 'application/json' } }).catch(() => undefined);
  return response?.ok ?? false;
}

export async function signIn(role: AccessRole): Promise<Session> {
  const response = await fetch('/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ role }),
  });
  const body = (await response.json()) as { token?: string; role?: AccessRole; expiresAt?: string; error?: string };
  if (!response.ok || !body.token || !body.role) throw new Error(body.error ?? `Sign-in failed: HTTP ${response.status}.`);
  const session = { token: body.token, role: body.role, expiresAt: body.expiresAt };
  saveSession(session);
  return session;
}
