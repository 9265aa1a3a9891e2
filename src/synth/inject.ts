// The problems supervisors look for, injected at known small rates, and the truth written about them. Each
// report gets at most one deliberate change (template problems are a property of the agency's years); the truth
// lists that change plus every check it makes fail (a copied table usually also breaks 上年结转), so the truth
// says exactly what a perfect detector should find.
import type { Values } from '../model/checks';
import { keysFor, type Layout } from '../model/schema';
import * as C from './calibration';
import type { Line, Profile } from './profile';
import { VOLUME_PEER_SIGMA } from './profile';
import type { Rng } from './rng';
import type { StatedKey } from './prose';

export type AnomalyKind = 'identity' | 'carry_over' | 'stock' | 'copy' | 'template' | 'blank' | 'implausible' | 'outlier' | 'jump' | 'text_table';

export interface InjectedProblem {
  kind: AnomalyKind;
  /** Value keys involved; cross-year cells of the previous year are written "<year>:<key>" as in checks.ts. */
  cells: string[];
  detail: string;
  /** Set when this entry is a consequence of another injected change (e.g. a copy that breaks 上年结转). */
  via?: AnomalyKind;
  /** For copies: the report copied. */
  copyOf?: { agency: string; year: number };
}

/** Deliberate changes to one report. */
export type YearInjection = 'identity' | 'carry_over' | 'stock' | 'copy_prev' | 'copy_peer' | 'blank' | 'implausible' | 'rate_outlier' | 'text_table';

/**
 * Probability of each change for a report where it applies (a carry-over needs a previous report, a rate
 * outlier needs at least ~40 applications, …). docs/synthetic-panel.md gives the realised counts.
 */
export const INJECTION_RATES: Record<YearInjection, number> = {
  identity: 0.006,
  carry_over: 0.006,
  stock: 0.008,
  copy_prev: 0.004,
  copy_peer: 0.004,
  blank: 0.006,
  implausible: 0.006,
  rate_outlier: 0.05,
  text_table: 0.007,
};
/** Share of eligible agencies given a level shift in one volume line (jump) or an extreme volume (outlier). */
export const JUMP_RATE = 0.06;
export const VOLUME_OUTLIER_RATE = 0.02;

export const LINE_KEY: Record<Line, string> = {
  applications: 't3.new_received.total',
  licensing: 't2.licensing.decisions',
  penalty: 't2.penalty.decisions',
  coercion: 't2.coercion.decisions',
  fees: 't2.fees.amount_wan',
};

export interface AgencyPlan {
  years: Map<number, YearInjection>;
  jump: { line: Line; year: number; factor: number } | null;
  outlier: { line: Line; factor: number } | null;
}

export interface PlanContext {
  /** Years of this agency in the panel, ascending. */
  years: readonly number[];
  layoutOf: (year: number) => Layout;
  /** Agencies of its peer group (level and field) in the panel, itself included. */
  peers: number;
}

/** An outlier needs peers to stand out from: groups smaller than this get none. */
export const MIN_PEERS_FOR_OUTLIER = 10;

const sameLayout = (a: Layout, b: Layout) => a.template === b.template && a.otherSplit === b.otherSplit;

/** Expected new applications of a year (before year noise). */
export const expectedApplications = (p: Profile, year: number) => p.applications * C.APPLICATIONS_TREND ** (year - C.FIRST_YEAR);

