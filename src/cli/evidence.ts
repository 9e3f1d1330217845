/**
 * `npm run evidence:rebuild` and `npm run evidence:check`: the maintained evidence aggregates
 * (src/modules/evidence/aggregates.ts), recomputed from scratch, or compared with a fresh computation. The check
 * prints each difference and exits 1 when there is one.
 */
import { parseArgs } from 'node:util';

import { loadConfig } from '../config.js';
import { openDatabase } from '../database-target.js';
import { applyMigrations } from '../db/migrations.js';
import { checkEvidenceAggregates, rebuildEvidenceAggregates } from '../modules/evidence/aggregates.js';
import { parseCommandLine, runCommand, say, UsageError } from './seed-command.js';

const USAGE = `Usage: npm run evidence:rebuild
       npm run evidence:check

The counts behind every trail summary, strength profile, GRADE-CERQual profile and gap are stored per offer,
decision and finding, and every write (loads, imports, curation) keeps them current in its transaction.
  rebuild  recompute them all from the graph, in one transaction (start-up does this when they are missing)
  check    compare the stored ones with a fresh computation; prints each difference and exits 1 if there is any
           (run it while nothing writes to the graph)

The database is NEO4J_URI when set, otherwise the project's local Neo4j (started if needed).`;

async function main(): Promise<void> {
  const parsed = parseCommandLine(USAGE, () => {
    const { values, positionals } = parseArgs({ options: { help: { type: 'boolean', default: false } }, strict: true, allowPositionals: true });
    return { ...values, positionals };
  });
  if (!parsed) return;
  const [command, ...rest] = parsed.positionals;
  if (rest.length > 0 || (command !== 'rebuild' && command !== 'check')) {
    throw new UsageError(`Expected one command, rebuild or check; got ${parsed.positionals.join(' ') || 'none'}.`, USAGE);
  }
  const database = await openDatabase(loadConfig(), say);
  try {
    await applyMigrations(database.db);
    if (command === 'rebuild') {
      const { subjects, seconds } = await rebuildEvidenceAggregates(database.db);
      say(`Rebuilt the evidence aggregates of ${subjects} offers, decisions and findings in ${seconds.toFixed(1)} s.`);
      return;
    }
    const differences = await checkEvidenceAggregates(database.db);
    if (differences.length === 0) {
      say('The stored evidence aggregates match a fresh computation.');
      return;
    }
    say(`${differences.length} stored evidence aggregate values differ from a fresh computation:`);
    for (const difference of differences) say(`  ${difference}`);
    say('Run npm run evidence:rebuild to recompute them, and please report which write left them behind.');
    process.exitCode = 1;
  } finally {
    await database.close();
  }
}

runCommand(main);
