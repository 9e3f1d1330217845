/**
 * The benchmark run: for each data scale, a fresh local Neo4j (with APOC for the peer) in a temp folder, the data
 * loaded through the seed loader (timed), the three targets started as child processes, then every operation
 * measured against each target with the same load generator. Results are plain objects (see `BenchResult`).
 * Long (about 410 lines) because it is the bench's one sequence (start, seed, warm up, measure each operation on
 * each target, report), kept in order rather than spread over files.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

import { mintToken } from '../auth/tokens.js';
import { projectRoot } from '../config.js';
import { runtimeCacheDir } from '../database-target.js';
import { connect, type Database } from '../db/database.js';
import { applyMigrations } from '../db/migrations.js';
import { NEO4J_VERSION, APOC_VERSION } from '../local-neo4j/install.js';
import { startLocalNeo4j } from '../local-neo4j/server.js';
import type { Dataset } from '../seed/format.js';
import { loadDataset, readSeedDirectory } from '../seed/load.js';
import { buildSchema } from '../schema.js';
import { generateSyntheticDataset } from '../seed/synthetic.js';
import { runLoad, type LoadRequest, type LoadResult } from './load-generator.js';
import { OPERATIONS, type Operation, type Subjects } from './operations.js';
import { median, rate } from './stats.js';

/** The seed `npm run seed:synthetic` uses by default, so the bench loads the graph a user gets. */
const SYNTHETIC_SEED = 42;

export interface BenchOptions {
  /** 1 is the bundled data; N > 1 the synthetic generator's --scale N. */
  scales: number[];
  rounds: number;
  warmupSeconds: number;
  roundSeconds: number;
  /** Only these operation ids (and `exports` for the table exports); all when undefined. */
  only?: string[] | undefined;
  log: (message: string) => void;
}

export type TargetName = 'api' | 'raw' | 'peer';

export interface TargetFigures {
  /** Medians over the rounds, milliseconds. */
  c1: { p50: number; p95: number; p99: number };
  c16: { p50: number; p95: number; p99: number };
  rps16: number;
  rps64: number;
  errors: number;
}

export interface OperationResult {
  id: string;
  title: string;
  skipped?: string;
  /** Cypher queries one request of our API ran (extensions.db.queries). */
  queriesPerRequest: number | null;
  api?: TargetFigures;
  raw?: TargetFigures;
  peer?: TargetFigures;
  peerForm: Operation['peer']['kind'];
  peerNote?: string;
}

export interface ScaleResult {
  scale: number;
  records: number;
  /** The timed load into the fresh server (a cold JVM compiles as it goes). */
  seedSeconds: number;
  seedRecordsPerSecond: number | null;
  /** The same load again, after the operations, into the same server emptied: the loader once the JVM is warm. */
  warmSeedSeconds: number;
  warmSeedRecordsPerSecond: number | null;
  nodes: number;
  relationships: number;
  subjects: Subjects;
  rssMb: Record<TargetName, { before: number; after: number }>;
  operations: OperationResult[];
  /** Each table export of every finding, through GET /tables (median of EXPORT_RUNS sequential requests). */
  exports: ExportResult[];
}

export interface ExportResult {
  file: string;
  medianMs: number;
  maxMs: number;
  bytes: number;
}

/** Sequential requests per export: a download is one request at a time, not a load test. */
const EXPORT_RUNS = 5;

/** Every table in every format: GET /tables/<file> of every finding. */
const EXPORT_FILES = ['evidence-profile.csv', 'evidence-profile.xlsx', 'evidence-profile.docx', 'soqf.csv', 'soqf.xlsx', 'soqf.docx'];

async function measureExports(api: Child, log: BenchOptions['log']): Promise<ExportResult[]> {
  const results: ExportResult[] = [];
  for (const file of EXPORT_FILES) {
    const times: number[] = [];
    let bytes = 0;
    for (let run = 0; run <= EXPORT_RUNS; run++) {
      const started = performance.now();
      const response = await fetch(`${api.base}/tables/${file}`, { headers: api.headers });
      const body = new Uint8Array(await response.arrayBuffer());
      if (response.status !== 200) throw new Error(`GET /tables/${file} answered ${response.status}: ${new TextDecoder().decode(body).slice(0, 300)}`);
      // The first request warms the code path up and is not counted.
      if (run > 0) times.push(performance.now() - started);
      bytes = body.length;
    }
    const result = { file, medianMs: Math.round(median(times)), maxMs: Math.round(Math.max(...times)), bytes };
    log(`export ${file}: median ${result.medianMs} ms, max ${result.maxMs} ms, ${bytes} bytes`);
    results.push(result);
  }
  return results;
}

