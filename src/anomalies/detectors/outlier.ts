// outlier: a volume or a rate far from the report's peers (same real/synthetic source, level, field and year;
// the same level and field over all years when a year has fewer than MIN_PEERS).
// - Volumes, on a log scale: robust z = (ln v − median ln v) / (1.4826 · MAD ln v) over the peers with a non-zero
//   figure; flagged above +Z_LIMIT and never on tiny counts (at least MIN_VOLUME). Only high volumes: a volume
//   far below the peers' is most often a small agency or licensing moved to a 行政审批局, and an empty table is
//   the blank detector's. The z is taken net of the agency's place (MIN_PLACE below).
// - Rates, as a funnel plot (Spiegelhalter 2005): the peer rate p0 (median of the peers' rates) and binomial
//   limits on the arcsine scale, asin √p0 ± z·√(1/(4n) + τ²), whose additive term τ² is the peers' over-dispersion
//   (estimated from the median |z|, so the outliers themselves do not widen it); flagged beyond ±Z_LIMIT with a
//   denominator of at least MIN_DENOMINATOR and at least MIN_EXCESS cases away from what the peer rate predicts.
import { t3Key, t4Key } from '../../model/schema';
import { HAS_PEERS, MAD_SCALE, MIN_PEERS, PEER_KEYS, Z_LIMIT, col, evidence, str, sumOf, type SqlRunner } from '../sql';

export const MIN_VOLUME = 20;
/**
 * A place's agencies of one level share how the place is organised: where licensing is not concentrated in a
 * 行政审批服务局 (相对集中行政许可权), every department of the place licenses more than its peers elsewhere. A volume
 * is compared with its peers after the place's own shift (the median z of the place's agencies of that level, when
 * it has at least MIN_PLACE of them and the shift is upward), so a whole place standing high flags none of its
 * agencies and one agency standing out in its place still does.
 */
export const MIN_PLACE = 5;
const PLACE = 'coalesce(county_code, city_code, province_code)';
export const MIN_DENOMINATOR = 10;
export const MIN_EXCESS = 5;

/** The volumes compared (the Licensing view's and the Overview's headline counts). */
export const VOLUME_KEYS = ['t3.new_received.total', 't2.licensing.decisions', 't2.penalty.decisions', 't2.coercion.decisions'];

const DENIED = ['state_secret', 'law_forbidden', 'security_stability', 'third_party', 'internal_affairs', 'process_info', 'enforcement_file', 'admin_query'];
interface Rate {
  id: string;
  num: string[];
  den: string[];
  /** Subtracted from the denominator (尚未审结 for correction rates). */
  less?: string[];
  /** Which side is a problem: 'both', or 'high' only (其他处理 overused). */
  side: 'both' | 'high';
}
/** The rates FIELD-NOTES says people quote, plus 其他处理's share ("heavy use of it is a signal"). */
export const RATES: readonly Rate[] = [
  { id: 'share_granted', num: [t3Key('granted', 'total'), t3Key('partial', 'total')], den: [t3Key('total', 'total')], side: 'both' },
  { id: 'share_other', num: [t3Key('other', 'total')], den: [t3Key('total', 'total')], side: 'high' },
  { id: 'share_denied', num: DENIED.map((r) => t3Key(`denied.${r}`, 'total')), den: [t3Key('total', 'total')], side: 'high' },
  { id: 'review_correction', num: [t4Key('review', 'corrected')], den: [t4Key('review', 'total')], less: [t4Key('review', 'pending')], side: 'both' },
  {
    id: 'suit_correction', num: ['suit_direct', 'suit_after_review'].map((b) => t4Key(b, 'corrected')),
    den: ['suit_direct', 'suit_after_review'].map((b) => t4Key(b, 'total')), less: ['suit_direct', 'suit_after_review'].map((b) => t4Key(b, 'pending')), side: 'both',
  },
];

const PEERS = PEER_KEYS.join(', ');

/**
 * Peer statistics for every (peers, year, metric) that occurs: the year's own group when it has MIN_PEERS members,
 * else all years of the peers (`scope` is the year, or null for all years), so thin years still get a reference.
 */
export function peerStats(source: string, aggregates: Record<string, string>, where = ''): string {
  const list = Object.entries(aggregates).map(([name, e]) => `${e} AS ${name}`).join(', ');
  const pick = (name: string) => `CASE WHEN y.n >= ${MIN_PEERS} THEN y.${name} ELSE a.${name} END AS ${name}`;
  return `WITH by_year AS (SELECT ${PEERS}, year, metric, count(*) AS n, ${list} FROM ${source} WHERE ${HAS_PEERS} ${where} GROUP BY ALL),
    all_years AS (SELECT ${PEERS}, metric, count(*) AS n, ${list} FROM ${source} WHERE ${HAS_PEERS} ${where} GROUP BY ALL)
    SELECT ${PEER_KEYS.map((k) => `y.${k}`).join(', ')}, y.year, y.metric, CASE WHEN y.n >= ${MIN_PEERS} THEN y.year END AS scope,
      ${['n', ...Object.keys(aggregates)].map(pick).join(', ')}
    FROM by_year y JOIN all_years a USING (${PEERS}, metric)`;
}

