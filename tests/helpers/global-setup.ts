/**
 * Starts a throwaway Neo4j for the integration tier (fresh folder, free port) and stops it afterwards, also when
 * tests fail. With NEO4J_URI set, the tests use that server instead and start nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { TestProject } from 'vitest/node';

import { runtimeCacheDir } from '../../src/database-target.js';
import { startLocalNeo4j, type LocalNeo4j } from '../../src/local-neo4j/server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: { uri: string; username: string; password: string; database: string | undefined; home: string | undefined };
  }
}

let server: LocalNeo4j | undefined;
let home: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  if (process.env.NEO4J_URI) {
    project.provide('neo4j', {
      uri: process.env.NEO4J_URI,
      username: process.env.NEO4J_USERNAME ?? 'neo4j',
      password: process.env.NEO4J_PASSWORD ?? '',
      database: process.env.NEO4J_DATABASE || undefined,
      home: undefined,
    });
    return;
  }
  home = await mkdtemp(path.join(os.tmpdir(), 'epr-graph-test-neo4j-'));
  server = await startLocalNeo4j({
    home,
    boltPort: 0,
    heapSize: '1g',
    pageCacheSize: '256m',
    startTimeoutMs: 180_000,
    runtimeCacheDir,
    onProgress: (message) => process.stderr.write(`[test neo4j] ${message}\n`),
  });
  project.provide('neo4j', { uri: server.uri, username: 'neo4j', password: 'unused', database: undefined, home });
}

export async function teardown(): Promise<void> {
  await server?.stop();
  if (home) await rm(home, { recursive: true, force: true });
}
