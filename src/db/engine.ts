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
const BASE_NAMES = new Set(BASE_COLUMNS.map((c) => c.name));

export interface LoadNote {
  table: DatasetTable;
  rows: number;
  missing: string[];
}

export class Engine {
  private loaded = new Set<string>();
  /** Columns being loaded, each with the promise of its group. */
  private pending = new Map<string, Promise<void>>();
  private groups: string[] = [];
  /** DuckDB work that must not interleave (inserting a group, redefining the view); starts once open is done. */
  private chain: Promise<unknown>;
  private opened!: () => void;
  private detailLoaded = new Set<string>();
  private backend!: Backend;
  readonly notes: LoadNote[] = [];
  /** Rows of `reports` (set by `open`). */
  reportCount = 0;

  /** The backend may still be starting: Parquet decoding begins at once, in parallel with it. */
  constructor(private backendReady: Promise<Backend> | Backend, private source: Source) {
    this.chain = new Promise<void>((done) => (this.opened = done));
  }

  /**
   * Loads agencies and the filter columns of reports and creates the (empty) detail tables. `preload` lists the
   * column groups the first view will ask for: their reads start now, in parallel, and each joins the view as
   * soon as it arrives — open does not wait for them, so a chart needing one group does not wait for another.
   */
  async open(preload: string[][] = []): Promise<void> {
    // Issued before the base read, so that with two loader workers the work splits evenly.
    const [first, ...rest] = preload;
    if (first) void this.ensureColumns(first);
    const baseLoad = this.source.columns('reports', BASE_COLUMNS);
    for (const group of rest) void this.ensureColumns(group);
    const agencyLoad = this.source.columns('agencies', AGENCY_COLUMNS);
    const [agencies, base, backend] = await Promise.all([agencyLoad, baseLoad, this.backendReady]);
    this.backend = backend;
    // No extension is ever downloaded: everything the dashboard runs is in the core build.
    await backend.exec('SET autoinstall_known_extensions = false; SET autoload_known_extensions = false;');
    await this.insert('agencies', agencies, 'agencies');
    await this.insert('reports__g0', base, 'reports');
    this.groups = ['reports__g0'];
    this.reportCount = base.rows;
    for (const c of BASE_COLUMNS) this.loaded.add(c.name);
    await this.defineReports();
    // Region names by code, for charts grouped by place (reports carry codes; names live with the agencies).
    await backend.exec(`CREATE TABLE regions AS
      SELECT DISTINCT 'province' AS kind, province_code AS code, province AS name FROM agencies WHERE province_code IS NOT NULL
      UNION SELECT DISTINCT 'city', city_code, city FROM agencies WHERE city_code IS NOT NULL
      UNION SELECT DISTINCT 'county', county_code, county FROM agencies WHERE county_code IS NOT NULL`);
    for (const [table, specs] of [['checks', CHECK_COLUMNS], ['cells', CELL_COLUMNS], ['prose', PROSE_COLUMNS]] as const) {
      await backend.exec(`CREATE TABLE ${table} (${specs.map((c) => `"${c.name}" ${c.type}`).join(', ')})`);
    }
    this.opened();
  }

  private async insert(name: string, loaded: Loaded, table: DatasetTable) {
    await this.backend.insertIPC(name, loaded.ipc);
    if (loaded.missing.length) this.notes.push({ table, rows: loaded.rows, missing: loaded.missing });
  }

  private async defineReports() {
    await this.backend.exec(`CREATE OR REPLACE VIEW reports AS SELECT * FROM ${this.groups.join(' POSITIONAL JOIN ')}`);
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Loads the columns of reports that are neither loaded nor on their way; decoding runs in parallel. */
  ensureColumns(names: string[]): Promise<unknown> {
    const fresh = [...new Set(names)].filter((n) => REPORT_NAMES.has(n) && !BASE_NAMES.has(n) && !this.loaded.has(n) && !this.pending.has(n));
    if (fresh.length) {
      const specs = REPORT_COLUMNS.filter((c) => fresh.includes(c.name));
      const done = this.source.columns('reports', specs).then((loaded) =>
        this.serial(async () => {
          const name = `reports__g${this.groups.length}`;
          await this.insert(name, loaded, 'reports');
          this.groups.push(name);
          await this.defineReports();
          for (const s of specs) this.loaded.add(s.name);
        }),
      );
      for (const n of fresh) this.pending.set(n, done);
      done.then(
        () => fresh.forEach((n) => this.pending.delete(n)),
        () => fresh.forEach((n) => this.pending.delete(n)),
      );
    }
    return Promise.all(names.map((n) => this.pending.get(n)).filter(Boolean));
  }

  /** Starts indexing the detail tables by report, so the first profile does not wait for it (no rows loaded). */
  prepareDetail(): Promise<unknown> {
    return Promise.all([['checks', CHECK_COLUMNS], ['cells', CELL_COLUMNS], ['prose', PROSE_COLUMNS]].map(([t, specs]) =>
      this.source.rows(t as DatasetTable, specs as readonly ColumnSpec[], 'report_id', []).catch(() => undefined)));
  }

  /** Loads the checks, cells and prose of some reports (the profile's detail) once. */
  ensureDetail(reportIds: string[]): Promise<void> {
    return this.serial(async () => {
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
    });
  }

  async query<T = Row>(q: Query): Promise<T[]> {
    await this.ensureColumns([...valueColumnsIn(q.sql), ...(q.needs ?? [])]);
    return (await this.backend.query(q.sql, q.params)) as T[];
  }
}
