// Pure parts of the dashboard: URL state, CSV, funnel limits, export framing, Parquet export, source wording.
import fc from 'fast-check';
import { parquetReadObjects } from 'hyparquet';
import { describe, expect, test } from 'vitest';
import { filtersInWords, sourceKind } from '../../src/app/context';
import { defaultState, parseState, serializeState, VIEWS, type AppState } from '../../src/app/url';
import { KINDS } from '../../src/anomalies/types';
import { binomialQuantile, controlLimits, normalQuantile } from '../../src/charts/funnel';
import { ALL_METRICS } from '../../src/db/metrics';
import { DIMENSIONS } from '../../src/db/queries';
import { toCsv } from '../../src/export/csv';
import { framedOption } from '../../src/export/image';
import { toParquet } from '../../src/export/parquet';
import { t } from '../../src/i18n';
import { ADMIN_LEVELS, REPORT_COLUMNS } from '../../src/model/dataset';

const state: fc.Arbitrary<AppState> = fc.record({
  view: fc.constantFrom(...VIEWS),
  filters: fc.record({
    from: fc.integer({ min: 2019, max: 2025 }),
    to: fc.integer({ min: 2019, max: 2025 }),
    province: fc.option(fc.stringMatching(/^\d{2}$/), { nil: null }),
    city: fc.option(fc.stringMatching(/^\d{4}$/), { nil: null }),
    county: fc.option(fc.stringMatching(/^\d{6}$/), { nil: null }),
    level: fc.option(fc.constantFrom(...ADMIN_LEVELS.map((l) => l.key)), { nil: null }),
    field: fc.option(fc.constantFrom('政府', '商务', '公安', 'a&b=c'), { nil: null }),
    template: fc.option(fc.constantFrom('2019' as const, '2021' as const, 'hybrid' as const), { nil: null }),
    real: fc.constantFrom('both' as const, 'real' as const, 'synthetic' as const),
  }),
  agencies: fc.array(fc.stringMatching(/^[0-9a-f]{12}$/), { maxLength: 5 }),
  metric: fc.constantFrom(...ALL_METRICS.map((m) => m.id)),
  chart: fc.constantFrom('bar' as const, 'line' as const),
  dim: fc.constantFrom(...DIMENSIONS),
  block: fc.constantFrom('review' as const, 'suit' as const),
  agency: fc.option(fc.stringMatching(/^[0-9a-f]{12}$/), { nil: null }),
  year: fc.option(fc.integer({ min: 2019, max: 2025 }), { nil: null }),
  anomaly: fc.option(fc.constantFrom(...KINDS), { nil: null }),
  cells: fc.array(fc.constantFrom('t3.new_received.total', 't4.review.corrected', 't2.licensing.decisions', 't3.denied.state_secret.total'), { maxLength: 4 }),
  lang: fc.constantFrom('zh' as const, 'en' as const),
});

describe('URL state', () => {
  test('every state survives the URL unchanged', () => {
    fc.assert(
      fc.property(state, (s) => {
        expect(parseState(serializeState(s))).toEqual(s);
      }),
    );
  });
  test('the default state is the bare URL; garbage falls back to defaults', () => {
    expect(serializeState(defaultState())).toBe('');
    expect(parseState('?v=nope&y=abc&level=mars&m=drop%20table&ag=x%27%3B,ok-1&prov=1%27')).toEqual({ ...defaultState(), agencies: ['ok-1'] });
  });
});

describe('CSV', () => {
  test('UTF-8 BOM, quoted where needed, numbers unformatted', () => {
    const csv = toCsv([{ key: 'a', label: '机关' }, { key: 'v', label: 'value, "x"' }], [{ a: '洛阳市商务局', v: 1234.5 }, { a: 'a\nb', v: null }]);
    expect(csv).toBe('\ufeff机关,"value, ""x"""\r\n洛阳市商务局,1234.5\r\n"a\nb",\r\n');
  });
});

describe('funnel limits', () => {
  const brute = (n: number, p: number, q: number) => {
    let cdf = 0;
    let c = 1;
    for (let k = 0; k <= n; k++) {
      if (k > 0) c = (c * (n - k + 1)) / k;
      cdf += c * p ** k * (1 - p) ** (n - k);
      if (cdf >= q - 1e-12) return k;
    }
    return n;
  };
  test('binomial quantiles match the distribution computed directly', () => {
    for (const n of [1, 2, 5, 17, 60, 200]) for (const p of [0.02, 0.1, 0.35, 0.8]) for (const q of [0.001, 0.025, 0.5, 0.975, 0.999]) {
      expect(binomialQuantile(n, p, q), `${n} ${p} ${q}`).toBe(brute(n, p, q));
    }
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(binomialQuantile(2_000_000, 0.1, 0.999)).toBeGreaterThan(200_000);
  });
  test('limits narrow as the denominator grows', () => {
    const l = controlLimits(0.1, 5000);
    expect(l[0].n).toBe(1);
    expect(l.at(-1)!.n).toBe(5000);
    expect(l.at(-1)!.hi998 - l.at(-1)!.lo998).toBeLessThan(l[5].hi998 - l[5].lo998);
  });
});

describe('exports', () => {
  test('framed image option carries title, filters, source and dates', () => {
    const o = framedOption({ series: [{ type: 'bar' }], legend: { top: 0 } }, { title: '标题', filters: '年度 2019–2025', source: '数据来源：合成', dates: '导出日期 2026-01-01' });
    expect(o.title).toMatchObject({ text: '标题', subtext: '年度 2019–2025' });
    expect(JSON.stringify(o.graphic)).toContain('数据来源：合成 · 导出日期 2026-01-01');
  });
  test('Parquet export reads back with the dataset types', async () => {
    const specs = REPORT_COLUMNS.filter((c) => ['report_id', 'year', 'is_real', 't2__fees__amount_wan', 't3__new_received__total'].includes(c.name));
    const rows = [
      { report_id: 'a', year: 2021, is_real: true, t2__fees__amount_wan: 1.5, t3__new_received__total: null },
      { report_id: '洛阳', year: 2022, is_real: false, t2__fees__amount_wan: null, t3__new_received__total: 7 },
    ];
    const back = await parquetReadObjects({ file: await toParquet(specs, rows) });
    expect(back).toEqual(rows);
  });
});

describe('source wording', () => {
  test('synthetic data is named whenever included', () => {
    expect(sourceKind(10, 10)).toBe('real');
    expect(sourceKind(10, 0)).toBe('synthetic');
    expect(sourceKind(10, 3)).toBe('mixed');
    expect(t('zh', 'source.mixed')).toContain('合成');
    expect(t('en', 'source.synthetic')).toContain('synthetic');
    expect(filtersInWords('zh', { ...defaultState().filters, level: 'county', real: 'synthetic' }, {})).toBe('年度 2019–2025；县区级；仅合成');
  });
});
