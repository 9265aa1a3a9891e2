// The dashboard's SQL, run through DuckDB-WASM (the Node build of the same engine the browser uses, with the
// same Parquet → Arrow loading), checked against plain SQL written independently and run by native DuckDB.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Engine } from '../../src/db/engine';
import { defaultFilters, type Filters } from '../../src/db/filters';
import { aggExpr, ALL_METRICS, metric } from '../../src/db/metrics';
import * as Q from '../../src/db/queries';
import { ident, valueColumnsIn } from '../../src/db/sql';
import { funnelOption, outside } from '../../src/charts/funnel';
import { ALL_KEYS, columnName } from '../../src/model/schema';
import { makeFixture, nativeQuery } from './fixture';
import { nodeEngine } from './node-engine';

let dir: string;
let engine: Engine;
const native = <T = Record<string, unknown>>(sql: string) => nativeQuery<T>(dir, sql);
const f = (patch: Partial<Filters> = {}): Filters => ({ ...defaultFilters(), ...patch });
const close = (a: number | null, b: number | null) => (a == null || b == null ? expect(a).toBe(b) : expect(a).toBeCloseTo(b, 9));

beforeAll(async () => {
  dir = makeFixture('ui-query-data');
  engine = await nodeEngine(dir);
}, 120_000);

describe('filters and overview', () => {
  test('headline figures equal independent SQL under each kind of filter', async () => {
    const [{ province_code, city_code, county_code }] = await native<{ province_code: string; city_code: string; county_code: string }>(
      `SELECT province_code, city_code, county_code FROM reports WHERE county_code IS NOT NULL GROUP BY ALL ORDER BY count(*) DESC, 1, 2, 3 LIMIT 1`);
    const cases: [Partial<Filters>, string][] = [
      [{}, 'true'],
      [{ from: 2021, to: 2023 }, 'year BETWEEN 2021 AND 2023'],
      [{ from: 2023, to: 2021 }, 'year BETWEEN 2021 AND 2023'],
      [{ province: province_code }, `province_code = '${province_code}'`],
      [{ province: province_code, city: city_code }, `city_code = '${city_code}'`],
      [{ province: province_code, city: city_code, county: county_code }, `county_code = '${county_code}'`],
      [{ level: 'county' }, `level = 'county'`],
      [{ field: '政府' }, `agency_type = '政府'`],
      [{ template: '2019' }, `template = '2019'`],
      [{ template: 'hybrid' }, `template = '2021' AND NOT other_split`],
      [{ real: 'real' }, 'is_real'],
      [{ real: 'synthetic' }, 'NOT is_real'],
    ];
    for (const [patch, where] of cases) {
      const [got] = await engine.query<Record<string, number | null>>(Q.overviewTotals(f(patch)));
      const [want] = await native<Record<string, number | null>>(`SELECT count(*) reports, count(*) FILTER (WHERE is_real) real_reports, count(DISTINCT agency_id) agencies,
        sum(t3__new_received__total)::DOUBLE received,
        sum(coalesce(t3__granted__total, 0) + coalesce(t3__partial__total, 0)) / nullif(sum(coalesce(t3__total__total, 0)), 0) AS granted,
        sum(coalesce(t4__review__corrected, 0)) / nullif(sum(coalesce(t4__review__total, 0) - coalesce(t4__review__pending, 0)), 0) AS review,
        sum(t2__licensing__decisions)::DOUBLE licensing FROM reports WHERE ${where}`);
      expect(got.reports, where).toBe(want.reports);
      expect(got.real_reports, where).toBe(want.real_reports);
      expect(got.agencies, where).toBe(want.agencies);
      for (const k of ['received', 'granted', 'review', 'licensing']) close(got[k], want[k]);
    }
  });

  test('trends by year and the real/synthetic split', async () => {
    const got = await engine.query<Record<string, number>>(Q.overviewByYear(f({ level: 'county' })));
    const want = await native(`SELECT year, sum(t3__new_received__total)::DOUBLE received, sum(t3__total__total)::DOUBLE handled,
      sum(t3__carried_forward__total)::DOUBLE carried_forward, count(*) FILTER (WHERE is_real) AS real_reports,
      count(*) FILTER (WHERE NOT is_real) AS synthetic_reports FROM reports WHERE level = 'county' GROUP BY year ORDER BY year`);
    expect(got.map(({ year, received, handled, carried_forward, real_reports, synthetic_reports }) => ({ year, received, handled, carried_forward, real_reports, synthetic_reports }))).toEqual(want);
    const all = await engine.query<Record<string, number>>(Q.overviewByYear(f()));
    expect(all.some((r) => r.real_reports > 0)).toBe(true);
  });

  test('user input reaches SQL only as parameters: hostile filter values match nothing and break nothing', async () => {
    const hostile = ["x' OR '1'='1", "'; DROP TABLE reports; --", '\\', '政府" OR 1=1'];
    for (const h of hostile) {
      const [k] = await engine.query<{ reports: number }>(Q.overviewTotals(f({ field: h })));
      expect(k.reports).toBe(0);
      expect(await engine.query(Q.agencyInfo(h))).toEqual([]);
      expect(await engine.query(Q.agencyByName(h))).toEqual([]);
    }
    const [{ n }] = await engine.query<{ n: number }>({ sql: 'SELECT count(*)::INTEGER n FROM reports', params: [] });
    expect(n).toBeGreaterThan(0);
    expect(() => ident('year; DROP TABLE reports')).toThrow(/unknown column/);
  });
});

