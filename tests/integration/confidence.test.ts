/**
 * Confidence in the evidence (GRADE-CERQual) on the fixture graph (tests/fixtures/graph, answer key in its README)
 * with the appraisals and judgements of tests/fixtures/confidence (its README works the figures out by hand).
 * Every threshold is in src/modules/confidence/rules.ts; tests/unit/confidence-rules.test.ts covers every band.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { parse } from 'csv-parse/sync';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { Database } from '../../src/db/database.js';
import { loadSeedDirectory } from '../../src/seed/load.js';
import { connectTestDatabase, resetDatabase, testDatabaseSettings } from '../helpers/database.js';
import { expectEvidenceAggregatesCurrent } from '../helpers/evidence-aggregates.js';
import { FIXTURE_DIRECTORY } from '../helpers/fixture.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { bearer, TEST_JWT_SECRET } from '../helpers/tokens.js';

const CONFIDENCE_FIXTURE = path.resolve(import.meta.dirname, '..', 'fixtures', 'confidence');

let db: Database;
let server: TestServer;
let directory: string;
let researcher: Record<string, string>;
let analyst: Record<string, string>;
let viewer: Record<string, string>;

/** The fixture graph with the confidence fixture's appraisals and judgements over its empty files. */
async function loadConfidenceFixture(): Promise<void> {
  await resetDatabase(db);
  await loadSeedDirectory(db, directory);
}

beforeAll(async () => {
  db = connectTestDatabase();
  directory = await mkdtemp(path.join(os.tmpdir(), 'confidence-fixture-'));
  await cp(FIXTURE_DIRECTORY, directory, { recursive: true });
  await cp(CONFIDENCE_FIXTURE, directory, { recursive: true, filter: (source) => !source.endsWith('README.md') });
  await loadConfidenceFixture();
  server = await startTestServer(db, { JWT_SECRET: TEST_JWT_SECRET });
  [researcher, analyst, viewer] = await Promise.all([bearer('researcher', 'ada'), bearer('analyst'), bearer('viewer')]);
});

afterAll(async () => {
  await server?.close();
  await db?.close();
  if (directory) await rm(directory, { recursive: true, force: true });
});

// Every write path keeps the evidence aggregates current: after each test they equal a fresh computation.
afterEach(async () => {
  await expectEvidenceAggregatesCurrent(db);
});

async function run<T = any>(query: string, variables?: Record<string, unknown>, headers = researcher): Promise<T> {
  const response = await server.graphql<T>(query, variables, headers);
  expect(response.errors).toBeUndefined();
  return response.data as T;
}

const SUGGESTION = 'component suggestedLevel summary rule';
const PROFILE = `profile {
  label suggestedConfidence confidenceRule
  methodologicalLimitations { ${SUGGESTION} }
  coherence { ${SUGGESTION} insights supporting contradicting mixed supportingSources contradictingSources }
  adequacy { ${SUGGESTION} insights interviews participants trusts verbatimInsights verbatimShare sources }
  relevance { ${SUGGESTION} indirectShare roles allRoles suppliers allSuppliers
    dimensions { dimension evidenceTrusts largestDifferenceKey largestDifferencePoints missing } }
  contributingStudies { studyId title kind insights weight share appraisalLevel relevance }
}`;

