/** The hand-checkable fixture graph (tests/fixtures/graph, answer key in its README), loaded by the real seed loader. */
import path from 'node:path';

import type { Database } from '../../src/db/database.js';
import { loadSeedDirectory } from '../../src/seed/load.js';
import { resetDatabase } from './database.js';

export const FIXTURE_DIRECTORY = path.resolve(import.meta.dirname, '..', 'fixtures', 'graph');

/** Empties the database, applies the schema and loads the fixture graph. */
export async function loadFixtureGraph(db: Database): Promise<void> {
  await resetDatabase(db);
  await loadSeedDirectory(db, FIXTURE_DIRECTORY);
}
