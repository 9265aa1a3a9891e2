// npm run bench:ui — the built dashboard in headless chromium, on the embedded dataset (data/, or a fixture of
// the same size while data/ is empty) and on a 1,000,000-report synthetic dataset generated with DuckDB SQL
// (scripts/make-fixture-data.ts). Prints medians over several cold runs (a fresh browser context each: no cache):
// navigation → first chart drawn (cold, and on a return visit with the browser's caches), the time until the page
// is at rest (background reads and the rollup tables done), filter change → every chart redrawn (p50, p95) on the
// page at rest, main-thread JS heap after load, bytes transferred, and the JavaScript needed up to the first chart
// (gzip, without the wasm).
//   npm run bench:ui [-- --runs N --changes N --only embedded|1m]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { launchChromium } from './chromium';
import { serveDir } from './serve-dist';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '5' }, changes: { type: 'string', default: '20' }, only: { type: 'string' } } });
const RUNS = Number(args.runs);
const CHANGES = Number(args.changes);
const ROOT = resolve(import.meta.dirname, '..');
const WORK = join(ROOT, 'tmp/bench-ui');
const log = (s: string) => console.error(`bench:ui: ${s}`);

function fixture(dir: string, reports: number, tables: string) {
  if (existsSync(join(dir, 'reports.parquet'))) return;
  log(`generating ${reports.toLocaleString()} synthetic reports into ${dir} …`);
  execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/make-fixture-data.ts'), '--reports', String(reports), '--out', dir, '--tables', tables], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

interface Run {
  firstChart: number;
  /** The same, reloaded in the same browser context: HTTP cache and compiled wasm cached, as on a return visit. */
  warmFirstChart: number;
  allCharts: number;
  /** From the return visit's first chart until everything read or built in the background is in. */
  atRest: number;
  heapMB: number;
  transferredMB: number;
  initialJsGzKB: number;
  /** The part of it that runs on the page (without the workers: DuckDB's and the Parquet loader). */
  pageJsGzKB: number;
  redraws: number[];
}

// In-page scripts as text: tsx would otherwise wrap named functions in a helper the page does not have.
const FIRST_CHART = `new MutationObserver(() => {
  if (window.__firstChart == null && document.querySelector('[data-chart][data-state="ready"]')) window.__firstChart = performance.now();
}).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'], childList: true });`;

/** Sets a filter and resolves with the time until every chart has drawn again (data-rev moved on). */
const REDRAW = new Function('arg', `const { name, value } = arg;
  const charts = [...document.querySelectorAll('[data-chart]')];
  const revs = charts.map((c) => Number(c.getAttribute('data-rev')));
  const select = document.querySelector('select[name="' + name + '"]');
  const t0 = performance.now();
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  return new Promise((done) => {
    const check = () => charts.every((c, k) => c.getAttribute('data-state') === 'ready' && Number(c.getAttribute('data-rev')) > revs[k])
      ? done(performance.now() - t0) : requestAnimationFrame(check);
    requestAnimationFrame(check);
  });`) as (arg: { name: string; value: string }) => Promise<number>;

/** One cold load: a new context (empty cache), timings taken in the page, then filter changes. */
async function run(browser: Browser, url: string, dist: string): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.addInitScript(FIRST_CHART);
  let bytes = 0;
  const js: string[] = [];
  let firstDrawn = false;
  page.on('requestfinished', async (r) => {
    const s = await r.sizes().catch(() => null);
    if (s) bytes += s.responseBodySize + s.responseHeadersSize;
    const path = new URL(r.url()).pathname;
    if (!firstDrawn && /\.m?js$/.test(path)) js.push(path);
  });
  const cdp = await context.newCDPSession(page);
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __firstChart?: number }).__firstChart != null, null, { timeout: 120_000, polling: 50 });
  firstDrawn = true;
  const firstChart = await page.evaluate(() => (window as unknown as { __firstChart: number }).__firstChart);
  await settled(page);
  const allCharts = await page.evaluate(() => performance.now());
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
  const transferred = bytes;
  const gz = (paths: string[]) => [...new Set(paths)].reduce((s, p) => s + gzipSync(readFileSync(join(dist, p))).length, 0);
  const initialJs = gz(js);
  const pageJs = gz(js.filter((p) => !/\.worker/.test(p)));
  // Let the browser finish compiling and caching the wasm (it caches the optimised code), then a return visit.
  await page.waitForTimeout(3000);
  await page.reload();
  await page.waitForFunction(() => (window as unknown as { __firstChart?: number }).__firstChart != null, null, { timeout: 120_000, polling: 50 });
  const warmFirstChart = await page.evaluate(() => (window as unknown as { __firstChart: number }).__firstChart);
  await settled(page);
  // Filter changes are timed on the page at rest: the columns read after the first chart, the agencies and the
  // rollup tables are in (a change made before that scans the reports table).
  const atRest = await page.evaluate(async () => {
    await (window as unknown as { __nianbao: { engine: { settled(): Promise<void> } } }).__nianbao.engine.settled();
    return performance.now();
  });

  // Filter changes: alternate year ranges and the real/synthetic filter; time until every chart has redrawn.
  const redraws: number[] = [];
  const changes: [string, string][] = [['from', '2021'], ['real', 'synthetic'], ['from', '2019'], ['real', 'both'], ['to', '2023'], ['to', '2025']];
  for (let i = 0; i < CHANGES; i++) {
    const [name, value] = changes[i % changes.length];
    redraws.push(await page.evaluate(REDRAW, { name, value }));
  }
  await context.close();
  return { firstChart, warmFirstChart, atRest: atRest - warmFirstChart, allCharts, heapMB: heap / 1048576, transferredMB: transferred / 1048576, initialJsGzKB: initialJs / 1024, pageJsGzKB: pageJs / 1024, redraws };
}

