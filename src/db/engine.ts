// The dashboard's data engine, the same in the browser (DuckDB-WASM async, Parquet read in a worker) and in the
// Node tests (DuckDB-WASM blocking). `reports` is a view over column groups loaded on demand: the few columns
// nearly every query reads first, any other column the first time a query names it (value and filter columns by
// name, others through `needs`), so the first chart does not wait for two hundred columns nobody looks at yet
// (decoding costs ~0.1 s per column per million reports). The groups are stacked side by side with POSITIONAL
// JOIN (every group is read in the file's row order). What the first view does not need (the agencies, the filter
// columns, the rest of the view's columns) is read after the first view's columns, so it does not compete with them.
//
// Queries that are sums under the global filters may carry a `rollup`: the same question asked of a small table
// aggregated once per (year, template, real, level, field, province), with the distinct-agency count asked of
// one row per agency (see queries.ts). The engine answers from it once it is built (in the background, while
// nothing else runs) and from `reports` until then, so a filter change at a million reports scans thousands of
// rows, not a million.
import { AGENCY_COLUMNS, CELL_COLUMNS, CHECK_COLUMNS, PROSE_COLUMNS, REPORT_COLUMNS, type ColumnSpec, type DatasetTable } from '../model/dataset';
import { agencyMasksTable, rollupTable } from './queries';
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

/** The columns nearly every query reads (the year, template and real/synthetic filters): loaded first. */
export const BASE_COLUMNS: readonly ColumnSpec[] = REPORT_COLUMNS.filter((c) => ['year', 'template', 'other_split', 'is_real'].includes(c.name));
/** The agency's place, level and field: loaded when a query names them, and after the first view's columns. */
export const FILTER_COLUMNS: readonly string[] = ['level', 'agency_type', 'province_code', 'city_code', 'county_code'];
const REPORT_NAMES = new Set(REPORT_COLUMNS.map((c) => c.name));
const BASE_NAMES = new Set(BASE_COLUMNS.map((c) => c.name));
const named = (sql: string, name: string) => new RegExp(`\\b${name}\\b`).test(sql);

/** The columns of reports a query reads beyond the base ones: value and filter columns by name, others by `needs`. */
export const columnsOf = (q: Query): string[] =>
  [...new Set([...valueColumnsIn(q.sql), ...FILTER_COLUMNS.filter((c) => named(q.sql, c)), ...(q.needs ?? [])])];

export interface LoadNote {
  table: DatasetTable;
  rows: number;
  missing: string[];
}

/** One piece of DuckDB work. DuckDB runs one at a time anyway; the engine decides which goes next. */
interface Job {
  /** Whether something on screen waits for it (asked when the job is picked, so a background job can be promoted). */
  urgent: () => boolean;
  /** Whether nobody wants the answer any more (a newer question replaced it): then it is dropped unrun. */
  stale?: () => boolean;
  run: () => Promise<unknown>;
  done: (v: unknown) => void;
  fail: (e: unknown) => void;
}

/** A query dropped before it ran because a newer question replaced it. */
export class Superseded extends Error {
  constructor() {
    super('superseded by a newer query');
  }
}

export class Engine {
  private loaded = new Set<string>();
  /** Columns being loaded, each with the promise of its group. */
  private pending = new Map<string, Promise<void>>();
  /** Columns a query on screen has asked for: their group's insert goes before background work. */
  private wanted = new Set<string>();
  private groups: string[] = [];
  private jobs: Job[] = [];
  private busy = true;
  private detailLoaded = new Set<string>();
  private backend!: Backend;
  /** The agencies and regions tables: read after the first view's columns. */
  private agencies: Promise<void> = Promise.resolve();
  private agenciesWanted = false;
  /** Urgent queries still waiting for their columns: background jobs wait for them too. */
  private urgentWaiting = 0;
  /** Value columns of the rollup table as built, and those queries have asked for since. */
  private rollupHas: Set<string> | null = null;
  private rollupWants = new Set<string>();
  private rollupBuild: Promise<void> | null = null;
  private masksBuilt = false;
  /** Set when building the rollup failed: every query then reads `reports`. */
  private rollupFailed = false;
  readonly notes: LoadNote[] = [];
  /** Rows of `reports` (set by `open`). */
  reportCount = 0;

  /** The backend may still be starting: Parquet decoding begins at once, in parallel with it. */
  constructor(private backendReady: Promise<Backend> | Backend, private source: Source) {}

