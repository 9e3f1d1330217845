/**
 * The warm-up after start-up (src/warm-up.ts): every dashboard query it runs answers without an error on the fixture
 * graph (tests/fixtures/graph), as an analyst, and it writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Database } from '../../src/db/database.js';
import { warmUp } from '../../src/warm-up.js';
import { connectTestDatabase } from '../helpers/database.js';
import { loadFixtureGraph } from '../helpers/fixture.js';
import { graphCounts } from '../helpers/seed-fixtures.js';
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

describe('the warm-up of the dashboard queries', () => {
  it('runs each dashboard query for a decision, an offer and a determinant without an error, and writes nothing', async () => {
    const before = await graphCounts(db);
    const done = await warmUp(server.app.apollo, server.config, db);
    // The picker's list; heading, profile, trail and findings of 3 subjects (12); the first page of the decision's and
    // the offer's insights (the fixture's trails fit in one page of 25); the determinant's insights; the offers side
    // by side, England's trusts and the suppliers.
    expect(done.operations).toBe(1 + 12 + 2 + 1 + 3);
    expect(await graphCounts(db)).toEqual(before);
  });
});
