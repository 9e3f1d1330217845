/**
 * `npm run seed`: validates a seed directory (default seeds/), then loads it into the database.
 * Bad input is reported in full before anything is written, and the exit code is 1.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';

import { projectRoot } from '../config.js';
import { readSeedFolder } from '../seed/load.js';
import { loadIntoConfiguredDatabase, parseCommandLine, runCommand, say } from './seed-command.js';

const USAGE = `Usage: npm run seed -- [--dir <path>] [--dry-run] [--prune] [--yes]

Validates every file of a seed directory, then loads it: records are merged on their keys, so a second run
changes nothing and a changed row updates just that record. The format is described in seeds/README.md.
A folder may hold only some of the files (say a new study's interviews, participants and insights): its
references to records it does not hold (trusts, roles, determinants) are looked up in the graph.

  --dir <path>  the directory to load (default: seeds/, the bundled dataset)
  --dry-run     validate and report what would change, writing nothing
  --prune       remove the study's loaded records that the files no longer hold (never another study's, never
                curated records); lists them, and refuses to remove more than a tenth of the study without --yes
  --yes         with --prune, allow removing more than a tenth of the study's records
  --help        show this text

The database is NEO4J_URI when set, otherwise the project's local Neo4j (started if needed).`;

async function main(): Promise<void> {
  const args = parseCommandLine(
    USAGE,
    () =>
      parseArgs({
        options: {
          dir: { type: 'string' },
          'dry-run': { type: 'boolean', default: false },
          prune: { type: 'boolean', default: false },
          yes: { type: 'boolean', default: false },
          help: { type: 'boolean', default: false },
        },
        strict: true,
        allowPositionals: false,
      }).values,
  );
  if (!args) return;
  const dir = path.resolve(args.dir ?? path.join(projectRoot, 'seeds'));
  say(`Validating ${dir} ...`);
  const { dataset, partial, lines } = await readSeedFolder(dir);
  say(
    partial
      ? 'Valid: every file present, column and value checks out; references to records the folder does not hold are looked up in the graph.'
      : 'Valid: every file, column, value and reference checks out.',
  );
  await loadIntoConfiguredDatabase(dataset, { dryRun: args['dry-run'], prune: args.prune, yes: args.yes, partial, lines });
}

runCommand(main);
