// copy (内容雷同): a report whose prose or tables are (nearly) those of the same agency's previous report, or of
// another agency's report of the same year and province.
//
// Evidence for a pair of reports: C, how much of the shorter narrative the longer one contains — the containment
// of their 4-character shingles, from the MinHash sketches' Jaccard estimate J and the shingle counts
// (reports.narrative_minhash, narrative_shingles; see fingerprint.ts) — and the number of table cells that differ,
// a blank counted as 0 (each site prints its zeros its own way, and a copier prints them its way). A pair is a copy
// when
//   - C ≥ TEXT_ALONE (honest reports are written from one national template: the most alike honest pair found on
//     the demo panel shares 0.927 of its shingles), or
//   - C ≥ TEXT_WITH_TABLES and the tables differ in at most NEAR_CELLS cells that carry at least MIN_TABLE_BITS
//     of figures (two empty tables agree by chance), or
//   - the tables differ in at most NEAR_CELLS cells and carry at least TABLE_ALONE_BITS of figures — the
//     information Σ log2(1 + |v|) over all cells, about the odds against two honest reports printing them all.
// "Tables nearly the same" also asks that 表二 or 表三 and 表四 together be identical (so that a million pairs of
// one agency's consecutive reports need not be compared cell by cell).
// Candidates: every pair of consecutive reports of one agency; within a year and province, pairs whose sketches
// agree in one of 25 bands of 10 bins (locality-sensitive hashing: a pair sharing 0.8 of its shingles becomes a
// candidate with probability 0.96, two honest reports sharing 0.3 with 0.0006), or whose tables hash alike.
// Who copied whom: for the same agency, the later report. Between two agencies, the report that departs clearly
// more from its own agency's neighbouring years (figures that move beyond counting noise and an agency's ordinary
// year-to-year spread, 上年结转 or 现行有效 that does not follow) is taken for the copier. When neither does (two
// quiet reports with empty tables break with nothing), the pair is ONE flag, one level lower, on the report that
// departs more (the likelier copier; the report id breaks a tie), naming the other as "copies or is copied by":
// a supervisor has one pair to look at, and neither agency is accused of copying on a coin toss.
import { ALL_KEYS, T3_COLUMNS, t3Key } from '../../model/schema';
import { SKETCH_BINS } from '../fingerprint';
import { col, evidence, type SqlRunner } from '../sql';

export const TEXT_ALONE = 0.93;
export const TEXT_WITH_TABLES = 0.9;
export const NEAR_CELLS = 2;
export const MIN_TABLE_BITS = 8;
export const TABLE_ALONE_BITS = 30;
/** Bins per LSH band: a band agrees for a pair sharing J of its shingles with probability (J + (1 − J)/16)^10. */
const BAND_BINS = 10;
const BANDS = Math.floor(SKETCH_BINS / BAND_BINS);
/** A departure from the own series at least this much larger (in noise units) names the copier. */
export const DIRECTION_MARGIN = 1;
/**
 * An agency's volumes move from year to year by more than counting noise: on the demo panel the robust SD of
 * ln(v_y / v_{y−1}) is 0.30–0.36 for figures of 20 and more, where the Poisson part is at most 0.3. Without it a
 * large volume's ordinary change of 20% reads as dozens of noise units (47,464 licences after 34,335 the year
 * before: 43 units by counting noise alone, 1.1 with this spread) and outweighs a copier's jump from 0 to 47,462.
 */
export const YEAR_SPREAD = 0.3;

const VALUES = ALL_KEYS.map((d) => col(d.key));
const T3T4 = ALL_KEYS.filter((d) => d.table !== 't2').map((d) => col(d.key));
const T2 = ALL_KEYS.filter((d) => d.table === 't2').map((d) => col(d.key));
/** Cells compared with a blank as 0: each site prints its zeros its own way, and a copier prints them its way. */
const zero = (c: string) => `coalesce(${c}, 0)`;
const bits = (cols: string[]) => cols.map((c) => `log2(1 + abs(coalesce(${c}, 0)))`).join(' + ');
/** Volumes whose continuity with the agency's own neighbouring years tells the copier from the copied. */
const CONTINUITY = ['t3.new_received.total', 't2.licensing.decisions', 't2.penalty.decisions', 't4.review.total'];
const CARRY = T3_COLUMNS.find((c) => c.key === 'total')!.key;

/** Bins (hex digits) in which two sketches differ, as SQL: per 16-digit chunk, the non-zero nibbles of the XOR. */
const distance = (a: string, b: string) =>
  Array.from({ length: SKETCH_BINS / 16 }, (_, i) => {
    const x = `xor(('0x' || substr(${a}, ${1 + 16 * i}, 16))::UBIGINT, ('0x' || substr(${b}, ${1 + 16 * i}, 16))::UBIGINT)`;
    return `bit_count(((${x} | (${x} >> 1)) | ((${x} | (${x} >> 1)) >> 2)) & ${NIBBLE_LOW_BITS}::UBIGINT)::INTEGER`;
  }).join(' + ');
