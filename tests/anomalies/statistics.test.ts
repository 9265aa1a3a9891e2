// The statistical kinds (outlier, jump, blank) and copy detection on small hand-made panels: what stands out from
// its peers or its own years is flagged, ordinary spread and tiny counts are not.
import { describe, expect, it } from 'vitest';
import { MIN_TABLE_BITS, TABLE_ALONE_BITS } from '../../src/anomalies/detectors/copy';
import { narrativeFingerprint } from '../../src/anomalies/fingerprint';
import { keysFor, standardLayout } from '../../src/model/schema';
import { flagsOf, zeros, type Row } from './helpers';

/** A deterministic spread around 1 (a factor between ×0.6 and ×1.6). */
const spread = (i: number) => Math.exp(0.5 * Math.sin(i * 12.9898));

/** A county 市场监管局 of a peer group of 30: licensing, penalties and applications with ordinary spread. */
function agency(i: number, year: number, over: Record<string, number | null> = {}): Row {
  const v = zeros();
  const apps = Math.round(100 * spread(i + year));
  const granted = Math.round(apps * (0.55 + 0.05 * Math.sin(i)));
  Object.assign(v, {
    't2.licensing.decisions': Math.round(400 * spread(i * 3 + year)),
    't2.penalty.decisions': Math.round(60 * spread(i * 5 + year)),
    't3.new_received.natural_person': apps, 't3.new_received.total': apps,
    't3.granted.natural_person': granted, 't3.granted.total': granted,
    't3.unable.not_held.natural_person': apps - granted, 't3.unable.not_held.total': apps - granted,
    't3.total.natural_person': apps, 't3.total.total': apps,
    ...over,
  });
  return { report_id: `r${i}-${year}`, agency: `第${i}市场监督管理局`, year, agency_type: '市场监管', values: v };
}
const peers = (year: number, n = 30, skip: number[] = []) => Array.from({ length: n }, (_, i) => i).filter((i) => !skip.includes(i)).map((i) => agency(i, year));

describe('outlier', () => {
  it('flags a volume far above its peers on the log scale, not one far below, not a tiny one', async () => {
    const flags = await flagsOf([...peers(2022, 30, [0, 1]), agency(0, 2022, { 't2.licensing.decisions': 40000 }), agency(1, 2022, { 't2.licensing.decisions': 3 })]);
    const out = flags.filter((f) => f.kind === 'outlier');
    expect(out.map((f) => f.report_id)).toEqual(['r0-2022']);
    expect(out[0].cells).toEqual(['t2.licensing.decisions']);
    expect(out[0].detail).toMatch(/40000.*中位数/);
  });

  it('flags a rate outside the funnel limits, but not a small denominator however extreme', async () => {
    const small = agency(1, 2022, {
      't3.new_received.natural_person': 6, 't3.new_received.total': 6, 't3.granted.natural_person': 0, 't3.granted.total': 0,
      't3.unable.not_held.natural_person': 6, 't3.unable.not_held.total': 6, 't3.total.natural_person': 6, 't3.total.total': 6,
    });
    const low = agency(0, 2022, { 't3.granted.natural_person': 3, 't3.granted.total': 3, 't3.unable.not_held.natural_person': 97, 't3.unable.not_held.total': 97,
      't3.new_received.natural_person': 100, 't3.new_received.total': 100, 't3.total.natural_person': 100, 't3.total.total': 100 });
    const flags = await flagsOf([...peers(2022, 30, [0, 1]), low, small]);
    expect(flags.filter((f) => f.kind === 'outlier').map((f) => f.report_id)).toEqual(['r0-2022']);
    expect(flags.find((f) => f.kind === 'outlier')!.detail).toMatch(/予以公开和部分公开.*3\.0%/);
  });

  it("takes a volume net of its place: a place whose agencies all license more flags none, one standing out in it still is", async () => {
    const inCity = (r: Row, city: string): Row => ({ ...r, city_code: city });
    const elsewhere = Array.from({ length: 30 }, (_, i) => inCity(agency(i, 2022), `c${i}`));
    // a city whose licensing is not concentrated in a 行政审批服务局: every department there licenses ~8× its peers
    const high = (i: number, factor: number) => inCity(agency(i, 2022, { 't2.licensing.decisions': Math.round(factor * 400 * spread(i * 3 + 2022)) }), 'x');
    const place = [30, 31, 32, 33, 34, 35].map((i) => high(i, 8));
    expect((await flagsOf([...elsewhere, ...place])).filter((f) => f.kind === 'outlier')).toEqual([]);
    const flags = await flagsOf([...elsewhere, ...place.slice(1), high(30, 64)]);
    expect(flags.filter((f) => f.kind === 'outlier').map((f) => f.report_id)).toEqual(['r30-2022']);
  });

  it('needs peers: a report of a thin group is not rated', async () => {
    const flags = await flagsOf([...peers(2022, 6, [0]), agency(0, 2022, { 't2.licensing.decisions': 40000 })]);
    expect(flags.filter((f) => f.kind === 'outlier')).toEqual([]);
  });
});

