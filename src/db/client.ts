// The browser side of the engine: DuckDB-WASM in its worker (wasm and worker served from this origin, the
// bundle chosen by what the browser supports), and the loader worker that reads the Parquet files.
import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import type { ColumnSpec, DatasetTable } from '../model/dataset';
import { rowsFromArrow } from './arrow';
import { Engine, type Backend, type Loaded, type Source } from './engine';
import type { LoaderReply, LoaderRequest } from './loader.worker';

/** What the build wrote beside the Parquet files (see vite.config.ts). */
export interface Manifest {
  files: Record<string, number>;
  /** Newest modification time of the data files (ISO date). */
  dataDate: string;
}

export interface Progress {
  received: number;
  expected: number;
  phase: 'engine' | 'data';
}

export async function openEngine(dataUrl: string, onProgress: (p: Progress) => void): Promise<{ engine: Engine; manifest: Manifest }> {
  const manifestRes = await fetch(new URL('manifest.json', dataUrl));
  if (!manifestRes.ok) throw new Error(`${new URL('manifest.json', dataUrl).pathname}: HTTP ${manifestRes.status}`);
  const manifest = (await manifestRes.json()) as Manifest;
  if (!manifest.files.reports) throw new Error('reports.parquet is missing from the dataset');
  // The first load reads the descriptive columns of reports and all of agencies: about this share of their bytes.
  const expected = manifest.files.reports * 0.25 + (manifest.files.agencies ?? 0);
  onProgress({ received: 0, expected, phase: 'engine' });

  const loader = new Worker(new URL('./loader.worker.ts', import.meta.url), { type: 'module' });
  loader.postMessage({ op: 'init', base: dataUrl, sizes: manifest.files });
  const pending = new Map<number, { resolve: (l: Loaded) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  loader.onmessage = (e: MessageEvent<LoaderReply>) => {
    const m = e.data;
    if ('progress' in m) return onProgress({ received: m.progress, expected, phase: 'data' });
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.ok) p?.resolve({ ipc: m.ipc, rows: m.rows, missing: m.missing });
    else p?.reject(new Error(m.error));
  };
  loader.onerror = (e) => {
    for (const p of pending.values()) p.reject(new Error(e.message || 'the data loader failed'));
    pending.clear();
  };
  const call = (req: LoaderRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never) =>
    new Promise<Loaded>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      loader.postMessage({ ...req, id });
    });
  const source: Source = {
    columns: (table: DatasetTable, specs: readonly ColumnSpec[]) => call({ op: 'columns', table, specs }),
    rows: (table, specs, key, values) => call({ op: 'rows', table, specs, key, values }),
  };

  const bundle = await duckdb.selectBundle({
    mvp: { mainModule: new URL(mvpWasm, location.href).href, mainWorker: new URL(mvpWorker, location.href).href },
    eh: { mainModule: new URL(ehWasm, location.href).href, mainWorker: new URL(ehWorker, location.href).href },
  });
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  await db.open({ query: { castBigIntToDouble: true } });
  const conn = await db.connect();
  const backend: Backend = {
    async exec(sql) {
      await conn.query(sql);
    },
    async query(sql, params) {
      if (!params.length) return rowsFromArrow(await conn.query(sql));
      const stmt = await conn.prepare(sql);
      try {
        return rowsFromArrow(await stmt.query(...params));
      } finally {
        await stmt.close();
      }
    },
    async insertIPC(table, ipc) {
      await conn.insertArrowFromIPCStream(ipc, { name: table, create: true });
    },
  };
  const engine = new Engine(backend, source);
  await engine.open();
  return { engine, manifest };
}
