// The global filters as data and as a WHERE clause over `reports` (or `agencies`, which shares the region,
// level and field columns). Every user-chosen value is a bound parameter.
import type { AdminLevel } from '../model/dataset';
import { joinQueries, sql, type Query } from './sql';

export type RealFilter = 'both' | 'real' | 'synthetic';
/** '2019', '2021' (split (六)), or 'hybrid' (2021 表二 with a single (六) row). */
export type TemplateFilter = '2019' | '2021' | 'hybrid';

export interface Filters {
  from: number;
  to: number;
  province: string | null;
  city: string | null;
  county: string | null;
  level: AdminLevel | null;
  field: string | null;
  template: TemplateFilter | null;
  real: RealFilter;
}

export const YEAR_MIN = 2019;
export const YEAR_MAX = 2025;

export const defaultFilters = (): Filters => ({
  from: YEAR_MIN, to: YEAR_MAX, province: null, city: null, county: null, level: null, field: null, template: null, real: 'both',
});

/** Conditions on the agency's place, level and field (valid on reports and agencies). */
export function agencyConditions(f: Filters, alias = ''): Query[] {
  const a = alias ? `${alias}.` : '';
  const out: Query[] = [];
  // The narrowest place chosen decides: a county code implies its city and province.
  if (f.county) out.push({ sql: `${a}county_code = ?`, params: [f.county] });
  else if (f.city) out.push({ sql: `${a}city_code = ?`, params: [f.city] });
  else if (f.province) out.push({ sql: `${a}province_code = ?`, params: [f.province] });
  if (f.level) out.push({ sql: `${a}level = ?`, params: [f.level] });
  if (f.field) out.push({ sql: `${a}agency_type = ?`, params: [f.field] });
  return out;
}

/** Conditions on the report itself (year, template, real/synthetic) plus the agency's. */
export function reportConditions(f: Filters, alias = ''): Query[] {
  const a = alias ? `${alias}.` : '';
  const out: Query[] = [{ sql: `${a}year BETWEEN ? AND ?`, params: [Math.min(f.from, f.to), Math.max(f.from, f.to)] }];
  if (f.template === '2019') out.push({ sql: `${a}template = '2019'`, params: [] });
  if (f.template === '2021') out.push({ sql: `${a}template = '2021' AND ${a}other_split`, params: [] });
  if (f.template === 'hybrid') out.push({ sql: `${a}template = '2021' AND NOT ${a}other_split`, params: [] });
  if (f.real !== 'both') out.push({ sql: `${a}is_real = ?`, params: [f.real === 'real'] });
  return [...out, ...agencyConditions(f, alias)];
}

/** `WHERE …` for reports under the filters, optionally with extra conditions. */
export function whereReports(f: Filters, extra: Query[] = [], alias = ''): Query {
  const all = [...reportConditions(f, alias), ...extra];
  return all.length ? sql`WHERE ${joinQueries(all, ' AND ')}` : { sql: '', params: [] };
}
