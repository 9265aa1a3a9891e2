// The synthetic panel as a lazy stream of report documents: agency by agency (each agency's years in order),
// never the whole panel in memory. Agencies are sampled deterministically when fewer reports are asked for than
// the universe holds; the universe itself is always the real division list.
import type { Values } from '../model/checks';
import type { Layout } from '../model/schema';
import { YEARS } from './calibration';
import { planAgency, type AgencyPlan, type InjectedProblem } from './inject';
import { drawProfile, type Profile } from './profile';
import { renderDocument, type RenderedDocument } from './render/document';
import { drawStyle, type DocFormat, type RenderStyle } from './render/style';
import { Rng } from './rng';
import { agencySeries, layoutOf, type SeriesContext, type SeriesReport } from './series';
import { buildUniverse, listProvinces, type Agency, type Universe } from './universe';

/** The dataset builder's input (src/dataset/build.ts), restated so the generator does not depend on it. */
export interface DatasetInput {
  source: string;
  bytes: Uint8Array;
  isReal: boolean;
}

export interface PanelReport {
  input: DatasetInput;
  /** The problems injected into this report and every check they make fail (empty for an honest report). */
  truth: InjectedProblem[];
  agency: Agency;
  year: number;
  layout: Layout;
  format: DocFormat;
  /** The values as printed (null = blank cell): what the parser should read back. */
  values: Values;
}

export interface PanelOptions {
  seed: number;
  /** Number of reports; default: every agency of the universe × 7 years. */
  reports?: number;
  /** GB/T 2260 code or name of the province, or 'all' for the whole country. Default: DEFAULT_PROVINCE. */
  province?: string;
  /**
   * For benchmarks: when `reports` exceeds the universe × 7 years, go on with further panels of the same universe
   * (seeds seed+1, seed+2, …). Their agency-years repeat earlier ones, so a dataset builder keeps one of each.
   */
  repeat?: boolean;
}

/**
 * The default demo province, 甘肃省: a mid-size province (14 prefectures, 86 counties, ~1,400 townships) whose full
 * universe × 7 years fits the repository's 15 MB budget, with peer groups large enough for robust statistics, and
 * none of whose agencies has a real report in the corpus (so no agency mixes real and synthetic years).
 */
export const DEFAULT_PROVINCE = '62';

/** The panel's plan: which agencies and years, before any report is generated (cheap, O(agencies)). */
export interface PanelPlan {
  seed: number;
  agencies: Agency[];
  /** Years of each agency in the panel (empty when not sampled). */
  years: (index: number) => readonly number[];
  reports: number;
  capacity: number;
}

export function universeFor(province: string | undefined): Universe[] {
  const q = province ?? DEFAULT_PROVINCE;
  return q === 'all' ? listProvinces().map((p) => buildUniverse(p.code)) : [buildUniverse(q)];
}

export function planPanel(opts: PanelOptions): PanelPlan {
  const agencies = universeFor(opts.province).flatMap((u) => u.agencies);
  const capacity = agencies.length * YEARS.length;
  const reports = opts.reports ?? capacity;
  if (!Number.isInteger(reports) || reports < 1) throw new Error(`--reports must be a positive integer (got ${opts.reports})`);
  if (reports > capacity) throw new Error(`asked for ${reports} reports but the universe holds ${agencies.length} agencies × ${YEARS.length} years = ${capacity}; use a larger province or 'all'`);
  // Selection sampling (Knuth's algorithm S): exactly `need` agencies, each equally likely, in universe order.
  const need = Math.ceil(reports / YEARS.length);
  const selected = new Int32Array(agencies.length).fill(-1);
  const rng = new Rng(opts.seed, 'sample');
  let taken = 0;
  for (let i = 0; i < agencies.length && taken < need; i++) {
    if ((agencies.length - i) * rng.next() < need - taken) selected[i] = taken++;
  }
  // The last sampled agency gets the remainder of years (its latest ones) when `reports` is not a multiple of 7.
  const lastYears = reports - (need - 1) * YEARS.length;
  const tail = YEARS.slice(YEARS.length - lastYears);
  return {
    seed: opts.seed,
    agencies,
    years: (i) => (selected[i] < 0 ? [] : selected[i] === need - 1 ? tail : YEARS),
    reports,
    capacity,
  };
}

