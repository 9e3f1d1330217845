/**
 * The landing page, the explorer and the dashboard in a real browser (Debian's Chromium driven by playwright-core),
 * as each role, signed in through the pages' own development sign-in, against the built pages
 * (`npm run build:web`) and the fixture graph (answer key: tests/fixtures/graph/README.md). Screenshots go to
 * tests/browser/screenshots/ (the README shows them).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AccessRole } from '../../src/auth/roles.js';
import type { Database } from '../../src/db/database.js';
import { downloadOf, launchChromium, seriousViolations, signIn } from '../helpers/browser.js';
import { connectTestDatabase } from '../helpers/database.js';
import { loadFixtureGraph } from '../helpers/fixture.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

export const SCREENSHOTS = path.resolve(import.meta.dirname, 'screenshots');

let db: Database;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  db = connectTestDatabase();
  await loadFixtureGraph(db);
  // As `npm start` runs it: anonymous requests are viewers, the development sign-in gives the other roles.
  server = await startTestServer(db, { DEV_SIGN_IN: 'true' });
  browser = await launchChromium();
  await mkdir(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await db?.close();
});

/** A fresh page at a laptop's size that records every URL it requests and every error it logs. */
async function openPage(pathname: string, role?: AccessRole): Promise<{ page: Page; requested: string[]; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const requested: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${server.url}${pathname}`);
  if (role) await signIn(page, role);
  return { page, requested, errors };
}

function external(urls: string[]): string[] {
  return urls.filter((url) => !url.startsWith(server.url) && !url.startsWith('data:') && !url.startsWith('blob:'));
}

describe('the landing page', () => {
  it('links the dashboard, the explorer and the docs, with no serious accessibility violation', async () => {
    const { page } = await openPage('/');
    expect(await page.getByRole('link').allInnerTexts()).toEqual([
      'Evidence dashboard',
      'GraphQL explorer',
      'Documentation',
      'Schema (SDL)',
      'GraphQL endpoint',
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'landing.png') });
    await page.getByRole('link', { name: 'Evidence dashboard' }).click();
    await expect.poll(() => page.getByLabel('Evidence for').count()).toBe(1);
    await page.close();
  });
});

const VIEWER_TABS = [
  'DecisionAtAGlance',
  'EvidenceGaps',
  'Representativeness',
  'SupplierLandscape',
  'StrengthOfOffer',
  'AnalyticsGaps',
  'AnalyticsRepresentativeness',
  'AnalyticsSupplierLandscape',
  'GoLiveImpact',
];
const ANALYST_TABS = [
  'EvidenceForOffer',
  'EvidenceForDecision',
  ...VIEWER_TABS.slice(0, 4),
  'TrustStory',
  'SearchInsights',
  'EvidencePage',
  ...VIEWER_TABS.slice(4),
];
const RESEARCHER_TABS = [...ANALYST_TABS.slice(0, 7), 'TrustInterviews', ...ANALYST_TABS.slice(7)];

/** Runs the tab's operation and returns the result pane's text, once the editor holds that tab's operation. */
async function runTab(page: Page, name: string): Promise<string> {
  // GraphiQL sets its tabs up again while it starts, which can undo a click made meanwhile: click until it holds.
  await expect
    .poll(
      async () => {
        await page.getByRole('tab').getByText(name, { exact: true }).click();
        return page.locator('.graphiql-query-editor').innerText();
      },
      { timeout: 15_000 },
    )
    .toContain(`query ${name}`);
  const result = page.locator('.result-window');
  const before = await result.innerText();
  await page.getByRole('button', { name: /Execute query/ }).click();
  await expect
    .poll(
      async () => {
        const text = await result.innerText();
        return text !== before && text.includes('"data"');
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return result.innerText();
}

describe('the explorer', () => {
  it.each([
    ['viewer', VIEWER_TABS],
    ['analyst', ANALYST_TABS],
    ['researcher', RESEARCHER_TABS],
  ] as const)('shows a %s the examples that role may run, and each runs without an error', { timeout: 240_000 }, async (role, tabs) => {
    const { page, requested } = await openPage('/explorer', role);
    await expect.poll(() => page.getByRole('tab').allInnerTexts()).toEqual(tabs);
    for (const name of tabs) {
      const text = await runTab(page, name);
      expect({ name, errors: text.includes('"errors"') }).toEqual({ name, errors: false });
    }
    expect(external(requested)).toEqual([]);
    if (role === 'analyst') await page.screenshot({ path: path.join(SCREENSHOTS, 'explorer.png') });
    await page.close();
  });

  it('opens the same tabs again on a reload, even when the editor saved a query at another moment than its tabs', async () => {
    const { page } = await openPage('/explorer');
    await expect.poll(() => page.getByRole('tab').allInnerTexts()).toEqual(VIEWER_TABS);
    await expect.poll(() => page.evaluate(() => localStorage.getItem('epr-evidence-graph.viewer:graphiql:tabState') !== null)).toBe(true);
    // What a reload half a second after a tab switch finds: the editor's query saved, the tabs not yet.
    await page.evaluate(() => localStorage.setItem('epr-evidence-graph.viewer:graphiql:query', '{ __typename }'));
    await page.reload();
    await expect.poll(() => page.getByRole('tab').allInnerTexts()).toEqual(VIEWER_TABS);
    await page.close();
  });

  it('sends the signed-in token with every tab, so the analyst examples run without a header per tab', async () => {
    const { page } = await openPage('/explorer', 'analyst');
    await expect.poll(() => page.getByRole('tab').count()).toBe(ANALYST_TABS.length);
    const text = await runTab(page, 'SearchInsights');
    expect(text).toContain('"totalCount": 1');
    await page.close();
  });
});

/** Chooses a subject in the picker and waits for its evidence view. */
async function choose(page: Page, label: string): Promise<void> {
  await page.getByLabel('Evidence for').selectOption({ label });
  await page
    .locator('#subject-heading')
    .filter({ hasText: label.replace(/^D\d+ /, '') })
    .waitFor();
}

async function alerts(page: Page): Promise<string[]> {
  return page.getByRole('alert').allInnerTexts();
}

/** The strength in words, its counts line, by the answer key (tests/fixtures/graph/README.md). */
const STRENGTH_LINES: Record<string, string> = {
  'Broad fixture offer':
    '9 insights from 4 interviews at 3 trusts (4 roles, 2 regions): 7 supporting, 0 contradicting, 2 mixed; and 2 published sources (2 supporting).',
  'Thin fixture offer':
    '2 insights from 1 interview at 1 trust (1 role, 1 region): 2 supporting, 0 contradicting, 0 mixed; and 0 published sources (0 supporting).',
  'Create a fixture centre of excellence':
    '10 insights from 5 interviews at 4 trusts (4 roles, 3 regions): 8 supporting, 0 contradicting, 2 mixed; and 2 published sources (2 supporting).',
  'Redefine the fixture support model': '0 insights from 0 interviews at 0 trusts (0 roles, 0 regions); and 0 published sources (0 supporting).',
  'D03 Go live only when ready':
    '3 insights from 3 interviews at 2 trusts (3 roles, 2 regions): 1 supporting, 2 contradicting, 0 mixed; and 1 published source (0 supporting).',
};

describe('the dashboard for a viewer', () => {
  it("shows each subject's strength in words and asks for nothing above the viewer role", async () => {
    const { page, errors } = await openPage('/dashboard');
    for (const label of [
      'Broad fixture offer',
      'Thin fixture offer',
      'Create a fixture centre of excellence',
      'Redefine the fixture support model',
      'D03 Go live only when ready',
    ]) {
      await choose(page, label);
      await expect.poll(() => page.getByTestId('strength').first().innerText()).toMatch(/^The whole trail: (High|Moderate|Low|Very low) confidence/);
      expect(await page.getByTestId('strength').first().locator('p').nth(1).innerText()).toBe(STRENGTH_LINES[label]);
      expect(await page.getByText('need the analyst role').count()).toBe(1);
      expect(await page.locator('#insights-heading').count()).toBe(0);
      expect(await alerts(page)).toEqual([]);
    }
    expect(errors).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-viewer.png') });
    await page.close();
  });
});

/**
 * Subjects with their answer-key stance counts (tests/fixtures/graph/README.md): supporting only + contradicting only +
 * mixed = insights. An insight that informs the subject directly and contradicts one of its determinants is mixed,
 * as the server's profile counts it: offer-broad's i04-02 (direct, contradicts D03) beside i03-02 (D01 / D03).
 */
const SUBJECTS: Array<[string, string]> = [
  ['Broad fixture offer', '7 supporting + 0 contradicting + 2 mixed = 9 insights.'],
  ['Thin fixture offer', '2 supporting + 0 contradicting + 0 mixed = 2 insights.'],
  ['Create a fixture centre of excellence', '8 supporting + 0 contradicting + 2 mixed = 10 insights.'],
  ['Redefine the fixture support model', '0 supporting + 0 contradicting + 0 mixed = 0 insights.'],
  ['D03 Go live only when ready', '1 supporting + 2 contradicting + 0 mixed = 3 insights.'],
];

/** Expands every group of insights in the graph, then clicks every node; returns the details each showed. */
async function clickEveryNode(page: Page): Promise<string[]> {
  await page.locator('svg.evidence-graph').waitFor();
  const groups = page.locator('.graph-node.type-insight_group');
  for (let left = await groups.count(); left > 0; left -= 1) {
    await groups.first().click();
    // The graph is laid out again (asynchronously): wait until the group is gone before the next click.
    await expect.poll(() => groups.count()).toBe(left - 1);
  }
  const ids = await page.locator('.graph-node').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-node-id')!));
  const shown: string[] = [];
  for (const id of ids) {
    await page.locator(`.graph-node[data-node-id="${id}"]`).click();
    await expect.poll(() => page.getByLabel('Node details').locator('dl').count()).toBe(1);
    shown.push(await page.getByLabel('Node details').innerText());
    expect(await alerts(page)).toEqual([]);
  }
  return shown;
}

describe('the dashboard for an analyst', () => {
  it.each(SUBJECTS)('shows the evidence of %s, with stances that add up, and every node of its graph opens', async (label, stances) => {
    const { page, errors, requested } = await openPage('/dashboard', 'analyst');
    await choose(page, label);
    await expect.poll(() => page.getByTestId('stance-sum').innerText()).toBe(stances);
    const details = await clickEveryNode(page);
    expect(details.length).toBe(await page.locator('.graph-node').count());
    if (label === 'Create a fixture centre of excellence') await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard.png'), fullPage: true });
    expect(await alerts(page)).toEqual([]);
    expect(errors).toEqual([]);
    expect(external(requested)).toEqual([]);
    await page.close();
  });

  it("compares the offer's own trusts with England's and recomputes everything when a filter changes", async () => {
    const { page } = await openPage('/dashboard', 'analyst');
    await choose(page, 'Broad fixture offer');
    // offer-broad's trusts TA1, TA2 (London) and TA4 (Midlands), against England's 8 trusts (3 in London).
    const region = page.getByRole('table', { name: /^Region: the trail's trusts against all trusts/ });
    await expect.poll(() => region.getByRole('row', { name: /^London/ }).innerText()).toMatch(/London\s+3 \(38%\)\s+2 \(67%\)\s+\+29/);
    await expect.poll(() => region.getByRole('row', { name: /^East of England/ }).innerText()).toMatch(/East of England\s+0 \(0%\)\s+0 \(0%\)\s+0/);
    await expect.poll(() => page.locator('figure.representativeness').first().innerText()).toContain('Unreliable');

    await page
      .getByRole('group', { name: 'Region', exact: true })
      .getByRole('checkbox', { name: /^Midlands/ })
      .check();
    // TA4's insights: i03-01, i03-02 (mixed), i03-03, i04-01, i04-02 (mixed: direct, and contradicts D03).
    await expect.poll(() => page.getByTestId('filter-result').innerText()).toContain('Showing 5 of 9 insights.');
    await expect.poll(() => page.getByTestId('stance-sum').innerText()).toBe('3 supporting + 0 contradicting + 2 mixed = 5 insights.');
    await expect.poll(() => page.getByTestId('strength').nth(1).innerText()).toMatch(/^The filtered evidence: /);
    await expect
      .poll(() =>
        page
          .getByRole('table', { name: /^Evidence insights/ })
          .locator('tbody tr')
          .count(),
      )
      .toBe(5);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => page.getByTestId('filter-result').innerText()).toContain('Showing 9 of 9 insights.');
    await page.close();
  });

  it('downloads every table as CSV and as XLSX, each read back with its header and rows', { timeout: 300_000 }, async () => {
    /** The dashboard of the Broad fixture offer, drawn, in a fresh page with its errors and console recorded. */
    const openOffer = async () => {
      const { page, errors } = await openPage('/dashboard', 'analyst');
      const consoleLines: string[] = [];
      page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
      await choose(page, 'Broad fixture offer');
      await page.locator('svg.evidence-graph').waitFor();
      return { page, seen: () => [...errors.map((e) => `page error: ${e}`), ...consoleLines].join('\n  ') || 'none' };
    };
    const first = await openOffer();
    const names = await first.page
      .getByRole('button', { name: /^Download .* as (CSV|XLSX)$/ })
      .evaluateAll((all) => all.map((button) => button.getAttribute('aria-label')!));
    await first.page.context().close();
    expect(names.length).toBe(28);
    const files: Array<[string, number]> = [];
    // A page per table: after some twenty downloads from one page (of the 28), headless Chromium at times started no
    // more of them, with no error in the page (three full runs in a row; never when the page tests ran on their own).
    for (let pair = 0; pair < names.length; pair += 2) {
      const { page, seen } = await openOffer();
      for (const name of names.slice(pair, pair + 2)) {
        const file = await downloadOf(page, () => page.getByRole('button', { name, exact: true }).click()).catch((error: unknown) => {
          throw new Error(`"${name}" gave no download (${files.length} of ${names.length} arrived). The page's errors and console:\n  ${seen()}`, {
            cause: error,
          });
        });
        if (file.name.endsWith('.csv')) {
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- csv-parse's overloads refuse the type argument
          const rows = (parseCsv(file.bytes, { relaxColumnCount: true }) as string[][]).filter((row) => !row[0]!.startsWith('#'));
          files.push([file.name, rows.length - 1]);
        } else {
          const workbook = new ExcelJS.Workbook();
          await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
          const sheet = workbook.worksheets[0]!;
          // Provenance lines, a blank row, the header, the rows.
          const values = sheet.getSheetValues().filter(Boolean) as unknown[][];
          const header = values.findIndex((row) => row.length > 2);
          files.push([file.name, values.length - header - 1]);
        }
      }
      await page.context().close();
    }
    const byName = Object.fromEntries(files);
    expect([byName['broad-fixture-offer-insights.csv'], byName['broad-fixture-offer-insights.xlsx']]).toEqual([9, 9]);
    expect([byName['broad-fixture-offer-findings.csv'], byName['broad-fixture-offer-findings.xlsx']]).toEqual([3, 3]);
    expect(byName['broad-fixture-offer-representativeness-epr-supplier.xlsx']).toBe(4);
    expect(byName['offers-side-by-side.csv']).toBe(10);
    // Every file holds at least its header and one row.
    expect(files.filter(([, rows]) => rows < 1)).toEqual([]);
    expect(files.length).toBe(28);
  });

  it('prints a report with the date, the filters and the provenance, without the controls', async () => {
    const { page } = await openPage('/dashboard', 'analyst');
    await choose(page, 'Create a fixture centre of excellence');
    await page.locator('svg.evidence-graph').waitFor();
    await page.emulateMedia({ media: 'print' });
    const header = page.locator('.print-header');
    await expect.poll(() => header.isVisible()).toBe(true);
    expect(await header.innerText()).toMatch(/^EPR evidence graph: evidence report, printed \d\d\/\d\d\/\d{4}/);
    expect(await header.innerText()).toContain('Filters: none (all the evidence).');
    expect(await header.innerText()).toContain('Source: ');
    expect(await page.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).toBe(false);
    expect(await page.locator('.filters').isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'print.png'), fullPage: true });
    await page.close();
  });

  it('has no serious accessibility violation, and a keyboard user selects a node and opens a group', async () => {
    const { page } = await openPage('/dashboard', 'analyst');
    await choose(page, 'Broad fixture offer');
    await page.locator('svg.evidence-graph').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    const offer = page.locator('.graph-node.type-support_offer');
    await offer.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => offer.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.getByLabel('Node details').innerText()).toContain('Broad fixture offer');
    const groups = await page.locator('.graph-node.type-insight_group').count();
    await page.locator('.graph-node.type-insight_group').first().focus();
    await page.keyboard.press(' ');
    await expect.poll(() => page.locator('.graph-node.type-insight_group').count()).toBe(groups - 1);
    await page.close();
  });
});

describe('the dashboard for a researcher', () => {
  it("shows an insight's quote, which it asks for only for a researcher", async () => {
    for (const [role, quote] of [
      ['analyst', 0],
      ['researcher', 1],
    ] as const) {
      const { page } = await openPage('/dashboard', role);
      await choose(page, 'Thin fixture offer');
      await page.locator('.graph-node.type-insight_group').first().click();
      await page.locator('.graph-node.type-insight').first().click();
      await expect.poll(() => page.getByLabel('Node details').innerText()).toContain('i02-01');
      expect(await page.getByLabel('Node details').getByText('Quote', { exact: true }).count()).toBe(quote);
      expect(await alerts(page)).toEqual([]);
      await page.close();
    }
  });
});
