/**
 * The project-managed Neo4j: start, reuse, stop, and the errors a user sees when something is wrong.
 * Each test starts its own server in a fresh folder (the suite's shared test server is not touched).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { runtimeCacheDir } from '../../src/database-target.js';
import { connect } from '../../src/db/database.js';
import { LocalNeo4jError } from '../../src/local-neo4j/errors.js';
import { startLocalNeo4j, type LocalNeo4jOptions } from '../../src/local-neo4j/server.js';

const homes: string[] = [];

async function options(overrides: Partial<LocalNeo4jOptions> = {}): Promise<LocalNeo4jOptions> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'epr-graph-local-neo4j-'));
  homes.push(home);
  return { home, boltPort: 0, heapSize: '512m', pageCacheSize: '64m', startTimeoutMs: 120_000, runtimeCacheDir, ...overrides };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function javaProcessesUsing(home: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes('CommunityEntryPoint') && line.includes(home));
}

afterEach(async () => {
  for (const home of homes.splice(0)) await rm(home, { recursive: true, force: true });
});

// Each test starts a Neo4j: on a loaded 2-core machine that alone took more than vitest's 60 s.
describe('the managed local Neo4j', { timeout: 240_000 }, () => {
  it('starts, answers Cypher over Bolt on 127.0.0.1, and stops leaving no Java process behind', async () => {
    const settings = await options();
    const server = await startLocalNeo4j(settings);
    expect(server.uri).toMatch(/^bolt:\/\/127\.0\.0\.1:\d+$/);
    expect(server.owned).toBe(true);

    const db = connect({ uri: server.uri, username: 'neo4j', password: 'any' });
    const rows = await db.readQuery<{ answer: number }>('RETURN 40 + 2 AS answer');
    await db.close();
    expect(rows).toEqual([{ answer: 42 }]);

    await server.stop();
    expect(isRunning(server.pid)).toBe(false);
    expect(javaProcessesUsing(settings.home)).toEqual([]);
  });

  it('is reused, not started twice, when a second command opens the same folder', async () => {
    const settings = await options();
    const first = await startLocalNeo4j(settings);
    const second = await startLocalNeo4j(settings);
    expect(second.owned).toBe(false);
    expect(second.pid).toBe(first.pid);
    expect(second.uri).toBe(first.uri);

    await second.stop(); // not the owner: leaves the server running
    expect(isRunning(first.pid)).toBe(true);
    await first.stop();
    expect(isRunning(first.pid)).toBe(false);
  });

  it('is started once when two commands open the same folder at the same moment: the second waits and shares it', async () => {
    const settings = await options();
    const [a, b] = await Promise.all([startLocalNeo4j(settings), startLocalNeo4j(settings)]);
    expect([a.owned, b.owned].sort()).toEqual([false, true]);
    expect(b.pid).toBe(a.pid);
    expect(b.uri).toBe(a.uri);
    expect(javaProcessesUsing(settings.home)).toHaveLength(1);

    const owner = a.owned ? a : b;
    await owner.stop();
    expect(javaProcessesUsing(settings.home)).toEqual([]);
    expect(existsSync(path.join(settings.home, 'instance.json'))).toBe(false);
    expect(existsSync(path.join(settings.home, 'starting.lock'))).toBe(false);
  });

  it('refuses a Bolt port that is already in use, naming the port and the variable to change', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const attempt = startLocalNeo4j(await options({ boltPort: port }));
      await expect(attempt).rejects.toThrow(LocalNeo4jError);
      await expect(attempt).rejects.toThrow(`Port ${port} on 127.0.0.1 is already in use`);
      await expect(attempt).rejects.toMatchObject({ hint: expect.stringContaining('NEO4J_BOLT_PORT') });
    } finally {
      blocker.close();
    }
  });

  it('explains a missing Java and how to install it', async () => {
    const saved = process.env.JAVA_HOME;
    process.env.JAVA_HOME = '/nonexistent/java-home';
    try {
      const attempt = startLocalNeo4j(await options());
      await expect(attempt).rejects.toThrow('Java was not found (tried "/nonexistent/java-home/bin/java")');
      await expect(attempt).rejects.toMatchObject({ hint: expect.stringContaining('Install Java 17 or 21') });
    } finally {
      if (saved === undefined) delete process.env.JAVA_HOME;
      else process.env.JAVA_HOME = saved;
    }
  });

  it('reports an exit during start-up with the last lines of the logs and where they are', async () => {
    // A heap far larger than the machine makes the JVM exit at once.
    const settings = await options({ heapSize: '100000g' });
    const attempt = startLocalNeo4j(settings);
    await expect(attempt).rejects.toThrow(/Neo4j exited during start-up \(exit code 1\)\. Last lines of its logs:/);
    await expect(attempt).rejects.toThrow(/Could not reserve enough space|Invalid maximum heap size|Too small initial heap/);
    await expect(attempt).rejects.toMatchObject({ hint: expect.stringContaining(path.join(settings.home, 'logs')) });
  });

  it('times out a start that does not finish in time', async () => {
    const settings = await options({ startTimeoutMs: 1_000 });
    const attempt = startLocalNeo4j(settings);
    await expect(attempt).rejects.toThrow(/did not answer on bolt:\/\/127\.0\.0\.1:\d+ within 1 s/);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(javaProcessesUsing(settings.home)).toEqual([]);
  });
});
