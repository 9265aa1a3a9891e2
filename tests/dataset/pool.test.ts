// Parser threads: results in item order, and a report that keeps the parser past its deadline is rejected alone
// while the rest of its batch is parsed by a fresh thread.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParserPool } from '../../src/dataset/pool';

const CORPUS = join(import.meta.dirname, '../../../shared/corpus/reports');
const item = (seq: number, file: string) => ({ seq, source: file, bytes: new Uint8Array(readFileSync(join(CORPUS, file))), isReal: true });

describe('ParserPool', () => {
  it('parses on threads and answers per task', async () => {
    const pool = new ParserPool(2);
    try {
      const [a, b] = await Promise.all([pool.run([item(0, 'luoyang-swj-2021.txt'), item(1, 'shuyang-fgj-2023.html')]), pool.run([item(2, 'excerpt-changchun_tyjrswj_2023.txt')])]);
      expect(a.flatMap((r) => r.batch.reports.map((x) => [x.seq, x.agency]))).toEqual([[0, '洛阳市商务局'], [1, '沭阳县发展和改革局']]);
      expect(b[0].batch.rejects).toEqual([{ seq: 2, source: 'excerpt-changchun_tyjrswj_2023.txt', reason: 'no agency name found in the report' }]);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('rejects the report that runs past the deadline and parses the others of its batch', async () => {
    // a 500 ms deadline: the text report takes a few ms, the 400 KB PDF far longer
    const pool = new ParserPool(1, 500);
    try {
      const results = await pool.run([item(0, 'luoyang-swj-2021.txt'), item(1, 'huaian-shi-2024.pdf'), item(2, 'shuyang-fgj-2023.html')]);
      expect(results.flatMap((r) => r.batch.reports.map((x) => x.seq))).toEqual([0, 2]);
      expect(results.flatMap((r) => r.batch.rejects)).toEqual([{ seq: 1, source: 'huaian-shi-2024.pdf', reason: 'parser did not finish within 500 ms' }]);
    } finally {
      await pool.close();
    }
  }, 60_000);
});
