// jump: a year-over-year change far beyond the agency's own history and its peers'. For each volume and each pair
// of consecutive years with both figures non-zero, d = ln(v_y) − ln(v_{y−1}). Flagged when d is far out among the
// peers' changes of that year (robust z beyond ±Z_LIMIT, the peers' MAD widened by the counting noise of the two
// figures, Var ln v ≈ 1/v for a Poisson count), at least a factor JUMP_FACTOR, more than twice the
// largest change of the agency's other years (so a level shift stands out, while a one-year spike — two changes
// that cancel — does not), with a change the year before to show the old level (a first year that differs from
// all the rest is a spike as much as a shift), and not on tiny counts (the larger figure at least MIN_VOLUME). Worded as a possible
// change of definition, never as misconduct.
import { MAD_SCALE, MIN_PEERS, PEER_KEYS, Z_LIMIT, evidence, type SqlRunner } from '../sql';
import { MIN_VOLUME, peerStats } from './outlier';

export const JUMP_FACTOR = 3;

const PEERS = PEER_KEYS.join(', ');

export async function jump(db: SqlRunner): Promise<string[]> {
  // anomaly_volumes (outlier.ts) holds every non-zero volume
  await db.query(`CREATE OR REPLACE TABLE anomaly_changes AS
    SELECT * FROM (
      SELECT v.report_id, v.${PEER_KEYS.join(', v.')}, v.year, v.metric, v.v, r.agency_id,
        lag(v.v) OVER w AS before, lag(v.year) OVER w AS before_year, lag(v.report_id) OVER w AS before_id
      FROM anomaly_volumes v JOIN (SELECT report_id, agency_id FROM reports) r USING (report_id)
      WINDOW w AS (PARTITION BY r.agency_id, v.metric ORDER BY v.year))
    WHERE before_year = year - 1`);
  await db.query(`CREATE OR REPLACE TABLE anomaly_change_peers AS ${peerStats('(SELECT *, ln(v) - ln(before) AS d FROM anomaly_changes)', { med: 'median(d)', mad: 'mad(d)' })}`);
  return [`${evidence({
    kind: 'jump', severity: 1, strength: 'abs(z) / 20', what: `'volume:' || metric`, cells: 'metric', ref: 'before_id', a: 'v', b: 'before', c: 'z',
  })} FROM (
      SELECT c.*, d, (d - p.med) / sqrt((${MAD_SCALE} * p.mad) ^ 2 + 1 / v + 1 / before) AS z,
        max(abs(d)) OVER (PARTITION BY agency_id, metric) AS largest,
        count(*) OVER (PARTITION BY agency_id, metric) AS changes,
        lag(c.year) OVER (PARTITION BY agency_id, metric ORDER BY c.year) = c.year - 1 AS has_history,
        -- the largest change of the other years: the second largest when this is the largest
        list_sort(list(abs(d)) OVER (PARTITION BY agency_id, metric), 'DESC')[2] AS second
      FROM (SELECT *, ln(v) - ln(before) AS d FROM anomaly_changes) c
      JOIN anomaly_change_peers p USING (${PEERS}, year, metric)
      WHERE p.n >= ${MIN_PEERS} AND p.mad > 0)
    WHERE abs(z) >= ${Z_LIMIT} AND abs(d) >= ln(${JUMP_FACTOR}) AND greatest(v, before) >= ${MIN_VOLUME}
      AND has_history AND abs(d) = largest AND abs(d) > 2 * second
      -- a report whose figures were copied from another agency (copy.ts ran first) says nothing about its own counting;
      -- when the pair's direction is unclear, either report may be the copy
      AND report_id NOT IN (SELECT copier FROM anomaly_copy_found WHERE direction <> 'prev' UNION ALL SELECT source FROM anomaly_copy_found WHERE direction = 'mutual')`];
}
