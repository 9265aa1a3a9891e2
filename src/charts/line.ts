// Line charts over years; dashed series for reference lines (a peer median).
import { cartesian, type CartesianSpec } from './cartesian';

export const KINDS = ['line'] as const;
export const lineOption = (spec: CartesianSpec) => cartesian(spec, 'line');

/** Bars for the first series, lines for the rest: a metric with its reference lines. */
export function mixedOption(spec: CartesianSpec, lineNames: string[]) {
  const o = cartesian(spec, 'bar');
  o.series = o.series.map((s) =>
    lineNames.includes(s.name) ? { ...cartesian({ ...spec, series: spec.series.filter((x) => x.name === s.name) }, 'line').series[0] } : s,
  );
  return o;
}
