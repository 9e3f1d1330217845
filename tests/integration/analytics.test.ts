/**
 * Evidence analytics on the fixture graph (tests/fixtures/graph; its README.md is the answer key the figures below
 * are worked from). Thresholds: amount needs >= 3 interviews and >= 5 insights; breadth >= 3 trusts, >= 2 roles,
 * >= 2 regions; coherence a support share >= 75% (below 50%: two steps); corroboration >= 1 supporting source.
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
  server = await startTestServer(db);
});

afterAll(async () => {
  await server?.close();
  await db?.close();
});

/** The data of a query that must succeed, and the number of Cypher queries it ran. */
async function run<T = any>(query: string, variables?: Record<string, unknown>): Promise<{ data: T; queries: number }> {
  const response = await server.graphql<T>(query, variables);
  expect(response.errors).toBeUndefined();
  return { data: response.data as T, queries: response.extensions?.db?.queries ?? -1 };
}

const STRENGTH = `evidenceStrength {
  insights supportingInsights contradictingInsights interviews trusts roles regions trustTypes suppliers
  supportShare sources supportingSources contradictingSources
  grade limitedBy rule concerns { component downgrade reason }
}`;

const NO_CONCERNS = { grade: 'HIGH', limitedBy: [], concerns: [], rule: 'HIGH = HIGH' };

describe('evidence strength of offers and decisions', () => {
  it('profiles every offer in one query for the list and one for all profiles', async () => {
    const { data, queries } = await run(`{ supportOffers { offerId ${STRENGTH} } }`);
    expect(queries).toBe(2);
    const [broad, thin] = data.supportOffers;
    // offer-broad: 9 insights from i01..i04 (TA1, TA2, TA4: LONDON, MIDLANDS; ACUTE, MENTAL_HEALTH; cio, ccio,
    // cnio, clinician; bluebird, cobalt, acme). All 9 support (i03-03, i04-02 inform it directly); i03-02 and i04-02
    // contradict D03: share 9/11. Sources: fx-report (direct: supporting), fx-academic (D01 S: supporting; D03 C:
    // contradicting). Every threshold met: HIGH.
    expect(broad).toEqual({
      offerId: 'offer-broad',
      evidenceStrength: {
        insights: 9,
        supportingInsights: 9,
        contradictingInsights: 2,
        interviews: 4,
        trusts: 3,
        roles: 4,
        regions: 2,
        trustTypes: 2,
        suppliers: 3,
        supportShare: expect.closeTo(9 / 11, 9),
        sources: 2,
        supportingSources: 2,
        contradictingSources: 1,
        ...NO_CONCERNS,
      },
    });
    // offer-thin: i02-01 and i02-02 (interview i02 at TA2, a cnio): one interview, trust, role and region; no source.
    expect(thin).toEqual({
      offerId: 'offer-thin',
      evidenceStrength: {
        insights: 2,
        supportingInsights: 2,
        contradictingInsights: 0,
        interviews: 1,
        trusts: 1,
        roles: 1,
        regions: 1,
        trustTypes: 1,
        suppliers: 1,
        supportShare: 1,
        sources: 0,
        supportingSources: 0,
        contradictingSources: 0,
        grade: 'VERY_LOW',
        limitedBy: ['AMOUNT', 'BREADTH', 'CORROBORATION'],
        concerns: [
          { component: 'AMOUNT', downgrade: 1, reason: '1 interview < 3, 2 insights < 5' },
          { component: 'BREADTH', downgrade: 1, reason: '1 trust < 3, 1 role < 2, 1 region < 2' },
          { component: 'CORROBORATION', downgrade: 1, reason: '0 supporting sources < 1' },
        ],
        rule:
          'HIGH - 1 (amount: 1 interview < 3, 2 insights < 5) - 1 (breadth: 1 trust < 3, 1 role < 2, 1 region < 2)' +
          ' - 1 (corroboration: 0 supporting sources < 1) = VERY_LOW',
      },
    });
  });

  it("grades a decision on its own evidence plus its offers', and a decision without evidence VERY_LOW", async () => {
    const { data, queries } = await run(`{ policyDecisions { decisionId ${STRENGTH} } }`);
    expect(queries).toBe(2);
    const byId = Object.fromEntries(data.policyDecisions.map((d: any) => [d.decisionId, d.evidenceStrength]));
    // dec-centre: offer-broad's 9 + i05-02 (direct; i05 at TA6, NORTH_WEST, a cio; TA6 has no LIVE supplier).
    // Supporting 10 (every direct insight of the decision or its offer supports), contradicting 2: share 10/12.
    expect(byId['dec-centre']).toEqual({
      insights: 10,
      supportingInsights: 10,
      contradictingInsights: 2,
      interviews: 5,
      trusts: 4,
      roles: 4,
      regions: 3,
      trustTypes: 2,
      suppliers: 3,
      supportShare: expect.closeTo(10 / 12, 9),
      sources: 2,
      supportingSources: 2,
      contradictingSources: 1,
      ...NO_CONCERNS,
    });
    // dec-model: informed by nothing. No insights, so no coherence concern (nothing disagrees); three concerns.
    expect(byId['dec-model']).toEqual({
      insights: 0,
      supportingInsights: 0,
      contradictingInsights: 0,
      interviews: 0,
      trusts: 0,
      roles: 0,
      regions: 0,
      trustTypes: 0,
      suppliers: 0,
      supportShare: null,
      sources: 0,
      supportingSources: 0,
      contradictingSources: 0,
      grade: 'VERY_LOW',
      limitedBy: ['AMOUNT', 'BREADTH', 'CORROBORATION'],
      concerns: [
        { component: 'AMOUNT', downgrade: 1, reason: '0 interviews < 3, 0 insights < 5' },
        { component: 'BREADTH', downgrade: 1, reason: '0 trusts < 3, 0 roles < 2, 0 regions < 2' },
        { component: 'CORROBORATION', downgrade: 1, reason: '0 supporting sources < 1' },
      ],
      rule:
        'HIGH - 1 (amount: 0 interviews < 3, 0 insights < 5) - 1 (breadth: 0 trusts < 3, 0 roles < 2, 0 regions < 2)' +
        ' - 1 (corroboration: 0 supporting sources < 1) = VERY_LOW',
    });
  });
});

