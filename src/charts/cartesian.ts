// Category-axis charts (bars and lines share it): categories on one axis, values on the other.
import { baseOption, formatValue, type ValueKind } from './theme';

export interface SeriesSpec {
  name: string;
  values: (number | null)[];
  stack?: string;
  dashed?: boolean;
}

export interface CartesianSpec {
  categories: string[];
  series: SeriesSpec[];
  kind: ValueKind;
  /** Categories on the vertical axis (long names read better). */
  horizontal?: boolean;
  /** Legend on or off (a single series needs none). */
  legend?: boolean;
  /** Upper end of the value axis (1 for shares that stack to a whole). */
  max?: number;
}

export function cartesian(spec: CartesianSpec, type: 'bar' | 'line') {
  const category = { type: 'category' as const, data: spec.categories, axisLabel: { hideOverlap: true } };
  const value = {
    type: 'value' as const,
    axisLabel: { formatter: (v: number) => formatValue(v, spec.kind) },
    ...(spec.kind === 'rate' ? { min: 0 } : {}),
    ...(spec.max != null ? { max: spec.max } : {}),
  };
  return {
    ...baseOption(),
    legend: { ...baseOption().legend, show: spec.legend ?? spec.series.length > 1 },
    tooltip: { trigger: 'axis' as const, confine: true, valueFormatter: (v: number) => formatValue(v, spec.kind) },
    grid: { left: 8, right: 16, top: spec.series.length > 1 ? 36 : 16, bottom: 8, outerBoundsMode: 'same' as const, outerBoundsContain: 'axisLabel' as const },
    xAxis: spec.horizontal ? value : category,
    yAxis: spec.horizontal ? { ...category, inverse: true } : value,
    series: spec.series.map((s) => ({
      name: s.name,
      type,
      data: s.values,
      ...(s.stack ? { stack: s.stack } : {}),
      ...(type === 'line' ? { connectNulls: false, symbolSize: 6, ...(s.dashed ? { lineStyle: { type: 'dashed' as const }, symbol: 'none' } : {}) } : {}),
    })),
  };
}
