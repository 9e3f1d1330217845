/**
 * A load cut short: Neo4j is killed after some batches have committed, restarted on the same data, and the load
 * run again. The re-run completes the graph exactly, with no duplicates. The first load goes into an empty graph,
 * so it creates (src/seed/create.ts); the re-run finds seed nodes, so it merges what the first left behind. Uses its
 * own Neo4j (the suite's shared one is not touched), as tests/integration/local-neo4j.test.ts does.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { afterAll, expect, it } from 'vitest';

import { runtimeCacheDir } from '../../src/database-target.js';
import { connect, type Database } from '../../src/db/database.js';
import { DatabaseError } from '../../src/db/errors.js';
import { applyMigrations } from '../../src/db/migrations.js';
import { startLocalNeo4j, type LocalNeo4j, type LocalNeo4jOptions } from '../../src/local-neo4j/server.js';
import { loadSeedDirectory } from '../../src/seed/load.js';
import { BUNDLED_COUNTS, BUNDLED_SEEDS, graphCounts } from '../helpers/seed-fixtures.js';

let home: string | undefined;
let server: LocalNeo4j | undefined;
let db: Database | undefined;

afterAll(async () => {
  await db?.close();
  await server?.stop();
  if (home) await rm(home, { recursive: true, force: true });
});

async function start(options: LocalNeo4jOptions): Promise<Database> {
  server = await startLocalNeo4j(options);
  db = connect({ uri: server.uri, username: 'neo4j', password: 'unused' });
  return db;
}

/** Kills the JVM outright, as a crash or a pulled plug would, and waits until it has gone. */
async function kill(running: LocalNeo4j): Promise<void> {
  process.kill(running.pid, 'SIGKILL');
  for (;;) {
    try {
      process.kill(running.pid, 0);
      await sleep(100);
    } catch {
      return;
    }
  }
}

it('is completed by a re-run after Neo4j is killed part-way, with no duplicates', async () => {
  home = await mkdtemp(path.join(os.tmpdir(), 'epr-graph-seed-interrupt-'));
  const options: LocalNeo4jOptions = {
    home,
    boltPort: 0,
    heapSize: '512m',
    pageCacheSize: '64m',
    startTimeoutMs: 180_000,
    runtimeCacheDir,
  };
  const first = await start(options);
  await applyMigrations(first);

  // Batches of 100: sources 1, studies 1, trusts 3, then one each for suppliers, products, implementations, roles,
  // determinants, participants and interviews; the 13th holds the first 100 insights.
  let batches = 0;
  const running = server;
  const attempt = loadSeedDirectory(first, BUNDLED_SEEDS, {
    batchSize: 100,
    onProgress: async () => {
      batches += 1;
      if (batches === 13 && running) await kill(running);
    },
  });
  await expect(attempt).rejects.toThrow(DatabaseError);
  await first.close();

  const second = await start(options);
  expect((await graphCounts(second)).nodes).toEqual({
    Determinant: 20,
    Implementation: 32,
    Insight: 100,
    Interview: 24,
    Participant: 33,
    Product: 8,
    Role: 7,
    Source: 60,
    Study: 26,
    Supplier: 5,
    Trust: 202,
  });

  const report = await loadSeedDirectory(second, BUNDLED_SEEDS);
  expect(await graphCounts(second)).toEqual(BUNDLED_COUNTS);
  const insights = report.files.find((file) => file.file === 'insights.csv');
  expect(insights).toMatchObject({ created: 76, updated: 0, unchanged: 100 });
  // 517 records committed before the kill: 60 + 26 + 202 + 5 + 8 + 32 + 7 + 20 + 33 + 24 + 100.
  expect(report.files.reduce((sum, file) => sum + file.created, 0)).toBe(3277 - 517);
}, 600_000);