describe('evidence strength of determinants', () => {
  const query = `{ determinants { determinantId evidenceStrength {
    insights supportingInsights contradictingInsights interviews trusts roles regions trustTypes suppliers
    supportShare sources supportingSources contradictingSources grade limitedBy rule } } }`;

  it('profiles every determinant from the insights and sources that EVIDENCE it, in two queries', async () => {
    const { data, queries } = await run(query);
    expect(queries).toBe(2);
    const byId = Object.fromEntries(data.determinants.map((d: any) => [d.determinantId, d.evidenceStrength]));
    // D01: i01-01, i02-02, i03-01, i03-02, i04-01 (all S) from i01..i04; TA1, TA2, TA4; fx-academic S. HIGH.
    expect(byId.D01).toMatchObject({
      insights: 5,
      supportingInsights: 5,
      contradictingInsights: 0,
      interviews: 4,
      trusts: 3,
      roles: 4,
      regions: 2,
      trustTypes: 2,
      suppliers: 3,
      supportShare: 1,
      sources: 1,
      supportingSources: 1,
      contradictingSources: 0,
      grade: 'HIGH',
      limitedBy: [],
      rule: 'HIGH = HIGH',
    });
    // D02: i02-01, i02-02 (TA2, cnio), no source: amount, breadth, corroboration.
    expect(byId.D02).toMatchObject({
      insights: 2,
      interviews: 1,
      trusts: 1,
      roles: 1,
      regions: 1,
      suppliers: 1,
      sources: 0,
      grade: 'VERY_LOW',
      limitedBy: ['AMOUNT', 'BREADTH', 'CORROBORATION'],
    });
    // D03: i01-02 S (TA1: cio, ccio), i03-02 C (TA4: ccio), i04-02 C (TA4: clinician); fx-academic C only.
    // Share 1/3 < 50%: coherence costs two steps; five in all, floored at VERY_LOW.
    expect(byId.D03).toEqual({
      insights: 3,
      supportingInsights: 1,
      contradictingInsights: 2,
      interviews: 3,
      trusts: 2,
      roles: 3,
      regions: 2,
      trustTypes: 1,
      suppliers: 2,
      supportShare: expect.closeTo(1 / 3, 9),
      sources: 1,
      supportingSources: 0,
      contradictingSources: 1,
      grade: 'VERY_LOW',
      limitedBy: ['AMOUNT', 'BREADTH', 'COHERENCE', 'CORROBORATION'],
      rule:
        'HIGH - 1 (amount: 3 insights < 5) - 1 (breadth: 2 trusts < 3) - 2 (coherence: 33% supporting < 50%)' +
        ' - 1 (corroboration: 0 supporting sources < 1) = VERY_LOW (floor)',
    });
    // D04: desk research only (fx-report S): no interview evidence, corroborated: two steps, LOW.
    expect(byId.D04).toMatchObject({
      insights: 0,
      interviews: 0,
      trusts: 0,
      supportShare: null,
      sources: 1,
      supportingSources: 1,
      grade: 'LOW',
      limitedBy: ['AMOUNT', 'BREADTH'],
      rule: 'HIGH - 1 (amount: 0 interviews < 3, 0 insights < 5) - 1 (breadth: 0 trusts < 3, 0 roles < 2, 0 regions < 2) = LOW',
    });
    // D05: i01-03 S, i05-02 S, i05-01 C (i01 at TA1, i05 at TA6: cio, ccio); share 2/3 < 75%; fx-report S.
    expect(byId.D05).toMatchObject({
      insights: 3,
      supportingInsights: 2,
      contradictingInsights: 1,
      interviews: 2,
      trusts: 2,
      roles: 2,
      regions: 2,
      trustTypes: 1,
      suppliers: 1,
      supportShare: expect.closeTo(2 / 3, 9),
      sources: 1,
      supportingSources: 1,
      grade: 'VERY_LOW',
      limitedBy: ['AMOUNT', 'BREADTH', 'COHERENCE'],
      rule: 'HIGH - 1 (amount: 2 interviews < 3, 3 insights < 5) - 1 (breadth: 2 trusts < 3) - 1 (coherence: 67% supporting < 75%) = VERY_LOW',
    });
  });

  describe('a determinant with only contradicting evidence', () => {
    beforeAll(async () => {
      // D90 exists only for this block: i05-01 (TA6, cio) CONTRADICTS it; nothing supports it.
      await db.writeQuery(
        `MATCH (n:Insight {id: 'i05-01'})
         CREATE (n)-[:EVIDENCES {stance: 'CONTRADICTS'}]->(:Determinant {id: 'D90', name: 'Contested', category: 'Process',
                 description: 'Test only', sourceId: 'fx-case-study'})`,
      );
    });
    afterAll(async () => {
      await db.writeQuery(`MATCH (d:Determinant {id: 'D90'}) DETACH DELETE d`);
    });

    it('has a support share of 0, a serious coherence concern, and is listed as contested', async () => {
      const { data } = await run(`{ determinant(id: "D90") { evidenceStrength { supportShare grade limitedBy concerns { component downgrade reason } } }
        evidenceGaps { contestedDeterminants { determinant { determinantId } supporting contradicting } } }`);
      expect(data.determinant.evidenceStrength).toEqual({
        supportShare: 0,
        grade: 'VERY_LOW',
        limitedBy: ['AMOUNT', 'BREADTH', 'COHERENCE', 'CORROBORATION'],
        concerns: [
          { component: 'AMOUNT', downgrade: 1, reason: '1 interview < 3, 1 insight < 5' },
          { component: 'BREADTH', downgrade: 1, reason: '1 trust < 3, 1 role < 2, 1 region < 2' },
          { component: 'COHERENCE', downgrade: 2, reason: '0% supporting < 50%' },
          { component: 'CORROBORATION', downgrade: 1, reason: '0 supporting sources < 1' },
        ],
      });
      expect(data.evidenceGaps.contestedDeterminants).toEqual([
        { determinant: { determinantId: 'D03' }, supporting: 1, contradicting: 3 },
        { determinant: { determinantId: 'D90' }, supporting: 0, contradicting: 1 },
      ]);
    });
  });
});

