/**
 * The bulk scenario of `npm run bench -- --scenario bulk` (issue 18, item 4): how fast a first load into an empty
 * graph could be, measured with the offline bulk importer that ships in the same Maven artifacts as the server
 * (`neo4j-admin database import full`, class org.neo4j.cli.AdminTool), against the seed loader on the same data.
 *
 * For each scale: the seed loader writes the dataset into a fresh Neo4j (timed, aggregates included, as the bench's
 * own seed figures); the graph it wrote (every node and relationship but the evidence aggregates and the schema
 * marker) is then written out as the importer's CSV, one file per label set and per relationship type, with each
 * property's type in its header; the importer builds a second, stopped database from those files (timed); that
 * server is started and given what the loader's graph also has and the importer cannot make in Community: the
 * constraints and indexes (the migrations, populating them) and the evidence aggregates (all timed). The two graphs'
 * node and relationship counts must agree, or the run fails.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';

import neo4j, { type Driver } from 'neo4j-driver';

import { runtimeCacheDir } from '../database-target.js';
import { connect } from '../db/database.js';
import { applyMigrations } from '../db/migrations.js';
import { NEO4J_VERSION } from '../local-neo4j/install.js';
import { startLocalNeo4j } from '../local-neo4j/server.js';
import { rebuildEvidenceAggregates } from '../modules/evidence/aggregates.js';
import { loadDataset } from '../seed/load.js';
import { datasetFor } from './run.js';
import { markdownTable, type Cell } from './table.js';

export interface BulkResult {
  scale: number;
  records: number;
  nodes: number;
  relationships: number;
  /** The seed loader into a fresh server, aggregates included. */
  loaderSeconds: number;
  /** Reading the loader's graph out into CSV files (not part of either load). */
  exportSeconds: number;
  /** neo4j-admin database import full, as its own JVM. */
  importSeconds: number;
  /** Starting the server on the imported store. */
  startSeconds: number;
  /** The migrations: creating the constraints and indexes, and waiting until they are populated. */
  schemaSeconds: number;
  /** Computing every evidence aggregate. */
  aggregatesSeconds: number;
}

/** The labels the loader's graph holds beyond the dataset's records, which the importer does not write. */
const NOT_EXPORTED = ['EvidenceAggregate', 'SchemaMigration'];

/** Between array elements: a character no text of the dataset holds (checked when writing). */
const ARRAY_DELIMITER = '\u001f';

export async function runBulkBench(options: { scales: readonly number[]; log: (message: string) => void }): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  for (const scale of options.scales) results.push(await runScale(scale, options.log));
  return results;
}