describe('compare', () => {
  test('every value key and derived rate is a metric with SQL that runs', async () => {
    expect(ALL_METRICS.length).toBe(ALL_KEYS.length + 7);
    const [row] = await engine.query<Record<string, number | null>>({
      sql: `SELECT ${ALL_METRICS.map((m, i) => `${aggExpr(m)} AS m${i}`).join(', ')} FROM reports`,
      params: [],
    });
    expect(Object.keys(row)).toHaveLength(ALL_METRICS.length);
  });

  test('series for chosen agencies, peer median and ranking equal independent SQL', async () => {
    const ids = (await native<{ agency_id: string }>(`SELECT agency_id FROM agencies ORDER BY reports DESC, agency_id LIMIT 2`)).map((r) => r.agency_id);
    const m = metric('rate.share_granted')!;
    const got = await engine.query(Q.compareSeries(f({ level: 'township' }), m, ids));
    const want = await native(`SELECT r.agency_id, a.agency, r.year,
      sum(coalesce(t3__granted__total, 0) + coalesce(t3__partial__total, 0))::DOUBLE / nullif(sum(coalesce(t3__total__total, 0)), 0) AS value
      FROM reports r JOIN agencies a USING (agency_id) WHERE r.agency_id IN ('${ids.join("','")}') GROUP BY ALL ORDER BY r.year, a.agency`);
    expect(got).toEqual(want);
    const med = await engine.query(Q.peerMedian(f({ from: 2022, to: 2022 }), metric('t3.new_received.total')!));
    const [wantMed] = await native<{ median: number }>(`SELECT median(t3__new_received__total::DOUBLE) median FROM reports WHERE year = 2022`);
    expect(med).toHaveLength(1);
    close(med[0].median as number, wantMed.median);
    const rank = await engine.query<{ rank: number; agency_id: string; value: number; prev: number | null }>(Q.ranking(f(), metric('t2.licensing.decisions')!, 2024, 5));
    const top = await native<{ agency_id: string; v: number; p: number | null }>(`SELECT c.agency_id, c.v, p.v p FROM
      (SELECT agency_id, sum(t2__licensing__decisions)::DOUBLE v FROM reports WHERE year = 2024 GROUP BY 1) c
      LEFT JOIN (SELECT agency_id, sum(t2__licensing__decisions)::DOUBLE v FROM reports WHERE year = 2023 GROUP BY 1) p USING (agency_id)
      WHERE c.v IS NOT NULL ORDER BY c.v DESC LIMIT 5`);
    expect(rank.map((r) => r.value)).toEqual(top.map((r) => r.v));
    expect(rank[0].rank).toBe(1);
    expect(rank[0].prev).toBe(top[0].p);
  });
});

