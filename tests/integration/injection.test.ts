/**
 * Injection: strings full of Cypher syntax in every string argument are data, never code. Each answer is the
 * correct one for a value that matches nothing (null, an empty list, or a clear BAD_USER_INPUT for a cursor or a
 * full-text query it cannot read), and the graph is unchanged afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Database } from '../../src/db/database.js';
import { connectTestDatabase } from '../helpers/database.js';
import { loadFixtureGraph } from '../helpers/fixture.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const PAYLOADS = [
  `' OR 1=1 //`,
  `"}) MATCH (n) DETACH DELETE n //`,
  '`) DETACH DELETE n RETURN 1 //',
  `x'}) WITH 1 AS x MATCH (n) DETACH DELETE n RETURN {id: 'x'} //`,
  `\\' ; CALL db.clearQueryCaches() /* */ $keys {}`,
  `TA1' OR n.odsCode <> '`,
];

/** [query over $s, path to the answer, the answer for a value that matches nothing] */
const QUERIES: Array<[string, unknown]> = [
  ['query ($s: ID!) { trust(odsCode: $s) { name } }', { trust: null }],
  ['query ($s: String) { trusts(filter: { nameContains: $s }) { totalCount nodes { odsCode } } }', { trusts: { totalCount: 0, nodes: [] } }],
  ['query ($s: ID!) { trusts(filter: { supplierIds: [$s] }) { totalCount } }', { trusts: { totalCount: 0 } }],
  [
    'query ($s: ID!) { supplier(id: $s) { name } product(id: $s) { name } implementation(id: $s) { year } }',
    { supplier: null, product: null, implementation: null },
  ],
  ['query ($s: ID!) { implementations(filter: { supplierIds: [$s], productIds: [$s] }) { totalCount } }', { implementations: { totalCount: 0 } }],
  ['query ($s: ID!) { implementations(filter: { trustOdsCodes: [$s] }) { totalCount } }', { implementations: { totalCount: 0 } }],
  [
    'query ($s: ID!) { role(id: $s) { name } participant(code: $s) { code } interview(id: $s) { date } insight(id: $s) { quote } workshop(id: $s) { title } }',
    { role: null, participant: null, interview: null, insight: null, workshop: null },
  ],
  ['query ($s: ID!) { insights(filter: { determinantIds: [$s], roleIds: [$s], trustOdsCodes: [$s] }) { totalCount } }', { insights: { totalCount: 0 } }],
  [
    'query ($s: ID!) { determinant(id: $s) { name } source(id: $s) { title } supportOffer(id: $s) { name } policyDecision(id: $s) { name } node(id: $s) { id } }',
    { determinant: null, source: null, supportOffer: null, policyDecision: null, node: null },
  ],
  ['query ($s: String) { determinants(category: $s) { determinantId } }', { determinants: [] }],
  [
    'query ($s: ID!) { determinant(id: "D01") { insights(filter: { roleIds: [$s], trustOdsCodes: [$s] }) { totalCount } } }',
    { determinant: { insights: { totalCount: 0 } } },
  ],
];

/** Arguments that must be well-formed: a wrong value is refused as bad input, never run. */
const REFUSED_OR_EMPTY: string[] = [
  'query ($s: String) { trusts(after: $s) { totalCount } }',
  'query ($s: String) { implementations(after: $s) { totalCount } }',
  'query ($s: String) { insights(after: $s) { totalCount } }',
  'query ($s: String) { insights(filter: { text: $s }) { totalCount nodes { insightId } } }',
];

let db: Database;
let server: TestServer;

async function fingerprint(): Promise<string> {
  const rows = await db.readQuery(
    `MATCH (n) WITH n ORDER BY elementId(n)
     WITH collect([labels(n), properties(n)]) AS nodes
     OPTIONAL MATCH ()-[r]->() WITH nodes, r ORDER BY elementId(r)
     RETURN nodes, collect([type(r), properties(r)]) AS relationships`,
  );
  return JSON.stringify(rows);
}

beforeAll(async () => {
  db = connectTestDatabase();
  await loadFixtureGraph(db);
  server = await startTestServer(db, { ANONYMOUS_ROLE: 'researcher' });
});

afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe('strings full of Cypher syntax', () => {
  let before: string;
  beforeAll(async () => {
    before = await fingerprint();
  });

  const cases = PAYLOADS.flatMap((payload) => QUERIES.map(([query, expected]) => ({ payload, query, expected })));
  it.each(cases)('are data in $query with $payload', async ({ payload, query, expected }) => {
    const result = await server.graphql(query, { s: payload });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual(expected);
  });

  const refused = PAYLOADS.flatMap((payload) => REFUSED_OR_EMPTY.map((query) => ({ payload, query })));
  it.each(refused)('are refused as bad input or match nothing in $query with $payload', async ({ payload, query }) => {
    const result = await server.graphql<Record<string, { totalCount: number }>>(query, { s: payload });
    if (result.errors) {
      expect(result.errors.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    } else {
      expect(Object.values(result.data ?? {})[0]?.totalCount).toBe(0);
    }
  });

  it('leave the graph exactly as it was', async () => {
    expect(await fingerprint()).toBe(before);
    const [{ nodes }] = (await db.readQuery<{ nodes: number }>('MATCH (n) WHERE NOT n:SchemaMigration RETURN count(n) AS nodes')) as [{ nodes: number }];
    expect(nodes).toBeGreaterThanOrEqual(80);
  });

  it('are found verbatim when they are the data: a quote with quotes and an apostrophe', async () => {
    const result = await server.graphql<{ insights: { nodes: Array<{ insightId: string; quote: string }> } }>(
      'query ($s: String) { insights(filter: { text: $s }) { nodes { insightId quote } } }',
      { s: '"the pause"' },
    );
    expect(result.data?.insights.nodes).toEqual([{ insightId: 'i01-02', quote: `We called it "the pause", and it's the best decision we made.` }]);
  });
});
