// The whole app state in the URL's query string, so a link reproduces the view and back/forward step through
// it. Pure: parse(serialize(s)) = s; defaults are left out of the URL; anything unknown or malformed falls back
// to its default rather than failing.
import { ADMIN_LEVELS, type AdminLevel } from '../model/dataset';
import { DIMENSIONS, type AppealBlock, type Dimension } from '../db/queries';
import { defaultFilters, YEAR_MAX, YEAR_MIN, type Filters, type RealFilter, type TemplateFilter } from '../db/filters';
import { DEFAULT_METRIC, metric } from '../db/metrics';
import type { Lang } from '../i18n';
import { KINDS, type Kind } from '../anomalies/types';

export const VIEWS = ['overview', 'compare', 'volumes', 'licensing', 'appeals', 'anomalies', 'profile', 'drop'] as const;
export type ViewId = (typeof VIEWS)[number];

export interface AppState {
  view: ViewId;
  filters: Filters;
  /** Agencies chosen for comparison (agency_id). */
  agencies: string[];
  metric: string;
  chart: 'bar' | 'line';
  dim: Dimension;
  block: AppealBlock;
  /** The agency shown in the profile, and the year of its tables. */
  agency: string | null;
  year: number | null;
  /** The kind of flag the Anomalies view lists (null: every kind). */
  anomaly: Kind | null;
  /** Cells the profile highlights: those of the flag it was opened from. */
  cells: string[];
  lang: Lang;
}

export const defaultState = (): AppState => ({
  view: 'overview', filters: defaultFilters(), agencies: [], metric: DEFAULT_METRIC, chart: 'bar', dim: 'province', block: 'review',
  agency: null, year: null, anomaly: null, cells: [], lang: 'zh',
});

const CODE = /^\d{2,12}$/;
const ID = /^[\w-]{1,64}$/;
const CELL = /^t[234](?:\.[a-z_]+){2,3}$/;
const oneOf = <T extends string>(v: string | null, allowed: readonly T[]): T | null => (v && (allowed as readonly string[]).includes(v) ? (v as T) : null);
const year = (v: string | undefined) => {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1990 && n <= 2100 ? n : null;
};

export function parseState(search: string): AppState {
  const p = new URLSearchParams(search);
  const d = defaultState();
  const [y0, y1] = (p.get('y') ?? '').split('-');
  const f: Filters = {
    from: year(y0) ?? YEAR_MIN,
    to: year(y1) ?? year(y0) ?? YEAR_MAX,
    province: CODE.test(p.get('prov') ?? '') ? p.get('prov') : null,
    city: CODE.test(p.get('city') ?? '') ? p.get('city') : null,
    county: CODE.test(p.get('county') ?? '') ? p.get('county') : null,
    level: oneOf<AdminLevel>(p.get('level'), ADMIN_LEVELS.map((l) => l.key)),
    field: p.get('field') || null,
    template: oneOf<TemplateFilter>(p.get('tpl'), ['2019', '2021', 'hybrid']),
    real: oneOf<RealFilter>(p.get('data'), ['real', 'synthetic']) ?? 'both',
  };
  const m = p.get('m');
  return {
    view: oneOf(p.get('v'), VIEWS) ?? d.view,
    filters: f,
    agencies: (p.get('ag') ?? '').split(',').filter((a) => ID.test(a)).slice(0, 20),
    metric: m && metric(m) ? m : d.metric,
    chart: p.get('ct') === 'line' ? 'line' : 'bar',
    dim: oneOf(p.get('dim'), DIMENSIONS) ?? d.dim,
    block: p.get('blk') === 'suit' ? 'suit' : 'review',
    agency: ID.test(p.get('a') ?? '') ? p.get('a') : null,
    year: year(p.get('py') ?? undefined),
    anomaly: oneOf(p.get('ak'), KINDS),
    cells: (p.get('hl') ?? '').split(',').filter((k) => CELL.test(k)).slice(0, 300),
    lang: p.get('lang') === 'en' ? 'en' : 'zh',
  };
}

export function serializeState(s: AppState): string {
  const d = defaultState();
  const p = new URLSearchParams();
  const f = s.filters;
  if (s.view !== d.view) p.set('v', s.view);
  if (f.from !== YEAR_MIN || f.to !== YEAR_MAX) p.set('y', `${f.from}-${f.to}`);
  if (f.province) p.set('prov', f.province);
  if (f.city) p.set('city', f.city);
  if (f.county) p.set('county', f.county);
  if (f.level) p.set('level', f.level);
  if (f.field) p.set('field', f.field);
  if (f.template) p.set('tpl', f.template);
  if (f.real !== 'both') p.set('data', f.real);
  if (s.agencies.length) p.set('ag', s.agencies.join(','));
  if (s.metric !== d.metric) p.set('m', s.metric);
  if (s.chart !== d.chart) p.set('ct', s.chart);
  if (s.dim !== d.dim) p.set('dim', s.dim);
  if (s.block !== d.block) p.set('blk', s.block);
  if (s.agency) p.set('a', s.agency);
  if (s.year != null) p.set('py', String(s.year));
  if (s.anomaly) p.set('ak', s.anomaly);
  if (s.cells.length) p.set('hl', s.cells.join(','));
  if (s.lang !== d.lang) p.set('lang', s.lang);
  const q = p.toString();
  return q ? `?${q}` : '';
}