describe('evidence gaps', () => {
  it('lists unaddressed determinants, thin evidence and contested determinants', async () => {
    const { data, queries } = await run(`{ evidenceGaps {
      unaddressedDeterminants { determinantId }
      thinEvidence { supportOffer { offerId } policyDecision { decisionId } reasons trusts roles regions }
      contestedDeterminants { determinant { determinantId } supporting contradicting } } }`);
    // 4 analytics queries (unaddressed, thin offers, thin decisions, contested) + determinants, offers, decisions
    // by id (one batch each).
    expect(queries).toBe(7);
    expect(data.evidenceGaps).toEqual({
      // No ADDRESSES edge reaches D04 or D05.
      unaddressedDeterminants: [{ determinantId: 'D04' }, { determinantId: 'D05' }],
      thinEvidence: [
        // offer-thin: TA2 only, cnio only, LONDON only. offer-broad and dec-centre span 3+ trusts, 4 roles, 2+ regions.
        {
          supportOffer: { offerId: 'offer-thin' },
          policyDecision: null,
          reasons: ['SINGLE_TRUST', 'SINGLE_ROLE', 'SINGLE_REGION'],
          trusts: 1,
          roles: 1,
          regions: 1,
        },
        { supportOffer: null, policyDecision: { decisionId: 'dec-model' }, reasons: ['NO_EVIDENCE'], trusts: 0, roles: 0, regions: 0 },
      ],
      // D03: supported by i01-02; contradicted by i03-02, i04-02 and fx-academic. D05 is 2 + fx-report against 1.
      contestedDeterminants: [{ determinant: { determinantId: 'D03' }, supporting: 1, contradicting: 3 }],
    });
  });
});

