/**
 * Limits against abuse: a query over a limit is refused with QUERY_TOO_COMPLEX, a message naming the limit and by
 * how much, before it reaches Neo4j (extensions.db.queries is 0 or absent).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Database } from '../../src/db/database.js';
import { connectTestDatabase } from '../helpers/database.js';
import { loadFixtureGraph } from '../helpers/fixture.js';
import { startTestServer, type GraphQLResponse, type TestServer } from '../helpers/server.js';

let db: Database;
let server: TestServer;

beforeAll(async () => {
  db = connectTestDatabase();
  await loadFixtureGraph(db);
  server = await startTestServer(db);
});

afterAll(async () => {
  await server?.close();
  await db?.close();
});

/** `{ trust(odsCode: "TA1") { implementations { trust { ... { name } } } } }`, `depth` fields deep (depth even). */
function nestedQuery(depth: number): string {
  let selection = 'name';
  for (let level = depth - 1; level >= 2; level -= 1) selection = `${level % 2 === 0 ? 'implementations' : 'trust'} { ${selection} }`;
  return `{ trust(odsCode: "TA1") { ${selection} } }`;
}

function expectRefused(result: GraphQLResponse, message: string) {
  expect(result.data ?? undefined).toBeUndefined();
  expect(result.errors).toHaveLength(1);
  expect(result.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  expect(result.errors?.[0]?.message).toContain(message);
  expect(result.extensions?.db?.queries ?? 0).toBe(0);
}

describe('limits', () => {
  it('refuses a query nested deeper than MAX_QUERY_DEPTH (10), saying by how much', async () => {
    const result = await server.graphql(nestedQuery(14));
    expectRefused(result, 'Query depth 14 exceeds the limit of 10 by 4.');
  });

  it('accepts a query at the depth limit', async () => {
    const result = await server.graphql(nestedQuery(10));
    expect(result.errors).toBeUndefined();
  });

  it('refuses nested connections whose page sizes multiply past MAX_QUERY_COST (25000)', async () => {
    // 1 + 100 x (nodes 1 + implementations 10 x (trust 1 + interviews 10 x (1 + insights 10 x summary 1)))
    const query = '{ trusts(first: 100) { nodes { implementations { trust { interviews { insights { summary } } } } } } }';
    const result = await server.graphql(query);
    expectRefused(result, 'Query cost 112201 exceeds the limit of 25000 by 87201.');
  });

  it('takes `first` from variables when it measures the cost', async () => {
    const query = 'query ($n: Int) { trusts(first: $n) { nodes { implementations { trust { interviews { insights { summary } } } } } } }';
    expectRefused(await server.graphql(query, { n: 50 }), 'Query cost 56101 exceeds the limit of 25000 by 31101.');
  });

  it('refuses more aliases than MAX_QUERY_ALIASES (30)', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: serverInfo { version }`).join(' ');
    expectRefused(await server.graphql(`{ ${aliases} }`), 'Alias count 31 exceeds the limit of 30 by 1.');
  });

  it('refuses more directives than MAX_QUERY_DIRECTIVES (20)', async () => {
    const fields = 'version @include(if: true) '.repeat(21);
    expectRefused(await server.graphql(`{ serverInfo { ${fields}} }`), 'Directive count 21 exceeds the limit of 20 by 1.');
  });

  it('refuses a document of more than MAX_QUERY_TOKENS (2000) tokens before parsing it', async () => {
    const fields = Array.from({ length: 2100 }, () => 'version').join(' ');
    expectRefused(await server.graphql(`{ serverInfo { ${fields} } }`), 'Token count 2105 exceeds the limit of 2000 by 105.');
  });

  it('refuses a request body over MAX_BODY_SIZE (100kb) with 413', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ serverInfo { version } } # ${'x'.repeat(110_000)}` }),
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as GraphQLResponse;
    expectRefused(body, 'Request body size');
    expect(body.errors?.[0]?.message).toMatch(/exceeds the limit of 102400 bytes by \d+\./);
  });

  it('refuses a page larger than MAX_PAGE_SIZE (100)', async () => {
    const result = await server.graphql('{ trusts(first: 101) { totalCount } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('reads every limit from the environment', async () => {
    const strict = await startTestServer(db, {
      MAX_QUERY_DEPTH: '2',
      MAX_QUERY_COST: '5',
      MAX_QUERY_ALIASES: '0',
      MAX_QUERY_DIRECTIVES: '0',
      MAX_QUERY_TOKENS: '20',
    });
    try {
      expectRefused(await strict.graphql('{ trust(odsCode: "TA1") { implementations { year } } }'), 'Query depth 3 exceeds the limit of 2 by 1.');
      expectRefused(await strict.graphql('{ a: serverInfo { version } }'), 'Alias count 1 exceeds the limit of 0 by 1.');
      expectRefused(await strict.graphql('{ serverInfo @skip(if: false) { version } }'), 'Directive count 1 exceeds the limit of 0 by 1.');
      expectRefused(await strict.graphql('{ trusts(first: 5) { totalCount } }'), 'Query cost 6 exceeds the limit of 5 by 1.');
      expectRefused(await strict.graphql(`{ serverInfo { ${'version '.repeat(18)}} }`), 'Token count 23 exceeds the limit of 20 by 3.');
    } finally {
      await strict.close();
    }
  });
});
