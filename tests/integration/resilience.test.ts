/**
 * Staying up: Neo4j stopped while the server runs, and a graceful stop on SIGTERM.
 * The outage test starts its own Neo4j (the suite's shared one is not touched), stops it and starts it again on
 * the same folder and port.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { projectRoot } from '../../src/config.js';
import { runtimeCacheDir } from '../../src/database-target.js';
import { connect, type Database } from '../../src/db/database.js';
import { applyMigrations } from '../../src/db/migrations.js';
import { startLocalNeo4j, type LocalNeo4j, type LocalNeo4jOptions } from '../../src/local-neo4j/server.js';
import { testDatabaseSettings } from '../helpers/database.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('when Neo4j stops while the server runs', () => {
  let home: string;
  let neo4j: LocalNeo4j | undefined;
  let db: Database | undefined;
  let server: TestServer | undefined;

  afterAll(async () => {
    await server?.close();
    await db?.close();
    await neo4j?.stop();
    if (home) await rm(home, { recursive: true, force: true });
  });

  it('fails fast with SERVICE_UNAVAILABLE, reports not ready, and resumes by itself when Neo4j is back', async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'epr-graph-outage-'));
    const options: LocalNeo4jOptions = { home, boltPort: 0, heapSize: '512m', pageCacheSize: '64m', startTimeoutMs: 120_000, runtimeCacheDir };
    neo4j = await startLocalNeo4j(options);
    db = connect({ uri: neo4j.uri, username: 'neo4j', password: 'unused' });
    await applyMigrations(db);
    server = await startTestServer(db);
    const ask = () => server!.graphql<{ serverInfo: { nodeCount: number } }>('{ serverInfo { nodeCount } }');
    const ready = async () => (await fetch(`${server!.url}/ready`)).status;

    expect((await ask()).data?.serverInfo.nodeCount).toBe(1); // the SchemaMigration node
    expect(await ready()).toBe(200);

    await neo4j.stop();
    let started = Date.now();
    const down = await ask();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(down.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    started = Date.now();
    expect(await ready()).toBe(503);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);

    neo4j = await startLocalNeo4j({ ...options, boltPort: neo4j.boltPort });
    let back = await ask();
    for (let attempt = 0; back.errors && attempt < 30; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      back = await ask();
    }
    expect(back.errors).toBeUndefined();
    expect(back.data?.serverInfo.nodeCount).toBe(1);
    // /ready gives Neo4j 2 s to answer: on a machine busy enough, the first probes after the restart still say 503.
    let readyAgain = await ready();
    for (let attempt = 0; readyAgain !== 200 && attempt < 30; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      readyAgain = await ready();
    }
    expect(readyAgain).toBe(200);
  }, 300_000);
});

describe('SIGTERM', () => {
  it('lets an in-flight request finish, then closes the driver and exits 0', async () => {
    const { uri, username, password } = testDatabaseSettings();
    // Node itself, not npx: a wrapper process would take the signal and report its own exit.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: projectRoot,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORT: '0',
        NEO4J_URI: uri,
        NEO4J_USERNAME: username,
        NEO4J_PASSWORD: password,
        SEED_ON_START: 'false',
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /GraphQL at (http:\/\/\S+)\/graphql/.exec(output);
        if (match) resolve(match[1]!);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      void exited.then((code) => reject(new Error(`exited with ${code} before it was ready:\n${output}`)));
    });

    // A slow request: headers now, the body after SIGTERM. It is in flight when the signal arrives.
    const body = JSON.stringify({ query: '{ serverInfo { version } }' });
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = http.request(
        `${url}/graphql`,
        { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      request.on('error', reject);
      request.write(body.slice(0, 10));
      setTimeout(() => {
        child.kill('SIGTERM');
        setTimeout(() => request.end(body.slice(10)), 500);
      }, 200);
    });

    const answer = await response;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text).data.serverInfo.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(await exited).toBe(0);
    expect(output).toContain('SIGTERM received: stopping...');
    expect(output).toContain('Stopped.');
  }, 120_000);
});