describe('representativeness of the engagement sample', () => {
  const STRATA = `dimension chiSquare degreesOfFreedom pValue reliable note
    strata { key label populationTrusts sampleTrusts populationShare sampleShare differencePoints expectedSampleTrusts }
    overRepresented { key } underRepresented { key }`;
  const query = `{ representativeness { populationTrusts sampleTrusts
    byRegion { ${STRATA} } byTrustType { ${STRATA} } bySupplier { ${STRATA} } byEprStatus { ${STRATA} } } }`;

  const stratum = (key: string, label: string, population: number, sample: number, expected: number) => ({
    key,
    label,
    populationTrusts: population,
    sampleTrusts: sample,
    populationShare: expect.closeTo(population / 8, 6),
    sampleShare: expect.closeTo(sample / 4, 6),
    differencePoints: expect.closeTo((sample / 4 - population / 8) * 100, 4),
    expectedSampleTrusts: expect.closeTo(expected, 6),
  });

  it('counts all four dimensions in one Cypher query', async () => {
    const { data, queries } = await run(query);
    expect(queries).toBe(1);
    // 8 trusts; sample = TA1, TA2, TA4, TA6 (an Interview AT each).
    expect(data.representativeness).toMatchObject({ populationTrusts: 8, sampleTrusts: 4 });
  });

  it('tests regions: strata without trusts are shown but take no part in the test', async () => {
    const { byRegion } = (await run(query)).data.representativeness;
    // Expected = 4 x share: LONDON 1.5, SOUTH_WEST 0.5, MIDLANDS 1, NORTH_WEST 1.
    // Chi-square = 0.5^2/1.5 + 0.5^2/0.5 + 0 + 0 = 0.1667 + 0.5 = 0.6667; df = 4 tested strata - 1 = 3;
    // p = P(chi2(3) >= 0.6667) = 0.8810. Every expected count is below 5: unreliable.
    expect(byRegion).toEqual({
      dimension: 'REGION',
      chiSquare: expect.closeTo(2 / 3, 6),
      degreesOfFreedom: 3,
      pValue: expect.closeTo(0.881015, 5),
      reliable: false,
      note:
        '4 of 4 strata expect fewer than 5 sample trusts (LONDON, SOUTH_WEST, MIDLANDS, NORTH_WEST): the chi-square ' +
        'approximation is unreliable; read the differences, not the p-value, or use an exact test.',
      strata: [
        stratum('LONDON', 'LONDON', 3, 2, 1.5), // 50% vs 37.5%: +12.5 points
        stratum('SOUTH_EAST', 'SOUTH_EAST', 0, 0, 0), // a stratum with no trusts
        stratum('SOUTH_WEST', 'SOUTH_WEST', 1, 0, 0.5), // 0% vs 12.5%: -12.5 points
        stratum('MIDLANDS', 'MIDLANDS', 2, 1, 1),
        stratum('EAST_OF_ENGLAND', 'EAST_OF_ENGLAND', 0, 0, 0),
        stratum('NORTH_WEST', 'NORTH_WEST', 2, 1, 1),
        stratum('NORTH_EAST_AND_YORKSHIRE', 'NORTH_EAST_AND_YORKSHIRE', 0, 0, 0),
      ],
      overRepresented: [{ key: 'LONDON' }],
      underRepresented: [{ key: 'SOUTH_WEST' }],
    });
  });

  it('tests trust types, suppliers and EPR statuses', async () => {
    const { byTrustType, bySupplier, byEprStatus } = (await run(query)).data.representativeness;
    // Types: expected ACUTE 2, MENTAL_HEALTH 1, COMMUNITY 0.5, AMBULANCE 0.5 (ACUTE_SPECIALIST has no trusts).
    // Chi-square = 1/2 + 0 + 0.5 + 0.5 = 1.5, df 3, p = 0.6823.
    expect(byTrustType).toMatchObject({
      chiSquare: expect.closeTo(1.5, 6),
      degreesOfFreedom: 3,
      pValue: expect.closeTo(0.68227, 5),
      reliable: false,
      strata: [
        stratum('ACUTE', 'ACUTE', 4, 3, 2), // 75% vs 50%: +25
        stratum('ACUTE_SPECIALIST', 'ACUTE_SPECIALIST', 0, 0, 0),
        stratum('MENTAL_HEALTH', 'MENTAL_HEALTH', 2, 1, 1),
        stratum('COMMUNITY', 'COMMUNITY', 1, 0, 0.5),
        stratum('AMBULANCE', 'AMBULANCE', 1, 0, 0.5),
      ],
      overRepresented: [{ key: 'ACUTE' }],
      underRepresented: [{ key: 'COMMUNITY' }, { key: 'AMBULANCE' }],
    });
    // Suppliers of the current LIVE implementation: TA1 bluebird, TA2 cobalt (its acme is REPLACED), TA4 acme; the
    // other 5 trusts are `none-recorded` (TA6 in the sample: CONTRACTED only). Expected 0.5, 0.5, 0.5, 2.5.
    // Chi-square = 3 x 0.5^2/0.5 + 1.5^2/2.5 = 1.5 + 0.9 = 2.4, df 3, p = 0.4936.
    expect(bySupplier).toMatchObject({
      chiSquare: expect.closeTo(2.4, 6),
      degreesOfFreedom: 3,
      pValue: expect.closeTo(0.493635, 5),
      reliable: false,
      strata: [
        stratum('acme', 'Acme Health', 1, 1, 0.5), // 25% vs 12.5%: +12.5
        stratum('bluebird', 'Bluebird Clinical', 1, 1, 0.5),
        stratum('cobalt', 'Cobalt Records', 1, 1, 0.5),
        stratum('none-recorded', 'None recorded', 5, 1, 2.5), // 25% vs 62.5%: -37.5
      ],
      overRepresented: [{ key: 'acme' }, { key: 'bluebird' }, { key: 'cobalt' }],
      underRepresented: [{ key: 'none-recorded' }],
    });
    // Statuses: LIVE 3/3, IN_PROGRESS 3/1 (TA6), NONE_RECORDED 2/0. Expected 1.5, 1.5, 1.
    // Chi-square = 1.5^2/1.5 + 0.5^2/1.5 + 1^2/1 = 1.5 + 0.1667 + 1 = 2.6667, df 2, p = e^(-1.3333) = 0.2636.
    expect(byEprStatus).toMatchObject({
      chiSquare: expect.closeTo(8 / 3, 6),
      degreesOfFreedom: 2,
      pValue: expect.closeTo(0.263597, 5),
      reliable: false,
      strata: [
        stratum('LIVE', 'LIVE', 3, 3, 1.5), // +37.5
        stratum('IN_PROGRESS', 'IN_PROGRESS', 3, 1, 1.5), // -12.5
        stratum('NONE_RECORDED', 'NONE_RECORDED', 2, 0, 1), // -25
      ],
      overRepresented: [{ key: 'LIVE' }],
      underRepresented: [{ key: 'NONE_RECORDED' }, { key: 'IN_PROGRESS' }],
    });
  });
});

