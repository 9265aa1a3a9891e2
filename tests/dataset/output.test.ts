// The output folder is replaced whole or not at all: a build killed mid-run, a build whose input fails, or one
// that ingests nothing leaves the previous dataset as it was; the next run cleans up after a dead one.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDataset, type DatasetInput } from '../../src/dataset/build';
import { openOutput } from '../../src/dataset/output';
import { DATASET_ENTRIES } from '../../src/dataset/staging';

const ROOT = join(import.meta.dirname, '../..');
const CORPUS = join(ROOT, '../shared/corpus/reports');
const LUOYANG = readFileSync(join(CORPUS, 'luoyang-swj-2021.txt'));

const snapshot = (dir: string) =>
  Object.fromEntries(readdirSync(dir).sort().map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));
const siblings = (dir: string) => readdirSync(join(dir, '..')).sort();

async function dataset(dir: string) {
  await buildDataset([{ source: 'luoyang-swj-2021.txt', bytes: LUOYANG, isReal: true }], { outDir: dir, workers: 1 });
  return snapshot(dir);
}

describe('output folder', () => {
  it('survives a build killed mid-run, and the next run cleans up and succeeds', async () => {
    const work = mkdtempSync(join(tmpdir(), 'nianbao-crash-'));
    const out = join(work, 'data');
    const before = await dataset(out);

    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts', CORPUS, '--out', out, '--cache', join(work, 'cache')], { cwd: ROOT, stdio: 'ignore' });
    const building = join(work, `.data.building-${child.pid}`);
    // kill it once it is staging reports
    for (let i = 0; i < 600 && !existsSync(join(building, 'work', 'staging.duckdb')); i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500));
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGKILL');
    await exited;

    expect(snapshot(out)).toEqual(before);
    expect(siblings(out)).toEqual(['.data.building-' + child.pid, 'data']);

    const rerun = await buildDataset([{ source: 'luoyang-swj-2021.txt', bytes: LUOYANG, isReal: true }], { outDir: out, workers: 1 });
    expect(rerun.ingested).toBe(1);
    expect(siblings(out)).toEqual(['data']);
    expect(snapshot(out)).toEqual(before);
  }, 120_000);

  it('keeps the previous dataset when the inputs fail part-way', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'nianbao-fail-')), 'data');
    const before = await dataset(out);
    function* inputs(): Generator<DatasetInput> {
      yield { source: 'a.txt', bytes: LUOYANG, isReal: true };
      throw new Error('disk went away');
    }
    await expect(buildDataset(inputs(), { outDir: out, workers: 1 })).rejects.toThrow('disk went away');
    expect(snapshot(out)).toEqual(before);
    expect(siblings(out)).toEqual(['data']);
  }, 60_000);

  it('never replaces a dataset with an empty one', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'nianbao-empty-')), 'data');
    const before = await dataset(out);
    const inputs = [
      { source: 'empty.txt', bytes: new Uint8Array(0), isReal: true },
      { source: 'gone.html', bytes: new Uint8Array(0), isReal: true, failure: 'download failed: HTTP 404 Not Found' },
    ];
    await expect(buildDataset(inputs, { outDir: out, workers: 1 })).rejects.toThrow(/no report could be ingested: 2 input\(s\) rejected \(empty\.txt: .*; gone\.html: download failed: HTTP 404 Not Found\)/);
    expect(snapshot(out)).toEqual(before);
  }, 60_000);

  it("keeps the user's own files in the folder and drops the builder's stale ones", async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'nianbao-keep-')), 'data');
    mkdirSync(join(out, 'notes'), { recursive: true });
    writeFileSync(join(out, 'README.md'), 'our data\n');
    writeFileSync(join(out, 'notes', 'a.txt'), 'n\n');
    mkdirSync(join(out, 'cells', 'year=2020'), { recursive: true }); // from an earlier --partition-by-year build
    await buildDataset([{ source: 'luoyang-swj-2021.txt', bytes: LUOYANG, isReal: true }], { outDir: out, workers: 1 });
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toBe('our data\n');
    expect(readFileSync(join(out, 'notes', 'a.txt'), 'utf8')).toBe('n\n');
    expect(existsSync(join(out, 'cells'))).toBe(false);
    expect(readdirSync(out).sort()).toEqual(['README.md', 'agencies.parquet', 'agency-warnings.csv', 'cells.parquet', 'checks.parquet', 'duplicates.csv', 'notes', 'prose.parquet', 'rejects.csv', 'reports.parquet']);
  }, 60_000);

  it('puts back a dataset left aside by a crash between the two renames of a commit', async () => {
    const work = mkdtempSync(join(tmpdir(), 'nianbao-swap-'));
    mkdirSync(join(work, '.data.previous'));
    writeFileSync(join(work, '.data.previous', 'reports.parquet'), 'old');
    const o = await openOutput(join(work, 'data'), DATASET_ENTRIES);
    expect(readFileSync(join(work, 'data', 'reports.parquet'), 'utf8')).toBe('old');
    await o.abandon();
    expect(siblings(join(work, 'data'))).toEqual(['data']);
  });

  it('refuses to replace a project folder', async () => {
    await expect(openOutput(ROOT, DATASET_ENTRIES)).rejects.toThrow(/refusing to replace .*project folder/);
  });
});
