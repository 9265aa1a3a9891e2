// Shared look of every chart: fonts that carry Chinese glyphs on every platform (system fonts; the exported
// PNG/SVG name the same families), a palette that survives greyscale printing, and number formatting.
export const FONT_FAMILY = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif";

export const PALETTE = ['#2f6eb5', '#e07b39', '#3a9a5b', '#c44e52', '#8172b2', '#937860', '#da8bc3', '#8c8c8c', '#ccb974', '#64b5cd', '#1b3b6f', '#b5651d'];

export type ValueKind = 'count' | 'amount' | 'rate';

export function formatValue(v: number | null | undefined, kind: ValueKind): string {
  if (v == null || Number.isNaN(v)) return '—';
  if (kind === 'rate') return `${(v * 100).toFixed(1)}%`;
  return v.toLocaleString('zh-CN', { maximumFractionDigits: kind === 'amount' ? 2 : 0 });
}

export const baseOption = () => ({
  animation: false,
  color: PALETTE,
  textStyle: { fontFamily: FONT_FAMILY },
  tooltip: { trigger: 'axis' as const, confine: true },
  legend: { type: 'scroll' as const, top: 0, textStyle: { fontFamily: FONT_FAMILY } },
});
