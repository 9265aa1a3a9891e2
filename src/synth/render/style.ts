// How one agency's website prints its report: the document format, how zeros and empty cells look, label
// variants, number formats, page chrome. Drawn per agency (a site keeps its CMS), with an occasional change of
// format in some year (a site redesign), from the agency's own random stream.
import type { Values } from '../../model/checks';
import { APPLICANT_COLUMNS, keysFor, type Layout } from '../../model/schema';
import { Rng } from '../rng';
import type { Agency } from '../universe';
import type { LabelStyle } from './tables';

/**
 * html: plain tables with rowspan/colspan; word: Word-export HTML; tab: tab-separated text; cells: one cell per
 * line; markdown: pipe tables; spaces: columns separated by runs of spaces; crawl: a crawler's flattened page text
 * where cells run together with no delimiter ("640020470"), which only the table identities can split.
 */
export type DocFormat = 'html' | 'word' | 'tab' | 'markdown' | 'cells' | 'spaces' | 'crawl';

/**
 * - `zero`: every zero printed as 0;
 * - `blankOrg`: zero cells of the five 法人或其他组织 columns of 表三 left blank (totals printed);
 * - `blankAll`: every zero cell of 表三 and 表四 left blank except the total columns;
 * - `slashNA`: rows that do not apply printed "/" (规章 at an agency that cannot make them; 2019 增/减 when 0).
 */
export type ZeroStyle = 'zero' | 'blankOrg' | 'blankAll' | 'slashNA';

export interface RenderStyle {
  format: DocFormat;
  zeros: ZeroStyle;
  /** Text of a cell left empty: '' or '/'. */
  blankText: '' | '/';
  labels: LabelStyle;
  /** Site chrome (navigation, metadata block, footer) around the report. */
  chrome: boolean;
  /** HTML served as GBK with a gb2312 meta charset. */
  gbk: boolean;
  thousands: boolean;
  /** 2019 procurement amount printed in 元 ("251000元") rather than 万元. */
  yuanProcurement: boolean;
  /** Positive 增/减 printed with a sign ("+3"). */
  signedChange: boolean;
  /** Word export: digits of some numbers split across <span>s. */
  splitDigits: boolean;
  /** Title names the agency by its short name; the body names it in full. */
  shortTitle: boolean;
}

const FORMATS: [DocFormat, number][] = [['word', 0.25], ['html', 0.35], ['tab', 0.12], ['cells', 0.1], ['markdown', 0.1], ['spaces', 0.077], ['crawl', 0.003]];
/** Formats that cannot show an empty cell: only sites that print every zero use them. */
export const NO_BLANKS = new Set<DocFormat>(['spaces', 'crawl']);
const ZEROS: [ZeroStyle, number][] = [['zero', 0.72], ['blankOrg', 0.12], ['blankAll', 0.06], ['slashNA', 0.1]];

const pickWeighted = <T>(rng: Rng, items: [T, number][]) => items[rng.weighted(items.map((i) => i[1]))][0];

export function drawStyle(seed: number, agency: Agency): RenderStyle {
  const rng = new Rng(seed, 'style', agency.name);
  const zeros = pickWeighted(rng, ZEROS);
  let format = pickWeighted(rng, FORMATS);
  if (NO_BLANKS.has(format) && zeros !== 'zero') format = 'tab';
  return {
    format,
    zeros,
    blankText: rng.chance(0.2) ? '/' : '',
    labels: { halfWidth: rng.chance(0.3), shortSocialOrg: rng.chance(0.15), noPartialNote: rng.chance(0.15), plainNormative: rng.chance(0.3) },
    chrome: rng.chance(0.6),
    gbk: rng.chance(0.05),
    thousands: rng.chance(0.05),
    yuanProcurement: rng.chance(0.2),
    signedChange: rng.chance(0.2),
    splitDigits: rng.chance(0.3),
    shortTitle: agency.kind === 'department' && rng.chance(0.15),
  };
}

/** The style of one year: a site redesign now and then changes the format. */
export function styleForYear(seed: number, agency: Agency, base: RenderStyle, year: number): RenderStyle {
  const rng = new Rng(seed, 'restyle', agency.name, year);
  if (!rng.chance(0.08)) return base;
  const format = pickWeighted(rng, FORMATS);
  return { ...base, format: NO_BLANKS.has(format) && base.zeros !== 'zero' ? 'html' : format };
}

const ORG_COLUMNS = APPLICANT_COLUMNS.slice(1).map((c) => c.key);

/** Keys a style prints blank when zero, and those it prints "/" — per layout, style and regulation power. */
const blankPlans = new Map<string, { blank: string[]; slash: string[]; others: boolean }>();
function blankPlan(layout: Layout, zeros: ZeroStyle, makesRegulations: boolean) {
  const id = `${layout.template}/${layout.otherSplit}/${zeros}/${makesRegulations}`;
  let plan = blankPlans.get(id);
  if (plan) return plan;
  plan = { blank: [], slash: [], others: layout.otherSplit };
  for (const { key, table, row, column } of keysFor(layout)) {
    if (zeros === 'blankOrg' && table === 't3' && ORG_COLUMNS.includes(column.key)) plan.blank.push(key);
    else if (zeros === 'blankAll' && (table === 't3' || table === 't4') && column.key !== 'total') plan.blank.push(key);
    else if (zeros === 'slashNA' && table === 't2' && ((row.key === 'regulations' && !makesRegulations) || column.key === 'change')) plan.slash.push(key);
  }
  blankPlans.set(id, plan);
  return plan;
}

const OTHER_COLUMNS = [...APPLICANT_COLUMNS.map((a) => a.key), 'total'].map((c) => ({ key: `t3.other.${c}`, parts: ['no_correction', 'no_fee', 'other'].map((r) => `t3.other.${r}.${c}`) }));

/**
 * The values as the style prints them: zeros it leaves blank become null (a blank is never silently 0 in a
 * record). Returns the keys printed as "not applicable" ("/") separately.
 */
export function applyZeroStyle(values: Values, layout: Layout, style: RenderStyle, agency: Agency): { values: Values; slashed: Set<string> } {
  const slashed = new Set<string>();
  if (style.zeros === 'zero') return { values, slashed };
  const plan = blankPlan(layout, style.zeros, agency.makesRegulations);
  const out: Values = { ...values };
  for (const key of plan.blank) if (out[key] === 0) out[key] = null;
  for (const key of plan.slash) {
    if (out[key] === 0) {
      out[key] = null;
      slashed.add(key);
    }
  }
  // The (六) row of a split table is derived from its sub-rows: blank when they all are.
  if (plan.others) for (const o of OTHER_COLUMNS) if (o.parts.every((k) => out[k] == null)) out[o.key] = null;
  return { values: out, slashed };
}
