// copy (内容雷同): a report whose prose or tables are (nearly) those of the same agency's previous report, or of
// another agency's report of the same year and province.
//
// Evidence for a pair of reports: J, the Jaccard similarity of their narratives' 4-character shingles estimated
// from the MinHash sketches (reports.narrative_minhash, see fingerprint.ts), and the number of table cells that
// differ. A pair is a copy when
//   - J ≥ TEXT_ALONE (honest reports written from the national template share up to ~0.65 of their shingles), or
//   - J ≥ TEXT_WITH_TABLES and the tables differ in at most NEAR_CELLS cells that carry at least MIN_TABLE_BITS
//     of figures (two empty tables agree by chance), or
//   - the tables differ in at most NEAR_CELLS cells (a blank equal to 0) and carry at least TABLE_ALONE_BITS of figures — the
//     information Σ log2(1 + |v|) over all cells, about the odds against two honest reports printing them all.
// Candidates: every pair of consecutive reports of one agency; within a year and province, pairs whose sketches
// agree in one of 16 bands of 16 bits (certain to catch J ≥ 0.85, LSH), or whose tables hash alike.
// Who copied whom: for the same agency, the later report. Between two agencies, the report that departs more from
// its own agency's neighbouring years (figures that jump, 上年结转 or 现行有效 that does not follow) is taken for
// the copier; when both depart equally, or one has no neighbouring year, both are flagged ("one copies the other").
import { ALL_KEYS, T3_COLUMNS, t3Key } from '../../model/schema';
import { SKETCH_BITS } from '../fingerprint';
import { col, evidence, type SqlRunner } from '../sql';

export const TEXT_ALONE = 0.85;
export const TEXT_WITH_TABLES = 0.7;
export const NEAR_CELLS = 2;
export const MIN_TABLE_BITS = 8;
export const TABLE_ALONE_BITS = 30;
const BANDS = 16;
const BAND_HEX = SKETCH_BITS / 4 / BANDS;

const VALUES = ALL_KEYS.map((d) => col(d.key));
const T3T4 = ALL_KEYS.filter((d) => d.table !== 't2').map((d) => col(d.key));
/** Cells compared with a blank as 0: each site prints its zeros its own way, and a copier prints them its way. */
const zero = (c: string) => `coalesce(${c}, 0)`;
const bits = (cols: string[]) => cols.map((c) => `log2(1 + abs(coalesce(${c}, 0)))`).join(' + ');
/** Volumes whose continuity with the agency's own neighbouring years tells the copier from the copied. */
const CONTINUITY = ['t3.new_received.total', 't2.licensing.decisions', 't2.penalty.decisions', 't4.review.total'];
const CARRY = T3_COLUMNS.find((c) => c.key === 'total')!.key;

/** Differing bits of two 64-hex-digit sketches, as SQL. */
const distance = (a: string, b: string) =>
  Array.from({ length: SKETCH_BITS / 64 }, (_, i) => `bit_count(xor(('0x' || substr(${a}, ${1 + 16 * i}, 16))::UBIGINT, ('0x' || substr(${b}, ${1 + 16 * i}, 16))::UBIGINT))::INTEGER`).join(' + ');

