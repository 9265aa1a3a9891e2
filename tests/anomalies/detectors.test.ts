// Each detector on small hand-made datasets: what it must flag, and the near misses it must leave alone.
import { describe, expect, it } from 'vitest';
import { standardLayout } from '../../src/model/schema';
import { flagsOf, kinds, zeros, type Row } from './helpers';

const hybrid = { template: '2021' as const, otherSplit: false };

/** A quiet county 商务局 with some applications: every identity holds. */
function honest(id: string, year: number, extra: Record<string, number | null> = {}, agency = 'A局'): Row {
  const v = zeros();
  Object.assign(v, {
    't3.new_received.natural_person': 8, 't3.new_received.total': 8,
    't3.granted.natural_person': 5, 't3.granted.total': 5,
    't3.unable.not_held.natural_person': 3, 't3.unable.not_held.total': 3,
    't3.total.natural_person': 8, 't3.total.total': 8,
    't4.review.upheld': 2, 't4.review.total': 2,
    't2.normative_docs.issued': 2, 't2.normative_docs.repealed': 1, 't2.normative_docs.in_force': 10 + (year - 2021),
    't2.licensing.decisions': 40,
    ...extra,
  });
  return { report_id: id, agency, year, values: v };
}

describe('identity', () => {
  it('flags a block that does not add up, with its cells, and leaves a consistent report alone', async () => {
    const flags = await flagsOf([honest('ok', 2022), honest('bad', 2022, { 't4.review.total': 0, 't4.review.corrected': 1 }, 'B局')]);
    const f = flags.find((x) => x.report_id === 'bad' && x.kind === 'identity')!;
    expect(f.severity).toBe('high');
    expect(f.cells).toEqual(expect.arrayContaining(['t4.review.upheld', 't4.review.corrected', 't4.review.total']));
    expect(f.detail).toContain('3 ≠ 0');
    expect(kinds(flags, 'ok')).not.toContain('identity');
  });

  it('calls a failure caused by a blank total an omission (medium), not a contradiction', async () => {
    const flags = await flagsOf([honest('blank-total', 2022, { 't4.review.total': null })]);
    const f = flags.find((x) => x.kind === 'identity')!;
    expect(f.severity).toBe('medium');
    expect(f.detail).toMatch(/空白/);
  });

  it('does not read a cut-off report’s missing cells as zeros', async () => {
    const row = honest('cut', 2022, { 't4.review.total': null });
    const flags = await flagsOf([{ ...row, complete: false }]);
    expect(kinds(flags)).not.toContain('identity');
  });
});

describe('carry_over and stock', () => {
  it('flags 上年结转 that is not last year’s 结转下年度, on the later report', async () => {
    const prev = honest('p', 2021, { 't3.carried_forward.natural_person': 2, 't3.carried_forward.total': 2, 't3.total.natural_person': 6, 't3.total.total': 6, 't3.unable.not_held.natural_person': 1, 't3.unable.not_held.total': 1 });
    const cur = honest('c', 2022, { 't3.carried_over.natural_person': 3, 't3.carried_over.total': 3, 't3.new_received.natural_person': 5, 't3.new_received.total': 5 });
    const flags = await flagsOf([prev, cur]);
    const f = flags.find((x) => x.kind === 'carry_over')!;
    expect(f.report_id).toBe('c');
    expect(f.related_report_id).toBe('p');
    expect(f.cells).toEqual(expect.arrayContaining(['t3.carried_over.total', '2021:t3.carried_forward.total']));
    expect(kinds(flags, 'p')).not.toContain('carry_over');
  });

  it('compares nothing across a gap year or where either cell is blank', async () => {
    const prev = honest('p', 2020, { 't3.carried_forward.total': 2 });
    const gap = honest('c', 2022, { 't3.carried_over.total': 3 });
    const blank = honest('d', 2021, { 't3.carried_over.total': null });
    expect(kinds(await flagsOf([prev, gap]))).not.toContain('carry_over');
    expect(kinds(await flagsOf([prev, blank]))).not.toContain('carry_over');
  });

  it('flags 现行有效 that does not follow from last year + 制发 − 废止', async () => {
    const flags = await flagsOf([honest('p', 2021), honest('c', 2022, { 't2.normative_docs.in_force': 20 })]);
    const f = flags.find((x) => x.kind === 'stock')!;
    expect(f.report_id).toBe('c');
    expect(f.detail).toContain('应为 11');
    expect(kinds(await flagsOf([honest('p', 2021), honest('c', 2022)]))).not.toContain('stock');
  });
});

