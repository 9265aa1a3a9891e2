// A parsed record → the compact rows that cross from a parser thread to the writer.
import { describe, expect, it } from 'vitest';
import { describeAgency } from '../../src/dataset/agency';
import { BatchEncoder, CELL_STATUSES, KEY_INDEX, RAW_DIGITS, RAW_NONE, RAW_TEXT, recordProblem } from '../../src/dataset/encode';
import { runChecks, type Values } from '../../src/model/checks';
import type { CellSource, ReportRecord } from '../../src/model/record';
import { ALL_KEYS, keysFor, standardLayout } from '../../src/model/schema';

/** A 2021 report with every cell printed, except a blank, a cut-off and an amount with its unit. */
function record(overrides: Partial<ReportRecord> = {}): ReportRecord {
  const layout = standardLayout('2021');
  const values: Values = {};
  const cells: Record<string, CellSource> = {};
  keysFor(layout).forEach((d, i) => {
    values[d.key] = i % 7;
    cells[d.key] = { status: 'value', raw: String(i % 7), line: 10 + i };
  });
  values['t3.new_received.commercial'] = null;
  cells['t3.new_received.commercial'] = { status: 'blank', raw: '/', line: 40 };
  values['t4.review.total'] = null;
  cells['t4.review.total'] = { status: 'missing' };
  values['t2.fees.amount_wan'] = 1.5;
  cells['t2.fees.amount_wan'] = { status: 'value', raw: '1.5万元', page: 3, line: 20 };
  return {
    agency: '洛阳市商务局',
    year: 2021,
    template: '2021',
    layout,
    values,
    cells,
    checks: runChecks(layout, values, (k) => cells[k]?.status !== 'missing'),
    warnings: ['表四 incomplete'],
    complete: false,
    format: 'txt',
    prose: [{ key: 't3.new_received.total', value: 70, quote: '共收到政府信息公开申请70件' }],
    narrative: '',
    ...overrides,
  };
}

const source = (seq: number) => ({ seq, report_id: '00112233445566ff', agency_id: 'abcdef0123456789', source: `r${seq}.txt`, is_real: true });

describe('BatchEncoder', () => {
  it('encodes the report row, every value and every cell in schema key order', () => {
    const r = record();
    const enc = new BatchEncoder();
    enc.add(source(7), describeAgency(r.agency!), r);
    const { batch } = enc.take();
    expect(batch.reports).toHaveLength(1);
    expect(batch.reports[0]).toMatchObject({
      seq: 7, agency: '洛阳市商务局', canonical: '洛阳市商务局', year: 2021, template: '2021', other_split: true, province: '河南省', city: '洛阳市',
      level: 'prefecture', agency_type: '商务', source_format: 'txt', complete: false, warnings: 1, unread: 1,
      checks_failed: r.checks.filter((c) => c.ok === false).length,
    });
    // values: one slot per dataset column, NaN for null and for keys the layout does not have
    const k = ALL_KEYS.length;
    expect(batch.values).toHaveLength(k);
    ALL_KEYS.forEach((d, i) => {
      const v = r.values[d.key];
      if (v === null || v === undefined) expect(batch.values[i], d.key).toBeNaN();
      else expect(batch.values[i], d.key).toBe(v);
    });
    // cells: the record's cells, ordered by ALL_KEYS
    const c = batch.cells;
    expect(c.count).toBe(Object.keys(r.cells).length);
    expect([...c.key]).toEqual([...c.key].sort((a, b) => a - b));
    for (let j = 0; j < c.count; j++) {
      const key = ALL_KEYS[c.key[j]].key;
      expect(CELL_STATUSES[c.status[j]]).toBe(r.cells[key].status);
      expect(c.line[j]).toBe(r.cells[key].line ?? 0);
    }
    const at = (key: string) => [...c.key].indexOf(KEY_INDEX.get(key)!);
    expect(c.rawKind[at('t3.granted.total')]).toBe(RAW_DIGITS);
    expect(c.rawKind[at('t4.review.total')]).toBe(RAW_NONE);
    expect(c.rawKind[at('t2.fees.amount_wan')]).toBe(RAW_TEXT);
    expect(c.page[at('t2.fees.amount_wan')]).toBe(3);
    expect(c.raws).toEqual(['1.5万元', '/']);
    expect(batch.prose).toEqual([{ report: 0, key: 't3.new_received.total', value: 70, quote: '共收到政府信息公开申请70件' }]);
  });

  it('sends each check definition once per thread and marks blank cells by position', () => {
    const enc = new BatchEncoder();
    const r = record();
    enc.add(source(1), describeAgency(r.agency!), r);
    const first = enc.take().batch;
    enc.add(source(2), describeAgency(r.agency!), r);
    const second = enc.take().batch;
    expect(first.newDefinitions.map((d) => d.id)).toEqual(r.checks.map((c) => c.id));
    expect(second.newDefinitions).toEqual([]);
    expect([...second.checks.def]).toEqual([...first.checks.def]);

    const flow = r.checks.findIndex((c) => c.id === 't3.flow.commercial');
    const def = first.newDefinitions.find((d) => d.def === first.checks.def[flow])!;
    const blank = def.cells.indexOf('t3.new_received.commercial');
    expect(first.checks.blanks[flow]).toBe(1n << BigInt(blank));
    const review = r.checks.findIndex((c) => c.id === 't4.sum.review');
    expect(first.checks.ok[review]).toBe(2); // a missing cell: not computable
  });

  it('starts a fresh batch after take, and keeps rejects with their reasons', () => {
    const enc = new BatchEncoder();
    enc.reject(3, 'bad.txt', 'the file is empty');
    const { batch, transfer } = enc.take();
    expect(batch.rejects).toEqual([{ seq: 3, source: 'bad.txt', reason: 'the file is empty' }]);
    expect(batch.reports).toEqual([]);
    expect(transfer.every((b) => b instanceof ArrayBuffer)).toBe(true);
    expect(enc.take().batch.rejects).toEqual([]);
  });
});

describe('recordProblem', () => {
  it('accepts a complete record', () => {
    expect(recordProblem(record())).toBeNull();
  });

  it('names what keeps a record out of the dataset', () => {
    expect(recordProblem(record({ agency: null }))).toMatch(/no agency/);
    expect(recordProblem(record({ year: null }))).toMatch(/no report year/);
    expect(recordProblem(record({ values: { ...record().values, 't9.x.y': 1 } }))).toMatch(/unknown value key t9\.x\.y/);
    expect(recordProblem(record({ values: { ...record().values, 't3.granted.total': 1.5 } }))).toMatch(/impossible value for t3\.granted\.total/);
  });
});
