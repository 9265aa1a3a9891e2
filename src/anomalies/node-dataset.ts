// A dataset folder (data/*.parquet, or Hive-partitioned reports/year=…/) opened with DuckDB's native Node API as
// the detector's SqlRunner. Node only: the command, the evaluation and the tests use it; the dashboard runs the
// same SQL in DuckDB-WASM.
import { existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { REPORT_COLUMNS } from '../model/dataset';
import type { SqlRunner } from './sql';

export interface OpenDataset {
  db: SqlRunner;
  /** Columns of src/model/dataset.ts the files lack (read as nulls). */
  missing: string[];
  reports: number;
  close(): void;
}

const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** Where the reports table of a dataset folder lives, or null when the folder holds none. */
export function reportsFiles(dir: string): string | null {
  if (existsSync(join(dir, 'reports.parquet'))) return `read_parquet(${literal(join(dir, 'reports.parquet'))})`;
  if (existsSync(join(dir, 'reports')) && statSync(join(dir, 'reports')).isDirectory()) {
    return `read_parquet(${literal(join(dir, 'reports', '**', '*.parquet'))}, hive_partitioning = true)`;
  }
  return null;
}

export async function openDataset(dir: string, options: { threads?: number; memoryLimit?: string } = {}): Promise<OpenDataset> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${dir}: no such folder`);
  const source = reportsFiles(dir);
  if (!source) throw new Error(`${dir} holds no reports.parquet (build a dataset with npm run ingest or npm run demo-data)`);
  const instance = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    // a bounded working set that spills to disk: a million reports' pair searches fit, the machine is shared
    memory_limit: options.memoryLimit ?? '4GB',
    temp_directory: join(tmpdir(), 'nianbao-anomalies'),
    ...(options.threads ? { threads: String(options.threads) } : {}),
  });
  const con = await instance.connect();
  const db: SqlRunner = {
    async query<T>(sql: string) {
      return (await con.runAndReadAll(sql)).getRowObjectsJS() as T[];
    },
  };
  const present = new Set((await db.query<{ column_name: string }>(`DESCRIBE SELECT * FROM ${source}`)).map((r) => r.column_name));
  const missing = REPORT_COLUMNS.filter((c) => !present.has(c.name));
  const select = REPORT_COLUMNS.map((c) => (present.has(c.name) ? `"${c.name}"` : `NULL::${c.type} AS "${c.name}"`)).join(', ');
  await db.query(`CREATE VIEW reports AS SELECT ${select} FROM ${source}`);
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM reports`);
  return {
    db,
    missing: missing.map((c) => c.name),
    reports: n,
    close() {
      con.closeSync();
      instance.closeSync();
    },
  };
}
