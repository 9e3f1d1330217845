/**
 * Ctrl-C on `npm start` with the project's own Neo4j (issue 17, item 10): a terminal signals the whole foreground
 * process group, here at two moments of start-up, and each time the process says "Stopped.", exits 0, and leaves
 * neither a Java process nor `instance.json` behind. Each case starts a Neo4j of its own in a fresh folder.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { projectRoot } from '../../src/config.js';

const homes: string[] = [];

afterEach(async () => {
  for (const home of homes.splice(0)) await rm(home, { recursive: true, force: true });
});

function javaProcessesUsing(home: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes('CommunityEntryPoint') && line.includes(home));
}

/** Polls `done` every 50 ms until it holds. */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('Ctrl-C on npm start with the managed Neo4j', { timeout: 240_000 }, () => {
  it.each([
    ['while Neo4j starts', 'the Starting line'],
    ['while the bundled data loads', 'instance.json'],
  ] as const)('%s: says Stopped., exits 0 and leaves no server and no instance.json', async (_moment, signalAfter) => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'epr-graph-ctrl-c-'));
    homes.push(home);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'test',
      PORT: '0',
      NEO4J_HOME: home,
      NEO4J_BOLT_PORT: '0',
      NEO4J_HEAP_SIZE: '512m',
      NEO4J_PAGECACHE_SIZE: '64m',
      LOG_LEVEL: 'silent',
    };
    delete env.NEO4J_URI;
    // Node itself in a process group of its own, as a terminal's foreground job: the signal goes to the group.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    const instanceFile = path.join(home, 'instance.json');
    await until(() => (signalAfter === 'instance.json' ? existsSync(instanceFile) : output.includes('Starting Neo4j')) || child.exitCode !== null);
    process.kill(-child.pid!, 'SIGINT');

    expect(await exited).toBe(0);
    const lines = output.trim().split('\n');
    expect(lines.slice(-2)).toEqual(['SIGINT received: stopping...', 'Stopped.']);
    expect(output).not.toContain('Start-up failed');
    expect(existsSync(instanceFile)).toBe(false);
    expect(javaProcessesUsing(home)).toEqual([]);
  });
});