/** The context series need: profiles, plans and styles are pure functions of (seed, agency), cached per agency. */
function seriesContext(plan: PanelPlan): SeriesContext {
  const groups = new Map<string, number[]>();
  plan.agencies.forEach((a, i) => {
    if (!plan.years(i).length) return;
    const key = `${a.kind}|${a.level}|${a.townKind}|${a.type}`;
    const list = groups.get(key) ?? [];
    list.push(i);
    groups.set(key, list);
  });
  const groupOf = (i: number) => {
    const a = plan.agencies[i];
    return groups.get(`${a.kind}|${a.level}|${a.townKind}|${a.type}`) ?? [];
  };
  // Small caches: a series touches its own agency and, rarely, one peer.
  const profiles = new Map<number, Profile>();
  const plans = new Map<number, AgencyPlan>();
  const styles = new Map<number, RenderStyle>();
  const cached = <T>(m: Map<number, T>, i: number, make: () => T) => {
    let v = m.get(i);
    if (v === undefined) {
      if (m.size > 64) m.clear();
      m.set(i, (v = make()));
    }
    return v;
  };
  const profile = (i: number) => cached(profiles, i, () => drawProfile(plan.seed, plan.agencies[i]));
  return {
    seed: plan.seed,
    profile,
    plan: (i) => cached(plans, i, () => planAgency(profile(i), { years: plan.years(i), layoutOf: (y) => layoutOf(profile(i), y), peers: groupOf(i).length }, new Rng(plan.seed, 'plan', plan.agencies[i].name))),
    style: (i) => cached(styles, i, () => drawStyle(plan.seed, plan.agencies[i])),
    years: plan.years,
    peers: groupOf,
  };
}

export function renderReport(seed: number, r: SeriesReport): { input: DatasetInput; doc: RenderedDocument } {
  const doc = renderDocument({ agency: r.agency, year: r.year, layout: r.layout, values: r.values, slashed: r.slashed, narrative: r.narrative, style: r.style, serial: r.serial });
  return { input: { source: `synthetic://${seed}/${r.agency.name}/${r.year}.${doc.ext}`, bytes: doc.bytes, isReal: false }, doc };
}

/** Every report of the panel, rendered, in universe order; lazy. */
export function* generatePanel(opts: PanelOptions): Generator<PanelReport> {
  let left = opts.reports;
  const capacity = opts.repeat ? universeFor(opts.province).reduce((n, u) => n + u.agencies.length, 0) * YEARS.length : Infinity;
  for (let edition = 0; ; edition++) {
    const reports = left === undefined ? undefined : Math.min(left, capacity);
    const plan = planPanel({ ...opts, seed: opts.seed + edition, reports });
    const ctx = seriesContext(plan);
    for (let i = 0; i < plan.agencies.length; i++) {
      if (!plan.years(i).length) continue;
      for (const r of agencySeries(ctx, i)) {
        const { input } = renderReport(plan.seed, r);
        yield { input, truth: r.truth, agency: r.agency, year: r.year, layout: r.layout, format: r.style.format, values: r.values };
      }
    }
    if (left === undefined || !opts.repeat) return;
    left -= plan.reports;
    if (left <= 0) return;
  }
}

/** The series of the panel without rendering (for tests and calibration checks). */
export function* panelSeries(opts: PanelOptions): Generator<SeriesReport> {
  const plan = planPanel(opts);
  const ctx = seriesContext(plan);
  for (let i = 0; i < plan.agencies.length; i++) if (plan.years(i).length) yield* agencySeries(ctx, i);
}