describe('jump', () => {
  const years = [2020, 2021, 2022, 2023, 2024];
  /** 30 agencies × 5 years; `shifted(i, y)` says whose licensing is 3600 that year. */
  const panel = (shifted: (i: number, y: number) => boolean) =>
    years.flatMap((y) => Array.from({ length: 30 }, (_, i) => agency(i, y, shifted(i, y) ? { 't2.licensing.decisions': 3600 } : {})));

  it('flags a level shift beyond the agency’s other years and its peers, worded as a possible definition change', async () => {
    const flags = await flagsOf(panel((i, y) => i === 0 && y >= 2023));
    const jumps = flags.filter((f) => f.kind === 'jump');
    expect(jumps.map((f) => f.report_id)).toEqual(['r0-2023']);
    expect(jumps[0].detail).toMatch(/统计口径/);
    expect(jumps[0].related_report_id).toBe('r0-2022');
  });

  it('does not flag a one-year spike (two changes that cancel) nor a shift in the first change of the series', async () => {
    const spike = await flagsOf(panel((i, y) => (i === 0 && y === 2022) || (i === 1 && y >= 2021)));
    expect(spike.filter((f) => f.kind === 'jump')).toEqual([]);
  });
});

describe('blank', () => {
  it('flags an all-zero 表三 where peers and the agency’s own years have applications, not at a quiet agency', async () => {
    const empty = { 't3.new_received.natural_person': 0, 't3.new_received.total': 0, 't3.granted.natural_person': 0, 't3.granted.total': 0,
      't3.unable.not_held.natural_person': 0, 't3.unable.not_held.total': 0, 't3.total.natural_person': 0, 't3.total.total': 0 };
    const quiet = { 't3.new_received.natural_person': 1, 't3.new_received.total': 1, 't3.granted.natural_person': 1, 't3.granted.total': 1,
      't3.unable.not_held.natural_person': 0, 't3.unable.not_held.total': 0, 't3.total.natural_person': 1, 't3.total.total': 1 };
    const rows = [2021, 2022, 2023].flatMap((y) => Array.from({ length: 12 }, (_, i) => agency(i, y, i === 0 && y === 2022 ? empty : i === 1 ? (y === 2022 ? empty : quiet) : {})));
    const flags = await flagsOf(rows);
    const blank = flags.filter((f) => f.kind === 'blank');
    expect(blank.map((f) => f.report_id)).toEqual(['r0-2022']);
    expect(blank[0].cells).toContain('t3.new_received.total');
    expect(blank[0].detail).toMatch(/表三整表全为 0/);
  });

  it('flags a 表四 left blank where peers fill it in with zeros and the agency has had cases, not where it never has', async () => {
    const t4Blank = Object.fromEntries(keysFor(standardLayout('2021')).filter((d) => d.table === 't4').map((d) => [d.key, null]));
    const cases = { 't4.review.upheld': 2, 't4.review.total': 2 };
    // cases in one of the agency's three other years: its median there is 0, its largest 2
    const rows = [2020, 2021, 2022, 2023].flatMap((y) =>
      Array.from({ length: 12 }, (_, i) => agency(i, y, y === 2022 && i < 2 ? t4Blank : i === 0 && y === 2021 ? cases : {})),
    );
    const blank = (await flagsOf(rows)).filter((f) => f.kind === 'blank');
    expect(blank.map((f) => f.report_id)).toEqual(['r0-2022']);
    expect(blank[0].detail).toMatch(/表四整表空白（未填报），而同级同类机关中 83\.3% 填报了该表，本机关其他年度（或同类机关）在该表最多有 2 件/);
  });
});

