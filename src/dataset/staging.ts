// The dataset on its way to Parquet: encoded rows are appended, in input order, to tables of a DuckDB file on
// disk (memory stays flat however many reports come in); at the end duplicates are resolved and each table is
// written with one COPY, its rows sorted by the key readers look rows up by (reports by agency and year, the
// per-report tables by report_id), so each Parquet row group's min/max lets a reader skip the others. Every
// sort key ends in something unique (the input number, the staged row's rowid), so the same inputs give the
// same files; DuckDB sorts out of core within its memory limit.
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { AGENCY_COLUMNS, CELL_COLUMNS, CHECK_COLUMNS, PROSE_COLUMNS, REPORT_COLUMNS, VALUE_COLUMNS, type ColumnSpec } from '../model/dataset';
import { ALL_KEYS } from '../model/schema';
import { ColumnAppender } from './appender';
import { decidingRule, duplicateOrder } from './duplicates';
import { CELL_STATUSES, RAW_DIGITS, RAW_TEXT, type ReportRow } from './encode';
import type { PoolResult } from './pool';

export interface FinishOptions {
  /** Write reports/checks/cells/prose as Hive partitions (`reports/year=2021/data_0.parquet`). */
  partitionByYear: boolean;
}

export interface DatasetCounts {
  ingested: number;
  rejected: number;
  checksFailing: number;
  duplicates: number;
}

/** Files and folders the builder writes into the output folder (anything else there is the user's). */
export const DATASET_ENTRIES = ['reports', 'checks', 'cells', 'prose', 'agencies'].flatMap((t) => [`${t}.parquet`, t]).concat(['rejects.csv', 'duplicates.csv', 'agency-warnings.csv']);

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;
const list = (values: readonly string[]) => `(${values.map(literal).join(', ')})`;
const columns = (specs: readonly ColumnSpec[]) => specs.map((c) => `${q(c.name)} ${c.type}`).join(', ');

/** Staged columns of a report beyond the dataset's own: input order and what the duplicate rule reads. */
const REPORT_EXTRA = ['canonical', 'unread', 'agency_warning'] as const;
const REPORT_SCALARS = REPORT_COLUMNS.filter((c) => !VALUE_COLUMNS.includes(c)).map((c) => c.name as keyof ReportRow);
/** The staged report columns filled from a ReportRow, in the order `reportColumns` indexes them. */
const REPORT_FIELDS = [...REPORT_SCALARS, ...REPORT_EXTRA];

const SCHEMA = `
CREATE TYPE value_key AS ENUM ${list(ALL_KEYS.map((d) => d.key))};
CREATE TYPE cell_status AS ENUM ${list(CELL_STATUSES)};
CREATE TABLE stage_reports (seq UINTEGER, ${columns(REPORT_COLUMNS)}, canonical VARCHAR, unread INTEGER, agency_warning VARCHAR);
CREATE TABLE stage_cells (seq UINTEGER, rid UBIGINT, year SMALLINT, key value_key, value DOUBLE, status cell_status, raw_kind UTINYINT, raw VARCHAR, page SMALLINT, line INTEGER);
CREATE TABLE stage_checks (seq UINTEGER, rid UBIGINT, year SMALLINT, def USMALLINT, ok BOOLEAN, "left" DOUBLE, "right" DOUBLE, blanks UBIGINT);
CREATE TABLE stage_prose (seq UINTEGER, rid UBIGINT, year SMALLINT, key VARCHAR, value DOUBLE, quote VARCHAR);
CREATE TABLE stage_rejects (seq UINTEGER, source VARCHAR, reason VARCHAR);
CREATE TABLE stage_check_defs (def USMALLINT, check_id VARCHAR, cells VARCHAR);
`;

const REPORT_ID = `printf('%016x', rid) AS report_id`;

/**
 * Each dataset table as a SELECT over its staging table, giving exactly the columns of src/model/dataset.ts,
 * and the order it is written in: a total order (rowid is the staged row's position, so a report's rows keep the
 * order they were staged in).
 */
