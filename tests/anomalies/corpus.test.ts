// The detector on the real reports of ../shared/corpus, through the real pipeline (parser → dataset builder →
// Parquet → detector). Expectations come from the corpus's hand-checked gold answers, not from the detector: a
// report whose gold figures fail a SCHEMA.md identity (洪泽区 2023 表四; 上海市政府办公厅 2019, whose blank totals
// make the sums fail) is flagged on those cells; a report whose gold figures all add up is never flagged on cells
// the gold knows.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allFlags, detect, type Flag } from '../../src/anomalies';
import { openDataset, type OpenDataset } from '../../src/anomalies/node-dataset';
import { buildDataset } from '../../src/dataset/build';
import { checksFor, evaluate, type Values } from '../../src/model/checks';

const CORPUS = join(import.meta.dirname, '../../../shared/corpus');
interface Gold {
  file: string;
  template: '2019' | '2021';
  values: Values;
}
const golds: Gold[] = readdirSync(join(CORPUS, 'gold')).map((f) => JSON.parse(readFileSync(join(CORPUS, 'gold', f), 'utf8')));

/** The identities the gold figures fail, blanks counted as 0, cells the gold omits (unreadable) not computable. */
function goldFailures(g: Gold) {
  const layout = { template: g.template, otherSplit: 't3.other.no_correction.total' in g.values };
  return checksFor(layout, true).map((d) => evaluate(d, g.values, (k) => k in g.values)).filter((c) => c.ok === false);
}

let dataset: OpenDataset;
let flags: Flag[];
let sources: Map<string, string>;

beforeAll(async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'nianbao-anomalies-')), 'data');
  const dir = join(CORPUS, 'reports');
  const inputs = readdirSync(dir).map((name) => ({ source: join(dir, name), bytes: new Uint8Array(readFileSync(join(dir, name))), isReal: true }));
  await buildDataset(inputs, { outDir: out, workers: 2 });
  dataset = await openDataset(out);
  await detect(dataset.db);
  flags = await allFlags(dataset.db);
  const rows = await dataset.db.query<{ report_id: string; source: string }>(`SELECT report_id, source FROM reports`);
  sources = new Map(rows.map((r) => [basename(r.source), r.report_id]));
}, 300_000);
afterAll(() => dataset?.close());

const identityOf = (file: string) => flags.find((f) => f.report_id === sources.get(file) && f.kind === 'identity');

describe('real reports', () => {
  it('flags every report whose gold figures do not add up, on the failing cells', () => {
    const failing = golds.filter((g) => sources.has(g.file) && goldFailures(g).length);
    expect(failing.map((g) => g.file).sort()).toEqual(expect.arrayContaining(['hongze-2023.pdf', 'shanghai-bgt-2019.html']));
    for (const g of failing) {
      const flag = identityOf(g.file);
      expect(flag, g.file).toBeDefined();
      expect(flag!.cells, g.file).toEqual(expect.arrayContaining([...new Set(goldFailures(g).flatMap((c) => c.cells))]));
    }
  });

  it('calls 洪泽区 2023 表四 a contradiction and 上海市政府办公厅 2019 blank totals an omission', () => {
    const hongze = identityOf('hongze-2023.pdf')!;
    expect(hongze.severity).toBe('high');
    expect(hongze.cells).toEqual(expect.arrayContaining(['t4.review.total', 't4.suit_after_review.total']));
    expect(hongze.detail).toContain('11 ≠ 0');
    const shanghai = identityOf('shanghai-bgt-2019.html')!;
    expect(shanghai.severity).toBe('medium');
    expect(shanghai.cells).toEqual(expect.arrayContaining(['t3.granted.total', 't3.total.total']));
    expect(shanghai.detail).toMatch(/空白格/);
  });

  it('never flags a report whose gold figures add up on cells the gold knows', () => {
    const clean = golds.filter((g) => sources.has(g.file) && !goldFailures(g).length);
    expect(clean.length).toBeGreaterThan(10);
    for (const g of clean) {
      const flag = identityOf(g.file);
      if (flag) expect(flag.cells.some((c) => !(c in g.values)), `${g.file}: ${flag.detail}`).toBe(true);
    }
  });

  it('finds the prose that contradicts the table, as the corpus notes record it', () => {
    const textTable = (file: string) => flags.find((f) => f.report_id === sources.get(file) && f.kind === 'text_table');
    expect(textTable('hongze-2024.pdf')?.detail).toMatch(/17.*95/);
    expect(textTable('pingtan-2023.html')?.detail).toMatch(/现行有效件数为 393，表格为 470/);
  });

  it('marks the hybrid template of 洪泽区, and rates no statistic where real reports have fewer than 10 peers', () => {
    expect(flags.find((f) => f.report_id === sources.get('hongze-2024.pdf') && f.kind === 'template')?.detail).toMatch(/混用模板/);
    expect(flags.filter((f) => f.kind === 'outlier' || f.kind === 'jump')).toEqual([]);
  });
});