export async function outlier(db: SqlRunner): Promise<string[]> {
  const descr = `report_id, ${PEERS}, year`;
  await db.query(`CREATE OR REPLACE TABLE anomaly_volumes AS ${VOLUME_KEYS.map((k) => `SELECT ${descr}, ${PLACE} AS place, ${str(k)} AS metric, ${col(k)}::DOUBLE AS v FROM reports WHERE ${col(k)} > 0`).join(' UNION ALL ')}`);
  await db.query(`CREATE OR REPLACE TABLE anomaly_volume_peers AS ${peerStats('anomaly_volumes', { med: 'median(ln(v))', mad: 'mad(ln(v))' })}`);
  const volumes = `${evidence({
    kind: 'outlier', severity: 1, strength: 'abs(z) / 20', what: `'volume:' || metric`, cells: 'metric', a: 'v', b: 'exp(med)', c: 'z',
  })} FROM (SELECT *, z_peers - CASE WHEN place IS NOT NULL AND count(*) OVER place >= ${MIN_PLACE} THEN greatest(0, median(z_peers) OVER place) ELSE 0 END AS z
      FROM (SELECT v.*, p.med, (ln(v.v) - p.med) / (${MAD_SCALE} * p.mad) AS z_peers FROM anomaly_volumes v JOIN anomaly_volume_peers p USING (${PEERS}, year, metric)
        WHERE p.n >= ${MIN_PEERS} AND p.mad > 0)
      WINDOW place AS (PARTITION BY is_real, level, place, year, metric))
    WHERE z >= ${Z_LIMIT} AND v >= ${MIN_VOLUME}`;

  await db.query(`CREATE OR REPLACE TABLE anomaly_rates AS ${RATES.map((r) => {
    const den = r.less ? `(${sumOf(r.den)}) - (${sumOf(r.less)})` : sumOf(r.den);
    return `SELECT ${descr}, ${str(r.id)} AS metric, (${sumOf(r.num)})::DOUBLE AS num, (${den})::DOUBLE AS den, ${str(r.side)} AS side, ${str([...r.num, ...r.den].join(','))} AS cells FROM reports`;
  }).join(' UNION ALL ')}`);
  const eligible = `AND den >= ${MIN_DENOMINATOR} AND num >= 0 AND num <= den`;
  // p0: the peers' median rate. Rates are compared on the variance-stabilising scale y = asin √p (Anscombe's
  // (x + 3/8) / (n + 3/4)), where a binomial proportion has variance 1/(4n) whatever p0 — the normal limits of
  // the raw proportion are far too narrow in the upper tail when n·p0 is small. Each report's z around p0 then
  // gives the peers' over-dispersion τ² on that scale.
  await db.query(`CREATE OR REPLACE TABLE anomaly_rate_peers AS ${peerStats('anomaly_rates', { p0: 'median(num / den)' }, eligible)}`);
  await db.query(`CREATE OR REPLACE TABLE anomaly_rate_z AS
    SELECT r.*, p.p0, p.n, p.scope, asin(sqrt((r.num + 0.375) / (r.den + 0.75))) - asin(sqrt(p.p0)) AS dy, 4 * r.den AS w
    FROM anomaly_rates r JOIN anomaly_rate_peers p USING (${PEERS}, year, metric)
    WHERE p.n >= ${MIN_PEERS} AND p.p0 > 0 AND p.p0 < 1 ${eligible}`);
  // τ² = max(0, (N·φ − (N − 1)) / (Σw − Σw²/Σw)) with φ = (median |z| / 0.6745)², z = dy·√w (DerSimonian–Laird form)
  await db.query(`CREATE OR REPLACE TABLE anomaly_rate_tau AS
    SELECT ${PEERS}, scope, metric, greatest(0, (count(*) * (median(abs(dy * sqrt(w))) / 0.6745) ^ 2 - (count(*) - 1)) / (sum(w) - sum(w * w) / sum(w))) AS tau2
    FROM anomaly_rate_z GROUP BY ALL`);
  const rates = `${evidence({
    kind: 'outlier', severity: 1, strength: 'abs(z) / 20', what: `'rate:' || metric`, cells: 'cells', a: 'num / den', b: 'p0', c: 'z',
  })} FROM (SELECT r.*, r.dy / sqrt(1 / r.w + t.tau2) AS z
      FROM anomaly_rate_z r JOIN anomaly_rate_tau t ON ${PEER_KEYS.map((k) => `t.${k} = r.${k}`).join(' AND ')} AND t.metric = r.metric AND t.scope IS NOT DISTINCT FROM r.scope)
    WHERE abs(num - den * p0) >= ${MIN_EXCESS} AND (z >= ${Z_LIMIT} OR (side = 'both' AND z <= -${Z_LIMIT}))`;
  return [volumes, rates];
}
