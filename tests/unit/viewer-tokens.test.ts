import { SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { createViewerResolver } from '../../src/auth/tokens.js';
import type { AuthConfig } from '../../src/config.js';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';
const AUTH: AuthConfig = { secret: SECRET, jwksUrl: undefined, issuer: undefined, audience: undefined, anonymousRole: null, devSignIn: false };
const START = new Date('2026-11-26T09:00:00Z');

async function token(role: string, expiresInSeconds: number): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('dana')
    .setIssuedAt(now)
    .setExpirationTime(now + expiresInSeconds)
    .sign(new TextEncoder().encode(SECRET));
}

afterEach(() => {
  vi.useRealTimers();
});

describe('a bearer token verified once', () => {
  it('gives the same viewer when sent again', async () => {
    const resolve = createViewerResolver(AUTH);
    const bearer = `Bearer ${await token('analyst', 600)}`;

    const first = await resolve(bearer);
    expect(first).toEqual({ kind: 'authenticated', subject: 'dana', role: 'analyst' });
    expect(await resolve(bearer)).toEqual(first);
  });

  it('is refused once it has expired, though it was accepted before', async () => {
    vi.useFakeTimers({ now: START, toFake: ['Date'] });
    const resolve = createViewerResolver(AUTH);
    const bearer = `Bearer ${await token('researcher', 60)}`;
    expect(await resolve(bearer)).toEqual({ kind: 'authenticated', subject: 'dana', role: 'researcher' });

    vi.setSystemTime(START.getTime() + 61_000);
    await expect(resolve(bearer)).rejects.toThrow('The bearer token has expired. Get a new one.');
  });

  it('is refused every time when refused once', async () => {
    const resolve = createViewerResolver(AUTH);
    const bearer = `Bearer ${await token('administrator', 600)}`;
    const refusal = 'The token\'s "role" claim must be one of viewer, analyst, researcher (got "administrator").';

    await expect(resolve(bearer)).rejects.toThrow(refusal);
    await expect(resolve(bearer)).rejects.toThrow(refusal);
  });

  it('does not make a forged token with the same claims acceptable', async () => {
    const resolve = createViewerResolver(AUTH);
    const genuine = await token('researcher', 600);
    await resolve(`Bearer ${genuine}`);

    const [header, payload] = genuine.split('.');
    const forged = `Bearer ${header}.${payload}.${'A'.repeat(43)}`;
    await expect(resolve(forged)).rejects.toThrow("The bearer token's signature is not valid for this server.");
  });
});
