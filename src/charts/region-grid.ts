// A grid of regions coloured by a rate (the Anomalies view: the share of reports flagged): one square tile per
// region in GB/T 2260 code order, eight to a row — a tile map that needs no geography files (the app works
// offline) and gives every region the same size, so a small county is as visible as a large one. Drawn as a
// scatter of square symbols coloured here, so it needs only the chart parts the dashboard already loads.
import { baseOption, formatValue } from './theme';

export interface RegionTile {
  code: string;
  name: string;
  /** Reports in the region (the denominator). */
  reports: number;
  /** Reports flagged. */
  flagged: number;
}

export interface RegionGridSpec {
  regions: RegionTile[];
  labels: { rate: string; reports: string; flagged: string };
}

/** Tiles per row and their size in pixels: eight fit the narrowest chart column (32rem). */
export const GRID_COLUMNS = 8;
export const TILE = 56;
const ROW_HEIGHT = TILE + 6;

/** The chart height that gives every row of tiles its room. */
export const regionGridHeight = (regions: number) => Math.max(1, Math.ceil(regions / GRID_COLUMNS)) * ROW_HEIGHT + 8;

/** Light to dark red over [0, max]: the colour of a rate on the grid. */
export function rateColour(rate: number, max: number): string {
  const t = max > 0 ? Math.min(1, Math.max(0, rate / max)) : 0;
  const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
  return `rgb(${mix(253, 165)}, ${mix(236, 15)}, ${mix(230, 21)})`;
}

export function regionGridOption(spec: RegionGridSpec) {
  const regions = [...spec.regions].sort((a, b) => a.code.localeCompare(b.code));
  const rows = Math.max(1, Math.ceil(regions.length / GRID_COLUMNS));
  const rate = (r: RegionTile) => (r.reports ? r.flagged / r.reports : 0);
  const max = Math.max(0, ...regions.map(rate));
  return {
    ...baseOption(),
    legend: { show: false },
    tooltip: {
      trigger: 'item' as const,
      confine: true,
      formatter: (p: { data: { name: string; reports: number; flagged: number; rate: number } }) =>
        `${p.data.name}<br/>${spec.labels.rate}: ${formatValue(p.data.rate, 'rate')}<br/>${spec.labels.flagged}: ${p.data.flagged} / ${spec.labels.reports}: ${p.data.reports}`,
    },
    grid: { left: 4, right: 4, top: 4, bottom: 4 },
    xAxis: { type: 'value' as const, min: -0.5, max: GRID_COLUMNS - 0.5, show: false },
    yAxis: { type: 'value' as const, min: -0.5, max: rows - 0.5, show: false, inverse: true },
    series: [
      {
        type: 'scatter' as const,
        symbol: 'rect',
        symbolSize: TILE,
        data: regions.map((r, i) => ({
          name: r.name,
          value: [i % GRID_COLUMNS, Math.floor(i / GRID_COLUMNS)],
          reports: r.reports,
          flagged: r.flagged,
          rate: rate(r),
          itemStyle: { color: rateColour(rate(r), max), borderColor: '#fff', borderWidth: 1 },
          label: {
            show: true,
            formatter: `${r.name.length > 5 ? `${r.name.slice(0, 4)}…` : r.name}\n${formatValue(rate(r), 'rate')}`,
            fontSize: 10,
            color: rate(r) > max * 0.6 ? '#fff' : '#1d2733',
          },
        })),
      },
    ],
  };
}
