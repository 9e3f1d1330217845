/**
 * Curation against real Neo4j, on the fixture graph (tests/fixtures/graph, answer key in its README): every mutation's
 * payload and the graph it leaves, every user error, the audit trail, access, concurrency and atomicity.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { Database, WriteTransaction } from '../../src/db/database.js';
import { createInsight } from '../../src/modules/curation/repository.js';
import { connectTestDatabase } from '../helpers/database.js';
import { expectEvidenceAggregatesCurrent } from '../helpers/evidence-aggregates.js';
import { loadFixtureGraph } from '../helpers/fixture.js';
import { startTestServer, type GraphQLResponse, type TestServer } from '../helpers/server.js';
import { bearer, TEST_JWT_SECRET } from '../helpers/tokens.js';

const INSIGHT_FIELDS = `insight {
  insightId summary quote sentiment illustrative
  source { sourceId } interview { interviewId } determinants { determinant { determinantId } stance }
}
userErrors { field message code }`;

const CREATE_INSIGHT = `mutation ($input: CreateInsightInput!) { createInsight(input: $input) { ${INSIGHT_FIELDS} } }`;
const UPDATE_INSIGHT = `mutation ($input: UpdateInsightInput!) { updateInsight(input: $input) { ${INSIGHT_FIELDS} } }`;
const LINK = `mutation ($input: InsightDeterminantInput!) { linkInsightToDeterminant(input: $input) { ${INSIGHT_FIELDS} } }`;
const UNLINK = `mutation ($input: InsightDeterminantKeyInput!) { unlinkInsightFromDeterminant(input: $input) { ${INSIGHT_FIELDS} } }`;

const OFFER_FIELDS = `supportOffer { offerId name summary description illustrative source { sourceId } determinants { determinantId } insights { insightId } }`;
const CREATE_OFFER = `mutation ($input: CreateSupportOfferInput!) { createSupportOffer(input: $input) { ${OFFER_FIELDS} userErrors { field message code } } }`;
const UPDATE_OFFER = `mutation ($input: UpdateSupportOfferInput!) { updateSupportOffer(input: $input) { ${OFFER_FIELDS} userErrors { field message code } } }`;
const DECISION_FIELDS = `policyDecision { decisionId name summary description date illustrative source { sourceId } supportOffers { offerId } insights { insightId } sources { sourceId } }`;
const CREATE_DECISION = `mutation ($input: CreatePolicyDecisionInput!) { createPolicyDecision(input: $input) { ${DECISION_FIELDS} userErrors { field message code } } }`;
const EVIDENCE_FIELDS = `supportOffer { offerId determinants { determinantId } insights { insightId } sources { sourceId } }
  policyDecision { decisionId supportOffers { offerId } insights { insightId } sources { sourceId } }
  userErrors { field message code }`;
const LINK_EVIDENCE = `mutation ($input: EvidenceLinkInput!) { linkEvidence(input: $input) { ${EVIDENCE_FIELDS} } }`;
const UNLINK_EVIDENCE = `mutation ($input: EvidenceLinkInput!) { unlinkEvidence(input: $input) { ${EVIDENCE_FIELDS} } }`;
const AUDIT_TRAIL = `query ($first: Int, $after: String, $targetId: ID, $actor: String) {
  auditTrail(first: $first, after: $after, targetId: $targetId, actor: $actor) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id at actor action targetType targetId changes }
  }
}`;

interface AuditNode {
  id: string;
  at: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  changes: string;
}

let db: Database;
let server: TestServer;
let ada: Record<string, string>;
let grace: Record<string, string>;

/** A mutation or query sent as the researcher "ada" (or another identity); returns the named field's payload. */
async function send<T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, headers = ada): Promise<T> {
  const response = await server.graphql<Record<string, T>>(query, variables, headers);
  expect(response.errors).toBeUndefined();
  return Object.values(response.data!)[0]!;
}

async function count(cypher: string, params: Record<string, unknown> = {}): Promise<number> {
  const [row] = await db.readQuery<{ count: number }>(cypher, params);
  return row!.count;
}