const OUTPUTS: { table: 'reports' | 'checks' | 'cells' | 'prose'; stage: string; select: string; order: string; spec: readonly ColumnSpec[]; rowGroup?: number }[] = [
  // reports is ~250 columns wide: smaller row groups keep a COPY thread's buffer (and a reader's) small
  { table: 'reports', stage: 'stage_reports', select: REPORT_COLUMNS.map((c) => q(c.name)).join(', '), order: 'agency_id, year, seq', spec: REPORT_COLUMNS, rowGroup: 16_384 },
  {
    table: 'checks',
    stage: 'stage_checks',
    order: 'rid, rowid',
    // ids and cell keys as ENUMs: Parquet gets the same strings, written from a dictionary (twice as fast)
    select: `${REPORT_ID}, getvariable('check_ids')[def + 1] AS check_id, ok, "left", "right", getvariable('check_cells')[def + 1] AS cells,
      CASE WHEN blanks = 0 THEN []::value_key[] ELSE list_filter(getvariable('check_cells')[def + 1], lambda x, i: ((blanks >> (i - 1)) & 1) = 1) END AS blanks`,
    spec: CHECK_COLUMNS,
  },
  {
    table: 'cells',
    stage: 'stage_cells',
    order: 'rid, rowid',
    select: `${REPORT_ID}, key, value, status,
      CASE raw_kind WHEN ${RAW_DIGITS} THEN CAST(CAST(value AS BIGINT) AS VARCHAR) WHEN ${RAW_TEXT} THEN raw END AS raw, page, line`,
    spec: CELL_COLUMNS,
  },
  { table: 'prose', stage: 'stage_prose', select: `${REPORT_ID}, key, value, quote`, order: 'rid, rowid', spec: PROSE_COLUMNS },
];

/** agencies.parquet: one row per agency of the kept reports; place, level and type come from the name, so they agree across its reports. */
const AGENCY_AGGREGATES: Record<string, string> = {
  agency_id: 'agency_id',
  agency: 'min(canonical)',
  is_real: 'bool_or(is_real)',
  first_year: 'min(year)',
  last_year: 'max(year)',
  reports: 'count(*)::INTEGER',
};
const agencies = (keep: string) => `SELECT ${AGENCY_COLUMNS.map((c) => `${AGENCY_AGGREGATES[c.name] ?? `min(${q(c.name)})`} AS ${q(c.name)}`).join(', ')}
  FROM stage_reports WHERE ${keep} GROUP BY agency_id ORDER BY agency_id`;

const parquet = (rowGroup?: number) => `(FORMAT parquet, COMPRESSION zstd${rowGroup ? `, ROW_GROUP_SIZE ${rowGroup}` : ''})`;
const CSV = '(FORMAT csv, HEADER true)';