async function runScale(scale: number, log: (message: string) => void): Promise<BulkResult> {
  const root = await mkdtemp(path.join(os.tmpdir(), `epr-bench-bulk-${scale}-`));
  const start = (home: string) => startLocalNeo4j({ home, boltPort: 0, heapSize: '2g', pageCacheSize: '1g', startTimeoutMs: 300_000, runtimeCacheDir });
  try {
    log(`\n== bulk, scale ${scale}: the seed loader into a fresh Neo4j`);
    const loaded = await start(path.join(root, 'loader'));
    const csv = path.join(root, 'csv');
    let loaderSeconds: number;
    let records: number;
    let exported: Exported;
    try {
      const db = connect({ uri: loaded.uri, username: 'neo4j', password: 'unused', queryTimeoutMs: 600_000 });
      try {
        await applyMigrations(db);
        const dataset = await datasetFor(scale);
        const report = await loadDataset(db, dataset);
        loaderSeconds = report.seconds;
        records = report.records;
        log(`  loaded ${records} records in ${loaderSeconds.toFixed(1)} s`);
      } finally {
        await db.close();
      }
      const started = performance.now();
      const driver = neo4j.driver(loaded.uri, neo4j.auth.basic('neo4j', 'unused'));
      try {
        exported = await exportGraph(driver, csv);
      } finally {
        await driver.close();
      }
      exported.seconds = (performance.now() - started) / 1000;
      log(`  written out as CSV: ${exported.nodes} nodes, ${exported.relationships} relationships in ${exported.seconds.toFixed(1)} s`);
    } finally {
      await loaded.stop();
    }

    log('  neo4j-admin database import full into an empty store...');
    const home = path.join(root, 'bulk');
    const importSeconds = await runAdminImport(home, exported);
    log(`  imported in ${importSeconds.toFixed(1)} s`);
    let mark = performance.now();
    const lap = () => {
      const now = performance.now();
      const seconds = (now - mark) / 1000;
      mark = now;
      return seconds;
    };
    const server = await start(home);
    const startSeconds = lap();
    try {
      const db = connect({ uri: server.uri, username: 'neo4j', password: 'unused', queryTimeoutMs: 600_000 });
      try {
        await applyMigrations(db);
        const schemaSeconds = lap();
        await rebuildEvidenceAggregates(db);
        const aggregatesSeconds = lap();
        const [counts] = await db.readQuery<{ nodes: number; relationships: number }>(
          `RETURN COUNT { MATCH (n) WHERE NOT n:${NOT_EXPORTED.join('|')} } AS nodes, COUNT { MATCH (a)-[r]->(b) WHERE NOT (a:${NOT_EXPORTED.join('|')} OR b:${NOT_EXPORTED.join('|')}) } AS relationships`,
        );
        if (counts?.nodes !== exported.nodes || counts.relationships !== exported.relationships) {
          throw new Error(
            `The imported graph has ${counts?.nodes} nodes and ${counts?.relationships} relationships; the loader's had ${exported.nodes} and ${exported.relationships}.`,
          );
        }
        log(`  started ${startSeconds.toFixed(1)} s, schema ${schemaSeconds.toFixed(1)} s, aggregates ${aggregatesSeconds.toFixed(1)} s`);
        return {
          scale,
          records,
          nodes: exported.nodes,
          relationships: exported.relationships,
          loaderSeconds,
          exportSeconds: exported.seconds,
          importSeconds,
          startSeconds,
          schemaSeconds,
          aggregatesSeconds,
        };
      } finally {
        await db.close();
      }
    } finally {
      await server.stop();
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

interface Exported {
  nodeFiles: Array<{ labels: string[]; file: string }>;
  relationshipFiles: Array<{ type: string; file: string }>;
  nodes: number;
  relationships: number;
  seconds: number;
}

/** The importer's type of a property value, or throws for one it cannot hold. */
function typeOf(value: unknown): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return 'double';
  if (neo4j.isInt(value)) return 'long';
  if (neo4j.isDate(value)) return 'date';
  if (neo4j.isDateTime(value)) return 'datetime';
  if (neo4j.isLocalDateTime(value)) return 'localdatetime';
  if (Array.isArray(value) && value.length > 0) return `${typeOf(value[0])}[]`;
  throw new Error(`The bulk bench cannot write a property value of this kind: ${JSON.stringify(value)}`);
}

/** A value as the importer reads it: text quoted (quotes doubled), arrays joined by ARRAY_DELIMITER, the rest as Neo4j prints it. */
function field(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = (item: unknown) => {
    const printed = typeof item === 'string' ? item : (item as { toString(): string }).toString();
    if (printed.includes(ARRAY_DELIMITER)) throw new Error('A text holds U+001F, the bulk bench array delimiter.');
    return printed;
  };
  if (Array.isArray(value)) return `"${value.map(text).join(ARRAY_DELIMITER).replace(/"/g, '""')}"`;
  if (typeof value === 'string') return `"${text(value).replace(/"/g, '""')}"`;
  return text(value);
}

/** Types of every property of `rows`, by name, in a stable order. */
function columnsOf(rows: ReadonlyArray<Record<string, unknown>>): Array<{ name: string; type: string }> {
  const types = new Map<string, string>();
  for (const row of rows) {
    for (const [name, value] of Object.entries(row)) {
      if (value === null || (Array.isArray(value) && value.length === 0)) continue;
      const type = typeOf(value);
      const before = types.get(name);
      if (before !== undefined && before !== type) throw new Error(`Property ${name} holds both ${before} and ${type} values.`);
      types.set(name, type);
    }
  }
  return [...types].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, type]) => ({ name, type }));
}

async function writeCsv(file: string, header: string[], lines: Iterable<string[]>): Promise<void> {
  const out = createWriteStream(file);
  const write = async (cells: string[]) => {
    if (!out.write(`${cells.join(',')}\n`)) await once(out, 'drain');
  };
  await write(header);
  for (const cells of lines) await write(cells);
  out.end();
  await once(out, 'finish');
}

