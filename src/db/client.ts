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

/**
 * Loader workers: one for a small dataset (a second only competes with DuckDB's wasm compilation and doubles the
 * decoder's JIT warm-up), two when reports.parquet is big enough for decoding to dominate.
 */
const loaderCount = (reportsBytes: number) => (reportsBytes > 16 * 1048576 ? 2 : 1);
/** Prepared statements kept for reuse: a filter change re-runs the same SQL with new parameters. */
const STATEMENTS = 64;

export async function openEngine(dataUrl: string, onProgress: (p: Progress) => void, preload: string[][] = []): Promise<{ engine: Engine; manifest: Manifest }> {
  // DuckDB's wasm is fetched and compiled while the manifest and the Parquet files are read.
  const backend = startDuckDB();
  backend.catch(() => undefined);
  // The first loader's script loads while the manifest is read.
  const newLoader = () => new Worker(new URL('./loader.worker.ts', import.meta.url), { type: 'module' });
  const firstLoader = newLoader();
  const manifestRes = await fetch(new URL('manifest.json', dataUrl));
  if (!manifestRes.ok) throw new Error(`${new URL('manifest.json', dataUrl).pathname}: HTTP ${manifestRes.status}`);
  const manifest = (await manifestRes.json()) as Manifest;
  if (!manifest.files.reports) throw new Error('reports.parquet is missing from the dataset');
  // The first load reads part of reports (the filter columns and the first view's) and all of agencies.
  const expected = manifest.files.reports * 0.15 + (manifest.files.agencies ?? 0);
  onProgress({ received: 0, expected, phase: 'engine' });

  const LOADERS = loaderCount(manifest.files.reports);
  const received = new Array(LOADERS).fill(0);
  const pending = new Map<number, { resolve: (l: Loaded) => void; reject: (e: Error) => void; worker: number }>();
  const workers = Array.from({ length: LOADERS }, (_, w) => {
    const loader = w === 0 ? firstLoader : newLoader();
    loader.postMessage({ op: 'init', base: dataUrl, sizes: manifest.files });
    loader.onmessage = (e: MessageEvent<LoaderReply>) => {
      const m = e.data;
      if ('progress' in m) {
        received[w] = m.progress;
        return onProgress({ received: received.reduce((a, b) => a + b, 0), expected, phase: 'data' });
      }
      const p = pending.get(m.id);
      pending.delete(m.id);
      performance.mark(`nianbao:loaded-${m.id}`);
      if (m.ok) p?.resolve({ ipc: m.ipc, rows: m.rows, missing: m.missing });
      else p?.reject(new Error(m.error));
    };
    loader.onerror = (e) => {
      for (const [id, p] of pending) {
        if (p.worker !== w) continue;
        pending.delete(id);
        p.reject(new Error(e.message || 'the data loader failed'));
      }
    };
    return loader;
  });
  let nextId = 1;
  const call = (req: LoaderRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never) =>
    new Promise<Loaded>((resolve, reject) => {
      const id = nextId++;
      // The worker with fewer requests in flight takes the next one.
      const load = workers.map((_, w) => [...pending.values()].filter((p) => p.worker === w).length);
      const w = load.indexOf(Math.min(...load));
      pending.set(id, { resolve, reject, worker: w });
      workers[w].postMessage({ ...req, id });
    });
  const source: Source = {
    columns: (table: DatasetTable, specs: readonly ColumnSpec[]) => call({ op: 'columns', table, specs }),
    rows: (table, specs, key, values) => call({ op: 'rows', table, specs, key, values }),
  };
  backend.then(() => performance.mark('nianbao:duckdb-ready'));
  const engine = new Engine(backend, source);
  // The first chart's columns are split between the loaders, so that they decode in parallel.
  const [first = [], ...later] = preload;
  const parts = Array.from({ length: LOADERS }, (_, w) => first.filter((_, i) => i % LOADERS === w)).filter((p) => p.length);
  await engine.open(parts, later);
  performance.mark('nianbao:engine-open');
  return { engine, manifest };
}

/**
 * DuckDB's worker, started from a few lines that run first: they wait for the page's compiled module and have
 * duckdb-wasm instantiate it instead of fetching and compiling the wasm itself (it compiles from a re-wrapped
 * stream, which the browser never caches). Without a module (compileStreaming failed) duckdb-wasm loads as usual.
 */
const workerBoot = (script: string) => `
const compiled = new Promise((done) => addEventListener('message', function boot(e) {
  if (!e.data || !('nianbaoModule' in e.data)) return;
  e.stopImmediatePropagation();
  removeEventListener('message', boot);
  done(e.data.nianbaoModule);
}));
const streaming = WebAssembly.instantiateStreaming;
WebAssembly.instantiateStreaming = async (source, imports) => {
  const module = await compiled;
  if (!module) return streaming(source, imports);
  return { module, instance: await WebAssembly.instantiate(module, imports) };
};
importScripts(${JSON.stringify(script)});`;

async function startDuckDB(): Promise<Backend> {
  const bundle = await duckdb.selectBundle({
    mvp: { mainModule: new URL(mvpWasm, location.href).href, mainWorker: new URL(mvpWorker, location.href).href },
    eh: { mainModule: new URL(ehWasm, location.href).href, mainWorker: new URL(ehWorker, location.href).href },
  });
  // Compiled from the fetch's own response: streaming compilation on the browser's background threads while the
  // worker's script loads, and a compiled-code cache entry for the next visit. A server that does not send
  // application/wasm refuses streaming: the bytes are compiled as they are.
  const url = bundle.mainModule;
  const module = WebAssembly.compileStreaming(fetch(url))
    .catch(() => fetch(url).then((r) => r.arrayBuffer()).then((bytes) => WebAssembly.compile(bytes)))
    .catch(() => null);
  const boot = URL.createObjectURL(new Blob([workerBoot(bundle.mainWorker!)], { type: 'text/javascript' }));
  const worker = new Worker(boot);
  const compiled = await module;
  worker.postMessage({ nianbaoModule: compiled });
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  // With a compiled module, duckdb-wasm's own fetch of the wasm (whose body the boot code ignores) gets an empty
  // inline URL instead of downloading the 34 MB again.
  await db.instantiate(compiled ? 'data:application/wasm,' : bundle.mainModule, bundle.pthreadWorker);
  URL.revokeObjectURL(boot);
  await db.open({ query: { castBigIntToDouble: true } });
  const conn = await db.connect();
  const statements = new Map<string, Promise<duckdb.AsyncPreparedStatement>>();
  const prepared = (sql: string) => {
    let stmt = statements.get(sql);
    if (stmt) statements.delete(sql);
    else stmt = conn.prepare(sql);
    statements.set(sql, stmt);
    if (statements.size > STATEMENTS) {
      const [oldest, old] = statements.entries().next().value!;
      statements.delete(oldest);
      old.then((s) => s.close()).catch(() => undefined);
    }
    return stmt;
  };
  return {
    async exec(sql) {
      // Statements prepared against the view before a column group joined it are rebound by DuckDB itself.
      await conn.query(sql);
    },
    async query(sql, params) {
      if (!params.length) return rowsFromArrow(await conn.query(sql));
      return rowsFromArrow(await (await prepared(sql)).query(...params));
    },
    async insertIPC(table, ipc) {
      await conn.insertArrowFromIPCStream(ipc, { name: table, create: true });
    },
  };
}