describe('template', () => {
  it('flags the 2019 template from 2021 on and the hybrid, not the 2019 template for 2020', async () => {
    const old = (id: string, year: number): Row => ({ report_id: id, agency: id, year, template: '2019', values: zeros(standardLayout('2019')) });
    const flags = await flagsOf([old('late', 2022), old('fine', 2020), { report_id: 'mix', agency: 'mix', year: 2023, template: '2021', other_split: false, values: zeros(hybrid) }]);
    expect(flags.filter((f) => f.kind === 'template').map((f) => f.report_id).sort()).toEqual(['late', 'mix']);
    expect(flags.find((f) => f.report_id === 'late')!.severity).toBe('medium');
  });
});

describe('implausible', () => {
  it('flags 规章 outside governments that may make them, and leaves a prefecture government alone', async () => {
    const county = honest('county', 2022, { 't2.regulations.issued': 2, 't2.regulations.in_force': 2 }, '某县商务局');
    const city = { ...honest('city', 2022, { 't2.regulations.issued': 2, 't2.regulations.in_force': 9 }, '某市人民政府'), level: 'prefecture', agency_type: '政府' };
    const flags = await flagsOf([county, city]);
    expect(flags.filter((f) => f.kind === 'implausible').map((f) => f.report_id)).toEqual(['county']);
    expect(flags.find((f) => f.kind === 'implausible')!.cells).toEqual(['t2.regulations.issued', 't2.regulations.in_force']);
  });

  it('flags a department’s 规章 where its level is unknown, but not a government’s (嘉峪关 is a city without districts)', async () => {
    const regs = { 't2.regulations.issued': 1, 't2.regulations.in_force': 3 };
    const dept = { ...honest('dept', 2022, regs, '嘉峪关市体育局'), level: null, agency_type: '体育' };
    const gov = { ...honest('gov', 2022, regs, '嘉峪关市人民政府'), level: null, agency_type: '政府' };
    const flags = await flagsOf([dept, gov]);
    expect(flags.filter((f) => f.kind === 'implausible').map((f) => f.report_id)).toEqual(['dept']);
  });

  it('flags licensing without the power, negative counts and 纠正 above 总计', async () => {
    const stats = { ...honest('stats', 2022, {}, '某县统计局'), agency_type: '统计' };
    const negative = honest('neg', 2022, { 't2.penalty.decisions': -4 }, 'C局');
    const corrected = honest('cor', 2022, { 't4.suit_direct.corrected': 3, 't4.suit_direct.total': 2, 't4.suit_direct.upheld': -1 }, 'D局');
    const flags = await flagsOf([stats, negative, corrected]);
    const by = (id: string) => flags.find((f) => f.report_id === id && f.kind === 'implausible');
    expect(by('stats')?.cells).toEqual(['t2.licensing.decisions']);
    expect(by('neg')?.severity).toBe('high');
    expect(by('cor')?.detail).toMatch(/结果纠正 3 大于总计 2/);
  });

  it('takes 本年增/减 below zero as a change, not a negative count', async () => {
    const row: Row = { report_id: 'chg', agency: 'E', year: 2020, template: '2019', values: { ...zeros(standardLayout('2019')), 't2.licensing.change': -3 } };
    expect(kinds(await flagsOf([row]))).not.toContain('implausible');
  });
});

describe('text_table', () => {
  it('flags a stated number the table contradicts, sums "a+b" keys, and lets a blank agree with 0', async () => {
    const rows: Row[] = [
      { ...honest('wrong', 2022, {}, 'F'), prose_facts: 't3.new_received.total=9;t4.review.total=2' },
      { ...honest('sum', 2022, { 't4.suit_direct.upheld': 1, 't4.suit_direct.total': 1 }, 'G'), prose_facts: 't4.suit_direct.total+t4.suit_after_review.total=1' },
      { ...honest('blank', 2022, { 't4.suit_direct.total': null, 't4.suit_direct.upheld': null, 't4.suit_direct.corrected': null, 't4.suit_direct.other': null, 't4.suit_direct.pending': null }, 'H'), prose_facts: 't4.suit_direct.total+t4.suit_after_review.total=0' },
    ];
    const flags = await flagsOf(rows);
    const tt = flags.filter((f) => f.kind === 'text_table');
    expect(tt.map((f) => f.report_id)).toEqual(['wrong']);
    expect(tt[0].cells).toEqual(['t3.new_received.total']);
    expect(tt[0].detail).toContain('9');
  });
});