describe('supplier landscape', () => {
  it('gives live trusts and market share per supplier, implementations by status and year, trusts without an EPR', async () => {
    const { data, queries } = await run(`{ supplierLandscape {
      trustsWithLiveEpr
      suppliers { supplier { supplierId } liveTrusts marketShare byRegion { key count } byTrustType { key count } }
      implementations { status year count }
      trustsWithoutEpr { odsCode } } }`);
    // 2 analytics queries + suppliers by id + trusts by ODS code.
    expect(queries).toBe(4);
    expect(data.supplierLandscape).toEqual({
      // TA1, TA2, TA4 have a LIVE implementation: each supplier has 1 of 3.
      trustsWithLiveEpr: 3,
      suppliers: [
        {
          supplier: { supplierId: 'acme' },
          liveTrusts: 1,
          marketShare: expect.closeTo(1 / 3, 6),
          byRegion: [{ key: 'MIDLANDS', count: 1 }],
          byTrustType: [{ key: 'ACUTE', count: 1 }],
        },
        {
          supplier: { supplierId: 'bluebird' },
          liveTrusts: 1,
          marketShare: expect.closeTo(1 / 3, 6),
          byRegion: [{ key: 'LONDON', count: 1 }],
          byTrustType: [{ key: 'ACUTE', count: 1 }],
        },
        {
          supplier: { supplierId: 'cobalt' },
          liveTrusts: 1,
          marketShare: expect.closeTo(1 / 3, 6),
          byRegion: [{ key: 'LONDON', count: 1 }],
          byTrustType: [{ key: 'MENTAL_HEALTH', count: 1 }],
        },
      ],
      implementations: [
        { status: 'REPLACED', year: 2015, count: 1 },
        { status: 'LIVE', year: 2019, count: 1 },
        { status: 'LIVE', year: 2022, count: 1 },
        { status: 'LIVE', year: 2024, count: 1 },
        { status: 'PROCURING', year: 2024, count: 1 },
        { status: 'CONTRACTED', year: 2025, count: 1 },
        { status: 'PLANNED', year: 2025, count: 1 },
      ],
      // Echo (TA5) and Hotel (TA8) have no implementation at all.
      trustsWithoutEpr: [{ odsCode: 'TA5' }, { odsCode: 'TA8' }],
    });
  });
});

