/**
 * `npm run export`: writes an export of the graph to a file. Each format is one entry of EXPORTS, chosen with
 * `--format`; a new format (a REFI-QDA project, say) is a new entry with its own options, nothing else changes.
 * Today: the GRADE-CERQual tables (Evidence Profile, SoQF) as CSV, XLSX or DOCX, built by the same code as the
 * HTTP endpoint /tables/... and the API's `findings { profile assessment }`.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { loadConfig } from '../config.js';
import { createContext } from '../context.js';
import { openDatabase } from '../database-target.js';
import { buildQdpx, mappingFileFor } from '../import/export-qdpx.js';
import type { Database } from '../db/database.js';
import { exportFileName } from '../modules/confidence/http.js';
import type { FindingScope } from '../modules/confidence/loaders.js';
import { TABLE_FORMATS, type TableFormat } from '../modules/confidence/table-formats.js';
import { buildTable, TABLE_KINDS, UnknownScopeError, type TableKind } from '../modules/confidence/tables.js';
import { parseCommandLine, runCommand, say, UsageError } from './seed-command.js';

const OPTIONS = {
  format: { type: 'string' },
  table: { type: 'string' },
  offer: { type: 'string' },
  decision: { type: 'string' },
  out: { type: 'string' },
  study: { type: 'string' },
  help: { type: 'boolean', default: false },
} as const;

type Options = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

/** One export format: what it writes, and how. */
interface ExportFormat {
  describe: string;
  /** The default file name and the bytes to write. */
  run(db: Database, options: Options): Promise<{ fileName: string; bytes: Buffer }>;
}

function tableExport(format: TableFormat): ExportFormat {
  return {
    describe: `a GRADE-CERQual table as ${format.toUpperCase()} (--table ${TABLE_KINDS.join(' | ')}; --offer <id> | --decision <id>; default every finding)`,
    async run(db, options) {
      const kind = options.table as TableKind | undefined;
      if (!kind || !TABLE_KINDS.includes(kind)) {
        throw new UsageError(`--table must be ${TABLE_KINDS.join(' or ')} (got ${JSON.stringify(options.table ?? null)}).`, USAGE);
      }
      if (options.offer && options.decision) throw new UsageError('Give either --offer or --decision, not both.', USAGE);
      const scope: FindingScope = options.offer
        ? { kind: 'offer', id: options.offer }
        : options.decision
          ? { kind: 'decision', id: options.decision }
          : { kind: 'all' };
      const config = loadConfig();
      // The command runs with the database's own rights (whoever runs it can read the database): a researcher's.
      const context = createContext(config, db, { kind: 'anonymous', role: 'researcher' });
      const table = await buildTable(context, kind, scope);
      const spec = TABLE_FORMATS[format];
      return { fileName: exportFileName(kind, scope, spec.extension), bytes: await spec.write(table) };
    },
  };
}

/** A study's coding as a REFI-QDA project, with the mapping that imports it back written beside it. */
const qdpxExport: ExportFormat = {
  describe: "a study's coding as a REFI-QDA project for NVivo, ATLAS.ti, MAXQDA (--study <id>), and <file>.mapping.yaml",
  async run(db, options) {
    if (!options.study) throw new UsageError('--format qdpx needs --study <id> ({ studies { studyId } } lists them).', USAGE);
    if (options.out === '-') throw new UsageError('--format qdpx writes two files (the project and its mapping): give --out <file>.qdpx.', USAGE);
    const fileName = `${options.study}.qdpx`;
    const built = await buildQdpx(db, options.study);
    const mappingFile = mappingFileFor(path.resolve(options.out ?? fileName));
    await writeFile(mappingFile, built.mapping);
    say(
      `${built.sources} sources, ${built.selections} coded selections` +
        `${built.withoutQuote > 0 ? ` (${built.withoutQuote} insights without a quote left out)` : ''}; wrote ${mappingFile}.`,
    );
    return { fileName, bytes: built.bytes };
  },
};

/** Every format `--format` accepts. */
const EXPORTS: Record<string, ExportFormat> = {
  csv: tableExport('csv'),
  xlsx: tableExport('xlsx'),
  docx: tableExport('docx'),
  qdpx: qdpxExport,
};

const USAGE = `Usage: npm run export -- --format <format> [options] [--out <file>]

Writes an export of the graph to a file (default: a name made from the export, in the current folder; --out -
writes to standard output).

${Object.entries(EXPORTS)
  .map(([name, spec]) => `  --format ${name.padEnd(5)} ${spec.describe}`)
  .join('\n')}

Examples:
  npm run export -- --format docx --table soqf --offer readiness-assurance
  npm run export -- --format xlsx --table evidence-profile --out profile.xlsx
  npm run export -- --format qdpx --study ward-rollout-2025 --out ward.qdpx

The database is NEO4J_URI when set, otherwise the project's local Neo4j (started if needed).`;

async function main(): Promise<void> {
  const options = parseCommandLine(USAGE, () => parseArgs({ options: OPTIONS, strict: true, allowPositionals: false }).values as Options);
  if (!options) return;
  const format = options.format ? EXPORTS[options.format] : undefined;
  if (!format) {
    throw new UsageError(`--format must be one of ${Object.keys(EXPORTS).join(', ')} (got ${JSON.stringify(options.format ?? null)}).`, USAGE);
  }
  const database = await openDatabase(loadConfig(), say);
  try {
    const { fileName, bytes } = await format.run(database.db, options).catch((error: unknown) => {
      if (error instanceof UnknownScopeError) throw new UsageError(error.message, USAGE);
      throw error;
    });
    if (options.out === '-') {
      process.stdout.write(bytes);
      return;
    }
    const target = path.resolve(options.out ?? fileName);
    await writeFile(target, bytes);
    say(`Wrote ${target} (${bytes.length.toLocaleString('en-GB')} bytes).`);
  } finally {
    await database.close();
  }
}

runCommand(main);
