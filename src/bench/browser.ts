/// <reference lib="dom" />
/**
 * The browser scenario of `npm run bench -- --scenario browser`: the dashboard's evidence view of the decision with
 * the largest trail, in Chromium (playwright-core), against our API on a fresh local Neo4j per scale. Measures, per
 * navigation, when the view is interactive (the strength profile, the stance counts and the first page of the
 * insights table shown, all from what the server computed), when every insight is in and the filters are ready, and
 * when the graph is drawn; then how long a filter change takes to re-render. Targets: interactive within 1 s on the
 * bundled data and 2 s at x100; a filter re-render within 300 ms.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';

import { chromium } from 'playwright-core';

import { mintToken } from '../auth/tokens.js';
import { loadConfig } from '../config.js';
import { runtimeCacheDir } from '../database-target.js';
import { connect } from '../db/database.js';
import { applyMigrations } from '../db/migrations.js';
import { startLocalNeo4j } from '../local-neo4j/server.js';
import { createLogger } from '../logger.js';
import { toGlobalId } from '../modules/shared/global-id.js';
import { loadDataset } from '../seed/load.js';
import { createApp } from '../server.js';
import { datasetFor } from './run.js';
import { median } from './stats.js';

export interface BrowserFigures {
  scale: number;
  insights: number;
  navigations: number;
  /** Median ms from navigation to the view's strength profile, stance counts and first page of insights. */
  interactiveMs: number;
  /** Median ms until every insight is in and the filters are ready. */
  insightsMs: number;
  /** Median ms to the graph, laid out. */
  graphMs: number;
  /** Median ms from a filter click to the re-rendered view, over `filterChanges` changes. */
  filterMs: number;
  filterChanges: number;
}

/** How long a navigation waits for each part of the view before it counts that part as not shown. */
const PART_LIMIT_MS = 300_000;

const TARGETS = { interactive: { 1: 1000, 100: 2000 } as Record<number, number>, filterMs: 300 };

export async function runBrowserBench(options: { scales: number[]; rounds: number; log(message: string): void }): Promise<BrowserFigures[]> {
  const figures: BrowserFigures[] = [];
  for (const scale of options.scales) figures.push(await runScale(scale, options));
  return figures;
}