describe('voices in the evidence', () => {
  const VOICES = `evidenceVoices { insights
    byRole { key label insights share weightedShare } byTrustType { key insights share } }`;

  it("gives each role's and trust type's share of an offer's evidence, absent ones at 0", async () => {
    const { data, queries } = await run(`{ supportOffers { offerId ${VOICES} } }`);
    expect(queries).toBe(2);
    const [broad, thin] = data.supportOffers;
    // offer-broad's 9 insights: i01 (cio + ccio) gives 2, i02 (cnio) 2, i03 (ccio) 3, i04 (clinician) 2.
    // ccio speaks in 5/9; weighted, i01's two are split half and half: cio 1/9, ccio (1 + 3)/9.
    expect(broad.evidenceVoices).toEqual({
      insights: 9,
      byRole: [
        { key: 'ccio', label: 'Chief Clinical Information Officer', insights: 5, share: expect.closeTo(5 / 9, 6), weightedShare: expect.closeTo(4 / 9, 6) },
        { key: 'cio', label: 'Chief Information Officer', insights: 2, share: expect.closeTo(2 / 9, 6), weightedShare: expect.closeTo(1 / 9, 6) },
        { key: 'clinician', label: 'Clinician', insights: 2, share: expect.closeTo(2 / 9, 6), weightedShare: expect.closeTo(2 / 9, 6) },
        { key: 'cnio', label: 'Chief Nursing Information Officer', insights: 2, share: expect.closeTo(2 / 9, 6), weightedShare: expect.closeTo(2 / 9, 6) },
      ],
      // TA1, TA4 ACUTE (2 + 3 + 2), TA2 MENTAL_HEALTH (2).
      byTrustType: [
        { key: 'ACUTE', insights: 7, share: expect.closeTo(7 / 9, 6) },
        { key: 'ACUTE_SPECIALIST', insights: 0, share: 0 },
        { key: 'MENTAL_HEALTH', insights: 2, share: expect.closeTo(2 / 9, 6) },
        { key: 'COMMUNITY', insights: 0, share: 0 },
        { key: 'AMBULANCE', insights: 0, share: 0 },
      ],
    });
    // offer-thin: only the cnio at TA2 speaks; the clinician is absent.
    expect(thin.evidenceVoices.byRole.map((r: any) => [r.key, r.insights, r.share])).toEqual([
      ['ccio', 0, 0],
      ['cio', 0, 0],
      ['clinician', 0, 0],
      ['cnio', 2, 1],
    ]);
  });

  it("gives a decision's voices, and null shares for a decision without evidence", async () => {
    const { data } = await run(`{ policyDecisions { decisionId ${VOICES} } }`);
    const byId = Object.fromEntries(data.policyDecisions.map((d: any) => [d.decisionId, d.evidenceVoices]));
    // dec-centre adds i05-02 (i05: a cio at TA6, ACUTE) to offer-broad's 9.
    expect(byId['dec-centre'].byRole.map((r: any) => [r.key, r.insights])).toEqual([
      ['ccio', 5],
      ['cio', 3],
      ['clinician', 2],
      ['cnio', 2],
    ]);
    expect(byId['dec-centre'].byTrustType[0]).toEqual({ key: 'ACUTE', insights: 8, share: expect.closeTo(0.8, 6) });
    expect(byId['dec-model'].insights).toBe(0);
    expect(byId['dec-model'].byRole.every((r: any) => r.insights === 0 && r.share === null)).toBe(true);
  });
});

