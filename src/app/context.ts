// Words for the things every chart states: the filters, the data source (real, synthetic or both) and dates.
import { ADMIN_LEVELS } from '../model/dataset';
import { fieldLabel, t, type Lang } from '../i18n';
import type { Filters } from '../db/filters';

export function filtersInWords(lang: Lang, f: Filters, places: Record<string, string>): string {
  const parts = [`${t(lang, 'filter.years')} ${Math.min(f.from, f.to)}–${Math.max(f.from, f.to)}`];
  const place = f.county ?? f.city ?? f.province;
  if (place) parts.push(places[place] ?? place);
  if (f.level) parts.push(ADMIN_LEVELS.find((l) => l.key === f.level)?.[lang] ?? f.level);
  if (f.field) parts.push(`${t(lang, 'filter.field')}：${fieldLabel(lang, f.field)}`);
  if (f.template) parts.push(t(lang, `template.${f.template}`));
  parts.push(t(lang, `real.${f.real}`));
  return parts.join(lang === 'zh' ? '；' : '; ');
}

export type SourceKind = 'real' | 'synthetic' | 'mixed';

export function sourceKind(reports: number, real: number): SourceKind {
  if (reports > 0 && real === reports) return 'real';
  if (real === 0) return 'synthetic';
  return 'mixed';
}

export const sourceLine = (lang: Lang, kind: SourceKind) => t(lang, `source.${kind}`);

export const today = () => new Date().toISOString().slice(0, 10);
