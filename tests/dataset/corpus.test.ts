// The folder of real reports → the dataset: every file is in the dataset, among the dropped duplicates, or in
// rejects.csv with the parser's reason; every row of every table says what the parser said; columns and types
// are those of src/model/dataset.ts; rows are sorted by their lookup key; a second build of the same folder gives
// byte-identical files.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDataset, type BuildSummary } from '../../src/dataset/build';
import { describeAgency } from '../../src/dataset/agency';
import { Downloader } from '../../src/dataset/download';
import { readSource, sources } from '../../src/dataset/inputs';
import { DATASET_TABLES } from '../../src/model/dataset';
import type { ReportRecord } from '../../src/model/record';
import { ALL_KEYS, columnName } from '../../src/model/schema';
import { ParseError, parseReport } from '../../src/parse';

const REPORTS = join(import.meta.dirname, '../../../shared/corpus/reports');
const work = mkdtempSync(join(tmpdir(), 'nianbao-dataset-'));

async function build(out: string): Promise<BuildSummary> {
  const downloader = new Downloader({ cacheDir: join(work, 'cache') });
  async function* inputs() {
    for await (const s of sources([REPORTS])) yield await readSource(s, downloader);
  }
  return buildDataset(inputs(), { outDir: out, workers: 2 });
}

const csv = (file: string) =>
  readFileSync(file, 'utf8').trim().split('\n').slice(1).map((line) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.slice(0, -1).map((f) => f.replace(/,$/, '').replace(/^"|"$/g, '').replaceAll('""', '"')));
const plain = (v: unknown): unknown => (typeof v === 'bigint' ? Number(v) : v && typeof v === 'object' && 'items' in v ? (v.items as unknown[]).map(plain) : v);

let summary: BuildSummary;
let db: DuckDBConnection;
const out = join(work, 'data');
const expected = new Map<string, ReportRecord | string>();

beforeAll(async () => {
  summary = await build(out);
  db = await (await DuckDBInstance.create(':memory:')).connect();
  for (const f of readdirSync(REPORTS).sort()) {
    const path = join(REPORTS, f);
    try {
      expected.set(path, await parseReport({ name: path, bytes: new Uint8Array(readFileSync(path)) }));
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      expected.set(path, e.message);
    }
  }
}, 300_000);

