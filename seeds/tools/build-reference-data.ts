/**
 * Builds the reference part of the bundled dataset (seeds/*.csv) from the public data in the shared data folder.
 *
 *   npx tsx seeds/tools/build-reference-data.ts [path/to/shared/data]      (default: ../shared/data from the repo root)
 *
 * Writes, into seeds/: trusts.csv, observations.csv, suppliers.csv, products.csv, implementations.csv and
 * determinant_sources.csv, and merges its rows into sources.csv and determinants.csv (rows and columns it does not
 * generate are kept: other tools write the project's own sources and the determinants' finding statements there).
 * The files are the seed format's (src/seed/format.ts, seeds/README.md): their columns come from it, and the seed
 * reader and validator check the result, with every other seed file, before anything is written. The script prints
 * a reconciliation report and fails (exit 1) rather than write anything it cannot justify: an unmapped trust type,
 * product or status, a broken reference.
 *
 * One builder per input in reference/ (trusts, observations, implementations, determinants); the curated tables
 * they map the inputs with are data, in reference-data/ (see its README). main() at the bottom builds, then writes.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { fileColumns, seedFile, type FileName } from '../../src/seed/format.js';
import { describeProblems } from '../../src/seed/problems.js';
import { readSeedFiles } from '../../src/seed/read.js';
import { validateTables } from '../../src/seed/validate.js';
import {
  byKey,
  countBy,
  CURATED,
  fail,
  readCsvRecords,
  Report,
  writeCsv,
  type Determinant,
  type DeterminantSource,
  type Implementation,
  type Observation,
  type Product,
  type Supplier,
  type Trust,
} from './reference/common.js';
import type { Source } from './reference/curated.js';
import { buildDeterminants } from './reference/determinants.js';
import { buildImplementations } from './reference/implementations.js';
import { buildObservations } from './reference/observations.js';
import { buildTrusts } from './reference/trusts.js';

interface Output {
  trusts: Trust[];
  observations: Observation[];
  suppliers: Supplier[];
  products: Product[];
  implementations: Implementation[];
  determinants: Determinant[];
  determinantSources: DeterminantSource[];
  sources: Source[];
}

type Row = Record<string, string>;

/** A seed file's columns, from the seed format (src/seed/format.ts), in its order. */
function columnsOf(file: FileName): string[] {
  return fileColumns(seedFile(file)).map((column) => column.name);
}

/**
 * sources.csv and determinants.csv are shared with other tools (the project's own sources; the finding statements
 * of the determinants): a row whose key this script generates takes the generated columns where it stands and keeps
 * its other columns; every other row is kept unchanged and in its order; new rows are appended sorted by key.
 */
function mergeRows(file: string, key: string, generated: readonly object[], report: Report): Row[] {
  const existing: Row[] = existsSync(file) ? readCsvRecords(file) : [];
  const byKey = new Map((generated as Row[]).map((row) => [row[key] ?? '', row]));
  const placed = new Set<string>();
  const merged = existing.map((row) => {
    const replacement = byKey.get(row[key] ?? '');
    if (!replacement) return row;
    placed.add(row[key] ?? '');
    return { ...row, ...replacement };
  });
  const appended = (generated as Row[]).filter((row) => !placed.has(row[key] ?? '')).sort((a, b) => (a[key] ?? '').localeCompare(b[key] ?? ''));
  merged.push(...appended);
  report.line(
    `${path.basename(file)}: existing rows ${existing.length}; replaced in place: ${placed.size}; kept from other tools: ${existing.length - placed.size}; appended: ${appended.length}; total: ${merged.length}`,
  );
  return merged;
}

/** What the seed format does not say about these files: cited addresses are https, a share is between 0 and 1. */
function checkBeyondFormat(output: Output): string[] {
  const errors: string[] = [];
  for (const s of output.sources) if (s.url !== '' && !s.url.startsWith('https://')) errors.push(`sources: ${s.id} url is not https`);
  for (const o of output.observations) {
    const value = Number(o.value);
    if (!(value >= 0 && value <= 1)) errors.push(`observations: ${o.trust_ods_code} ${o.period} value ${o.value}`);
  }
  return errors;
}

/**
 * Writes the generated files as the seed loader will read them: first into a copy of the seed folder, which the
 * seed reader and validator check (every column, type, key and reference, across all the files, as `npm run seed`
 * would), then, only when nothing is wrong, into the seed folder itself.
 */
async function writeValidated(seedsDir: string, output: Output, report: Report): Promise<void> {
  report.section('Merge into the shared files');
  const files: Array<[FileName, readonly object[]]> = [
    ['trusts.csv', output.trusts],
    ['observations.csv', output.observations],
    ['suppliers.csv', output.suppliers],
    ['products.csv', output.products],
    ['implementations.csv', output.implementations],
    ['determinants.csv', mergeRows(path.join(seedsDir, 'determinants.csv'), 'id', output.determinants, report)],
    ['determinant_sources.csv', output.determinantSources],
    ['sources.csv', mergeRows(path.join(seedsDir, 'sources.csv'), 'id', output.sources, report)],
  ];
  const beyond = checkBeyondFormat(output);
  if (beyond.length > 0) fail(`validation failed:\n  ${beyond.join('\n  ')}`);

  const staging = mkdtempSync(path.join(os.tmpdir(), 'reference-data-'));
  try {
    for (const file of readdirSync(seedsDir).filter((name) => name.endsWith('.csv'))) {
      copyFileSync(path.join(seedsDir, file), path.join(staging, file));
    }
    for (const [file, rows] of files) writeCsv(path.join(staging, file), columnsOf(file), rows);
    const validation = validateTables(await readSeedFiles(staging));
    if (validation.problems.length > 0) fail(`the seed validator refuses the result:\n${describeProblems(validation.problems)}`);
    for (const [file] of files) copyFileSync(path.join(staging, file), path.join(seedsDir, file));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const dataDir = path.resolve(process.argv[2] ?? path.join(repoRoot, '..', 'shared', 'data'));
  const seedsDir = path.join(repoRoot, 'seeds');
  const report = new Report();
  report.section(`Input: ${dataDir}`);

  const trusts = buildTrusts(dataDir, report);
  const trustCodes = new Set(trusts.map((trust) => trust.ods_code));
  const ae = buildObservations(dataDir, trustCodes, report);
  const epr = buildImplementations(dataDir, trustCodes, report);
  const evidence = buildDeterminants(dataDir, report);
  const sources = [...CURATED.datasetSources, ...ae.sources, ...epr.sources, ...evidence.sources].sort(byKey((s) => s.id));

  const output: Output = {
    trusts,
    observations: ae.observations,
    suppliers: epr.suppliers,
    products: epr.products,
    implementations: epr.implementations,
    determinants: evidence.determinants,
    determinantSources: evidence.determinantSources,
    sources,
  };
  await writeValidated(seedsDir, output, report);

  report.section('Written');
  report.line(
    `trusts ${trusts.length}, observations ${output.observations.length}, suppliers ${output.suppliers.length}, products ${output.products.length}, ` +
      `implementations ${output.implementations.length}, determinants ${output.determinants.length}, determinant_sources ${output.determinantSources.length}, ` +
      `sources generated ${sources.length} (${countBy(sources, (s) => s.kind)})`,
  );
  report.print();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