export interface BenchResult {
  startedAt: string;
  options: Omit<BenchOptions, 'log'>;
  machine: Record<string, string | number>;
  scales: ScaleResult[];
}

/** Runs every scale; `onScale` gets the result so far after each one, so that a later failure loses nothing measured. */
export async function runBench(options: BenchOptions, onScale: (partial: BenchResult) => Promise<void> = async () => {}): Promise<BenchResult> {
  const startedAt = new Date().toISOString();
  const scales: ScaleResult[] = [];
  const { log: _log, ...rest } = options;
  const result = () => ({ startedAt, options: rest, machine: machineFacts(), scales });
  for (const scale of options.scales) {
    scales.push(await runScale(scale, options));
    await onScale(result());
  }
  return result();
}

async function runScale(scale: number, options: BenchOptions): Promise<ScaleResult> {
  const { log } = options;
  const home = await mkdtemp(path.join(os.tmpdir(), `epr-bench-${scale}-`));
  log(`\n== scale ${scale}: starting a fresh Neo4j in ${home}`);
  const neo4j = await startLocalNeo4j({
    home,
    boltPort: 0,
    heapSize: '2g',
    pageCacheSize: '1g',
    startTimeoutMs: 300_000,
    runtimeCacheDir,
    plugins: ['apoc'],
    onProgress: log,
  });
  const db = connect({ uri: neo4j.uri, username: 'neo4j', password: 'unused', queryTimeoutMs: 600_000 });
  const children: Partial<Record<TargetName, Child>> = {};
  try {
    await applyMigrations(db);
    const dataset = await datasetFor(scale);
    log(`loading ${scale === 1 ? 'the bundled data' : `synthetic --scale ${scale}`}...`);
    const report = await loadDataset(db, dataset);
    const seedRecordsPerSecond = rate(report.records, report.seconds);
    log(`loaded ${report.records} records in ${report.seconds.toFixed(1)} s (${Math.round(seedRecordsPerSecond ?? 0)} records/s)`);
    const [counts] = await db.readQuery<{ nodes: number; relationships: number }>(
      'RETURN COUNT { MATCH (n) } AS nodes, COUNT { MATCH ()-[r]->() } AS relationships',
    );
    const subjects = await pickSubjects(db);

    // Every target runs as in production (graphql-js is faster there); ours verifies a researcher's token, the role
    // the evidence trail's insights need, and still reports its queries (QUERY_METRICS=true).
    const secret = randomBytes(32).toString('hex');
    const token = await mintToken({ secret, role: 'researcher', subject: 'bench', expiresIn: '24h' });
    for (const target of ['api', 'raw', 'peer'] as const) children[target] = await startChild(target, neo4j.uri, secret, token);
    const rssBefore = mapTargets((t) => rssMb(children[t]!.process.pid));

    const operations: OperationResult[] = [];
    const apiSchema = new Set(Object.keys(buildSchema().getQueryType()?.getFields() ?? {}));
    const selected = OPERATIONS.filter((op) => !options.only || options.only.includes(op.id));
    for (const op of selected) {
      if (!apiSchema.has(op.requiresField)) {
        operations.push({
          id: op.id,
          title: op.title,
          skipped: `our schema has no Query.${op.requiresField} yet`,
          queriesPerRequest: null,
          peerForm: op.peer.kind,
        });
        continue;
      }
      operations.push(await measureOperation(op, subjects, children as Record<TargetName, Child>, db, options));
    }
    const exports = !options.only || options.only.includes('exports') ? await measureExports(children.api!, log) : [];
    const rssAfter = mapTargets((t) => rssMb(children[t]!.process.pid));

    // A run of chosen operations (--only) measures those alone and skips the second load.
    let warm = { records: report.records, seconds: Number.NaN };
    if (!options.only) {
      log('emptying the database and loading it again, now that Neo4j is warm...');
      // Relationships first: at x1000 one node (a role, a study) holds more relationships than one inner
      // transaction's memory allows, and DETACH DELETE of that node alone failed.
      await db.autoCommit('MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS');
      await db.autoCommit('MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS');
      warm = await loadDataset(db, dataset);
      log(`loaded ${warm.records} records in ${warm.seconds.toFixed(1)} s (${Math.round(rate(warm.records, warm.seconds) ?? 0)} records/s)`);
    }
    return {
      scale,
      records: report.records,
      seedSeconds: report.seconds,
      seedRecordsPerSecond,
      warmSeedSeconds: warm.seconds,
      warmSeedRecordsPerSecond: rate(warm.records, warm.seconds),
      nodes: counts?.nodes ?? 0,
      relationships: counts?.relationships ?? 0,
      subjects,
      rssMb: mapTargets((t) => ({ before: rssBefore[t], after: rssAfter[t] })),
      operations,
      exports,
    };
  } finally {
    await Promise.all(Object.values(children).map((child) => child.stop()));
    await db.close();
    await neo4j.stop();
    await rm(home, { recursive: true, force: true });
  }
}

