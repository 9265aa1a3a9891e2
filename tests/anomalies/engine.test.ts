// The dashboard runs the detector's SQL in DuckDB-WASM (through the dashboard's Engine, columns loaded on demand
// from Parquet by hyparquet); the command runs it in native DuckDB. On the same dataset — a small synthetic panel
// with its injected problems, parsed and built by the real pipeline — both give the same flags.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { allFlags, detect, type Flag } from '../../src/anomalies';
import { openDataset } from '../../src/anomalies/node-dataset';
import { detected, engineRunner } from '../../src/app/views/anomalies/engine';
import { buildDataset } from '../../src/dataset/build';
import { generatePanel } from '../../src/synth';
import { nodeEngine } from '../ui/node-engine';

let dir: string;
let native: Flag[];

beforeAll(async () => {
  dir = join(mkdtempSync(join(tmpdir(), 'nianbao-anomalies-engine-')), 'data');
  await buildDataset([...generatePanel({ seed: 5, reports: 1400 })].map((r) => r.input), { outDir: dir, workers: 2 });
  const ds = await openDataset(dir);
  await detect(ds.db);
  native = await allFlags(ds.db);
  ds.close();
}, 600_000);

describe('the detector in the dashboard engine', () => {
  it('finds the same flags in DuckDB-WASM as in native DuckDB', async () => {
    const engine = await nodeEngine(dir);
    await detected(engine);
    const wasm = await allFlags(engineRunner(engine));
    expect(native.length).toBeGreaterThan(20);
    expect(new Set(native.map((f) => f.kind)).size).toBeGreaterThan(4);
    const strip = (f: Flag) => ({ ...f, score: Math.round(f.score * 100) });
    expect(wasm.map(strip)).toEqual(native.map(strip));
  }, 600_000);
});
