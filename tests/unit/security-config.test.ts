import { buildSchema as parseSdl, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';

import { loadConfig } from '../../src/config.js';
import { measureOperation } from '../../src/limits/measure.js';

describe('security configuration', () => {
  it.each([
    ['development', 'viewer'],
    ['test', 'viewer'],
    ['production', null],
  ] as const)('lets a request without a token act as %s: %s', (environment, role) => {
    // A secret, because production refuses to start when no token could ever be verified.
    expect(loadConfig({ NODE_ENV: environment, JWT_SECRET: 'x'.repeat(32) }).auth.anonymousRole).toBe(role);
  });

  it('refuses a JWT_SECRET shorter than 32 bytes', () => {
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow('JWT_SECRET must be at least 32 bytes long (got 5).');
  });

  it('refuses JWT_SECRET and JWT_JWKS_URL together', () => {
    expect(() => loadConfig({ JWT_SECRET: 'x'.repeat(32), JWT_JWKS_URL: 'https://idp.example/jwks' })).toThrow('not both');
  });
});

describe('measureOperation', () => {
  const schema = parseSdl(`
    type Query { things(first: Int = 20): ThingConnection! thing: Thing }
    type ThingConnection { nodes: [Thing!]! totalCount: Int! }
    type Thing { name: String! parts: [Thing!]! children(first: Int = 5): ThingConnection! }
  `);
  const measure = (query: string, variables = {}) => {
    const document = parse(query);
    return measureOperation(schema, document, document.definitions[0] as OperationDefinitionNode, variables);
  };

  it('multiplies nested connections by their page sizes, literal, variable or default', () => {
    // 1 + 3 x (nodes 1 + children 1 + 5 x (nodes 1 + 1 x name 1))
    expect(measure('{ things(first: 3) { nodes { children { nodes { name } } } } }').cost).toBe(1 + 3 * (1 + 1 + 5 * 2));
    expect(measure('query ($n: Int) { things(first: $n) { totalCount } }', { n: 7 }).cost).toBe(8);
    expect(measure('{ things { totalCount } }').cost).toBe(21);
  });

  it('counts a plain list as ten and measures a fragment once wherever it is spread', () => {
    const result = measure('{ thing { ...P ...P } } fragment P on Thing { parts { name } }');
    expect(result).toEqual({ depth: 3, cost: 1 + 2 * (1 + 10), aliases: 0, directives: 0 });
  });
});