describe('volumes, licensing, appeals', () => {
  test('outcome shares add up to one and match the counts', async () => {
    const rows = await engine.query<Record<string, number>>(Q.outcomesByYear(f()));
    for (const r of rows) {
      const shares = Q.OUTCOME_PARTS.reduce((s, p) => s + r[`share_${p.id}`], 0);
      expect(shares).toBeCloseTo(1, 9);
      const all = Q.OUTCOME_PARTS.reduce((s, p) => s + r[p.id], 0);
      expect(r.share_granted).toBeCloseTo(r.granted / all, 12);
    }
    const [want] = await native<{ g: number }>(`SELECT sum(t3__granted__total)::DOUBLE g FROM reports WHERE year = ${rows[0].year}`);
    expect(rows[0].granted).toBe(want.g);
  });

  test('volumes by place carry region names; decisions compare across templates', async () => {
    const by = await engine.query<{ code: string; name: string; received: number; granted: number; reports: number }>(Q.volumesBy(f(), 'city'));
    const want = await native<{ code: string; name: string; received: number }>(`SELECT r.city_code AS code, any_value(a.city) AS name, sum(t3__new_received__total)::DOUBLE AS received
      FROM reports r JOIN agencies a USING (agency_id) GROUP BY r.city_code ORDER BY received DESC NULLS LAST, code LIMIT 30`);
    expect(by.map(({ code, name, received }) => ({ code, name, received }))).toEqual(want);
    const years = await engine.query<{ year: number; licensing: number; on_2019: number; on_2021: number }>(Q.decisionsByYear(f()));
    expect(years.find((y) => y.year === 2019)!.on_2019).toBeGreaterThan(0);
    expect(years.find((y) => y.year === 2024)!.on_2021).toBeGreaterThan(0);
    expect(years.every((y) => y.licensing > 0)).toBe(true);
  });

  test('funnel: pooled rate and per-agency rates from SQL; limits flag only what lies outside', async () => {
    const rows = await engine.query<{ agency_id: string; decided: number; corrected: number; rate: number; pooled: number }>(Q.funnel(f(), 'review'));
    const [want] = await native<{ p: number; n: number }>(`SELECT sum(coalesce(t4__review__corrected, 0)) / sum(coalesce(t4__review__total, 0) - coalesce(t4__review__pending, 0)) p,
      count(*) FILTER (WHERE d > 0) n FROM (SELECT agency_id, sum(coalesce(t4__review__corrected, 0)) t4__review__corrected, sum(coalesce(t4__review__total, 0)) t4__review__total,
      sum(coalesce(t4__review__pending, 0)) t4__review__pending, sum(coalesce(t4__review__total, 0) - coalesce(t4__review__pending, 0)) d FROM reports GROUP BY 1)`);
    expect(rows).toHaveLength(want.n);
    close(rows[0].pooled, want.p);
    for (const r of rows) expect(r.rate).toBeCloseTo(r.corrected / r.decided, 12);
    const option = funnelOption({ points: rows.map((r) => ({ name: r.agency_id, decided: r.decided, rate: r.rate })), pooled: want.p, labels: { x: 'x', y: 'y', pooled: 'p', l95: 'a', l998: 'b' } });
    expect(option.series[0].data).toHaveLength(rows.length);
    expect(outside(Math.round(want.p * 1000), 1000, want.p)).toBe(false);
    expect(outside(1000, 1000, want.p)).toBe(true);
  });
});

