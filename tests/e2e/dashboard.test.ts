// End-to-end: the built dashboard, served from dist/ on localhost, in headless Debian chromium.
import { DuckDBInstance } from '@duckdb/node-api';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { pinyin } from 'pinyin-pro';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildAndServe, chartData, chartsSettled, downloadOf, E2E_DIR, parseCsv, ROOT, startHarness, type Harness } from './harness';

const CORPUS = join(ROOT, '../shared/corpus/reports');
let h: Harness;

async function native<T>(sql: string): Promise<T[]> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    return (await con.runAndReadAll(sql)).getRowObjectsJS() as T[];
  } finally {
    con.closeSync();
    db.closeSync();
  }
}

function expectOnlySameOrigin() {
  const foreign = h.requests.filter((u) => !u.startsWith(h.served.url) && !u.startsWith('blob:') && !u.startsWith('data:'));
  expect(foreign).toEqual([]);
}

async function view(page: Page, v: string) {
  await page.click(`[data-nav="${v}"]`);
  await page.waitForSelector(`.app[data-view="${v}"]`);
  return chartsSettled(page);
}

beforeAll(async () => {
  h = await startHarness();
}, 300_000);
afterAll(async () => h?.close());

describe('dashboard in chromium', () => {
  test('every view draws its charts with data, without console errors or requests off the origin', async () => {
    h.errors.length = 0;
    const page = await h.open();
    const [busiest] = await native<{ agency_id: string }>(`SELECT agency_id FROM '${h.dataDir}/reports.parquet' GROUP BY agency_id ORDER BY sum(checks_failed) DESC, agency_id LIMIT 1`);
    for (const v of ['overview', 'compare', 'volumes', 'licensing', 'appeals']) {
      const states = await view(page, v);
      expect(Object.keys(states).length, v).toBeGreaterThan(0);
      for (const [name, state] of Object.entries(states)) {
        expect(state, `${v}/${name}`).toBe('ready');
        if (name === 'compare-metric') continue; // no agency chosen yet: only the peer median is drawn
        expect((await chartData(page, name)).rows.length, `${v}/${name} has rows`).toBeGreaterThan(0);
      }
    }
    await page.goto(`${h.served.url}?v=profile&a=${busiest.agency_id}`);
    await page.waitForSelector('.app[data-ready="true"]');
    const states = await chartsSettled(page);
    expect(states['profile-trend']).toBe('ready');
    await page.waitForSelector('.body[data-state="ready"] td[data-key="t3.total.total"]', { timeout: 30_000 });
    expect(await page.locator('[data-checks] li[data-ok="false"]').count()).toBeGreaterThan(0);
    expect(await page.locator('td.fail').count()).toBeGreaterThan(0);
    await page.click('td[data-key="t3.new_received.total"] button');
    await expect.poll(() => page.locator('[data-cell-info] .raw').first().textContent()).not.toBe('');
    await page.click('[data-nav="drop"]');
    await page.waitForSelector('[data-dropzone]');
    expect(h.errors).toEqual([]);
    expectOnlySameOrigin();
    await page.close();
  });

  test('agencies are found by pinyin initials and compared; a shared URL restores the same view; back and forward work', async () => {
    const page = await h.open('?v=compare');
    const [a] = await native<{ agency_id: string; agency: string }>(`SELECT agency_id, agency FROM '${h.dataDir}/agencies.parquet' WHERE NOT is_real ORDER BY reports DESC, agency_id LIMIT 1`);
    const initials = pinyin(a.agency, { pattern: 'first', toneType: 'none', type: 'array' }).join('');
    await page.fill('input[name="agency-search"]', initials);
    await page.click(`button[data-agency="${a.agency_id}"]`);
    await page.selectOption('select[name="metric"]', 'rate.share_granted');
    await page.selectOption('select[name="province"]', { index: 1 });
    await chartsSettled(page);
    await expect.poll(async () => (await chartData(page, 'compare-metric')).series.length).toBe(2);
    const shared = page.url();
    expect(shared).toContain(`ag=${a.agency_id}`);
    const before = await chartData(page, 'compare-metric');

    const other = await h.open(new URL(shared).search);
    await chartsSettled(other);
    expect(await other.$eval('.app', (e) => e.getAttribute('data-view'))).toBe('compare');
    expect(await other.inputValue('select[name="metric"]')).toBe('rate.share_granted');
    // The place options are read after the first chart: the select shows the shared place once they are in.
    const province = await page.inputValue('select[name="province"]');
    await expect.poll(() => other.inputValue('select[name="province"]')).toBe(province);
    await expect.poll(async () => (await chartData(other, 'compare-metric')).series).toEqual(before.series);
    await other.close();

    await view(page, 'appeals');
    await page.goBack();
    await page.waitForSelector('.app[data-view="compare"]');
    expect(page.url()).toBe(shared);
    await page.goForward();
    await page.waitForSelector('.app[data-view="appeals"]');
    await page.close();
  });

  test('exports: PNG (2×) and SVG decode and carry Chinese text, CSV holds the chart numbers, the report set as CSV and Parquet', async () => {
    const page = await h.open('?lang=zh');
    await chartsSettled(page);
    const chart = page.locator('figure', { has: page.locator('[data-chart="overview-trend"]') });

    const png = await downloadOf(page, () => chart.locator('[data-export="png"]').click());
    expect(png.bytes.subarray(1, 4).toString()).toBe('PNG');
    const svg = await downloadOf(page, () => chart.locator('[data-export="svg"]').click());
    const svgText = svg.bytes.toString('utf8');
    expect(svgText).toContain('依申请公开');
    expect(svgText).toContain('数据来源');
    // Decoded by the browser itself; the Chinese title must draw as distinct glyphs, not the same missing-glyph box.
    const decoded = await page.evaluate(async ({ png, svg }) => {
      const bmp = async (b64: string, type: string) => createImageBitmap(await (await fetch(`data:${type};base64,${b64}`)).blob());
      const p = await bmp(png, 'image/png');
      const img = new Image();
      img.src = `data:image/svg+xml;base64,${svg}`;
      await img.decode();
      const glyph = (ch: string) => {
        const c = document.createElement('canvas');
        c.width = c.height = 40;
        const g = c.getContext('2d')!;
        g.font = '32px "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';
        g.fillText(ch, 2, 32);
        return Array.from(g.getImageData(0, 0, 40, 40).data).join();
      };
      const c = document.createElement('canvas');
      c.width = p.width;
      c.height = p.height;
      const g = c.getContext('2d')!;
      g.drawImage(p, 0, 0);
      const px = g.getImageData(0, 0, p.width, p.height).data;
      let ink = 0;
      for (let i = 0; i < px.length; i += 4) if (px[i] < 200) ink++;
      return { pw: p.width, ph: p.height, sw: img.naturalWidth, sh: img.naturalHeight, ink, distinct: glyph('政') !== glyph('府') };
    }, { png: png.bytes.toString('base64'), svg: svg.bytes.toString('base64') });
    expect(decoded).toMatchObject({ pw: 2400, ph: 1440, sw: 1200, sh: 720, distinct: true });
    expect(decoded.ink).toBeGreaterThan(10_000);

    const csv = parseCsv((await downloadOf(page, () => chart.locator('[data-export="csv"]').click())).bytes);
    const drawn = await chartData(page, 'overview-trend');
    expect(csv.length - 1).toBe(drawn.rows.length);
    drawn.series.forEach((s, i) => {
      expect(csv[0][i + 1]).toBe(s.name);
      expect(csv.slice(1).map((r) => (r[i + 1] === '' ? null : Number(r[i + 1])))).toEqual(s.data);
    });

    await page.selectOption('select[name="from"]', '2022');
    await chartsSettled(page);
    const [{ n, total }] = await native<{ n: number; total: number }>(`SELECT count(*)::INTEGER n, sum(t3__new_received__total)::DOUBLE total FROM '${h.dataDir}/reports.parquet' WHERE year >= 2022`);
    const reportsCsv = parseCsv((await downloadOf(page, () => page.click('[data-export="reports-csv"]'))).bytes);
    expect(reportsCsv.length - 1).toBe(n);
    const col = reportsCsv[0].indexOf('t3__new_received__total');
    expect(reportsCsv.slice(1).reduce((s, r) => s + Number(r[col] || 0), 0)).toBe(total);
    const pq = (await downloadOf(page, () => page.click('[data-export="reports-parquet"]'))).bytes;
    const buf = new Uint8Array(pq).buffer;
    const rows = await parquetReadObjects({ file: buf, compressors });
    expect(rows.length).toBe(n);
    expect(rows.reduce((s, r) => s + Number(r.t3__new_received__total ?? 0), 0)).toBe(total);
    expect(parquetMetadata(buf).schema.map((c) => c.name)).toContain('is_real');
    expectOnlySameOrigin();
    await page.close();
  });

  test('a data file that cannot be loaded gives a clear message', async () => {
    const page = await h.browser.newPage();
    await page.route('**/reports.parquet', (r) => r.abort());
    await page.goto(h.served.url);
    await expect.poll(() => page.locator('[data-load-error]').textContent(), { timeout: 30_000 }).toContain('数据载入失败');
    expect(await page.$eval('.app', (e) => e.getAttribute('data-ready'))).toBe('false');
    await page.close();
  });

  test('English switch relabels the interface from the schema labels', async () => {
    const page = await h.open('?v=volumes&lang=en');
    await chartsSettled(page);
    expect(await page.textContent('[data-nav="volumes"]')).toBe('Disclosure volumes');
    const d = await chartData(page, 'volumes-applicants');
    expect(d.series.map((s) => s.name)).toContain('natural persons');
    await page.close();
  });

  const embedded = join(ROOT, 'data');
  test.skipIf(!existsSync(join(embedded, 'reports.parquet')))('the embedded dataset (data/) opens on the overview and says what is synthetic', async () => {
    const served = await buildAndServe(embedded, join(E2E_DIR, 'dist-embedded'));
    try {
      const page = await h.browser.newPage();
      await page.goto(served.url);
      await page.waitForSelector('.app[data-ready="true"]', { timeout: 60_000 });
      const states = await chartsSettled(page);
      expect(Object.values(states).every((s) => s === 'ready')).toBe(true);
      const [mix] = await native<{ reports: number; real: number }>(`SELECT count(*)::INTEGER reports, count(*) FILTER (WHERE is_real)::INTEGER AS real FROM '${embedded}/reports.parquet'`);
      const kind = mix.real === mix.reports ? 'real' : mix.real === 0 ? 'synthetic' : 'mixed';
      expect(await page.getAttribute('[data-source]', 'data-source')).toBe(kind);
      expect(Number((await page.textContent('[data-kpi="reports"]'))!.replace(/,/g, ''))).toBe(mix.reports);
      if (kind !== 'real') expect(await page.textContent('figure .source')).toContain('合成');
      await page.close();
    } finally {
      await served.close();
    }
  });

  const files = existsSync(CORPUS) ? readdirSync(CORPUS).sort() : [];
  test.skipIf(!files.length)('dropping each real corpus report shows the values the parse command prints', { timeout: 300_000 }, async () => {
    const run = promisify(execFile);
    const cli = async (file: string) => {
      try {
        const { stdout } = await run('npm', ['run', '--silent', 'parse', '--', join(CORPUS, file)], { cwd: ROOT, maxBuffer: 1 << 26 });
        return { ok: true as const, out: JSON.parse(stdout) as { agency: string | null; year: number | null; values: Record<string, number | null> } };
      } catch {
        return { ok: false as const };
      }
    };
    // The parse command for every file first (three at a time), then each file dropped on the page.
    const outputs = new Map<string, Awaited<ReturnType<typeof cli>>>();
    const queue = [...files];
    await Promise.all([1, 2, 3].map(async () => {
      for (let f = queue.shift(); f; f = queue.shift()) outputs.set(f, await cli(f));
    }));
    const page = await h.open('?v=drop');
    for (const file of files) {
      const expected = outputs.get(file)!;
      await page.evaluate(async ({ name, b64 }) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], name));
        document.querySelector('[data-dropzone]')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, { name: file, b64: readFileSync(join(CORPUS, file)).toString('base64') });
      if (!expected.ok) {
        await page.waitForSelector(`[data-drop-error]`, { timeout: 60_000 });
        continue;
      }
      await page.waitForSelector(`[data-dropped="${file}"]`, { timeout: 60_000 });
      const shown = await page.$$eval('[data-dropped] td[data-key]', (tds) => Object.fromEntries(tds.map((td) => [td.getAttribute('data-key')!, td.getAttribute('data-value')!])));
      for (const [key, value] of Object.entries(expected.out.values)) {
        expect(shown[key], `${file} ${key}`).toBe(value == null ? '' : String(value));
      }
      // Placed among its peers: the dropped report's own value enters the same SQL as the dataset's.
      if (expected.out.year != null) {
        await expect
          .poll(async () => (await chartData(page, 'drop-peers').catch(() => ({ rows: [] as Record<string, unknown>[] }))).rows.find((r) => r.metric === 't3.new_received.total')?.value, { timeout: 30_000 })
          .toBe(expected.out.values['t3.new_received.total'] ?? null);
      }
      const heading = await page.textContent('[data-dropped] h2');
      expect(heading, file).toContain(String(expected.out.year ?? '—'));
      if (expected.out.agency) expect(heading, file).toContain(expected.out.agency);
    }
    expectOnlySameOrigin();
    await page.close();
  });
});
