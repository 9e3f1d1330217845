/**
 * Bad input against a real, loaded database: all problems reported together, a dry run writing nothing, and
 * `npm run seed` on bad input exiting non-zero with the same message. Each case of the bad-input corpus, with its
 * exact message and the graph unchanged, is in bad-input-corpus.test.ts.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Database } from '../../src/db/database.js';
import { loadSeedDirectory } from '../../src/seed/load.js';
import { expectedMessage } from '../corpus/bad-input.js';
import { connectTestDatabase, resetDatabase, testDatabaseSettings } from '../helpers/database.js';
import { BUNDLED_COUNTS, BUNDLED_SEEDS, copySeeds, graphCounts, removeSeedCopies, replaceOnLine } from '../helpers/seed-fixtures.js';

const projectRoot = path.resolve(import.meta.dirname, '..', '..');

/** Runs `npx tsx src/cli/seed.ts ...args` against the test database. */
function runSeedCommand(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { uri, username, password } = testDatabaseSettings();
  return new Promise((resolve) => {
    execFile(
      'npx',
      ['tsx', 'src/cli/seed.ts', ...args],
      { cwd: projectRoot, env: { ...process.env, NEO4J_URI: uri, NEO4J_USERNAME: username, NEO4J_PASSWORD: password } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let db: Database;

beforeAll(async () => {
  db = connectTestDatabase();
  await resetDatabase(db);
  await loadSeedDirectory(db, BUNDLED_SEEDS);
});

afterAll(async () => {
  await removeSeedCopies();
  await db.close();
});

describe('bad input', () => {
  it('reports all problems together, and a dry run of bad input writes nothing either', async () => {
    const dir = await copySeeds();
    await replaceOnLine(dir, 'insights.csv', 14, ',POSITIVE,', ',HAPPY,');
    await replaceOnLine(dir, 'interviews.csv', 3, '2022-11-15', '15/11/2022');
    const attempt = loadSeedDirectory(db, dir, { dryRun: true });
    await expect(attempt).rejects.toThrow(
      expectedMessage([
        'interviews.csv line 3, column date: "15/11/2022" is not a date; use YYYY-MM-DD, or YYYY-MM or YYYY when the day or month is not known (e.g. 2022-11-08, 2022-11, 2022)',
        'insights.csv line 14, column sentiment: "HAPPY" is not allowed; use one of POSITIVE, NEGATIVE, MIXED, NEUTRAL',
      ]),
    );
    expect(await graphCounts(db)).toEqual(BUNDLED_COUNTS);
  });
});

// Each test starts the command as a new Node process with tsx, which on a busy 2-core machine takes tens of seconds.
describe('npm run seed', { timeout: 180_000 }, () => {
  it('exits 1 on bad input, prints the problems, and writes nothing', async () => {
    const dir = await copySeeds();
    await replaceOnLine(dir, 'insights.csv', 14, 'i02-05,i02,', 'i02-05,i99,');
    const result = await runSeedCommand('--dir', dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(expectedMessage(['insights.csv line 14, column interview_id: "i99" is not the id of any interview in interviews.csv']));
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(await graphCounts(db)).toEqual(BUNDLED_COUNTS);
  });

  it('exits 1 on an unknown option, with the usage', async () => {
    const result = await runSeedCommand('--directory', BUNDLED_SEEDS);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Unknown option '--directory'");
    expect(result.stderr).toContain('Usage: npm run seed -- [--dir <path>] [--dry-run] [--prune]');
  });

  it('exits 0 on good input and prints the summary table', async () => {
    const result = await runSeedCommand('--dir', BUNDLED_SEEDS, '--dry-run');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^total\s+3,277\s+0\s+0\s+3,277\s+0\s+0$/m);
    expect(result.stdout).toContain('Dry run: nothing was written.');
  });
});