describe('impact of go-live on A&E performance', () => {
  it('compares the months before and after go-live for trusts whose go-live is inside their data', async () => {
    const { data, queries } = await run(`{ goLiveImpact {
      metric months meanChange
      trusts { trust { odsCode } implementation { implementationId }
               performance { goLiveMonth meanBefore meanAfter change before { period } after { period } } } } }`);
    // Candidates (1) + performance around go-live (1) + trusts (1) + implementations (1).
    expect(queries).toBe(4);
    // Only TA4 (go-live 2024-10, data 2024-07..12) qualifies: TA1 and TA2 went live before any data, TA8 never.
    // Before 0.70, 0.72, 0.74 (mean 0.72); from go-live 0.66, 0.68, 0.70 (mean 0.68); change -0.04.
    expect(data.goLiveImpact).toEqual({
      metric: 'AE_FOUR_HOUR',
      months: 6,
      meanChange: expect.closeTo(-0.04, 6),
      trusts: [
        {
          trust: { odsCode: 'TA4' },
          implementation: { implementationId: 'ta4-acme-flow-2024' },
          performance: {
            goLiveMonth: '2024-10',
            meanBefore: expect.closeTo(0.72, 6),
            meanAfter: expect.closeTo(0.68, 6),
            change: expect.closeTo(-0.04, 6),
            before: [{ period: '2024-07' }, { period: '2024-08' }, { period: '2024-09' }],
            after: [{ period: '2024-10' }, { period: '2024-11' }, { period: '2024-12' }],
          },
        },
      ],
    });
  });

  it('narrows the window to the months asked for', async () => {
    const { data } = await run(`{ goLiveImpact(months: 1) { meanChange trusts { performance { meanBefore meanAfter } } } }`);
    // One month each side: 2024-09 (0.74) against 2024-10 (0.66).
    expect(data.goLiveImpact.trusts[0].performance).toEqual({ meanBefore: expect.closeTo(0.74, 6), meanAfter: expect.closeTo(0.66, 6) });
    expect(data.goLiveImpact.meanChange).toBeCloseTo(-0.08, 6);
  });
});
