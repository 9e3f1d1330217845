/**
 * A Neo4j that stops answering without going away (its process frozen with SIGSTOP: a long GC pause, a hung disk,
 * a VM paused): every request still gets an answer within its deadline (REQUEST_TIMEOUT_MS), DATABASE_TIMEOUT with
 * a message saying what passed, and the server serves again once Neo4j resumes (SIGCONT).
 *
 * It freezes the suite's own test Neo4j (files run one at a time) or, with NEO4J_URI set, a Neo4j of its own.
 */
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runtimeCacheDir } from '../../src/database-target.js';
import { connect, type Database } from '../../src/db/database.js';
import { startLocalNeo4j, type LocalNeo4j } from '../../src/local-neo4j/server.js';
import { resetDatabase, testDatabaseSettings } from '../helpers/database.js';
import { FIXTURE_DIRECTORY } from '../helpers/fixture.js';
import { startTestServer, type GraphQLResponse, type TestServer } from '../helpers/server.js';
import { bearer, TEST_JWT_SECRET } from '../helpers/tokens.js';
import { loadSeedDirectory } from '../../src/seed/load.js';

const DEADLINE_MS = 2_000;

let own: LocalNeo4j | undefined;
let ownHome: string | undefined;
let pid: number;
let db: Database;
let server: TestServer;

beforeAll(async () => {
  const settings = testDatabaseSettings();
  if (settings.home) {
    pid = (JSON.parse(await readFile(path.join(settings.home, 'instance.json'), 'utf8')) as { pid: number }).pid;
    db = connect(settings);
  } else {
    ownHome = await mkdtemp(path.join(os.tmpdir(), 'epr-graph-frozen-'));
    own = await startLocalNeo4j({ home: ownHome, boltPort: 0, heapSize: '512m', pageCacheSize: '64m', startTimeoutMs: 120_000, runtimeCacheDir });
    pid = own.pid;
    db = connect({ uri: own.uri, username: 'neo4j', password: 'unused' });
  }
  await resetDatabase(db);
  await loadSeedDirectory(db, FIXTURE_DIRECTORY);
  server = await startTestServer(db, { JWT_SECRET: TEST_JWT_SECRET, REQUEST_TIMEOUT_MS: String(DEADLINE_MS) });
}, 300_000);

afterAll(async () => {
  process.kill(pid, 'SIGCONT'); // whatever happened, never leave the suite's Neo4j frozen
  await server?.close();
  await db?.close();
  await own?.stop();
  if (ownHome) await rm(ownHome, { recursive: true, force: true });
});

/** Requests of every kind: a lookup, a page with its count, a search, a trail, a mutation. */
const REQUESTS = [
  '{ trust(odsCode: "TA1") { name implementations { status } } }',
  '{ trusts(first: 5) { totalCount nodes { name } } }',
  '{ insights(filter: { text: "clinical" }) { totalCount nodes { summary } } }',
  '{ supportOffer(id: "offer-thin") { evidence { summary { insights trusts } } } }',
  'mutation { linkInsightToDeterminant(input: { insightId: "i01-01", determinantId: "D02", stance: SUPPORTS }) { userErrors { message } } }',
];

describe('a frozen Neo4j', () => {
  it('answers every request within its deadline with DATABASE_TIMEOUT, and serves again when Neo4j resumes', async () => {
    const headers = await bearer('researcher');
    // Warm up: a fresh Neo4j plans each statement the first time, which on a busy machine can take longer than the
    // short deadline of this test. Each query is asked until it is answered (planned and cached).
    for (const query of REQUESTS.slice(0, 4)) {
      let answer = await server.graphql(query, {}, headers);
      for (let attempt = 0; answer.errors && attempt < 10; attempt += 1) answer = await server.graphql(query, {}, headers);
      expect(answer.errors).toBeUndefined();
    }

    process.kill(pid, 'SIGSTOP');
    try {
      const answers = await Promise.all(
        REQUESTS.map(async (query) => {
          const started = performance.now();
          const response: GraphQLResponse = await server.graphql(query, {}, headers);
          return { elapsed: performance.now() - started, response };
        }),
      );
      for (const { elapsed, response } of answers) {
        // The deadline plus the time to answer: not a speed target, the bound that shows no request hangs.
        expect(elapsed).toBeLessThan(DEADLINE_MS + 3_000);
        expect(response.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([
          [
            'DATABASE_TIMEOUT',
            `The request passed its deadline of ${DEADLINE_MS} ms waiting for the database. Retry in a few seconds; if it keeps happening, narrow the query (fewer items, more filters).`,
          ],
        ]);
      }
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    } finally {
      process.kill(pid, 'SIGCONT');
    }

    const lookup = '{ trust(odsCode: "TA1") { name } }';
    let back = await server.graphql(lookup, {}, headers);
    for (let attempt = 0; back.errors && attempt < 30; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      back = await server.graphql(lookup, {}, headers);
    }
    expect(back).toMatchObject({ data: { trust: { name: 'Alpha Acute Hospitals NHS Trust' } } });
    expect(back.errors).toBeUndefined();
  }, 120_000);
});
