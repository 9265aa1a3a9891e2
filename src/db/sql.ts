// SQL building blocks. User input reaches SQL only as bound parameters (`?`); identifiers come from the dataset's
// own column list (src/model/dataset.ts) and are refused otherwise, so nothing typed by a user becomes SQL text.
import { DATASET_TABLES } from '../model/dataset';

export type Param = string | number | boolean | null;

export interface Query {
  sql: string;
  params: Param[];
  /** Descriptive columns of reports the statement reads beyond the always-loaded ones (see engine.ts). */
  needs?: string[];
  /** The same question asked of the rollup tables (see queries.ts): answered from them once they are built. */
  rollup?: Query;
  /** 'low': waits until no other query is running (figures that may come a moment after the charts). */
  priority?: 'low';
}

export type Row = Record<string, unknown>;

const KNOWN_COLUMNS = new Set(Object.values(DATASET_TABLES).flatMap((cols) => cols.map((c) => c.name)));

/** A dataset column as a quoted identifier; throws for anything that is not one. */
export function ident(name: string): string {
  if (!KNOWN_COLUMNS.has(name)) throw new Error(`unknown column: ${name}`);
  return `"${name}"`;
}

/** Joins query fragments, keeping their parameters in order. */
export function sql(strings: TemplateStringsArray, ...parts: (Query | string)[]): Query {
  let text = strings[0];
  const params: Param[] = [];
  parts.forEach((p, i) => {
    if (typeof p === 'string') text += p;
    else {
      text += p.sql;
      params.push(...p.params);
    }
    text += strings[i + 1];
  });
  return { sql: text, params };
}

/** A bound value. */
export const bind = (value: Param): Query => ({ sql: '?', params: [value] });

/** `?, ?, ?` for a list of bound values (at least one: an empty list matches nothing). */
export const bindList = (values: readonly Param[]): Query =>
  values.length ? { sql: values.map(() => '?').join(', '), params: [...values] } : { sql: 'NULL', params: [] };

export const joinQueries = (parts: Query[], sep: string): Query => ({
  sql: parts.map((p) => p.sql).join(sep),
  params: parts.flatMap((p) => p.params),
});

/** Value columns (`t3__…`) a statement reads: the engine loads exactly these before running it. */
export function valueColumnsIn(text: string): string[] {
  return [...new Set(text.match(/\bt[234]__[a-z_]+(?:__[a-z_]+)*\b/g) ?? [])].filter((c) => KNOWN_COLUMNS.has(c));
}
