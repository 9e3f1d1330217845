/**
 * Access control: every sensitive field for every role, allowed and refused, and the tokens that are refused.
 * Roles: viewer < analyst < researcher; without a token a test server acts as viewer (ANONYMOUS_ROLE default).
 */
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { mintToken } from '../../src/auth/tokens.js';
import type { Database } from '../../src/db/database.js';
import { connectTestDatabase } from '../helpers/database.js';
import { loadFixtureGraph } from '../helpers/fixture.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { bearer, TEST_JWT_SECRET } from '../helpers/tokens.js';

type Role = 'anonymous' | 'viewer' | 'analyst' | 'researcher';
const RANK: Record<Role, number> = { anonymous: 0, viewer: 0, analyst: 1, researcher: 2 };

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

async function ask(role: Role, query: string) {
  return server.graphql(query, {}, role === 'anonymous' ? {} : await bearer(role));
}

/** [field, role it needs, query, the value at `path` when allowed] */
const SENSITIVE: Array<[string, 'viewer' | 'analyst' | 'researcher', string, string[], unknown]> = [
  ['Trust.name', 'viewer', '{ trust(odsCode: "TA1") { name } }', ['trust', 'name'], 'Alpha Acute Hospitals NHS Trust'],
  [
    'EvidenceSummary.insights',
    'viewer',
    '{ supportOffer(id: "offer-thin") { evidence { summary { insights } } } }',
    ['supportOffer', 'evidence', 'summary', 'insights'],
    2,
  ],
  [
    'Insight.summary',
    'analyst',
    '{ insight(id: "i01-01") { summary } }',
    ['insight', 'summary'],
    'The CIO and CCIO credited a clinician-chaired design authority with winning clinical trust in the new record.',
  ],
  [
    'Insight.determinants',
    'analyst',
    '{ insight(id: "i02-02") { determinants { determinant { determinantId } stance } } }',
    ['insight', 'determinants'],
    [
      { determinant: { determinantId: 'D01' }, stance: 'SUPPORTS' },
      { determinant: { determinantId: 'D02' }, stance: 'SUPPORTS' },
    ],
  ],
  ['Participant.code', 'analyst', '{ participant(code: "p01") { code role { roleId } } }', ['participant'], { code: 'p01', role: { roleId: 'cio' } }],
  [
    'Trust.interviews',
    'analyst',
    '{ trust(odsCode: "TA4") { interviews { interviewId } } }',
    ['trust', 'interviews'],
    [{ interviewId: 'i03' }, { interviewId: 'i04' }],
  ],
  ['Determinant.insights', 'analyst', '{ determinant(id: "D01") { insights(first: 1) { totalCount } } }', ['determinant', 'insights', 'totalCount'], 5],
  [
    'EvidenceTrail.insights',
    'analyst',
    '{ supportOffer(id: "offer-thin") { evidence { insights { insight { insightId } } } } }',
    ['supportOffer', 'evidence', 'insights'],
    [{ insight: { insightId: 'i02-01' } }, { insight: { insightId: 'i02-02' } }],
  ],
  [
    'SupportOffer.evidenceGraph',
    'analyst',
    '{ supportOffer(id: "offer-thin") { evidenceGraph { nodes { type } } } }',
    ['supportOffer', 'evidenceGraph', 'nodes', 'length'],
    7,
  ],
  ['Insight.quote', 'researcher', '{ insight(id: "i01-01") { quote } }', ['insight', 'quote'], 'Once the clinicians owned the design, the arguments stopped.'],
  ['Interview.date', 'researcher', '{ interview(id: "i01") { date } }', ['interview', 'date'], '2023-01-10'],
  ['Interview.method', 'researcher', '{ interview(id: "i01") { method } }', ['interview', 'method'], 'VIDEO_CALL'],
  [
    'Interview.participants',
    'researcher',
    '{ interview(id: "i01") { participants { code } } }',
    ['interview', 'participants'],
    [{ code: 'p01' }, { code: 'p02' }],
  ],
];

const MATRIX = SENSITIVE.flatMap(([field, needs, query, path, value]) =>
  (['anonymous', 'viewer', 'analyst', 'researcher'] as const).map((role) => ({ field, needs, query, path, value, role })),
);

function at(data: unknown, path: string[]): unknown {
  return path.reduce<unknown>((value, key) => (value as Record<string, unknown> | null | undefined)?.[key], data);
}