describe('copy', () => {
  const narrative = (agencyName: string, k: number) =>
    `${agencyName}2022年政府信息公开工作年度报告。` +
    Array.from({ length: 40 }, (_, i) => `第${i}项工作${String.fromCharCode(0x4e00 + ((k * 997 + i * 131) % 20000), 0x4e00 + ((k * 577 + i * 71) % 20000), 0x4e00 + ((k * 311 + i * 53) % 20000))}稳步推进。`).join('');
  const withText = (r: Row, text: string): Row => {
    const s = narrativeFingerprint(text, r.agency!)!;
    return { ...r, narrative_minhash: s.minhash, narrative_shingles: s.shingles };
  };

  it('flags a report repeating its own previous year, tables and text, on the later year', async () => {
    const prev = withText(agency(0, 2021), narrative('第0市场监督管理局', 1));
    const again = withText({ ...agency(0, 2021), report_id: 'r0-2022', year: 2022 }, narrative('第0市场监督管理局', 1));
    const flags = await flagsOf([prev, again, withText(agency(1, 2022), narrative('第1市场监督管理局', 2))]);
    const copies = flags.filter((f) => f.kind === 'copy');
    expect(copies.map((f) => [f.report_id, f.related_report_id, f.severity])).toEqual([['r0-2022', 'r0-2021', 'high']]);
    expect(copies[0].detail).toMatch(/与本机关 2021 年报告雷同/);
  });

  it('flags another agency’s text copied under a new name, and tells the copier by its break with its own years', async () => {
    const rows = [2021, 2022, 2023].flatMap((y) => [0, 1].map((i) => withText(agency(i, y), narrative(`第${i}市场监督管理局`, 10 * i + y))));
    // agency 1's 2022 report is agency 0's, names changed: text and figures
    rows[3] = withText({ ...agency(0, 2022), report_id: 'r1-2022', agency: '第1市场监督管理局' }, narrative('第1市场监督管理局', 2022));
    rows[2] = withText(agency(0, 2022), narrative('第0市场监督管理局', 2022));
    const flags = await flagsOf(rows);
    const copies = flags.filter((f) => f.kind === 'copy');
    expect(copies.map((f) => [f.report_id, f.related_report_id])).toEqual([['r1-2022', 'r0-2022']]);
    expect(copies[0].detail).toMatch(/疑似抄自第0市场监督管理局 2022 年报告/);
  });

  it('leaves alone two quiet agencies whose tables are both empty and whose texts differ', async () => {
    const quiet = (i: number) => withText({ report_id: `q${i}`, agency: `q${i}`, year: 2022, values: zeros() }, narrative(`q${i}`, 100 + i));
    expect((await flagsOf([quiet(1), quiet(2)])).filter((f) => f.kind === 'copy')).toEqual([]);
  });

  it('takes a missing narrative for no evidence, not for the same text', async () => {
    // one agency's consecutive reports, no sketch (no narrative, or too short), tables differing in two cells
    const rows = [2021, 2022].map((y) => agency(0, y, { 't2.licensing.decisions': 400, 't2.penalty.decisions': 60 + y - 2021, 't3.new_received.natural_person': 100 + y - 2021 }));
    expect((await flagsOf(rows)).filter((f) => f.kind === 'copy')).toEqual([]);
  });

  /** Σ log2(1 + |v|): the information the detector requires of a table match. */
  const bits = (v: Record<string, number | null>) => Object.values(v).reduce<number>((s, x) => s + Math.log2(1 + Math.abs(x ?? 0)), 0);

  it('takes identical tables for a copy on their own only when they carry enough figures to rule out chance', async () => {
    // a township's few small figures: identical at two agencies by coincidence, their texts their own
    const few = { ...zeros(), 't3.new_received.natural_person': 2, 't3.new_received.total': 2, 't3.granted.natural_person': 2, 't3.granted.total': 2,
      't3.total.natural_person': 2, 't3.total.total': 2, 't2.normative_docs.in_force': 3 };
    expect(bits(few)).toBeGreaterThan(MIN_TABLE_BITS);
    expect(bits(few)).toBeLessThan(TABLE_ALONE_BITS);
    const sparse = (i: number) => withText({ report_id: `s${i}`, agency: `s${i}`, year: 2022, values: few }, narrative(`s${i}`, 200 + i));
    expect((await flagsOf([sparse(1), sparse(2)])).filter((f) => f.kind === 'copy')).toEqual([]);
    // a county bureau's full tables, identical at another agency whose text is its own
    const full = agency(0, 2022).values!;
    expect(bits(full)).toBeGreaterThan(TABLE_ALONE_BITS);
    const copied = await flagsOf([withText(agency(0, 2022), narrative('第0市场监督管理局', 1)), withText({ ...agency(0, 2022), report_id: 'r1-2022', agency: '第1市场监督管理局' }, narrative('第1市场监督管理局', 2))]);
    const copies = copied.filter((f) => f.kind === 'copy');
    expect(copies).toHaveLength(1);
    expect(copies[0].detail).toMatch(/表格完全相同/);
  });

  it('flags a pair whose direction the data cannot tell once, naming the other report as copying or copied, a level lower', async () => {
    // two quiet townships, empty tables, the same text under their own names, no other years to compare with
    const quiet = (i: number) => withText({ report_id: `t${i}`, agency: `t${i}镇人民政府`, year: 2022, level: 'township', agency_type: '政府', values: zeros() }, narrative(`t${i}镇人民政府`, 300));
    const copies = (await flagsOf([quiet(1), quiet(2)])).filter((f) => f.kind === 'copy');
    expect(copies).toHaveLength(1);
    const other = copies[0].report_id === 't1' ? 't2' : 't1';
    expect(copies[0]).toMatchObject({ related_report_id: other, relation: 'copies_or_copied_by', severity: 'low' });
    expect(copies[0].detail).toMatch(/抄袭或被抄袭.*表格完全相同（表格几乎全为 0，不足为证）/);
  });

  it('does not call a copied report’s empty tables its own omission', async () => {
    // agency 1 (≈100 applications a year) files a quiet agency's 2022 report, empty tables and all
    const quiet = (y: number) => withText({ report_id: `q-${y}`, agency: '静乡市场监督管理局', year: y, agency_type: '市场监管', values: zeros() }, narrative('静乡市场监督管理局', 500 + y));
    const rows = [2021, 2022, 2023].flatMap((y) => [...Array.from({ length: 12 }, (_, i) => agency(i, y)), quiet(y)]);
    const copier = withText({ ...agency(1, 2022, zeros()), report_id: 'r1-2022' }, narrative('第1市场监督管理局', 500 + 2022));
    const flags = await flagsOf([...rows.filter((r) => r.report_id !== 'r1-2022'), copier]);
    expect(flags.filter((f) => f.kind === 'copy').map((f) => [f.report_id, f.related_report_id, f.relation])).toEqual([['r1-2022', 'q-2022', 'copies']]);
    expect(flags.filter((f) => f.kind === 'blank')).toEqual([]);
  });

  it('reads a large volume’s ordinary year-to-year change as ordinary: the copier is the report whose figures come from nowhere', async () => {
    // agency 0 grants tens of thousands of licences, ±30% a year; agency 1 grants none, except in the 2022 report
    // it copied from agency 0 (figures and text, names changed). By counting noise alone agency 0's own change is
    // 39 units and agency 1's jump 11: agency 0 would be named the copier.
    const licences: Record<number, [number, number]> = { 2021: [36000, 0], 2022: [47464, 0], 2023: [36000, 0] };
    const report = (i: number, y: number) => withText(agency(i, y, { 't2.licensing.decisions': licences[y][i] }), narrative(`第${i}市场监督管理局`, 10 * i + y));
    const rows = [2021, 2022, 2023].flatMap((y) => [report(0, y), report(1, y)]);
    rows[3] = withText({ ...agency(0, 2022, { 't2.licensing.decisions': 47464 }), report_id: 'r1-2022', agency: '第1市场监督管理局' }, narrative('第1市场监督管理局', 2022));
    const copies = (await flagsOf(rows)).filter((f) => f.kind === 'copy');
    expect(copies.map((f) => [f.report_id, f.related_report_id, f.relation])).toEqual([['r1-2022', 'r0-2022', 'copies']]);
  });
});
