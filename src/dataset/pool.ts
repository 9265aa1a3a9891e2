// Parser threads, one per core. Each starts with thread.mjs, which loads worker.ts through tsx, and holds at most
// two tasks: one running, one queued; a thread answers its tasks in order. A thread that crashes or runs past the
// deadline is replaced; the task it was running is retried one report at a time, so only the report that breaks
// the parser is rejected, with the reason.
import { Worker } from 'node:worker_threads';
import { BatchEncoder, type EncodedBatch } from './encode';
import type { Task, TaskItem } from './worker';

export interface PoolResult {
  batch: EncodedBatch;
  /** Which thread encoded the batch: check definitions are numbered per thread. */
  encoder: number;
}

interface Pending {
  task: Task;
  resolve: (r: PoolResult[]) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  instance: number;
  ready: boolean;
  inFlight: Pending[];
  timer?: NodeJS.Timeout;
}

const TASKS_PER_THREAD = 2;

export class ParserPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Pending[] = [];
  private nextInstance = 0;
  private failure: Error | undefined;

  constructor(
    size: number,
    private readonly timeoutMs = 60_000,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  /** Parses the items; resolves with their encoded rows, in item order. */
  run(items: TaskItem[]): Promise<PoolResult[]> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ task: { items }, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => {
      clearTimeout(s.timer);
      s.worker.removeAllListeners();
      return s.worker.terminate();
    }));
  }

  private spawn(): Slot {
    const worker = new Worker(new URL('./thread.mjs', import.meta.url), { execArgv: [] });
    const slot: Slot = { worker, instance: this.nextInstance++, ready: false, inFlight: [] };
    worker.on('message', (m: { ready: true } | { batch: EncodedBatch }) => {
      if ('ready' in m) {
        slot.ready = true;
        this.arm(slot);
      } else this.done(slot, m.batch);
    });
    worker.on('error', (e) => this.crashed(slot, `parser crashed: ${e.message}`, e));
    worker.on('exit', (code) => this.crashed(slot, `parser thread exited (code ${code})`));
    return slot;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      while (slot.inFlight.length < TASKS_PER_THREAD && this.waiting.length) {
        const p = this.waiting.shift()!;
        slot.inFlight.push(p);
        slot.worker.postMessage(p.task);
        if (slot.inFlight.length === 1) this.arm(slot);
      }
    }
  }

  /** The deadline of the task a thread is running (the first of its tasks), counted once the thread has started. */
  private arm(slot: Slot): void {
    clearTimeout(slot.timer);
    if (slot.inFlight.length === 0 || !slot.ready) return;
    const limit = this.timeoutMs >= 1000 ? `${Math.round(this.timeoutMs / 1000)} s` : `${this.timeoutMs} ms`;
    slot.timer = setTimeout(() => this.crashed(slot, `parser did not finish within ${limit}`), this.timeoutMs);
  }

  private done(slot: Slot, batch: EncodedBatch): void {
    const p = slot.inFlight.shift()!;
    this.arm(slot);
    p.resolve([{ batch, encoder: slot.instance }]);
    this.dispatch();
  }

  private crashed(slot: Slot, reason: string, error?: Error): void {
    const at = this.slots.indexOf(slot);
    if (at < 0) return; // already replaced (an error is followed by an exit)
    clearTimeout(slot.timer);
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    if (!slot.ready) {
      // the thread could not even load the parser: every thread would fail the same way
      this.failure = new Error(`cannot start a parser thread: ${error?.message ?? reason}`);
      for (const p of [...this.slots.flatMap((s) => s.inFlight), ...this.waiting]) p.reject(this.failure);
      this.waiting.length = 0;
      for (const s of this.slots) s.inFlight.length = 0;
      return;
    }
    this.slots[at] = this.spawn();
    const [running, ...queued] = slot.inFlight;
    // the queued tasks never started: run them again as they are, first
    this.waiting.unshift(...queued);
    if (running) this.retryAlone(running, reason);
    this.dispatch();
  }

  /** Retries a failed task's items one by one; an item that fails alone is rejected with the reason. */
  private retryAlone(p: Pending, reason: string): void {
    const { items } = p.task;
    if (items.length === 1) {
      const encoder = new BatchEncoder();
      encoder.reject(items[0].seq, items[0].source, reason);
      p.resolve([{ batch: encoder.take().batch, encoder: -1 }]);
      return;
    }
    const singles: Pending[] = [];
    const results = items.map((item) => new Promise<PoolResult[]>((resolve, reject) => singles.push({ task: { items: [item] }, resolve, reject })));
    this.waiting.unshift(...singles);
    Promise.all(results).then((r) => p.resolve(r.flat()), p.reject);
  }
}
