/**
 * The defects an adversarial round found in the API (issue 17), each pinned by the request that showed it: the cost
 * estimate bypassed through variables and nulls, a statement per parent under a list, role leaks, inline input
 * objects the driver could not send, unbounded full-text queries and misleading limit messages.
 */
import http from 'node:http';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Database } from '../../src/db/database.js';
import { toGlobalId } from '../../src/modules/shared/global-id.js';
import { connectTestDatabase } from '../helpers/database.js';
import { loadFixtureGraph } from '../helpers/fixture.js';
import { startTestServer, type GraphQLResponse, type TestServer } from '../helpers/server.js';
import { bearer, TEST_JWT_SECRET } from '../helpers/tokens.js';

let db: Database;
let server: TestServer;

beforeAll(async () => {
  db = connectTestDatabase();
  await loadFixtureGraph(db);
  server = await startTestServer(db, { JWT_SECRET: TEST_JWT_SECRET });
});

afterAll(async () => {
  await server?.close();
  await db?.close();
});

const asResearcher = async (query: string, variables?: Record<string, unknown>) => server.graphql(query, variables, await bearer('researcher'));

describe('the cost estimate uses the page size the resolver uses', () => {
  // first x (nodes 1 + (determinants 1 + 10 x (determinant 1 + (insights 1 + 100 x (nodes 1 + summary 1))))), plus 1
  const nested = (first: string) => `{ insights(first: ${first}) { nodes { determinants { determinant { insights(first: 100) { nodes { summary } } } } } } }`;
  const refusal = (cost: number) => `Query cost ${cost} exceeds the limit of 25000 by ${cost - 25000}.`;
  const costOf = (first: number) => 1 + first * (1 + (1 + 10 * (1 + (1 + 100 * (1 + 1)))));
  const literal100 = costOf(100);
  const literal20 = costOf(20);

  it.each([
    ['a literal', nested('100'), undefined, literal100],
    ['a variable sent', `query ($n: Int) ${nested('$n')}`, { n: 100 }, literal100],
    ['a variable default not sent', `query ($n: Int = 100) ${nested('$n')}`, {}, literal100],
    ['a variable default, the variable sent as null', `query ($n: Int = 100) ${nested('$n')}`, { n: null }, literal20],
    ['first: null (the argument default, 20)', nested('null'), undefined, literal20],
    ['a variable not sent and without a default (20)', `query ($n: Int) ${nested('$n')}`, {}, literal20],
  ])('counts %s', async (_case, query, variables, cost) => {
    const result = await asResearcher(query, variables);
    expect(result.errors?.map((error) => [error.extensions?.code, error.message.split(' Ask')[0]])).toEqual([['QUERY_TOO_COMPLEX', refusal(cost)]]);
    expect(result.extensions?.db?.queries ?? 0).toBe(0);
  });

  it('reports a cost too large to count as a lower bound, not Infinity', async () => {
    let selection = 'summary';
    for (let level = 0; level < 24; level += 1) selection = `determinants { determinant { insights(first: 100) { nodes { ${selection} } } } }`;
    const strict = await startTestServer(db, { MAX_QUERY_DEPTH: '100' });
    try {
      const result = await strict.graphql(`{ insights(first: 100) { nodes { ${selection} } } }`);
      expect(result.errors?.[0]?.message).toBe(
        'Query cost of at least 9007199254740991 exceeds the limit of 25000. Ask for smaller pages (`first`) in nested connections, or split the query.',
      );
    } finally {
      await strict.close();
    }
  });
});

describe('a connection under a list', () => {
  it('is one statement for all its parents', async () => {
    const result = await asResearcher('{ determinants { determinantId insights(first: 2) { totalCount nodes { insightId } } } }');
    expect(result.errors).toBeUndefined();
    const determinants = (result.data as { determinants: Array<{ determinantId: string; insights: unknown }> }).determinants;
    expect(determinants.map((d) => [d.determinantId, d.insights])).toEqual([
      ['D01', { totalCount: 5, nodes: [{ insightId: 'i01-01' }, { insightId: 'i02-02' }] }],
      ['D02', { totalCount: 2, nodes: [{ insightId: 'i02-01' }, { insightId: 'i02-02' }] }],
      ['D03', { totalCount: 3, nodes: [{ insightId: 'i01-02' }, { insightId: 'i03-02' }] }],
      ['D04', { totalCount: 0, nodes: [] }],
      ['D05', { totalCount: 3, nodes: [{ insightId: 'i01-03' }, { insightId: 'i05-01' }] }],
    ]);
    expect(result.extensions?.db?.queries).toBe(2); // the determinants, then every page
  });

  it('pages each parent on from its own cursor', async () => {
    const first = await asResearcher('{ determinant(id: "D01") { insights(first: 2) { pageInfo { endCursor } } } }');
    const cursor = (first.data as { determinant: { insights: { pageInfo: { endCursor: string } } } }).determinant.insights.pageInfo.endCursor;
    const next = await asResearcher(`{ determinant(id: "D01") { insights(first: 2, after: "${cursor}") { nodes { insightId } } } }`);
    expect(next.data).toEqual({ determinant: { insights: { nodes: [{ insightId: 'i03-01' }, { insightId: 'i03-02' }] } } });
  });
});

