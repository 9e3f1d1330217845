/**
 * A dashboard builder's page in Chromium: served from another origin (its own port), it uses the client bundled by
 * Vite to read the API, which answers only when CORS_ORIGINS lists that origin. And the product's own dashboard
 * against a production server that runs only trusted documents (TRUSTED_DOCUMENTS=required).
 */
import { mkdir } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { chromium, type Browser } from 'playwright-core';
import { build, type Rollup } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { projectRoot } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { connectTestDatabase } from '../helpers/database.js';
import { loadFixtureGraph } from '../helpers/fixture.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { bearer, TEST_JWT_SECRET } from '../helpers/tokens.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const SCREENSHOTS = path.join(projectRoot, '.screenshots');

/** The builder's page: asks for the offers through the client and writes what came back into the page. */
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A builder's dashboard</title></head>
<body><h1>Offers</h1><pre id="result">waiting</pre>
<script type="module">
  import { createClient, DashboardSubjectsDocument } from '/client.js';
  const params = new URLSearchParams(location.search);
  const client = createClient({ url: params.get('api'), token: params.get('token') });
  const result = document.getElementById('result');
  client.request(DashboardSubjectsDocument).then(
    (data) => { result.textContent = data.supportOffers.map((offer) => offer.name).join('; '); },
    (error) => { result.textContent = 'refused: ' + error.message; },
  );
</script></body></html>`;

let db: Database;
let pages: http.Server;
let pageOrigin: string;
let allowing: TestServer;
let closed: TestServer;
let browser: Browser;
let token: string;

/** The client as a dashboard's bundler makes it: src/client/index.ts and graphql's printer in one ES module. */
async function bundleClient(): Promise<string> {
  const result = (await build({
    configFile: false,
    logLevel: 'silent',
    root: projectRoot,
    build: { write: false, lib: { entry: path.join(projectRoot, 'src', 'client', 'index.ts'), formats: ['es'], fileName: 'client' } },
  })) as Rollup.RollupOutput[];
  const chunk = result[0]!.output[0];
  return chunk.code;
}

beforeAll(async () => {
  db = connectTestDatabase();
  await loadFixtureGraph(db);
  const client = await bundleClient();
  pages = http.createServer((request, response) => {
    if (request.url?.startsWith('/client.js')) response.writeHead(200, { 'content-type': 'text/javascript' }).end(client);
    else response.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
  });
  await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
  pageOrigin = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
  // Production, tokens required, only trusted documents: the page's token and documentId must both pass.
  const production = { NODE_ENV: 'production', JWT_SECRET: TEST_JWT_SECRET, TRUSTED_DOCUMENTS: 'required' };
  allowing = await startTestServer(db, { ...production, CORS_ORIGINS: pageOrigin });
  closed = await startTestServer(db, production);
  token = (await bearer('analyst')).authorization!.slice('Bearer '.length);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  await mkdir(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await allowing?.close();
  await closed?.close();
  await new Promise((resolve) => pages?.close(resolve));
  await db?.close();
});

async function openBuilderPage(api: TestServer) {
  const page = await browser.newPage();
  await page.goto(`${pageOrigin}/?api=${encodeURIComponent(`${api.url}/graphql`)}&token=${token}`);
  return page;
}

describe('a page on another origin', () => {
  it('reads the offers through the bundled client when CORS_ORIGINS lists its origin', async () => {
    const page = await openBuilderPage(allowing);
    await expect.poll(() => page.locator('#result').innerText()).toBe('Broad fixture offer; Thin fixture offer');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'cross-origin-allowed.png') });
    await page.close();
  });

  it('is refused by the browser when the list does not name it', async () => {
    const page = await openBuilderPage(closed);
    await expect.poll(() => page.locator('#result').innerText()).toBe('refused: Failed to fetch');
    await page.close();
  });
});

describe('the dashboard on a production server with TRUSTED_DOCUMENTS=required', () => {
  it('shows the evidence view with its graph, every request naming its trusted document', async () => {
    const server = await startTestServer(db, { NODE_ENV: 'production', ANONYMOUS_ROLE: 'analyst', TRUSTED_DOCUMENTS: 'required' });
    try {
      const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
      const bodies: Array<Record<string, unknown>> = [];
      page.on('request', (request) => {
        if (request.url().endsWith('/graphql')) bodies.push(request.postDataJSON() as Record<string, unknown>);
      });
      await page.goto(`${server.url}/dashboard`);
      await page.getByLabel('Evidence for').selectOption({ label: 'Broad fixture offer' });
      // Answer key, offer-broad: 9 insights, i03-02 and i04-02 mixed (see tests/browser/pages.test.ts). Its graph, groups
      // closed: the offer, 3 determinants, 2 sources and 4 groups of insights (D01, D02, D03, the direct ones).
      // A first trail on a fresh server runs Neo4j's cold plans: on a busy machine that has taken 15 s.
      await expect.poll(() => page.getByTestId('stance-sum').innerText(), { timeout: 60_000 }).toBe('7 supporting + 0 contradicting + 2 mixed = 9 insights.');
      await expect.poll(() => page.locator('svg.evidence-graph .graph-node').count(), { timeout: 60_000 }).toBe(10);
      expect(bodies.length).toBeGreaterThan(0);
      expect(bodies.every((body) => typeof body.documentId === 'string' && /^sha256:[0-9a-f]{64}$/.test(body.documentId))).toBe(true);
      await page.close();
    } finally {
      await server.close();
    }
  });
});
