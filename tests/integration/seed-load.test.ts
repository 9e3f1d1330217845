/**
 * The seed loader against a real Neo4j: the bundled dataset lands as the documented graph, a second run changes
 * nothing, a changed row changes exactly its record, and removed rows are reported and pruned only on request.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { Database } from '../../src/db/database.js';
import { isDatabaseEmpty, loadSeedDirectory } from '../../src/seed/load.js';
import type { FileReport, SeedReport } from '../../src/seed/report.js';
import { connectTestDatabase, resetDatabase } from '../helpers/database.js';
import { expectEvidenceAggregatesCurrent } from '../helpers/evidence-aggregates.js';
import { BUNDLED_COUNTS, BUNDLED_SEEDS, copySeeds, dropLines, graphCounts, removeSeedCopies, replaceOnLine } from '../helpers/seed-fixtures.js';

/** The files whose counts differ from "all unchanged", with the counts that differ. */
function changes(report: SeedReport): Record<string, Partial<FileReport>> {
  const result: Record<string, Partial<FileReport>> = {};
  for (const file of report.files) {
    const { file: name, inFiles, unchanged, ...rest } = file;
    const differing = Object.fromEntries(Object.entries(rest).filter(([, count]) => count !== 0));
    if (unchanged !== inFiles || Object.keys(differing).length > 0) result[name] = { unchanged, ...differing };
  }
  return result;
}

let db: Database;

beforeAll(async () => {
  db = connectTestDatabase();
  await resetDatabase(db);
});

afterAll(async () => {
  await removeSeedCopies();
  await db.close();
});

// Every write path keeps the evidence aggregates current: after each test they equal a fresh computation.
afterEach(async () => {
  await expectEvidenceAggregatesCurrent(db);
});

