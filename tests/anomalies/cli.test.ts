// The command's contract: a JSON array of flags on stdout, most serious first; progress and a summary on stderr;
// bad input is one line on stderr, exit 1 and nothing on stdout.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataset, zeros } from './helpers';

const ROOT = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'nianbao-anomalies-cli-'));
const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/anomalies.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });

beforeAll(async () => {
  const ok = { ...zeros(), 't4.review.upheld': 1, 't4.review.total': 1 };
  const { db, close } = await dataset([
    { report_id: 'good', agency: '甲局', year: 2022, values: ok },
    { report_id: 'sum', agency: '乙局', year: 2022, values: { ...ok, 't4.review.total': 0 } },
    { report_id: 'old', agency: '丙局', year: 2022, template: '2019', values: zeros({ template: '2019', otherSplit: false }) },
  ]);
  mkdirSync(join(work, 'data'));
  await db.query(`COPY reports TO '${join(work, 'data', 'reports.parquet')}' (FORMAT parquet)`);
  // a dataset written before the narrative columns existed
  mkdirSync(join(work, 'old'));
  await db.query(`COPY (SELECT * EXCLUDE (narrative_minhash, narrative_shingles, prose_facts) FROM reports) TO '${join(work, 'old', 'reports.parquet')}' (FORMAT parquet)`);
  close();
}, 60_000);

describe('npm run anomalies', () => {
  it('prints the flags as JSON, most serious first, with the issue’s fields', () => {
    const r = run(join(work, 'data'));
    expect(r.status).toBe(0);
    const flags = JSON.parse(r.stdout);
    expect(flags.map((f: { report_id: string; kind: string }) => `${f.report_id}:${f.kind}`)).toEqual(['sum:identity', 'old:template']);
    expect(Object.keys(flags[0]).slice(0, 7)).toEqual(['report_id', 'agency', 'year', 'kind', 'severity', 'detail', 'cells']);
    expect(flags[0]).toMatchObject({ agency: '乙局', year: 2022, severity: 'high' });
    expect(flags[0].score).toBeGreaterThan(flags[1].score);
    expect(r.stderr).toMatch(/2 flags on 2 of 3 reports/);
  });

  it('reads a dataset that lacks the newer columns, saying so', () => {
    const r = run(join(work, 'old'));
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(2);
    expect(r.stderr).toMatch(/lacks narrative_minhash, narrative_shingles, prose_facts/);
  });

  it('fails in one line, with nothing on stdout, on a missing folder, a folder without a dataset, or two folders', () => {
    for (const args of [[join(work, 'nowhere')], [work], [work, work]]) {
      const r = run(...args);
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^anomalies: /);
    }
  });
});
