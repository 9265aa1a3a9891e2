// The dashboard's Engine on DuckDB-WASM's blocking Node build, reading Parquet files from a folder: the same SQL,
// the same Parquet→Arrow path as the browser, without a browser.
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Engine, type Backend } from '../../src/db/engine';
import { parquetSource } from '../../src/db/parquet-source';
import { rowsFromArrow } from '../../src/db/arrow';

export async function nodeEngine(dataDir: string): Promise<Engine> {
  const require = createRequire(import.meta.url);
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  const db = await duckdb.createDuckDB(
    { mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: '' }, eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: '' } },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await db.instantiate();
  db.open({ query: { castBigIntToDouble: true } });
  const con = db.connect();
  const statements = new Map<string, ReturnType<typeof con.prepare>>();
  const backend: Backend = {
    async exec(sql) {
      con.query(sql);
    },
    async query(sql, params) {
      // Kept for reuse, as the browser backend does (DuckDB rebinds them when the view changes).
      let stmt = statements.get(sql);
      if (!stmt) statements.set(sql, (stmt = con.prepare(sql)));
      return rowsFromArrow(stmt.query(...params));
    },
    async insertIPC(table, ipc) {
      con.insertArrowFromIPCStream(ipc, { name: table, create: true });
    },
  };
  const source = parquetSource(async (table) => {
    const bytes = await readFile(join(dataDir, `${table}.parquet`));
    const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    return { byteLength: buf.byteLength, slice: (s: number, e?: number) => buf.slice(s, e) };
  });
  const engine = new Engine(backend, source);
  await engine.open();
  return engine;
}
