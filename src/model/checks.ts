// The consistency checks (勾稽关系) of SCHEMA.md as data: each is "Σ left = Σ right" over value keys, so the
// parser, the dataset, the anomaly detector and the UI's highlighted cells all read the same definitions.
import { APPLICANT_COLUMNS, T3_COLUMNS, T4_BLOCKS, keysFor, t3Key, t4Key, type Layout } from './schema';

export interface CheckDef {
  id: string;
  left: string[];
  right: string[];
  zh: string;
  en: string;
}

export type Values = Record<string, number | null>;

export interface CheckResult {
  id: string;
  /** null when a cell the check needs is missing from the source (a cut-off table). */
  ok: boolean | null;
  left: number;
  right: number;
  /** Every cell the check reads. */
  cells: string[];
  /** Cells printed blank that were counted as 0 ("analysis may treat a blank as 0, and must say so"). */
  blanks: string[];
}

const T3_RESULT_ROWS_2019 = [
  'granted', 'partial',
  'denied.state_secret', 'denied.law_forbidden', 'denied.security_stability', 'denied.third_party',
  'denied.internal_affairs', 'denied.process_info', 'denied.enforcement_file', 'denied.admin_query',
  'unable.not_held', 'unable.needs_creation', 'unable.unclear',
  'not_processed.complaint', 'not_processed.duplicate', 'not_processed.publication', 'not_processed.excessive',
  'not_processed.confirmation',
];
export const OTHER_SUB_ROWS = ['other.no_correction', 'other.no_fee', 'other.other'];

/** Rows whose outcomes add up to (七)总计 under the layout. */
export const resultRows = (layout: Layout) => [...T3_RESULT_ROWS_2019, ...(layout.otherSplit ? OTHER_SUB_ROWS : ['other'])];

const cache = new Map<string, CheckDef[]>();

/**
 * The in-report checks for a layout. With the (六) split, `t3.other.split` is included only when the report
 * prints its own (六) row (`printsOtherTotal`): otherwise `other` is derived from the split and could not fail.
 */
export function checksFor(layout: Layout, printsOtherTotal = false): CheckDef[] {
  const id = `${layout.template}/${layout.otherSplit}/${printsOtherTotal}`;
  const hit = cache.get(id);
  if (hit) return hit;
  const defs: CheckDef[] = [];
  for (const c of T3_COLUMNS) {
    defs.push({
      id: `t3.flow.${c.key}`,
      left: [t3Key('new_received', c.key), t3Key('carried_over', c.key)],
      right: [t3Key('total', c.key), t3Key('carried_forward', c.key)],
      zh: `${c.zh}：新收 + 上年结转 = 总计 + 结转下年度`,
      en: `${c.en}: new + carried over = total + carried forward`,
    });
  }
  for (const c of T3_COLUMNS) {
    defs.push({
      id: `t3.sum.${c.key}`,
      left: resultRows(layout).map((r) => t3Key(r, c.key)),
      right: [t3Key('total', c.key)],
      zh: `${c.zh}：各办理结果之和 = （七）总计`,
      en: `${c.en}: outcomes add up to the total`,
    });
  }
  const rowsWithTotals = new Set(keysFor(layout).filter((d) => d.table === 't3').map((d) => d.row.key));
  if (layout.otherSplit && !printsOtherTotal) rowsWithTotals.delete('other');
  for (const row of rowsWithTotals) {
    defs.push({
      id: `t3.row.${row}`,
      left: APPLICANT_COLUMNS.map((c) => t3Key(row, c.key)),
      right: [t3Key(row, 'total')],
      zh: `${row}：六类申请人之和 = 总计`,
      en: `${row}: the six applicant columns add up to the total`,
    });
  }
  if (layout.otherSplit && printsOtherTotal) {
    for (const c of T3_COLUMNS) {
      defs.push({
        id: c.key === 'total' ? 't3.other.split' : `t3.other.split.${c.key}`,
        left: OTHER_SUB_ROWS.map((r) => t3Key(r, c.key)),
        right: [t3Key('other', c.key)],
        zh: `${c.zh}：（六）其他处理 = 三项之和`,
        en: `${c.en}: other handling equals its three sub-rows`,
      });
    }
  }
  for (const b of T4_BLOCKS) {
    defs.push({
      id: `t4.sum.${b.key}`,
      left: ['upheld', 'corrected', 'other', 'pending'].map((o) => t4Key(b.key, o)),
      right: [t4Key(b.key, 'total')],
      zh: `${b.zh}：维持 + 纠正 + 其他 + 尚未审结 = 总计`,
      en: `${b.en}: upheld + corrected + other + pending = total`,
    });
  }
  cache.set(id, defs);
  return defs;
}

const EPS = 1e-6;

/**
 * Evaluates one check. `present(key)` says whether the source holds the cell at all (a cut-off table does not):
 * a check over a missing cell is not computable; a printed blank counts as 0 and is listed in `blanks`.
 */
export function evaluate(def: CheckDef, values: Values, present: (key: string) => boolean = (k) => k in values): CheckResult {
  let left = 0;
  let right = 0;
  let computable = true;
  const blanks: string[] = [];
  const add = (key: string) => {
    if (!present(key)) {
      computable = false;
      return 0;
    }
    const v = values[key];
    if (v == null) {
      blanks.push(key);
      return 0;
    }
    return v;
  };
  for (const k of def.left) left += add(k);
  for (const k of def.right) right += add(k);
  return {
    id: def.id,
    ok: computable ? Math.abs(left - right) <= EPS * Math.max(1, Math.abs(right)) : null,
    left,
    right,
    cells: [...def.left, ...def.right],
    blanks,
  };
}

export function runChecks(layout: Layout, values: Values, present?: (key: string) => boolean, printsOtherTotal = false): CheckResult[] {
  return checksFor(layout, printsOtherTotal).map((d) => evaluate(d, values, present));
}

// ---------------------------------------------------------------- across years

export interface YearRecord {
  year: number;
  values: Values;
}

/** x.carry.<col>: this year's 上年结转 equals last year's 结转下年度 (same agency). */
export function crossYearChecks(prev: YearRecord, cur: YearRecord): CheckResult[] {
  const out: CheckResult[] = [];
  if (cur.year !== prev.year + 1) return out;
  for (const c of T3_COLUMNS) {
    const a = t3Key('carried_over', c.key);
    const b = t3Key('carried_forward', c.key);
    const x = cur.values[a];
    const y = prev.values[b];
    if (x == null && y == null) continue;
    out.push({ id: `x.carry.${c.key}`, ok: x != null && y != null ? x === y : null, left: x ?? 0, right: y ?? 0, cells: [a, `${prev.year}:${b}`], blanks: [] });
  }
  for (const item of ['regulations', 'normative_docs']) {
    const k = (c: string) => `t2.${item}.${c}`;
    const inForce = cur.values[k('in_force')];
    const before = prev.values[k('in_force')];
    const issued = cur.values[k('issued')];
    const repealed = cur.values[k('repealed')];
    if (inForce == null || before == null || issued == null || repealed == null) continue;
    const expect = before + issued - repealed;
    out.push({
      id: `x.stock.${item}`,
      ok: expect === inForce,
      left: inForce,
      right: expect,
      cells: [k('in_force'), `${prev.year}:${k('in_force')}`, k('issued'), k('repealed')],
      blanks: [],
    });
  }
  return out;
}