describe('profile and drop', () => {
  test('detail rows load for one agency only, and equal the files', async () => {
    const [a] = await native<{ agency_id: string }>(`SELECT agency_id FROM reports GROUP BY 1 ORDER BY sum(checks_failed) DESC, 1 LIMIT 1`);
    const reps = await engine.query<{ report_id: string }>(Q.agencyReports(a.agency_id));
    expect(reps.length).toBeGreaterThan(1);
    await engine.ensureDetail(reps.map((r) => r.report_id));
    const [{ n }] = await engine.query<{ n: number }>({ sql: 'SELECT count(DISTINCT report_id)::INTEGER n FROM cells', params: [] });
    expect(n).toBe(reps.length);
    for (const r of reps) {
      const cells = await engine.query(Q.reportCells(r.report_id));
      const want = await native(`SELECT key, value, status, raw, page, line FROM cells WHERE report_id = '${r.report_id}'`);
      expect(new Set(cells.map((c) => JSON.stringify(c)))).toEqual(new Set(want.map((c) => JSON.stringify(c))));
      const checks = await engine.query<{ check_id: string; ok: boolean }>(Q.reportChecks(r.report_id));
      const wantChecks = await native<{ check_id: string; ok: boolean }>(`SELECT check_id, ok FROM checks WHERE report_id = '${r.report_id}' ORDER BY ok NULLS FIRST, check_id`);
      expect(checks.map((c) => [c.check_id, c.ok])).toEqual(wantChecks.map((c) => [c.check_id, c.ok]));
    }
  });

  test('a dropped report is placed among its peers with the same SQL as everyone', async () => {
    const [r] = await native<Record<string, number | string>>(`SELECT * FROM reports WHERE year = 2023 AND level = 'county' ORDER BY report_id LIMIT 1`);
    const values = Object.fromEntries(ALL_KEYS.map((d) => [d.key, (r[columnName(d.key)] as number | null) ?? null]));
    await engine.query(Q.droppedTable(values, ALL_KEYS.map((d) => d.key)));
    const stats = await engine.query<{ metric: string; value: number; peers: number; median: number; percentile: number }>(Q.peerStats({ year: 2023, level: 'county', field: null }, f()));
    const recv = stats.find((s) => s.metric === 't3.new_received.total')!;
    const [want] = await native<{ peers: number; median: number; pct: number }>(`SELECT count(t3__new_received__total) peers, median(t3__new_received__total::DOUBLE) median,
      (count(*) FILTER (WHERE t3__new_received__total < ${r.t3__new_received__total}) + 0.5 * count(*) FILTER (WHERE t3__new_received__total = ${r.t3__new_received__total}))
        / count(t3__new_received__total) pct FROM reports WHERE year = 2023 AND level = 'county'`);
    expect(recv.value).toBe(r.t3__new_received__total);
    expect(recv.peers).toBe(want.peers);
    close(recv.median, want.median);
    close(recv.percentile, want.pct);
  });
});

describe('engine', () => {
  test('columns load on first use and only then', async () => {
    expect(valueColumnsIn('SELECT "t3__denied__state_secret__research" FROM reports')).toEqual(['t3__denied__state_secret__research']);
    const fresh = await nodeEngine(dir);
    const describe = async () => (await fresh.query<{ column_name: string }>({ sql: 'DESCRIBE reports', params: [] })).map((c) => c.column_name);
    expect(await describe()).not.toContain('t3__denied__state_secret__research');
    const [{ s }] = await fresh.query<{ s: number }>({ sql: 'SELECT sum(t3__denied__state_secret__research)::DOUBLE s FROM reports', params: [] });
    const [{ w }] = await native<{ w: number }>('SELECT sum(t3__denied__state_secret__research)::DOUBLE w FROM reports');
    expect(s).toBe(w);
    expect(await describe()).toContain('t3__denied__state_secret__research');
    const rows = await fresh.query(Q.filteredReports(f({ from: 2025, to: 2025 }), ['report_id', 'agency', 't2__fees__amount_wan']));
    const [{ n }] = await native<{ n: number }>('SELECT count(*) n FROM reports WHERE year = 2025');
    expect(rows).toHaveLength(n);
  });
});

