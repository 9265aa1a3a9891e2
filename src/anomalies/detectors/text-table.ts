// text_table: a number the report's prose states ("共收到政府信息公开申请X件", "行政复议X件", reports.prose_facts)
// that differs from its table. A key "a+b" means the prose states the sum of the two cells. A blank table cell
// counts as 0 (the prose "0件" agrees with a blank); in a cut-off report a blank cell is not compared. When the
// prose states several numbers for one key, one that agrees with the table clears it: the others are most often
// about something else ("受理群众诉求259起" beside "收到政府信息公开申请23件").
import { keyDef } from '../../model/schema';
import { col, evidence, str, type SqlRunner } from '../sql';

export async function textTable(db: SqlRunner): Promise<string[]> {
  await db.query(`CREATE OR REPLACE TABLE anomaly_facts AS
    SELECT report_id, split_part(fact, '=', 1) AS key, TRY_CAST(split_part(fact, '=', 2) AS DOUBLE) AS stated, position
    FROM (SELECT report_id, unnest(facts) AS fact, unnest(range(len(facts))) AS position
      FROM (SELECT report_id, string_split(prose_facts, ';') AS facts FROM reports WHERE prose_facts IS NOT NULL))`);
  // the keys the prose speaks about decide which cells are read: only keys of the schema become SQL
  const keys = (await db.query<{ key: string }>(`SELECT DISTINCT key FROM anomaly_facts ORDER BY key`))
    .map((r) => r.key)
    .filter((k) => k.split('+').every((p) => keyDef(p)));
  if (!keys.length) return [];
  const table = (key: string) => {
    const parts = key.split('+').map(col);
    return `CASE WHEN coalesce(${parts.join(', ')}) IS NULL THEN NULL ELSE ${parts.map((p) => `coalesce(${p}, 0)`).join(' + ')} END`;
  };
  const valueOf = `CASE f.key ${keys.map((k) => `WHEN ${str(k)} THEN ${table(k)}`).join(' ')} END`;
  return [`${evidence({
    kind: 'text_table', severity: 2, strength: 'abs(stated - tv) / greatest(1, stated, tv)', what: 'key', cells: `replace(key, '+', ',')`, a: 'stated', b: 'tv',
  })} FROM (SELECT report_id, key, tv, arg_min(stated, position) AS stated FROM (
        SELECT f.report_id, f.key, f.stated, f.position, coalesce(${valueOf}, CASE WHEN r.complete THEN 0 END) AS tv
        FROM anomaly_facts f JOIN reports r USING (report_id) WHERE f.key IN (${keys.map(str).join(', ')}) AND f.stated IS NOT NULL)
      WHERE tv IS NOT NULL GROUP BY report_id, key, tv HAVING bool_and(stated <> tv))`];
}