/** Writes the graph (but NOT_EXPORTED) as the importer's CSV: one file per label set and per relationship type. */
async function exportGraph(driver: Driver, dir: string): Promise<Exported> {
  await mkdir(dir, { recursive: true });
  const session = driver.session();
  try {
    const excluded = NOT_EXPORTED.join('|');
    const nodes = await session.run(`MATCH (n) WHERE NOT n:${excluded} RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props`);
    const ids = new Map<string, number>();
    const byLabels = new Map<string, Array<{ id: number; props: Record<string, unknown> }>>();
    for (const record of nodes.records) {
      const id = ids.size;
      ids.set(record.get('id') as string, id);
      const labels = [...(record.get('labels') as string[])].sort().join(':');
      const group = byLabels.get(labels) ?? [];
      group.push({ id, props: record.get('props') as Record<string, unknown> });
      byLabels.set(labels, group);
    }
    const nodeFiles: Exported['nodeFiles'] = [];
    for (const [labels, rows] of byLabels) {
      const columns = columnsOf(rows.map((row) => row.props));
      const file = path.join(dir, `nodes-${nodeFiles.length}.csv`);
      await writeCsv(
        file,
        [':ID', ...columns.map((column) => `${column.name}:${column.type}`)],
        rows.map((row) => [String(row.id), ...columns.map((column) => field(row.props[column.name]))]),
      );
      nodeFiles.push({ labels: labels.split(':'), file });
    }
    const relationships = await session.run(
      `MATCH (a)-[r]->(b) WHERE NOT (a:${excluded} OR b:${excluded}) RETURN elementId(a) AS from, elementId(b) AS to, type(r) AS type, properties(r) AS props`,
    );
    const byType = new Map<string, Array<{ from: number; to: number; props: Record<string, unknown> }>>();
    for (const record of relationships.records) {
      const type = record.get('type') as string;
      const row = {
        from: ids.get(record.get('from') as string)!,
        to: ids.get(record.get('to') as string)!,
        props: record.get('props') as Record<string, unknown>,
      };
      const group = byType.get(type) ?? [];
      group.push(row);
      byType.set(type, group);
    }
    const relationshipFiles: Exported['relationshipFiles'] = [];
    for (const [type, rows] of byType) {
      const columns = columnsOf(rows.map((row) => row.props));
      const file = path.join(dir, `relationships-${relationshipFiles.length}.csv`);
      await writeCsv(
        file,
        [':START_ID', ':END_ID', ...columns.map((column) => `${column.name}:${column.type}`)],
        rows.map((row) => [String(row.from), String(row.to), ...columns.map((column) => field(row.props[column.name]))]),
      );
      relationshipFiles.push({ type, file });
    }
    return { nodeFiles, relationshipFiles, nodes: nodes.records.length, relationships: relationships.records.length, seconds: 0 };
  } finally {
    await session.close();
  }
}

/** Runs the bulk importer into `home`'s (new) default database; seconds it took, the JVM's start included. */
async function runAdminImport(home: string, exported: Exported): Promise<number> {
  const conf = path.join(home, 'conf');
  await mkdir(conf, { recursive: true });
  await writeFile(
    path.join(conf, 'neo4j.conf'),
    [`server.directories.data=${path.join(home, 'data')}`, `server.directories.logs=${path.join(home, 'logs')}`, 'server.memory.pagecache.size=1g', ''].join(
      '\n',
    ),
  );
  const classpath = (await readFile(path.join(runtimeCacheDir, `classpath-${NEO4J_VERSION}.txt`), 'utf8')).trim();
  const args = [
    '-Xmx2g',
    '-cp',
    classpath,
    'org.neo4j.cli.AdminTool',
    'database',
    'import',
    'full',
    // The database first: the file options take any number of values.
    'neo4j',
    '--id-type=integer',
    // Its default is import.report in the working directory, the repository's.
    `--report-file=${path.join(home, 'import.report')}`,
    '--multiline-fields=true',
    `--array-delimiter=U+001F`,
    ...exported.nodeFiles.map((entry) => `--nodes=${entry.labels.join(':')}=${entry.file}`),
    ...exported.relationshipFiles.map((entry) => `--relationships=${entry.type}=${entry.file}`),
  ];
  const started = performance.now();
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java', args, {
      env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: conf },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`neo4j-admin database import exited with ${code}:\n${text.slice(-3000)}`))));
  });
  if (!/IMPORT DONE/.test(output)) throw new Error(`neo4j-admin database import did not report IMPORT DONE:\n${output.slice(-3000)}`);
  return (performance.now() - started) / 1000;
}

export function bulkTable(results: readonly BulkResult[]): string {
  const rows: Cell[][] = results.map((r) => {
    const bulkTotal = r.importSeconds + r.startSeconds + r.schemaSeconds + r.aggregatesSeconds;
    return [
      r.scale === 1 ? 'bundled' : `x${r.scale}`,
      r.records,
      r.nodes,
      r.relationships,
      Number(r.loaderSeconds.toFixed(1)),
      Math.round(r.records / r.loaderSeconds),
      Number(r.importSeconds.toFixed(1)),
      Number(r.startSeconds.toFixed(1)),
      Number(r.schemaSeconds.toFixed(1)),
      Number(r.aggregatesSeconds.toFixed(1)),
      Number(bulkTotal.toFixed(1)),
      Math.round(r.records / bulkTotal),
    ];
  });
  return markdownTable(
    [
      'scale',
      'records',
      'nodes',
      'relationships',
      'seed loader s',
      'loader records/s',
      'neo4j-admin import s',
      'server start s',
      'constraints and indexes s',
      'aggregates s',
      'bulk path total s',
      'bulk records/s',
    ],
    rows,
  );
}