describe('rollup tables', () => {
  const summedQueries: [string, (x: Filters) => import('../../src/db/sql').Query][] = [
    ['composition', Q.composition], ['overviewByYear', Q.overviewByYear], ['overviewTotals', Q.overviewTotals],
    ['applicantsByYear', Q.applicantsByYear], ['outcomesByYear', Q.outcomesByYear], ['carryByYear', Q.carryByYear],
    ['volumesBy province', (x) => Q.volumesBy(x, 'province')], ['volumesBy level', (x) => Q.volumesBy(x, 'level')],
    ['volumesBy field', (x) => Q.volumesBy(x, 'agency_type')], ['decisionsByYear', Q.decisionsByYear],
    ['decisionsByField', Q.decisionsByField], ['appealOutcomes', Q.appealOutcomes], ['appealRatesByYear', Q.appealRatesByYear],
  ];
  const sameRows = (got: Record<string, unknown>[], want: Record<string, unknown>[], what: string) => {
    expect(got.length, what).toBe(want.length);
    got.forEach((g, i) => {
      expect(Object.keys(g).sort(), what).toEqual(Object.keys(want[i]).sort());
      for (const [k, v] of Object.entries(want[i])) {
        if (typeof v === 'number' && typeof g[k] === 'number') expect(g[k] as number, `${what}: ${k}`).toBeCloseTo(v, 9);
        else expect(g[k], `${what}: ${k}`).toEqual(v);
      }
    });
  };

  test('every summed figure is the same from the rollup as from reports, under each kind of filter', async () => {
    const fresh = await nodeEngine(dir);
    const [{ province_code }] = await native<{ province_code: string }>(`SELECT province_code FROM reports GROUP BY ALL ORDER BY count(*) DESC, 1 LIMIT 1`);
    // Asking each question once has the engine build the rollup for all of their columns.
    for (const [, make] of summedQueries) await fresh.query(make(f()));
    await fresh.settled();
    const [{ rows }] = await fresh.query<{ rows: number }>({ sql: 'SELECT count(*)::INTEGER AS rows FROM reports_rollup', params: [] });
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan(fresh.reportCount);
    const cases: Partial<Filters>[] = [
      {}, { from: 2021, to: 2023 }, { from: 2023, to: 2021 }, { province: province_code }, { level: 'county' }, { field: '政府' },
      { template: '2019' }, { template: '2021' }, { template: 'hybrid' }, { real: 'real' }, { real: 'synthetic' },
      { from: 2024, to: 2024, level: 'township', real: 'synthetic' }, { field: "x' OR '1'='1" },
    ];
    for (const patch of cases) {
      for (const [name, make] of summedQueries) {
        const q = make(f(patch));
        expect(q.rollup, name).toBeDefined();
        const raw = await fresh.query({ ...q, rollup: undefined });
        const rolled = await fresh.query(q.rollup!);
        sameRows(rolled, raw, `${name} ${JSON.stringify(patch)}`);
      }
    }
    // Under a city or county the question goes to reports (the rollup's only place is the province).
    const [{ city_code }] = await native<{ city_code: string }>(`SELECT city_code FROM reports WHERE city_code IS NOT NULL LIMIT 1`);
    expect(Q.overviewByYear(f({ city: city_code })).rollup).toBeUndefined();
    expect(Q.volumesBy(f(), 'city').rollup).toBeUndefined();
  });

  test('the distinct-agency count from the masks equals count(DISTINCT agency_id) for every year range, template and data choice', async () => {
    const [k] = await engine.query<{ agencies: number }>(Q.overviewTotals(f()));
    await engine.settled();
    for (const template of [null, '2019', '2021', 'hybrid'] as const) {
      for (const real of ['both', 'real', 'synthetic'] as const) {
        for (const [from, to] of [[2019, 2025], [2020, 2020], [2022, 2024]]) {
          const q = Q.overviewTotals(f({ template, real, from, to }));
          const [{ agencies }] = await engine.query<{ agencies: number }>(q.rollup!);
          const [{ want }] = await native<{ want: number }>(`SELECT count(DISTINCT agency_id) want FROM reports WHERE year BETWEEN ${from} AND ${to}
            ${template === '2019' ? "AND template = '2019'" : template === '2021' ? "AND template = '2021' AND other_split" : template === 'hybrid' ? "AND template = '2021' AND NOT other_split" : ''}
            ${real === 'real' ? 'AND is_real' : real === 'synthetic' ? 'AND NOT is_real' : ''}`);
          expect(agencies, JSON.stringify({ template, real, from, to })).toBe(want);
        }
      }
    }
    expect(k.agencies).toBeGreaterThan(0);
  });
});
