/**
 * The bad-input corpus (tests/corpus/bad-input.ts) against a real database: every case is refused with its exact
 * message, and leaves the graph as it was, whether empty (where the loader would create) or holding the bundled data
 * (where it would merge).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Database } from '../../src/db/database.js';
import { loadSeedDirectory } from '../../src/seed/load.js';
import { SeedValidationError } from '../../src/seed/problems.js';
import { CORPUS, expectedMessage, IMPORTERS } from '../corpus/bad-input.js';
import { connectTestDatabase, resetDatabase } from '../helpers/database.js';
import { BUNDLED_COUNTS, BUNDLED_SEEDS, graphCounts, removeSeedCopies } from '../helpers/seed-fixtures.js';

let db: Database;

beforeAll(async () => {
  db = connectTestDatabase();
  await resetDatabase(db);
});

afterAll(async () => {
  await removeSeedCopies();
  await db.close();
});

async function expectRefused(badCase: (typeof CORPUS)[number]): Promise<void> {
  const importer = IMPORTERS[badCase.importer];
  const dir = await importer.prepare();
  const target = await badCase.breakInput(dir);
  const attempt = importer.load(db, target);
  await expect(attempt).rejects.toThrow(SeedValidationError);
  await expect(attempt).rejects.toThrow(expectedMessage(badCase.problems(dir)));
}

describe('the bad-input corpus, into an empty graph', () => {
  it.each(CORPUS)('$importer: $name', async (badCase) => {
    await expectRefused(badCase);
    expect(await graphCounts(db)).toEqual({ nodes: {}, relationships: {} });
  });
});

describe('the bad-input corpus, into the loaded bundled graph', () => {
  beforeAll(async () => {
    await loadSeedDirectory(db, BUNDLED_SEEDS);
  });

  it.each(CORPUS)('$importer: $name', async (badCase) => {
    await expectRefused(badCase);
    expect(await graphCounts(db)).toEqual(BUNDLED_COUNTS);
  });
});
