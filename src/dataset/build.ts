// Report files in, a Parquet dataset out. Inputs are pulled lazily and parsed on worker threads; results are
// staged in input order while at most a few batches per thread are in flight, so memory does not grow with
// the number of reports. The dataset appears in `outDir` only once complete.
import { availableParallelism } from 'node:os';
import { openOutput } from './output';
import { ParserPool, type PoolResult } from './pool';
import { DATASET_ENTRIES, Staging } from './staging';
import type { TaskItem } from './worker';

export interface DatasetInput {
  /** Path or URL the report was read from: the dataset's `source`. */
  source: string;
  bytes: Uint8Array;
  /** False for the synthetic panel. */
  isReal: boolean;
  /** Charset the transport declared (HTTP Content-Type): it outranks what the document itself says. */
  charset?: string;
  /** Set when the input could not be read at all (a download that failed, an unreadable file): it is rejected with this reason. */
  failure?: string;
}

export interface BuildOptions {
  outDir: string;
  /** Parser threads; default one per core. */
  workers?: number;
  onProgress?: (p: { done: number; total?: number; rejected: number }) => void;
  /**
   * The caller's cache folder, part of the agreed API. Inputs arrive as bytes, so the builder itself caches
   * nothing; the ingest command keeps its downloaded pages in `<cacheDir>/downloads` before they get here.
   */
  cacheDir?: string;
  /** How many inputs to expect, when the caller knows: passed on to `onProgress`. */
  total?: number;
  /** Hive-partition the per-report tables by year (reports/year=2021/data_0.parquet …). */
  partitionByYear?: boolean;
}

export interface BuildSummary {
  ingested: number;
  rejected: number;
  /** Ingested reports with at least one failing in-report check. */
  checksFailing: number;
  /** Reports dropped because another report of the same agency and year was preferred (duplicates.csv). */
  duplicates: number;
  seconds: number;
  /** Of `seconds`, the last step: duplicates resolved and the Parquet files written from the staged rows. */
  writeSeconds: number;
  outDir: string;
}

/** A batch goes to a thread once it holds this many reports or bytes (a large PDF makes a batch of its own). */
const BATCH_ITEMS = 32;
const BATCH_BYTES = 256 * 1024;
/** Batches in flight per thread: enough to keep threads busy while the main thread stages results. */
const IN_FLIGHT_PER_THREAD = 4;

export async function buildDataset(inputs: AsyncIterable<DatasetInput> | Iterable<DatasetInput>, opts: BuildOptions): Promise<BuildSummary> {
  const started = performance.now();
  const threads = Math.max(1, opts.workers ?? availableParallelism());
  const output = await openOutput(opts.outDir, DATASET_ENTRIES);
  let staging: Staging | undefined;
  let pool: ParserPool | undefined;
  try {
    staging = await Staging.open(output.workDir);
    pool = new ParserPool(threads);
    const stage = staging;
    let done = 0;
    let rejected = 0;
    const progress = () => opts.onProgress?.({ done, total: opts.total, rejected });

    const inFlight: { items: number; result: Promise<PoolResult[]> }[] = [];
    const settleOldest = async () => {
      const { items, result } = inFlight.shift()!;
      for (const r of await result) {
        stage.append(r);
        rejected += r.batch.rejects.length;
      }
      done += items;
      progress();
    };

    let seq = 0;
    let batch: TaskItem[] = [];
    let batchBytes = 0;
    const send = () => {
      if (batch.length === 0) return;
      const result = pool!.run(batch);
      result.catch(() => undefined); // awaited in turn; a failure surfaces there, not as an unhandled rejection
      inFlight.push({ items: batch.length, result });
      batch = [];
      batchBytes = 0;
    };

    for await (const input of inputs) {
      const s = seq++;
      if (input.failure !== undefined) {
        stage.reject(s, input.source, input.failure);
        done++;
        rejected++;
        progress();
        continue;
      }
      batch.push({ seq: s, source: input.source, bytes: input.bytes, isReal: input.isReal, charset: input.charset });
      batchBytes += input.bytes.length;
      // full batches while threads are busy; at once when one may be idle (inputs arriving slowly, e.g. downloads)
      if (batch.length >= BATCH_ITEMS || batchBytes >= BATCH_BYTES || inFlight.length < threads) send();
      while (inFlight.length >= threads * IN_FLIGHT_PER_THREAD) await settleOldest();
    }
    send();
    while (inFlight.length) await settleOldest();
    await pool.close();
    pool = undefined;

    const writing = performance.now();
    const counts = await staging.finish(output.datasetDir, { partitionByYear: opts.partitionByYear ?? false });
    if (counts.ingested === 0) {
      // an empty dataset must not replace a good one
      const first = (await staging.firstRejects(3)).map((r) => `${r.source}: ${r.reason}`).join('; ');
      throw new Error(seq === 0 ? 'no inputs' : `no report could be ingested: ${counts.rejected} input(s) rejected${first ? ` (${first}${counts.rejected > 3 ? '; …' : ''})` : ''}`);
    }
    staging.close();
    staging = undefined;
    await output.commit();
    const now = performance.now();
    return { ...counts, seconds: (now - started) / 1000, writeSeconds: (now - writing) / 1000, outDir: opts.outDir };
  } catch (e) {
    await pool?.close();
    staging?.close();
    await output.abandon();
    throw e;
  }
}