/** The audit entries about one record, oldest first, with `changes` parsed. */
async function auditOf(targetId: string) {
  const rows = await db.readQuery<{ actor: string; action: string; targetType: string; changes: string; about: number }>(
    `MATCH (a:AuditEntry {targetId: $targetId})
     RETURN a.actor AS actor, a.action AS action, a.targetType AS targetType, a.changes AS changes,
            COUNT { (a)-[:ABOUT]->({id: $targetId}) } AS about
     ORDER BY a.at, a.id`,
    { targetId },
  );
  return rows.map((row) => ({ ...row, changes: JSON.parse(row.changes) as unknown }));
}

function newInsight(overrides: Record<string, unknown> = {}) {
  return {
    insightId: 'i05-03',
    interviewId: 'i05',
    summary: 'Ward managers asked for protected time to learn the new record before go-live.',
    quote: 'Give us the hours, not just the login.',
    sentiment: 'NEGATIVE',
    illustrative: true,
    sourceId: 'illustrative-project-data',
    determinants: [
      { determinantId: 'D05', stance: 'SUPPORTS' },
      { determinantId: 'D04', stance: 'CONTRADICTS' },
    ],
    ...overrides,
  };
}

beforeAll(async () => {
  db = connectTestDatabase();
  await loadFixtureGraph(db);
  server = await startTestServer(db, { JWT_SECRET: TEST_JWT_SECRET });
  ada = await bearer('researcher', 'ada');
  grace = await bearer('researcher', 'grace');
});

afterAll(async () => {
  await server.close();
  await db.close();
});

// Every write path keeps the evidence aggregates current: after each test they equal a fresh computation.
afterEach(async () => {
  await expectEvidenceAggregatesCurrent(db);
});

