// End-to-end: the Anomalies view in headless chromium on a small synthetic panel built by the real pipeline
// (parser → dataset builder), checked against the command's flags on the same files.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from '../../scripts/chromium';
import type { Served } from '../../scripts/serve-dist';
import { allFlags, detect, KIND_LABELS, type Flag } from '../../src/anomalies';
import { openDataset } from '../../src/anomalies/node-dataset';
import { buildDataset } from '../../src/dataset/build';
import { generatePanel } from '../../src/synth';
import { buildAndServe, chartData, chartsSettled, downloadOf, parseCsv, ROOT } from './harness';

const DIR = join(ROOT, 'tmp/e2e-anomalies');
let served: Served;
let browser: Browser;
let command: Flag[];
const errors: string[] = [];
const requests: string[] = [];

async function open(query: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(served.url + query);
  await page.waitForSelector('.app[data-ready="true"]', { timeout: 60_000 });
  return page;
}

const ready = (page: Page) => page.waitForSelector('[data-anomalies="ready"]', { timeout: 120_000 });
const tableRows = (page: Page, name: string) => page.locator(`[data-table="${name}"] tbody tr`);

beforeAll(async () => {
  mkdirSync(DIR, { recursive: true });
  const data = join(DIR, 'data');
  await buildDataset([...generatePanel({ seed: 7, reports: 1400 })].map((r) => r.input), { outDir: data, workers: 2 });
  const ds = await openDataset(data);
  await detect(ds.db);
  command = await allFlags(ds.db);
  ds.close();
  served = await buildAndServe(data, join(DIR, 'dist'));
  browser = await launchChromium();
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await served?.close();
});

describe('Anomalies view', () => {
  test('runs the detector in the browser and shows what the command finds', async () => {
    const page = await open('?v=anomalies');
    await ready(page);
    const states = await chartsSettled(page);
    expect(states['anomalies-regions']).toBe('ready');
    expect(states['anomalies-kinds']).toBe('ready');
    const kinds = (await chartData(page, 'anomalies-kinds')).rows as { kind: string; flags: number }[];
    const expected = Object.fromEntries(Object.keys(KIND_LABELS).map((k) => [k, command.filter((f) => f.kind === k).length]));
    expect(Object.fromEntries(kinds.map((k) => [k.kind, k.flags]))).toEqual(expected);
    const regions = (await chartData(page, 'anomalies-regions')).rows as { reports: number; flagged: number }[];
    expect(regions.reduce((a, r) => a + r.flagged, 0)).toBe(new Set(command.map((f) => f.report_id)).size);
    expect(await tableRows(page, 'anomalies-agencies').count()).toBeGreaterThan(0);
    expect(await tableRows(page, 'anomalies-flags').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith(served.url) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
    await page.close();
  });

  test('filters by kind (kept in the URL), exports the list as CSV and opens a flag in the profile with its cells marked', async () => {
    const page = await open('?v=anomalies');
    await ready(page);
    await page.selectOption('select[name="anomaly-kind"]', 'identity');
    await expect.poll(() => new URL(page.url()).searchParams.get('ak')).toBe('identity');
    await expect.poll(async () => (await tableRows(page, 'anomalies-flags').allTextContents()).every((t) => t.includes(KIND_LABELS.identity.zh))).toBe(true);
    const csv = parseCsv((await downloadOf(page, () => page.click('[data-table="anomalies-flags"] [data-export="csv"]'))).bytes);
    const identity = new Set(command.filter((f) => f.kind === 'identity').map((f) => f.report_id));
    expect(csv.length - 1).toBe(identity.size);
    const id = csv[0].indexOf('report_id');
    expect(new Set(csv.slice(1).map((r) => r[id]))).toEqual(identity);

    const first = command.find((f) => f.kind === 'identity')!;
    await tableRows(page, 'anomalies-flags').first().click();
    await page.waitForSelector('.app[data-view="profile"]');
    const url = new URL(page.url()).searchParams;
    expect(url.get('py')).toBe(String(first.year));
    await page.waitForSelector('.body[data-state="ready"] td[data-flagged="true"]', { timeout: 30_000 });
    const marked = await page.$$eval('td[data-flagged="true"]', (tds) => tds.map((td) => td.getAttribute('data-key')));
    expect(marked.length).toBeGreaterThan(0);
    expect(first.cells).toEqual(expect.arrayContaining(marked));
    expect(errors).toEqual([]);
    await page.close();
  });

  test('a shared link restores the kind', async () => {
    const page = await open('?v=anomalies&ak=template');
    await ready(page);
    expect(await page.inputValue('select[name="anomaly-kind"]')).toBe('template');
    await page.close();
  });
});
