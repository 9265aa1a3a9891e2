// Two reports for one agency and year: the documented rule picks one, duplicates.csv says which and why, and
// nothing of the dropped report stays in any table.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDataset, type BuildSummary, type DatasetInput } from '../../src/dataset/build';
import { DUPLICATE_RULE, SAME_FILE_RULE, duplicateOrder } from '../../src/dataset/duplicates';

const LUOYANG = readFileSync(join(import.meta.dirname, '../../../shared/corpus/reports/luoyang-swj-2021.txt'), 'utf8');
const doc = (year: number, edit: (s: string) => string = (s) => s) => new TextEncoder().encode(edit(LUOYANG.replaceAll('2021', String(year))));
const rule = (column: string) => DUPLICATE_RULE.find((c) => c.column === column)!.rule;

const inputs: DatasetInput[] = [
  // 2021: a page saved before its last table beats nothing but is beaten by the whole report
  { source: 'a-cut.txt', bytes: doc(2021, (s) => s.slice(0, s.indexOf('四、政府信息公开行政复议'))), isReal: true },
  { source: 'b-whole.txt', bytes: doc(2021), isReal: true },
  // 2022: the same report, one real and one synthetic
  { source: 'a-synthetic.txt', bytes: doc(2022, (s) => s.replace('行政许可\t184', '行政许可\t185')), isReal: false },
  { source: 'b-real.txt', bytes: doc(2022), isReal: true },
  // 2023: one file under two names
  { source: 'c2.txt', bytes: doc(2023), isReal: true },
  { source: 'c1.txt', bytes: doc(2023), isReal: true },
  // 2024: two real versions equal in every other respect
  { source: 'd2.txt', bytes: doc(2024, (s) => s.replace('行政许可\t184', '行政许可\t186')), isReal: true },
  { source: 'd1.txt', bytes: doc(2024), isReal: true },
];

const work = mkdtempSync(join(tmpdir(), 'nianbao-dupes-'));
let summary: BuildSummary;
beforeAll(async () => {
  summary = await buildDataset(inputs, { outDir: work + '/data', workers: 2 });
}, 120_000);

const query = async (sql: string) => (await (await (await DuckDBInstance.create(':memory:')).connect()).runAndReadAll(sql)).getRowObjectsJS();

describe('duplicate rule', () => {
  it('is one ORDER BY built from the documented list', () => {
    expect(duplicateOrder()).toBe('"complete" DESC, "unread" ASC, "warnings" ASC, "is_real" DESC, "source" ASC, "seq" ASC');
  });

  it('keeps the preferred report of each agency and year and says which criterion decided', () => {
    const lines = readFileSync(join(work, 'data', 'duplicates.csv'), 'utf8').trim().split('\n');
    expect(lines).toEqual([
      'agency,year,kept,dropped,rule',
      `洛阳市商务局,2021,b-whole.txt,a-cut.txt,${rule('complete')}`,
      `洛阳市商务局,2022,b-real.txt,a-synthetic.txt,${rule('is_real')}`,
      `洛阳市商务局,2023,c1.txt,c2.txt,${SAME_FILE_RULE}`,
      `洛阳市商务局,2024,d1.txt,d2.txt,${rule('source')}`,
    ]);
    expect(summary).toMatchObject({ ingested: 4, duplicates: 4, rejected: 0 });
  });

  it('leaves nothing of a dropped report in any table', async () => {
    const t = (name: string) => `'${join(work, 'data', `${name}.parquet`)}'`;
    const [kept] = await query(`SELECT list(source ORDER BY source) AS s, count(DISTINCT report_id)::INTEGER AS n FROM ${t('reports')}`);
    expect(kept).toEqual({ s: ['b-real.txt', 'b-whole.txt', 'c1.txt', 'd1.txt'], n: 4 });
    for (const table of ['cells', 'checks', 'prose']) {
      const [orphans] = await query(`SELECT count(*)::INTEGER AS n FROM ${t(table)} WHERE report_id NOT IN (SELECT report_id FROM ${t('reports')})`);
      expect(orphans.n, table).toBe(0);
    }
    const [agency] = await query(`SELECT reports, first_year, last_year, is_real FROM ${t('agencies')}`);
    expect(agency).toEqual({ reports: 4, first_year: 2021, last_year: 2024, is_real: true });
  });
});
