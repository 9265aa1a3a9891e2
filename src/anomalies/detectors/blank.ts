// blank: a table printed entirely blank (every cell empty) or entirely zero, where the agency's peers are not, and
// where the agency would be expected to have something there.
// - All zero: at least ACTIVE_SHARE of the reports of the same level, field and year have a figure there, and the
//   median of the table's main count over the agency's other years (over its peers when it has no other year) is at
//   least ZERO_EXPECTED (a small agency honestly has nothing to report in some years; with 10 expected, a Poisson
//   count is 0 with probability e⁻¹⁰).
// - Blank: at least ACTIVE_SHARE of the peers fill the table in (zeros are an answer, a blank is none: FIELD-NOTES,
//   a blank is not 0), and the agency has had something there in another year (its largest count there is at least
//   1; its peers' median when it has no other year): an omission that may hide figures. Peers whose 表四 is all
//   zero most years do not make a blank 表四 ordinary.
// A report found copied from another agency (copy.ts runs first) is left out: its tables are the other report's.
import { keysFor } from '../../model/schema';
import { HAS_PEERS, LAYOUTS, MIN_PEERS, PEER_KEYS, col, evidence, str, sumOf, type SqlRunner } from '../sql';

const TABLES = ['t2', 't3', 't4'] as const;
export const ACTIVE_SHARE = 0.5;
export const ZERO_EXPECTED = 10;

/** The count that says how much a table has to report. */
const MAIN_COUNT: Record<(typeof TABLES)[number], string[]> = {
  t2: ['t2.licensing.decisions', 't2.penalty.decisions', 't2.coercion.decisions', 't2.normative_docs.issued', 't2.normative_docs.made'],
  t3: ['t3.new_received.total', 't3.carried_over.total'],
  t4: ['t4.review.total', 't4.suit_direct.total', 't4.suit_after_review.total'],
};

const keysOf = (table: string, layout: (typeof LAYOUTS)[number]['layout']) => keysFor(layout).filter((d) => d.table === table).map((d) => d.key);

function stateOf(table: string): string {
  const cases = LAYOUTS.map(({ layout, where }) => {
    const cells = keysOf(table, layout).map(col);
    return `WHEN ${where} THEN CASE WHEN coalesce(${cells.join(', ')}) IS NULL THEN 'blank'
      WHEN coalesce(greatest(${cells.map((c) => `abs(${c})`).join(', ')}), 0) = 0 THEN 'zero' ELSE 'active' END`;
  });
  return `CASE ${cases.join(' ')} END`;
}

const cellsOf = (table: string) => `CASE ${LAYOUTS.map(({ layout, where }) => `WHEN ${where} THEN ${str(keysOf(table, layout).join(','))}`).join(' ')} END`;
const PEERS = PEER_KEYS.join(', ');

export async function blank(db: SqlRunner): Promise<string[]> {
  await db.query(`CREATE OR REPLACE TABLE anomaly_tables AS ${TABLES.map(
    (t) => `SELECT report_id, agency_id, ${PEERS}, year, ${str(t)} AS tbl, ${stateOf(t)} AS state, ${sumOf(MAIN_COUNT[t])} AS count, ${cellsOf(t)} AS cells FROM reports`,
  ).join(' UNION ALL ')}`);
  await db.query(`CREATE OR REPLACE TABLE anomaly_table_peers AS
    SELECT ${PEERS}, year, tbl, count(*) AS n, avg((state = 'active')::INTEGER) AS share, avg((state <> 'blank')::INTEGER) AS filled, median(count) AS median
    FROM anomaly_tables WHERE ${HAS_PEERS} GROUP BY ALL`);
  // the table's main count over the agency's other years, for the empty ones
  await db.query(`CREATE OR REPLACE TABLE anomaly_table_own AS
    SELECT e.report_id, e.tbl, median(o.count) AS median, max(o.count) AS most FROM anomaly_tables e
    JOIN anomaly_tables o ON o.agency_id = e.agency_id AND o.tbl = e.tbl AND o.report_id <> e.report_id
    WHERE e.state <> 'active' GROUP BY ALL`);
  return [`${evidence({ kind: 'blank', severity: 2, strength: 'share', what: `tbl || ':' || state`, cells: 'cells', a: 'share', b: `CASE state WHEN 'blank' THEN most ELSE expected END`, c: 'n' })}
    FROM (SELECT e.*, p.n, CASE e.state WHEN 'blank' THEN p.filled ELSE p.share END AS share, coalesce(own.median, p.median) AS expected,
        coalesce(own.most, p.median) AS most FROM anomaly_tables e
      JOIN anomaly_table_peers p USING (${PEERS}, year, tbl) LEFT JOIN anomaly_table_own own USING (report_id, tbl)
      WHERE e.state <> 'active' AND p.n >= ${MIN_PEERS}
        -- a copied report's tables are the other report's (copy.ts ran first): not this agency's omission
        AND e.report_id NOT IN (SELECT copier FROM anomaly_copy_found WHERE direction <> 'prev' UNION ALL SELECT source FROM anomaly_copy_found WHERE direction = 'mutual'))
    WHERE share >= ${ACTIVE_SHARE} AND CASE state WHEN 'blank' THEN most >= 1 ELSE expected >= ${ZERO_EXPECTED} END`];
}
