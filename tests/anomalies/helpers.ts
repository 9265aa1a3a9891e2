// Small hand-made datasets for the detector: a `reports` table with every column of src/model/dataset.ts, rows
// given as a few descriptive fields and a values object keyed by value key (the rest null), in an in-memory DuckDB.
import { DuckDBInstance } from '@duckdb/node-api';
import { allFlags, detect, type Flag, type SqlRunner } from '../../src/anomalies';
import { REPORT_COLUMNS, VALUE_COLUMNS } from '../../src/model/dataset';
import { columnName, keysFor, standardLayout, type Layout } from '../../src/model/schema';
import { runChecks, type Values } from '../../src/model/checks';

export interface Row {
  report_id: string;
  agency_id?: string;
  agency?: string;
  year: number;
  template?: '2019' | '2021';
  other_split?: boolean;
  province_code?: string | null;
  city_code?: string | null;
  level?: string | null;
  agency_type?: string | null;
  is_real?: boolean;
  complete?: boolean;
  /** Default: computed from the values with the schema's checks, as the parser does. */
  checks_failed?: number;
  narrative_minhash?: string | null;
  narrative_shingles?: number | null;
  prose_facts?: string | null;
  values?: Values;
}

const literal = (v: unknown) => (v === null || v === undefined ? 'NULL' : typeof v === 'string' ? `'${v.replaceAll("'", "''")}'` : String(v));

export const layoutOf = (r: Row): Layout => ({ template: r.template ?? '2021', otherSplit: r.other_split ?? (r.template ?? '2021') === '2021' });

/** Every key of the row's layout at 0, then `values` on top: an honest, quiet report. */
export function zeros(layout: Layout = standardLayout('2021')): Values {
  return Object.fromEntries(keysFor(layout).map((d) => [d.key, 0]));
}

export async function dataset(rows: Row[]): Promise<{ db: SqlRunner; close: () => void }> {
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  const db: SqlRunner = { query: async <T>(sql: string) => (await con.runAndReadAll(sql)).getRowObjectsJS() as T[] };
  await db.query(`CREATE TABLE reports (${REPORT_COLUMNS.map((c) => `"${c.name}" ${c.type}`).join(', ')})`);
  const valueNames = new Set(VALUE_COLUMNS.map((c) => c.name));
  for (const r of rows) {
    const layout = layoutOf(r);
    const values = r.values ?? {};
    const row: Record<string, unknown> = {
      report_id: r.report_id,
      agency_id: r.agency_id ?? r.agency ?? r.report_id,
      agency: r.agency ?? r.agency_id ?? r.report_id,
      year: r.year,
      template: layout.template,
      other_split: layout.otherSplit,
      province_code: r.province_code === undefined ? '62' : r.province_code,
      city_code: r.city_code ?? null,
      level: r.level === undefined ? 'county' : r.level,
      agency_type: r.agency_type === undefined ? '商务' : r.agency_type,
      is_real: r.is_real ?? false,
      complete: r.complete ?? true,
      checks_failed: r.checks_failed ?? runChecks(layout, values, () => true, true).filter((c) => c.ok === false).length,
      narrative_minhash: r.narrative_minhash ?? null,
      narrative_shingles: r.narrative_shingles ?? null,
      prose_facts: r.prose_facts ?? null,
    };
    for (const [k, v] of Object.entries(values)) row[columnName(k)] = v;
    const names = Object.keys(row).filter((n) => valueNames.has(n) || REPORT_COLUMNS.some((c) => c.name === n));
    await db.query(`INSERT INTO reports (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map((n) => literal(row[n])).join(', ')})`);
  }
  return { db, close: () => (con.closeSync(), instance.closeSync()) };
}

/** The flags of a hand-made dataset. */
export async function flagsOf(rows: Row[]): Promise<Flag[]> {
  const { db, close } = await dataset(rows);
  try {
    await detect(db);
    return await allFlags(db);
  } finally {
    close();
  }
}

export const kinds = (flags: Flag[], report?: string) => flags.filter((f) => !report || f.report_id === report).map((f) => f.kind).sort();
