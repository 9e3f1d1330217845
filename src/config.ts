/**
 * Environment -> one typed, frozen configuration object.
 *
 * Every variable the product reads is parsed here and nowhere else, so the README's configuration table and this
 * file describe the same set. A bad value stops start-up with a message naming the variable, the value and what is
 * allowed.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';

import { ACCESS_ROLES, type AccessRole } from './auth/roles.js';

export type Environment = 'development' | 'production' | 'test';

/** Where the database comes from: a Neo4j the project starts itself, or one the user points at. */
export type DatabaseTarget =
  | { kind: 'managed'; home: string; boltPort: number; heapSize: string; pageCacheSize: string; startTimeoutMs: number }
  | { kind: 'external'; uri: string; username: string; password: string };

export interface Config {
  environment: Environment;
  host: string;
  port: number;
  logLevel: string;
  database: DatabaseTarget;
  /** Neo4j database name; undefined means the server's default database. */
  databaseName: string | undefined;
  /** Whether `npm start` loads the bundled seeds into an empty database. */
  seedOnStart: boolean;
  /** Largest `first` a connection accepts. */
  maxPageSize: number;
  /** How long one request may wait for the database in all before it is answered DATABASE_TIMEOUT. */
  requestTimeoutMs: number;
  /** Whether /explorer serves the self-hosted GraphiQL (and a browser's GET /graphql redirects there). */
  explorerEnabled: boolean;
  /** Whether responses carry `extensions.db`: the Cypher queries the request ran and Neo4j's time on them. */
  queryMetrics: boolean;
  auth: AuthConfig;
  limits: QueryLimits;
  /** Origins (scheme://host[:port]) whose pages may call /graphql from a browser (CORS_ORIGINS); empty: none. */
  corsOrigins: readonly string[];
  trustedDocuments: TrustedDocumentsConfig;
  tracing: TracingConfig;
}

/** Which operations the server runs (src/trusted-documents.ts). */
export interface TrustedDocumentsConfig {
  /** `required`: only documents whose hash is in a manifest; `off`: any document, hashes resolved when known. */
  mode: 'required' | 'off';
  /** Extra persisted-documents.json manifests (a dashboard's own codegen output), beside the bundled one. */
  files: readonly string[];
}

/** OpenTelemetry tracing (src/tracing/); off when no OTLP endpoint is set. */
export interface TracingConfig {
  /** OTLP/HTTP traces URL (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces). */
  tracesUrl: string | undefined;
  serviceName: string;
}

/** Roles, lowest first (src/auth/roles.ts, which the pages share). */
export { ACCESS_ROLES, type AccessRole };

/** How bearer tokens are verified, and what a request without one may see. */
export interface AuthConfig {
  /** HS256 shared secret (JWT_SECRET). */
  secret: string | undefined;
  /** JWKS endpoint for asymmetric keys (JWT_JWKS_URL). */
  jwksUrl: string | undefined;
  issuer: string | undefined;
  audience: string | undefined;
  /** The role of a request without a token; null refuses it (UNAUTHENTICATED). */
  anonymousRole: AccessRole | null;
  /**
   * Development sign-in (DEV_SIGN_IN): the pages may ask POST /auth/sign-in for a short-lived token of any role.
   * Never in production. Without JWT_SECRET the tokens are signed with a random secret of this process.
   */
  devSignIn: boolean;
}

/** Limits every GraphQL request must stay within; a request over one is refused before it reaches Neo4j. */
export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  /** Largest request body, in the notation of express.json (e.g. 100kb). */
  maxBodySize: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

/** Project root: two levels up from this file (src/config.ts). */
export const projectRoot = path.resolve(import.meta.dirname, '..');

