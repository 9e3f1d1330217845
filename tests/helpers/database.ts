/** The test tier's database: the throwaway Neo4j of global-setup, reached through the product's own driver wrapper. */
import { inject } from 'vitest';

import { connect, type Database } from '../../src/db/database.js';
import { applyMigrations } from '../../src/db/migrations.js';

export function testDatabaseSettings() {
  return inject('neo4j');
}

/** A driver wrapper on the test database. Close it in afterAll. */
export function connectTestDatabase(): Database {
  const { uri, username, password, database } = testDatabaseSettings();
  return connect({ uri, username, password, database });
}

/** Deletes every node and relationship, then applies the schema: each test file starts from an empty graph. */
export async function resetDatabase(db: Database): Promise<void> {
  await db.autoCommit('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  await applyMigrations(db);
}