describe('the computed profile (decision support) of each finding', () => {
  it('labels itself as decision support and weighs D01 by its appraised studies', async () => {
    const data = await run(`{ finding(id: "D01") { findingId statement illustrative ${PROFILE} } }`);
    const { profile, ...finding } = data.finding;
    expect(finding).toEqual({
      findingId: 'D01',
      statement: 'Trusts where clinicians led design and go-live decisions describe smoother adoption.',
      illustrative: true,
    });
    expect(profile.label).toBe('computed profile (decision support)');
    // Evidence: i01-01, i02-02, i03-01, i03-02, i04-01 (fx-interviews, MINOR, DIRECT) and fx-academic (MODERATE,
    // PARTIAL), weights 5 and 1: weighted concern (5 x 1 + 1 x 2) / 6 = 1.17, minor.
    expect(profile.contributingStudies).toEqual([
      {
        studyId: 'fx-interviews',
        title: 'Fixture interview study',
        kind: 'INTERVIEW_STUDY',
        insights: 5,
        weight: 5,
        share: 0.8333,
        appraisalLevel: 'MINOR_CONCERNS',
        relevance: 'DIRECT',
      },
      {
        studyId: 'fx-academic',
        title: 'Go-live readiness, revisited: a fixture study',
        kind: 'PUBLISHED_SOURCE',
        insights: 0,
        weight: 1,
        share: 0.1667,
        appraisalLevel: 'MODERATE_CONCERNS',
        relevance: 'PARTIAL',
      },
    ]);
    expect(profile.methodologicalLimitations).toEqual({
      component: 'METHODOLOGICAL_LIMITATIONS',
      suggestedLevel: 'MINOR_CONCERNS',
      summary: '2 studies; 83% of the evidence from one study with minor concerns; 17% of the evidence from one study with moderate concerns',
      rule:
        'weighted concern 1.17 (0 none .. 3 serious): MINOR_CONCERNS; not appraised 0%: at least NO_CONCERNS' +
        ' (thresholds 0.5/1.5/2.5; not appraised 25%/50%) = MINOR_CONCERNS',
    });
    expect(profile.coherence).toEqual({
      component: 'COHERENCE',
      suggestedLevel: 'NO_CONCERNS',
      summary: '5 insights: 5 supporting, 0 contradicting, 0 mixed; sources: 1 supporting, 0 contradicting',
      rule: 'contradicting or mixed 0/5 = 0% (thresholds 10%/25%/50%) = NO_CONCERNS',
      insights: 5,
      supporting: 5,
      contradicting: 0,
      mixed: 0,
      supportingSources: 1,
      contradictingSources: 0,
    });
    // Quotes on i01-01 and i03-01: 2 of 5.
    expect(profile.adequacy).toEqual({
      component: 'ADEQUACY',
      suggestedLevel: 'NO_CONCERNS',
      summary: '5 insights from 4 interviews with 5 participants at 3 trusts; 2 with verbatim data (40%); 1 published source',
      rule: 'at least 3 trusts, 3 interviews, 5 insights, 25% verbatim = NO_CONCERNS',
      insights: 5,
      interviews: 4,
      participants: 5,
      trusts: 3,
      verbatimInsights: 2,
      verbatimShare: 0.4,
      sources: 1,
    });
    // TA1, TA2, TA4 against the 8 trusts: all three LIVE (100% against 37.5%: +62.5 points), no trust without a live
    // supplier (0% against 62.5%), acute 67% against 50%, London 67% against 37.5%.
    expect(profile.relevance).toEqual({
      component: 'RELEVANCE',
      suggestedLevel: 'SERIOUS_CONCERNS',
      summary:
        '2 studies: 1 direct, 1 partial; 3 evidence trusts of 8: trust type ACUTE +16.7 points (none from AMBULANCE, COMMUNITY); ' +
        'region LONDON +29.2 points (none from NORTH_WEST, SOUTH_WEST); epr status LIVE +62.5 points (none from IN_PROGRESS, NONE_RECORDED); ' +
        'epr supplier none-recorded -62.5 points (none from none-recorded); 4 of 4 roles; 3 of 3 suppliers',
      rule:
        'largest difference 62.5 points (EPR_STATUS): SERIOUS_CONCERNS (thresholds 15/30/50 points); not direct 17%: NO_CONCERNS' +
        ' (thresholds 25%/50%/75%) = SERIOUS_CONCERNS',
      indirectShare: 0.1667,
      roles: 4,
      allRoles: 4,
      suppliers: 3,
      allSuppliers: 3,
      dimensions: [
        { dimension: 'TRUST_TYPE', evidenceTrusts: 3, largestDifferenceKey: 'ACUTE', largestDifferencePoints: 16.7, missing: ['AMBULANCE', 'COMMUNITY'] },
        { dimension: 'REGION', evidenceTrusts: 3, largestDifferenceKey: 'LONDON', largestDifferencePoints: 29.2, missing: ['NORTH_WEST', 'SOUTH_WEST'] },
        { dimension: 'EPR_STATUS', evidenceTrusts: 3, largestDifferenceKey: 'LIVE', largestDifferencePoints: 62.5, missing: ['IN_PROGRESS', 'NONE_RECORDED'] },
        { dimension: 'EPR_SUPPLIER', evidenceTrusts: 3, largestDifferenceKey: 'none-recorded', largestDifferencePoints: -62.5, missing: ['none-recorded'] },
      ],
    });
    // Minor (half a step) and serious (two): 2.5 steps, rounded down to 2.
    expect(profile.suggestedConfidence).toBe('LOW');
    expect(profile.confidenceRule).toBe('HIGH - 0.5 (methodological limitations: minor concerns) - 2 (relevance: serious concerns) = LOW');
  });

  it.each([
    // D02: i02-01, i02-02 from one interview (TA2, cnio); fx-interviews only.
    ['D02', { ml: 'MINOR_CONCERNS', coherence: 'NO_CONCERNS', adequacy: 'SERIOUS_CONCERNS', relevance: 'SERIOUS_CONCERNS', confidence: 'VERY_LOW' }],
    // D03: i01-02 S, i03-02 C, i04-02 C (2 of 3 contradict); fx-academic C.
    ['D03', { ml: 'MINOR_CONCERNS', coherence: 'SERIOUS_CONCERNS', adequacy: 'MODERATE_CONCERNS', relevance: 'SERIOUS_CONCERNS', confidence: 'VERY_LOW' }],
    // D04: no insight, only fx-report (not appraised, relevance unclear).
    ['D04', { ml: 'MODERATE_CONCERNS', coherence: 'NO_CONCERNS', adequacy: 'SERIOUS_CONCERNS', relevance: 'SERIOUS_CONCERNS', confidence: 'VERY_LOW' }],
    // D05: i01-03 S, i05-01 C, i05-02 S; fx-report (not appraised, a quarter of the weight).
    ['D05', { ml: 'MINOR_CONCERNS', coherence: 'MODERATE_CONCERNS', adequacy: 'MODERATE_CONCERNS', relevance: 'SERIOUS_CONCERNS', confidence: 'VERY_LOW' }],
  ])('suggests the levels worked out by hand for %s', async (id, expected) => {
    const data = await run(`{ finding(id: "${id}") { ${PROFILE} } }`);
    const { profile } = data.finding;
    expect({
      ml: profile.methodologicalLimitations.suggestedLevel,
      coherence: profile.coherence.suggestedLevel,
      adequacy: profile.adequacy.suggestedLevel,
      relevance: profile.relevance.suggestedLevel,
      confidence: profile.suggestedConfidence,
    }).toEqual(expected);
  });

  it('gives the rules behind D02, D03, D04 and D05 in words', async () => {
    const data = await run(`{ findings { findingId ${PROFILE} } }`);
    const byId = Object.fromEntries(data.findings.map((f: any) => [f.findingId, f.profile]));
    expect(byId.D02.adequacy.rule).toBe('1 interview < 2, 2 insights < 3 = SERIOUS_CONCERNS');
    expect(byId.D02.confidenceRule).toBe(
      'HIGH - 0.5 (methodological limitations: minor concerns) - 2 (adequacy: serious concerns) - 2 (relevance: serious concerns) = VERY_LOW (floor)',
    );
    expect(byId.D03.coherence).toMatchObject({
      insights: 3,
      supporting: 1,
      contradicting: 2,
      mixed: 0,
      supportingSources: 0,
      contradictingSources: 1,
      rule: 'contradicting or mixed 2/3 = 67% (thresholds 10%/25%/50%) = SERIOUS_CONCERNS',
    });
    expect(byId.D03.adequacy.rule).toBe('3 insights < 5 = MODERATE_CONCERNS');
    expect(byId.D04.methodologicalLimitations).toMatchObject({
      summary: '1 study; 1 not appraised (100% of the evidence)',
      rule: 'no study appraised; not appraised 100%: at least MODERATE_CONCERNS (thresholds 0.5/1.5/2.5; not appraised 25%/50%)' + ' = MODERATE_CONCERNS',
    });
    expect(byId.D04.coherence.rule).toBe('no insights, nothing disagrees: NO_CONCERNS (see adequacy)');
    expect(byId.D04.relevance.rule).toBe(
      'no evidence trusts: SERIOUS_CONCERNS (thresholds 15/30/50 points); not direct 100%: SERIOUS_CONCERNS (thresholds 25%/50%/75%) = SERIOUS_CONCERNS',
    );
    expect(byId.D05.adequacy.rule).toBe('2 interviews < 3, 3 insights < 5 = MODERATE_CONCERNS');
    expect(byId.D05.methodologicalLimitations.rule).toBe(
      'weighted concern 1.00 (0 none .. 3 serious): MINOR_CONCERNS; not appraised 25%: at least MINOR_CONCERNS' +
        ' (thresholds 0.5/1.5/2.5; not appraised 25%/50%) = MINOR_CONCERNS',
    );
  });

  it('lists the findings an offer and a decision rest on, and none for a decision without offers', async () => {
    const data = await run(`{
      supportOffer(id: "offer-broad") { findings { findingId } }
      policyDecision(id: "dec-model") { findings { findingId } }
      a: findings(scope: { policyDecisionId: "dec-centre" }) { findingId }
      b: findings(scope: { supportOfferId: "offer-thin" }) { findingId }
      c: findings(scope: { supportOfferId: "no-such-offer" }) { findingId } }`);
    expect(data.supportOffer.findings.map((f: any) => f.findingId)).toEqual(['D01', 'D02', 'D03']);
    expect(data.policyDecision.findings).toEqual([]);
    expect(data.a.map((f: any) => f.findingId)).toEqual(['D01', 'D02', 'D03']);
    expect(data.b.map((f: any) => f.findingId)).toEqual(['D02']);
    expect(data.c).toEqual([]);
  });
});

