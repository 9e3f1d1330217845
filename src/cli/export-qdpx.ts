/**
 * `npm run export:qdpx -- --study <id> --out <file.qdpx>`: writes a study's coding as a REFI-QDA project, and the
 * mapping that imports it back, so a team can re-open the graph's coding in NVivo, ATLAS.ti or MAXQDA.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';

import { loadConfig } from '../config.js';
import { openDatabase } from '../database-target.js';
import { exportQdpx } from '../import/export-qdpx.js';
import { UsageError, parseCommandLine, runCommand, say } from './seed-command.js';

const USAGE = `Usage: npm run export:qdpx -- --study <study id> --out <file.qdpx>

Writes the study's interviews, participants and insights as a REFI-QDA project (open it in your QDA tool with
File > Import > REFI-QDA project) and <file>.mapping.yaml beside it, with which npm run import brings the project
back into the same study without changing anything. Each source's text holds the coded passages at their original
positions; the rest of the transcript is not in the graph.

  --study <id>   the study (e.g. ward-rollout-2025; { studies { studyId } } lists them)
  --out <file>   the .qdpx file to write
  --help         show this text`;

async function main(): Promise<void> {
  const args = parseCommandLine(USAGE, () =>
    parseArgs({
      options: { study: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', default: false } },
      strict: true,
      allowPositionals: false,
    }).values,
  );
  if (!args) return;
  if (args.study === undefined || args.out === undefined) throw new UsageError('--study and --out are required.', USAGE);
  const out = path.resolve(args.out.toLowerCase().endsWith('.qdpx') ? args.out : `${args.out}.qdpx`);
  const database = await openDatabase(loadConfig(), say);
  try {
    const result = await exportQdpx(database.db, args.study, out);
    say(
      `Wrote ${result.file}: ${result.sources} sources, ${result.selections} coded selections` +
        `${result.withoutQuote > 0 ? ` (${result.withoutQuote} insights without a quote left out)` : ''}; and ${result.mappingFile}.`,
    );
  } finally {
    await database.close();
  }
}

runCommand(main);
