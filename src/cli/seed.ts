/**
 * `npm run seed`: validates a seed directory (default seeds/), then loads it into the database.
 * Bad input is reported in full before anything is written, and the exit code is 1.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';

import { projectRoot } from '../config.js';
import { readSeedDirectory } from '../seed/load.js';
import { loadIntoConfiguredDatabase, parseCommandLine, runCommand, say } from './seed-command.js';

const USAGE = `Usage: npm run seed -- [--dir <path>] [--dry-run] [--prune]

Validates every file of a seed directory, then loads it: records are merged on their keys, so a second run
changes nothing and a changed row updates just that record. The format is described in seeds/README.md.

  --dir <path>  the directory to load (default: seeds/, the bundled dataset)
  --dry-run     validate and report what would change, writing nothing
  --prune       remove loaded records that the files no longer hold (curated records are never removed)
  --help        show this text

The database is NEO4J_URI when set, otherwise the project's local Neo4j (started if needed).`;

async function main(): Promise<void> {
  const args = parseCommandLine(USAGE, () =>
    parseArgs({
      options: {
        dir: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        prune: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values,
  );
  if (!args) return;
  const dir = path.resolve(args.dir ?? path.join(projectRoot, 'seeds'));
  say(`Validating ${dir} ...`);
  const dataset = await readSeedDirectory(dir);
  say('Valid: every file, column, value and reference checks out.');
  await loadIntoConfiguredDatabase(dataset, { dryRun: args['dry-run'], prune: args.prune });
}

runCommand(main);
