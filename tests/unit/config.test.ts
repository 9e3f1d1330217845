import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { ConfigError, loadConfig, projectRoot } from '../../src/config.js';

describe('loadConfig', () => {
  it('defaults to the managed local Neo4j in .neo4j on Bolt port 7687 and GraphQL on port 4000', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.environment).toBe('development');
    expect(config.database).toEqual({
      kind: 'managed',
      home: path.join(projectRoot, '.neo4j'),
      boltPort: 7687,
      heapSize: '1g',
      pageCacheSize: '512m',
      startTimeoutMs: 120_000,
    });
  });

  it('uses an external Neo4j when NEO4J_URI is set', () => {
    const config = loadConfig({ NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io', NEO4J_USERNAME: 'u', NEO4J_PASSWORD: 'p', NEO4J_DATABASE: 'graph' });
    expect(config.database).toEqual({ kind: 'external', uri: 'neo4j+s://abc.databases.neo4j.io', username: 'u', password: 'p' });
    expect(config.databaseName).toBe('graph');
  });

  it.each([
    ['PORT', 'eighty', 'PORT must be a whole number from 0 to 65535 (got "eighty").'],
    [
      'NEO4J_URI',
      'http://localhost:7474',
      'NEO4J_URI must start with bolt://, bolt+s://, neo4j:// or neo4j+s:// (got "http://localhost:7474"). Example: NEO4J_URI=neo4j://localhost:7687',
    ],
    ['NODE_ENV', 'staging', 'NODE_ENV must be one of development, production, test (got "staging").'],
    ['NEO4J_HEAP_SIZE', 'lots', 'NEO4J_HEAP_SIZE must be a size such as 512m or 2g (got "lots").'],
    ['SEED_ON_START', 'yes', 'SEED_ON_START must be true or false (got "yes").'],
  ])('refuses %s=%s with a message naming the variable and what is allowed', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new ConfigError(message));
  });
});

describe('loadConfig in production', () => {
  it('refuses to start with anonymous access off and no way to verify a token', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      new ConfigError(
        'Anonymous access is off (ANONYMOUS_ROLE=none, the production default) but no token can be verified: ' +
          'set JWT_SECRET or JWT_JWKS_URL, or allow anonymous reads with ANONYMOUS_ROLE=viewer.',
      ),
    );
  });

  it('starts with a JWT secret and no anonymous access', () => {
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) });
    expect(config.auth.anonymousRole).toBeNull();
  });
});

describe('the development sign-in', () => {
  it('is on in development, with a secret of the process when JWT_SECRET is not set', () => {
    const config = loadConfig({ NODE_ENV: 'development' });
    expect(config.auth.devSignIn).toBe(true);
    expect(Buffer.byteLength(config.auth.secret!)).toBeGreaterThanOrEqual(32);
    expect(loadConfig({ NODE_ENV: 'development' }).auth.secret).not.toBe(config.auth.secret);
  });

  it('signs with JWT_SECRET when it is set, and is off in tests unless asked for', () => {
    expect(loadConfig({ NODE_ENV: 'development', JWT_SECRET: 'y'.repeat(32) }).auth.secret).toBe('y'.repeat(32));
    expect(loadConfig({ NODE_ENV: 'test' }).auth).toMatchObject({ devSignIn: false, secret: undefined });
  });

  it('is off beside a JWKS and refused in production', () => {
    expect(loadConfig({ NODE_ENV: 'development', JWT_JWKS_URL: 'https://keys.example/jwks.json' }).auth.devSignIn).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), DEV_SIGN_IN: 'true' })).toThrow(
      new ConfigError('DEV_SIGN_IN=true is refused in production: anyone could sign in with any role. Issue real tokens.'),
    );
  });
});
