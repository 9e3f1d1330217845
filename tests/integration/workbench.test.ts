/**
 * The analysts' workbench on the server side: the landing page, the development sign-in, refused fields that come
 * back null without taking their parents with them, and every example and dashboard operation run as each role
 * that is shown it, without an error. Answer key: tests/fixtures/graph/README.md.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { decodeJwt } from 'jose';
import { parse, print, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { documentRole } from '../../src/auth/field-roles.js';
import { ACCESS_ROLES, hasRole, type AccessRole } from '../../src/auth/roles.js';
import {
  DashboardDeterminantInsightsDocument,
  DashboardEvidenceDocument,
  DashboardEvidenceInsightsDocument,
  DashboardEvidenceInsightsPageDocument,
  DashboardFindingsDocument,
  DashboardNodeDetailsDocument,
  DashboardOffersComparedDocument,
  DashboardStrengthDocument,
  DashboardSubjectDocument,
  DashboardSubjectsDocument,
  DashboardSuppliersDocument,
  DashboardTrailDocument,
  DashboardTrustsDocument,
} from '../../src/client/index.js';
import { projectRoot } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { splitExamples } from '../../src/explorer/examples.js';
import { toGlobalId } from '../../src/modules/shared/global-id.js';
import { buildSchema } from '../../src/schema.js';
import { connectTestDatabase } from '../helpers/database.js';
import { loadFixtureGraph } from '../helpers/fixture.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { bearer, TEST_JWT_SECRET } from '../helpers/tokens.js';

let db: Database;
let server: TestServer;
let signInServer: TestServer;

beforeAll(async () => {
  db = connectTestDatabase();
  await loadFixtureGraph(db);
  server = await startTestServer(db, { JWT_SECRET: TEST_JWT_SECRET });
  signInServer = await startTestServer(db, { DEV_SIGN_IN: 'true' });
});

afterAll(async () => {
  await signInServer?.close();
  await server?.close();
  await db?.close();
});

describe('the landing page', () => {
  it('links the dashboard, the explorer, the docs and the schema', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect([...html.matchAll(/href="([^"]+)"/g)].map((match) => match[1])).toEqual(['/dashboard', '/explorer', '/docs', '/schema.graphql', '/graphql']);
    for (const link of ['/docs', '/schema.graphql']) expect((await fetch(`${server.url}${link}`)).status).toBe(200);
  });
});

describe('the development sign-in', () => {
  it('gives a token of the chosen role that lives an hour, which the server then accepts', async () => {
    expect(await (await fetch(`${signInServer.url}/auth/sign-in`)).json()).toEqual({ roles: ['viewer', 'analyst', 'researcher'], expiresInSeconds: 3600 });
    const response = await fetch(`${signInServer.url}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'analyst' }),
    });
    const body = (await response.json()) as { token: string; role: string; expiresAt: string };
    expect(body.role).toBe('analyst');
    const claims = decodeJwt(body.token);
    expect([claims.role, claims.sub, claims.exp! - claims.iat!]).toEqual(['analyst', 'dev-sign-in:analyst', 3600]);
    const asked = await signInServer.graphql('{ accessRole insight(id: "i01-01") { insightId } }', {}, { authorization: `Bearer ${body.token}` });
    expect(asked).toMatchObject({ data: { accessRole: 'ANALYST', insight: { insightId: 'i01-01' } } });
  });

  it('refuses a role it does not know, saying which ones it has', async () => {
    const response = await fetch(`${signInServer.url}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'admin' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'Send {"role": "<role>"} with a role of viewer, analyst, researcher (got "admin").' });
  });

  it('is not there unless DEV_SIGN_IN is on', async () => {
    expect((await fetch(`${server.url}/auth/sign-in`)).status).toBe(404);
    expect(
      (await fetch(`${server.url}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"role":"researcher"}' })).status,
    ).toBe(404);
  });
});

describe('a refused field', () => {
  // The first trail on a fresh server runs Neo4j's cold plans: allow for a busy machine.
  it("comes back null with its error, and the decision, its trail and the interview's id stay", { timeout: 180_000 }, async () => {
    const response = await server.graphql<{
      policyDecision: {
        name: string;
        evidence: { insights: Array<{ insight: { insightId: string }; interview: { interviewId: string; date: string | null } }> };
      };
    }>(
      '{ policyDecision(id: "dec-centre") { name evidence { insights { insight { insightId } interview { interviewId date } } } } }',
      {},
      await bearer('analyst'),
    );
    expect(response.data?.policyDecision.name).toBe('Create a fixture centre of excellence');
    const insights = response.data!.policyDecision.evidence.insights;
    expect(insights).toHaveLength(10);
    expect(insights[0]).toEqual({ insight: { insightId: 'i01-01' }, interview: { interviewId: 'i01', date: null } });
    expect(response.errors).toHaveLength(10);
    expect(response.errors![0]).toMatchObject({
      message: 'Interview.date needs the researcher role; your token has analyst.',
      path: ['policyDecision', 'evidence', 'insights', 0, 'interview', 'date'],
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it.each([
    [
      'a trust keeps its name when its interviews are refused',
      '{ trust(odsCode: "TA4") { name interviews { interviewId } } }',
      { trust: { name: 'Delta University Hospitals NHS Foundation Trust', interviews: null } },
    ],
    [
      'a root sibling keeps its data when a root field is refused',
      '{ supportOffers { offerId } insights(first: 1) { totalCount } }',
      { supportOffers: [{ offerId: 'offer-broad' }, { offerId: 'offer-thin' }], insights: null },
    ],
    [
      "an offer keeps its trail's summary when its insights are refused",
      '{ supportOffer(id: "offer-thin") { evidence { summary { insights } insights { stance } } evidenceGraph { nodes { id } } } }',
      { supportOffer: { evidence: { summary: { insights: 2 }, insights: null }, evidenceGraph: null } },
    ],
  ])('for a viewer: %s', async (_name, query, data) => {
    const response = await server.graphql(query, {}, await bearer('viewer'));
    expect(response.data).toEqual(data);
    expect(response.errors?.every((error) => error.extensions?.code === 'FORBIDDEN')).toBe(true);
  });
});

const schema = buildSchema();
const examples = splitExamples(readFileSync(path.join(projectRoot, 'src', 'client', 'operations', 'examples.graphql'), 'utf8'));
/** The fixture's ids for the variables the examples declare (their defaults are the bundled data's). */
const FIXTURE_VARIABLES: Record<string, unknown> = { offerId: 'offer-broad', decisionId: 'dec-centre', odsCode: 'TA4', text: 'migration' };

