// Every kind of document the generator writes goes through the real parser and comes back as the values it
// printed: each delimited format × blank style × layout, GBK pages, and the reports with injected problems.
import { describe, expect, it } from 'vitest';
import { parseReportSync } from '../../src/parse';
import { readProse } from '../../src/parse/prose';
import { panelSeries, renderReport, type SeriesReport } from '../../src/synth';

const SEED = 11;
const picked = new Map<string, SeriesReport[]>();
for (const r of panelSeries({ seed: SEED, province: '64' })) {
  const s = r.style;
  const strata = [
    `${s.format}|${s.zeros}|${s.blankText}|${r.layout.template}|${r.layout.otherSplit}`,
    `${s.format}|gbk=${s.gbk}|labels=${JSON.stringify(s.labels)}`,
    `${s.format}|thousands=${s.thousands}|yuan=${s.yuanProcurement}|signed=${s.signedChange}|split=${s.splitDigits}|chrome=${s.chrome}|short=${s.shortTitle}`,
    ...r.truth.filter((t) => !t.via).map((t) => `${s.format}|${t.kind}|${t.detail.slice(0, 12)}`),
  ];
  for (const key of strata) {
    const list = picked.get(key) ?? [];
    if (list.length < 2) picked.set(key, [...list, r]);
  }
}
// Crawler text (cells run together) has its own test below: there a cell may honestly come back ambiguous.
const sample = [...new Map([...picked.values()].flat().filter((r) => r.style.format !== 'crawl').map((r) => [`${r.agency.name}|${r.year}`, r])).values()];

const same = (a: number | null | undefined, b: number | null | undefined) => a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)));

describe('synthetic documents through the real parser', () => {
  it('covers every format, blank style and layout', () => {
    const formats = new Set(sample.map((r) => r.style.format));
    expect([...formats].sort()).toEqual(['cells', 'html', 'markdown', 'spaces', 'tab', 'word']);
    expect(new Set(sample.map((r) => r.style.zeros)).size).toBe(4);
    expect(sample.some((r) => r.style.gbk)).toBe(true);
    expect(sample.some((r) => r.layout.template === '2021' && !r.layout.otherSplit)).toBe(true);
    expect(sample.length).toBeGreaterThan(150);
  });

  it('reads back the agency, year, layout and every printed value', () => {
    const failures: string[] = [];
    for (const r of sample) {
      const { input } = renderReport(SEED, r);
      let rec;
      try {
        rec = parseReportSync({ name: input.source, bytes: input.bytes });
      } catch (e) {
        failures.push(`${input.source}: ${(e as Error).message}`);
        continue;
      }
      const wrong: string[] = [];
      if (rec.agency !== r.agency.name) wrong.push(`agency ${rec.agency}`);
      if (rec.year !== r.year) wrong.push(`year ${rec.year}`);
      if (rec.layout.template !== r.layout.template || rec.layout.otherSplit !== r.layout.otherSplit) wrong.push(`layout ${JSON.stringify(rec.layout)}`);
      for (const [k, v] of Object.entries(r.values)) if (!same(v, rec.values[k])) wrong.push(`${k} ${v}→${rec.values[k]}`);
      if (wrong.length) failures.push(`${input.source} [${r.style.format}/${r.style.zeros}/'${r.style.blankText}']: ${wrong.slice(0, 6).join(', ')}`);
    }
    expect(failures).toEqual([]);
  });

  it('reads the totals the prose states, wherever the paragraph stands (before, between or after the tables)', () => {
    const missed: string[] = [];
    for (const r of sample) {
      const { input } = renderReport(SEED, r);
      const rec = parseReportSync({ name: input.source, bytes: input.bytes });
      const n = r.narrative;
      const stated = readProse([n.title, ...n.preface, ...n.overview.flatMap((x) => [x.heading, ...x.paragraphs]), ...n.afterTable4, ...n.problems, ...n.other].join('\n'));
      for (const f of stated) if (!rec.prose.some((p) => p.key === f.key && p.value === f.value)) missed.push(`${input.source}: ${f.quote}`);
    }
    expect(missed).toEqual([]);
  });
});

describe('crawler text (cells run together) through the real parser', () => {
  // Issue 2's contract for run-together digits: recover the split from the identities, or leave the cells null
  // as ambiguous; never a wrong number. Rendered from honest reports that print every cell (no blanks).
  const reports = [...panelSeries({ seed: SEED, province: '64', reports: 1400 })].filter((r) => !Object.values(r.values).some((v) => v === null)).slice(0, 120);

  it('reads every value right or leaves it null as ambiguous', () => {
    const wrong: string[] = [];
    let exact = 0;
    for (const r of reports) {
      const { input } = renderReport(SEED, { ...r, style: { ...r.style, format: 'crawl' } });
      const rec = parseReportSync({ name: input.source, bytes: input.bytes });
      const bad = Object.entries(r.values).filter(([k, v]) => !same(v, rec.values[k]) && !(rec.values[k] === null && rec.cells[k]?.status === 'ambiguous'));
      if (bad.length) wrong.push(`${input.source}: ${bad.slice(0, 4).map(([k, v]) => `${k} ${v}→${rec.values[k]}`).join(', ')}`);
      if (Object.entries(r.values).every(([k, v]) => same(v, rec.values[k]))) exact++;
    }
    expect(wrong).toEqual([]);
    expect(exact).toBeGreaterThan(reports.length / 2);
  });
});

describe('short titles completed from the body', () => {
  // "县教育体育局2023年…" in the title, "康县教育体育局" in the body (甘肃 has 康县, 宁县, 环县, 漳县, 徽县 …);
  // "州卫生健康委员会2023年…" for 甘南藏族自治州卫生健康委员会.
  const oneCharCounty: SeriesReport[] = [];
  const autonomousPrefecture: SeriesReport[] = [];
  for (const r of panelSeries({ seed: SEED, province: '62' })) {
    if (!r.style.shortTitle || r.agency.kind !== 'department') continue;
    if (r.agency.county?.length === 2 && oneCharCounty.length < 12) oneCharCounty.push(r);
    if (r.agency.level === 'prefecture' && r.agency.city?.endsWith('自治州') && autonomousPrefecture.length < 12) autonomousPrefecture.push(r);
    if (oneCharCounty.length + autonomousPrefecture.length >= 24) break;
  }

  it('names the agency in full', () => {
    expect(oneCharCounty.length).toBe(12);
    expect(autonomousPrefecture.length).toBe(12);
    const names = [...oneCharCounty, ...autonomousPrefecture].map((r) => {
      const { input } = renderReport(SEED, r);
      return `${r.agency.name} → ${parseReportSync({ name: input.source, bytes: input.bytes }).agency}`;
    });
    expect(names.filter((n) => n.split(' → ')[0] !== n.split(' → ')[1])).toEqual([]);
  });
});
