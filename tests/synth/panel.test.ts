import { describe, expect, it } from 'vitest';
import { crossYearChecks, runChecks } from '../../src/model/checks';
import { keysFor } from '../../src/model/schema';
import { generatePanel, panelSeries, planPanel, type SeriesReport } from '../../src/synth';
import { readProse } from '../../src/parse/prose';
import { STATED_KEYS } from '../../src/synth/prose';

/** A small province's whole panel (宁夏, about 7,400 reports), generated once for the tests below. */
const PROVINCE = '64';
const panel: SeriesReport[] = [...panelSeries({ seed: 7, province: PROVINCE })];
const byAgency = new Map<string, SeriesReport[]>();
for (const r of panel) byAgency.set(r.agency.name, [...(byAgency.get(r.agency.name) ?? []), r]);
const pairs = [...byAgency.values()].flatMap((rs) => rs.slice(1).map((cur, i) => [rs[i], cur] as const));
const kinds = (r: SeriesReport) => new Set(r.truth.map((t) => t.kind));

describe('synthetic panel', () => {
  it('is deterministic: the same seed gives the same documents and truth, another seed others', () => {
    const a = [...generatePanel({ seed: 3, reports: 60 })];
    const b = [...generatePanel({ seed: 3, reports: 60 })];
    const c = [...generatePanel({ seed: 4, reports: 60 })];
    expect(a.map((r) => r.input.source)).toEqual(b.map((r) => r.input.source));
    expect(a.map((r) => Buffer.from(r.input.bytes).toString('base64'))).toEqual(b.map((r) => Buffer.from(r.input.bytes).toString('base64')));
    expect(a.map((r) => r.truth)).toEqual(b.map((r) => r.truth));
    expect(c.map((r) => Buffer.from(r.input.bytes).toString('base64'))).not.toEqual(a.map((r) => Buffer.from(r.input.bytes).toString('base64')));
  });

  it('gives every agency of the universe a report for each year 2019–2025 by default, and samples for --reports', () => {
    const plan = planPanel({ seed: 7, province: PROVINCE });
    expect(panel.length).toBe(plan.capacity);
    expect([...byAgency.values()].every((rs) => rs.map((r) => r.year).join() === '2019,2020,2021,2022,2023,2024,2025')).toBe(true);
    const sample = [...panelSeries({ seed: 7, reports: 100, province: PROVINCE })];
    expect(sample.length).toBe(100);
    expect(new Set(sample.map((r) => r.agency.name)).size).toBe(15);
    expect(() => planPanel({ seed: 7, reports: plan.capacity + 1, province: PROVINCE })).toThrow(/universe holds/);
  });

  it('goes past the universe only when asked (repeat), with further panels under the next seeds', () => {
    const plan = planPanel({ seed: 7, province: PROVINCE });
    let n = 0;
    const tail: string[] = [];
    for (const r of generatePanel({ seed: 7, province: PROVINCE, reports: plan.capacity + 9, repeat: true })) {
      n++;
      if (n > plan.capacity) tail.push(r.input.source);
    }
    expect(n).toBe(plan.capacity + 9);
    expect(tail.every((s) => s.startsWith('synthetic://8/'))).toBe(true);
  });

  it('holds a value for every key of each report layout, with the template rules of 2019 and 2021', () => {
    for (const r of panel) {
      expect(Object.keys(r.values).sort()).toEqual(keysFor(r.layout).map((d) => d.key).sort());
      if (r.year <= 2020) expect(r.layout.template).toBe('2019');
      if (!kinds(r).has('template')) expect(r.layout).toEqual(r.year <= 2020 ? { template: '2019', otherSplit: false } : { template: '2021', otherSplit: true });
    }
  });

  it('keeps every identity of checks.ts in reports without an injected in-report problem', () => {
    let checked = 0;
    for (const r of panel) {
      const failing = runChecks(r.layout, r.values).filter((c) => c.ok === false);
      if (!kinds(r).has('identity')) {
        expect(failing.map((c) => c.id), `${r.agency.name} ${r.year}`).toEqual([]);
        checked++;
      } else expect(failing.length).toBeGreaterThan(0);
    }
    expect(checked).toBeGreaterThan(panel.length * 0.95);
  });

  it('links consecutive years: 上年结转 = last 结转下年度, 现行有效 = last + 制发 − 废止, unless a problem says otherwise', () => {
    let carry = 0;
    let stock = 0;
    for (const [prev, cur] of pairs) {
      const results = crossYearChecks({ year: prev.year, values: prev.values }, { year: cur.year, values: cur.values });
      for (const c of results) {
        const kind = c.id.startsWith('x.carry') ? 'carry_over' : 'stock';
        if (c.ok === false) expect(kinds(cur).has(kind), `${cur.agency.name} ${cur.year} ${c.id}`).toBe(true);
        else if (c.ok) kind === 'carry_over' ? carry++ : stock++;
      }
      if (!kinds(cur).has('carry_over')) {
        for (const col of ['natural_person', 'total']) {
          const a = cur.values[`t3.carried_over.${col}`];
          const b = prev.values[`t3.carried_forward.${col}`];
          if (a != null && b != null) expect(a).toBe(b);
        }
      }
    }
    expect(carry).toBeGreaterThan(pairs.length);
    expect(stock).toBeGreaterThan(pairs.length * 0.5);
    // the links carry real numbers, not only zeros
    expect(pairs.filter(([p, c]) => (c.values['t3.carried_over.total'] ?? 0) > 0 && c.values['t3.carried_over.total'] === p.values['t3.carried_forward.total']).length).toBeGreaterThan(50);
  });

  it('writes truth that matches what was changed, kind by kind', () => {
    const seen = new Set<string>();
    for (const r of panel) {
      for (const t of r.truth) {
        seen.add(t.kind);
        const cells = t.cells.filter((c) => !c.includes(':'));
        switch (t.kind) {
          case 'identity':
            expect(runChecks(r.layout, r.values).some((c) => c.ok === false && c.cells.some((k) => t.cells.includes(k)))).toBe(true);
            break;
          case 'carry_over':
          case 'stock': {
            const prev = byAgency.get(r.agency.name)!.find((x) => x.year === r.year - 1)!;
            const failing = crossYearChecks({ year: prev.year, values: prev.values }, { year: r.year, values: r.values }).filter((c) => c.ok === false);
            expect(failing.some((c) => c.id.startsWith(t.kind === 'carry_over' ? 'x.carry' : 'x.stock'))).toBe(true);
            break;
          }
          case 'blank': {
            // before the site's blank-for-zero style, which may print some of the zeros blank
            const vs = cells.map((k) => r.numbers[k]);
            expect(vs.every((v) => v === null) || vs.every((v) => v === 0)).toBe(true);
            break;
          }
          case 'copy': {
            const source = byAgency.get(t.copyOf!.agency)!.find((x) => x.year === t.copyOf!.year)!;
            const differing = Object.keys(r.numbers).filter((k) => r.numbers[k] !== source.numbers[k]);
            expect(differing.every((k) => k === 't2.licensing.decisions' || k === 't2.penalty.decisions'), differing.join()).toBe(true);
            expect(r.narrative.problems).toEqual(source.narrative.problems.map((s) => s.replace(/20\d\d/g, (y) => String(+y + (r.year - source.year))).split(source.agency.name).join(r.agency.name).split(source.agency.short).join(r.agency.short)));
            break;
          }
          case 'template':
            expect(r.layout.template === '2019' ? r.year >= 2021 : !r.layout.otherSplit).toBe(true);
            break;
          case 'text_table': {
            const fact = readProse(narrativeText(r)).find((f) => f.key === t.cells[0]);
            expect(STATED_KEYS).toContain(t.cells[0]);
            expect(fact, `${r.agency.name} ${r.year} ${t.detail}`).toBeDefined();
            expect(fact!.value).not.toBe(r.values[t.cells[0]] ?? 0);
            break;
          }
          case 'implausible': {
            const v = (k: string) => (r.values[k] as number) ?? 0;
            const ok =
              (cells.some((k) => k.startsWith('t2.regulations')) && !r.agency.makesRegulations && cells.some((k) => v(k) > 0)) ||
              (cells[0] === 't2.licensing.decisions' && cells.length === 1 && (v(cells[0]) < 0 || r.agency.kind === 'department')) ||
              (cells.some((k) => k.endsWith('.corrected')) && v(cells[0]) > v(cells[1])) ||
              cells.some((k) => v(k) < 0);
            expect(ok, `${r.agency.name} ${r.year} ${t.detail}`).toBe(true);
            break;
          }
          case 'jump': {
            const prev = byAgency.get(r.agency.name)!.find((x) => x.year === r.year - 1)!;
            const key = t.cells[0];
            expect(((r.values[key] as number) ?? 0) + 1).toBeGreaterThan(3 * (((prev.values[key] as number) ?? 0) + 1));
            break;
          }
          case 'outlier':
            expect(cells.length).toBeGreaterThan(0);
            break;
        }
      }
    }
    expect([...seen].sort()).toEqual(['blank', 'carry_over', 'copy', 'identity', 'implausible', 'jump', 'outlier', 'stock', 'template', 'text_table']);
  });

  it('states totals in the prose that agree with the tables unless a text_table problem was injected', () => {
    let stated = 0;
    for (const r of panel) {
      if (kinds(r).has('text_table')) continue;
      for (const f of readProse(narrativeText(r))) {
        const table = f.key.split('+').reduce((a, k) => a + ((r.values[k] as number) ?? 0), 0);
        expect(f.value, `${r.agency.name} ${r.year} ${f.quote}`).toBe(table);
        stated++;
      }
    }
    expect(stated).toBeGreaterThan(panel.length);
  });

  it('keeps the injected problems at a small documented rate', () => {
    const affected = panel.filter((r) => r.truth.length > 0).length / panel.length;
    expect(affected).toBeGreaterThan(0.02);
    expect(affected).toBeLessThan(0.08);
    const kindCount = (k: string) => panel.filter((r) => r.truth.some((t) => t.kind === k && !t.via)).length;
    for (const k of ['identity', 'carry_over', 'stock', 'copy', 'template', 'blank', 'implausible', 'text_table', 'outlier']) expect(kindCount(k), k).toBeGreaterThanOrEqual(10);
  });
});

function narrativeText(r: SeriesReport): string {
  const n = r.narrative;
  return [n.title, ...n.preface, ...n.overview.flatMap((s) => [s.heading, ...s.paragraphs]), ...n.afterTable4, ...n.problems, ...n.other].join('\n');
}