describe('the coherence split of a trail', () => {
  it('adds supporting only, contradicting only and mixed up to the insights', async () => {
    // offer-broad: 9 insights, all supporting (i03-03 and i04-02 directly); i03-02 (D01 S, D03 C) and i04-02
    // (direct, D03 C) also contradict: 7 supporting only, 0 contradicting only, 2 mixed.
    const data = await run(`{ supportOffer(id: "offer-broad") { evidence {
      summary { insights supportingInsights contradictingInsights mixedInsights }
      insights { insight { insightId } coherence mixed } } } }`);
    const { summary, insights } = data.supportOffer.evidence;
    expect(summary).toEqual({ insights: 9, supportingInsights: 9, contradictingInsights: 2, mixedInsights: 2 });
    expect(summary.supportingInsights - summary.mixedInsights + (summary.contradictingInsights - summary.mixedInsights) + summary.mixedInsights).toBe(
      summary.insights,
    );
    expect(insights.filter((i: any) => i.coherence === 'MIXED').map((i: any) => i.insight.insightId)).toEqual(['i03-02', 'i04-02']);
    expect(insights.filter((i: any) => i.coherence === 'SUPPORTING')).toHaveLength(7);
    // `mixed` keeps its meaning (links of both kinds): i04-02 is mixed by coherence, not by links.
    expect(insights.find((i: any) => i.insight.insightId === 'i04-02')).toEqual({ insight: { insightId: 'i04-02' }, coherence: 'MIXED', mixed: false });
  });

  it('lists the contradicting insights of a finding for analysts', async () => {
    const data = await run(`{ finding(id: "D03") { profile { coherence { contradictingInsights { insightId } } } } }`, undefined, analyst);
    expect(data.finding.profile.coherence.contradictingInsights).toEqual([{ insightId: 'i03-02' }, { insightId: 'i04-02' }]);
  });
});

