/**
 * `npm run seed:synthetic -- --scale N [--seed 42]`: generates a larger graph of the bundled shape (see
 * src/seed/synthetic.ts) and loads it through the same writer as `npm run seed`, reporting records per second.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';

import { projectRoot } from '../config.js';
import { SEED_FILES } from '../seed/format.js';
import { readSeedDirectory } from '../seed/load.js';
import { generateSyntheticDataset } from '../seed/synthetic.js';
import { UsageError, loadIntoConfiguredDatabase, parseCommandLine, runCommand, say } from './seed-command.js';

const USAGE = `Usage: npm run seed:synthetic -- --scale <N> [--seed <number>] [--prune] [--dry-run]

Loads the bundled dataset plus generated records: N times the bundled interviews, participants and insights,
and an implementation for most trusts. Generated ids start with "syn-"; every generated record is illustrative.

  --scale <N>      whole number from 1 (required)
  --seed <number>  seed of the random generator (default 42): the same seed gives the same graph
  --prune          remove loaded records the generated dataset does not hold (for example a larger scale's)
  --dry-run        report what would change, writing nothing
  --help           show this text`;

async function main(): Promise<void> {
  const args = parseCommandLine(
    USAGE,
    () =>
      parseArgs({
        options: {
          scale: { type: 'string' },
          seed: { type: 'string', default: '42' },
          prune: { type: 'boolean', default: false },
          'dry-run': { type: 'boolean', default: false },
          help: { type: 'boolean', default: false },
        },
        strict: true,
        allowPositionals: false,
      }).values,
  );
  if (!args) return;
  const scale = Number(args.scale);
  const seed = Number(args.seed);
  if (args.scale === undefined || !Number.isInteger(scale) || scale < 1) {
    throw new UsageError(`--scale must be a whole number from 1 (got ${args.scale ?? 'nothing'}).`, USAGE);
  }
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number (got ${args.seed}).`, USAGE);

  const bundled = await readSeedDirectory(path.join(projectRoot, 'seeds'));
  const dataset = generateSyntheticDataset(bundled, { scale, seed });
  const records = SEED_FILES.reduce((sum, spec) => sum + dataset[spec.file].length, 0);
  say(`Generated scale ${scale} (seed ${seed}): ${records.toLocaleString('en-GB')} records.`);
  await loadIntoConfiguredDatabase(dataset, { dryRun: args['dry-run'], prune: args.prune });
}

runCommand(main);
