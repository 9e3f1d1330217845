/**
 * Bearer tokens -> viewers. A token is a JWT signed with the HS256 secret (JWT_SECRET) or a key of the JWKS
 * (JWT_JWKS_URL), with `sub` and a `role` claim (viewer, analyst or researcher); `iss` and `aud` are checked when
 * JWT_ISSUER and JWT_AUDIENCE are set. Without a token the request gets the configured anonymous role.
 */
import { createRemoteJWKSet, errors, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import { GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';

import { ACCESS_ROLES, type AccessRole, type AuthConfig } from '../config.js';
import { ErrorCode } from '../errors.js';
import type { Viewer } from './viewer.js';

/** Resolves the viewer of one request from its Authorization header; throws UNAUTHENTICATED for a bad token. */
export type ViewerResolver = (authorization: string | undefined) => Promise<Viewer | null>;

/**
 * Tokens verified lately, so that a client sending the same token with every request pays for checking its
 * signature once (an HMAC through WebCrypto costs about as much as the rest of a small request's own work). A
 * token is kept until it expires, for at most TOKEN_CACHE_MS (so a key withdrawn from a JWKS stops counting soon
 * after), and only the TOKEN_CACHE_SIZE used most recently are kept (lru-cache, the cache Apollo Server itself
 * uses). Its clock is the wall clock, as a token's `exp` is. Refused tokens are never kept: each is checked anew.
 */
const TOKEN_CACHE_SIZE = 1_000;
const TOKEN_CACHE_MS = 5 * 60_000;

export function createViewerResolver(auth: Readonly<AuthConfig>): ViewerResolver {
  const key: Uint8Array | JWTVerifyGetKey | undefined = auth.secret
    ? new TextEncoder().encode(auth.secret)
    : auth.jwksUrl
      ? createRemoteJWKSet(new URL(auth.jwksUrl), { timeoutDuration: 3_000 })
      : undefined;
  const algorithms = auth.secret ? ['HS256'] : ['RS256', 'PS256', 'ES256', 'EdDSA'];
  const verified = new LRUCache<string, Viewer>({ max: TOKEN_CACHE_SIZE, ttl: TOKEN_CACHE_MS, perf: { now: () => Date.now() } });

  return async (authorization) => {
    if (!authorization) {
      if (auth.anonymousRole) return { kind: 'anonymous', role: auth.anonymousRole };
      // The whole request is refused, not field by field: even `{ __typename }` would otherwise answer with data.
      throw refused('This server refuses requests without a token. Send "Authorization: Bearer <token>" with a token of the role you need.');
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw refused('The Authorization header must be "Bearer <token>".');
    if (!key) throw refused('This server accepts no tokens: neither JWT_SECRET nor JWT_JWKS_URL is set.');
    const token = match[1]!;
    const known = verified.get(token);
    if (known) return known;
    let payload;
    try {
      ({ payload } = await jwtVerify(token, key as Uint8Array, {
        algorithms,
        ...(auth.issuer && { issuer: auth.issuer }),
        ...(auth.audience && { audience: auth.audience }),
      }));
    } catch (error) {
      throw refused(describeTokenError(error));
    }
    const role = payload.role;
    if (typeof role !== 'string' || !(ACCESS_ROLES as readonly string[]).includes(role)) {
      throw refused(`The token's "role" claim must be one of ${ACCESS_ROLES.join(', ')} (got ${JSON.stringify(role ?? null)}).`);
    }
    if (!payload.sub) throw refused('The token has no "sub" claim naming who holds it.');
    const viewer: Viewer = { kind: 'authenticated', subject: payload.sub, role: role as AccessRole };
    const ttl = Math.min(TOKEN_CACHE_MS, payload.exp === undefined ? Infinity : payload.exp * 1000 - Date.now());
    if (ttl > 0) verified.set(token, viewer, { ttl });
    return viewer;
  };
}

function describeTokenError(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The bearer token has expired. Get a new one.';
  if (error instanceof errors.JWSSignatureVerificationFailed) return "The bearer token's signature is not valid for this server.";
  if (error instanceof errors.JWTClaimValidationFailed) return `The bearer token was refused: ${error.message}.`;
  if (error instanceof errors.JOSEAlgNotAllowed) return 'The bearer token is signed with an algorithm this server does not accept.';
  if (error instanceof errors.JWKSNoMatchingKey) return 'No key of the JWKS matches the bearer token.';
  if (error instanceof errors.JOSEError && error.code === 'ERR_JWKS_TIMEOUT') return 'The key set (JWKS) could not be fetched in time. Retry.';
  return 'The bearer token is malformed: expected a signed JWT (header.payload.signature).';
}

function refused(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
}

/** Mints an HS256 token for development and tests (`npm run token`). */
export async function mintToken(options: {
  secret: string;
  role: AccessRole;
  subject: string;
  expiresIn: string;
  issuer?: string | undefined;
  audience?: string | undefined;
}): Promise<string> {
  let jwt = new SignJWT({ role: options.role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(options.subject)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn);
  if (options.issuer) jwt = jwt.setIssuer(options.issuer);
  if (options.audience) jwt = jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(options.secret));
}