describe('appraisals', () => {
  it('loads the CASP appraisals of the fixture with every answer in checklist order', async () => {
    const data = await run(
      `{ study(studyId: "fx-interviews") { appraisals {
      appraisalId instrument level relevance note appraisedBy appraisedOn illustrative
      answers { question { questionId number text } answer comment } } } }`,
      undefined,
      analyst,
    );
    const [appraisal] = data.study.appraisals;
    expect(appraisal).toMatchObject({
      appraisalId: 'fx-interviews-casp',
      instrument: 'CASP_QUALITATIVE',
      level: 'MINOR_CONCERNS',
      relevance: 'DIRECT',
      appraisedBy: 'fx-reviewer',
      appraisedOn: '2024-05-01',
      illustrative: true,
    });
    expect(appraisal.answers).toHaveLength(10);
    expect(appraisal.answers[0]).toEqual({
      question: { questionId: 'casp-q01', number: 1, text: 'Was there a clear statement of the aims of the research?' },
      answer: 'YES',
      comment: null,
    });
    expect(appraisal.answers[3]).toEqual({
      question: { questionId: 'casp-q04', number: 4, text: 'Was the recruitment strategy appropriate to the aims of the research?' },
      answer: 'CANT_TELL',
      comment: 'Recruited through the programme, not sampled at random',
    });
    expect(appraisal.answers.map((a: any) => a.answer).join(' ')).toBe('YES YES YES CANT_TELL YES NO YES YES YES YES');
  });

  it('offers the question set of each instrument as data', async () => {
    const data = await run(`{ appraisalInstruments { instrument name questions { questionId number } } }`, undefined, viewer);
    expect(data.appraisalInstruments).toHaveLength(1);
    expect(data.appraisalInstruments[0].questions.map((q: any) => q.questionId)).toEqual(
      Array.from({ length: 10 }, (_, i) => `casp-q${String(i + 1).padStart(2, '0')}`),
    );
  });
});

const ANSWERS = Array.from({ length: 10 }, (_, i) => ({ questionId: `casp-q${String(i + 1).padStart(2, '0')}`, answer: 'YES' }));
const RECORD_APPRAISAL = `mutation ($input: RecordAppraisalInput!) { recordAppraisal(input: $input) {
  appraisal { appraisalId studyId level relevance appraisedBy illustrative answers { question { questionId } answer comment } }
  userErrors { field code message } } }`;
const RECORD_JUDGEMENT = `mutation ($input: RecordJudgementInput!) { recordJudgement(input: $input) {
  finding { findingId assessment { label reviewNeeded illustrative
    components { component level explanation suggestedLevelAtJudgement suggestedLevel reviewNeeded judgedBy illustrative }
    confidence { level explanation suggestedLevel reviewNeeded judgedBy } } }
  userErrors { field code message } } }`;
const RECORD_CONFIDENCE = RECORD_JUDGEMENT.replace('recordJudgement', 'recordConfidence').replace('RecordJudgementInput', 'RecordConfidenceInput');

