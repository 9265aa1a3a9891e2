// A parser thread: parses the reports of a task, describes their agencies, and answers with the encoded rows.
// Tasks are handled one after another in arrival order (the pool keeps a second one queued so the thread never
// waits for the main thread between tasks).
import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { ParseError, parseReport } from '../parse';
import { describeAgency, type AgencyInfo } from './agency';
import { withDeclaredCharset } from './charset';
import { divisionIndex } from './divisions';
import { BatchEncoder, recordProblem } from './encode';

export interface TaskItem {
  seq: number;
  source: string;
  bytes: Uint8Array;
  isReal: boolean;
  charset?: string;
}

export interface Task {
  items: TaskItem[];
}

const port = parentPort;
if (!port) throw new Error('worker.ts runs as a worker thread');

const encoder = new BatchEncoder();
// built before the thread reports ready, so no report's deadline pays for it
divisionIndex();
const sha256hex16 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex').slice(0, 16);

/** Agencies repeat across reports and years; their description is kept for the most recent names. */
const agencies = new Map<string, { info: AgencyInfo; id: string }>();
function agencyOf(name: string) {
  let hit = agencies.get(name);
  if (!hit) {
    if (agencies.size >= 20_000) agencies.clear();
    const info = describeAgency(name);
    hit = { info, id: sha256hex16(info.canonical) };
    agencies.set(name, hit);
  }
  return hit;
}

async function handle(item: TaskItem): Promise<void> {
  let record;
  try {
    record = await parseReport({ name: item.source, bytes: withDeclaredCharset(item.bytes, item.charset) });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    encoder.reject(item.seq, item.source, e instanceof ParseError ? message : `parser failed: ${message}`);
    return;
  }
  const problem = recordProblem(record);
  if (problem) return encoder.reject(item.seq, item.source, problem);
  const agency = agencyOf(record.agency!);
  encoder.add({ seq: item.seq, report_id: sha256hex16(item.bytes), agency_id: agency.id, source: item.source, is_real: item.isReal }, agency.info, record);
}

let queue = Promise.resolve();
port.on('message', (task: Task) => {
  queue = queue.then(async () => {
    for (const item of task.items) await handle(item);
    const { batch, transfer } = encoder.take();
    port.postMessage({ batch }, transfer);
  });
});
