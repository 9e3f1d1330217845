/**
 * Two loads of the same folder at the same moment into one Neo4j (issue 17, item 10): the graph ends as one load
 * leaves it, and between them the two reports count each record as created once, never twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Database } from '../../src/db/database.js';
import { loadSeedDirectory } from '../../src/seed/load.js';
import type { SeedReport } from '../../src/seed/report.js';
import { connectTestDatabase, resetDatabase } from '../helpers/database.js';
import { BUNDLED_COUNTS, BUNDLED_SEEDS, graphCounts } from '../helpers/seed-fixtures.js';

let db: Database;

beforeAll(async () => {
  db = connectTestDatabase();
});

afterAll(async () => {
  await db.close();
});

/** Per file: created by either report, and every record accounted for once by each. */
function createdByFile(reports: SeedReport[]): Record<string, number> {
  const created: Record<string, number> = {};
  for (const report of reports) for (const file of report.files) created[file.file] = (created[file.file] ?? 0) + file.created;
  return created;
}

const inFiles = (report: SeedReport): Record<string, number> => Object.fromEntries(report.files.map((file) => [file.file, file.inFiles]));

describe('two loads of one folder at the same moment', () => {
  it.each([
    ['an empty graph', 0],
    // A seed record already there: both loads merge, rather than taking the create-only writer.
    ['a graph holding one of its records', 1],
  ] as const)('into %s count each record created once between them, and write one graph', { timeout: 180_000 }, async (_start, held) => {
    await resetDatabase(db);
    if (held) await db.autoCommit("CREATE (:Study {id: 'nhse-epr-interviews', origin: 'seed'})");
    const reports = await Promise.all([loadSeedDirectory(db, BUNDLED_SEEDS), loadSeedDirectory(db, BUNDLED_SEEDS)]);
    const expected = inFiles(reports[0]);
    expected['studies.csv'] = expected['studies.csv']! - held;
    expect(createdByFile(reports)).toEqual(expected);
    for (const report of reports) {
      for (const file of report.files) expect(file.created + file.updated + file.unchanged).toBe(file.inFiles);
    }
    expect(await graphCounts(db)).toEqual(BUNDLED_COUNTS);
  });
});
