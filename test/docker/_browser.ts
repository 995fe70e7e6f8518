import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

/** Debian's chromium (scripts/setup.sh installs it; playwright-core downloads no browser). */
export const chromiumPath = process.env.FAULTLINE_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Whether browser tests run here. Under CI a missing browser is a failure, not a skip: the report
 * is only tested if a real browser opens it.
 */
export function browserReady(): boolean {
  const present = existsSync(chromiumPath);
  if (!present && process.env.CI === 'true') throw new Error(`CI=true but there is no browser at ${chromiumPath}: run scripts/setup.sh (it installs Debian's chromium)`);
  return present;
}

/** What a person opening report.html would get, as a browser saw it. */
export interface OpenedReport {
  /** Requests for anything but the file itself: there must be none. */
  readonly leftFile: string[];
  readonly pageErrors: string[];
  readonly consoleErrors: string[];
  /** The rows of the timeline's event table: lane and text. */
  readonly events: { lane: string; from: string; to: string; what: string }[];
  readonly verdict: string;
  /** Where the full-page screenshot was saved. */
  readonly screenshot: string;
}

/** Opens a report in headless chromium, offline, and reads it back; saves a screenshot under test-output/. */
export async function openReport(reportPath: string, hash = ''): Promise<OpenedReport> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const leftFile: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      leftFile.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    const consoleErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
    await page.goto(`${pathToFileURL(reportPath).href}${hash}`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
    // Runs in the page: rows are DOM elements there (typed loosely here, without the DOM library).
    type Row = { dataset: { lane?: string }; querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }> };
    const events = await page.$$eval('#events tr[data-lane]', (rows) => (rows as unknown as Row[]).map((row) => {
      const cells = Array.from(row.querySelectorAll('td')).map((td) => td.textContent ?? '');
      return { lane: row.dataset.lane ?? '', from: cells[0] ?? '', to: cells[1] ?? '', what: cells[3] ?? '' };
    }));
    const verdict = (await page.textContent('#verdict')) ?? '';
    const outDir = join(process.cwd(), 'test-output', 'screenshots');
    mkdirSync(outDir, { recursive: true });
    const screenshot = join(outDir, `${basename(dirname(reportPath))}${hash ? '-linked' : ''}.png`);
    await page.screenshot({ path: screenshot, fullPage: true });
    return { leftFile, pageErrors, consoleErrors, events, verdict, screenshot };
  } finally {
    await browser.close();
  }
}