async function measureOperation(
  op: Operation,
  subjects: Subjects,
  children: Record<TargetName, Child>,
  db: Database,
  options: BenchOptions,
): Promise<OperationResult> {
  const variables = op.variables(subjects);
  const bodies: Partial<Record<TargetName, LoadRequest>> = {
    api: { url: children.api.url, body: JSON.stringify({ query: op.query, variables }), headers: children.api.headers },
    raw: { url: `${children.raw.base}/raw`, body: JSON.stringify({ op: op.id, variables }) },
  };
  if (op.peer.kind !== 'none') {
    bodies.peer = { url: children.peer.url, body: JSON.stringify({ query: op.peer.query, variables }) };
  }
  // Every target must answer correctly once before it is timed: a fast error is no result.
  const first = await postJson(bodies.api!);
  assertAnswer('api', op, first);
  const queriesPerRequest = (first.extensions as { db?: { queries?: number } } | undefined)?.db?.queries ?? null;
  assertAnswer('raw', op, await postJson(bodies.raw!));
  if (bodies.peer) assertAnswer('peer', op, await postJson(bodies.peer));

  const result: OperationResult = {
    id: op.id,
    title: op.title,
    queriesPerRequest,
    peerForm: op.peer.kind,
    ...(op.peer.kind === 'partial' ? { peerNote: `peer answer lacks ${op.peer.missing}` } : {}),
    ...(op.peer.kind === 'none' ? { peerNote: `peer cannot express it: ${op.peer.reason}` } : {}),
  };
  // Every target is warmed up first; then the rounds alternate between the targets (api, raw, peer, api, ...), so
  // that whatever drifts on the machine during an operation's minutes weighs on all three alike, not on one.
  const targets = (['api', 'raw', 'peer'] as const).filter((target) => bodies[target]);
  for (const target of targets) {
    options.log(`  ${op.id} / ${target}: warm-up`);
    await waitForIdle(db);
    await runLoad(bodies[target]!, 16, options.warmupSeconds);
  }
  type Round = { c1: LoadResult; c16: LoadResult; c64: LoadResult };
  const rounds = new Map<TargetName, Round[]>(targets.map((target) => [target, []]));
  for (let round = 1; round <= options.rounds; round++) {
    for (const target of targets) {
      const request = bodies[target]!;
      options.log(`  ${op.id} / ${target}: round ${round} of ${options.rounds}`);
      await waitForIdle(db);
      rounds.get(target)!.push({
        c1: await runLoad(request, 1, options.roundSeconds),
        c16: await runLoad(request, 16, options.roundSeconds),
        c64: await runLoad(request, 64, options.roundSeconds),
      });
    }
  }
  await waitForIdle(db);
  for (const target of targets) {
    const measured = rounds.get(target)!;
    const m = (pick: (r: Round) => number) => median(measured.map(pick));
    result[target] = {
      c1: { p50: m((r) => r.c1.p50), p95: m((r) => r.c1.p95), p99: m((r) => r.c1.p99) },
      c16: { p50: m((r) => r.c16.p50), p95: m((r) => r.c16.p95), p99: m((r) => r.c16.p99) },
      rps16: m((r) => r.c16.requestsPerSecond),
      rps64: m((r) => r.c64.requestsPerSecond),
      errors: measured.reduce((sum, r) => sum + r.c1.errors + r.c16.errors + r.c64.errors, 0),
    };
  }
  return result;
}