describe('recording appraisals and judgements', () => {
  it('refuses an appraisal with a missing, repeated or unknown question, or an unknown study, and writes nothing', async () => {
    const result = await run(RECORD_APPRAISAL, {
      input: { studyId: 'fx-report', level: 'NO_CONCERNS', answers: [...ANSWERS.slice(0, 8), ANSWERS[0], { questionId: 'casp-q99', answer: 'NO' }] },
    });
    expect(result.recordAppraisal.appraisal).toBeNull();
    expect(result.recordAppraisal.userErrors).toEqual([
      {
        field: ['input', 'answers', '9', 'questionId'],
        code: 'NOT_FOUND',
        message:
          'CASP_QUALITATIVE has no question "casp-q99"; its questions are casp-q01, casp-q02, casp-q03, casp-q04, casp-q05, casp-q06, casp-q07, casp-q08, casp-q09, casp-q10.',
      },
      expect.objectContaining({ field: ['input', 'answers', '8', 'questionId'], code: 'DUPLICATE' }),
      {
        field: ['input', 'answers'],
        code: 'REQUIRED',
        message: 'every question of CASP_QUALITATIVE needs an answer (YES, CANT_TELL or NO); missing: casp-q09, casp-q10.',
      },
    ]);
    const unknown = await run(RECORD_APPRAISAL, { input: { studyId: 'no-such-study', level: 'NO_CONCERNS', answers: ANSWERS } });
    expect(unknown.recordAppraisal.userErrors).toEqual([expect.objectContaining({ field: ['input', 'studyId'], code: 'NOT_FOUND' })]);
    const [row] = await db.readQuery<{ n: number }>(`MATCH (a:Appraisal) RETURN count(a) AS n`);
    expect(row!.n).toBe(2);
  });

  it('records an appraisal of fx-report, which moves D04 and D05 off "not appraised", and audits it', async () => {
    const result = await run(RECORD_APPRAISAL, {
      input: {
        studyId: 'fx-report',
        level: 'SERIOUS_CONCERNS',
        relevance: 'INDIRECT',
        note: 'A grey-literature review.',
        answers: ANSWERS.map((a, i) => (i === 7 ? { ...a, answer: 'NO', comment: 'No method' } : a)),
      },
    });
    expect(result.recordAppraisal.userErrors).toEqual([]);
    expect(result.recordAppraisal.appraisal).toMatchObject({
      appraisalId: 'fx-report-casp-qualitative',
      studyId: 'fx-report',
      level: 'SERIOUS_CONCERNS',
      relevance: 'INDIRECT',
      appraisedBy: 'ada',
      illustrative: false,
    });
    expect(result.recordAppraisal.appraisal.answers[7]).toEqual({ question: { questionId: 'casp-q08' }, answer: 'NO', comment: 'No method' });
    const data = await run(`{ finding(id: "D04") { profile { methodologicalLimitations { suggestedLevel summary } } } }`);
    // One study, serious concerns: weighted concern 3.
    expect(data.finding.profile.methodologicalLimitations).toEqual({
      suggestedLevel: 'SERIOUS_CONCERNS',
      summary: '1 study; 100% of the evidence from one study with serious concerns',
    });
    const audit = await run(`{ auditTrail(targetId: "fx-report") { nodes { actor action targetType } } }`);
    expect(audit.auditTrail.nodes).toEqual([{ actor: 'ada', action: 'RECORD_APPRAISAL', targetType: 'Study' }]);
  });

  it('refuses a judgement that differs from the suggestion without an explanation, an unknown finding and a blank confidence explanation', async () => {
    const differs = await run(RECORD_JUDGEMENT, { input: { findingId: 'D03', component: 'COHERENCE', level: 'MINOR_CONCERNS' } });
    expect(differs.recordJudgement).toEqual({
      finding: null,
      userErrors: [
        {
          field: ['input', 'explanation'],
          code: 'REQUIRED',
          message:
            'explanation is required: the level MINOR_CONCERNS differs from the suggested SERIOUS_CONCERNS for COHERENCE. Say why the review team judges it so.',
        },
      ],
    });
    const unknown = await run(RECORD_JUDGEMENT, { input: { findingId: 'D99', component: 'COHERENCE', level: 'MINOR_CONCERNS', explanation: 'x' } });
    expect(unknown.recordJudgement.userErrors).toEqual([expect.objectContaining({ field: ['input', 'findingId'], code: 'NOT_FOUND' })]);
    const blank = await run(RECORD_CONFIDENCE, { input: { findingId: 'D03', level: 'LOW', explanation: '  ' } });
    expect(blank.recordConfidence.userErrors).toEqual([expect.objectContaining({ field: ['input', 'explanation'], code: 'REQUIRED' })]);
    const badLevel = await server.graphql(RECORD_JUDGEMENT, { input: { findingId: 'D03', component: 'COHERENCE', level: 'HUGE' } }, researcher);
    expect(badLevel.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const [row] = await db.readQuery<{ n: number }>(`MATCH (:Determinant {id: 'D03'})<-[:JUDGES]-(j) RETURN count(j) AS n`);
    expect(row!.n).toBe(0);
  });

  it('records judgements with who, keeps their history in the audit trail, and flags review needed after new evidence', async () => {
    const first = await run(RECORD_JUDGEMENT, { input: { findingId: 'D03', component: 'COHERENCE', level: 'SERIOUS_CONCERNS' } });
    expect(first.recordJudgement.finding.assessment).toEqual({
      label: 'GRADE-CERQual assessment',
      reviewNeeded: false,
      illustrative: false,
      confidence: null,
      components: [
        {
          component: 'COHERENCE',
          level: 'SERIOUS_CONCERNS',
          explanation: null,
          suggestedLevelAtJudgement: 'SERIOUS_CONCERNS',
          suggestedLevel: 'SERIOUS_CONCERNS',
          reviewNeeded: false,
          judgedBy: 'ada',
          illustrative: false,
        },
      ],
    });
    const second = await run(RECORD_JUDGEMENT, {
      input: { findingId: 'D03', component: 'COHERENCE', level: 'MODERATE_CONCERNS', explanation: 'The contradicting trusts paused for other reasons.' },
    });
    expect(second.recordJudgement.finding.assessment.components[0]).toMatchObject({
      level: 'MODERATE_CONCERNS',
      suggestedLevelAtJudgement: 'SERIOUS_CONCERNS',
    });
    await run(RECORD_CONFIDENCE, { input: { findingId: 'D03', level: 'LOW', explanation: 'Contested, and from live trusts only.' } });

    const audit = await run(`{ auditTrail(targetId: "D03") { nodes { actor action targetType changes } } }`);
    expect(audit.auditTrail.nodes.map((n: any) => [n.actor, n.action, n.targetType])).toEqual([
      ['ada', 'RECORD_CONFIDENCE', 'Determinant'],
      ['ada', 'RECORD_JUDGEMENT', 'Determinant'],
      ['ada', 'RECORD_JUDGEMENT', 'Determinant'],
    ]);
    const change = JSON.parse(audit.auditTrail.nodes[1].changes);
    expect(change.before).toMatchObject({ component: 'COHERENCE', level: 'SERIOUS_CONCERNS', explanation: null });
    expect(change.after).toMatchObject({
      component: 'COHERENCE',
      level: 'MODERATE_CONCERNS',
      explanation: 'The contradicting trusts paused for other reasons.',
      judgedBy: 'ada',
    });

    // New evidence: three more insights support D03, so 2 of 6 contradict (33%): the suggestion becomes moderate.
    for (const n of [4, 5, 6]) {
      await run(`mutation ($input: CreateInsightInput!) { createInsight(input: $input) { userErrors { code } } }`, {
        input: {
          insightId: `i01-0${n}`,
          interviewId: 'i01',
          summary: `Pausing go-live paid off (${n}).`,
          sentiment: 'POSITIVE',
          illustrative: true,
          sourceId: 'illustrative-project-data',
          determinants: [{ determinantId: 'D03', stance: 'SUPPORTS' }],
        },
      });
    }
    const after = await run(`{ finding(id: "D03") { profile { coherence { suggestedLevel } suggestedConfidence }
      assessment { reviewNeeded components { component suggestedLevelAtJudgement suggestedLevel reviewNeeded } confidence { suggestedLevelAtJudgement suggestedLevel reviewNeeded } } } }`);
    expect(after.finding.profile.coherence.suggestedLevel).toBe('MODERATE_CONCERNS');
    expect(after.finding.assessment.reviewNeeded).toBe(true);
    expect(after.finding.assessment.components).toEqual([
      { component: 'COHERENCE', suggestedLevelAtJudgement: 'SERIOUS_CONCERNS', suggestedLevel: 'MODERATE_CONCERNS', reviewNeeded: true },
    ]);
  });

  it('writes and audits a finding statement', async () => {
    const result = await run(`mutation { updateFinding(input: { findingId: "D04", statement: "Ready infrastructure came before go-live." }) {
      finding { findingId statement illustrative } userErrors { code } } }`);
    expect(result.updateFinding).toEqual({
      finding: { findingId: 'D04', statement: 'Ready infrastructure came before go-live.', illustrative: false },
      userErrors: [],
    });
    const tooLong = await run(
      `mutation ($s: String) { updateFinding(input: { findingId: "D04", statement: $s }) { finding { findingId } userErrors { field code } } }`,
      { s: 'x'.repeat(1001) },
    );
    expect(tooLong.updateFinding).toEqual({ finding: null, userErrors: [{ field: ['input', 'statement'], code: 'TOO_LONG' }] });
    const audit = await run(`{ auditTrail(targetId: "D04") { nodes { action changes } } }`);
    expect(audit.auditTrail.nodes).toHaveLength(1);
    expect(JSON.parse(audit.auditTrail.nodes[0].changes)).toEqual({
      before: { id: 'D04', statement: null, illustrative: false },
      after: { id: 'D04', statement: 'Ready infrastructure came before go-live.', illustrative: false },
    });
  });
});

describe('roles', () => {
  it.each([
    ['viewer', '{ finding(id: "D01") { assessment { label } } }', 'Finding.assessment'],
    ['viewer', '{ appraisals { appraisalId } }', 'Query.appraisals'],
    ['viewer', '{ study(studyId: "fx-interviews") { appraisals { appraisalId } } }', 'Study.appraisals'],
    ['viewer', '{ finding(id: "D03") { profile { coherence { contradictingInsights { insightId } } } } }', 'CoherenceSuggestion.contradictingInsights'],
    ['analyst', 'mutation { updateFinding(input: { findingId: "D01", statement: "x" }) { userErrors { code } } }', 'Mutation.updateFinding'],
    [
      'analyst',
      'mutation { recordJudgement(input: { findingId: "D01", component: ADEQUACY, level: NO_CONCERNS }) { userErrors { code } } }',
      'Mutation.recordJudgement',
    ],
    [
      'analyst',
      'mutation { recordConfidence(input: { findingId: "D01", level: HIGH, explanation: "x" }) { userErrors { code } } }',
      'Mutation.recordConfidence',
    ],
    [
      'analyst',
      `mutation { recordAppraisal(input: { studyId: "fx-report", level: NO_CONCERNS, answers: [] }) { userErrors { code } } }`,
      'Mutation.recordAppraisal',
    ],
  ] as const)('refuses a %s %s', async (role, query, coordinate) => {
    const response = await server.graphql(query, undefined, role === 'viewer' ? viewer : analyst);
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(response.errors?.[0]?.message).toContain(`${coordinate} needs the`);
  });

  it('shows viewers the computed profile, and analysts the assessment and appraisals', async () => {
    const seen = await run(`{ finding(id: "D01") { profile { suggestedConfidence } } }`, undefined, viewer);
    expect(seen.finding.profile.suggestedConfidence).toBe('LOW');
    const judged = await run(
      `{ finding(id: "D01") { assessment { illustrative confidence { level illustrative reviewNeeded } } } appraisals { appraisalId } }`,
      undefined,
      analyst,
    );
    expect(judged.finding.assessment.confidence).toEqual({ level: 'MODERATE', illustrative: true, reviewNeeded: false });
    expect(judged.appraisals.map((a: any) => a.appraisalId)).toEqual(['fx-academic-casp', 'fx-interviews-casp', 'fx-report-casp-qualitative']);
  });

  it.each([
    ['no token', undefined, 401],
    ['a viewer', 'viewer', 403],
    ['an analyst', 'analyst', 200],
    ['a researcher', 'researcher', 200],
  ] as const)('answers %s asking for a table with HTTP %s', async (_who, role, status) => {
    const headers = role === undefined ? {} : await bearer(role);
    const response = await fetch(`${server.url}/tables/soqf.csv?offer=offer-broad`, { headers });
    expect(response.status).toBe(status);
    if (status !== 200) expect(((await response.json()) as { error: string }).error).toContain('The tables need the analyst role');
  });

  it('explains an unknown table, format, subject, and two subjects at once', async () => {
    const get = (url: string) => fetch(`${server.url}${url}`, { headers: analyst });
    expect((await get('/tables/summary.pdf')).status).toBe(404);
    const unknown = await get('/tables/soqf.csv?offer=no-such-offer');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'There is no support offer "no-such-offer".' });
    const both = await get('/tables/soqf.csv?offer=offer-broad&decision=dec-centre');
    expect(both.status).toBe(400);
  });
});

