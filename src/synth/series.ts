// One agency's reports over the years: the numbers of each year (linked through what the previous report printed),
// the planned injections applied, the narrative, and the truth — every check that fails, attributed to the change
// that made it fail. A check that fails without an injected cause is a bug of the generator and throws.
import { crossYearChecks, runChecks, type CheckResult, type Values } from '../model/checks';
import { standardLayout, type Layout } from '../model/schema';
import * as C from './calibration';
import {
  carryOverMismatch, deriveOther, extremeOutcomeMix, inForceDelta, injectBlank, injectIdentity, injectImplausible, lineCells,
  nudgeVolumes, proseContradiction, type AgencyPlan, type AnomalyKind, type InjectedProblem, type YearInjection,
} from './inject';
import type { Line, Profile } from './profile';
import { writeNarrative, type Narrative, type StatedKey } from './prose';
import { applyZeroStyle, NO_BLANKS, styleForYear, type RenderStyle } from './render/style';
import { hash32, Rng } from './rng';
import type { Agency } from './universe';
import { generateYear, initialState, nextState, type YearMods, type YearState } from './values';

export interface SeriesReport {
  agency: Agency;
  year: number;
  layout: Layout;
  /** Values as printed (null = blank cell): what the parser should read back. */
  values: Values;
  /** Keys printed "/" rather than blank. */
  slashed: Set<string>;
  /** The numbers before the site's blank-for-zero style (what a copier copies). */
  numbers: Values;
  style: RenderStyle;
  narrative: Narrative;
  truth: InjectedProblem[];
  /** The deliberate change made to this report, if any (consequences are in `truth`). */
  injected: AnomalyKind | null;
  serial: number;
}

/** What a series needs to know about the panel around the agency. */
export interface SeriesContext {
  seed: number;
  profile: (index: number) => Profile;
  plan: (index: number) => AgencyPlan;
  style: (index: number) => RenderStyle;
  /** Years of the agency in the panel (ascending; empty when not sampled). */
  years: (index: number) => readonly number[];
  /** Other agencies of the same peer class and field that are in the panel. */
  peers: (index: number) => readonly number[];
}

/** The layout the agency prints in a year: 2019 template before its switch, the hybrid in its hybrid years. */
export function layoutOf(p: Profile, year: number): Layout {
  if (year < p.switchYear) return standardLayout('2019');
  if (p.hybrid && year >= p.hybrid[0] && year <= p.hybrid[1]) return { template: '2021', otherSplit: false };
  return standardLayout('2021');
}

const COPY_KINDS = new Set<YearInjection>(['copy_prev', 'copy_peer']);