/**
 * Waits until Neo4j runs no transaction but the one asking: requests a load generator gave up on can leave their
 * queries running on the server, which would slow down, or time out, whatever is measured next.
 */
async function waitForIdle(db: Database, timeoutMs = 600_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const [row] = await db.readQuery<{ running: number }>('SHOW TRANSACTIONS YIELD transactionId RETURN count(*) AS running');
    if ((row?.running ?? 0) <= 1) return;
    if (performance.now() > deadline) throw new Error(`Neo4j still runs ${row?.running} transactions after ${timeoutMs / 1000} s.`);
    await sleep(250);
  }
}

function assertAnswer(target: TargetName, op: Operation, answer: Record<string, unknown>): void {
  const errors = answer.errors ?? answer.error;
  const data = answer.data;
  const empty = data === null || data === undefined || (Array.isArray(data) && data.length === 0);
  if (errors || empty) {
    throw new Error(`${target} answered ${op.id} with ${errors ? 'errors' : 'no data'}: ${JSON.stringify(answer).slice(0, 600)}`);
  }
}

/** Subjects with the most to show: the offer with the most evidence, the trust with the most interviews. */
async function pickSubjects(db: Database): Promise<Subjects> {
  const [row] = await db.readQuery<Subjects>(
    `CALL () { MATCH (o:SupportOffer) RETURN o.id AS offerId
               ORDER BY COUNT { (o)-[:ADDRESSES]->(:Determinant)<-[:EVIDENCES]-(:Insight) } DESC, o.id LIMIT 1 }
     CALL () { MATCH (t:Trust) RETURN t.odsCode AS odsCode ORDER BY COUNT { (:Interview)-[:AT]->(t) } DESC, t.odsCode LIMIT 1 }
     RETURN offerId, odsCode, 'clinical' AS searchText`,
  );
  if (!row) throw new Error('The loaded graph has no support offer or no trust to benchmark.');
  return row;
}

/** The bundled data (scale 1), or the synthetic generator's graph at that scale, always from the same seed. */
export async function datasetFor(scale: number): Promise<Dataset> {
  const bundled = await readSeedDirectory(path.join(projectRoot, 'seeds'));
  return scale === 1 ? bundled : generateSyntheticDataset(bundled, { scale, seed: SYNTHETIC_SEED });
}

interface Child {
  process: ChildProcess;
  base: string;
  url: string;
  headers: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts one target in production mode. `secret` signs the tokens our API accepts; `token` is sent with every
 * request to it (the others have no auth).
 */
export async function startChild(target: TargetName, boltUri: string, secret: string, token: string): Promise<Child> {
  const tsx = path.join(projectRoot, 'node_modules', '.bin', 'tsx');
  const child = spawn(tsx, [path.join(import.meta.dirname, 'serve.ts'), target, boltUri], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production', JWT_SECRET: secret },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const match = /^BENCH_LISTENING (\d+)$/.exec(line);
      if (match) resolve(Number(match[1]));
    });
    void exited.then(() => reject(new Error(`The ${target} server exited before it listened.`)));
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    process: child,
    base,
    url: `${base}/graphql`,
    headers: target === 'api' ? { authorization: `Bearer ${token}` } : {},
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function postJson({ url, body, headers }: LoadRequest): Promise<Record<string, unknown>> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return (await response.json()) as Record<string, unknown>;
}

function mapTargets<T>(make: (target: TargetName) => T): Record<TargetName, T> {
  return { api: make('api'), raw: make('raw'), peer: make('peer') };
}

/** Resident set size of a process in MiB (Linux /proc); NaN elsewhere. */
function rssMb(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Math.round(kb / 1024);
  } catch {
    return NaN;
  }
}

function machineFacts(): Record<string, string | number> {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
    neo4j: `${NEO4J_VERSION} Community`,
    apoc: APOC_VERSION,
    neo4jGraphql: readPackageVersion('@neo4j/graphql'),
    autocannon: readPackageVersion('autocannon'),
  };
}

function readPackageVersion(name: string): string {
  try {
    const file = path.join(projectRoot, 'node_modules', name, 'package.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