describe('tables out', () => {
  /** The text of every cell of every table row of a .docx, row by row. */
  function docxRows(bytes: Uint8Array): string[][] {
    const xml = strFromU8(unzipSync(bytes)['word/document.xml']!);
    const unescape = (s: string) =>
      s
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&');
    return [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) =>
      [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((cell) => unescape([...cell[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))),
    );
  }

  const D01_SOQF = [
    '1',
    'D01 Clinical leadership: Trusts where clinicians led design and go-live decisions describe smoother adoption. [illustrative statement]',
    'Moderate confidence (illustrative)',
    'Coherent data from three trusts and four roles; moderate concerns about relevance. (fx-reviewer, 2024-05-03, illustrative) ' +
      'Computed profile (decision support) suggests low confidence: HIGH - 0.5 (methodological limitations: minor concerns) - 2 (relevance: serious concerns) = LOW.',
    'Fixture interview study (fx-interviews; 5 insights, 83%); Go-live readiness, revisited: a fixture study (fx-academic; published source, 17%)',
  ];
  const SOQF_HEADER = [
    '#',
    'Summarised review finding',
    'GRADE-CERQual assessment of confidence',
    'Explanation of GRADE-CERQual assessment',
    'Studies contributing to the review finding',
  ];

  it('exports the SoQF of an offer as CSV, one row per finding it rests on', async () => {
    const response = await fetch(`${server.url}/tables/soqf.csv?offer=offer-broad`, { headers: analyst });
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="soqf-offer-broad.csv"');
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- csv-parse's overloads refuse the type argument
    const rows = parse(await response.text(), { bom: true }) as string[][];
    expect(rows[0]).toEqual(SOQF_HEADER);
    expect(rows.map((r) => r[1]!.slice(0, 3))).toEqual(['Sum', 'D01', 'D02', 'D03']);
    expect(rows[1]).toEqual(D01_SOQF);
    expect(rows[2]![2]).toBe('Not assessed');
    // D03 was judged (LOW) in "recording judgements"; the new evidence since moved its coherence suggestion (its
    // suggested confidence stayed VERY_LOW), so the finding's assessment needs review.
    expect(rows[3]![2]).toBe('Low confidence (review needed)');
  });

  it('exports the Evidence Profile of a decision as XLSX, cell by cell', async () => {
    const response = await fetch(`${server.url}/tables/evidence-profile.xlsx?decision=dec-centre`, { headers: researcher });
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const sheet = workbook.getWorksheet('Evidence Profile')!;
    const text = (row: number, column: number) => String(sheet.getRow(row).getCell(column).value ?? '');
    expect(text(1, 1)).toBe('GRADE-CERQual Evidence Profile');
    expect(text(2, 1)).toBe('Policy decision dec-centre: Create a fixture centre of excellence');
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((c) => text(4, c))).toEqual([
      '#',
      'Summary of review finding',
      'Studies contributing to the review finding',
      'Methodological limitations',
      'Coherence',
      'Adequacy',
      'Relevance',
      'GRADE-CERQual assessment of confidence',
      'Explanation of GRADE-CERQual assessment',
    ]);
    expect(text(5, 2)).toBe(D01_SOQF[1]);
    expect(text(5, 4)).toBe(
      'Not assessed. Computed profile (decision support): minor concerns; 2 studies; 83% of the evidence from one study with minor concerns; 17% of the evidence from one study with moderate concerns.',
    );
    expect(text(5, 5)).toBe(
      'No or very minor concerns (judged by fx-reviewer on 2024-05-03, illustrative). ' +
        'Computed profile (decision support): no or very minor concerns; 5 insights: 5 supporting, 0 contradicting, 0 mixed; sources: 1 supporting, 0 contradicting.',
    );
    expect(text(5, 8)).toBe('Moderate confidence (illustrative)');
    expect(text(7, 1)).toBe('3');
    expect(text(7, 5)).toMatch(
      /^Moderate concerns \(judged by ada on \d{4}-\d{2}-\d{2}\)\. The contradicting trusts paused for other reasons\. Review needed: the suggestion changed from SERIOUS_CONCERNS to MODERATE_CONCERNS\. /,
    );
    expect(text(9, 1)).toMatch(/^Component levels and confidence are GRADE-CERQual assessments only where a researcher recorded them/);
  });

  it('exports the SoQF of every finding as DOCX, cell by cell', async () => {
    const response = await fetch(`${server.url}/tables/soqf.docx`, { headers: analyst });
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="soqf-all-findings.docx"');
    const rows = docxRows(new Uint8Array(await response.arrayBuffer()));
    expect(rows[0]).toEqual(SOQF_HEADER);
    expect(rows.map((r) => r[0])).toEqual(['#', '1', '2', '3', '4', '5']);
    expect(rows[1]).toEqual(D01_SOQF);
    expect(rows[4]![1]).toBe('D04 Infrastructure readiness: Ready infrastructure came before go-live.');
    expect(rows[5]![1]).toBe('D05 Training and super-users: (no finding statement written yet for Training and super-users)');
  });

  it('writes the same tables from the command line: npm run export', async () => {
    const { uri, username, password, database } = testDatabaseSettings();
    const out = path.join(directory, 'soqf.docx');
    const env = { ...process.env, NEO4J_URI: uri, NEO4J_USERNAME: username, NEO4J_PASSWORD: password, ...(database ? { NEO4J_DATABASE: database } : {}) };
    const run = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          path.join('node_modules', '.bin', 'tsx'),
          ['src/cli/export.ts', ...args],
          { env, cwd: path.resolve(import.meta.dirname, '..', '..') },
          (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
      });
    const written = await run(['--format', 'docx', '--table', 'soqf', '--offer', 'offer-broad', '--out', out]);
    expect(written.code).toBe(0);
    expect(written.stderr).toContain(`Wrote ${out}`);
    const rows = docxRows(new Uint8Array(await readFile(out)));
    expect(rows.map((r) => r[1]!.slice(0, 3))).toEqual(['Sum', 'D01', 'D02', 'D03']);
    expect(rows[1]).toEqual(D01_SOQF);

    const bad = await run(['--format', 'pdf']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--format must be one of csv, xlsx, docx, qdpx (got "pdf").');
    const unknown = await run(['--format', 'csv', '--table', 'soqf', '--decision', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('There is no policy decision "nope".');
    // Three runs of the command, each a new Node process with tsx: at load 19 on 2 cores they took over 60 s.
  }, 240_000);
});