/** 0x1111111111111111: the low bit of each nibble. */
const NIBBLE_LOW_BITS = '1229782938247303441';

export async function copy(db: SqlRunner): Promise<string[]> {
  await db.query(`CREATE OR REPLACE TABLE anomaly_copy_base AS
    SELECT report_id, agency_id, year, is_real, coalesce(province_code, '') AS province, narrative_minhash AS sketch, narrative_shingles AS shingles,
      hash(${VALUES.map(zero).join(', ')}) AS h_all, hash(${T3T4.map(zero).join(', ')}) AS h_t34, hash(${T2.map(zero).join(', ')}) AS h_t2,
      ${bits(VALUES)} AS info, ${bits(T3T4)} AS info_t34,
      ${CONTINUITY.map((k, i) => `CASE WHEN ${col(k)} < 0 THEN 0 ELSE ${col(k)} END::DOUBLE AS v${i}`).join(', ')},
      ${col(t3Key('carried_over', CARRY))} AS carried_over, ${col(t3Key('carried_forward', CARRY))} AS carried_forward,
      ${['in_force', 'issued', 'repealed'].map((c) => `${col(`t2.normative_docs.${c}`)} AS nd_${c}`).join(', ')}
    FROM reports`);
  // How far each report departs from its own agency's previous and next reports: per volume, the change in units
  // of its noise, counting noise and the year-to-year spread (|Δ ln(1 + v)| / √(1/(1 + v) + 1/(1 + v') + 2σ²)),
  // averaged over the neighbours, plus 2 for each 上年结转 or 现行有效 that does not follow. Blank figures are left
  // out, not read as 0.
  const noise = (x: string, y: string, i: number) =>
    `abs(ln(1 + ${x}.v${i}) - ln(1 + ${y}.v${i})) / sqrt(1 / (1 + ${x}.v${i}) + 1 / (1 + ${y}.v${i}) + ${2 * YEAR_SPREAD ** 2})`;
  const step = (x: string, y: string) => `coalesce(${CONTINUITY.map((_, i) => `coalesce(${noise(x, y, i)}, 0)`).join(' + ')}, 0)`;
  const follows = (later: string, earlier: string) =>
    `coalesce((${later}.carried_over <> ${earlier}.carried_forward)::INTEGER, 0) + coalesce((${later}.nd_in_force <> ${earlier}.nd_in_force + ${later}.nd_issued - ${later}.nd_repealed)::INTEGER, 0)`;
  await db.query(`CREATE OR REPLACE TABLE anomaly_copy_break AS
    SELECT b.report_id, p.report_id IS NOT NULL OR n.report_id IS NOT NULL AS has_history,
      (CASE WHEN p.report_id IS NULL THEN 0 ELSE ${step('b', 'p')} END + CASE WHEN n.report_id IS NULL THEN 0 ELSE ${step('b', 'n')} END)
        / greatest(1, (p.report_id IS NOT NULL)::INTEGER + (n.report_id IS NOT NULL)::INTEGER)
        + 2 * (CASE WHEN p.report_id IS NULL THEN 0 ELSE ${follows('b', 'p')} END + CASE WHEN n.report_id IS NULL THEN 0 ELSE ${follows('n', 'b')} END) AS brk
    FROM anomaly_copy_base b
    LEFT JOIN anomaly_copy_base p ON p.agency_id = b.agency_id AND p.year = b.year - 1
    LEFT JOIN anomaly_copy_base n ON n.agency_id = b.agency_id AND n.year = b.year + 1`);

  const peerJoin = `a.year = b.year AND a.is_real = b.is_real AND a.province = b.province AND a.agency_id <> b.agency_id AND a.report_id < b.report_id`;
  await db.query(`CREATE OR REPLACE TABLE anomaly_copy_bands AS
    SELECT report_id, year, is_real, province, agency_id, band, substr(sketch, 1 + ${BAND_BINS} * band, ${BAND_BINS}) AS value
    FROM anomaly_copy_base, range(${BANDS}) t(band) WHERE sketch IS NOT NULL`);
  // candidate pairs; `tables` marks those whose tables may nearly agree: 表二 or 表三+表四 identical
  await db.query(`CREATE OR REPLACE TABLE anomaly_copy_pairs AS
    SELECT a, b, bool_or(same_agency) AS same_agency, bool_or(tables) AS tables FROM (
      SELECT b.report_id AS a, p.report_id AS b, true AS same_agency, b.h_t2 = p.h_t2 OR b.h_t34 = p.h_t34 AS tables FROM anomaly_copy_base b
        JOIN anomaly_copy_base p ON p.agency_id = b.agency_id AND p.year = b.year - 1 AND p.is_real = b.is_real
      UNION ALL SELECT a.report_id, b.report_id, false, false FROM anomaly_copy_bands a JOIN anomaly_copy_bands b ON ${peerJoin} AND a.band = b.band AND a.value = b.value
      UNION ALL SELECT a.report_id, b.report_id, false, true FROM anomaly_copy_base a JOIN anomaly_copy_base b ON ${peerJoin} AND a.h_all = b.h_all AND a.info >= ${MIN_TABLE_BITS}
      UNION ALL SELECT a.report_id, b.report_id, false, true FROM anomaly_copy_base a JOIN anomaly_copy_base b ON ${peerJoin} AND a.h_t34 = b.h_t34 AND a.info_t34 >= ${MIN_TABLE_BITS})
    GROUP BY a, b`);

  const jaccard = `greatest(0, (1 - (${distance('ba.sketch', 'bb.sketch')}) / ${SKETCH_BINS} - 1 / 16) / (15 / 16))`;
  // the shared text first (cheap), then the differing cells of the pairs that may still be copies
  await db.query(`CREATE OR REPLACE TABLE anomaly_copy_text AS
    SELECT a, b, same_agency, tables, least(ba.info, bb.info) AS info,
      -- no sketch (no narrative, or one too short to compare) is no evidence: DuckDB's least() would skip the NULL and say 1
      CASE WHEN ba.sketch IS NOT NULL AND bb.sketch IS NOT NULL THEN least(1, j * (ba.shingles + bb.shingles) / ((1 + j) * least(ba.shingles, bb.shingles))) END AS contained
    FROM (SELECT p.*, ${jaccard} AS j FROM anomaly_copy_pairs p
      JOIN anomaly_copy_base ba ON ba.report_id = p.a JOIN anomaly_copy_base bb ON bb.report_id = p.b) p
    JOIN anomaly_copy_base ba ON ba.report_id = p.a JOIN anomaly_copy_base bb ON bb.report_id = p.b
    WHERE tables OR contained >= ${TEXT_WITH_TABLES}`);
  await db.query(`CREATE OR REPLACE TABLE anomaly_copy_scored AS
    WITH measured AS (
      SELECT t.*, d.diff, d.diff <= ${NEAR_CELLS} AND t.info >= ${MIN_TABLE_BITS} AS tables_near FROM anomaly_copy_text t
      JOIN (SELECT p.a, p.b, ${VALUES.map((c) => `(${zero(`ra.${c}`)} <> ${zero(`rb.${c}`)})::INTEGER`).join(' + ')} AS diff
        FROM anomaly_copy_text p JOIN reports ra ON ra.report_id = p.a JOIN reports rb ON rb.report_id = p.b) d USING (a, b))
    SELECT *,
      coalesce(contained >= ${TEXT_ALONE} OR (contained >= ${TEXT_WITH_TABLES} AND tables_near), false) AS text_match,
      (tables_near AND info >= ${TABLE_ALONE_BITS}) OR coalesce(contained >= ${TEXT_WITH_TABLES} AND tables_near, false) AS table_match
    FROM measured`);

  // The copier of each copied pair (a copies b); when the direction is unclear, one row for the pair, on the
  // report that departs more from its own years (the report id breaks a tie, so the choice is stable).
  const clear = (x: string, y: string) => `judged AND brk_${x} > brk_${y} + ${DIRECTION_MARGIN}`;
  const likelier = `(brk_a > brk_b OR (brk_a = brk_b AND a > b))`;
  await db.query(`CREATE OR REPLACE TABLE anomaly_copy_found AS
    WITH directed AS (
      SELECT f.*, ka.brk AS brk_a, kb.brk AS brk_b, ka.has_history AND kb.has_history AS judged FROM anomaly_copy_scored f
      JOIN anomaly_copy_break ka ON ka.report_id = f.a JOIN anomaly_copy_break kb ON kb.report_id = f.b
      WHERE text_match OR table_match)
    SELECT a AS copier, b AS source, 'prev' AS direction, * EXCLUDE (a, b) FROM directed WHERE same_agency
    UNION ALL SELECT a, b, 'peer', * EXCLUDE (a, b) FROM directed WHERE NOT same_agency AND ${clear('a', 'b')}
    UNION ALL SELECT b, a, 'peer', * EXCLUDE (a, b) FROM directed WHERE NOT same_agency AND ${clear('b', 'a')}
    UNION ALL SELECT CASE WHEN ${likelier} THEN a ELSE b END, CASE WHEN ${likelier} THEN b ELSE a END, 'mutual', * EXCLUDE (a, b)
      FROM directed WHERE NOT same_agency AND NOT (${clear('a', 'b')} OR ${clear('b', 'a')})`);
  // high when text and tables both match, else medium; a level lower when the data cannot say who copied
  return [`${evidence({
    kind: 'copy', severity: `CASE WHEN text_match AND table_match THEN 3 ELSE 2 END - (direction = 'mutual')::INTEGER`,
    strength: 'greatest(coalesce(contained, 0), 1 - diff / 20)', what: 'direction', cells: "''", ref: 'source', a: 'contained', b: 'diff', c: 'info',
  })} FROM (SELECT copier AS report_id, * FROM anomaly_copy_found)`];
}