describe('loading the bundled dataset into an empty database', () => {
  let report: SeedReport;

  beforeAll(async () => {
    expect(await isDatabaseEmpty(db)).toBe(true);
    report = await loadSeedDirectory(db, BUNDLED_SEEDS);
  });

  it('creates one node per row and one relationship per reference or link, exactly', async () => {
    expect(await graphCounts(db)).toEqual(BUNDLED_COUNTS);
    expect(await isDatabaseEmpty(db)).toBe(false);
  });

  it('reports every record as created', () => {
    expect(report.records).toBe(3277);
    expect(report.files.map((file) => [file.file, file.created])).toEqual([
      ['sources.csv', 60],
      ['studies.csv', 26],
      ['trusts.csv', 202],
      ['suppliers.csv', 5],
      ['products.csv', 8],
      ['implementations.csv', 32],
      ['roles.csv', 7],
      ['determinants.csv', 20],
      ['determinant_sources.csv', 35],
      ['participants.csv', 33],
      ['interviews.csv', 24],
      ['interview_participants.csv', 31],
      ['insights.csv', 176],
      ['insight_determinants.csv', 296],
      ['workshops.csv', 3],
      ['workshop_participants.csv', 22],
      ['support_offers.csv', 3],
      ['offer_determinants.csv', 18],
      ['offer_evidence.csv', 59],
      ['policy_decisions.csv', 2],
      ['decision_evidence.csv', 18],
      ['observations.csv', 1826],
      ['appraisals.csv', 26],
      ['appraisal_answers.csv', 260],
      ['judgements.csv', 68],
      ['confidence_judgements.csv', 17],
    ]);
  });

  it('stores the documented properties: camelCase, dates as dates, integers, floats, booleans, origin seed', async () => {
    const [row] = await db.readQuery(
      `MATCH (t:Trust {odsCode: 'RGT'})-[h:HAS_IMPLEMENTATION]->(i:Implementation)-[o:OF_PRODUCT]->(p:Product)-[m:MADE_BY]->(s:Supplier)
       MATCH (t)-[r:REPORTED]->(obs:Observation {period: '2024-06'})
       RETURN properties(t) AS trust, properties(i) AS implementation, properties(p) AS product, properties(s) AS supplier,
              properties(obs) AS observation, [x IN [h, o, m, r] | properties(x)] AS relationships,
              valueType(i.year) AS yearType, valueType(i.goLiveDate) AS dateType, valueType(obs.value) AS valueType,
              valueType(obs.numerator) AS numeratorType, valueType(obs.periodStart) AS periodStartType`,
    );
    expect(row).toEqual({
      trust: {
        odsCode: 'RGT',
        name: 'Cambridge University Hospitals NHS Foundation Trust',
        type: 'ACUTE',
        region: 'EAST_OF_ENGLAND',
        icbCode: 'QUE',
        icbName: 'Cambridgeshire and Peterborough',
        sourceId: 'ods-etr-2025-07',
        typeSourceId: 'nhs-trust-types',
        origin: 'seed',
      },
      implementation: {
        id: 'rgt-epic-2014',
        status: 'LIVE',
        year: 2014,
        goLiveDate: '2014-10-26',
        notes: expect.any(String),
        sourceId: 'digitalhealth-2017-cambridge-epic',
        origin: 'seed',
      },
      product: { id: 'epic-epr', name: 'Epic EPR', sourceId: expect.any(String), origin: 'seed' },
      supplier: { id: 'epic', name: 'Epic', sourceId: expect.any(String), origin: 'seed' },
      observation: {
        id: 'RGT:AE_FOUR_HOUR:2024-06',
        metric: 'AE_FOUR_HOUR',
        period: '2024-06',
        periodStart: '2024-06-01',
        value: expect.any(Number),
        numerator: expect.any(Number),
        denominator: expect.any(Number),
        sourceId: 'nhse-ae-2024-06',
        origin: 'seed',
      },
      relationships: [{ origin: 'seed' }, { origin: 'seed' }, { origin: 'seed' }, { origin: 'seed' }],
      yearType: 'INTEGER NOT NULL',
      dateType: 'DATE NOT NULL',
      valueType: 'FLOAT NOT NULL',
      numeratorType: 'INTEGER NOT NULL',
      periodStartType: 'DATE NOT NULL',
    });
  });

  it('gives each label exactly the properties of the documented model', async () => {
    const rows = await db.readQuery<{ label: string; keys: string[] }>(
      `MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:EvidenceAggregate
       UNWIND keys(n) AS key
       WITH labels(n)[0] AS label, key ORDER BY key
       RETURN label, collect(DISTINCT key) AS keys ORDER BY label`,
    );
    expect(Object.fromEntries(rows.map((row) => [row.label, row.keys]))).toEqual({
      Appraisal: ['appraisedBy', 'appraisedOn', 'id', 'illustrative', 'instrument', 'level', 'note', 'origin', 'relevance', 'sourceId', 'studyId'],
      AppraisalAnswer: ['answer', 'comment', 'id', 'origin', 'questionId'],
      ConfidenceJudgement: ['explanation', 'id', 'illustrative', 'judgedBy', 'judgedOn', 'level', 'origin', 'sourceId', 'suggestedLevel'],
      Determinant: ['category', 'description', 'finding', 'findingIllustrative', 'id', 'name', 'origin', 'sourceId'],
      Implementation: ['goLiveDate', 'id', 'notes', 'origin', 'sourceId', 'status', 'year'],
      Insight: ['id', 'illustrative', 'localId', 'origin', 'quote', 'sentiment', 'sourceId', 'summary'],
      Interview: ['date', 'datePrecision', 'id', 'illustrative', 'localId', 'method', 'origin', 'sourceId'],
      Judgement: ['component', 'explanation', 'id', 'illustrative', 'judgedBy', 'judgedOn', 'level', 'origin', 'sourceId', 'suggestedLevel'],
      Observation: ['denominator', 'id', 'metric', 'numerator', 'origin', 'period', 'periodStart', 'sourceId', 'value'],
      Participant: ['code', 'illustrative', 'localId', 'origin', 'sourceId'],
      PolicyDecision: ['date', 'description', 'id', 'illustrative', 'name', 'origin', 'sourceId', 'summary'],
      Product: ['id', 'name', 'origin', 'sourceId'],
      Role: ['description', 'id', 'name', 'origin', 'sourceId'],
      Source: ['id', 'illustrative', 'kind', 'note', 'origin', 'publisher', 'title', 'url', 'year'],
      Study: ['id', 'illustrative', 'kind', 'note', 'origin', 'sourceId', 'title', 'unscopedIds'],
      Supplier: ['id', 'name', 'origin', 'sourceId'],
      SupportOffer: ['description', 'id', 'illustrative', 'name', 'origin', 'sourceId', 'summary'],
      Trust: ['icbCode', 'icbName', 'name', 'odsCode', 'origin', 'region', 'sourceId', 'type', 'typeSourceId'],
      Workshop: ['date', 'format', 'id', 'illustrative', 'origin', 'sourceId', 'title'],
    });
  });

  it('puts stance (and a source note) on EVIDENCES, and only origin on other relationships', async () => {
    const rows = await db.readQuery<{ pattern: string; keys: string[] }>(
      `MATCH (a)-[r]->(b)
       UNWIND keys(r) AS key
       WITH labels(a)[0] + '-' + type(r) + '->' + labels(b)[0] AS pattern, key ORDER BY key
       RETURN pattern, collect(DISTINCT key) AS keys ORDER BY pattern`,
    );
    const keysByPattern = Object.fromEntries(rows.map((row) => [row.pattern, row.keys]));
    expect(keysByPattern['Source-EVIDENCES->Determinant']).toEqual(['note', 'origin', 'stance']);
    expect(keysByPattern['Insight-EVIDENCES->Determinant']).toEqual(['origin', 'stance']);
    // 19 before studies, IN_STUDY from interviews, participants and insights, and HAS_ANSWER and JUDGES (x2)
    expect(Object.keys(keysByPattern)).toHaveLength(25);
    expect(Object.entries(keysByPattern).filter(([pattern]) => !pattern.includes('EVIDENCES'))).toEqual(
      Object.keys(keysByPattern)
        .filter((pattern) => !pattern.includes('EVIDENCES'))
        .map((pattern) => [pattern, ['origin']]),
    );
  });
});

