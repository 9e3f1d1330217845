/**
 * The sign-in control in the header of the dashboard and the explorer. With the development sign-in on, pick a role
 * and get a short-lived token from the server; otherwise paste a bearer token (production issues real ones).
 * Without either the page acts with the server's anonymous role.
 */
import { useEffect, useId, useState } from 'react';

import { ACCESS_ROLES, type AccessRole } from '../auth/roles.js';
import { devSignInAvailable, saveSession, sessionFromToken, signIn, type Session } from './session.js';

const ROLE_NAMES: Record<AccessRole, string> = {
  viewer: 'Viewer (summaries and counts)',
  analyst: 'Analyst (insights, graph, tables)',
  researcher: 'Researcher (also quotes and interview details)',
};

export function SignIn({ session, onChange }: { session: Session | undefined; onChange(session: Session | undefined): void }) {
  const [available, setAvailable] = useState<boolean>();
  const [role, setRole] = useState<AccessRole>('analyst');
  const [error, setError] = useState<string>();
  const id = useId();

  useEffect(() => {
    void devSignInAvailable().then(setAvailable);
  }, []);

  if (session) {
    const until = session.expiresAt ? ` until ${new Date(session.expiresAt).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}` : '';
    return (
      <div className="sign-in" role="group" aria-label="Sign-in">
        <span data-testid="signed-in-role">
          Signed in as <strong>{session.role}</strong>
          {until}
        </span>{' '}
        <button
          type="button"
          onClick={() => {
            saveSession(undefined);
            onChange(undefined);
          }}
        >
          Sign out
        </button>
      </div>
    );
  }
  if (available === undefined) return null;
  return (
    <form
      className="sign-in"
      aria-label="Sign-in"
      onSubmit={(event) => {
        event.preventDefault();
        setError(undefined);
        if (available) {
          signIn(role).then(onChange, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
          return;
        }
        const token = new FormData(event.currentTarget).get('token');
        const pasted = typeof token === 'string' ? sessionFromToken(token.trim()) : undefined;
        if (!pasted) {
          setError('That is not a token of this product: expected a JWT with a "role" claim.');
          return;
        }
        saveSession(pasted);
        onChange(pasted);
      }}
    >
      {available ? (
        <>
          <label htmlFor={`${id}-role`}>Sign in as</label>{' '}
          <select id={`${id}-role`} value={role} onChange={(event) => setRole(event.target.value as AccessRole)}>
            {ACCESS_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_NAMES[r]}
              </option>
            ))}
          </select>{' '}
          <button type="submit">Sign in</button>
        </>
      ) : (
        <>
          <label htmlFor={`${id}-token`}>Bearer token</label> <input id={`${id}-token`} name="token" type="password" autoComplete="off" />{' '}
          <button type="submit">Use token</button>
        </>
      )}
      {error && (
        <span role="alert" className="sign-in-error">
          {error}
        </span>
      )}
    </form>
  );
}
