// One year of an agency's report as numbers: every key of its layout, internally consistent (all the identities
// of checks.ts hold), linked to the previous year through the state (上年结转 = last year's 结转下年度, 现行有效 =
// last year's + 制发 − 废止, last year's item counts + 增/减).
import type { Values } from '../model/checks';
import { APPLICANT_COLUMNS, keysFor, T4_BLOCKS, type Layout } from '../model/schema';
import * as C from './calibration';
import type { Line, Profile, VolumeLine } from './profile';
import type { Rng } from './rng';

export type ItemLine = keyof Profile['items'];

/** What a year hands to the next: what the agency printed (or, where it printed nothing, what it knows). */
export interface YearState {
  carried: number[];
  normativeInForce: number;
  regulationsInForce: number;
  normativePublic: number;
  regulationsPublic: number;
  items: Record<ItemLine, number>;
}

/** Deliberate departures used by the injections; an honest year has none. */
export interface YearMods {
  /** 上年结转 printed instead of last year's 结转下年度 (per applicant column). */
  carriedOver?: number[];
  /** Added to 现行有效 of normative documents, breaking in_force = last + issued − repealed. */
  inForceDelta?: number;
  /** An outcome mix far from the agency's own. */
  outcomeMix?: number[];
  /** Multiplies a line's expected volume (a jump from some year, or an outlier agency). */
  lineFactor?: Partial<Record<Line, number>>;
}

const COLS = APPLICANT_COLUMNS.map((c) => c.key);
const T3 = (row: string, col: string) => `t3.${row}.${col}`;
const T3_ROWS = ['new_received', 'carried_over', ...C.OUTCOME_ROWS, 'other', 'total', 'carried_forward'];
/** Key strings built once: KEYS[row] = the row's six applicant keys and its total key. */
const KEYS = new Map(T3_ROWS.map((r) => [r, { cells: COLS.map((c) => T3(r, c)), total: T3(r, 'total') }]));
const T4_KEYS = T4_BLOCKS.map((b) => ({ block: b.key as keyof typeof C.APPEAL_RATES, keys: ['upheld', 'corrected', 'other', 'pending', 'total'].map((o) => `t4.${b.key}.${o}`) }));
const OTHER_ROWS = C.OUTCOME_ROWS.flatMap((r, i) => (r.startsWith('other.') ? [i] : []));

const templates = new Map<string, Values>();
/**
 * A fresh values object holding every key of the layout in table order. Copying one template keeps V8's fast
 * property layout for the 200-odd keys (an object grown key by key falls back to a slow dictionary).
 */
function blankValues(layout: Layout): Values {
  const id = `${layout.template}/${layout.otherSplit}`;
  let t = templates.get(id);
  if (!t) templates.set(id, (t = Object.fromEntries(keysFor(layout).map((d) => [d.key, 0]))));
  return { ...t };
}

export function initialState(p: Profile, rng: Rng): YearState {
  const carried = rng.multinomial(rng.poisson(p.applications * p.carryForwardRate), p.applicantMix);
  return {
    carried,
    normativeInForce: p.normativeStock,
    regulationsInForce: p.regulations?.stock ?? 0,
    normativePublic: Math.round(p.normativeStock * 1.3),
    regulationsPublic: Math.round((p.regulations?.stock ?? 0) * 1.2),
    items: { ...p.items },
  };
}

export interface YearResult {
  values: Values;
  /** The state an honest printing of `values` hands on (the printed report overrides it where it says otherwise). */
  latent: YearState;
}

const round = (x: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
};