  /**
   * Loads the base columns of reports and creates the (empty) detail tables. `first` lists the column groups the
   * first view's first chart asks for: their reads start now, in parallel with the base read, and join the view as
   * soon as they arrive — open does not wait for them. `later` (the view's other groups), the filter columns and
   * the agencies are read once those are in, and join when nothing on screen waits for DuckDB.
   */
  async open(first: string[][] = [], later: string[][] = []): Promise<void> {
    const firstLoad = Promise.all(first.map((g) => this.ensureColumns(g, true)));
    const [base, backend] = await Promise.all([this.source.columns('reports', BASE_COLUMNS), this.backendReady]);
    this.backend = backend;
    // No extension is ever downloaded: everything the dashboard runs is in the core build.
    await backend.exec('SET autoinstall_known_extensions = false; SET autoload_known_extensions = false;');
    await this.insert('reports__g0', base, 'reports');
    this.groups = ['reports__g0'];
    this.reportCount = base.rows;
    for (const c of BASE_COLUMNS) this.loaded.add(c.name);
    await this.defineReports();
    for (const [table, specs] of [['checks', CHECK_COLUMNS], ['cells', CELL_COLUMNS], ['prose', PROSE_COLUMNS]] as const) {
      await backend.exec(`CREATE TABLE ${table} (${specs.map((c) => `"${c.name}" ${c.type}`).join(', ')})`);
    }
    const afterFirst = firstLoad.catch(() => undefined);
    this.agencies = afterFirst.then(() => this.source.columns('agencies', AGENCY_COLUMNS)).then((agencies) =>
      this.job(() => this.agenciesWanted, async () => {
        await this.insert('agencies', agencies, 'agencies');
        // Region names by code, for charts grouped by place (reports carry codes; names live with the agencies).
        await backend.exec(`CREATE TABLE regions AS
          SELECT DISTINCT 'province' AS kind, province_code AS code, province AS name FROM agencies WHERE province_code IS NOT NULL
          UNION SELECT DISTINCT 'city', city_code, city FROM agencies WHERE city_code IS NOT NULL
          UNION SELECT DISTINCT 'county', county_code, county FROM agencies WHERE county_code IS NOT NULL`);
      }));
    this.agencies.catch(() => undefined);
    void afterFirst.then(() => {
      for (const group of later) void this.ensureColumns(group).catch(() => undefined);
      void this.ensureColumns([...FILTER_COLUMNS]).catch(() => undefined);
    });
    this.busy = false;
    this.next();
  }

  private async insert(name: string, loaded: Loaded, table: DatasetTable) {
    await this.backend.insertIPC(name, loaded.ipc);
    if (loaded.missing.length) this.notes.push({ table, rows: loaded.rows, missing: loaded.missing });
  }

  private async defineReports() {
    await this.backend.exec(`CREATE OR REPLACE VIEW reports AS SELECT * FROM ${this.groups.join(' POSITIONAL JOIN ')}`);
  }

  /** Queues DuckDB work; urgent jobs go first, the rest in the order asked. Nothing runs before open is done. */
  private job<T>(urgent: () => boolean, run: () => Promise<T>, stale?: () => boolean): Promise<T> {
    return new Promise<T>((done, fail) => {
      this.jobs.push({ urgent, run, stale, done: done as (v: unknown) => void, fail });
      this.next();
    });
  }

  private next() {
    for (const j of this.jobs.filter((j) => j.stale?.())) {
      this.jobs.splice(this.jobs.indexOf(j), 1);
      j.fail(new Superseded());
    }
    if (this.busy || !this.jobs.length) return;
    const at = this.jobs.findIndex((j) => j.urgent());
    if (at < 0 && this.urgentWaiting) return;
    const [j] = this.jobs.splice(Math.max(0, at), 1);
    this.busy = true;
    j.run().then(j.done, j.fail).finally(() => {
      this.busy = false;
      this.next();
    });
  }

