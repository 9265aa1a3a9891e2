// What can be measured: every value key of the schema, and the derived rates people quote (FIELD-NOTES.md).
// A metric is "Σ numerator keys" or "Σ numerator / (Σ denominator − Σ subtracted)"; blanks count as 0 in sums
// (the UI says so), a zero denominator gives no rate rather than 0.
import { ALL_KEYS, columnName, isAmountKey, keyDef, t3Key, t4Key, type Label } from '../model/schema';

export interface Metric {
  id: string;
  label: Label;
  kind: 'count' | 'amount' | 'rate';
  num: string[];
  den?: { plus: string[]; minus: string[] };
}

const DENIED = ['state_secret', 'law_forbidden', 'security_stability', 'third_party', 'internal_affairs', 'process_info', 'enforcement_file', 'admin_query'].map((r) => t3Key(`denied.${r}`, 'total'));
const UNABLE = ['not_held', 'needs_creation', 'unclear'].map((r) => t3Key(`unable.${r}`, 'total'));
const T3_TOTAL = t3Key('total', 'total');

export const RATES: readonly Metric[] = [
  { id: 'rate.share_granted', kind: 'rate', label: { zh: '公开率（予以公开 + 部分公开）/ 总计', en: 'Share granted (in full or part) / total' }, num: [t3Key('granted', 'total'), t3Key('partial', 'total')], den: { plus: [T3_TOTAL], minus: [] } },
  { id: 'rate.share_denied', kind: 'rate', label: { zh: '不予公开占比', en: 'Share denied' }, num: DENIED, den: { plus: [T3_TOTAL], minus: [] } },
  { id: 'rate.share_unable', kind: 'rate', label: { zh: '无法提供占比', en: 'Share unable to provide' }, num: UNABLE, den: { plus: [T3_TOTAL], minus: [] } },
  { id: 'rate.share_other', kind: 'rate', label: { zh: '其他处理占比', en: 'Share "other handling"' }, num: [t3Key('other', 'total')], den: { plus: [T3_TOTAL], minus: [] } },
  { id: 'rate.review_correction', kind: 'rate', label: { zh: '复议纠错率 = 纠正 /（总计 − 尚未审结）', en: 'Review correction rate = corrected / (total − pending)' }, num: [t4Key('review', 'corrected')], den: { plus: [t4Key('review', 'total')], minus: [t4Key('review', 'pending')] } },
  {
    id: 'rate.suit_correction', kind: 'rate', label: { zh: '诉讼纠错率 = 纠正 /（总计 − 尚未审结）', en: 'Litigation correction rate = corrected / (total − pending)' },
    num: [t4Key('suit_direct', 'corrected'), t4Key('suit_after_review', 'corrected')],
    den: { plus: [t4Key('suit_direct', 'total'), t4Key('suit_after_review', 'total')], minus: [t4Key('suit_direct', 'pending'), t4Key('suit_after_review', 'pending')] },
  },
  { id: 'rate.carried_forward', kind: 'rate', label: { zh: '结转率 = 结转下年度 /（新收 + 上年结转）', en: 'Carried forward / (new + carried over)' }, num: [t3Key('carried_forward', 'total')], den: { plus: [t3Key('new_received', 'total'), t3Key('carried_over', 'total')], minus: [] } },
];

const RATE_INDEX = new Map(RATES.map((m) => [m.id, m]));

export function metric(id: string): Metric | undefined {
  const rate = RATE_INDEX.get(id);
  if (rate) return rate;
  const d = keyDef(id);
  return d ? { id, label: d.label, kind: isAmountKey(id) ? 'amount' : 'count', num: [id] } : undefined;
}

export const ALL_METRICS: readonly Metric[] = [...RATES, ...ALL_KEYS.map((d) => metric(d.key)!)];
export const DEFAULT_METRIC = 't3.new_received.total';

const c = (key: string) => `"${columnName(key)}"`;
const sumOf = (keys: string[]) => (keys.length ? keys.map((k) => `coalesce(${c(k)}, 0)`).join(' + ') : '0');

/** The metric of one report (one row). */
export function rowExpr(m: Metric): string {
  if (!m.den) return m.num.length === 1 ? `${c(m.num[0])}::DOUBLE` : `(${sumOf(m.num)})::DOUBLE`;
  return `(${sumOf(m.num)})::DOUBLE / nullif((${sumOf(m.den.plus)}) - (${sumOf(m.den.minus)}), 0)`;
}

/**
 * The metric over a group of reports: sums first, then the ratio (a pooled rate, not a mean of rates). Each key
 * is summed on its own (sum skips blanks, which is "blank as 0") — far cheaper than summing per-row expressions.
 */
export function aggExpr(m: Metric): string {
  const sums = (keys: string[]) => (keys.length ? keys.map((k) => `coalesce(sum(${c(k)}), 0)`).join(' + ') : '0');
  if (!m.den) return m.num.length === 1 ? `sum(${c(m.num[0])})::DOUBLE` : `(${sums(m.num)})::DOUBLE`;
  return `(${sums(m.num)})::DOUBLE / nullif((${sums(m.den.plus)}) - (${sums(m.den.minus)}), 0)`;
}
