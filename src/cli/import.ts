/**
 * `npm run import -- PROJECT.qdpx --mapping MAPPING [--dry-run] [--prune [--yes]]`: imports a REFI-QDA project (or
 * a .qdc codebook) exported by NVivo, ATLAS.ti, MAXQDA or another QDA tool, as one study, through the seed loader.
 * Everything is read and checked before anything is written; bad input exits with 1 and a list of problems.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';

import { planImport } from '../import/import-project.js';
import { formatPlan } from '../import/report.js';
import { UsageError, loadIntoConfiguredDatabase, parseCommandLine, runCommand, say } from './seed-command.js';

const USAGE = `Usage: npm run import -- <project.qdpx | codebook.qdc> --mapping <mapping.yaml> [--dry-run] [--prune [--yes]]

Imports coded interviews from a REFI-QDA project (File > Export > REFI-QDA project in NVivo, ATLAS.ti, MAXQDA,
QualCoder, Quirkos, ...) as one study: codes become determinants, coded selections insights, text sources
interviews, cases participants. The mapping file says what the codes and variables mean (see the README,
"Import from NVivo, ATLAS.ti or MAXQDA", and seeds/examples/ward-rollout/mapping.yaml).
Importing a later export of the same project updates the same records; nothing is duplicated.

  --mapping <file>  the study's mapping (YAML or JSON); required
  --dry-run         check everything and report what would be created, updated and left, writing nothing
  --prune           also remove the study's records that the project no longer holds (never another study's)
  --yes             with --prune, allow removing more than a tenth of the study's records
  --help            show this text

The database is NEO4J_URI when set, otherwise the project's local Neo4j (started if needed).`;

async function main(): Promise<void> {
  const args = parseCommandLine(USAGE, () => {
    const { values, positionals } = parseArgs({
      options: {
        mapping: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        prune: { type: 'boolean', default: false },
        yes: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: true,
    });
    return { ...values, positionals };
  });
  if (!args) return;
  const [file, ...extra] = args.positionals;
  if (file === undefined) throw new UsageError('Give the .qdpx project (or .qdc codebook) to import.', USAGE);
  if (extra.length > 0) throw new UsageError(`One project at a time; also given: ${extra.join(' ')}`, USAGE);
  if (args.mapping === undefined) throw new UsageError('--mapping is required: the file that says what your codes and variables mean.', USAGE);
  if (args.yes && !args.prune) throw new UsageError('--yes only confirms --prune.', USAGE);

  const started = performance.now();
  say(`Reading ${path.resolve(file)} with the mapping ${path.resolve(args.mapping)} ...`);
  const plan = await planImport(path.resolve(file), path.resolve(args.mapping));
  say(`Read and mapped in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  process.stdout.write(`${formatPlan(plan)}\n\n`);
  await loadIntoConfiguredDatabase(plan.dataset, {
    dryRun: args['dry-run'],
    prune: args.prune,
    yes: args.yes,
    partial: true,
    origins: plan.origins,
  });
  // Peak memory of the whole command (reading, mapping, loading), for users of large projects and the benchmark.
  say(`Import finished in ${((performance.now() - started) / 1000).toFixed(1)} s; peak memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MB.`);
}

runCommand(main);
