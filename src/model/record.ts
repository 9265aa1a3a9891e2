// What the parser produces for one report. The `parse` command prints a subset of it (SCHEMA.md's JSON);
// the dataset stores all of it (values, checks, cell provenance, prose facts).
import type { CheckResult, Values } from './checks';
import type { Layout, Template } from './schema';

export type SourceFormat = 'txt' | 'md' | 'html' | 'pdf' | 'docx';

/**
 * How a cell was read:
 * - `value`: a number printed in the cell;
 * - `blank`: printed blank, "/", "-" or "—" (value null: never silently 0);
 * - `missing`: the source does not hold the cell (a cut-off table);
 * - `ambiguous`: the digits are there but more than one reading fits the table's identities (value null);
 * - `derived`: not printed, computed from printed cells (the 2021 (六) row from its three sub-rows).
 */
export type CellStatus = 'value' | 'blank' | 'missing' | 'ambiguous' | 'derived';

export interface CellSource {
  status: CellStatus;
  /** The raw text the value was read from (for run-together cells, the whole run). */
  raw?: string;
  /** 1-based page of a PDF. */
  page?: number;
  /** 1-based line (text) or table row (HTML) of the source where the cell was found. */
  line?: number;
}

/** A number the report's prose states, e.g. "共收到政府信息公开申请70件" → t3.new_received.total = 70. */
export interface ProseFact {
  key: string;
  value: number;
  quote: string;
}

export interface ReportRecord {
  agency: string | null;
  year: number | null;
  template: Template;
  layout: Layout;
  values: Values;
  cells: Record<string, CellSource>;
  checks: CheckResult[];
  warnings: string[];
  /** False when a table is cut off part-way (some cells `missing`). */
  complete: boolean;
  format: SourceFormat;
  prose: ProseFact[];
  /** The report's narrative text (everything outside the tables), for near-duplicate detection. */
  narrative: string;
}

/** The JSON object the `parse` command prints (SCHEMA.md, "Command-line contract"). */
export interface ParseOutput {
  agency: string | null;
  year: number | null;
  template: Template;
  values: Values;
  checks: { id: string; ok: boolean | null; left: number; right: number; cells: string[]; blanks?: string[] }[];
  warnings: string[];
}

export function toParseOutput(r: ReportRecord): ParseOutput {
  return {
    agency: r.agency,
    year: r.year,
    template: r.template,
    values: r.values,
    checks: r.checks.map((c) => ({ id: c.id, ok: c.ok, left: c.left, right: c.right, cells: c.cells, ...(c.blanks.length ? { blanks: c.blanks } : {}) })),
    warnings: r.warnings,
  };
}
