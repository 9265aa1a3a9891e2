// The SQL detectors and the schema's checks in src/model/checks.ts are one definition: on random reports the
// identity evidence names exactly the checks runChecks fails, and carry_over/stock exactly those crossYearChecks
// fails. Also the ordering of flags and the evaluation's arithmetic.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crossYear } from '../../src/anomalies/detectors/crossyear';
import { identity } from '../../src/anomalies/detectors/identity';
import { score } from '../../src/anomalies/evaluate';
import { toFlag, type EvidenceRow } from '../../src/anomalies/flags';
import type { Relation } from '../../src/anomalies/types';
import { crossYearChecks, runChecks, type Values } from '../../src/model/checks';
import { keysFor, standardLayout, type Layout } from '../../src/model/schema';
import { dataset } from './helpers';

const LAYOUTS: Layout[] = [standardLayout('2019'), standardLayout('2021'), { template: '2021', otherSplit: false }];

/** Random small counts, some blank, for every key of a layout. */
const values = (layout: Layout) =>
  fc.tuple(...keysFor(layout).map(() => fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.integer({ min: 0, max: 4 }) }, { weight: 1, arbitrary: fc.constant(null) })))
    .map((vs) => Object.fromEntries(keysFor(layout).map((d, i) => [d.key, vs[i]])) as Values);

async function evidenceOf(rows: Parameters<typeof dataset>[0], run: typeof identity) {
  const { db, close } = await dataset(rows);
  try {
    const selects = await run(db);
    return await db.query<{ report_id: string; what: string }>(`SELECT report_id, what FROM (${selects.join(' UNION ALL ')}) ORDER BY ALL`);
  } finally {
    close();
  }
}

describe('SQL and checks.ts agree', () => {
  it('identity: the failing checks of random reports of every layout', async () => {
    await fc.assert(
      fc.asyncProperty(fc.tuple(...LAYOUTS.map(values)), async (vs) => {
        const rows = vs.map((v, i) => ({ report_id: `r${i}`, agency: `a${i}`, year: 2022, template: LAYOUTS[i].template, other_split: LAYOUTS[i].otherSplit, values: v }));
        const expected = rows.flatMap((r, i) => runChecks(LAYOUTS[i], r.values, () => true, true).filter((c) => c.ok === false).map((c) => ({ report_id: r.report_id, what: c.id })));
        const got = await evidenceOf(rows, identity);
        const key = (x: { report_id: string; what: string }) => `${x.report_id} ${x.what}`;
        expect(got.map(key).sort()).toEqual(expected.map(key).sort());
      }),
      { numRuns: 8 },
    );
  });

  it('carry_over and stock: the failing cross-year checks of random consecutive reports', async () => {
    const layout = standardLayout('2021');
    await fc.assert(
      fc.asyncProperty(values(layout), values(layout), async (before, after) => {
        const rows = [{ report_id: 'p', agency: 'x', year: 2022, values: before }, { report_id: 'c', agency: 'x', year: 2023, values: after }];
        const expected = crossYearChecks({ year: 2022, values: before }, { year: 2023, values: after }).filter((c) => c.ok === false).map((c) => c.id);
        const got = await evidenceOf(rows, crossYear);
        expect(got.every((g) => g.report_id === 'c')).toBe(true);
        expect(got.map((g) => g.what).sort()).toEqual(expected.sort());
      }),
      { numRuns: 8 },
    );
  });
});

describe('flags', () => {
  const row = (over: Partial<EvidenceRow>): EvidenceRow => ({
    report_id: 'r', agency: '某局', year: 2022, level: 'county', agency_type: '商务', kind: 'identity', severity: 3, strength: 0.5,
    what: 't4.sum.review', cells: 't4.review.upheld,t4.review.total', ref: null, ref_agency: null, ref_year: null, a: 3, b: 1, c: 0, ...over,
  });

  it('one flag from its evidence: the strongest first, cells merged, score = severity + strength', () => {
    const f = toFlag([row({}), row({ what: 't3.flow.total', cells: 't3.total.total,t4.review.total', strength: 0.1, a: 5, b: 4 })]);
    expect(f).toMatchObject({ kind: 'identity', severity: 'high', score: 3.5, cells: ['t4.review.upheld', 't4.review.total', 't3.total.total'] });
    expect(f.detail.split('；')).toHaveLength(2);
    expect(f.detail_en).toContain('3 ≠ 1');
    expect(f.relation).toBeNull();
  });

  it('says what the related report is: copied, copying or copied when the direction is open, last year', () => {
    const copy = (what: string) => row({ kind: 'copy', what, ref: 'o', ref_agency: '另局', ref_year: 2022, a: 1, b: 0, c: 40 });
    expect(toFlag([copy('peer')]).relation).toBe('copies');
    expect(toFlag([copy('prev')]).relation).toBe('copies');
    expect(toFlag([copy('mutual')])).toMatchObject({ relation: 'copies_or_copied_by', related_report_id: 'o' });
    expect(toFlag([copy('mutual')]).detail).toMatch(/^与另局 2022 年报告雷同，抄袭或被抄袭/);
    expect(toFlag([row({ kind: 'carry_over', what: 'x.carry.total', ref: 'p' })]).relation).toBe('previous_year');
  });
});

describe('evaluation', () => {
  it('counts (report, kind) pairs of synthetic reports', () => {
    const truth = [{ report_id: 'a', kind: 'identity' }, { report_id: 'real', kind: 'identity' }, { report_id: 'gone', kind: 'blank', in_dataset: false }];
    const flags = [{ report_id: 'a', kind: 'identity' }, { report_id: 'x', kind: 'identity' }, { report_id: 'real', kind: 'identity' }];
    const s = score(truth, flags, new Set(['a', 'x', 'gone']));
    expect(s.find((k) => k.kind === 'identity')).toMatchObject({ truth: 1, flagged: 2, hits: 1, precision: 0.5, recall: 1 });
    expect(s.find((k) => k.kind === 'blank')).toMatchObject({ truth: 0, flagged: 0, precision: null, recall: null });
  });

  it('scores a copy flag by its claim: a named copier must be the copier, an open direction must name a copied pair', () => {
    // b copied c, d copied e, f copied g, h copied i
    const truth = ['bc', 'de', 'fg', 'hi'].map(([r, src]) => ({ report_id: r, kind: 'copy', copy_of: { report_id: src } }));
    const synthetic = new Set('bcdefghix');
    const flag = (report_id: string, related_report_id: string, relation: Relation) => ({ report_id, kind: 'copy', related_report_id, relation });
    const s = score(truth, [
      flag('b', 'c', 'copies'), // right
      flag('c', 'b', 'copies'), // the copied report named as the copier: wrong
      flag('e', 'd', 'copies_or_copied_by'), // the pair d–e, either way round: right, and finds d's truth row
      flag('g', 'x', 'copies_or_copied_by'), // g with a report it has nothing to do with: wrong, and f is not found
      flag('h', 'x', 'copies'), // the copier, but said to copy another report: wrong, and h's copy is not found
    ], synthetic);
    expect(s.find((k) => k.kind === 'copy')).toMatchObject({ truth: 4, flagged: 5, hits: 2, precision: 0.4, recall: 0.5 });
    expect(s.find((k) => k.kind === 'copy, direction named')).toMatchObject({ flagged: 3, hits: 1, precision: 1 / 3, recall: 0.25 });
  });
});
