// The anomaly detector on the dashboard's engine: the same SQL as the command, run once per session on the whole
// loaded dataset (peers and pairs do not depend on the filters), its findings kept in DuckDB tables that the
// view's queries filter.
import { descriptiveColumnsIn, detect, ORDER_EVIDENCE, type SqlRunner } from '../../../anomalies';
import type { Engine } from '../../../db/engine';

export const engineRunner = (engine: Engine): SqlRunner => ({
  query: <T>(sql: string) => engine.query<T>({ sql, params: [], needs: descriptiveColumnsIn(sql) }),
});

/**
 * anomaly_evidence and anomaly_ordered (see src/anomalies/flags.ts), plus anomaly_flags: one row per report and
 * kind with its severity level and score.
 */
export const FLAGS_TABLE = `CREATE OR REPLACE TABLE anomaly_flags AS
  SELECT report_id, kind, max(severity)::INTEGER AS severity, max(severity + strength) AS score FROM anomaly_evidence GROUP BY report_id, kind`;

const runs = new WeakMap<Engine, Promise<void>>();

/** Runs the detector on the engine's dataset once; later calls wait for the same run. */
export function detected(engine: Engine): Promise<void> {
  let run = runs.get(engine);
  if (!run) {
    const db = engineRunner(engine);
    run = (async () => {
      await detect(db);
      await db.query(ORDER_EVIDENCE);
      await db.query(FLAGS_TABLE);
    })();
    run.catch(() => runs.delete(engine));
    runs.set(engine, run);
  }
  return run;
}
