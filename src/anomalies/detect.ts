// The detector: every kind's SQL over the dataset's `reports`, collected into one table of evidence
// (`anomaly_evidence`, one row per finding) and read back as flags (one per report and kind). Peer statistics
// and pair searches are SQL, so the work grows with the data inside DuckDB rather than in JavaScript loops.
import { blank } from './detectors/blank';
import { copy } from './detectors/copy';
import { crossYear } from './detectors/crossyear';
import { identity } from './detectors/identity';
import { implausibleSelects } from './detectors/implausible';
import { jump } from './detectors/jump';
import { outlier } from './detectors/outlier';
import { templateSelects } from './detectors/template';
import { textTable } from './detectors/text-table';
import type { SqlRunner } from './sql';
import type { Kind } from './types';

/** Each kind's detector: staging statements run through `db`, then the SELECTs of its evidence. In this order: blank and jump read copy's findings. */
const DETECTORS: { kinds: Kind[]; run: (db: SqlRunner) => Promise<string[]> | string[] }[] = [
  { kinds: ['identity'], run: identity },
  { kinds: ['carry_over', 'stock'], run: crossYear },
  { kinds: ['copy'], run: copy },
  { kinds: ['template'], run: templateSelects },
  { kinds: ['blank'], run: blank },
  { kinds: ['implausible'], run: implausibleSelects },
  { kinds: ['outlier'], run: outlier },
  { kinds: ['jump'], run: jump },
  { kinds: ['text_table'], run: textTable },
];

export interface DetectOptions {
  /** Called before each detector runs (long runs report progress). */
  onStep?: (kinds: Kind[], index: number, total: number) => void;
}

/** Runs every detector and leaves their findings in the table `anomaly_evidence`. Returns its row count. */
export async function detect(db: SqlRunner, options: DetectOptions = {}): Promise<number> {
  const selects: string[] = [];
  for (const [i, d] of DETECTORS.entries()) {
    options.onStep?.(d.kinds, i, DETECTORS.length);
    selects.push(...(await d.run(db)));
  }
  await db.query(`CREATE OR REPLACE TABLE anomaly_evidence AS ${selects.join('\nUNION ALL\n')}`);
  // the staging tables were only steps on the way
  const staged = await db.query<{ name: string }>(`SELECT table_name AS name FROM duckdb_tables() WHERE table_name LIKE 'anomaly\\_%' ESCAPE '\\' AND table_name NOT IN ('anomaly_evidence', 'anomaly_ordered')`);
  for (const { name } of staged) await db.query(`DROP TABLE IF EXISTS "${name}"`);
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM anomaly_evidence`);
  return Number(n);
}
