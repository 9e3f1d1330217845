/**
 * The explorer and the dashboard in a real browser: Debian's Chromium driven by playwright-core, against the
 * built pages (`npm run build:web`) and the fixture graph (answer key: tests/fixtures/graph/README.md).
 * Screenshots go to .screenshots/ (git-ignored).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Database } from '../../src/db/database.js';
import { connectTestDatabase } from '../helpers/database.js';
import { loadFixtureGraph } from '../helpers/fixture.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

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
const SCREENSHOTS = path.resolve(import.meta.dirname, '..', '..', '.screenshots');

let db: Database;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  db = connectTestDatabase();
  await loadFixtureGraph(db);
  // The pages act without a token here; evidence trails need the analyst role (see README "Access").
  server = await startTestServer(db, { ANONYMOUS_ROLE: 'analyst' });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  await mkdir(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await db?.close();
});

/** A fresh page at a laptop's size that records every URL it requests, to prove the page stays on the server. */
async function openPage(pathname: string): Promise<{ page: Page; requested: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  await page.goto(`${server.url}${pathname}`);
  return { page, requested };
}

function external(urls: string[]): string[] {
  return urls.filter((url) => !url.startsWith(server.url) && !url.startsWith('data:'));
}

describe('the explorer', () => {
  it('runs an example operation and shows its result, loading nothing from outside the server', async () => {
    const { page, requested } = await openPage('/explorer');
    // Run only once the editor shows the tab's operation, not the one of the tab before. GraphiQL sets its tabs up
    // again while it starts, which can undo a click made meanwhile: click until the tab holds.
    await expect
      .poll(async () => {
        await page.getByRole('tab', { name: 'EvidenceGaps' }).click();
        return page.locator('.graphiql-query-editor').innerText();
      }, { timeout: 15_000 })
      .toContain('query EvidenceGaps');
    await page.getByRole('button', { name: /Execute query/ }).click();
    const result = page.locator('.result-window');
    // D04 and D05 are the determinants no offer addresses (answer key, "Determinants").
    await expect.poll(() => result.innerText(), { timeout: 30_000 }).toContain('"determinantId": "D04"');
    const text = await result.innerText();
    expect(text).toContain('"name": "Broad fixture offer"');
    expect(external(requested)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'explorer.png') });
    await page.close();
  });

  it('opens one tab per example operation', async () => {
    const { page } = await openPage('/explorer');
    await expect.poll(() => page.getByRole('tab').allInnerTexts()).toEqual([
      'EvidenceForOffer',
      'EvidenceForDecision',
      'EvidenceGaps',
      'Representativeness',
      'SupplierLandscape',
      'TrustStory',
      'SearchInsights',
      'EvidencePage',
      'StrengthOfOffer',
      'AnalyticsGaps',
      'AnalyticsRepresentativeness',
      'AnalyticsSupplierLandscape',
      'GoLiveImpact',
    ]);
    await page.close();
  });
});

describe('the dashboard', () => {
  it('draws the evidence graph of the chosen offer with one node per node of its evidenceGraph', async () => {
    const response = await server.graphql<{ supportOffer: { evidenceGraph: { nodes: unknown[]; edges: unknown[] } } }>(
      '{ supportOffer(id: "offer-broad") { evidenceGraph { nodes { id } edges { id } } } }',
    );
    const expected = response.data!.supportOffer.evidenceGraph.nodes.length;
    // Answer key, offer-broad: the offer, 3 determinants, 9 insights, 4 interviews, 3 trusts, 2 sources, 1 workshop.
    expect(expected).toBe(23);

    const { page, requested } = await openPage('/dashboard');
    await page.getByLabel('Offer or decision').selectOption({ label: 'Broad fixture offer' });
    await expect.poll(() => page.locator('svg.evidence-graph .graph-node').count()).toBe(expected);
    // i03-02 both supports (D01) and contradicts (D03): the one mixed insight; none only contradicts.
    await expect.poll(() => page.locator('.graph-node.stance-mixed').count()).toBe(1);

    await page.getByRole('button', { name: /^Trust: Alpha Acute Hospitals NHS Trust/ }).click();
    await expect.poll(() => page.getByLabel('Node details').innerText()).toContain('Alpha Acute Hospitals NHS Trust (TA1)');

    // Representativeness: 4 of 8 trusts interviewed; LONDON has 3 trusts, 2 of them interviewed.
    const london = page.getByRole('table', { name: 'Trusts by region' }).getByRole('row', { name: /^London/ });
    await expect.poll(() => london.innerText()).toMatch(/London\s+3 \(38%\)\s+2 \(50%\)/);
    expect(external(requested)).toEqual([]);
    await page.locator('.graph-scroll').evaluate((element) => element.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard.png'), fullPage: true });
    await page.close();
  });

  it('lets a keyboard user select a node with Tab and Enter', async () => {
    const { page } = await openPage('/dashboard');
    await page.getByLabel('Offer or decision').selectOption({ label: 'Thin fixture offer' });
    const first = page.locator('.graph-node').first();
    await first.waitFor();
    await first.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => first.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.getByLabel('Node details').innerText()).not.toContain('Select a node');
    await page.close();
  });
});
