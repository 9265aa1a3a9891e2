// Builds the dashboard on a small fixture dataset (scripts/make-fixture-data.ts), serves dist/ on localhost and
// drives Debian's chromium. Every request the page makes is recorded, so tests can assert none leaves the origin.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { build } from 'vite';
import { launchChromium } from '../../scripts/chromium';
import { serveDir, type Served } from '../../scripts/serve-dist';

export const ROOT = resolve(import.meta.dirname, '../..');
export const E2E_DIR = join(ROOT, 'tmp/e2e');

export interface Harness {
  served: Served;
  browser: Browser;
  dataDir: string;
  /** Every URL requested by any page opened through `open`. */
  requests: string[];
  /** Console errors and uncaught exceptions, per page. */
  errors: string[];
  open(query?: string): Promise<Page>;
  close(): Promise<void>;
}

/** Builds the app on a dataset folder into outDir and serves it on a free localhost port. */
export async function buildAndServe(dataDir: string, outDir: string): Promise<Served> {
  process.env.NIANBAO_DATA = dataDir;
  await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
  return serveDir(outDir);
}

export async function startHarness(reports = 1400): Promise<Harness> {
  const dataDir = join(E2E_DIR, 'data');
  const outDir = join(E2E_DIR, 'dist');
  mkdirSync(E2E_DIR, { recursive: true });
  execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/make-fixture-data.ts'), '--reports', String(reports), '--out', dataDir], { cwd: ROOT, stdio: 'pipe' });
  const served = await buildAndServe(dataDir, outDir);
  const browser = await launchChromium();
  const requests: string[] = [];
  const errors: string[] = [];
  return {
    served, browser, dataDir, requests, errors,
    async open(query = '') {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
      page.on('request', (r) => requests.push(r.url()));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(served.url + query);
      await page.waitForSelector('.app[data-ready="true"]', { timeout: 60_000 });
      return page;
    },
    async close() {
      await browser.close();
      await served.close();
    },
  };
}

/** Waits until every chart on the page is drawn (or failed), then returns their names and states. */
export async function chartsSettled(page: Page): Promise<Record<string, string>> {
  await page.waitForFunction(() => {
    const charts = [...document.querySelectorAll('[data-chart]')];
    return charts.length > 0 && charts.every((c) => c.getAttribute('data-state') !== 'loading');
  }, null, { timeout: 60_000 });
  return page.$$eval('[data-chart]', (els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-chart')!, e.getAttribute('data-state')!])));
}

/** The data a chart holds: its ECharts series (as drawn) and the rows it exports. */
export async function chartData(page: Page, name: string) {
  return page.evaluate((n) => {
    const c = (window as unknown as { __nianbao: { charts: Record<string, { option(): { series: { name: string; data: unknown[] }[] }; rows(): Record<string, unknown>[] }> } }).__nianbao.charts[n];
    const option = c.option();
    return { series: option.series.map((s) => ({ name: s.name, data: s.data })), rows: c.rows() };
  }, name);
}

export async function downloadOf(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [d] = (await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()])) as [Download, void];
  const path = await d.path();
  return { name: d.suggestedFilename(), bytes: readFileSync(path) };
}

/** RFC 4180 CSV (what toCsv writes) → rows of strings; the BOM must be there. */
export function parseCsv(bytes: Buffer): string[][] {
  const text = bytes.toString('utf8');
  if (!text.startsWith('\ufeff')) throw new Error('CSV without a UTF-8 byte-order mark');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 1; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r') continue;
    else if (ch === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else cell += ch;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}