function variablesFor(query: string): Record<string, unknown> {
  const operation = parse(query).definitions[0] as OperationDefinitionNode;
  return Object.fromEntries(
    (operation.variableDefinitions ?? []).flatMap((v) =>
      v.variable.name.value in FIXTURE_VARIABLES ? [[v.variable.name.value, FIXTURE_VARIABLES[v.variable.name.value]]] : [],
    ),
  );
}

describe('every explorer example', () => {
  const cases = examples.flatMap((tab) => {
    const needed = documentRole(schema, parse(tab.query));
    return ACCESS_ROLES.filter((role) => hasRole(role, needed)).map((role) => [tab.name, role, tab.query] as const);
  });

  it('is shown to the roles that can run it: 9 examples to every role, 5 from analyst up, 1 to researchers', () => {
    expect(cases).toHaveLength(9 * 3 + 5 * 2 + 1);
  });

  it.each(cases)('%s runs without an error as %s, on data', async (_name, role, query) => {
    const response = await server.graphql(query, variablesFor(query), await bearer(role));
    expect(response.errors).toBeUndefined();
    expect(Object.values(response.data ?? {}).every((value) => value !== null)).toBe(true);
  });
});

describe('the dashboard operations', () => {
  const offer = toGlobalId('SupportOffer', 'offer-broad');
  const decision = toGlobalId('PolicyDecision', 'dec-centre');
  const determinant = toGlobalId('Determinant', 'D03');
  const insight = toGlobalId('Insight', 'i03-02');
  const everyRole: Array<[string, AccessRole, string, Record<string, unknown>]> = [
    ['DashboardSubjects', 'viewer', print(DashboardSubjectsDocument), {}],
    ['DashboardOffersCompared', 'viewer', print(DashboardOffersComparedDocument), {}],
    ['DashboardTrusts', 'viewer', print(DashboardTrustsDocument), { first: 100 }],
    ['DashboardSuppliers', 'viewer', print(DashboardSuppliersDocument), {}],
    ['DashboardEvidence (offer)', 'viewer', print(DashboardEvidenceDocument), { id: offer, analyst: false }],
    ['DashboardEvidence (decision)', 'viewer', print(DashboardEvidenceDocument), { id: decision, analyst: false }],
    ['DashboardEvidence (determinant)', 'viewer', print(DashboardEvidenceDocument), { id: determinant, analyst: false }],
    ['DashboardEvidence (decision) with its assessments', 'analyst', print(DashboardEvidenceDocument), { id: decision, analyst: true }],
    // The parts of DashboardEvidence the dashboard asks for one by one, for every kind of subject.
    ...[offer, decision, determinant].flatMap((id): Array<[string, AccessRole, string, Record<string, unknown>]> => [
      [`DashboardSubject (${id})`, 'viewer', print(DashboardSubjectDocument), { id }],
      [`DashboardStrength (${id})`, 'viewer', print(DashboardStrengthDocument), { id }],
      [`DashboardTrail (${id})`, 'viewer', print(DashboardTrailDocument), { id }],
      [`DashboardFindings (${id})`, 'viewer', print(DashboardFindingsDocument), { id, analyst: false }],
    ]),
    ['DashboardEvidenceInsights (decision)', 'analyst', print(DashboardEvidenceInsightsDocument), { id: decision }],
    ['DashboardEvidenceInsightsPage (decision)', 'analyst', print(DashboardEvidenceInsightsPageDocument), { id: decision, first: 100 }],
    ['DashboardDeterminantInsights', 'analyst', print(DashboardDeterminantInsightsDocument), { determinantId: 'D03', researcher: false }],
    ['DashboardNodeDetails (insight)', 'analyst', print(DashboardNodeDetailsDocument), { id: insight, researcher: false }],
    ['DashboardDeterminantInsights with roles', 'researcher', print(DashboardDeterminantInsightsDocument), { determinantId: 'D03', researcher: true }],
    ['DashboardNodeDetails (insight) with its quote', 'researcher', print(DashboardNodeDetailsDocument), { id: insight, researcher: true }],
  ];

  it.each(everyRole)('%s runs without an error as %s', async (_name, role, query, variables) => {
    const response = await server.graphql(query, variables, await bearer(role));
    expect(response.errors).toBeUndefined();
  });

  it("give a determinant's insights to an analyst without their roles, which need the researcher role", async () => {
    const response = await server.graphql<{
      determinant: { insights: { totalCount: number; nodes: Array<{ insightId: string; interview: Record<string, unknown> }> } };
    }>(print(DashboardDeterminantInsightsDocument), { determinantId: 'D03', researcher: false }, await bearer('analyst'));
    expect(response.data?.determinant.insights.totalCount).toBe(3);
    expect(response.data?.determinant.insights.nodes.map((node) => [node.insightId, 'participants' in node.interview])).toEqual([
      ['i01-02', false],
      ['i03-02', false],
      ['i04-02', false],
    ]);
  });
});
