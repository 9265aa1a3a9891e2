// text_table: a number the report's prose states ("共收到政府信息公开申请X件", "行政复议X件", reports.prose_facts)
// that differs from its table. A key "a+b" means the prose states the sum of the two cells. A blank table cell
// counts as 0 (the prose "0件" agrees with a blank); in a cut-off report a blank cell is not compared.
import { keyDef } from '../../model/schema';
import { col, evidence, str, type SqlRunner } from '../sql';

export async function textTable(db: SqlRunner): Promise<string[]> {
  await db.query(`CREATE OR REPLACE TABLE anomaly_facts AS
    SELECT report_id, split_part(fact, '=', 1) AS key, TRY_CAST(split_part(fact, '=', 2) AS DOUBLE) AS stated
    FROM (SELECT report_id, unnest(string_split(prose_facts, ';')) AS fact FROM reports WHERE prose_facts IS NOT NULL)`);
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
  })} FROM (SELECT f.report_id, f.key, f.stated, coalesce(${valueOf}, CASE WHEN r.complete THEN 0 END) AS tv
      FROM anomaly_facts f JOIN reports r USING (report_id) WHERE f.key IN (${keys.map(str).join(', ')}))
    WHERE stated IS NOT NULL AND tv IS NOT NULL AND stated <> tv`];
}
