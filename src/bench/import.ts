/**
 * The import scenario of `npm run bench -- --scenario import`: a generated REFI-QDA project of 2,000 transcripts and
 * 20,000 coded selections (qdpx-generator.ts) imported with `npm run import` as its own process, on a fresh Neo4j
 * in a temp folder that holds the bundled data (the trusts, roles and determinants the project refers to): first
 * into a graph without the study, then again unchanged. Each import's time is the command's own (reading, mapping,
 * validating against the graph, writing), without Node's start-up; its memory the process's peak resident size.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { projectRoot } from '../config.js';
import { runtimeCacheDir } from '../database-target.js';
import { connect } from '../db/database.js';
import { applyMigrations } from '../db/migrations.js';
import { startLocalNeo4j } from '../local-neo4j/server.js';
import { loadDataset, readSeedDirectory } from '../seed/load.js';
import { generateQdpx } from './qdpx-generator.js';

export interface ImportRun {
  label: string;
  seconds: number;
  peakMb: number;
  /** The load's totals line, e.g. "Loaded 46,003 records in 9.1 s". */
  summary: string;
}

export interface ImportBenchResult {
  sources: number;
  selections: number;
  archiveBytes: number;
  runs: ImportRun[];
}

export const IMPORT_TARGETS = { firstSeconds: 15, unchangedSeconds: 10, peakMb: 500 } as const;

export async function runImportBench(options: { sources: number; selectionsPerSource: number; log: (message: string) => void }): Promise<ImportBenchResult> {
  const { log } = options;
  const home = await mkdtemp(path.join(os.tmpdir(), 'epr-bench-import-'));
  log(`== import: starting a fresh Neo4j in ${home}`);
  const neo4j = await startLocalNeo4j({ home, boltPort: 0, heapSize: '2g', pageCacheSize: '1g', startTimeoutMs: 300_000, runtimeCacheDir, onProgress: log });
  const db = connect({ uri: neo4j.uri, username: 'neo4j', password: 'unused', queryTimeoutMs: 600_000 });
  try {
    await applyMigrations(db);
    const bundled = await readSeedDirectory(path.join(projectRoot, 'seeds'));
    await loadDataset(db, bundled);
    const trusts = bundled['trusts.csv'].map((row) => String(row.ods_code));
    log(`generating a project of ${options.sources} sources x ${options.selectionsPerSource} selections...`);
    const file = path.join(home, 'bench.qdpx');
    const project = await generateQdpx(file, { sources: options.sources, selectionsPerSource: options.selectionsPerSource, trusts });
    const mapping = path.join(home, 'bench-mapping.yaml');
    await writeFile(mapping, project.mapping);
    const { size } = await import('node:fs/promises').then((fs) => fs.stat(file));
    const runs: ImportRun[] = [];
    // The second re-import is the one a team makes on a Neo4j that has run a re-import before: the first one after
    // the import plans the comparing statements, which a first import into a graph without the study never runs.
    for (const label of ['into a graph without the study', 'unchanged re-import', 'unchanged re-import, again']) {
      log(`import ${label}...`);
      runs.push({ label, ...(await runImport(file, mapping, neo4j.uri, log)) });
      log(`  ${runs.at(-1)?.seconds.toFixed(1)} s, peak ${runs.at(-1)?.peakMb} MB`);
    }
    return { sources: project.sources, selections: project.selections, archiveBytes: size, runs };
  } finally {
    await db.close();
    await neo4j.stop();
    await rm(home, { recursive: true, force: true });
  }
}

function runImport(file: string, mapping: string, uri: string, log: (message: string) => void): Promise<Omit<ImportRun, 'label'>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src/cli/import.ts'), file, '--mapping', mapping], {
      cwd: projectRoot,
      env: { ...process.env, NEO4J_URI: uri, NEO4J_USERNAME: 'neo4j', NEO4J_PASSWORD: 'unused', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const finished = /Import finished in ([\d.]+) s; peak memory (\d+) MB/.exec(output);
      if (code !== 0 || !finished) {
        reject(new Error(`the import exited with ${code}:\n${output.slice(-2000)}`));
        return;
      }
      // With EPR_LOAD_TIMING=1 the import writes where its time went (src/seed/timing.ts).
      for (const line of output.split('\n')) if (line.startsWith('timing: ') || line.startsWith('Read and mapped')) log(`    ${line}`);
      resolve({ seconds: Number(finished[1]), peakMb: Number(finished[2]), summary: /(?:Loaded|Checked) [^\n]*/.exec(output)?.[0] ?? '' });
    });
  });
}

/** The Markdown table of the scenario, each figure against its target. */
export function importTable(result: ImportBenchResult): string {
  const target = (index: number) => (index === 0 ? IMPORT_TARGETS.firstSeconds : IMPORT_TARGETS.unchangedSeconds);
  const lines = [
    `Import of a generated project: ${result.sources.toLocaleString('en-GB')} sources, ${result.selections.toLocaleString('en-GB')} coded selections, ` +
      `${(result.archiveBytes / 1024 / 1024).toFixed(1)} MB .qdpx`,
    '',
    '| import | seconds | target | peak memory (MB) | target | load |',
    '|---|---:|---:|---:|---:|---|',
    ...result.runs.map(
      (run, index) => `| ${run.label} | ${run.seconds.toFixed(1)} | < ${target(index)} | ${run.peakMb} | < ${IMPORT_TARGETS.peakMb} | ${run.summary} |`,
    ),
  ];
  return lines.join('\n');
}