describe('the role x sensitive field matrix', () => {
  it.each(MATRIX.filter((c) => RANK[c.role] >= RANK[c.needs]))('$field is readable by $role', async ({ role, query, path, value }) => {
    const result = await ask(role, query);
    expect(result.errors).toBeUndefined();
    expect(at(result.data, path)).toEqual(value);
  });

  it.each(MATRIX.filter((c) => RANK[c.role] < RANK[c.needs]))('$field is refused to $role without its value', async ({ needs, role, query, value }) => {
    const result = await ask(role, query);
    const error = result.errors?.[0];
    expect(error?.extensions?.code).toBe(role === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    // The first field refused names the role it needs: a viewer asking for a quote is stopped at Query.insight.
    const barrier = RANK[role] === 0 && needs === 'researcher' ? 'analyst' : needs;
    expect(error?.message).toContain(`needs the ${barrier} role`);
    const leaked = typeof value === 'string' ? value : JSON.stringify(value);
    // Data and errors only: the timings in extensions.db are numbers too, and a "5" there is no leak.
    expect(JSON.stringify({ data: result.data, errors: result.errors })).not.toContain(leaked);
  });
});

describe('refused tokens', () => {
  const secret = new TextEncoder().encode(TEST_JWT_SECRET);
  const now = () => Math.floor(Date.now() / 1000);

  async function status(authorization: string) {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ query: '{ trust(odsCode: "TA1") { name } }' }),
    });
    return {
      status: response.status,
      body: (await response.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> },
    };
  }

  it.each([
    [
      'expired',
      async () =>
        `Bearer ${await new SignJWT({ role: 'researcher' })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('x')
          .setExpirationTime(now() - 60)
          .sign(secret)}`,
      'has expired',
    ],
    ['malformed', async () => 'Bearer not.a.jwt', 'malformed'],
    [
      'signed with another secret',
      async () =>
        `Bearer ${await new SignJWT({ role: 'researcher' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime('5m').sign(new TextEncoder().encode('another-secret-of-at-least-32-bytes!!'))}`,
      'signature is not valid',
    ],
    [
      'unsigned (alg none)',
      async () => `Bearer ${btoa('{"alg":"none"}').replace(/=/g, '')}.${btoa(`{"role":"researcher","sub":"x","exp":${now() + 300}}`).replace(/=/g, '')}.`,
      'algorithm',
    ],
    [
      'without a role claim',
      async () => `Bearer ${await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime('5m').sign(secret)}`,
      '"role" claim',
    ],
    ['not a bearer header', async () => 'Basic dXNlcjpwYXNz', 'Bearer <token>'],
  ])('refuses a token that is %s with 401 UNAUTHENTICATED and no data', async (_case, authorization, message) => {
    const { status: code, body } = await status(await authorization());
    expect(code).toBe(401);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.errors?.[0]?.message).toContain(message);
  });
});

describe('in production', () => {
  let production: TestServer;
  beforeAll(async () => {
    production = await startTestServer(db, { NODE_ENV: 'production', JWT_SECRET: TEST_JWT_SECRET, JWT_ISSUER: 'epr-graph' });
  });
  afterAll(async () => production?.close());

  it.each(['{ trust(odsCode: "TA1") { name } }', '{ __typename }', '{ trsut { name } }'])(
    'refuses %s without a token as a whole, with 401, saying how to send one',
    async (query) => {
      const response = await fetch(`${production.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        errors: [
          {
            message: 'This server refuses requests without a token. Send "Authorization: Bearer <token>" with a token of the role you need.',
            extensions: { code: 'UNAUTHENTICATED' },
          },
        ],
      });
    },
  );

  it('suggests no field names, even to a caller with a token', async () => {
    const token = await mintToken({ secret: TEST_JWT_SECRET, role: 'viewer', subject: 'v', expiresIn: '5m', issuer: 'epr-graph' });
    const result = await production.graphql('{ trust(odsCode: "TA1") { nmae } }', {}, { authorization: `Bearer ${token}` });
    expect(result.errors?.map((error) => error.message)).toEqual(['Cannot query field "nmae" on type "Trust".']);
  });

  it('refuses a token from another issuer when JWT_ISSUER is set', async () => {
    const result = await production.graphql('{ trust(odsCode: "TA1") { name } }', {}, await bearer('viewer'));
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.errors?.[0]?.message).toContain('"iss" claim');
  });

  it('turns introspection off', async () => {
    const token = await mintToken({ secret: TEST_JWT_SECRET, role: 'researcher', subject: 'r', expiresIn: '5m', issuer: 'epr-graph' });
    const result = await production.graphql('{ __schema { queryType { name } } }', {}, { authorization: `Bearer ${token}` });
    expect(result.errors?.[0]?.message).toMatch(/introspection/i);
  });
});

describe('full-text search and quotes', () => {
  const SEARCH = '{ insights(filter: { text: "arguments" }) { totalCount nodes { insightId } } }';

  it('searches quotes for a researcher', async () => {
    // "arguments" is only in the quote of i01-01 ("... the arguments stopped."), not in any summary.
    const response = await ask('researcher', SEARCH);
    expect(response.data).toEqual({ insights: { totalCount: 1, nodes: [{ insightId: 'i01-01' }] } });
  });

  it('searches summaries only for an analyst, so a hit cannot reveal what a quote says', async () => {
    const response = await ask('analyst', SEARCH);
    expect(response.data).toEqual({ insights: { totalCount: 0, nodes: [] } });
  });
});