describe('createInsight', () => {
  it('creates the insight on its interview with its determinant links, and returns it', async () => {
    const payload = await send(CREATE_INSIGHT, { input: newInsight() });
    expect(payload).toEqual({
      insight: {
        insightId: 'i05-03',
        summary: 'Ward managers asked for protected time to learn the new record before go-live.',
        quote: 'Give us the hours, not just the login.',
        sentiment: 'NEGATIVE',
        illustrative: true,
        source: { sourceId: 'illustrative-project-data' },
        interview: { interviewId: 'i05' },
        determinants: [
          { determinant: { determinantId: 'D04' }, stance: 'CONTRADICTS' },
          { determinant: { determinantId: 'D05' }, stance: 'SUPPORTS' },
        ],
      },
      userErrors: [],
    });
    const rows = await db.readQuery(
      `MATCH (n:Insight {id: 'i05-03'})-[f:FROM]->(i:Interview)
       RETURN i.id AS interview, n.origin AS origin, f.origin AS fromOrigin, n.sourceId AS sourceId,
              [(n)-[e:EVIDENCES]->(d) | [d.id, e.stance, e.origin]] AS links`,
    );
    expect(rows).toEqual([
      {
        interview: 'i05',
        origin: 'curation',
        fromOrigin: 'curation',
        sourceId: 'illustrative-project-data',
        links: expect.arrayContaining([
          ['D05', 'SUPPORTS', 'curation'],
          ['D04', 'CONTRADICTS', 'curation'],
        ]),
      },
    ]);
  });

  it('records who created it, with every value, in the audit trail linked to the insight', async () => {
    expect(await auditOf('i05-03')).toEqual([
      {
        actor: 'ada',
        action: 'CREATE_INSIGHT',
        targetType: 'Insight',
        about: 1,
        changes: {
          before: null,
          after: {
            id: 'i05-03',
            summary: 'Ward managers asked for protected time to learn the new record before go-live.',
            quote: 'Give us the hours, not just the login.',
            sentiment: 'NEGATIVE',
            illustrative: true,
            sourceId: 'illustrative-project-data',
            interviewId: 'i05',
            determinants: [
              { determinantId: 'D05', stance: 'SUPPORTS' },
              { determinantId: 'D04', stance: 'CONTRADICTS' },
            ],
          },
        },
      },
    ]);
  });

  it('defaults illustrative to false and allows no quote and no determinants', async () => {
    const payload = await send(CREATE_INSIGHT, {
      input: { insightId: 'i04-03', interviewId: 'i04', summary: 'Short.', sentiment: 'NEUTRAL', sourceId: 'fx-case-study' },
    });
    expect(payload).toMatchObject({
      insight: { insightId: 'i04-03', quote: null, illustrative: false, determinants: [], source: { sourceId: 'fx-case-study' } },
      userErrors: [],
    });
  });

  it.each([
    [
      'a malformed id',
      { insightId: 'I05 04' },
      [
        {
          field: ['input', 'insightId'],
          code: 'INVALID_FORMAT',
          message:
            'insightId must be a lower-case slug of at most 64 characters: a-z, 0-9 and hyphens, starting with a letter or digit, e.g. "i01-04" (got "I05 04").',
        },
      ],
    ],
    [
      'a blank summary',
      { summary: '   ' },
      [{ field: ['input', 'summary'], code: 'REQUIRED', message: 'summary must not be blank (got "   "). Write at least one word.' }],
    ],
    [
      'a summary over 1000 characters',
      { summary: 'x'.repeat(1001) },
      [{ field: ['input', 'summary'], code: 'TOO_LONG', message: 'summary must be at most 1000 characters (got 1001). Shorten it.' }],
    ],
    [
      'a quote over 2000 characters',
      { quote: 'q'.repeat(2001) },
      [{ field: ['input', 'quote'], code: 'TOO_LONG', message: 'quote must be at most 2000 characters (got 2001). Shorten it.' }],
    ],
    [
      'a determinant listed twice',
      {
        determinants: [
          { determinantId: 'D01', stance: 'SUPPORTS' },
          { determinantId: 'D01', stance: 'CONTRADICTS' },
        ],
      },
      [
        {
          field: ['input', 'determinants', '1', 'determinantId'],
          code: 'DUPLICATE',
          message: '"D01" is listed more than once. Give each at most once.',
        },
      ],
    ],
    [
      'an unknown interview, source and determinant (all reported at once)',
      {
        interviewId: 'i99',
        sourceId: 'nowhere',
        determinants: [
          { determinantId: 'D01', stance: 'SUPPORTS' },
          { determinantId: 'D99', stance: 'SUPPORTS' },
        ],
      },
      [
        { field: ['input', 'interviewId'], code: 'NOT_FOUND', message: 'No interview has the id "i99". Check the id, or create the interview first.' },
        { field: ['input', 'sourceId'], code: 'NOT_FOUND', message: 'No source has the id "nowhere". Check the id, or create the source first.' },
        {
          field: ['input', 'determinants', '1', 'determinantId'],
          code: 'NOT_FOUND',
          message: 'No determinant has the id "D99". Check the id, or create the determinant first.',
        },
      ],
    ],
    [
      'an id that exists',
      { insightId: 'i01-01' },
      [
        {
          field: ['input', 'insightId'],
          code: 'ALREADY_EXISTS',
          message: 'The insight id "i01-01" is taken already. Choose another id, or update the existing insight.',
        },
      ],
    ],
  ])('refuses %s with user errors and changes nothing', async (_case, overrides, userErrors) => {
    const before = await count('MATCH (n) RETURN count(n) AS count');
    const payload = await send(CREATE_INSIGHT, { input: newInsight({ insightId: 'i05-09', ...overrides }) });
    expect(payload).toEqual({ insight: null, userErrors });
    expect(await count('MATCH (n) RETURN count(n) AS count')).toBe(before);
    expect(await db.readQuery(`MATCH (n:Insight {id: 'i01-01'}) RETURN n.summary AS summary`)).toEqual([
      { summary: 'The CIO and CCIO credited a clinician-chaired design authority with winning clinical trust in the new record.' },
    ]);
  });

  it('leaves arguments that fail GraphQL validation as GraphQL errors', async () => {
    const response = await server.graphql(CREATE_INSIGHT, { input: newInsight({ insightId: 'i05-09', sentiment: 'HAPPY' }) }, ada);
    expect(response.data).toBeUndefined();
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('updateInsight', () => {
  it('changes only the fields given and records before and after of those fields', async () => {
    const payload = await send(UPDATE_INSIGHT, { input: { insightId: 'i05-03', summary: 'Ward managers asked for protected learning time.' } });
    expect(payload).toMatchObject({
      insight: {
        insightId: 'i05-03',
        summary: 'Ward managers asked for protected learning time.',
        quote: 'Give us the hours, not just the login.',
        sentiment: 'NEGATIVE',
        illustrative: true,
      },
      userErrors: [],
    });
    const entries = await auditOf('i05-03');
    expect(entries.at(-1)).toEqual({
      actor: 'ada',
      action: 'UPDATE_INSIGHT',
      targetType: 'Insight',
      about: 1,
      changes: {
        before: { summary: 'Ward managers asked for protected time to learn the new record before go-live.' },
        after: { summary: 'Ward managers asked for protected learning time.' },
      },
    });
  });

  it('removes the quote when given quote: null', async () => {
    const payload = await send(UPDATE_INSIGHT, { input: { insightId: 'i05-03', quote: null, sentiment: 'MIXED' } }, grace);
    expect(payload).toMatchObject({ insight: { quote: null, sentiment: 'MIXED' }, userErrors: [] });
    expect(await db.readQuery(`MATCH (n:Insight {id: 'i05-03'}) RETURN n.quote AS quote, n.sentiment AS sentiment`)).toEqual([
      { quote: null, sentiment: 'MIXED' },
    ]);
    expect((await auditOf('i05-03')).at(-1)).toMatchObject({
      actor: 'grace',
      changes: { before: { quote: 'Give us the hours, not just the login.', sentiment: 'NEGATIVE' }, after: { quote: null, sentiment: 'MIXED' } },
    });
  });

  it('writes nothing, not even an audit entry, when the values given are the current ones', async () => {
    const entries = (await auditOf('i05-03')).length;
    const payload = await send(UPDATE_INSIGHT, { input: { insightId: 'i05-03', sentiment: 'MIXED' } });
    expect(payload).toMatchObject({ insight: { sentiment: 'MIXED' }, userErrors: [] });
    expect(await auditOf('i05-03')).toHaveLength(entries);
  });

  it.each([
    [
      'an unknown insight',
      { insightId: 'nope', summary: 'x' },
      [{ field: ['input', 'insightId'], code: 'NOT_FOUND', message: 'No insight has the id "nope". Check the id, or create the insight first.' }],
    ],
    [
      'nothing to change',
      { insightId: 'i05-03' },
      [{ field: ['input'], code: 'REQUIRED', message: 'Give at least one of summary, quote, sentiment, illustrative to change (got none).' }],
    ],
    [
      'a null summary and a blank one are refused alike',
      { insightId: 'i05-03', summary: null, sentiment: null },
      [
        { field: ['input', 'summary'], code: 'REQUIRED', message: 'summary cannot be removed (got null). Give a value, or omit it to keep the current one.' },
        {
          field: ['input', 'sentiment'],
          code: 'REQUIRED',
          message: 'sentiment cannot be removed (got null). Give a value, or omit it to keep the current one.',
        },
      ],
    ],
    [
      'a summary over the limit',
      { insightId: 'i05-03', summary: 'y'.repeat(1001) },
      [{ field: ['input', 'summary'], code: 'TOO_LONG', message: 'summary must be at most 1000 characters (got 1001). Shorten it.' }],
    ],
  ])('refuses %s', async (_case, input, userErrors) => {
    const entries = await count('MATCH (a:AuditEntry) RETURN count(a) AS count');
    expect(await send(UPDATE_INSIGHT, { input })).toEqual({ insight: null, userErrors });
    expect(await count('MATCH (a:AuditEntry) RETURN count(a) AS count')).toBe(entries);
  });
});

describe('linking an insight to a determinant', () => {
  const links = () => db.readQuery(`MATCH (:Insight {id: 'i03-03'})-[e:EVIDENCES]->(d) RETURN d.id AS determinant, e.stance AS stance ORDER BY d.id`);

  it('links with a stance, then changes the stance when linked again with the other one', async () => {
    const first = await send(LINK, { input: { insightId: 'i03-03', determinantId: 'D04', stance: 'SUPPORTS' } });
    expect(first).toMatchObject({
      insight: { insightId: 'i03-03', determinants: [{ determinant: { determinantId: 'D04' }, stance: 'SUPPORTS' }] },
      userErrors: [],
    });
    const second = await send(LINK, { input: { insightId: 'i03-03', determinantId: 'D04', stance: 'CONTRADICTS' } });
    expect(second).toMatchObject({ insight: { determinants: [{ determinant: { determinantId: 'D04' }, stance: 'CONTRADICTS' }] }, userErrors: [] });
    expect(await links()).toEqual([{ determinant: 'D04', stance: 'CONTRADICTS' }]);
    expect((await auditOf('i03-03')).map((entry) => entry.changes)).toEqual([
      { before: null, after: { determinantId: 'D04', stance: 'SUPPORTS' } },
      { before: { determinantId: 'D04', stance: 'SUPPORTS' }, after: { determinantId: 'D04', stance: 'CONTRADICTS' } },
    ]);
  });

  it('unlinks, and refuses to unlink what is not linked', async () => {
    const removed = await send(UNLINK, { input: { insightId: 'i03-03', determinantId: 'D04' } });
    expect(removed).toMatchObject({ insight: { insightId: 'i03-03', determinants: [] }, userErrors: [] });
    expect(await links()).toEqual([]);
    expect((await auditOf('i03-03')).at(-1)).toMatchObject({
      action: 'UNLINK_INSIGHT_FROM_DETERMINANT',
      changes: { before: { determinantId: 'D04', stance: 'CONTRADICTS' }, after: null },
    });
    expect(await send(UNLINK, { input: { insightId: 'i03-03', determinantId: 'D04' } })).toEqual({
      insight: null,
      userErrors: [
        {
          field: ['input', 'determinantId'],
          code: 'NOT_FOUND',
          message: 'Insight "i03-03" has no link to determinant "D04", so there is nothing to remove.',
        },
      ],
    });
  });

  it('refuses unknown ends', async () => {
    expect(await send(LINK, { input: { insightId: 'i99', determinantId: 'D99', stance: 'SUPPORTS' } })).toEqual({
      insight: null,
      userErrors: [
        { field: ['input', 'insightId'], code: 'NOT_FOUND', message: 'No insight has the id "i99". Check the id, or create the insight first.' },
        { field: ['input', 'determinantId'], code: 'NOT_FOUND', message: 'No determinant has the id "D99". Check the id, or create the determinant first.' },
      ],
    });
  });
});

describe('support offers and policy decisions', () => {
  it('creates an offer with the determinants it addresses', async () => {
    const payload = await send(CREATE_OFFER, {
      input: {
        offerId: 'readiness-reviews',
        name: 'Readiness reviews',
        summary: 'An independent review of readiness a month before go-live.',
        sourceId: 'illustrative-project-data',
        illustrative: true,
        determinantIds: ['D03', 'D04'],
      },
    });
    expect(payload).toEqual({
      supportOffer: {
        offerId: 'readiness-reviews',
        name: 'Readiness reviews',
        summary: 'An independent review of readiness a month before go-live.',
        description: null,
        illustrative: true,
        source: { sourceId: 'illustrative-project-data' },
        determinants: [{ determinantId: 'D03' }, { determinantId: 'D04' }],
        insights: [],
      },
      userErrors: [],
    });
    expect(
      await db.readQuery(
        `MATCH (o:SupportOffer {id: 'readiness-reviews'})-[r:ADDRESSES]->(d) RETURN o.origin AS origin, d.id AS determinant, r.origin AS linkOrigin ORDER BY d.id`,
      ),
    ).toEqual([
      { origin: 'curation', determinant: 'D03', linkOrigin: 'curation' },
      { origin: 'curation', determinant: 'D04', linkOrigin: 'curation' },
    ]);
    expect(await auditOf('readiness-reviews')).toMatchObject([{ actor: 'ada', action: 'CREATE_SUPPORT_OFFER', targetType: 'SupportOffer', about: 1 }]);
  });

  it('refuses an offer with a blank name, an over-long description and an unknown determinant', async () => {
    const input = { offerId: 'bad-offer', name: '', summary: 'ok', description: 'd'.repeat(5001), sourceId: 'fx-report' };
    expect(await send(CREATE_OFFER, { input })).toEqual({
      supportOffer: null,
      userErrors: [
        { field: ['input', 'name'], code: 'REQUIRED', message: 'name must not be blank (got ""). Write at least one word.' },
        { field: ['input', 'description'], code: 'TOO_LONG', message: 'description must be at most 5000 characters (got 5001). Shorten it.' },
      ],
    });
    expect(await send(CREATE_OFFER, { input: { ...input, name: 'Bad', description: null, determinantIds: ['D77'] } })).toEqual({
      supportOffer: null,
      userErrors: [
        {
          field: ['input', 'determinantIds', '0'],
          code: 'NOT_FOUND',
          message: 'No determinant has the id "D77". Check the id, or create the determinant first.',
        },
      ],
    });
    expect(await count(`MATCH (o:SupportOffer {id: 'bad-offer'}) RETURN count(o) AS count`)).toBe(0);
  });

  it('updates an offer partially, removing the description with null', async () => {
    const payload = await send(UPDATE_OFFER, { input: { offerId: 'offer-broad', name: 'Broad offer', description: null } });
    expect(payload).toMatchObject({
      supportOffer: {
        offerId: 'offer-broad',
        name: 'Broad offer',
        summary: 'Clinical leadership, board ownership and readiness support for trusts before go-live.',
        description: null,
      },
      userErrors: [],
    });
    expect(await auditOf('offer-broad')).toMatchObject([
      {
        action: 'UPDATE_SUPPORT_OFFER',
        changes: {
          before: { name: 'Broad fixture offer', description: 'Fixture offer with broad evidence across three trusts and four roles.' },
          after: { name: 'Broad offer', description: null },
        },
      },
    ]);
  });

  it('creates a policy decision with its date stored as a date', async () => {
    const payload = await send(CREATE_DECISION, {
      input: {
        decisionId: 'dec-readiness',
        name: 'Fund readiness reviews',
        summary: 'Fund a readiness review for every trust.',
        date: '2024-05-01',
        sourceId: 'fx-case-study',
      },
    });
    expect(payload).toEqual({
      policyDecision: {
        decisionId: 'dec-readiness',
        name: 'Fund readiness reviews',
        summary: 'Fund a readiness review for every trust.',
        description: null,
        date: '2024-05-01',
        illustrative: false,
        source: { sourceId: 'fx-case-study' },
        supportOffers: [],
        insights: [],
        sources: [],
      },
      userErrors: [],
    });
    expect(await db.readQuery(`MATCH (d:PolicyDecision {id: 'dec-readiness'}) RETURN d.date = date('2024-05-01') AS isDate, d.origin AS origin`)).toEqual([
      { isDate: true, origin: 'curation' },
    ]);
  });
});

describe('evidence links', () => {
  const offerInsight = { subjectType: 'SUPPORT_OFFER', subjectId: 'readiness-reviews', evidenceType: 'INSIGHT', evidenceId: 'i01-02' };

  it.each([
    [offerInsight, 'INFORMED_BY'],
    [{ subjectType: 'SUPPORT_OFFER', subjectId: 'readiness-reviews', evidenceType: 'SOURCE', evidenceId: 'fx-report' }, 'INFORMED_BY'],
    [{ subjectType: 'SUPPORT_OFFER', subjectId: 'readiness-reviews', evidenceType: 'DETERMINANT', evidenceId: 'D01' }, 'ADDRESSES'],
    [{ subjectType: 'POLICY_DECISION', subjectId: 'dec-readiness', evidenceType: 'SUPPORT_OFFER', evidenceId: 'readiness-reviews' }, 'INFORMED_BY'],
    [{ subjectType: 'POLICY_DECISION', subjectId: 'dec-readiness', evidenceType: 'INSIGHT', evidenceId: 'i04-02' }, 'INFORMED_BY'],
    [{ subjectType: 'POLICY_DECISION', subjectId: 'dec-readiness', evidenceType: 'SOURCE', evidenceId: 'fx-academic' }, 'INFORMED_BY'],
  ])('links %o with %s, once however often it is asked', async (input, type) => {
    for (let i = 0; i < 2; i += 1) expect((await send<{ userErrors: unknown[] }>(LINK_EVIDENCE, { input })).userErrors).toEqual([]);
    expect(await count(`MATCH ({id: $subjectId})-[r:${type}]->({id: $evidenceId}) WHERE r.origin = 'curation' RETURN count(r) AS count`, input)).toBe(1);
    const entries = (await auditOf(input.subjectId)).filter((entry) => JSON.stringify(entry.changes).includes(`"${input.evidenceId}"`));
    expect(entries).toEqual([
      {
        actor: 'ada',
        action: 'LINK_EVIDENCE',
        targetType: input.subjectType === 'SUPPORT_OFFER' ? 'SupportOffer' : 'PolicyDecision',
        about: 1,
        changes: { before: null, after: { relationship: type, evidenceType: input.evidenceType, evidenceId: input.evidenceId } },
      },
    ]);
  });

  it('returns the subject with its new evidence', async () => {
    expect(await send(LINK_EVIDENCE, { input: offerInsight })).toEqual({
      supportOffer: {
        offerId: 'readiness-reviews',
        determinants: [{ determinantId: 'D01' }, { determinantId: 'D03' }, { determinantId: 'D04' }],
        insights: [{ insightId: 'i01-02' }],
        sources: [{ sourceId: 'fx-report' }],
      },
      policyDecision: null,
      userErrors: [],
    });
  });

  it('unlinks, and refuses to unlink what is not linked', async () => {
    expect(await send(UNLINK_EVIDENCE, { input: offerInsight })).toMatchObject({ supportOffer: { insights: [] }, userErrors: [] });
    expect((await auditOf('readiness-reviews')).at(-1)).toMatchObject({
      action: 'UNLINK_EVIDENCE',
      changes: { before: { relationship: 'INFORMED_BY', evidenceType: 'INSIGHT', evidenceId: 'i01-02' }, after: null },
    });
    expect(await send(UNLINK_EVIDENCE, { input: offerInsight })).toEqual({
      supportOffer: null,
      policyDecision: null,
      userErrors: [
        {
          field: ['input', 'evidenceId'],
          code: 'NOT_FOUND',
          message: 'The support offer "readiness-reviews" has no INFORMED_BY link to the insight "i01-02", so there is nothing to remove.',
        },
      ],
    });
  });

  it.each([
    [
      { subjectType: 'SUPPORT_OFFER', subjectId: 'offer-thin', evidenceType: 'SUPPORT_OFFER', evidenceId: 'offer-broad' },
      {
        field: ['input', 'evidenceType'],
        code: 'NOT_ALLOWED',
        message:
          'A SUPPORT_OFFER cannot be linked to a SUPPORT_OFFER (allowed: INSIGHT, SOURCE, DETERMINANT). An offer is informed by insights and sources and addresses determinants; a decision is informed by insights, sources and offers.',
      },
    ],
    [
      { subjectType: 'POLICY_DECISION', subjectId: 'dec-nope', evidenceType: 'INSIGHT', evidenceId: 'i01-01' },
      {
        field: ['input', 'subjectId'],
        code: 'NOT_FOUND',
        message: 'No policy decision has the id "dec-nope". Check the id, or create the policy decision first.',
      },
    ],
    [
      { subjectType: 'POLICY_DECISION', subjectId: 'dec-model', evidenceType: 'SOURCE', evidenceId: 'fx-nope' },
      { field: ['input', 'evidenceId'], code: 'NOT_FOUND', message: 'No source has the id "fx-nope". Check the id, or create the source first.' },
    ],
  ])('refuses %o', async (input, userError) => {
    const relationships = await count('MATCH ()-[r]->() RETURN count(r) AS count');
    expect(await send(LINK_EVIDENCE, { input })).toEqual({ supportOffer: null, policyDecision: null, userErrors: [userError] });
    expect(await count('MATCH ()-[r]->() RETURN count(r) AS count')).toBe(relationships);
  });
});

describe('the audit trail', () => {
  it('lists changes newest first, filtered by record and by actor, a page at a time', async () => {
    const trail = await send<{ totalCount: number; nodes: AuditNode[] }>(AUDIT_TRAIL, { targetId: 'i05-03' });
    expect(trail.totalCount).toBe(3);
    expect(trail.nodes.map(({ actor, action, targetType, targetId }) => ({ actor, action, targetType, targetId }))).toEqual([
      { actor: 'grace', action: 'UPDATE_INSIGHT', targetType: 'Insight', targetId: 'i05-03' },
      { actor: 'ada', action: 'UPDATE_INSIGHT', targetType: 'Insight', targetId: 'i05-03' },
      { actor: 'ada', action: 'CREATE_INSIGHT', targetType: 'Insight', targetId: 'i05-03' },
    ]);
    expect(JSON.parse(trail.nodes[0]!.changes)).toEqual({
      before: { quote: 'Give us the hours, not just the login.', sentiment: 'NEGATIVE' },
      after: { quote: null, sentiment: 'MIXED' },
    });
    const times = trail.nodes.map((node) => Date.parse(node.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(Date.now() - times[2]!).toBeLessThan(5 * 60_000);

    const byGrace = await send<{ totalCount: number; nodes: AuditNode[] }>(AUDIT_TRAIL, { actor: 'grace' });
    expect(byGrace.nodes.map((node) => [node.action, node.targetId])).toEqual([['UPDATE_INSIGHT', 'i05-03']]);

    const all = await send<{ totalCount: number; nodes: AuditNode[] }>(AUDIT_TRAIL, { first: 100 });
    const pages: AuditNode[] = [];
    let after: string | null = null;
    do {
      const page: { nodes: AuditNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } = await send(AUDIT_TRAIL, { first: 4, after });
      pages.push(...page.nodes);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(pages.map((node) => node.id)).toEqual(all.nodes.map((node) => node.id));
    expect(pages).toHaveLength(all.totalCount);
  });

  it('is refused to anyone below researcher, as is every mutation, and nothing changes', async () => {
    const analyst = await bearer('analyst', 'ann');
    const trail = await server.graphql(AUDIT_TRAIL, {}, analyst);
    expect(trail.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    const nodes = await count('MATCH (n) RETURN count(n) AS count');
    const mutation: GraphQLResponse = await server.graphql(CREATE_INSIGHT, { input: newInsight({ insightId: 'i05-08' }) }, analyst);
    expect(mutation.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    const anonymous = await server.graphql(CREATE_INSIGHT, { input: newInsight({ insightId: 'i05-08' }) });
    expect(anonymous.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(await count('MATCH (n) RETURN count(n) AS count')).toBe(nodes);
  });
});

describe('concurrency and atomicity', () => {
  it('creates one insight from ten identical concurrent creations; the other nine hear it exists', async () => {
    const input = newInsight({ insightId: 'i02-03', interviewId: 'i02' });
    const payloads = await Promise.all(
      Array.from({ length: 10 }, () => send<{ insight: unknown; userErrors: Array<{ code: string }> }>(CREATE_INSIGHT, { input })),
    );
    expect(payloads.filter((payload) => payload.insight !== null)).toHaveLength(1);
    expect(payloads.flatMap((payload) => payload.userErrors.map((error) => error.code))).toEqual(Array(9).fill('ALREADY_EXISTS'));
    expect(await count(`MATCH (n:Insight {id: 'i02-03'}) RETURN count(n) AS count`)).toBe(1);
    expect(await count(`MATCH (:Insight {id: 'i02-03'})-[r]->() RETURN count(r) AS count`)).toBe(3);
    expect((await auditOf('i02-03')).map((entry) => entry.action)).toEqual(['CREATE_INSIGHT']);
  });

  it('creates one offer from ten identical concurrent creations', async () => {
    const input = { offerId: 'race-offer', name: 'Race', summary: 'Raced.', sourceId: 'fx-report', determinantIds: ['D02'] };
    const payloads = await Promise.all(Array.from({ length: 10 }, () => send<{ supportOffer: unknown }>(CREATE_OFFER, { input })));
    expect(payloads.filter((payload) => payload.supportOffer !== null)).toHaveLength(1);
    expect(await count(`MATCH (n:SupportOffer {id: 'race-offer'})-[:ADDRESSES]->() RETURN count(*) AS count`)).toBe(1);
  });

  it('links once, and audits once, from ten identical concurrent links', async () => {
    const input = { insightId: 'i05-01', determinantId: 'D02', stance: 'SUPPORTS' };
    await Promise.all(Array.from({ length: 10 }, () => send(LINK, { input })));
    expect(await count(`MATCH (:Insight {id: 'i05-01'})-[r:EVIDENCES]->(:Determinant {id: 'D02'}) RETURN count(r) AS count`)).toBe(1);
    expect((await auditOf('i05-01')).map((entry) => entry.action)).toEqual(['LINK_INSIGHT_TO_DETERMINANT']);
  });

  it('rolls back the whole change when a later statement of the transaction fails', async () => {
    // A database view whose transactions fail on the audit entry, after the insight has been written.
    const failing = Object.create(db) as Database;
    failing.writeTransaction = (work) =>
      db.writeTransaction((tx) => {
        const guarded: WriteTransaction = {
          run: (cypher, params) => (cypher.includes('CREATE (a:AuditEntry') ? Promise.reject(new Error('audit failed')) : tx.run(cypher, params)),
        };
        return work(guarded);
      });
    const input = { ...newInsight({ insightId: 'i01-09', interviewId: 'i01' }), sentiment: 'POSITIVE' as const, determinants: [] };
    await expect(createInsight(failing, 'ada', input)).rejects.toThrow('audit failed');
    expect(await count(`MATCH (n:Insight {id: 'i01-09'}) RETURN count(n) AS count`)).toBe(0);
    expect(await count(`MATCH (a:AuditEntry {targetId: 'i01-09'}) RETURN count(a) AS count`)).toBe(0);
  });
});
