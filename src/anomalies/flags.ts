// Evidence rows → flags, one per report and kind, most serious first, read page by page so a million reports'
// flags never sit in memory at once.
//
// The order (and a flag's `score`): severity level (3 high, 2 medium, 1 low) plus the strength of its strongest
// evidence, a number in [0, 1) that grows with how far the report is from consistent — the relative size of a
// discrepancy, the share of text copied, |z| / 20 for statistics — so every high flag comes before every medium one.
// Ties go by kind (the order of KINDS), agency (code point order), year and report id.
import { describe } from './describe';
import type { SqlRunner } from './sql';
import { KINDS, SEVERITY_NAMES, type Evidence, type Flag, type Relation, type SeverityLevel } from './types';

/** A piece of evidence with what a sentence needs to know about its report and the report it refers to. */
export type EvidenceRow = Evidence & { agency: string; year: number; level: string | null; agency_type: string | null; ref_agency: string | null; ref_year: number | null };

const KIND_ORDER = `CASE e.kind ${KINDS.map((k, i) => `WHEN '${k}' THEN ${i}`).join(' ')} END`;

/** anomaly_evidence joined with the reports, numbered (rn) in the order of the flags. */
export const ORDER_EVIDENCE = `CREATE OR REPLACE TABLE anomaly_ordered AS
  SELECT row_number() OVER (ORDER BY flag_score DESC, kind_order, agency, year, report_id, kind, severity + strength DESC, what, ref) AS rn, *
  FROM (SELECT e.report_id, r.agency, r.year::INTEGER AS year, r.level, r.agency_type, r.agency_id, e.kind, e.severity, e.strength, e.what, e.cells, e.ref,
      x.agency AS ref_agency, x.year::INTEGER AS ref_year, e.a, e.b, e.c,
      max(e.severity + e.strength) OVER (PARTITION BY e.report_id, e.kind) AS flag_score, ${KIND_ORDER} AS kind_order
    FROM anomaly_evidence e JOIN reports r USING (report_id) LEFT JOIN reports x ON x.report_id = e.ref)`;

/** What the evidence's `ref` is to its report: the copy detector says 'mutual' when the direction is unclear. */
const relationOf = (e: EvidenceRow): Relation | null =>
  e.ref == null ? null : e.kind !== 'copy' ? 'previous_year' : e.what === 'mutual' ? 'copies_or_copied_by' : 'copies';

/** The flag of one report and kind from its evidence rows, strongest first. */
export function toFlag(rows: readonly EvidenceRow[]): Flag {
  const top = rows[0];
  const sentences = rows.map(describe);
  return {
    report_id: top.report_id,
    agency: top.agency,
    year: top.year,
    kind: top.kind,
    severity: SEVERITY_NAMES[top.severity as SeverityLevel],
    detail: [...new Set(sentences.map((s) => s.zh))].join('；'),
    detail_en: [...new Set(sentences.map((s) => s.en))].join('; '),
    cells: [...new Set(rows.flatMap((r) => (r.cells ? r.cells.split(',') : [])))],
    score: Math.round((top.severity + top.strength) * 1000) / 1000,
    related_report_id: top.ref,
    relation: relationOf(top),
  };
}

/** Every flag, most serious first (`anomaly_evidence` must exist: see detect). */
export async function* readFlags(db: SqlRunner, pageSize = 20_000): AsyncGenerator<Flag> {
  await db.query(ORDER_EVIDENCE);
  let group: EvidenceRow[] = [];
  for (let start = 1; ; start += pageSize) {
    const rows = await db.query<EvidenceRow>(`SELECT * EXCLUDE (rn, flag_score, kind_order, agency_id) FROM anomaly_ordered WHERE rn >= ${start} AND rn < ${start + pageSize} ORDER BY rn`);
    for (const r of rows) {
      if (group.length && (group[0].report_id !== r.report_id || group[0].kind !== r.kind)) {
        yield toFlag(group);
        group = [];
      }
      group.push({ ...r, severity: Number(r.severity) as SeverityLevel });
    }
    if (rows.length < pageSize) break;
  }
  if (group.length) yield toFlag(group);
}

/** All flags in an array (small datasets, tests). */
export async function allFlags(db: SqlRunner): Promise<Flag[]> {
  const out: Flag[] = [];
  for await (const f of readFlags(db)) out.push(f);
  return out;
}