describe('what a role below a record cannot learn', () => {
  it('refuses an analyst who interviews a participant gave (the interview-participant relation is for researchers)', async () => {
    const result = await server.graphql('{ participant(code: "p01") { code interviews { interviewId } } }', {}, await bearer('analyst'));
    // The refused field is nullable (issue 15): it alone becomes null, and the participant keeps its code.
    expect(result.data).toEqual({ participant: { code: 'p01', interviews: null } });
    expect(result.errors?.[0]?.message).toBe('Participant.interviews needs the researcher role; your token has analyst.');
  });

  it.each([
    ['an existing participant', toGlobalId('Participant', 'p01')],
    ['a participant that does not exist', toGlobalId('Participant', 'p99')],
  ])('answers node(id:) of %s to a viewer with the same refusal', async (_case, id) => {
    const result = await server.graphql(`{ node(id: "${id}") { __typename id } }`, {}, await bearer('viewer'));
    expect(result).toMatchObject({
      data: { node: null },
      errors: [{ message: 'node(id:) of a Participant needs the analyst role; your token has viewer.', extensions: { code: 'FORBIDDEN' } }],
    });
  });

  it('lists interviews by id, not by their researcher-only dates', async () => {
    await db.writeQuery('MATCH (iv:Interview {id: "i03"}) SET iv.date = date("2023-02-01")');
    try {
      const analyst = await bearer('analyst');
      const trust = await server.graphql('{ trust(odsCode: "TA4") { interviews { interviewId } } }', {}, analyst);
      expect(trust.data).toEqual({ trust: { interviews: [{ interviewId: 'i03' }, { interviewId: 'i04' }] } });
      const all = await server.graphql('{ interviews { interviewId } }', {}, analyst);
      expect(all.data).toEqual({ interviews: ['i01', 'i02', 'i03', 'i04', 'i05'].map((interviewId) => ({ interviewId })) });
    } finally {
      await db.writeQuery('MATCH (iv:Interview {id: "i03"}) SET iv.date = date("2023-01-17")');
    }
  });
});

describe('inline input objects', () => {
  it('reach the database like variables (graphql-js builds them without a prototype)', async () => {
    const result = await asResearcher(
      'mutation { unlinkInsightFromDeterminant(input: { insightId: "i03-02", determinantId: "D03" }) { insight { insightId determinants { determinant { determinantId } } } userErrors { message } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      unlinkInsightFromDeterminant: { insight: { insightId: 'i03-02', determinants: [{ determinant: { determinantId: 'D01' } }] }, userErrors: [] },
    });
    const relink = await asResearcher(
      'mutation { linkInsightToDeterminant(input: { insightId: "i03-02", determinantId: "D03", stance: CONTRADICTS }) { userErrors { message } } }',
    );
    expect(relink.data).toEqual({ linkInsightToDeterminant: { userErrors: [] } });
  });
});

describe('full-text queries', () => {
  const search = async (text: string) => asResearcher('query ($text: String!) { insights(filter: { text: $text }) { totalCount } }', { text });

  it.each([
    ['5,000 OR terms', Array.from({ length: 5000 }, (_, i) => `w${i}`).join(' OR '), 'filter.text has 5000 terms; a search takes at most 64.'],
    ['200 fuzzy terms', Array.from({ length: 200 }, (_, i) => `word${i}~`).join(' '), 'filter.text has 200 terms; a search takes at most 64.'],
    ['9 fuzzy or wildcard terms', 'a~ b~ c~ d~ e~ f* g* h? i~', 'filter.text has 9 fuzzy (~) or wildcard (* ?) terms; a search takes at most 8.'],
  ])('refuses %s as bad input before Neo4j runs it', async (_case, text, message) => {
    const result = await search(text);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain(message);
    expect(result.extensions?.db?.queries).toBe(0);
  });

  it('accepts a query at the bounds', async () => {
    const text = ['design~', 'clinic*', ...Array.from({ length: 62 }, (_, i) => `w${i}`)].join(' OR ');
    const result = await search(text);
    expect(result.errors).toBeUndefined();
  });
});

describe('a chunked body over the size limit', () => {
  it('is refused with 413 and a message without a negative excess', async () => {
    const { status, body } = await new Promise<{ status: number; body: GraphQLResponse }>((resolve, reject) => {
      const request = http.request(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as GraphQLResponse }));
      });
      request.on('error', reject);
      request.write(`{"query": "{ serverInfo { version } }", "pad": "`);
      for (let i = 0; i < 20; i += 1) request.write('x'.repeat(10_000)); // chunked: no content-length
      request.end('"}');
    });
    expect(status).toBe(413);
    expect(body.errors?.[0]?.message).toMatch(/^Request body size of at least \d+ bytes exceeds the limit of 102400 bytes\. Send a smaller request\.$/);
  });
});