export function planAgency(p: Profile, ctx: PlanContext, rng: Rng): AgencyPlan {
  const years = new Map<number, YearInjection>();
  const has = new Set(ctx.years);
  for (const y of ctx.years) {
    const prev = has.has(y - 1);
    const layout = ctx.layoutOf(y);
    const eligible: Record<YearInjection, boolean> = {
      identity: true,
      carry_over: prev,
      stock: prev && layout.template === '2021' && ctx.layoutOf(y - 1).template === '2021',
      copy_prev: prev && sameLayout(layout, ctx.layoutOf(y - 1)),
      copy_peer: true,
      blank: expectedApplications(p, y) >= 5 || p.volumes.licensing + p.volumes.penalty > 0,
      implausible: true,
      rate_outlier: expectedApplications(p, y) >= 40 && ctx.peers >= MIN_PEERS_FOR_OUTLIER,
      text_table: true,
    };
    let u = rng.next();
    for (const kind of Object.keys(INJECTION_RATES) as YearInjection[]) {
      if (!eligible[kind]) continue;
      u -= INJECTION_RATES[kind];
      if (u < 0) {
        years.set(y, kind);
        break;
      }
    }
  }

  // A jump: a level shift from some year on, for an agency below its peers' median so the new level is not an
  // outlier as well; at least two earlier years show the agency's own history.
  let jump: AgencyPlan['jump'] = null;
  const jumpLines = (['applications', 'licensing', 'penalty'] as const).filter((l) => (l === 'applications' ? p.applications >= 15 : p.volumes[l] >= 60) && p.volumeZ[l] < 0);
  const jumpYears = ctx.years.filter((y) => y >= 2021 && has.has(y - 1) && has.has(y - 2));
  if (jumpLines.length && jumpYears.length && rng.chance(JUMP_RATE)) {
    jump = { line: rng.pick(jumpLines), year: rng.pick(jumpYears), factor: Math.exp(1.8 + 0.4 * rng.next()) };
  }
  // An outlier: one line far above the peers in every year (robust z about 6 on the log scale).
  let outlier: AgencyPlan['outlier'] = null;
  const outlierLines = (['applications', 'licensing', 'penalty'] as const).filter((l) => (l === 'applications' ? p.applications >= 3 : p.volumes[l] >= 20) && l !== jump?.line);
  if (!jump && outlierLines.length && ctx.peers >= MIN_PEERS_FOR_OUTLIER && rng.chance(VOLUME_OUTLIER_RATE)) {
    const line = rng.pick(outlierLines);
    const sigma = line === 'applications' ? C.APPLICATIONS_AGENCY_SIGMA : VOLUME_PEER_SIGMA;
    outlier = { line, factor: Math.exp(sigma * (6 - p.volumeZ[line])) };
  }
  return { years, jump, outlier };
}

// ---------------------------------------------------------------- changes to a report's numbers

const T3_ROWS_FOR_TYPOS = ['granted', 'partial', 'denied.third_party', 'denied.process_info', 'unable.not_held', 'not_processed.complaint', 'total'];
const APPLICANT_TYPO_COLS = ['natural_person', 'commercial', 'legal_service'];

/** A figure that does not add up: one cell off by a few (a typo), never a cell that links years. */
export function injectIdentity(values: Values, layout: Layout, rng: Rng): InjectedProblem {
  let key: string;
  const variant = rng.int(4);
  if (variant === 0) key = `t3.${rng.pick(T3_ROWS_FOR_TYPOS)}.total`;
  else if (variant === 1) key = `t3.${rng.pick(T3_ROWS_FOR_TYPOS.slice(0, -1))}.${rng.pick(APPLICANT_TYPO_COLS)}`;
  else if (variant === 2 && layout.otherSplit) key = `t3.other.${rng.pick(['no_correction', 'other'])}.total`;
  else key = `t4.${rng.pick(['review', 'suit_direct', 'suit_after_review'])}.${rng.pick(['total', 'upheld', 'corrected'])}`;
  const before = (values[key] as number) ?? 0;
  let delta = (1 + rng.int(before > 20 ? 9 : 3)) * (rng.chance(0.5) ? 1 : -1);
  if (before + delta < 0) delta = -delta;
  values[key] = before + delta;
  return { kind: 'identity', cells: [key], detail: `${key} printed ${before + delta} where the table's own figures give ${before}` };
}

/** 上年结转 that is not last year's 结转下年度: forgotten (0) or a different figure. */
export function carryOverMismatch(previousForward: readonly number[], rng: Rng): number[] {
  const out = previousForward.slice();
  const total = out.reduce((a, b) => a + b, 0);
  if (total > 0 && rng.chance(0.5)) return out.map(() => 0);
  out[0] += 1 + rng.int(total > 10 ? 10 : 4);
  return out;
}