const rows = async (sql: string) => (await db.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
const table = (t: string) => `'${join(out, `${t}.parquet`)}'`;

describe('dataset from the folder of real reports', () => {
  it('writes every table with exactly the columns and types of src/model/dataset.ts', async () => {
    for (const [name, spec] of Object.entries(DATASET_TABLES)) {
      const cols = (await rows(`DESCRIBE SELECT * FROM ${table(name)}`)).map((r) => `${r.column_name} ${r.column_type}`);
      expect(cols, name).toEqual(spec.map((c) => `${c.name} ${c.type}`));
    }
  });

  it('accounts for every file: ingested, dropped as a duplicate, or rejected with the reason', async () => {
    const reports = await rows(`SELECT source FROM ${table('reports')}`);
    const rejects = new Map(csv(join(out, 'rejects.csv')).map(([s, reason]) => [s, reason]));
    const dropped = csv(join(out, 'duplicates.csv')).map((r) => r[3]);
    const ingested = new Set(reports.map((r) => r.source as string));
    for (const [path, want] of expected) {
      const places = [ingested.has(path), rejects.has(path), dropped.includes(path)].filter(Boolean).length;
      expect(places, path).toBe(1);
      if (typeof want === 'string') expect(rejects.get(path), path).toBe(want);
      else if (!want.agency) expect(rejects.get(path), path).toMatch(/no agency name/);
      else if (want.year === null) expect(rejects.get(path), path).toMatch(/no report year/);
    }
    expect(summary).toMatchObject({ ingested: ingested.size, rejected: rejects.size, duplicates: dropped.length });
  });

  it('stores each kept report as the parser read it: row, values, cells, checks and prose', async () => {
    const reports = await rows(`SELECT * FROM ${table('reports')}`);
    expect(reports.length).toBeGreaterThan(10);
    for (const row of reports) {
      const path = row.source as string;
      const r = expected.get(path) as ReportRecord;
      const id = createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 16);
      const agency = describeAgency(r.agency!);
      expect(row, path).toMatchObject({
        report_id: id, agency_id: createHash('sha256').update(agency.canonical).digest('hex').slice(0, 16), agency: r.agency, year: r.year, template: r.template,
        other_split: r.layout.otherSplit, province: agency.province, city: agency.city, county: agency.county, level: agency.level, agency_type: agency.agency_type,
        source_format: r.format, is_real: true, complete: r.complete, checks_failed: r.checks.filter((c) => c.ok === false).length, warnings: r.warnings.length,
      });
      for (const d of ALL_KEYS) expect(row[columnName(d.key)], `${path} ${d.key}`).toBe(r.values[d.key] ?? null);

      const cells = await rows(`SELECT * FROM ${table('cells')} WHERE report_id = '${id}'`);
      expect(cells.map((c) => c.key), path).toEqual(ALL_KEYS.map((d) => d.key).filter((k) => k in r.cells));
      for (const c of cells) {
        const want = r.cells[c.key as string];
        expect({ value: c.value, status: c.status, raw: c.raw, page: c.page, line: c.line }, `${path} ${c.key}`).toEqual({
          value: r.values[c.key as string] ?? null, status: want.status, raw: want.raw ?? null, page: want.page ?? null, line: want.line ?? null,
        });
      }

      const checks = (await rows(`SELECT * FROM ${table('checks')} WHERE report_id = '${id}'`)).map((c) => ({ ...c, cells: plain(c.cells), blanks: plain(c.blanks) }));
      expect(checks, path).toEqual(r.checks.map((c) => ({ report_id: id, check_id: c.id, ok: c.ok, left: c.left, right: c.right, cells: c.cells, blanks: c.blanks })));

      const prose = await rows(`SELECT key, value, quote FROM ${table('prose')} WHERE report_id = '${id}'`);
      expect(prose, path).toEqual(r.prose.map((p) => ({ key: p.key, value: p.value, quote: p.quote })));
      expect(row.prose_facts, path).toBe(prose.length ? prose.map((p) => `${p.key}=${p.value}`).join(';') : null);
      // the sketch itself is src/anomalies' to test; here: it is there for every report with a narrative to speak of
      if (r.narrative.length > 1000) expect(row.narrative_minhash, path).toMatch(/^[0-9a-f]+$/);
      else expect([null, expect.stringMatching(/^[0-9a-f]+$/)], path).toContainEqual(row.narrative_minhash);
    }
  });

  it('keeps one report per agency and year, and lists the ones it dropped with the deciding rule', async () => {
    const dupes = await rows(`SELECT agency_id, year, count(*) AS n FROM ${table('reports')} GROUP BY ALL HAVING n > 1`);
    expect(dupes).toEqual([]);
    const reports = await rows(`SELECT source, agency_id, year FROM ${table('reports')}`);
    const bySource = new Map(reports.map((r) => [r.source, r]));
    for (const [agency, year, kept, dropped, rule] of csv(join(out, 'duplicates.csv'))) {
      const k = bySource.get(kept)!;
      const d = expected.get(dropped) as ReportRecord;
      expect(describeAgency(d.agency!).canonical).toBe(agency);
      expect([d.year, k.year]).toEqual([Number(year), Number(year)]);
      const w = expected.get(kept) as ReportRecord;
      // the deciding rule holds between the two
      if (rule.startsWith('fewer missing')) {
        const unread = (x: ReportRecord) => Object.values(x.cells).filter((c) => c.status === 'missing' || c.status === 'ambiguous').length;
        expect(unread(w)).toBeLessThan(unread(d));
      } else if (rule.startsWith('complete')) expect([w.complete, d.complete]).toEqual([true, false]);
      else if (rule.startsWith('smaller source')) expect(kept < dropped).toBe(true);
    }
  });

  it('lists each agency once with its reports and years', async () => {
    const agencies = await rows(`SELECT a.*, (SELECT count(*) FROM ${table('reports')} r WHERE r.agency_id = a.agency_id) AS n,
      (SELECT min(year) FROM ${table('reports')} r WHERE r.agency_id = a.agency_id) AS y0 FROM ${table('agencies')} a`);
    expect(new Set(agencies.map((a) => a.agency_id)).size).toBe(agencies.length);
    for (const a of agencies) expect([a.reports, a.first_year], a.agency as string).toEqual([Number(a.n), a.y0]);
  });

  it('writes rows in the order readers look them up by, so row groups can be skipped', async () => {
    // reports by agency and year; the per-report tables by report id (a report's own rows as the previous test read them)
    const reports = await rows(`SELECT agency_id, year FROM ${table('reports')}`);
    const byKey = (a: Record<string, unknown>, b: Record<string, unknown>) => String(a.agency_id).localeCompare(String(b.agency_id)) || Number(a.year) - Number(b.year);
    expect(reports).toEqual([...reports].sort(byKey));
    for (const t of ['cells', 'checks', 'prose']) {
      const ids = (await rows(`SELECT report_id FROM ${table(t)}`)).map((r) => String(r.report_id));
      expect(ids.length, t).toBeGreaterThan(0);
      expect(ids, t).toEqual([...ids].sort());
    }
  });

  it('gives byte-identical files when the same folder is built again', async () => {
    await build(join(work, 'again'));
    const files = readdirSync(out).sort();
    expect(readdirSync(join(work, 'again')).sort()).toEqual(files);
    const hash = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
    for (const f of files) expect(hash(join(work, 'again', f)), f).toBe(hash(join(out, f)));
  }, 300_000);
});
