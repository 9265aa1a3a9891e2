// SQL pieces the detectors share. The detectors are SQL over the dataset's `reports` table (the columns of
// src/model/dataset.ts), so the same statements run in DuckDB from the command line and in DuckDB-WASM in the
// dashboard. Every statement names the columns it reads: the dashboard loads a column the first time a
// statement names it.
import { REPORT_COLUMNS, VALUE_COLUMNS } from '../model/dataset';
import { columnName, standardLayout, type Layout } from '../model/schema';
import type { Kind } from './types';

/** Runs SQL: DuckDB (node-api) in the command, the dashboard's engine in the browser, either in tests. */
export interface SqlRunner {
  query<T = Record<string, unknown>>(sql: string): Promise<T[]>;
}

export const col = (key: string) => `"${columnName(key)}"`;
export const str = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** The three layouts a report can have, with the condition that selects its reports. */
export const LAYOUTS: readonly { layout: Layout; where: string }[] = [
  { layout: standardLayout('2019'), where: `template = '2019'` },
  { layout: standardLayout('2021'), where: `template = '2021' AND other_split` },
  { layout: { template: '2021', otherSplit: false }, where: `template = '2021' AND NOT other_split` },
];

/** Σ of cells with blanks counted as 0 (as the parser's checks count them). */
export const sumOf = (keys: readonly string[]) => (keys.length ? keys.map((k) => `coalesce(${col(k)}, 0)`).join(' + ') : '0');

/**
 * Peers: reports of the same administrative level, field and year, never mixing real and synthetic reports (a
 * real agency is not measured against invented ones). Reports whose level or field is unknown have no peers.
 */
export const PEER_KEYS = ['is_real', 'level', 'agency_type'] as const;
export const HAS_PEERS = `level IS NOT NULL AND agency_type IS NOT NULL`;
/** Fewer peers than this and no statistic is computed. */
export const MIN_PEERS = 10;
/** Robust z beyond which a value is "far" from its peers (FIELD-NOTES: ~3.5). */
export const Z_LIMIT = 3.5;
/** MAD → standard deviation for normal data. */
export const MAD_SCALE = 1.4826;

/** One evidence row (see Evidence in types.ts); expressions are SQL over the detector's own FROM. */
export function evidence(e: { kind: Kind; severity: string | number; strength: string; what: string; cells: string; ref?: string; a?: string; b?: string; c?: string }): string {
  return `SELECT report_id, ${str(e.kind)} AS kind, (${e.severity})::INTEGER AS severity, least(0.999, greatest(0, (${e.strength})::DOUBLE)) AS strength,
    (${e.what})::VARCHAR AS what, (${e.cells})::VARCHAR AS cells, (${e.ref ?? 'NULL'})::VARCHAR AS ref,
    (${e.a ?? 'NULL'})::DOUBLE AS a, (${e.b ?? 'NULL'})::DOUBLE AS b, (${e.c ?? 'NULL'})::DOUBLE AS c`;
}

/** The descriptive (non-value) columns of reports a statement names: what the dashboard must load for it. */
const DESCRIPTIVE = REPORT_COLUMNS.filter((c) => !VALUE_COLUMNS.includes(c)).map((c) => c.name);
export const descriptiveColumnsIn = (sql: string) => DESCRIPTIVE.filter((n) => new RegExp(`\\b${n}\\b`).test(sql));
