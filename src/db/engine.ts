// The dashboard's data engine, the same in the browser (DuckDB-WASM async, Parquet read in a worker) and in the
// Node tests (DuckDB-WASM blocking). `reports` is a view over column groups loaded on demand: the filter columns
// first, any other column the first time a query names it (value columns by name, others through `needs`), so
// the first chart does not wait for two hundred columns nobody looks at yet (decoding costs ~0.1 s per column
// per million reports). The groups are stacked side by side with
// POSITIONAL JOIN (every group is read in the file's row order).
import { AGENCY_COLUMNS, CELL_COLUMNS, CHECK_COLUMNS, PROSE_COLUMNS, REPORT_COLUMNS, type ColumnSpec, type DatasetTable } from '../model/dataset';
import { valueColumnsIn, type Param, type Query, type Row } from './sql';

/** Runs SQL: AsyncDuckDB in the browser, the blocking build in tests. */
export interface Backend {
  exec(sql: string): Promise<void>;
  query(sql: string, params: Param[]): Promise<Row[]>;
  insertIPC(table: string, ipc: Uint8Array): Promise<void>;
}

export interface Loaded {
  ipc: Uint8Array;
  rows: number;
  missing: string[];
}

/** Reads the dataset's Parquet files: a worker in the browser, the file system in tests. */
export interface Source {
  columns(table: DatasetTable, specs: readonly ColumnSpec[]): Promise<Loaded>;
  rows(table: DatasetTable, specs: readonly ColumnSpec[], key: string, values: string[]): Promise<Loaded>;
}

/** The columns every filter reads: loaded first. Any other column of reports is loaded when a query needs it. */
export const BASE_COLUMNS: readonly ColumnSpec[] = REPORT_COLUMNS.filter((c) =>
  ['year', 'template', 'other_split', 'is_real', 'level', 'agency_type', 'province_code', 'city_code', 'county_code'].includes(c.name),
);
const REPORT_NAMES = new Set(REPORT_COLUMNS.map((c) => c.name));

export interface LoadNote {
  table: DatasetTable;
  rows: number;
  missing: string[];
}

export class Engine {
  private loaded = new Set<string>();
  private groups: string[] = [];
  private chain: Promise<unknown> = Promise.resolve();
  private detailLoaded = new Set<string>();
  readonly notes: LoadNote[] = [];
  /** Rows of `reports` (set by `open`). */
  reportCount = 0;

  constructor(private backend: Backend, private source: Source) {}

  /** Loads agencies and the base columns of reports; creates the (empty) detail tables. */
  async open(): Promise<void> {
    // No extension is ever downloaded: everything the dashboard runs is in the core build.
    await this.backend.exec('SET autoinstall_known_extensions = false; SET autoload_known_extensions = false;');
    const [agencies, base] = await Promise.all([
      this.source.columns('agencies', AGENCY_COLUMNS),
      this.source.columns('reports', BASE_COLUMNS),
    ]);
    await this.insert('agencies', agencies, 'agencies');
    await this.insert('reports__g0', base, 'reports');
    this.reportCount = base.rows;
    this.groups = ['reports__g0'];
    for (const c of BASE_COLUMNS) this.loaded.add(c.name);
    await this.defineReports();
    // Region names by code, for charts grouped by place (reports carry codes; names live with the agencies).
    await this.backend.exec(`CREATE TABLE regions AS
      SELECT DISTINCT 'province' AS kind, province_code AS code, province AS name FROM agencies WHERE province_code IS NOT NULL
      UNION SELECT DISTINCT 'city', city_code, city FROM agencies WHERE city_code IS NOT NULL
      UNION SELECT DISTINCT 'county', county_code, county FROM agencies WHERE county_code IS NOT NULL`);
    for (const [table, specs] of [['checks', CHECK_COLUMNS], ['cells', CELL_COLUMNS], ['prose', PROSE_COLUMNS]] as const) {
      await this.backend.exec(`CREATE TABLE ${table} (${specs.map((c) => `"${c.name}" ${c.type}`).join(', ')})`);
    }
  }

  private async insert(name: string, loaded: Loaded, table: DatasetTable) {
    await this.backend.insertIPC(name, loaded.ipc);
    if (loaded.missing.length) this.notes.push({ table, rows: loaded.rows, missing: loaded.missing });
  }

  private async defineReports() {
    await this.backend.exec(`CREATE OR REPLACE VIEW reports AS SELECT * FROM ${this.groups.join(' POSITIONAL JOIN ')}`);
  }

  /** Loads the columns of reports that are not loaded yet (one group per call). */
  ensureColumns(names: string[]): Promise<void> {
    const run = async () => {
      const missing = names.filter((n) => !this.loaded.has(n) && REPORT_NAMES.has(n));
      if (!missing.length) return;
      const specs = REPORT_COLUMNS.filter((c) => missing.includes(c.name));
      const name = `reports__g${this.groups.length}`;
      await this.insert(name, await this.source.columns('reports', specs), 'reports');
      this.groups.push(name);
      for (const s of specs) this.loaded.add(s.name);
      await this.defineReports();
    };
    const next = this.chain.then(run, run);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Loads the checks, cells and prose of some reports (the profile's detail) once. */
  ensureDetail(reportIds: string[]): Promise<void> {
    const run = async () => {
      const ids = [...new Set(reportIds)].filter((id) => !this.detailLoaded.has(id));
      if (!ids.length) return;
      const tables = [['checks', CHECK_COLUMNS], ['cells', CELL_COLUMNS], ['prose', PROSE_COLUMNS]] as const;
      const parts = await Promise.all(tables.map(([t, specs]) => this.source.rows(t, specs, 'report_id', ids)));
      for (let i = 0; i < tables.length; i++) {
        const [t] = tables[i];
        await this.insert(`${t}__new`, parts[i], t);
        await this.backend.exec(`INSERT INTO ${t} SELECT * FROM ${t}__new; DROP TABLE ${t}__new;`);
      }
      for (const id of ids) this.detailLoaded.add(id);
    };
    const next = this.chain.then(run, run);
    this.chain = next.catch(() => undefined);
    return next;
  }

  async query<T = Row>(q: Query): Promise<T[]> {
    await this.ensureColumns([...valueColumnsIn(q.sql), ...(q.needs ?? [])]);
    return (await this.backend.query(q.sql, q.params)) as T[];
  }
}
