/**
 * Neo4j plans every statement the repositories build from fragments (tests/helpers/cypher.ts lists them, in each
 * shape a request can give them) with `EXPLAIN`, which runs nothing: a syntax error, an unknown function or
 * procedure, or a variable used out of its scope fails here, before any test that runs the statement on data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Database } from '../../src/db/database.js';
import { builtStatements } from '../helpers/cypher.js';
import { connectTestDatabase, resetDatabase } from '../helpers/database.js';

let db: Database;

beforeAll(async () => {
  db = connectTestDatabase();
  // The schema (migrations) gives the full-text indexes the searches call.
  await resetDatabase(db);
});

afterAll(async () => {
  await db.close();
});

describe('EXPLAIN of each built statement', () => {
  it('refuses a statement Neo4j cannot plan, so that the cases below can fail', async () => {
    await expect(db.readQuery('EXPLAIN MATCH (t:Trust) RETURN noSuchFunction(t) AS x')).rejects.toThrow(/noSuchFunction/);
  });

  it.each(builtStatements())('plans %s', async (_name, cypher) => {
    await expect(db.readQuery(`EXPLAIN ${cypher}`)).resolves.toEqual([]);
  });
});