  /**
   * Loads the columns of reports that are neither loaded nor on their way; decoding runs in parallel. A group
   * joins the view at once when asked `urgent` or when a query waits for one of its columns, else in the background.
   */
  ensureColumns(names: string[], urgent = false): Promise<unknown> {
    if (urgent) for (const n of names) this.wanted.add(n);
    const fresh = [...new Set(names)].filter((n) => REPORT_NAMES.has(n) && !BASE_NAMES.has(n) && !this.loaded.has(n) && !this.pending.has(n));
    if (fresh.length) {
      const specs = REPORT_COLUMNS.filter((c) => fresh.includes(c.name));
      const done = this.source.columns('reports', specs).then((loaded) =>
        this.job(() => fresh.some((n) => this.wanted.has(n)), async () => {
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
  async ensureDetail(reportIds: string[]): Promise<void> {
    const ids = [...new Set(reportIds)].filter((id) => !this.detailLoaded.has(id));
    if (!ids.length) return;
    const tables = [['checks', CHECK_COLUMNS], ['cells', CELL_COLUMNS], ['prose', PROSE_COLUMNS]] as const;
    const parts = await Promise.all(tables.map(([t, specs]) => this.source.rows(t, specs, 'report_id', ids)));
    await this.job(() => true, async () => {
      const fresh = ids.filter((id) => !this.detailLoaded.has(id));
      if (!fresh.length) return;
      for (let i = 0; i < tables.length; i++) {
        const [t] = tables[i];
        await this.insert(`${t}__new`, parts[i], t);
        // Only the rows of reports not loaded meanwhile (two profiles asked for the same report at once).
        await this.backend.exec(`INSERT INTO ${t} SELECT * FROM ${t}__new WHERE report_id NOT IN (SELECT report_id FROM ${t}); DROP TABLE ${t}__new;`);
      }
      for (const id of fresh) this.detailLoaded.add(id);
    });
  }

  /**
   * Runs a query once the columns and tables it names are loaded. Its `rollup`, when given and built, answers
   * instead; when not yet built, it is built in the background. A `low` query goes after everything else queued.
   * When `stale()` turns true before the query is run (the question was replaced), it fails with Superseded.
   */
  async query<T = Row>(q: Query, stale?: () => boolean): Promise<T[]> {
    const run = q.rollup && this.rollupCovers(q.rollup) ? q.rollup : q;
    if (q.rollup && run === q) this.wantRollup(q.rollup);
    const urgent = q.priority !== 'low';
    const needsAgencies = /\b(agencies|regions)\b/.test(run.sql);
    if (urgent && needsAgencies) this.agenciesWanted = true;
    if (urgent) this.urgentWaiting++;
    try {
      await Promise.all([this.ensureColumns(columnsOf(run), urgent), needsAgencies ? this.agencies : null]);
    } finally {
      if (urgent) this.urgentWaiting--;
    }
    const rows = this.job(() => urgent, () => this.backend.query(run.sql, run.params), stale);
    // A background job held back only by this query's wait can go now.
    this.next();
    return (await rows) as T[];
  }

  /**
   * Resolves once nothing is loading, queued or building: the columns on their way, the agencies, the rollup
   * tables for every question asked of them so far (for tests and the benchmark: the page at rest).
   */
  async settled(): Promise<void> {
    for (;;) {
      await Promise.allSettled([...this.pending.values(), this.agencies, this.rollupBuild]);
      if (!this.pending.size && !this.rollupBuild && !this.jobs.length && !this.busy) return;
      await new Promise((done) => setTimeout(done, 10));
    }
  }

  private rollupCovers(r: Query): boolean {
    const has = this.rollupHas;
    return !!has && (!named(r.sql, 'agency_masks') || this.masksBuilt) && valueColumnsIn(r.sql).every((c) => has.has(c));
  }

  /** Builds (or rebuilds, with more columns) the rollup tables in the background. */
  private wantRollup(r: Query) {
    for (const c of valueColumnsIn(r.sql)) this.rollupWants.add(c);
    if (this.rollupBuild || this.rollupFailed) return;
    this.rollupBuild = (async () => {
      while (!this.rollupHas || [...this.rollupWants].some((c) => !this.rollupHas!.has(c))) {
        const columns = [...this.rollupWants].sort();
        await this.ensureColumns([...columns, ...FILTER_COLUMNS, 'agency_id']);
        await this.job(() => false, async () => {
          if (!this.masksBuilt) await this.backend.exec(agencyMasksTable());
          this.masksBuilt = true;
          await this.backend.exec(rollupTable(columns));
        });
        this.rollupHas = new Set(columns);
      }
    })().then(
      () => {
        this.rollupBuild = null;
      },
      () => {
        this.rollupFailed = true;
      },
    );
  }
}
