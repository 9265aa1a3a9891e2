// A parsed report → compact rows for the dataset's tables, built where the report is parsed (a worker thread)
// and handed to the writer as typed arrays: a report has ~200 cells and ~40 checks, and a million reports must
// cross threads without a million object graphs. Value keys travel as their index in ALL_KEYS and check
// definitions (id + cells) once per worker, then as a small number.
import { narrativeFingerprint, proseFacts } from '../anomalies/fingerprint';
import type { CheckResult } from '../model/checks';
import type { CellStatus, ReportRecord } from '../model/record';
import { ALL_KEYS } from '../model/schema';
import type { AgencyInfo } from './agency';
import type { Place } from './region';

export const CELL_STATUSES: readonly CellStatus[] = ['value', 'blank', 'missing', 'ambiguous', 'derived'];
const STATUS_INDEX = new Map(CELL_STATUSES.map((s, i) => [s, i]));
/** The dataset's value keys, in column order. */
const KEYS = ALL_KEYS.map((d) => d.key);
export const KEY_INDEX: ReadonlyMap<string, number> = new Map(KEYS.map((k, i) => [k, i]));
const COUNT_KEY = ALL_KEYS.map((d) => d.column.kind !== 'amount');

/** How a cell's raw text is stored: none, the value's own digits (kept as a flag, not a string), or a string. */
export const RAW_NONE = 0;
export const RAW_DIGITS = 1;
export const RAW_TEXT = 2;

/** The report's columns other than the value columns, plus what the builder needs to pick among duplicates. */
export interface ReportRow extends Place {
  seq: number;
  report_id: string;
  agency_id: string;
  agency: string;
  year: number;
  template: string;
  other_split: boolean;
  level: string | null;
  agency_type: string | null;
  source: string;
  source_format: string;
  is_real: boolean;
  complete: boolean;
  checks_failed: number;
  warnings: number;
  narrative_minhash: string | null;
  narrative_shingles: number | null;
  prose_facts: string | null;
  /** Canonical agency name (agencies.agency). */
  canonical: string;
  /** Cells missing or ambiguous: fewer is a more complete reading. */
  unread: number;
  agency_warning: string | null;
}

/** A check definition first seen by this worker: `def` is its number within the worker. */
export interface CheckDefinition {
  def: number;
  id: string;
  cells: string[];
}

export interface EncodedBatch {
  reports: ReportRow[];
  /** reports.length × ALL_KEYS.length values, NaN for null. */
  values: Float64Array;
  cells: {
    count: number;
    report: Uint16Array;
    key: Uint16Array;
    value: Float64Array;
    status: Uint8Array;
    rawKind: Uint8Array;
    /** 0 = none (pages and lines are 1-based). */
    page: Uint32Array;
    line: Uint32Array;
    /** The RAW_TEXT raws, in cell order. */
    raws: string[];
  };
  checks: {
    count: number;
    report: Uint16Array;
    def: Uint16Array;
    /** 0 false, 1 true, 2 null (a cell the check needs is missing). */
    ok: Uint8Array;
    left: Float64Array;
    right: Float64Array;
    /** Bit i set: the check's i-th cell was printed blank and counted as 0. */
    blanks: BigUint64Array;
  };
  newDefinitions: CheckDefinition[];
  prose: { report: number; key: string; value: number; quote: string }[];
  rejects: { seq: number; source: string; reason: string }[];
}

/** Why a record cannot go into the dataset as it is, or null. */
export function recordProblem(record: ReportRecord): string | null {
  if (!record.agency) return 'no agency name found in the report';
  if (record.year === null) return 'no report year found';
  // one pass over the schema's keys, and a count to tell whether the record holds any other (the record's
  // objects have ~200 keys: iterating them is several times slower than looking keys up)
  let values = 0;
  let cells = 0;
  for (let i = 0; i < KEYS.length; i++) {
    const key = KEYS[i];
    const v = record.values[key];
    if (v !== undefined) {
      values++;
      if (v !== null && (!Number.isFinite(v) || (COUNT_KEY[i] && (!Number.isInteger(v) || Math.abs(v) > 2 ** 31 - 1)))) return `parser returned an impossible value for ${key}: ${v}`;
    }
    if (record.cells[key] !== undefined) cells++;
  }
  if (values !== Object.keys(record.values).length || cells !== Object.keys(record.cells).length) {
    const unknown = [...Object.keys(record.values), ...Object.keys(record.cells)].find((k) => !KEY_INDEX.has(k));
    return `parser returned an unknown value key ${unknown}`;
  }
  for (const c of record.checks) if (c.cells.length > 64) return `check ${c.id} reads more than 64 cells`;
  return null;
}

type Column = Uint8Array | Uint16Array | Uint32Array | Float64Array | BigUint64Array;

const grow = <T extends Column>(a: T, n: number): T => {
  if (n <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(n, a.length * 2, 1024));
  b.set(a as never);
  return b;
};

/** A copy of a group of columns (the cells' or the checks') with `f` applied to each typed-array column. */
const mapColumns = <G extends object>(group: G, f: (a: Column) => Column): G =>
  Object.fromEntries(Object.entries(group).map(([k, v]) => [k, ArrayBuffer.isView(v) ? f(v as Column) : v])) as G;

/** Collects the reports of one batch. One encoder per worker: it remembers which check definitions it has sent. */
export class BatchEncoder {
  private readonly definitions = new Map<string, { def: number; cells: string[] }[]>();
  private definitionCount = 0;
  private batch!: EncodedBatch;

  constructor() {
    this.reset();
  }