async function runScale(scale: number, { rounds, log }: { rounds: number; log(message: string): void }): Promise<BrowserFigures> {
  const home = await mkdtemp(path.join(os.tmpdir(), `epr-bench-browser-${scale}-`));
  log(`\n== browser, scale ${scale}: starting a fresh Neo4j in ${home}`);
  const neo4j = await startLocalNeo4j({ home, boltPort: 0, heapSize: '2g', pageCacheSize: '1g', startTimeoutMs: 300_000, runtimeCacheDir, onProgress: log });
  const db = connect({ uri: neo4j.uri, username: 'neo4j', password: 'unused', queryTimeoutMs: 600_000 });
  const secret = randomBytes(32).toString('hex');
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    NEO4J_URI: neo4j.uri,
    JWT_SECRET: secret,
    LOG_LEVEL: 'silent',
  });
  const app = await createApp(config, db, createLogger('silent'));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    await applyMigrations(db);
    log(`loading ${scale === 1 ? 'the bundled data' : `synthetic --scale ${scale}`}...`);
    await loadDataset(db, await datasetFor(scale));
    const base = await app.listen();
    const token = await mintToken({ secret, role: 'analyst', subject: 'bench', expiresIn: '1h' });
    type Decisions = { data?: { policyDecisions: Array<{ decisionId: string; evidence: { summary: { insights: number } } }> }; errors?: unknown };
    const listDecisions = async (): Promise<Decisions> =>
      (await (
        await fetch(`${base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: '{ policyDecisions { decisionId evidence { summary { insights } } } }' }),
        })
      ).json()) as Decisions;
    // Cold, on a busy machine, the first summaries can pass the request deadline: ask again, a few times.
    let answer = await listDecisions();
    for (let attempt = 1; !answer.data && attempt < 4; attempt += 1) {
      log(`the decisions' summaries did not come (${JSON.stringify(answer.errors)}); asking again`);
      answer = await listDecisions();
    }
    if (!answer.data) throw new Error(`The API did not list the decisions: ${JSON.stringify(answer.errors)}`);
    const largest = answer.data.policyDecisions
      .map((d) => ({ id: d.decisionId, insights: d.evidence.summary.insights }))
      .sort((a, b) => b.insights - a.insights)[0];
    if (!largest) throw new Error('The loaded graph has no policy decision to benchmark.');
    const session = JSON.stringify({ token, role: 'analyst', expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    const url = `${base}/dashboard#${toGlobalId('PolicyDecision', largest.id)}`;

    const interactive: number[] = [];
    const insights: number[] = [];
    const graph: number[] = [];
    const filter: number[] = [];
    // One navigation to warm the server and the browser's cache of the page, then the measured ones.
    for (let round = 0; round <= rounds; round += 1) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      await context.addInitScript((value) => sessionStorage.setItem('epr-evidence-graph.session', value), session);
      // tsx compiles this file with esbuild's keepNames, which wraps the named functions of the page.evaluate
      // callbacks below in a `__name` helper that only this process defines: the page gets a stand-in.
      await context.addInitScript({ content: 'globalThis.__name = (target) => target;' });
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'commit' });
      const times = await page.evaluate(async (limit) => {
        // NaN when it never shows (a part that failed): the figure is then reported as n/a, with the page's alerts.
        const when = (selector: string) =>
          new Promise<number>((resolve) => {
            const check = () => {
              if (document.querySelector(selector)) resolve(performance.now());
              else if (performance.now() > limit) resolve(Number.NaN);
              else requestAnimationFrame(check);
            };
            check();
          });
        const [strength, stances, firstPage, filters, drawn] = await Promise.all([
          when('[data-testid="strength"]'),
          when('[data-testid="stance-sum"]'),
          when('section[aria-labelledby="insights-heading"] tbody tr'),
          when('[data-testid="filter-result"]'),
          when('svg.evidence-graph'),
        ]);
        return { interactive: Math.max(strength, stances, firstPage), filters, drawn };
      }, PART_LIMIT_MS);
      const alerts = await page.locator('[role="alert"]').allInnerTexts();
      if (alerts.length > 0) log(`scale ${scale}, navigation ${round}: the page showed ${alerts.length} error(s): ${alerts.join(' | ')}`);
      if (round > 0) {
        interactive.push(times.interactive);
        insights.push(times.filters);
        graph.push(times.drawn);
      }
      // Filter changes: tick and untick the first region, timing each until the next frame after the count moved.
      for (let change = 0; change < 6 && round > 0 && !Number.isNaN(times.filters); change += 1) {
        filter.push(
          await page.evaluate(async () => {
            const box = document.querySelector<HTMLInputElement>('.filters fieldset:nth-of-type(2) input[type="checkbox"]')!;
            const result = document.querySelector('[data-testid="filter-result"]')!;
            const before = result.textContent;
            const start = performance.now();
            box.click();
            await new Promise<void>((resolve) => {
              const check = () => (result.textContent !== before ? requestAnimationFrame(() => resolve()) : requestAnimationFrame(check));
              check();
            });
            return performance.now() - start;
          }),
        );
      }
      await context.close();
    }
    const result: BrowserFigures = {
      scale,
      insights: largest.insights,
      navigations: rounds,
      interactiveMs: median(interactive),
      insightsMs: median(insights),
      graphMs: median(graph),
      filterMs: median(filter),
      filterChanges: filter.length,
    };
    log(`scale ${scale}: ${JSON.stringify(result)}`);
    return result;
  } finally {
    await browser.close();
    await app.stop();
    await db.close();
    await neo4j.stop();
    await rm(home, { recursive: true, force: true });
  }
}

const ms = (value: number) => (Number.isNaN(value) ? 'n/a' : `${Math.round(value)}`);

export function browserTable(figures: readonly BrowserFigures[]): string {
  const rows = figures.map((f) => {
    const target = TARGETS.interactive[f.scale];
    const verdict = (value: number, limit: number | undefined) =>
      limit === undefined || Number.isNaN(value) ? '' : value <= limit ? ' (met)' : ` (target ${limit})`;
    return `| ${f.scale} | ${f.insights} | ${ms(f.interactiveMs)}${verdict(f.interactiveMs, target)} | ${ms(f.insightsMs)} | ${ms(f.graphMs)} | ${ms(f.filterMs)}${verdict(f.filterMs, TARGETS.filterMs)} |`;
  });
  return [
    'Browser: the evidence view of the largest decision (medians, ms from navigation)',
    '',
    '| scale | insights | interactive | every insight in, filters ready | graph drawn | filter re-render |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