export function generateYear(p: Profile, year: number, layout: Layout, state: YearState, rng: Rng, mods: YearMods = {}): YearResult {
  const v = blankValues(layout);
  const t = year - C.FIRST_YEAR;
  const factor = (line: Line) => mods.lineFactor?.[line] ?? 1;

  // 表三: new applications by applicant, the open cases carried over, what was handled and what is carried on.
  const expected = p.applications * C.APPLICATIONS_TREND ** t * Math.exp(C.APPLICATIONS_YEAR_SIGMA * rng.normal()) * factor('applications');
  const newTotal = rng.poisson(expected);
  const received = newTotal > 0 ? rng.multinomial(newTotal, p.applicantMix) : [0, 0, 0, 0, 0, 0];
  const carriedOver = mods.carriedOver ?? state.carried;
  const mix = mods.outcomeMix ?? p.outcomeMix;
  const rows = new Map<string, number[]>([
    ['new_received', received],
    ['carried_over', carriedOver],
  ]);
  const forward: number[] = [];
  const handled: number[] = [];
  const outcomes = C.OUTCOME_ROWS.map(() => new Array<number>(COLS.length).fill(0));
  for (let c = 0; c < COLS.length; c++) {
    const open = received[c] + carriedOver[c];
    forward[c] = rng.binomial(open, p.carryForwardRate);
    handled[c] = open - forward[c];
    const split = handled[c] > 0 ? rng.multinomial(handled[c], mix) : null;
    if (split) for (let r = 0; r < split.length; r++) outcomes[r][c] = split[r];
  }
  C.OUTCOME_ROWS.forEach((r, i) => {
    if (layout.otherSplit || !r.startsWith('other.')) rows.set(r, outcomes[i]);
  });
  const otherRow = COLS.map((_, c) => OTHER_ROWS.reduce((sum, r) => sum + outcomes[r][c], 0));
  rows.set('other', otherRow);
  rows.set('total', handled);
  rows.set('carried_forward', forward);
  for (const [row, cells] of rows) {
    const keys = KEYS.get(row)!;
    let sum = 0;
    for (let c = 0; c < COLS.length; c++) {
      v[keys.cells[c]] = cells[c];
      sum += cells[c];
    }
    v[keys.total] = sum;
  }

  // 表四: review and litigation about disclosure, in proportion to the applications.
  const apps = v['t3.new_received.total']!;
  for (const { block, keys } of T4_KEYS) {
    const n = rng.poisson(apps * C.APPEAL_RATES[block] * p.appealScale);
    const split = n > 0 ? rng.multinomial(n, C.APPEAL_OUTCOMES[block]) : [0, 0, 0, 0];
    for (let i = 0; i < 4; i++) v[keys[i]] = split[i];
    v[keys[4]] = n;
  }

  // 表二: volumes of the field, and the documents.
  const volume = (line: VolumeLine) => {
    const base = p.volumes[line];
    if (base <= 0) return 0;
    const mean = base * C.VOLUME_TREND[line] ** t * Math.exp(C.VOLUME_YEAR_SIGMA * rng.normal()) * factor(line);
    return line === 'fees' ? round(mean, p.feeDecimals) : rng.poisson(mean);
  };
  const licensing = volume('licensing');
  const penalty = volume('penalty');
  const coercion = volume('coercion');
  const fees = volume('fees');

  const normativeIssued = rng.poisson(p.normativeRate);
  const cleanup = rng.chance(C.CLEANUP.p) ? C.CLEANUP.share[0] + rng.next() * (C.CLEANUP.share[1] - C.CLEANUP.share[0]) : C.NORMATIVE_REPEAL_RATE;
  const normativeRepealed = rng.binomial(state.normativeInForce, cleanup);
  const regulationsIssued = p.regulations ? rng.poisson(p.regulations.issued) : 0;
  const regulationsRepealed = p.regulations ? Math.min(state.regulationsInForce, rng.poisson(p.regulations.repealed)) : 0;
  const followed = state.normativeInForce + normativeIssued - normativeRepealed;
  // An injected mismatch never makes the stock negative: it goes up instead.
  const delta = mods.inForceDelta ?? 0;
  const normativeInForce = followed + (followed + delta < 0 ? -delta : delta);
  const regulationsInForce = state.regulationsInForce + regulationsIssued - regulationsRepealed;
  const normativePublished = normativeIssued - rng.binomial(normativeIssued, 0.05);
  const items = { ...state.items };

  if (layout.template === '2021') {
    Object.assign(v, {
      't2.regulations.issued': regulationsIssued,
      't2.regulations.repealed': regulationsRepealed,
      't2.regulations.in_force': regulationsInForce,
      't2.normative_docs.issued': normativeIssued,
      't2.normative_docs.repealed': normativeRepealed,
      't2.normative_docs.in_force': normativeInForce,
      't2.licensing.decisions': licensing,
      't2.penalty.decisions': penalty,
      't2.coercion.decisions': coercion,
      't2.fees.amount_wan': fees,
    });
  } else {
    Object.assign(v, {
      't2.regulations.made': regulationsIssued,
      't2.regulations.published': regulationsIssued,
      't2.regulations.total_public': state.regulationsPublic + regulationsIssued,
      't2.normative_docs.made': normativeIssued,
      't2.normative_docs.published': normativePublished,
      't2.normative_docs.total_public': state.normativePublic + normativePublished,
    });
    const decisions: Record<ItemLine, number | null> = {
      licensing,
      other_services: p.otherServices > 0 ? rng.poisson(p.otherServices * C.VOLUME_TREND.licensing ** t) : 0,
      penalty,
      coercion,
      fees: null,
    };
    for (const line of ['licensing', 'other_services', 'penalty', 'coercion', 'fees'] as const) {
      const prev = state.items[line];
      // Item lists change a little each year; now and then a list is overhauled.
      const change = prev === 0 ? 0 : rng.chance(0.05) ? Math.round(prev * (rng.next() * 0.6 - 0.3)) : Math.round(rng.normal() * 1.2);
      const bounded = Math.max(-prev, change);
      v[`t2.${line}.prev_items`] = prev;
      v[`t2.${line}.change`] = bounded;
      if (decisions[line] !== null) v[`t2.${line}.decisions`] = decisions[line];
      items[line] = prev + bounded;
    }
    const procurement = rng.poisson(p.procurementItems);
    v['t2.procurement.items'] = procurement;
    v['t2.procurement.amount_wan'] = procurement > 0 ? round(procurement * rng.lognormal(C.PROCUREMENT_WAN_PER_ITEM, 0.8), 4) : 0;
  }

  return {
    values: v,
    latent: {
      carried: forward,
      normativeInForce,
      regulationsInForce,
      normativePublic: state.normativePublic + normativePublished,
      regulationsPublic: state.regulationsPublic + regulationsIssued,
      items,
    },
  };
}

/** The next year's state: what this year's report printed where it printed a number, else what the agency knows. */
export function nextState(printed: Values, latent: YearState): YearState {
  const num = (key: string, fallback: number) => {
    const x = printed[key];
    return typeof x === 'number' ? x : fallback;
  };
  const items = { ...latent.items };
  for (const line of Object.keys(items) as ItemLine[]) {
    const prev = printed[`t2.${line}.prev_items`];
    const change = printed[`t2.${line}.change`];
    if (typeof prev === 'number') items[line] = prev + (typeof change === 'number' ? change : 0);
  }
  return {
    carried: KEYS.get('carried_forward')!.cells.map((k, i) => num(k, latent.carried[i])),
    normativeInForce: num('t2.normative_docs.in_force', latent.normativeInForce),
    regulationsInForce: num('t2.regulations.in_force', latent.regulationsInForce),
    normativePublic: num('t2.normative_docs.total_public', latent.normativePublic),
    regulationsPublic: num('t2.regulations.total_public', latent.regulationsPublic),
    items,
  };
}
