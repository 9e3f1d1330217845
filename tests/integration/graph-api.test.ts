/**
 * The read API on the fixture graph (tests/fixtures/graph, answer key in its README.md): lookups, connections with
 * keyset cursors, filters, full-text search, evidence trails, performance around go-live, and bad arguments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Database } from '../../src/db/database.js';
import { connectTestDatabase } from '../helpers/database.js';
import { loadFixtureGraph } from '../helpers/fixture.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let db: Database;
let server: TestServer;

beforeAll(async () => {
  db = connectTestDatabase();
  await loadFixtureGraph(db);
  // Access control has its own tests (tests/integration/auth*.test.ts); here every field is in reach.
  server = await startTestServer(db, { ANONYMOUS_ROLE: 'researcher' });
});

afterAll(async () => {
  await server?.close();
  await db?.close();
});

async function data<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await server.graphql<T>(query, variables);
  expect(response.errors).toBeUndefined();
  return response.data as T;
}

async function errors(query: string, variables?: Record<string, unknown>) {
  const response = await server.graphql(query, variables);
  return (response.errors ?? []).map((error) => ({ message: error.message, code: error.extensions?.code }));
}

const TRUST_PAGE = `query ($first: Int, $after: String, $filter: TrustFilter, $sort: TrustSort) {
  trusts(first: $first, after: $after, filter: $filter, sort: $sort) {
    totalCount
    nodes { odsCode }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}`;

type TrustPage = {
  trusts: { totalCount: number; nodes: Array<{ odsCode: string }>; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null } };
};

describe('lookups', () => {
  it('finds a trust by ODS code with its region, type, ICB, EPR status and sources', async () => {
    const result = await data(`{ trust(odsCode: "TA2") {
      odsCode name type region icbCode icbName eprStatus interviewed
      source { sourceId kind } typeSource { sourceId }
      implementations { implementationId status year goLiveDate product { name } supplier { supplierId } }
      currentImplementation { implementationId }
    } }`);
    expect(result.trust).toEqual({
      odsCode: 'TA2',
      name: 'Bravo Mental Health NHS Foundation Trust',
      type: 'MENTAL_HEALTH',
      region: 'LONDON',
      icbCode: 'QX1',
      icbName: 'Fixture Central London',
      eprStatus: 'LIVE',
      interviewed: true,
      source: { sourceId: 'fx-ods', kind: 'DATASET' },
      typeSource: { sourceId: 'fx-types' },
      implementations: [
        {
          implementationId: 'ta2-acme-care-2015',
          status: 'REPLACED',
          year: 2015,
          goLiveDate: '2015-04-01',
          product: { name: expect.any(String) },
          supplier: { supplierId: 'acme' },
        },
        {
          implementationId: 'ta2-cobalt-pas-2019',
          status: 'LIVE',
          year: 2019,
          goLiveDate: '2019-11-01',
          product: { name: 'Cobalt PAS' },
          supplier: { supplierId: 'cobalt' },
        },
      ],
      currentImplementation: { implementationId: 'ta2-cobalt-pas-2019' },
    });
  });

  it.each([
    ['trust(odsCode: "ZZZ")', 'trust'],
    ['determinant(id: "D99")', 'determinant'],
    ['supportOffer(id: "no-such-offer")', 'supportOffer'],
    ['insight(id: "nope")', 'insight'],
  ])('returns null for an unknown key: %s', async (field, name) => {
    expect(await data(`{ ${field} { __typename } }`)).toEqual({ [name]: null });
  });

  it('resolves a Relay global id back to the same object, and an unknown or malformed id to null', async () => {
    const { trust } = await data<{ trust: { id: string } }>('{ trust(odsCode: "TA4") { id } }');
    const result = await data(
      `query ($id: ID!) {
      found: node(id: $id) { id ... on Trust { odsCode } }
      unknown: node(id: "VHJ1c3Q6WlpaWg") { id }
      malformed: node(id: "not an id!") { id }
    }`,
      { id: trust.id },
    );
    expect(result).toEqual({ found: { id: trust.id, odsCode: 'TA4' }, unknown: null, malformed: null });
  });

  it('serves dates as ISO-8601 strings and never Neo4j integer objects', async () => {
    const result = await data('{ interview(id: "i01") { date method trust { odsCode } participants { code role { roleId } } insights { insightId } } }');
    expect(result.interview).toEqual({
      date: '2023-01-10',
      method: 'VIDEO_CALL',
      trust: { odsCode: 'TA1' },
      participants: [
        { code: 'p01', role: { roleId: 'cio' } },
        { code: 'p02', role: { roleId: 'ccio' } },
      ],
      insights: [{ insightId: 'i01-01' }, { insightId: 'i01-02' }, { insightId: 'i01-03' }],
    });
  });
});

describe('trusts connection', () => {
  it('lists trusts by name with a total count, a page at a time', async () => {
    const first = await data<TrustPage>(TRUST_PAGE, { first: 3 });
    expect(first.trusts.totalCount).toBe(8);
    expect(first.trusts.nodes.map((t) => t.odsCode)).toEqual(['TA1', 'TA2', 'TA3']);
    expect(first.trusts.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });

    const second = await data<TrustPage>(TRUST_PAGE, { first: 3, after: first.trusts.pageInfo.endCursor });
    expect(second.trusts.nodes.map((t) => t.odsCode)).toEqual(['TA4', 'TA5', 'TA6']);
    const last = await data<TrustPage>(TRUST_PAGE, { first: 3, after: second.trusts.pageInfo.endCursor });
    expect(last.trusts.nodes.map((t) => t.odsCode)).toEqual(['TA7', 'TA8']);
    expect(last.trusts.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('returns an empty page, not an error, when nothing matches', async () => {
    const result = await data<TrustPage>(TRUST_PAGE, { filter: { regions: ['EAST_OF_ENGLAND'] } });
    expect(result.trusts).toEqual({ totalCount: 0, nodes: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, endCursor: null } });
  });

  it('sorts by ODS code descending', async () => {
    const result = await data<TrustPage>(TRUST_PAGE, { first: 4, sort: { field: 'ODS_CODE', direction: 'DESC' } });
    expect(result.trusts.nodes.map((t) => t.odsCode)).toEqual(['TA8', 'TA7', 'TA6', 'TA5']);
  });

  it.each([
    [{ regions: ['LONDON'] }, ['TA1', 'TA2', 'TA3']],
    [{ regions: ['LONDON', 'MIDLANDS'], types: ['ACUTE'] }, ['TA1', 'TA4']],
    [{ eprStatuses: ['IN_PROGRESS'] }, ['TA3', 'TA6', 'TA7']],
    [{ eprStatuses: ['NONE_RECORDED'] }, ['TA5', 'TA8']],
    [{ supplierIds: ['acme'] }, ['TA2', 'TA3', 'TA4']],
    [{ supplierIds: ['bluebird'], eprStatuses: ['LIVE'] }, ['TA1']],
    [{ nameContains: 'mental' }, ['TA2', 'TA7']],
    [{ interviewed: true }, ['TA1', 'TA2', 'TA4', 'TA6']],
    [{ interviewed: false, types: ['ACUTE'] }, ['TA8']],
  ])('filters %j', async (filter, expected) => {
    const result = await data<TrustPage>(TRUST_PAGE, { filter });
    expect(result.trusts.nodes.map((t) => t.odsCode)).toEqual(expected);
    expect(result.trusts.totalCount).toBe(expected.length);
  });
});

describe('keyset cursors', () => {
  it('stay valid when the row they point at is deleted, and are not shifted by inserts', async () => {
    const first = await data<TrustPage>(TRUST_PAGE, { first: 2 });
    const cursor = first.trusts.pageInfo.endCursor; // after TA2 (Bravo)
    await db.writeQuery(`MATCH (t:Trust {odsCode: 'TA2'}) SET t:Hidden REMOVE t:Trust`);
    await db.writeQuery(
      `CREATE (:Trust {odsCode: 'TA0', name: 'Aardvark NHS Trust', type: 'ACUTE', region: 'LONDON', sourceId: 'fx-ods', typeSourceId: 'fx-types'})`,
    );
    try {
      const next = await data<TrustPage>(TRUST_PAGE, { first: 2, after: cursor });
      expect(next.trusts.nodes.map((t) => t.odsCode)).toEqual(['TA3', 'TA4']);
    } finally {
      await db.writeQuery(`MATCH (t:Trust {odsCode: 'TA0'}) DELETE t`);
      await db.writeQuery(`MATCH (t:Hidden {odsCode: 'TA2'}) SET t:Trust REMOVE t:Hidden`);
    }
  });
});

describe('bad arguments', () => {
  it('refuses a page size over the limit, saying what is allowed', async () => {
    expect(await errors(TRUST_PAGE, { first: 500 })).toEqual([
      { message: 'first must be between 0 and 100 (got 500). Page through larger results with after.', code: 'BAD_USER_INPUT' },
    ]);
  });

  it('refuses a cursor that is not one', async () => {
    expect(await errors(TRUST_PAGE, { after: 'garbage' })).toEqual([
      { message: 'after: "garbage" is not a cursor. Pass the pageInfo.endCursor (or an edge cursor) of the previous page.', code: 'BAD_USER_INPUT' },
    ]);
  });

  it('refuses a cursor from another sort order', async () => {
    const page = await data<TrustPage>(TRUST_PAGE, { first: 1 });
    expect(await errors(TRUST_PAGE, { after: page.trusts.pageInfo.endCursor, sort: { field: 'ODS_CODE', direction: 'ASC' } })).toEqual([
      {
        message:
          'after: this cursor belongs to another list or sort order ("trusts:NAME:ASC", not "trusts:ODS_CODE:ASC"). Use an endCursor or edge cursor from the same query with the same sort.',
        code: 'BAD_USER_INPUT',
      },
    ]);
  });

  it('refuses an unknown enum value in a variable with the allowed values', async () => {
    const result = await errors(TRUST_PAGE, { filter: { regions: ['NORTH'] } });
    expect(result).toHaveLength(1);
    expect(result[0]!.code).toBe('BAD_USER_INPUT');
    expect(result[0]!.message).toContain('Value "NORTH" does not exist in "Region" enum.');
  });

  it('refuses an unknown enum literal, listing the allowed values', async () => {
    expect(await errors('{ trusts(filter: { regions: [NORTH] }) { totalCount } }')).toEqual([
      {
        message:
          'Value "NORTH" does not exist in "Region" enum. Allowed values: LONDON, SOUTH_EAST, SOUTH_WEST, MIDLANDS, EAST_OF_ENGLAND, NORTH_WEST, NORTH_EAST_AND_YORKSHIRE.',
        code: 'BAD_USER_INPUT',
      },
    ]);
  });

  it('refuses a malformed month', async () => {
    const result = await errors('{ trust(odsCode: "TA4") { performance(from: "2024-13") { period } } }');
    expect(result).toEqual([{ message: 'Month must be an ISO-8601 month (YYYY-MM), for example "2024-06" (got "2024-13").', code: 'BAD_USER_INPUT' }]);
  });
});

describe('implementations connection', () => {
  const QUERY = `query ($filter: ImplementationFilter, $sort: ImplementationSort) {
    implementations(filter: $filter, sort: $sort) { totalCount nodes { implementationId } }
  }`;

  it.each([
    [
      {},
      undefined,
      [
        'ta6-bluebird-epr-2025',
        'ta3-acme-care-2025',
        'ta7-cobalt-pas-2024',
        'ta4-acme-flow-2024',
        'ta1-bluebird-epr-2022',
        'ta2-cobalt-pas-2019',
        'ta2-acme-care-2015',
      ],
    ],
    [{ supplierIds: ['acme'] }, { field: 'YEAR', direction: 'ASC' }, ['ta2-acme-care-2015', 'ta4-acme-flow-2024', 'ta3-acme-care-2025']],
    [{ statuses: ['LIVE'], yearFrom: 2020 }, undefined, ['ta4-acme-flow-2024', 'ta1-bluebird-epr-2022']],
    [{ regions: ['NORTH_WEST'] }, { field: 'ID', direction: 'ASC' }, ['ta6-bluebird-epr-2025', 'ta7-cobalt-pas-2024']],
  ])('filters %j sorted %j', async (filter, sort, expected) => {
    const result = await data(QUERY, { filter, sort });
    expect(result.implementations.nodes.map((n: { implementationId: string }) => n.implementationId)).toEqual(expected);
    expect(result.implementations.totalCount).toBe(expected.length);
  });

  it('navigates supplier -> products -> implementations -> trusts and back', async () => {
    const result = await data('{ supplier(id: "acme") { name products { productId } trusts { odsCode } implementations { implementationId } } }');
    expect(result.supplier).toEqual({
      name: expect.any(String),
      products: expect.arrayContaining([{ productId: 'acme-care' }, { productId: 'acme-flow' }]),
      trusts: [{ odsCode: 'TA2' }, { odsCode: 'TA3' }, { odsCode: 'TA4' }],
      implementations: [{ implementationId: 'ta3-acme-care-2025' }, { implementationId: 'ta4-acme-flow-2024' }, { implementationId: 'ta2-acme-care-2015' }],
    });
  });
});

describe('insights', () => {
  const QUERY = `query ($filter: InsightFilter, $first: Int, $after: String) {
    insights(filter: $filter, first: $first, after: $after) { totalCount nodes { insightId } pageInfo { endCursor hasNextPage } }
  }`;
  const ids = (result: any) => result.insights.nodes.map((n: { insightId: string }) => n.insightId);

  it.each([
    [{ determinantIds: ['D03'] }, ['i01-02', 'i03-02', 'i04-02']],
    [{ determinantIds: ['D03'], stances: ['CONTRADICTS'] }, ['i03-02', 'i04-02']],
    [{ stances: ['CONTRADICTS'] }, ['i03-02', 'i04-02', 'i05-01']],
    [{ roleIds: ['cnio'] }, ['i02-01', 'i02-02']],
    [{ trustOdsCodes: ['TA4'], sentiments: ['NEGATIVE'] }, ['i03-03', 'i04-02']],
    [{ trustTypes: ['MENTAL_HEALTH'] }, ['i02-01', 'i02-02']],
    [{ regions: ['NORTH_WEST'] }, ['i05-01', 'i05-02']],
    [{ sentiments: ['MIXED', 'NEUTRAL'] }, ['i01-02', 'i01-03', 'i03-02', 'i05-02']],
  ])('filters %j', async (filter, expected) => {
    const result = await data(QUERY, { filter });
    expect(ids(result)).toEqual(expected);
    expect(result.insights.totalCount).toBe(expected.length);
  });

  it('searches the full text, best match first, and combines it with filters', async () => {
    expect(ids(await data(QUERY, { filter: { text: 'migration' } })).sort()).toEqual(['i03-03', 'i05-01']);
    expect(ids(await data(QUERY, { filter: { text: '"data migration"' } }))).toEqual(['i03-03']);
    expect(ids(await data(QUERY, { filter: { text: 'migration', regions: ['NORTH_WEST'] } }))).toEqual(['i05-01']);
  });

  it('pages through full-text hits by relevance without repeating or skipping', async () => {
    const first = await data(QUERY, { filter: { text: 'migration' }, first: 1 });
    const second = await data(QUERY, { filter: { text: 'migration' }, first: 1, after: first.insights.pageInfo.endCursor });
    expect([...ids(first), ...ids(second)].sort()).toEqual(['i03-03', 'i05-01']);
    expect(second.insights.pageInfo.hasNextPage).toBe(false);
  });

  it('explains a malformed full-text query', async () => {
    const result = await errors(QUERY, { filter: { text: '"unclosed' } });
    expect(result).toEqual([{ message: expect.stringContaining('filter.text is not a valid full-text query.'), code: 'BAD_USER_INPUT' }]);
  });

  it('keeps a quote with commas, quotes and apostrophes intact', async () => {
    const result = await data('{ insight(id: "i01-02") { quote sentiment illustrative source { sourceId illustrative } } }');
    expect(result.insight).toEqual({
      quote: 'We called it "the pause", and it\'s the best decision we made.',
      sentiment: 'MIXED',
      illustrative: true,
      source: { sourceId: 'illustrative-project-data', illustrative: true },
    });
  });

  it("lists a determinant's insights, sources and offers", async () => {
    const result = await data(`{ determinant(id: "D03") {
      insights(filter: { stances: [CONTRADICTS] }) { totalCount nodes { insightId } }
      sources { stance source { sourceId } }
      supportOffers { offerId }
    } }`);
    expect(result.determinant).toEqual({
      insights: { totalCount: 2, nodes: [{ insightId: 'i03-02' }, { insightId: 'i04-02' }] },
      sources: [{ stance: 'CONTRADICTS', source: { sourceId: 'fx-academic' } }],
      supportOffers: [{ offerId: 'offer-broad' }],
    });
  });
});

describe('evidence trails', () => {
  const SUMMARY =
    'summary { insights supportingInsights contradictingInsights illustrativeInsights interviews trusts roles regions trustTypes suppliers sources determinants workshops }';

  it('traces offer-broad down to interviews, trusts, roles and sources, with its summary', async () => {
    const result = await data(`{ supportOffer(id: "offer-broad") { evidence {
      ${SUMMARY}
      determinants { determinant { determinantId } supportingInsights contradictingInsights sources }
      insights { insight { insightId } stance mixed direct trust { odsCode } trustType region roles { roleId } suppliers { supplierId } }
      workshops { workshopId }
      sources { source { sourceId } direct determinants { determinant { determinantId } stance } }
    } } }`);
    const evidence = result.supportOffer.evidence;
    expect(evidence.summary).toEqual({
      insights: 9,
      supportingInsights: 9,
      contradictingInsights: 2,
      illustrativeInsights: 9,
      interviews: 4,
      trusts: 3,
      roles: 4,
      regions: 2,
      trustTypes: 2,
      suppliers: 3,
      sources: 2,
      determinants: 3,
      workshops: 1,
    });
    expect(evidence.determinants).toEqual([
      { determinant: { determinantId: 'D01' }, supportingInsights: 5, contradictingInsights: 0, sources: 1 },
      { determinant: { determinantId: 'D02' }, supportingInsights: 2, contradictingInsights: 0, sources: 0 },
      { determinant: { determinantId: 'D03' }, supportingInsights: 1, contradictingInsights: 2, sources: 1 },
    ]);
    expect(evidence.insights.map((i: any) => i.insight.insightId)).toEqual([
      'i01-01',
      'i01-02',
      'i02-01',
      'i02-02',
      'i03-01',
      'i03-02',
      'i03-03',
      'i04-01',
      'i04-02',
    ]);
    expect(evidence.insights.find((i: any) => i.insight.insightId === 'i03-02')).toEqual({
      insight: { insightId: 'i03-02' },
      stance: 'SUPPORTS',
      mixed: true,
      direct: false,
      trust: { odsCode: 'TA4' },
      trustType: 'ACUTE',
      region: 'MIDLANDS',
      roles: [{ roleId: 'ccio' }],
      suppliers: [{ supplierId: 'acme' }],
    });
    expect(evidence.insights.find((i: any) => i.insight.insightId === 'i04-02')).toMatchObject({ stance: 'SUPPORTS', mixed: false, direct: true });
    expect(evidence.workshops).toEqual([{ workshopId: 'w01' }]);
    expect(evidence.sources).toEqual([
      {
        source: { sourceId: 'fx-academic' },
        direct: false,
        determinants: [
          { determinant: { determinantId: 'D01' }, stance: 'SUPPORTS' },
          { determinant: { determinantId: 'D03' }, stance: 'CONTRADICTS' },
        ],
      },
      { source: { sourceId: 'fx-report' }, direct: true, determinants: [] },
    ]);
  });

  const TRAIL_PAGE = `query ($id: ID!, $first: Int, $after: String) { supportOffer(id: $id) { evidence {
    insightsConnection(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { insight { insightId } stance mixed direct interview { interviewId trust { odsCode } } trust { odsCode } trustType region roles { roleId } suppliers { supplierId } }
    }
  } } }`;

  it("pages through offer-broad's insights by id: the same rows as the full list, and totalCount equal to the summary", async () => {
    const pages: string[][] = [];
    const more: boolean[] = [];
    let after: string | null = null;
    do {
      const result: any = await data(TRAIL_PAGE, { id: 'offer-broad', first: 4, after });
      const connection = result.supportOffer.evidence.insightsConnection;
      expect(connection.totalCount).toBe(9);
      pages.push(connection.nodes.map((row: any) => row.insight.insightId));
      more.push(connection.pageInfo.hasNextPage);
      if (pages.length === 2) {
        expect(connection.nodes[1]).toEqual({
          insight: { insightId: 'i03-02' },
          stance: 'SUPPORTS',
          mixed: true,
          direct: false,
          interview: { interviewId: 'i03', trust: { odsCode: 'TA4' } },
          trust: { odsCode: 'TA4' },
          trustType: 'ACUTE',
          region: 'MIDLANDS',
          roles: [{ roleId: 'ccio' }],
          suppliers: [{ supplierId: 'acme' }],
        });
      }
      after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
    } while (after);
    expect(pages).toEqual([['i01-01', 'i01-02', 'i02-01', 'i02-02'], ['i03-01', 'i03-02', 'i03-03', 'i04-01'], ['i04-02']]);
    expect(more).toEqual([true, true, false]);
  });

  it('reads a page of a trail with its interviews and trusts in three queries: the offer, the page and the count', async () => {
    const response = await server.graphql(TRAIL_PAGE, { id: 'offer-broad', first: 9 });
    expect(response.errors).toBeUndefined();
    expect((response.extensions as any).db.queries).toBe(3);
  });

  it('reads every part of a trail in one query, and its insights in one more', async () => {
    const response = await server.graphql(`{ supportOffer(id: "offer-broad") { evidence {
      ${SUMMARY}
      determinants { determinant { name } supportingInsights }
      workshops { title }
      sources { source { title } direct }
      insights { insight { summary } interview { date } trust { name } roles { name } suppliers { name } }
      insightsConnection(first: 2) { totalCount nodes { insight { insightId } } }
    } } }`);
    expect(response.errors).toBeUndefined();
    // The offer; determinants, workshops, sources and summary (which also gives totalCount); the insights; the page.
    expect((response.extensions as any).db.queries).toBe(4);
  });

  it('refuses a trail page over the maximum size, as any list', async () => {
    expect(await errors(TRAIL_PAGE, { id: 'offer-broad', first: 500 })).toEqual([
      { message: 'first must be between 0 and 100 (got 500). Page through larger results with after.', code: 'BAD_USER_INPUT' },
    ]);
  });

  it("refuses a cursor from another subject's trail", async () => {
    const first: any = await data(TRAIL_PAGE, { id: 'offer-broad', first: 1 });
    const cursor = first.supportOffer.evidence.insightsConnection.pageInfo.endCursor;
    expect(await errors(TRAIL_PAGE, { id: 'offer-thin', after: cursor })).toEqual([
      {
        message:
          'after: this cursor belongs to another list or sort order ("evidenceInsights:offer:offer-broad", not "evidenceInsights:offer:offer-thin"). Use an endCursor or edge cursor from the same query with the same sort.',
        code: 'BAD_USER_INPUT',
      },
    ]);
  });

  it('summarises thin evidence for offer-thin: one trust, one role, one region', async () => {
    const result = await data(`{ supportOffer(id: "offer-thin") { evidence { ${SUMMARY} } } }`);
    expect(result.supportOffer.evidence.summary).toEqual({
      insights: 2,
      supportingInsights: 2,
      contradictingInsights: 0,
      illustrativeInsights: 2,
      interviews: 1,
      trusts: 1,
      roles: 1,
      regions: 1,
      trustTypes: 1,
      suppliers: 1,
      sources: 0,
      determinants: 1,
      workshops: 1,
    });
  });

  it('traces a decision through its offers and its own evidence', async () => {
    const result = await data(`{ policyDecision(id: "dec-centre") { evidence { ${SUMMARY} supportOffers { offerId } } } }`);
    expect(result.policyDecision.evidence).toEqual({
      summary: {
        insights: 10,
        supportingInsights: 10,
        contradictingInsights: 2,
        illustrativeInsights: 10,
        interviews: 5,
        trusts: 4,
        roles: 4,
        regions: 3,
        trustTypes: 2,
        suppliers: 3,
        sources: 2,
        determinants: 3,
        workshops: 1,
      },
      supportOffers: [{ offerId: 'offer-broad' }],
    });
  });

  it('gives an empty trail, not an error, for a decision with no evidence', async () => {
    const result = await data(
      `{ policyDecision(id: "dec-model") { evidence { ${SUMMARY} insights { stance } insightsConnection { totalCount nodes { stance } pageInfo { hasNextPage endCursor } } } evidenceGraph { nodes { type } edges { type } } } }`,
    );
    expect(result.policyDecision).toEqual({
      evidence: {
        summary: {
          insights: 0,
          supportingInsights: 0,
          contradictingInsights: 0,
          illustrativeInsights: 0,
          interviews: 0,
          trusts: 0,
          roles: 0,
          regions: 0,
          trustTypes: 0,
          suppliers: 0,
          sources: 0,
          determinants: 0,
          workshops: 0,
        },
        insights: [],
        insightsConnection: { totalCount: 0, nodes: [], pageInfo: { hasNextPage: false, endCursor: null } },
      },
      evidenceGraph: { nodes: [{ type: 'POLICY_DECISION' }], edges: [] },
    });
  });

  it('draws offer-thin as a graph of nodes and edges with stances', async () => {
    const result = await data('{ supportOffer(id: "offer-thin") { evidenceGraph { nodes { type label } edges { type stance } } } }');
    const graph = result.supportOffer.evidenceGraph;
    // offer, D02, w02, i02-01, i02-02, interview i02, trust TA2: 7 nodes (no published source evidences D02).
    expect(graph.nodes.map((n: { type: string }) => n.type).sort()).toEqual([
      'DETERMINANT',
      'INSIGHT',
      'INSIGHT',
      'INTERVIEW',
      'SUPPORT_OFFER',
      'TRUST',
      'WORKSHOP',
    ]);
    // ADDRESSES offer->D02, PRODUCED w02->offer, FROM x2, AT x1, EVIDENCES x2 (both SUPPORTS), INFORMED_BY offer->i02-01.
    expect(graph.edges.map((e: { type: string; stance: string | null }) => `${e.type}:${e.stance ?? '-'}`).sort()).toEqual([
      'ADDRESSES:-',
      'AT:-',
      'EVIDENCES:SUPPORTS',
      'EVIDENCES:SUPPORTS',
      'FROM:-',
      'FROM:-',
      'INFORMED_BY:-',
      'PRODUCED:-',
    ]);
  });
});

describe('evidence graph of a decision', () => {
  it('hangs the evidence that informed its offer off that offer, and its own evidence off the decision', async () => {
    const result = await data(`{ policyDecision(id: "dec-centre") { evidenceGraph {
      nodes { id type label } edges { type source target }
    } } }`);
    const { nodes, edges } = result.policyDecision.evidenceGraph;
    const name = (id: string) => {
      const node = nodes.find((n: { id: string }) => n.id === id);
      return node.type === 'INSIGHT' || node.type === 'SOURCE' ? node.type : node.label;
    };
    const informed = edges
      .filter((e: { type: string }) => e.type === 'INFORMED_BY')
      .map((e: { source: string; target: string }) => `${name(e.source)} -> ${name(e.target)}`)
      .sort();
    // Answer key: dec-centre is INFORMED_BY offer-broad, i05-02 and fx-academic; offer-broad by i01-01, i02-01,
    // i03-03, i04-02 and fx-report.
    expect(informed).toEqual([
      'Broad fixture offer -> INSIGHT',
      'Broad fixture offer -> INSIGHT',
      'Broad fixture offer -> INSIGHT',
      'Broad fixture offer -> INSIGHT',
      'Broad fixture offer -> SOURCE',
      'Create a fixture centre of excellence -> Broad fixture offer',
      'Create a fixture centre of excellence -> INSIGHT',
      'Create a fixture centre of excellence -> SOURCE',
    ]);
  });
});

describe('provider performance', () => {
  it('returns the months before and after a go-live with their means and the change', async () => {
    const result = await data(
      '{ implementation(id: "ta4-acme-flow-2024") { performanceAroundGoLive(months: 3) { goLiveMonth before { period value } after { period value } meanBefore meanAfter change } } }',
    );
    expect(result.implementation.performanceAroundGoLive).toEqual({
      goLiveMonth: '2024-10',
      before: [
        { period: '2024-07', value: 0.7 },
        { period: '2024-08', value: 0.72 },
        { period: '2024-09', value: 0.74 },
      ],
      after: [
        { period: '2024-10', value: 0.66 },
        { period: '2024-11', value: 0.68 },
        { period: '2024-12', value: 0.7 },
      ],
      meanBefore: 0.72,
      meanAfter: 0.68,
      change: -0.04,
    });
  });

  it("limits a trust's monthly series to a range of months", async () => {
    const result = await data('{ trust(odsCode: "TA8") { performance(from: "2024-11", to: "2024-12") { period value numerator denominator } } }');
    expect(result.trust.performance).toEqual([
      { period: '2024-11', value: 0.84, numerator: null, denominator: null },
      { period: '2024-12', value: 0.85, numerator: null, denominator: null },
    ]);
  });
});

describe('queries per request', () => {
  const NESTED = `query ($first: Int) { trusts(first: $first) { nodes {
    name implementations { status product { name supplier { name } } } interviews { date insights { summary } }
  } } }`;

  it('does not grow with the number of trusts listed (DataLoader batching)', async () => {
    const two = await server.graphql(NESTED, { first: 2 });
    const eight = await server.graphql(NESTED, { first: 8 });
    expect(two.errors).toBeUndefined();
    expect(eight.errors).toBeUndefined();
    expect(eight.extensions?.db?.queries).toBe(two.extensions?.db?.queries);
  });
});