/** Reports of agency `index` for its panel years up to `until`. */
export function agencySeries(ctx: SeriesContext, index: number, until = Infinity): SeriesReport[] {
  const p = ctx.profile(index);
  const plan = ctx.plan(index);
  const years = ctx.years(index).filter((y) => y <= until);
  const out: SeriesReport[] = [];
  if (!years.length) return out;
  let state: YearState = initialState(p, new Rng(ctx.seed, 'start', p.agency.name));
  // Years before the agency's first panel year still move its state forward (carry-over, stocks).
  for (let y = C.FIRST_YEAR; y < years[0]; y++) state = stepHonest(ctx.seed, p, y, state);

  let prev: SeriesReport | null = null;
  for (const year of years) {
    if (prev && prev.year !== year - 1) prev = null;
    const layout = layoutOf(p, year);
    const rng = new Rng(ctx.seed, 'inject', p.agency.name, year);
    const planned = plan.years.get(year) ?? null;
    const truth: InjectedProblem[] = [];
    let injected: AnomalyKind | null = null;
    const mods: YearMods = { lineFactor: lineFactors(plan, year) };

    if (planned === 'carry_over' && prev) {
      mods.carriedOver = carryOverMismatch(state.carried, rng);
      truth.push({ kind: 'carry_over', cells: [], detail: `上年结转 printed ${mods.carriedOver.join('/')} where last year carried forward ${state.carried.join('/')}` });
      injected = 'carry_over';
    } else if (planned === 'stock' && prev) {
      mods.inForceDelta = inForceDelta(state.normativeInForce, rng);
      truth.push({ kind: 'stock', cells: [], detail: `现行有效 of normative documents off by ${mods.inForceDelta} from last year's + 制发 − 废止` });
      injected = 'stock';
    } else if (planned === 'rate_outlier') {
      const extreme = extremeOutcomeMix(rng);
      mods.outcomeMix = extreme.mix;
      truth.push({ kind: 'outlier', cells: extreme.cells, detail: extreme.detail });
      injected = 'outlier';
    }

    const generated = generateYear(p, year, layout, state, new Rng(ctx.seed, 'year', p.agency.name, year), mods);
    let numbers = generated.values;
    let narrative: Narrative | null = null;
    let style = styleForYear(ctx.seed, p.agency, ctx.style(index), year);
    const overrides: Partial<Record<StatedKey, number>> = {};

    if (planned === 'identity') {
      truth.push(injectIdentity(numbers, layout, rng));
      injected = 'identity';
    } else if (planned === 'blank') {
      const problem = injectBlank(numbers, layout, p, year, rng);
      if (problem) {
        truth.push(problem);
        injected = 'blank';
      }
    } else if (planned === 'implausible') {
      truth.push(injectImplausible(numbers, layout, p, state, rng));
      injected = 'implausible';
    } else if (planned === 'text_table') {
      const c = proseContradiction(numbers, layout, rng);
      overrides[c.key] = c.value;
      truth.push({ kind: 'text_table', cells: [c.key], detail: `the prose states ${c.value} for ${c.key}, the table ${c.table}` });
      injected = 'text_table';
    } else if (planned === 'copy_prev' && prev && prev.injected === null) {
      numbers = { ...prev.numbers };
      const near = rng.chance(0.3);
      if (near) nudgeVolumes(numbers, rng);
      narrative = shiftYears(prev.narrative, year - 1);
      truth.push({ kind: 'copy', cells: [], copyOf: { agency: p.agency.name, year: year - 1 }, detail: `${near ? 'nearly identical' : 'identical'} tables and prose to the agency's own ${year - 1} report` });
      injected = 'copy';
    } else if (planned === 'copy_peer') {
      const source = copySource(ctx, index, year, layout, rng);
      if (source) {
        numbers = { ...source.numbers };
        const near = rng.chance(0.3);
        if (near) nudgeVolumes(numbers, rng);
        narrative = renameAgency(source.narrative, source.agency, p.agency);
        truth.push({ kind: 'copy', cells: [], copyOf: { agency: source.agency.name, year }, detail: `${near ? 'nearly identical' : 'identical'} tables and prose to ${source.agency.name}'s ${year} report` });
        injected = 'copy';
      }
    }
    deriveOther(numbers, layout);

    const { values, slashed } = applyZeroStyle(numbers, layout, style, p.agency);
    // Text that cannot show an empty cell: a report with blanks goes out as tab-separated text.
    if (NO_BLANKS.has(style.format) && Object.values(values).some((v) => v === null)) style = { ...style, format: 'tab' };
    narrative ??= writeNarrative({ seed: ctx.seed, agency: p.agency, year, layout, values, overrides, shortTitle: style.shortTitle });

    // Template problems and agency-level volume patterns.
    if (layout.template === '2019' && year >= 2021) truth.push({ kind: 'template', cells: [], detail: `2019 template used for ${year} (the 2021 template applies from the 2021 reports on)` });
    if (layout.template === '2021' && !layout.otherSplit) truth.push({ kind: 'template', cells: [], detail: 'hybrid: 2021 表二 with a single （六）其他处理 row in 表三' });
    if (plan.jump && plan.jump.year === year && prev) truth.push({ kind: 'jump', cells: lineCells(plan.jump.line), detail: `${plan.jump.line} ×${plan.jump.factor.toFixed(1)} from ${year} on (a change of counting?)` });
    if (plan.outlier) truth.push({ kind: 'outlier', cells: lineCells(plan.outlier.line), detail: `${plan.outlier.line} far above the peers in every year (×${plan.outlier.factor.toFixed(0)})` });

    // An honest year after an honest year passes every check by construction (tests hold the generator to it),
    // so the checks run only where a change was made.
    if (injected || prev?.injected) {
      attributeFailures(truth, injected, prev?.injected ?? null, runChecks(layout, values), prev ? crossYearChecks({ year: prev.year, values: prev.values }, { year, values }) : [], p.agency, year);
    }
    // A mismatch the printed report hides (a blank cell on either side) is no longer a problem anyone can see.
    const undetectable = truth.findIndex((t) => (t.kind === 'carry_over' || t.kind === 'stock') && !t.via && t.cells.length === 0);
    if (undetectable >= 0) {
      truth.splice(undetectable, 1);
      injected = null;
    }

    const report: SeriesReport = { agency: p.agency, year, layout, values, slashed, numbers, style, narrative, truth, injected, serial: hash32(`${p.agency.name}|${year}`) };
    out.push(report);
    prev = report;
    state = nextState(values, generated.latent);
    if (!p.regulations) state = { ...state, regulationsInForce: 0, regulationsPublic: 0 };
  }
  return out;
}

