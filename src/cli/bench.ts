/**
 * `npm run bench [-- --quick] [-- --scales 1,10,100] [-- --rounds N] [-- --seconds S] [-- --only id,id]`: latency, throughput and
 * seed speed of our API against raw Cypher and @neo4j/graphql, each scale on a fresh local Neo4j in a temp folder
 * (never the project's .neo4j). Prints Markdown tables and writes the full result to .bench/<timestamp>.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { projectRoot } from '../config.js';
import { exportsTable, operationsTable, scalesTable, verdicts, verdictTable } from '../bench/report.js';
import { runBench, type BenchOptions } from '../bench/run.js';

function readOptions(): BenchOptions {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      scales: { type: 'string' },
      rounds: { type: 'string' },
      seconds: { type: 'string' },
      only: { type: 'string' },
    },
  });
  const quick = values.quick ?? false;
  const number = (name: string, raw: string | undefined, fallback: number) => {
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!(value > 0)) throw new Error(`--${name} expects a positive number, got "${raw}".`);
    return value;
  };
  const scales = (values.scales ?? (quick ? '1,10' : '1,10,100')).split(',').map((s) => number('scales', s, 1));
  return {
    scales,
    rounds: number('rounds', values.rounds, quick ? 1 : 3),
    warmupSeconds: quick ? 1 : 3,
    roundSeconds: number('seconds', values.seconds, quick ? 2 : 4),
    // Operation ids of src/bench/operations.ts, and `exports` for the table exports: run those alone.
    only: values.only?.split(',').map((id) => id.trim()).filter(Boolean),
    log: (message) => process.stderr.write(`${message}\n`),
  };
}

const options = readOptions();
const result = await runBench(options);
const list = verdicts(result);
const text = [
  `Machine: ${Object.entries(result.machine).map(([k, v]) => `${k} ${v}`).join(', ')}`,
  `Rounds: ${options.rounds} x ${options.roundSeconds} s per concurrency after ${options.warmupSeconds} s warm-up; medians; latencies in ms.`,
  '',
  scalesTable(result),
  '',
  operationsTable(result),
  '',
  exportsTable(result),
  '',
  verdictTable(list),
].join('\n');
process.stdout.write(`${text}\n`);
const dir = path.join(projectRoot, '.bench');
await mkdir(dir, { recursive: true });
const file = path.join(dir, `bench-${result.startedAt.replace(/[:.]/g, '-')}.json`);
await writeFile(file, JSON.stringify({ ...result, verdicts: list }, null, 2));
process.stderr.write(`Wrote ${path.relative(process.cwd(), file)}\n`);
