/**
 * The writes scenario of `npm run bench -- --scenario writes` (issue 18): what keeping the evidence aggregates
 * current costs the write paths.
 *
 * For each scale, on a fresh Neo4j: the seed loader's first load (timed, records/s), then the part of it that is
 * the aggregates (the same rebuild as the load's last transaction, timed on its own), then our API in production
 * mode with a researcher's token, and one insight's link to a determinant removed and made again, one request at a
 * time. The link is the one that moves the most: of the determinant that the most offers address, so that each
 * mutation refreshes the aggregates of those offers, their decisions and the finding. The figures before the
 * aggregates existed come from this same scenario run at the commit before them (README, Performance).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { mintToken } from '../auth/tokens.js';
import { runtimeCacheDir } from '../database-target.js';
import { connect } from '../db/database.js';
import { applyMigrations } from '../db/migrations.js';
import { startLocalNeo4j } from '../local-neo4j/server.js';
import { rebuildEvidenceAggregates } from '../modules/evidence/aggregates.js';
import { loadDataset } from '../seed/load.js';
import { datasetFor, startChild } from './run.js';
import { median, percentile, rate } from './stats.js';
import { markdownTable } from './table.js';

export interface WritesResult {
  scale: number;
  records: number;
  loadSeconds: number;
  loadRecordsPerSecond: number | null;
  /** Every aggregate rebuilt once more on its own: the share of the load that is the aggregates. */
  aggregatesSeconds: number;
  /** The link removed and made again: how many of each, and their latencies in ms. */
  mutations: number;
  unlink: Latency;
  link: Latency;
  /** Cypher statements one mutation ran (extensions.db.queries). */
  statementsPerMutation: { unlink: number | null; link: number | null };
}

interface Latency {
  p50: number;
  p95: number;
}

/** Mutation pairs timed after WARM_UP pairs that are not. */
const PAIRS = 100;
const WARM_UP = 10;

const UNLINK = `mutation ($input: InsightDeterminantKeyInput!) { unlinkInsightFromDeterminant(input: $input) { userErrors { message } } }`;
const LINK = `mutation ($input: InsightDeterminantInput!) { linkInsightToDeterminant(input: $input) { userErrors { message } } }`;

export async function runWritesBench(options: { scales: readonly number[]; log: (message: string) => void }): Promise<WritesResult[]> {
  const results: WritesResult[] = [];
  for (const scale of options.scales) results.push(await runScale(scale, options.log));
  return results;
}

async function runScale(scale: number, log: (message: string) => void): Promise<WritesResult> {
  const home = await mkdtemp(path.join(os.tmpdir(), `epr-bench-writes-${scale}-`));
  log(`\n== writes, scale ${scale}: a fresh Neo4j in ${home}`);
  const neo4j = await startLocalNeo4j({ home, boltPort: 0, heapSize: '2g', pageCacheSize: '1g', startTimeoutMs: 300_000, runtimeCacheDir });
  const db = connect({ uri: neo4j.uri, username: 'neo4j', password: 'unused', queryTimeoutMs: 600_000 });
  let api: Awaited<ReturnType<typeof startChild>> | undefined;
  try {
    await applyMigrations(db);
    const report = await loadDataset(db, await datasetFor(scale));
    log(`  loaded ${report.records} records in ${report.seconds.toFixed(1)} s`);
    const rebuilt = await rebuildEvidenceAggregates(db);
    log(`  every aggregate rebuilt on its own in ${rebuilt.seconds.toFixed(1)} s`);
    const [link] = await db.readQuery<{ insightId: string; determinantId: string; stance: string }>(
      `MATCH (d:Determinant) WITH d ORDER BY COUNT { (:SupportOffer)-[:ADDRESSES]->(d) } DESC, d.id LIMIT 1
       MATCH (i:Insight)-[e:EVIDENCES]->(d) RETURN i.id AS insightId, d.id AS determinantId, e.stance AS stance ORDER BY i.id LIMIT 1`,
    );
    if (!link) throw new Error('The loaded graph has no insight linked to a determinant.');
    const secret = randomBytes(32).toString('hex');
    api = await startChild('api', neo4j.uri, secret, await mintToken({ secret, role: 'researcher', subject: 'bench', expiresIn: '24h' }));
    const { insightId, determinantId, stance } = link;
    const send = async (query: string, input: Record<string, string>) => {
      const started = performance.now();
      const response = await fetch(api!.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...api!.headers },
        body: JSON.stringify({ query, variables: { input } }),
      });
      const answer = (await response.json()) as {
        errors?: unknown;
        data?: Record<string, { userErrors: unknown[] }>;
        extensions?: { db?: { queries?: number } };
      };
      const ms = performance.now() - started;
      const payload = answer.data && Object.values(answer.data)[0];
      if (answer.errors || !payload || payload.userErrors.length > 0) throw new Error(`A mutation failed: ${JSON.stringify(answer).slice(0, 500)}`);
      return { ms, statements: answer.extensions?.db?.queries ?? null };
    };
    const times = { unlink: [] as number[], link: [] as number[] };
    const statements = { unlink: null as number | null, link: null as number | null };
    log(`  ${PAIRS} times: unlink and link again ${insightId} -> ${determinantId} (${stance})`);
    for (let pair = 0; pair < WARM_UP + PAIRS; pair++) {
      const unlinked = await send(UNLINK, { insightId, determinantId });
      const linked = await send(LINK, { insightId, determinantId, stance });
      if (pair < WARM_UP) continue;
      times.unlink.push(unlinked.ms);
      times.link.push(linked.ms);
      statements.unlink = unlinked.statements;
      statements.link = linked.statements;
    }
    const latency = (values: number[]) => ({ p50: median(values), p95: percentile(values, 95) });
    const result = {
      scale,
      records: report.records,
      loadSeconds: report.seconds,
      loadRecordsPerSecond: rate(report.records, report.seconds),
      aggregatesSeconds: rebuilt.seconds,
      mutations: PAIRS,
      unlink: latency(times.unlink),
      link: latency(times.link),
      statementsPerMutation: statements,
    };
    log(`  unlink p50 ${result.unlink.p50.toFixed(1)} ms, link p50 ${result.link.p50.toFixed(1)} ms`);
    return result;
  } finally {
    await api?.stop();
    await db.close();
    await neo4j.stop();
    await rm(home, { recursive: true, force: true });
  }
}

/** The Markdown table of the scenario: one row per scale. */
export function writesTable(results: readonly WritesResult[]): string {
  return markdownTable(
    ['scale', 'records', 'first load s', 'records/s', 'of which aggregates s', 'unlink p50 / p95 ms', 'link p50 / p95 ms', 'statements per mutation'],
    results.map((r) => [
      r.scale === 1 ? 'bundled' : `x${r.scale}`,
      r.records,
      r.loadSeconds,
      Math.round(r.loadRecordsPerSecond ?? 0),
      r.aggregatesSeconds,
      `${r.unlink.p50.toFixed(1)} / ${r.unlink.p95.toFixed(1)}`,
      `${r.link.p50.toFixed(1)} / ${r.link.p95.toFixed(1)}`,
      `${r.statementsPerMutation.unlink ?? '-'} / ${r.statementsPerMutation.link ?? '-'}`,
    ]),
  );
}