/** A 现行有效 that does not follow from last year's plus 制发 minus 废止 (up or down by 5–25%, at least 1). */
export function inForceDelta(stock: number, rng: Rng): number {
  const size = Math.max(1, Math.round(stock * (0.05 + 0.2 * rng.next())));
  return rng.chance(0.5) ? -size : size;
}

/** A table left entirely blank (every cell null) or entirely zero. Returns null when no table qualifies. */
export function injectBlank(values: Values, layout: Layout, p: Profile, year: number, rng: Rng): InjectedProblem | null {
  const t4Sum = ['review', 'suit_direct', 'suit_after_review'].reduce((a, b) => a + ((values[`t4.${b}.total`] as number) ?? 0), 0);
  const candidates: ('t2' | 't3' | 't4')[] = [];
  if (expectedApplications(p, year) >= 5 && (values['t3.new_received.total'] as number) >= 3) candidates.push('t3');
  if (p.volumes.licensing + p.volumes.penalty > 0 && ((values['t2.licensing.decisions'] as number) > 0 || (values['t2.penalty.decisions'] as number) > 0)) candidates.push('t2');
  if (t4Sum >= 3) candidates.push('t4');
  if (!candidates.length) return null;
  const table = rng.pick(candidates);
  const zero = rng.chance(0.4);
  const cells = keysFor(layout).filter((d) => d.table === table).map((d) => d.key);
  for (const k of cells) values[k] = zero ? 0 : null;
  const name = { t2: '表二', t3: '表三', t4: '表四' }[table];
  return { kind: 'blank', cells, detail: `${name} printed entirely ${zero ? 'zero' : 'blank'} although the agency has activity there` };
}

/** Values the law makes impossible or unlikely. */
export function injectImplausible(values: Values, layout: Layout, p: Profile, state: { regulationsInForce: number }, rng: Rng): InjectedProblem {
  const a = p.agency;
  const variants: [string, number][] = [['corrected', 0.2], ['negative', 0.15]];
  if (!a.makesRegulations) variants.push(['regulations', 0.4]);
  if (a.kind === 'department' && C.NO_LICENSING_FIELDS.includes(a.type)) variants.push(['licensing', 0.25]);
  const variant = variants[rng.weighted(variants.map((v) => v[1]))][0];
  if (variant === 'regulations') {
    const k = 1 + rng.int(3);
    if (layout.template === '2021') {
      values['t2.regulations.issued'] = k;
      values['t2.regulations.repealed'] = 0;
      values['t2.regulations.in_force'] = state.regulationsInForce + k;
      return { kind: 'implausible', cells: ['t2.regulations.issued', 't2.regulations.in_force'], detail: `${a.name} (${a.level}) reports issuing ${k} 规章, which only provincial and prefecture governments may make` };
    }
    values['t2.regulations.made'] = k;
    values['t2.regulations.published'] = k;
    values['t2.regulations.total_public'] = ((values['t2.regulations.total_public'] as number) ?? 0) + k;
    return { kind: 'implausible', cells: ['t2.regulations.made', 't2.regulations.published'], detail: `${a.name} (${a.level}) reports making ${k} 规章, which only provincial and prefecture governments may make` };
  }
  if (variant === 'licensing') {
    const n = 5 + Math.round(rng.lognormal(80, 1));
    values['t2.licensing.decisions'] = n;
    return { kind: 'implausible', cells: ['t2.licensing.decisions'], detail: `${a.name} (${a.type}) reports ${n} 行政许可 decisions without licensing power` };
  }
  if (variant === 'corrected') {
    const block = rng.pick(['review', 'suit_direct']);
    const total = (values[`t4.${block}.total`] as number) ?? 0;
    const corrected = total + 1 + rng.int(3);
    values[`t4.${block}.corrected`] = corrected;
    return { kind: 'implausible', cells: [`t4.${block}.corrected`, `t4.${block}.total`], detail: `${block}: 结果纠正 ${corrected} exceeds 总计 ${total}` };
  }
  const line = rng.pick(['licensing', 'penalty', 'coercion']);
  const key = `t2.${line}.decisions`;
  const before = (values[key] as number) ?? 0;
  const negative = before > 0 ? -before : -(1 + rng.int(20));
  values[key] = negative;
  return { kind: 'implausible', cells: [key], detail: `${key} is negative (${negative}): a count cannot be` };
}

