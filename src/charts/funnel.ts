// Funnel plot: each agency's correction rate against the number of decided cases, with exact binomial control
// limits around the pooled rate, so a small agency's 1 of 2 is not read as a scandal (Spiegelhalter 2005).
import { baseOption, formatValue } from './theme';

/** Smallest k with P(X ≤ k) ≥ q for X ~ Binomial(n, p). */
export function binomialQuantile(n: number, p: number, q: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return n;
  // Walk the pmf from the mode outwards would be faster; n here is at most a few thousand cases.
  let pmf = Math.pow(1 - p, n);
  let cdf = pmf;
  let k = 0;
  if (pmf === 0) {
    // Underflow for large n: fall back to the normal approximation with continuity correction.
    const z = normalQuantile(q);
    return Math.max(0, Math.min(n, Math.ceil(n * p + z * Math.sqrt(n * p * (1 - p)) - 0.5)));
  }
  while (cdf < q && k < n) {
    pmf *= ((n - k) / (k + 1)) * (p / (1 - p));
    k++;
    cdf += pmf;
  }
  return k;
}

/** Acklam's rational approximation of the standard normal quantile. */
export function normalQuantile(q: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (q < lo) {
    const r = Math.sqrt(-2 * Math.log(q));
    return (((((c[0] * r + c[1]) * r + c[2]) * r + c[3]) * r + c[4]) * r + c[5]) / ((((d[0] * r + d[1]) * r + d[2]) * r + d[3]) * r + 1);
  }
  if (q > 1 - lo) return -normalQuantile(1 - q);
  const r = q - 0.5;
  const s = r * r;
  return ((((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r) / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
}

export interface Limits {
  n: number;
  lo95: number;
  hi95: number;
  lo998: number;
  hi998: number;
}

/** Control limits as rates for denominators 1…max (sampled on a log grid). */
export function controlLimits(pooled: number, maxN: number): Limits[] {
  const ns = new Set<number>();
  for (let x = 0; x <= Math.log(Math.max(2, maxN)); x += Math.log(Math.max(2, maxN)) / 80) ns.add(Math.max(1, Math.round(Math.exp(x))));
  ns.add(Math.max(1, Math.round(maxN)));
  return [...ns].sort((a, b) => a - b).map((n) => ({
    n,
    lo95: binomialQuantile(n, pooled, 0.025) / n,
    hi95: binomialQuantile(n, pooled, 0.975) / n,
    lo998: binomialQuantile(n, pooled, 0.001) / n,
    hi998: binomialQuantile(n, pooled, 0.999) / n,
  }));
}

/** Whether an agency's rate falls outside the 99.8% limits at its own denominator. */
export function outside(corrected: number, decided: number, pooled: number): boolean {
  return corrected < binomialQuantile(decided, pooled, 0.001) || corrected > binomialQuantile(decided, pooled, 0.999);
}

export interface FunnelPoint {
  name: string;
  decided: number;
  rate: number;
}

export interface FunnelSpec {
  points: FunnelPoint[];
  pooled: number;
  labels: { x: string; y: string; pooled: string; l95: string; l998: string };
}

export function funnelOption(spec: FunnelSpec) {
  const maxN = spec.points.reduce((m, p) => Math.max(m, p.decided), 1);
  const limits = controlLimits(spec.pooled, maxN);
  const line = (name: string, pick: (l: Limits) => number, style: 'dashed' | 'dotted', color: string) => ({
    name, type: 'line' as const, showSymbol: false, silent: true, data: limits.map((l) => [l.n, pick(l)]),
    lineStyle: { type: style, color, width: 1.2 }, itemStyle: { color }, step: 'end' as const,
  });
  return {
    ...baseOption(),
    tooltip: {
      trigger: 'item' as const, confine: true,
      formatter: (p: { seriesName: string; data: [number, number, string] }) =>
        p.data[2] ? `${p.data[2]}<br/>${spec.labels.x}: ${p.data[0]}<br/>${spec.labels.y}: ${formatValue(p.data[1], 'rate')}` : p.seriesName,
    },
    grid: { left: 8, right: 24, top: 36, bottom: 28, outerBoundsMode: 'same' as const, outerBoundsContain: 'axisLabel' as const },
    xAxis: { type: 'log' as const, name: spec.labels.x, nameLocation: 'middle' as const, nameGap: 24, min: 1 },
    yAxis: { type: 'value' as const, name: spec.labels.y, min: 0, max: 1, axisLabel: { formatter: (v: number) => formatValue(v, 'rate') } },
    series: [
      {
        name: spec.labels.y, type: 'scatter' as const, symbolSize: 6, large: spec.points.length > 5000,
        data: spec.points.map((p) => [p.decided, p.rate, p.name]), itemStyle: { opacity: 0.7 },
      },
      { name: spec.labels.pooled, type: 'line' as const, showSymbol: false, silent: true, data: [[1, spec.pooled], [maxN, spec.pooled]], lineStyle: { color: '#333', width: 1 } },
      line(spec.labels.l95, (l) => l.hi95, 'dashed', '#e07b39'),
      { ...line(`${spec.labels.l95} `, (l) => l.lo95, 'dashed', '#e07b39'), legendHoverLink: false },
      line(spec.labels.l998, (l) => l.hi998, 'dotted', '#c44e52'),
      { ...line(`${spec.labels.l998} `, (l) => l.lo998, 'dotted', '#c44e52') },
    ],
    legend: { ...baseOption().legend, data: [spec.labels.y, spec.labels.pooled, spec.labels.l95, spec.labels.l998] },
  };
}
