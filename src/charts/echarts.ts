// ECharts, loaded on demand and only the parts a chart uses (echarts/core + one module per chart type, the SVG
// renderer only for an SVG export), so the first page load carries no charting code.
import type { EChartsType } from 'echarts/core';

export type ChartType = 'bar' | 'line' | 'scatter';
type Part = ChartType | 'svg';

const PARTS: Record<Part, () => Promise<{ default: unknown }>> = {
  bar: () => import('./parts/bar'),
  line: () => import('./parts/line'),
  scatter: () => import('./parts/scatter'),
  svg: () => import('./parts/svg'),
};

const installed = new Set<Part>();

export async function echartsWith(parts: Part[]): Promise<typeof import('echarts/core')> {
  const { echarts } = await import('./parts/core');
  const missing = parts.filter((p) => !installed.has(p));
  const mods = await Promise.all(missing.map((p) => PARTS[p]()));
  echarts.use(mods.map((m) => m.default) as Parameters<typeof echarts.use>[0]);
  for (const p of missing) installed.add(p);
  return echarts;
}

/** The chart types an option uses (from its series). */
export function typesOf(option: { series?: { type?: string }[] }): ChartType[] {
  return [...new Set((option.series ?? []).map((s) => s.type).filter((t): t is ChartType => t === 'bar' || t === 'line' || t === 'scatter'))];
}

export type { EChartsType };
