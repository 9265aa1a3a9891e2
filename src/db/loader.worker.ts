// The loader worker: fetches the dataset's Parquet files (same origin, HTTP range requests when the server
// allows them, the whole file otherwise), decodes them with hyparquet and hands back Arrow IPC bytes, so the
// page never blocks on decoding. Progress is reported in bytes received.
import { asyncBufferFromUrl, cachedAsyncBuffer } from 'hyparquet';
import type { ColumnSpec, DatasetTable } from '../model/dataset';
import { parquetSource } from './parquet-source';

export type LoaderRequest =
  | { id: number; op: 'columns'; table: DatasetTable; specs: readonly ColumnSpec[] }
  | { id: number; op: 'rows'; table: DatasetTable; specs: readonly ColumnSpec[]; key: string; values: string[] };

export type LoaderReply =
  | { id: number; ok: true; ipc: Uint8Array; rows: number; missing: string[] }
  | { id: number; ok: false; error: string }
  | { progress: number };

let base = '';
let sizes: Record<string, number> = {};
let received = 0;

/** fetch that counts the bytes of every body it reads (for the progress bar). */
const countingFetch: typeof fetch = async (input, init) => {
  const res = await fetch(input, init);
  if (!res.ok) throw new Error(`${typeof input === 'string' ? input : 'file'}: HTTP ${res.status}`);
  if (!res.body) return res;
  const reader = res.body.getReader();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      received += value.byteLength;
      postMessage({ progress: received } satisfies LoaderReply);
      controller.enqueue(value);
    },
  });
  return new Response(stream, { status: res.status, statusText: res.statusText, headers: res.headers });
};

const source = parquetSource(async (table) => {
  const url = new URL(`${table}.parquet`, base).href;
  const byteLength = sizes[table];
  if (byteLength === undefined) throw new Error(`${table}.parquet is not in the dataset`);
  return cachedAsyncBuffer(await asyncBufferFromUrl({ url, byteLength, fetch: countingFetch }));
});

self.onmessage = async (e: MessageEvent<LoaderRequest | { op: 'init'; base: string; sizes: Record<string, number> }>) => {
  const msg = e.data;
  if (msg.op === 'init') {
    base = msg.base;
    sizes = msg.sizes;
    return;
  }
  try {
    const r = msg.op === 'columns' ? await source.columns(msg.table, msg.specs) : await source.rows(msg.table, msg.specs, msg.key, msg.values);
    postMessage({ id: msg.id, ok: true, ...r } satisfies LoaderReply, { transfer: [r.ipc.buffer as ArrayBuffer] });
  } catch (err) {
    postMessage({ id: msg.id, ok: false, error: (err as Error).message } satisfies LoaderReply);
  }
};
