// --partition-by-year: the same tables as Hive partitions (reports/year=2021/data_0.parquet …), which DuckDB,
// Spark and Trino read back with the year taken from the folder name.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { buildDataset, type DatasetInput } from '../../src/dataset/build';
import { DATASET_TABLES } from '../../src/model/dataset';

const LUOYANG = readFileSync(join(import.meta.dirname, '../../../shared/corpus/reports/luoyang-swj-2021.txt'), 'utf8');
const inputs: DatasetInput[] = [2019, 2021, 2022, 2024].map((y) => ({ source: `${y}.txt`, bytes: new TextEncoder().encode(LUOYANG.replaceAll('2021', String(y))), isReal: true }));

describe('--partition-by-year', () => {
  it('writes one folder per year that a Hive-aware reader turns back into the whole table', async () => {
    const work = mkdtempSync(join(tmpdir(), 'nianbao-part-'));
    await buildDataset(inputs, { outDir: join(work, 'flat'), workers: 1 });
    await buildDataset(inputs, { outDir: join(work, 'part'), workers: 1, partitionByYear: true });
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    const rows = async (sql: string) => (await db.runAndReadAll(sql)).getRowObjectsJS();

    expect(readdirSync(join(work, 'part', 'cells')).sort()).toEqual(['year=2019', 'year=2021', 'year=2022', 'year=2024']);
    for (const table of ['reports', 'checks', 'cells', 'prose']) {
      const part = `read_parquet('${join(work, 'part', table)}/*/*.parquet', hive_partitioning = true)`;
      const flat = `'${join(work, 'flat', `${table}.parquet`)}'`;
      const columns = DATASET_TABLES[table as keyof typeof DATASET_TABLES].map((c) => `"${c.name}"`).join(', ');
      const [diff] = await rows(`SELECT (SELECT count(*) FROM (SELECT ${columns} FROM ${flat} EXCEPT ALL SELECT ${columns} FROM ${part}))::INTEGER AS missing,
        (SELECT count(*) FROM ${part})::INTEGER AS n, (SELECT count(*) FROM ${flat})::INTEGER AS m`);
      expect(diff.missing, table).toBe(0);
      expect(diff.n, table).toBe(diff.m);
    }
    const years = await rows(`SELECT DISTINCT year FROM read_parquet('${join(work, 'part', 'cells')}/*/*.parquet', hive_partitioning = true) ORDER BY year`);
    expect(years.map((r) => Number(r.year))).toEqual([2019, 2021, 2022, 2024]);
    // the year lives in the path only, as Spark requires (a column in both the data and the path is an error there)
    const [cols] = await rows(`SELECT list(name) AS c FROM parquet_schema('${join(work, 'part', 'reports', 'year=2021', 'data_0.parquet')}')`);
    expect(cols.c).toContain('agency_id');
    expect(cols.c).not.toContain('year');
  }, 120_000);
});