function lineFactors(plan: AgencyPlan, year: number): Partial<Record<Line, number>> | undefined {
  if (!plan.jump && !plan.outlier) return undefined;
  const f: Partial<Record<Line, number>> = {};
  if (plan.outlier) f[plan.outlier.line] = plan.outlier.factor;
  if (plan.jump && year >= plan.jump.year) f[plan.jump.line] = (f[plan.jump.line] ?? 1) * plan.jump.factor;
  return f;
}

/** One honest year, for the state of years before the agency's first panel year. */
function stepHonest(seed: number, p: Profile, year: number, state: YearState): YearState {
  const g = generateYear(p, year, layoutOf(p, year), state, new Rng(seed, 'year', p.agency.name, year));
  return g.latent;
}

/** A peer's honest report of the same year and layout to copy, or null when none qualifies. */
function copySource(ctx: SeriesContext, index: number, year: number, layout: Layout, rng: Rng): SeriesReport | null {
  const peers = ctx.peers(index).filter((i) => i !== index && ctx.years(i).includes(year));
  for (let attempt = 0; attempt < 8 && peers.length; attempt++) {
    const peer = rng.pick(peers);
    const plan = ctx.plan(peer);
    // The source is honest this year and copies nobody up to it (so regenerating it cannot recurse).
    if (plan.years.has(year) || [...plan.years].some(([y, k]) => y <= year && COPY_KINDS.has(k))) continue;
    const pl = layoutOf(ctx.profile(peer), year);
    if (pl.template !== layout.template || pl.otherSplit !== layout.otherSplit) continue;
    const series = agencySeries(ctx, peer, year);
    const source = series[series.length - 1];
    if (source?.year === year && source.injected === null) return source;
  }
  return null;
}

function mapNarrative(n: Narrative, f: (s: string) => string): Narrative {
  return {
    title: f(n.title),
    preface: n.preface.map(f),
    overview: n.overview.map((s) => ({ heading: f(s.heading), paragraphs: s.paragraphs.map(f) })),
    afterTable4: n.afterTable4.map(f),
    problems: n.problems.map(f),
    other: n.other.map(f),
    signature: { agency: f(n.signature.agency), date: f(n.signature.date) },
  };
}

/** Last year's narrative re-dated: what a report copied from last year looks like. */
function shiftYears(n: Narrative, from: number): Narrative {
  return mapNarrative(n, (s) => s.replace(/20\d\d/g, (y) => (+y === from || +y === from + 1 ? String(+y + 1) : y)));
}

/** Another agency's narrative with the names changed. */
function renameAgency(n: Narrative, from: Agency, to: Agency): Narrative {
  return mapNarrative(n, (s) => s.split(from.name).join(to.name).split(from.short).join(to.short));
}

const CHECK_KIND = (id: string): AnomalyKind => (id.startsWith('x.carry') ? 'carry_over' : id.startsWith('x.stock') ? 'stock' : 'identity');
/** Changes that can touch the cells linking a report to the previous one. */
const LINKING = new Set<AnomalyKind>(['carry_over', 'stock', 'copy', 'blank', 'implausible']);

/**
 * Adds to the truth every failing check, grouped by kind: under the injected change's own entry when it is that
 * kind (its cells become the failing checks' cells), else as a consequence (`via`) of the change in this report
 * or, for cross-year checks, of a change in the previous one.
 */
function attributeFailures(truth: InjectedProblem[], injected: AnomalyKind | null, previous: AnomalyKind | null, inReport: CheckResult[], crossYear: CheckResult[], agency: Agency, year: number) {
  const byKind = new Map<AnomalyKind, CheckResult[]>();
  for (const c of [...inReport, ...crossYear]) {
    if (c.ok !== false) continue;
    const kind = CHECK_KIND(c.id);
    byKind.set(kind, [...(byKind.get(kind) ?? []), c]);
  }
  for (const [kind, failing] of byKind) {
    const ids = failing.map((c) => c.id).join(', ');
    const cells = [...new Set(failing.flatMap((c) => c.cells))];
    const own = truth.find((t) => t.kind === kind && !t.via);
    if (own) {
      if (own.cells.length === 0) own.cells = cells;
      own.detail += `; fails ${ids}`;
      continue;
    }
    const cause = kind === 'identity' ? injected : injected && LINKING.has(injected) ? injected : previous;
    if (!cause) throw new Error(`synthetic panel bug: ${agency.name} ${year} fails ${ids} without an injected cause`);
    const detail = cause === injected ? `follows from the ${injected} change: fails ${ids}` : `follows from the ${previous} change in ${year - 1}: fails ${ids}`;
    truth.push({ kind, cells, detail, via: cause });
  }
}