export function loadConfig(env: Env = process.env): Readonly<Config> {
  const environment = readEnum(env, 'NODE_ENV', ['development', 'production', 'test'], 'development');
  const config: Config = {
    environment,
    host: readString(env, 'HOST', '127.0.0.1'),
    port: readPort(env, 'PORT', 4000),
    logLevel: readEnum(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    database: readDatabaseTarget(env),
    databaseName: env.NEO4J_DATABASE || undefined,
    seedOnStart: readBoolean(env, 'SEED_ON_START', true),
    maxPageSize: readInteger(env, 'MAX_PAGE_SIZE', 100, { min: 1, max: 1000 }),
    requestTimeoutMs: readInteger(env, 'REQUEST_TIMEOUT_MS', 10_000, { min: 100, max: 600_000 }),
    explorerEnabled: readBoolean(env, 'EXPLORER_ENABLED', environment !== 'production'),
    queryMetrics: readBoolean(env, 'QUERY_METRICS', environment !== 'production'),
    auth: readAuth(env, environment),
    limits: {
      maxDepth: readInteger(env, 'MAX_QUERY_DEPTH', 10, { min: 1, max: 100 }),
      maxCost: readInteger(env, 'MAX_QUERY_COST', 25_000, { min: 1, max: 10_000_000 }),
      maxAliases: readInteger(env, 'MAX_QUERY_ALIASES', 30, { min: 0, max: 1000 }),
      maxDirectives: readInteger(env, 'MAX_QUERY_DIRECTIVES', 20, { min: 0, max: 1000 }),
      maxTokens: readInteger(env, 'MAX_QUERY_TOKENS', 2_000, { min: 10, max: 100_000 }),
      maxBodySize: readBodySize(env, 'MAX_BODY_SIZE', '100kb'),
    },
    corsOrigins: readOrigins(env, 'CORS_ORIGINS'),
    trustedDocuments: {
      mode: readEnum(env, 'TRUSTED_DOCUMENTS', ['required', 'off'], 'off'),
      files: readList(env, 'TRUSTED_DOCUMENTS_FILES').map((file) => path.resolve(file)),
    },
    tracing: readTracing(env),
  };
  return Object.freeze(config);
}

function readAuth(env: Env, environment: Environment): AuthConfig {
  const secret = env.JWT_SECRET || undefined;
  // 32 bytes is the key size of HS256; a shorter secret can be brute-forced from one token.
  if (secret !== undefined && Buffer.byteLength(secret) < 32) {
    throw new ConfigError(
      `JWT_SECRET must be at least 32 bytes long (got ${Buffer.byteLength(secret)}). ` +
        "Generate one with: node -e \"console.log(require('crypto').randomBytes(32).toString('base64url'))\"",
    );
  }
  const jwksUrl = env.JWT_JWKS_URL || undefined;
  if (jwksUrl !== undefined && !/^https?:\/\//.test(jwksUrl)) {
    throw new ConfigError(`JWT_JWKS_URL must be an http(s) URL (got "${jwksUrl}").`);
  }
  if (secret && jwksUrl) {
    throw new ConfigError('Set JWT_SECRET or JWT_JWKS_URL, not both: tokens are verified one way.');
  }
  const anonymous = readEnum(env, 'ANONYMOUS_ROLE', [...ACCESS_ROLES, 'none'], environment === 'production' ? 'none' : 'viewer');
  if (anonymous === 'none' && !secret && !jwksUrl) {
    throw new ConfigError(
      'Anonymous access is off (ANONYMOUS_ROLE=none, the production default) but no token can be verified: ' +
        'set JWT_SECRET or JWT_JWKS_URL, or allow anonymous reads with ANONYMOUS_ROLE=viewer.',
    );
  }
  const devSignIn = readBoolean(env, 'DEV_SIGN_IN', environment === 'development' && !jwksUrl);
  if (devSignIn && environment === 'production') {
    throw new ConfigError('DEV_SIGN_IN=true is refused in production: anyone could sign in with any role. Issue real tokens.');
  }
  if (devSignIn && jwksUrl) {
    throw new ConfigError('DEV_SIGN_IN needs a token this server can sign (JWT_SECRET), not JWT_JWKS_URL: unset one of them.');
  }
  return {
    // A development sign-in without JWT_SECRET signs with a secret that lives as long as the process.
    secret: secret ?? (devSignIn ? randomBytes(32).toString('base64url') : undefined),
    jwksUrl,
    issuer: env.JWT_ISSUER || undefined,
    audience: env.JWT_AUDIENCE || undefined,
    anonymousRole: anonymous === 'none' ? null : anonymous,
    devSignIn,
  };
}

/** A comma-separated list; blanks around items and empty items are dropped. */
function readList(env: Env, name: string): string[] {
  return (env[name] ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function readOrigins(env: Env, name: string): string[] {
  return readList(env, name).map((origin) => {
    // A browser sends its page's origin exactly as scheme://host[:port], without a path or a trailing slash.
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== origin) {
      throw new ConfigError(
        `${name} must list origins such as https://dashboard.example.org or http://localhost:5173, separated by commas ` +
          `(got "${origin}"${url && url.origin !== 'null' ? `; did you mean ${url.origin}?` : ''}). "*" is not allowed: name each origin.`,
      );
    }
    return origin;
  });
}

function readTracing(env: Env): TracingConfig {
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT || undefined;
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || undefined;
  for (const [name, value] of [
    ['OTEL_EXPORTER_OTLP_ENDPOINT', base],
    ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', traces],
  ] as const) {
    if (value !== undefined && !/^https?:\/\/[^/]/.test(value)) {
      throw new ConfigError(`${name} must be the http(s) URL of an OTLP/HTTP collector, such as http://localhost:4318 (got "${value}").`);
    }
  }
  // As the OpenTelemetry specification says: the signal's own variable is used as it is, the general one gets the
  // signal's path appended.
  const tracesUrl = traces ?? (base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined);
  return { tracesUrl, serviceName: readString(env, 'OTEL_SERVICE_NAME', 'epr-evidence-graph') };
}

function readBodySize(env: Env, name: string, fallback: string): string {
  const raw = readString(env, name, fallback);
  if (!/^\d+(b|kb|mb)$/i.test(raw)) {
    throw new ConfigError(`${name} must be a size such as 100kb or 1mb (got "${raw}").`);
  }
  return raw.toLowerCase();
}

function readDatabaseTarget(env: Env): DatabaseTarget {
  const uri = env.NEO4J_URI;
  if (uri) {
    if (!/^(bolt|neo4j)(\+s|\+ssc)?:\/\//.test(uri)) {
      throw new ConfigError(
        `NEO4J_URI must start with bolt://, bolt+s://, neo4j:// or neo4j+s:// (got "${uri}"). ` + 'Example: NEO4J_URI=neo4j://localhost:7687',
      );
    }
    return {
      kind: 'external',
      uri,
      username: readString(env, 'NEO4J_USERNAME', 'neo4j'),
      password: env.NEO4J_PASSWORD ?? '',
    };
  }
  return {
    kind: 'managed',
    home: path.resolve(projectRoot, readString(env, 'NEO4J_HOME', '.neo4j')),
    boltPort: readPort(env, 'NEO4J_BOLT_PORT', 7687),
    heapSize: readMemorySize(env, 'NEO4J_HEAP_SIZE', '1g'),
    pageCacheSize: readMemorySize(env, 'NEO4J_PAGECACHE_SIZE', '512m'),
    startTimeoutMs: readInteger(env, 'NEO4J_START_TIMEOUT_MS', 120_000, { min: 1_000, max: 1_800_000 }),
  };
}

function readString(env: Env, name: string, fallback: string): string {
  const value = env[name];
  return value === undefined || value === '' ? fallback : value;
}

function readInteger(env: Env, name: string, fallback: number, range: { min: number; max: number }): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new ConfigError(`${name} must be a whole number from ${range.min} to ${range.max} (got "${raw}").`);
  }
  return value;
}

function readPort(env: Env, name: string, fallback: number): number {
  return readInteger(env, name, fallback, { min: 0, max: 65_535 });
}

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(`${name} must be true or false (got "${raw}").`);
}

function readEnum<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new ConfigError(`${name} must be one of ${allowed.join(', ')} (got "${raw}").`);
}

function readMemorySize(env: Env, name: string, fallback: string): string {
  const raw = readString(env, name, fallback);
  if (!/^\d+[kmg]$/i.test(raw)) {
    throw new ConfigError(`${name} must be a size such as 512m or 2g (got "${raw}").`);
  }
  return raw.toLowerCase();
}