  private reset(): void {
    this.batch = {
      reports: [],
      values: new Float64Array(0),
      cells: { count: 0, report: new Uint16Array(0), key: new Uint16Array(0), value: new Float64Array(0), status: new Uint8Array(0), rawKind: new Uint8Array(0), page: new Uint32Array(0), line: new Uint32Array(0), raws: [] },
      checks: { count: 0, report: new Uint16Array(0), def: new Uint16Array(0), ok: new Uint8Array(0), left: new Float64Array(0), right: new Float64Array(0), blanks: new BigUint64Array(0) },
      newDefinitions: [],
      prose: [],
      rejects: [],
    };
  }

  reject(seq: number, source: string, reason: string): void {
    this.batch.rejects.push({ seq, source, reason });
  }

  /** Adds a record that passed `recordProblem`. */
  add(row: Pick<ReportRow, 'seq' | 'report_id' | 'agency_id' | 'source' | 'is_real'>, agency: AgencyInfo, record: ReportRecord): void {
    const b = this.batch;
    const r = b.reports.length;
    const sketch = narrativeFingerprint(record.narrative, record.agency);
    const { canonical, warning, ...place } = agency;
    b.reports.push({
      ...row,
      agency: record.agency!,
      year: record.year!,
      template: record.template,
      other_split: record.layout.otherSplit,
      ...place,
      source_format: record.format,
      complete: record.complete,
      checks_failed: record.checks.filter((c) => c.ok === false).length,
      warnings: record.warnings.length,
      narrative_minhash: sketch?.minhash ?? null,
      narrative_shingles: sketch?.shingles ?? null,
      prose_facts: proseFacts(record.prose),
      canonical,
      unread: 0, // counted with the cells below
      agency_warning: warning,
    });

    const k = ALL_KEYS.length;
    b.values = grow(b.values, (r + 1) * k);
    this.reserve(k, record.checks.length);
    const c = b.cells;
    // cells in the schema's key order, whatever order the parser produced them in
    for (let i = 0; i < k; i++) {
      const key = KEYS[i];
      const value = record.values[key] ?? null;
      b.values[r * k + i] = value ?? NaN;
      const cell = record.cells[key];
      if (!cell) continue;
      const at = c.count++;
      c.report[at] = r;
      c.key[at] = i;
      c.value[at] = value ?? NaN;
      c.status[at] = STATUS_INDEX.get(cell.status)!;
      if (cell.status === 'missing' || cell.status === 'ambiguous') b.reports[r].unread++;
      c.page[at] = cell.page ?? 0;
      c.line[at] = cell.line ?? 0;
      const raw = cell.raw;
      if (raw === undefined) c.rawKind[at] = RAW_NONE;
      else if (value !== null && Number.isInteger(value) && raw === String(value)) c.rawKind[at] = RAW_DIGITS;
      else {
        c.rawKind[at] = RAW_TEXT;
        c.raws.push(raw);
      }
    }

    for (const check of record.checks) this.addCheck(r, check);
    for (const p of record.prose) b.prose.push({ report: r, key: p.key, value: p.value, quote: p.quote });
  }

  /** Room for `cells` more cells and `checks` more checks. */
  private reserve(cells: number, checks: number): void {
    const b = this.batch;
    if (b.cells.count + cells > b.cells.report.length) b.cells = mapColumns(b.cells, (a) => grow(a, b.cells.count + cells));
    if (b.checks.count + checks > b.checks.report.length) b.checks = mapColumns(b.checks, (a) => grow(a, b.checks.count + checks));
  }

  /** The thread-wide number of a check definition (id and cells), sent with the batch the first time it is seen. */
  private definition(check: CheckResult): number {
    // the same id reads different cells under different layouts: compare the cells, without building strings
    const known = this.definitions.get(check.id);
    const same = known?.find((d) => d.cells.length === check.cells.length && d.cells.every((x, i) => x === check.cells[i]));
    if (same) return same.def;
    const def = this.definitionCount++;
    const cells = [...check.cells];
    if (known) known.push({ def, cells });
    else this.definitions.set(check.id, [{ def, cells }]);
    this.batch.newDefinitions.push({ def, id: check.id, cells });
    return def;
  }

  private addCheck(report: number, check: CheckResult): void {
    const c = this.batch.checks;
    const at = c.count++;
    let blanks = 0n;
    for (const key of check.blanks) {
      const i = check.cells.indexOf(key);
      if (i >= 0) blanks |= 1n << BigInt(i);
    }
    c.report[at] = report;
    c.def[at] = this.definition(check);
    c.ok[at] = check.ok === null ? 2 : check.ok ? 1 : 0;
    c.left[at] = check.left;
    c.right[at] = check.right;
    c.blanks[at] = blanks;
  }

  /** The batch so far (trimmed to size) and the buffers to transfer; the encoder starts a new batch. */
  take(): { batch: EncodedBatch; transfer: ArrayBuffer[] } {
    const b = this.batch;
    const batch: EncodedBatch = {
      ...b,
      values: b.values.slice(0, b.reports.length * ALL_KEYS.length),
      cells: mapColumns(b.cells, (a) => a.slice(0, b.cells.count)),
      checks: mapColumns(b.checks, (a) => a.slice(0, b.checks.count)),
    };
    this.reset();
    const transfer = [batch.values, ...Object.values(batch.cells), ...Object.values(batch.checks)]
      .filter((a): a is Uint8Array => ArrayBuffer.isView(a))
      .map((a) => a.buffer as ArrayBuffer);
    return { batch, transfer };
  }
}
