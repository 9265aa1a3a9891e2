// Every real report in ../shared/corpus against its hand-checked gold answer: every gold value (null stays null:
// a blank is never a 0), the agency, the year and the template.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReport } from '../../src/parse';

const CORPUS = join(import.meta.dirname, '../../../shared/corpus');

interface Gold {
  file: string;
  agency: string | null;
  year: number | null;
  template: string;
  values: Record<string, number | null>;
}

const golds = readdirSync(join(CORPUS, 'gold'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(CORPUS, 'gold', f), 'utf8')) as Gold);

// Values the gold records from outside the report itself (another year's report), impossible from one file.
const CROSS_REPORT = new Set(['pingtan-2021.txt:t2.normative_docs.in_force']);

describe('real-report corpus', () => {
  it('holds the reports the gold answers name', () => expect(golds.length).toBeGreaterThanOrEqual(27));

  for (const gold of golds) {
    it(gold.file, async () => {
      const bytes = new Uint8Array(readFileSync(join(CORPUS, 'reports', gold.file)));
      const record = await parseReport({ name: gold.file, bytes });
      expect(record.template).toBe(gold.template);
      if (gold.year !== null) expect(record.year).toBe(gold.year);
      if (gold.agency) {
        const a = record.agency ?? '';
        expect(a.length >= 4 && (a.includes(gold.agency) || gold.agency.includes(a)), `agency ${a} vs ${gold.agency}`).toBe(true);
      }
      const wrong: string[] = [];
      for (const [key, want] of Object.entries(gold.values)) {
        if (CROSS_REPORT.has(`${gold.file}:${key}`)) continue;
        const got = record.values[key];
        const same = want === null ? got === null : typeof got === 'number' && Math.abs(got - want) < 1e-6 * Math.max(1, Math.abs(want));
        if (!same) wrong.push(`${key}: want ${want} got ${got}`);
      }
      expect(wrong).toEqual([]);
      // every key of the template is present, null or a number
      for (const v of Object.values(record.values)) expect(v === null || Number.isFinite(v)).toBe(true);
    });
  }
});