export class Staging {
  private readonly definitions = new Map<string, number>();
  private readonly translations = new Map<number, number[]>();
  private readonly reportColumns: number[];
  private readonly valueColumns: number[];

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly db: DuckDBConnection,
    private readonly reports: ColumnAppender,
    private readonly cells: ColumnAppender,
    private readonly checks: ColumnAppender,
    private readonly prose: ColumnAppender,
    private readonly rejects: ColumnAppender,
  ) {
    this.reportColumns = REPORT_FIELDS.map((n) => reports.index.get(n)!);
    this.valueColumns = VALUE_COLUMNS.map((c) => reports.index.get(c.name)!);
  }

  /** A staging database in `dir` (created), with DuckDB's spill files beside it. */
  static async open(dir: string): Promise<Staging> {
    await mkdir(join(dir, 'spill'), { recursive: true });
    const instance = await DuckDBInstance.create(join(dir, 'staging.duckdb'), {
      // memory stays bounded whatever the number of reports: staged blocks beyond the limit live on disk only,
      // and each COPY thread buffers one row group (hence a cap on threads)
      threads: String(Math.min(availableParallelism(), 4)),
      memory_limit: '512MB',
      temp_directory: join(dir, 'spill'),
      preserve_insertion_order: 'true',
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
    });
    const db = await instance.connect();
    await db.run(SCHEMA);
    const open = (t: string) => ColumnAppender.open(db, t);
    return new Staging(instance, db, await open('stage_reports'), await open('stage_cells'), await open('stage_checks'), await open('stage_prose'), await open('stage_rejects'));
  }

  reject(seq: number, source: string, reason: string): void {
    this.rejects.setNumber(0, seq);
    this.rejects.setString(1, source);
    this.rejects.setString(2, reason);
    this.rejects.endRow();
  }

  /** Appends one batch; batches must come in input order. */
  append({ batch, encoder }: PoolResult): void {
    for (const r of batch.rejects) this.reject(r.seq, r.source, r.reason);
    const defs = this.translate(encoder, batch.newDefinitions);
    const k = ALL_KEYS.length;
    const ids = batch.reports.map((r) => BigInt(`0x${r.report_id}`));

    const R = this.reports;
    batch.reports.forEach((row, i) => {
      R.setNumber(0, row.seq);
      REPORT_FIELDS.forEach((name, c) => {
        const v = row[name];
        if (v === undefined) throw new Error(`the dataset builder does not fill reports.${name} (a column of src/model/dataset.ts)`);
        R.setValue(this.reportColumns[c], v);
      });
      for (let j = 0; j < k; j++) R.setNumber(this.valueColumns[j], batch.values[i * k + j]);
      R.endRow();
    });

    // cells and checks go in column by column: one typed-array copy per column instead of a call per value
    const seqs = batch.reports.map((r) => r.seq);
    const years = batch.reports.map((r) => r.year);
    const perReport = (report: Uint16Array) => {
      const n = report.length;
      const seq = new Uint32Array(n);
      const rid = new BigUint64Array(n);
      const year = new Int16Array(n);
      for (let j = 0; j < n; j++) {
        seq[j] = seqs[report[j]];
        rid[j] = ids[report[j]];
        year[j] = years[report[j]];
      }
      return [seq, rid, year] as const;
    };

    const c = batch.cells;
    const raws: (string | null)[] = new Array(c.count).fill(null);
    const pageNull = new Uint8Array(c.count);
    const lineNull = new Uint8Array(c.count);
    for (let j = 0, next = 0; j < c.count; j++) {
      if (c.rawKind[j] === RAW_TEXT) raws[j] = c.raws[next++];
      pageNull[j] = c.page[j] === 0 || c.page[j] > 0x7fff ? 1 : 0;
      lineNull[j] = c.line[j] === 0 || c.line[j] > 0x7fffffff ? 1 : 0;
    }
    this.cells.appendColumns(c.count, [...perReport(c.report), c.key, c.value, c.status, c.rawKind, raws, c.page, c.line], [, , , , , , , , pageNull, lineNull]);

    const h = batch.checks;
    const def = new Uint16Array(h.count);
    const okNull = new Uint8Array(h.count);
    for (let j = 0; j < h.count; j++) {
      def[j] = defs[h.def[j]];
      okNull[j] = h.ok[j] === 2 ? 1 : 0;
    }
    this.checks.appendColumns(h.count, [...perReport(h.report), def, h.ok, h.left, h.right, h.blanks], [, , , , okNull]);

    const P = this.prose;
    for (const p of batch.prose) {
      const row = batch.reports[p.report];
      P.setNumber(0, row.seq);
      P.setBigInt(1, ids[p.report]);
      P.setNumber(2, row.year);
      P.setString(3, p.key);
      P.setNumber(4, p.value);
      P.setString(5, p.quote);
      P.endRow();
    }
  }

  /** Thread-local check definition numbers → dataset-wide ones. */
  private translate(encoder: number, added: PoolResult['batch']['newDefinitions']): number[] {
    let table = this.translations.get(encoder);
    if (!table) this.translations.set(encoder, (table = []));
    for (const d of added) {
      const signature = `${d.id}\t${d.cells.join(',')}`;
      let global = this.definitions.get(signature);
      if (global === undefined) this.definitions.set(signature, (global = this.definitions.size));
      table[d.def] = global;
    }
    return table;
  }

  /** Resolves duplicates and writes every table into `out`. */
  async finish(out: string, options: FinishOptions): Promise<DatasetCounts> {
    for (const a of [this.reports, this.cells, this.checks, this.prose, this.rejects]) a.close();
    await mkdir(out, { recursive: true });
    const file = (name: string) => literal(join(out, name));
    const db = this.db;
    /** Runs one statement of the finish, saying which step failed. */
    const run = async (step: string, sql: string) => {
      try {
        await db.run(sql);
      } catch (e) {
        throw new Error(`writing the dataset (${step}): ${(e as Error).message.split('\n')[0]}`);
      }
    };

    const defs = await ColumnAppender.open(db, 'stage_check_defs');
    for (const [signature, def] of this.definitions) {
      const [id, cells] = signature.split('\t');
      defs.setNumber(0, def);
      defs.setString(1, id);
      defs.setString(2, cells);
      defs.endRow();
    }
    defs.close();
    await run('check names', `CREATE TYPE check_name AS ENUM (SELECT DISTINCT check_id FROM stage_check_defs ORDER BY 1)`);
    await run('check names', `SET VARIABLE check_ids = (SELECT coalesce(list(check_id::check_name ORDER BY def), []) FROM stage_check_defs)`);
    await run('check cells', `SET VARIABLE check_cells = (SELECT coalesce(list(CASE WHEN cells = '' THEN []::value_key[] ELSE string_split(cells, ',')::value_key[] END ORDER BY def), []) FROM stage_check_defs)`);

    // only agencies with two reports of a year are ranked (usually few), in tables that can spill to disk
    await run('ranking duplicates', `CREATE TABLE ranked AS SELECT seq, report_id, agency_id, canonical, year, source, complete, unread, warnings, is_real,
      row_number() OVER (PARTITION BY agency_id, year ORDER BY ${duplicateOrder()}) AS rank
      FROM stage_reports SEMI JOIN (SELECT agency_id, year FROM stage_reports GROUP BY agency_id, year HAVING count(*) > 1) USING (agency_id, year)`);
    await run('ranking duplicates', `CREATE TABLE dropped AS SELECT d.seq, k.canonical AS agency, d.year, k.source AS kept, d.source AS dropped, ${decidingRule('k', 'd')} AS rule
      FROM ranked d JOIN ranked k ON k.agency_id = d.agency_id AND k.year = d.year AND k.rank = 1 WHERE d.rank > 1`);
    await run('duplicates.csv', `COPY (SELECT agency, year, kept, dropped, rule FROM dropped ORDER BY seq) TO ${file('duplicates.csv')} ${CSV}`);
    const duplicates = await this.count('dropped');
    // the dropped reports' rows are left out as each table is written: a DELETE over a few hundred million cells
    // needs more memory than the builder allows itself. A bitmap by input number keeps it a plain filter of the
    // scan.
    let keep = 'TRUE';
    if (duplicates > 0) {
      const last = Number((await db.runAndReadAll('SELECT max(seq) FROM stage_reports')).getRows()[0][0]);
      await run('dropping duplicates', `SET VARIABLE dropped = (SELECT bitstring_agg(seq, 0, ${last}) FROM dropped)`);
      keep = `get_bit(getvariable('dropped'), seq::INTEGER) = 0`;
    }

    const years = (await db.runAndReadAll(`SELECT DISTINCT year FROM stage_reports WHERE ${keep} ORDER BY year`)).getRows().map((r) => Number(r[0]));
    for (const o of OUTPUTS) {
      if (!options.partitionByYear) {
        await run(`${o.table}.parquet`, `COPY (SELECT ${o.select} FROM ${o.stage} WHERE ${keep} ORDER BY ${o.order}) TO ${file(`${o.table}.parquet`)} ${parquet(o.rowGroup)}`);
        continue;
      }
      // one COPY per year, each sorted like the whole table; the year lives in the folder name, as Hive expects;
      // every table gets a file for every year of the reports, empty or not, so readers always find the schema
      const select = o.table === 'reports' ? REPORT_COLUMNS.filter((c) => c.name !== 'year').map((c) => q(c.name)).join(', ') : o.select;
      for (const year of years) {
        await mkdir(join(out, o.table, `year=${year}`), { recursive: true });
        await run(`${o.table}/year=${year}`, `COPY (SELECT ${select} FROM ${o.stage} WHERE year = ${year} AND ${keep} ORDER BY ${o.order}) TO ${file(join(o.table, `year=${year}`, 'data_0.parquet'))} ${parquet(o.rowGroup)}`);
      }
    }
    await run('agencies.parquet', `COPY (${agencies(keep)}) TO ${file('agencies.parquet')} ${parquet()}`);
    await run('rejects.csv', `COPY (SELECT source, reason FROM stage_rejects ORDER BY seq) TO ${file('rejects.csv')} ${CSV}`);
    await run('agency-warnings.csv', `COPY (SELECT DISTINCT canonical AS agency, agency_warning AS warning FROM stage_reports WHERE agency_warning IS NOT NULL AND ${keep} ORDER BY agency, warning) TO ${file('agency-warnings.csv')} ${CSV}`);

    const [ingested, checksFailing] = (await db.runAndReadAll(`SELECT count(*), count(*) FILTER (WHERE checks_failed > 0) FROM stage_reports WHERE ${keep}`)).getRows()[0].map(Number);
    return { ingested, rejected: await this.count('stage_rejects'), checksFailing, duplicates };
  }

  async firstRejects(n: number): Promise<{ source: string; reason: string }[]> {
    const rows = (await this.db.runAndReadAll(`SELECT source, reason FROM stage_rejects ORDER BY seq LIMIT ${n}`)).getRows();
    return rows.map((r) => ({ source: String(r[0]), reason: String(r[1]) }));
  }

  private async count(table: string): Promise<number> {
    return Number((await this.db.runAndReadAll(`SELECT count(*) FROM ${table}`)).getRows()[0][0]);
  }

  close(): void {
    this.db.closeSync();
    this.instance.closeSync();
  }
}
