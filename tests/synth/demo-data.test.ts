// `npm run demo-data` end to end on a small panel: the same command gives byte-identical files, the truth file
// names reports that are in the dataset, and bad arguments get one clear line and a non-zero exit.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const TSX = join(process.cwd(), 'node_modules/.bin/tsx');
const demoData = (...args: string[]) => run(TSX, ['scripts/demo-data.ts', ...args], { cwd: process.cwd(), maxBuffer: 16 << 20 });

async function files(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      if (e.isDirectory()) await walk(join(d, e.name));
      else out.set(relative(dir, join(d, e.name)), await readFile(join(d, e.name)));
    }
  };
  await walk(dir);
  return out;
}

describe('npm run demo-data', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('is reproducible: the same seed writes byte-identical files, with the truth beside the dataset', async () => {
    const [a, b] = [await mkdtemp(join(tmpdir(), 'demo-a-')), await mkdtemp(join(tmpdir(), 'demo-b-'))];
    dirs.push(a, b);
    const args = ['--seed', '9', '--reports', '140', '--province', '64', '--corpus', 'none', '--workers', '1'];
    const first = await demoData(...args, '--out', join(a, 'data'));
    await demoData(...args, '--out', join(b, 'data'));
    expect(first.stdout).toMatch(/synthetic\s+140 report/);
    expect(first.stdout).toMatch(/truth\s+\d+ row/);
    const fa = await files(join(a, 'data'));
    const fb = await files(join(b, 'data'));
    expect([...fa.keys()].sort()).toEqual([...fb.keys()].sort());
    expect([...fa.keys()]).toEqual(expect.arrayContaining(['reports.parquet', 'cells.parquet', 'checks.parquet', 'agencies.parquet', 'truth/anomalies.json']));
    for (const [name, bytes] of fa) expect(bytes.equals(fb.get(name)!), name).toBe(true);

    const truth = JSON.parse(fa.get('truth/anomalies.json')!.toString('utf8'));
    expect(truth.seed).toBe(9);
    expect(truth.synthetic_reports).toBe(140);
    for (const t of truth.anomalies) {
      expect(t.report_id).toMatch(/^[0-9a-f]{16}$/);
      expect(t.source).toMatch(/^synthetic:\/\/9\//);
    }
  }, 240_000);

  it('refuses bad arguments with one line on stderr and a non-zero exit', async () => {
    for (const args of [['--reports', 'lots'], ['--province', '火星'], ['--reports', '99999999', '--province', '64'], ['--corpus', '/nonexistent/folder']]) {
      const err = await demoData(...args, '--out', join(tmpdir(), 'never-written')).then(
        () => null,
        (e: { code: number; stderr: string }) => e,
      );
      expect(err, args.join(' ')).not.toBeNull();
      expect(err!.code).not.toBe(0);
      expect(err!.stderr.trim().split('\n')).toHaveLength(1);
      expect(err!.stderr).toMatch(/^demo-data: /);
    }
  }, 120_000);
});
