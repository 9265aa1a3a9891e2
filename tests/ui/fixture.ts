// A fixture dataset for the query tests (scripts/make-fixture-data.ts), generated once per test file into its own
// folder, and plain native DuckDB over the same files to check the dashboard's SQL against independent SQL.
import { DuckDBInstance } from '@duckdb/node-api';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

export function makeFixture(name: string, reports = 1400): string {
  const dir = join(ROOT, 'tmp', name);
  execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/make-fixture-data.ts'), '--reports', String(reports), '--out', dir], { cwd: ROOT, stdio: 'pipe' });
  return dir;
}

export async function nativeQuery<T = Record<string, unknown>>(dir: string, sql: string): Promise<T[]> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    await con.run(`CREATE VIEW reports AS SELECT * FROM '${dir}/reports.parquet'; CREATE VIEW agencies AS SELECT * FROM '${dir}/agencies.parquet';
      CREATE VIEW cells AS SELECT * FROM '${dir}/cells.parquet'; CREATE VIEW checks AS SELECT * FROM '${dir}/checks.parquet';`);
    return (await con.runAndReadAll(sql)).getRowObjectsJS().map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])),
    ) as T[];
  } finally {
    con.closeSync();
    db.closeSync();
  }
}
