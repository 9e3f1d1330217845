/// <reference lib="dom" />
/**
 * The pages in Debian's Chromium (playwright-core): launching it with the flags this machine needs, signing in
 * through the page's own control, the axe-core accessibility check and reading a download back.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

import { chromium, type Browser, type Download, type Page } from 'playwright-core';

import type { AccessRole } from '../../src/auth/roles.js';

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

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

/** Signs in with the page's development sign-in control and waits until the page says so. */
export async function signIn(page: Page, role: AccessRole): Promise<void> {
  await page.getByLabel('Sign in as').selectOption(role);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-role').filter({ hasText: role }).waitFor();
}

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.1 A and AA rules). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: await axeSource });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: object,
          ): Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }> }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
}

/** Clicks `click` and returns the file it downloads: its suggested name and its bytes. */
export async function downloadOf(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  // The first workbook loads exceljs into the page: allow for a slow machine.
  const [download]: [Download, void] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(path) };
}