async function settled(page: Page) {
  await page.waitForFunction(() => {
    const c = [...document.querySelectorAll('[data-chart]')];
    return c.length > 0 && c.every((x) => x.getAttribute('data-state') === 'ready');
  }, null, { timeout: 180_000, polling: 50 });
}

async function bench(name: string, dataDir: string, browser: Browser) {
  const dist = join(WORK, `dist-${name.replace(/[^\w-]+/g, '-')}`);
  process.env.NIANBAO_DATA = dataDir;
  await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'error', build: { outDir: dist, emptyOutDir: true } });
  const served = await serveDir(dist);
  const reports = JSON.parse(readFileSync(join(dist, 'data/manifest.json'), 'utf8')) as { files: Record<string, number> };
  const runs: Run[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      runs.push(await run(browser, served.url, dist));
      log(`${name} run ${i + 1}/${RUNS}: first chart ${runs.at(-1)!.firstChart.toFixed(0)} ms`);
    }
  } finally {
    await served.close();
  }
  const redraws = runs.flatMap((r) => r.redraws);
  return {
    dataset: name,
    'reports.parquet MB': (reports.files.reports / 1048576).toFixed(1),
    'first chart ms': median(runs.map((r) => r.firstChart)).toFixed(0),
    'all charts ms': median(runs.map((r) => r.allCharts)).toFixed(0),
    'first chart, return visit ms': median(runs.map((r) => r.warmFirstChart)).toFixed(0),
    'then at rest after ms': median(runs.map((r) => r.atRest)).toFixed(0),
    'redraw p50 ms': median(redraws).toFixed(0),
    'redraw p95 ms': pct(redraws, 95).toFixed(0),
    'JS heap MB': median(runs.map((r) => r.heapMB)).toFixed(1),
    'transferred MB': median(runs.map((r) => r.transferredMB)).toFixed(1),
    'JS to first chart KB gz': median(runs.map((r) => r.initialJsGzKB)).toFixed(0),
    'of it on the page KB gz': median(runs.map((r) => r.pageJsGzKB)).toFixed(0),
  };
}

async function main() {
  const embedded = existsSync(join(ROOT, 'data/reports.parquet')) ? join(ROOT, 'data') : join(WORK, 'embedded-fixture');
  if (embedded !== join(ROOT, 'data')) fixture(embedded, 21_000, 'reports,agencies,checks,cells,prose');
  const big = join(WORK, 'synthetic-1m');
  if (args.only !== 'embedded') fixture(big, 1_000_000, 'reports,agencies');
  const browser = await launchChromium();
  const rows = [];
  try {
    if (args.only !== '1m') rows.push(await bench(embedded.endsWith('/data') ? 'embedded (data/)' : 'embedded-size fixture', embedded, browser));
    if (args.only !== 'embedded') rows.push(await bench('1M synthetic', big, browser));
  } finally {
    await browser.close();
  }
  console.log(`\nnianbao bench:ui — medians of ${RUNS} cold loads, ${CHANGES} filter changes each (Overview view, headless chromium, ${new Date().toISOString().slice(0, 10)})`);
  console.table(rows);
}

main().catch((e) => {
  console.error(`bench:ui: ${(e as Error).message.split('\n')[0]}`);
  process.exit(1);
});
