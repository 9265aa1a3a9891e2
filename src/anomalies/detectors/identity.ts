// identity: a check of SCHEMA.md that fails inside the report (src/model/checks.ts, the same definitions the
// parser runs). Blanks count as 0, as in the parser's checks. But "a blank total is not 0": when blank cells sit on
// the side that comes out short, filling them could make the check hold, so the failure is an omission (medium
// severity, "空白"); printed figures that contradict each other are high. Only reports the parser found failing are
// recomputed (checks_failed > 0), and in a cut-off report a check over a blank cell is skipped: there a null may be
// a cell the source does not hold.
import { checksFor } from '../../model/checks';
import { keysFor } from '../../model/schema';
import { LAYOUTS, col, evidence, str, sumOf, type SqlRunner } from '../sql';

const CHECKED_KEYS = [...new Set(LAYOUTS.flatMap(({ layout }) => keysFor(layout).filter((d) => d.table !== 't2').map((d) => d.key)))];

export async function identity(db: SqlRunner): Promise<string[]> {
  await db.query(`CREATE OR REPLACE TABLE anomaly_failing AS
    SELECT report_id, template, other_split, complete, ${CHECKED_KEYS.map(col).join(', ')} FROM reports WHERE checks_failed > 0`);
  const selects: string[] = [];
  for (const { layout, where } of LAYOUTS) {
    for (const def of checksFor(layout, true)) {
      const cells = [...def.left, ...def.right];
      selects.push(`${evidence({
        kind: 'identity',
        severity: 'CASE WHEN (l < r AND blank_left) OR (r < l AND blank_right) THEN 2 ELSE 3 END',
        strength: 'abs(l - r) / greatest(1, abs(l), abs(r))',
        what: str(def.id),
        cells: str(cells.join(',')),
        a: 'l',
        b: 'r',
        c: 'blanks',
      })} FROM (SELECT report_id, ${sumOf(def.left)} AS l, ${sumOf(def.right)} AS r,
          ${def.left.map((k) => `${col(k)} IS NULL`).join(' OR ')} AS blank_left, ${def.right.map((k) => `${col(k)} IS NULL`).join(' OR ')} AS blank_right,
          ${cells.map((k) => `(${col(k)} IS NULL)::INTEGER`).join(' + ')} AS blanks
        FROM anomaly_failing WHERE ${where} AND (complete OR ${cells.map((k) => `${col(k)} IS NOT NULL`).join(' AND ')}))
      WHERE abs(l - r) > 1e-6 * greatest(1, abs(r))`);
    }
  }
  return selects;
}