describe('loading again', () => {
  // Each test edits a copy of the files; the bundled data is loaded back after it.
  afterEach(async () => {
    await loadSeedDirectory(db, BUNDLED_SEEDS);
  });

  it('leaves identical counts and reports every record unchanged', async () => {
    const report = await loadSeedDirectory(db, BUNDLED_SEEDS);
    expect(changes(report)).toEqual({});
    expect(report.files.reduce((sum, file) => sum + file.unchanged, 0)).toBe(3277);
    expect(await graphCounts(db)).toEqual(BUNDLED_COUNTS);
  });

  it('updates exactly the record whose row changed', async () => {
    const dir = await copySeeds();
    await replaceOnLine(dir, 'insights.csv', 14, ',POSITIVE,', ',MIXED,');
    const report = await loadSeedDirectory(db, dir);
    expect(changes(report)).toEqual({ 'insights.csv': { unchanged: 175, updated: 1 } });
    const [row] = await db.readQuery(`MATCH (i:Insight {id: 'i02-05'}) RETURN i.sentiment AS sentiment`);
    expect(row).toEqual({ sentiment: 'MIXED' });
    expect(await graphCounts(db)).toEqual(BUNDLED_COUNTS);
  });

  it('replaces a changed reference rather than adding a second relationship', async () => {
    const dir = await copySeeds();
    await replaceOnLine(dir, 'implementations.csv', 2, ',meditech-6,', ',meditech-expanse,');
    const report = await loadSeedDirectory(db, dir);
    expect(changes(report)).toEqual({ 'implementations.csv': { unchanged: 31, updated: 1 } });
    const products = await db.readQuery(`MATCH (:Implementation {id: 'r0b-meditech-6-2013'})-[:OF_PRODUCT]->(p:Product) RETURN p.id AS product`);
    expect(products).toEqual([{ product: 'meditech-expanse' }]);
    expect(await graphCounts(db)).toEqual(BUNDLED_COUNTS);
  });

  it('removes the relationship of an optional reference that is emptied', async () => {
    const dir = await copySeeds();
    await replaceOnLine(dir, 'participants.csv', 4, 'clinician,RGT,', 'clinician,,');
    const report = await loadSeedDirectory(db, dir);
    expect(changes(report)).toEqual({ 'participants.csv': { unchanged: 32, updated: 1 } });
    const counts = await graphCounts(db);
    expect(counts.relationships.WORKS_AT).toBe(BUNDLED_COUNTS.relationships.WORKS_AT - 1);
  });

  it('shows what would change in a dry run and writes nothing', async () => {
    const dir = await copySeeds();
    await replaceOnLine(dir, 'roles.csv', 2, 'Chief Information Officer', 'Chief Digital Information Officer');
    await dropLines(dir, 'workshop_participants.csv', (line) => line === 'w01,p04');
    const report = await loadSeedDirectory(db, dir, { dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(changes(report)).toEqual({
      'roles.csv': { unchanged: 6, updated: 1 },
      'workshop_participants.csv': { unchanged: 21, notInFiles: 1 },
    });
    const [role] = await db.readQuery(`MATCH (r:Role {id: 'cio'}) RETURN r.name AS name`);
    expect(role).toEqual({ name: 'Chief Information Officer' });
    expect(await graphCounts(db)).toEqual(BUNDLED_COUNTS);
  });
});

describe('rows removed from the files', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await copySeeds();
    // Insight i02-05 and everything that refers to it; none of offer_evidence or decision_evidence does.
    await dropLines(dir, 'insights.csv', (line) => line.startsWith('i02-05,'));
    await dropLines(dir, 'insight_determinants.csv', (line) => line.startsWith('i02-05,'));
  });

  it('are reported but kept without --prune', async () => {
    const report = await loadSeedDirectory(db, dir);
    expect(changes(report)).toEqual({
      'insights.csv': { unchanged: 175, notInFiles: 1 },
      'insight_determinants.csv': { unchanged: 294, notInFiles: 2 },
    });
    expect(await graphCounts(db)).toEqual(BUNDLED_COUNTS);
  });

  it('are removed with --prune, with their links', async () => {
    const report = await loadSeedDirectory(db, dir, { prune: true });
    expect(changes(report)).toEqual({
      'insights.csv': { unchanged: 175, notInFiles: 1, removed: 1 },
      'insight_determinants.csv': { unchanged: 294, notInFiles: 2, removed: 2 },
    });
    const counts = await graphCounts(db);
    expect(counts.nodes.Insight).toBe(175);
    expect(counts.relationships.EVIDENCES).toBe(329);
    expect(counts.relationships.FROM).toBe(175);
  });

  it('never removes curated records, nor seed records that curated links point at', async () => {
    await loadSeedDirectory(db, BUNDLED_SEEDS);
    await db.writeQuery(
      `CREATE (:Insight {id: 'curated-insight', summary: 'Added by a curator', origin: 'curation'})
       WITH 1 AS one
       MATCH (i:Insight {id: 'i02-05'}), (o:SupportOffer {id: 'rapid-response-teams'})
       CREATE (o)-[:INFORMED_BY {origin: 'curation'}]->(i)`,
    );
    const report = await loadSeedDirectory(db, dir, { prune: true });
    expect(changes(report)).toEqual({
      'insights.csv': { unchanged: 175, notInFiles: 1 },
      'insight_determinants.csv': { unchanged: 294, notInFiles: 2, removed: 2 },
    });
    const kept = await db.readQuery(`MATCH (i:Insight) WHERE i.id IN ['curated-insight', 'i02-05'] RETURN i.id AS id ORDER BY id`);
    expect(kept).toEqual([{ id: 'curated-insight' }, { id: 'i02-05' }]);
  });
});