/** An outcome mix far from any peer's: 其他处理 overused, or almost nothing granted. */
export function extremeOutcomeMix(rng: Rng): { mix: number[]; cells: string[]; detail: string } {
  const mix = C.OUTCOME_ROWS.map(() => 0.002);
  const set = (row: string, share: number) => {
    mix[C.OUTCOME_ROWS.indexOf(row)] = share;
  };
  const variant = rng.int(3);
  if (variant === 0) {
    set('granted', 0.1);
    set('unable.not_held', 0.1);
    set('other.other', 0.7);
    return { mix: normalise(mix), cells: ['t3.other.total', 't3.total.total'], detail: '（六）其他处理 used for most applications (far above peers)' };
  }
  if (variant === 1) {
    set('granted', 0.02);
    set('unable.not_held', 0.85);
    return { mix: normalise(mix), cells: ['t3.granted.total', 't3.partial.total', 't3.total.total'], detail: 'almost nothing granted, nearly all answered 本机关不掌握 (far below peers)' };
  }
  set('granted', 0.1);
  set('denied.process_info', 0.35);
  set('denied.internal_affairs', 0.3);
  return { mix: normalise(mix), cells: ['t3.denied.process_info.total', 't3.denied.internal_affairs.total', 't3.total.total'], detail: '不予公开 for most applications (far above peers)' };
}

const normalise = (xs: number[]) => {
  const s = xs.reduce((a, b) => a + b, 0);
  return xs.map((x) => x / s);
};

/** A number stated in the prose that contradicts the table. */
export function proseContradiction(values: Values, layout: Layout, rng: Rng): { key: StatedKey; value: number; table: number } {
  const keys: StatedKey[] = ['t3.new_received.total', 't3.new_received.total', 't3.granted.total', 't4.review.total'];
  if (layout.template === '2021') keys.push('t2.normative_docs.in_force');
  const key = rng.pick(keys);
  const table = (values[key] as number) ?? 0;
  let value = rng.chance(0.3) && table >= 5 ? Math.round(table * (1.1 + 0.4 * rng.next())) : table + (1 + rng.int(3)) * (rng.chance(0.5) ? 1 : -1);
  if (value <= 0 || value === table) value = table + 1 + rng.int(3);
  return { key, value, table };
}

/** Small changes to 表二 volumes that make a copy "nearly" identical (no identity involves them). */
export function nudgeVolumes(values: Values, rng: Rng): void {
  for (const key of ['t2.licensing.decisions', 't2.penalty.decisions']) {
    const v = values[key];
    if (typeof v === 'number' && v > 0 && rng.chance(0.6)) values[key] = Math.max(0, v + (1 + rng.int(5)) * (rng.chance(0.5) ? 1 : -1));
  }
}

/** In a split (六), the (六) row is the sum of its sub-rows (blank when they all are): recompute it after a change. */
export function deriveOther(values: Values, layout: Layout): void {
  if (!layout.otherSplit) return;
  for (const c of ['natural_person', 'commercial', 'research', 'social_org', 'legal_service', 'other_org', 'total']) {
    const parts = ['no_correction', 'no_fee', 'other'].map((r) => values[`t3.other.${r}.${c}`]);
    values[`t3.other.${c}`] = parts.every((x) => x == null) ? null : parts.reduce<number>((a, x) => a + (x ?? 0), 0);
  }
}

/** The cells of a line (jump / outlier). */
export const lineCells = (line: Line) => [LINE_KEY[line]];
