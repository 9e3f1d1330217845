/** The synthetic dataset goes through the same writer: exact counts at scale 2, idempotent, and prunable. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { Database } from '../../src/db/database.js';
import type { Dataset } from '../../src/seed/format.js';
import { loadDataset, loadSeedDirectory, readSeedDirectory } from '../../src/seed/load.js';
import { generateSyntheticDataset } from '../../src/seed/synthetic.js';
import { connectTestDatabase, resetDatabase } from '../helpers/database.js';
import { expectEvidenceAggregatesCurrent } from '../helpers/evidence-aggregates.js';
import { BUNDLED_COUNTS, BUNDLED_SEEDS, graphCounts } from '../helpers/seed-fixtures.js';

const SCALE_2_COUNTS = {
  nodes: { ...BUNDLED_COUNTS.nodes, Implementation: 172, Participant: 66, Interview: 48, Insight: 352 },
  relationships: {
    ...BUNDLED_COUNTS.relationships,
    AT: 48,
    EVIDENCES: 35 + 592,
    FROM: 352,
    HAS_IMPLEMENTATION: 172,
    HOLDS_ROLE: 66,
    IN_STUDY: 66 + 48 + 352,
    OF_PRODUCT: 172,
    WITH: 62,
    WORKS_AT: 62,
  },
};

let db: Database;
let scale2: Dataset;

beforeAll(async () => {
  db = connectTestDatabase();
  await resetDatabase(db);
  scale2 = generateSyntheticDataset(await readSeedDirectory(BUNDLED_SEEDS), { scale: 2, seed: 42 });
});

afterAll(async () => {
  await db.close();
});

// Every write path keeps the evidence aggregates current: after each test they equal a fresh computation.
afterEach(async () => {
  await expectEvidenceAggregatesCurrent(db);
});

describe('a synthetic dataset at scale 2', () => {
  it('loads into the graph of the bundled shape with exactly twice the engagement', async () => {
    const report = await loadDataset(db, scale2);
    expect(report.records).toBe(3977);
    expect(await graphCounts(db)).toEqual(SCALE_2_COUNTS);
  });

  it('loads again without changing anything', async () => {
    const report = await loadDataset(db, generateSyntheticDataset(await readSeedDirectory(BUNDLED_SEEDS), { scale: 2, seed: 42 }));
    expect(report.files.reduce((sum, file) => sum + file.unchanged, 0)).toBe(3977);
    expect(await graphCounts(db)).toEqual(SCALE_2_COUNTS);
  });

  it('has its study records removed again by loading the bundled dataset with prune and --yes', async () => {
    // Half the bundled study's records would go: more than the guard allows without --yes.
    await expect(loadSeedDirectory(db, BUNDLED_SEEDS, { prune: true })).rejects.toThrow(
      /^1 problem found; nothing was written:\n {2}--prune would remove 233 of the 466 records of study nhse-epr-interviews \(50%\), more than 10%/,
    );
    const report = await loadSeedDirectory(db, BUNDLED_SEEDS, { prune: true, yes: true });
    const removed = Object.fromEntries(report.files.filter((file) => file.removed > 0).map((file) => [file.file, file.removed]));
    expect(removed).toEqual({
      'participants.csv': 33,
      'interviews.csv': 24,
      'interview_participants.csv': 31,
      'insights.csv': 176,
      'insight_determinants.csv': 296,
    });
    // The generated implementations are shared records (no study's): prune never removes those.
    expect(await graphCounts(db)).toEqual({
      nodes: { ...BUNDLED_COUNTS.nodes, Implementation: 172 },
      relationships: { ...BUNDLED_COUNTS.relationships, HAS_IMPLEMENTATION: 172, OF_PRODUCT: 172 },
    });
  });
});
