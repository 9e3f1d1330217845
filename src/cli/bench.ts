/**
 * `npm run bench [-- --quick] [-- --scales 1,10,100] [-- --rounds N] [-- --seconds S] [-- --only id,id]`: latency, throughput and
 * seed speed of our API against raw Cypher and @neo4j/graphql, each scale on a fresh local Neo4j in a temp folder
 * (never the project's .neo4j). Prints Markdown tables and writes the full result to .bench/<timestamp>.json.
 * Then the import scenario (a generated REFI-QDA project imported twice); `--scenario api` or `--scenario import`
 * runs one of the two alone.
 * `--scenario browser` runs only the dashboard in Chromium instead (src/bench/browser.ts; scales 1,100 by default).
 * `--scenario bulk` times the seed loader against neo4j-admin database import into an empty graph (src/bench/bulk-import.ts).
 * `--scenario writes` times the write paths' cost of the evidence aggregates: a first load and curation mutations (src/bench/writes.ts).
 * `--report .bench/bench-<time>.json` prints the tables and verdicts of a recorded run again, running nothing.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { projectRoot } from '../config.js';
import { browserTable, runBrowserBench } from '../bench/browser.js';
import { exportsTable, growthTable, operationsTable, scalesTable, verdicts, verdictTable } from '../bench/report.js';
import { bulkTable, runBulkBench } from '../bench/bulk-import.js';
import { importTable, runImportBench } from '../bench/import.js';
import { runBench, type BenchOptions, type BenchResult } from '../bench/run.js';
import { runWritesBench, writesTable } from '../bench/writes.js';

/**
 * all: the API benchmark, then the import; api or import: one of them; browser: the dashboard in Chromium alone;
 * bulk: the seed loader against neo4j-admin database import into an empty graph (scale 100 by default); writes: the
 * write paths with the evidence aggregates (scales 1,100 by default).
 */
const SCENARIOS = ['all', 'api', 'import', 'browser', 'bulk', 'writes'];

function readOptions(): BenchOptions & { scenario: 'api' | 'browser' | 'bulk' | 'writes'; report?: string } {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      scales: { type: 'string' },
      rounds: { type: 'string' },
      seconds: { type: 'string' },
      scenario: { type: 'string' },
      only: { type: 'string' },
      report: { type: 'string' },
    },
  });
  if (values.scenario !== undefined && !SCENARIOS.includes(values.scenario)) {
    throw new Error(`--scenario expects ${SCENARIOS.join(', ')}, got "${values.scenario}".`);
  }
  const quick = values.quick ?? false;
  const number = (name: string, raw: string | undefined, fallback: number) => {
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!(value > 0)) throw new Error(`--${name} expects a positive number, got "${raw}".`);
    return value;
  };
  const scenario = values.scenario === 'browser' || values.scenario === 'bulk' || values.scenario === 'writes' ? values.scenario : 'api';
  const defaultScales = { browser: '1,100', bulk: '100', writes: '1,100', api: quick ? '1,10' : '1,10,100' };
  const scales = (values.scales ?? defaultScales[scenario]).split(',').map((s) => number('scales', s, 1));
  return {
    scenario,
    ...(values.report === undefined ? {} : { report: values.report }),
    scales,
    rounds: number('rounds', values.rounds, quick ? 1 : 3),
    warmupSeconds: quick ? 1 : 3,
    roundSeconds: number('seconds', values.seconds, quick ? 2 : 4),
    // Operation ids of src/bench/operations.ts, and `exports` for the table exports: run those alone.
    only: values.only
      ?.split(',')
      .map((id) => id.trim())
      .filter(Boolean),
    log: (message) => process.stderr.write(`${message}\n`),
  };
}

const scenario = parseArgs({ options: { scenario: { type: 'string' } }, strict: false }).values.scenario ?? 'all';
if (typeof scenario !== 'string' || !SCENARIOS.includes(scenario)) {
  throw new Error(`--scenario expects ${SCENARIOS.join(', ')}, got "${String(scenario)}".`);
}
/** The import scenario (src/bench/import.ts): a generated REFI-QDA project imported twice. */
async function benchImport(): Promise<void> {
  const imported = await runImportBench({ sources: 2_000, selectionsPerSource: 10, log: (message) => process.stderr.write(`${message}\n`) });
  process.stdout.write(`\n${importTable(imported)}\n`);
}
if (scenario === 'import') {
  await benchImport();
  process.exit(0);
}
const options = readOptions();
if (options.scenario === 'browser') {
  const figures = await runBrowserBench(options);
  process.stdout.write(`${browserTable(figures)}\n`);
  const dir = path.join(projectRoot, '.bench');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `bench-browser-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(file, JSON.stringify(figures, null, 2));
  process.stderr.write(`Wrote ${path.relative(process.cwd(), file)}\n`);
  process.exit(0);
}
if (options.scenario === 'bulk') {
  process.stdout.write(`\n${bulkTable(await runBulkBench(options))}\n`);
  process.exit(0);
}
if (options.scenario === 'writes') {
  process.stdout.write(`\n${writesTable(await runWritesBench(options))}\n`);
  process.exit(0);
}
// --report FILE: the tables and verdicts of a recorded run (.bench/bench-<time>.json), without running anything.
const recorded = options.report === undefined ? undefined : (JSON.parse(await readFile(options.report, 'utf8')) as BenchResult);
const partialFile = path.join(projectRoot, '.bench', `bench-partial-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
// After each scale, what has been measured so far (a later scale's failure then loses nothing).
const savePartial = async (partial: BenchResult) => {
  await mkdir(path.dirname(partialFile), { recursive: true });
  await writeFile(partialFile, JSON.stringify(partial, null, 2));
  process.stderr.write(`(so far: ${path.relative(process.cwd(), partialFile)})\n`);
};
const result = recorded ?? (await runBench(options, savePartial));
const list = verdicts(result);
const text = [
  `Machine: ${Object.entries(result.machine)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}`,
  `Rounds: ${result.options.rounds} x ${result.options.roundSeconds} s per concurrency after ${result.options.warmupSeconds} s warm-up; medians; latencies in ms.`,
  '',
  scalesTable(result),
  '',
  operationsTable(result),
  '',
  growthTable(result),
  '',
  exportsTable(result),
  '',
  verdictTable(list),
].join('\n');
process.stdout.write(`${text}\n`);
if (recorded) process.exit(0);
const dir = path.join(projectRoot, '.bench');
await mkdir(dir, { recursive: true });
const file = path.join(dir, `bench-${result.startedAt.replace(/[:.]/g, '-')}.json`);
await writeFile(file, JSON.stringify({ ...result, verdicts: list }, null, 2));
process.stderr.write(`Wrote ${path.relative(process.cwd(), file)}\n`);
if (scenario === 'all') await benchImport();