export async function copy(db: SqlRunner): Promise<string[]> {
  await db.query(`CREATE OR REPLACE TABLE anomaly_copy_base AS
    SELECT report_id, agency_id, year, is_real, coalesce(province_code, '') AS province, narrative_minhash AS sketch,
      hash(${VALUES.map(zero).join(', ')}) AS h_all, hash(${T3T4.map(zero).join(', ')}) AS h_t34, ${bits(VALUES)} AS info, ${bits(T3T4)} AS info_t34,
      ${CONTINUITY.map((k, i) => `ln(1 + greatest(0, coalesce(${col(k)}, 0))) AS v${i}`).join(', ')},
      ${col(t3Key('carried_over', CARRY))} AS carried_over, ${col(t3Key('carried_forward', CARRY))} AS carried_forward,
      ${['in_force', 'issued', 'repealed'].map((c) => `${col(`t2.normative_docs.${c}`)} AS nd_${c}`).join(', ')}
    FROM reports`);
  // how far each report departs from its own agency's previous and next reports
  const step = (x: string, y: string) => `${CONTINUITY.map((_, i) => `abs(${x}.v${i} - ${y}.v${i})`).join(' + ')}`;
  await db.query(`CREATE OR REPLACE TABLE anomaly_copy_break AS
    SELECT b.report_id,
      (coalesce(${step('b', 'p')}, 0) + coalesce(${step('b', 'n')}, 0)) / greatest(1, (p.report_id IS NOT NULL)::INTEGER + (n.report_id IS NOT NULL)::INTEGER)
        + (b.carried_over IS DISTINCT FROM p.carried_forward AND p.report_id IS NOT NULL)::INTEGER
        + (n.carried_over IS DISTINCT FROM b.carried_forward AND n.report_id IS NOT NULL)::INTEGER
        + coalesce((b.nd_in_force <> p.nd_in_force + b.nd_issued - b.nd_repealed)::INTEGER, 0)
        + coalesce((n.nd_in_force <> b.nd_in_force + n.nd_issued - n.nd_repealed)::INTEGER, 0) AS brk,
      p.report_id IS NOT NULL OR n.report_id IS NOT NULL AS has_history
    FROM anomaly_copy_base b
    LEFT JOIN anomaly_copy_base p ON p.agency_id = b.agency_id AND p.year = b.year - 1
    LEFT JOIN anomaly_copy_base n ON n.agency_id = b.agency_id AND n.year = b.year + 1`);

  const peerJoin = `a.year = b.year AND a.is_real = b.is_real AND a.province = b.province AND a.agency_id <> b.agency_id AND a.report_id < b.report_id`;
  await db.query(`CREATE OR REPLACE TABLE anomaly_copy_bands AS
    SELECT report_id, year, is_real, province, agency_id, band, substr(sketch, 1 + ${BAND_HEX} * band, ${BAND_HEX}) AS value
    FROM anomaly_copy_base, range(${BANDS}) t(band) WHERE sketch IS NOT NULL`);
  await db.query(`CREATE OR REPLACE TABLE anomaly_copy_pairs AS
    SELECT DISTINCT a, b, same_agency FROM (
      SELECT b.report_id AS a, p.report_id AS b, true AS same_agency FROM anomaly_copy_base b
        JOIN anomaly_copy_base p ON p.agency_id = b.agency_id AND p.year = b.year - 1 AND p.is_real = b.is_real
      UNION ALL SELECT a.report_id, b.report_id, false FROM anomaly_copy_bands a JOIN anomaly_copy_bands b ON ${peerJoin} AND a.band = b.band AND a.value = b.value
      UNION ALL SELECT a.report_id, b.report_id, false FROM anomaly_copy_base a JOIN anomaly_copy_base b ON ${peerJoin} AND a.h_all = b.h_all AND a.info >= ${MIN_TABLE_BITS}
      UNION ALL SELECT a.report_id, b.report_id, false FROM anomaly_copy_base a JOIN anomaly_copy_base b ON ${peerJoin} AND a.h_t34 = b.h_t34 AND a.info_t34 >= ${MIN_TABLE_BITS})`);

  await db.query(`CREATE OR REPLACE TABLE anomaly_copy_scored AS
    SELECT *,
      (jaccard >= ${TEXT_ALONE} OR (jaccard >= ${TEXT_WITH_TABLES} AND tables_near)) AS text_match,
      (tables_near AND info >= ${TABLE_ALONE_BITS}) OR (jaccard >= ${TEXT_WITH_TABLES} AND tables_near) AS table_match
    FROM (
      SELECT p.a, p.b, p.same_agency, 1 - 2 * (${distance('ba.sketch', 'bb.sketch')}) / ${SKETCH_BITS} AS jaccard, d.diff,
        least(ba.info, bb.info) AS info, d.diff <= ${NEAR_CELLS} AND least(ba.info, bb.info) >= ${MIN_TABLE_BITS} AS tables_near
      FROM anomaly_copy_pairs p
      JOIN anomaly_copy_base ba ON ba.report_id = p.a JOIN anomaly_copy_base bb ON bb.report_id = p.b
      JOIN (SELECT p.a, p.b, ${VALUES.map((c) => `(${zero(`ra.${c}`)} <> ${zero(`rb.${c}`)})::INTEGER`).join(' + ')} AS diff
        FROM anomaly_copy_pairs p JOIN reports ra ON ra.report_id = p.a JOIN reports rb ON rb.report_id = p.b) d ON d.a = p.a AND d.b = p.b)
    WHERE coalesce(jaccard >= ${TEXT_WITH_TABLES}, false) OR (diff <= ${NEAR_CELLS} AND info >= ${MIN_TABLE_BITS})`);

  // The copier of each copied pair (a copies b), both ways when the direction is unclear.
  await db.query(`CREATE OR REPLACE TABLE anomaly_copy_found AS
    WITH found AS (SELECT * FROM anomaly_copy_scored WHERE coalesce(text_match, false) OR table_match),
    directed AS (
      SELECT f.*, ka.brk AS brk_a, kb.brk AS brk_b, ka.has_history AND kb.has_history AS judged FROM found f
      JOIN anomaly_copy_break ka ON ka.report_id = f.a JOIN anomaly_copy_break kb ON kb.report_id = f.b)
    SELECT a AS copier, b AS source, 'prev' AS direction, * EXCLUDE (a, b) FROM directed WHERE same_agency
    UNION ALL SELECT a, b, 'peer', * EXCLUDE (a, b) FROM directed WHERE NOT same_agency AND judged AND brk_a > brk_b + 1e-9
    UNION ALL SELECT b, a, 'peer', * EXCLUDE (a, b) FROM directed WHERE NOT same_agency AND judged AND brk_b > brk_a + 1e-9
    UNION ALL SELECT a, b, 'mutual', * EXCLUDE (a, b) FROM directed WHERE NOT same_agency AND NOT (judged AND (brk_a > brk_b + 1e-9 OR brk_b > brk_a + 1e-9))
    UNION ALL SELECT b, a, 'mutual', * EXCLUDE (a, b) FROM directed WHERE NOT same_agency AND NOT (judged AND (brk_a > brk_b + 1e-9 OR brk_b > brk_a + 1e-9))`);
  return [`${evidence({
    kind: 'copy', severity: 'CASE WHEN coalesce(text_match, false) AND table_match THEN 3 ELSE 2 END',
    strength: 'greatest(coalesce(jaccard, 0), 1 - diff / 20)', what: 'direction', cells: "''", ref: 'source', a: 'jaccard', b: 'diff', c: 'info',
  })} FROM (SELECT copier AS report_id, * FROM anomaly_copy_found)`];
}
