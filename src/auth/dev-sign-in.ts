/**
 * Development sign-in: the dashboard and the explorer offer "Sign in as viewer / analyst / researcher" and get a
 * short-lived token from here, so nobody mints tokens by hand while trying the product. Mounted only when
 * DEV_SIGN_IN is on (the default in development; config.ts refuses it in production, where real tokens are needed).
 *
 *   GET  /auth/sign-in                    -> { roles, expiresInSeconds }
 *   POST /auth/sign-in  {"role":"analyst"} -> { token, role, expiresAt }
 *
 * A page on another origin cannot read the answer (no CORS headers) nor send the JSON body without a preflight.
 */
import express, { type Express } from 'express';

import { ACCESS_ROLES, type AccessRole, type AuthConfig } from '../config.js';
import { mintToken } from './tokens.js';

export const SIGN_IN_PATH = '/auth/sign-in';
/** Long enough for a working session, short enough that a token copied out of a browser soon stops working. */
export const SIGN_IN_TOKEN_SECONDS = 60 * 60;

export function mountDevSignIn(app: Express, auth: Readonly<AuthConfig>): void {
  const secret = auth.secret;
  if (!auth.devSignIn || !secret) return;
  app.get(SIGN_IN_PATH, (_request, response) => {
    response.set('cache-control', 'no-store').json({ roles: ACCESS_ROLES, expiresInSeconds: SIGN_IN_TOKEN_SECONDS });
  });
  app.post(SIGN_IN_PATH, express.json({ limit: '1kb' }), async (request, response) => {
    const role: unknown = (request.body as { role?: unknown } | undefined)?.role;
    if (typeof role !== 'string' || !(ACCESS_ROLES as readonly string[]).includes(role)) {
      response.status(400).json({
        error: `Send {"role": "<role>"} with a role of ${ACCESS_ROLES.join(', ')} (got ${JSON.stringify(role ?? null)}).`,
      });
      return;
    }
    const token = await mintToken({
      secret,
      role: role as AccessRole,
      subject: `dev-sign-in:${role}`,
      expiresIn: `${SIGN_IN_TOKEN_SECONDS}s`,
      issuer: auth.issuer,
      audience: auth.audience,
    });
    const expiresAt = new Date(Date.now() + SIGN_IN_TOKEN_SECONDS * 1000).toISOString();
    response.set('cache-control', 'no-store').json({ token, role, expiresAt });
  });
}
