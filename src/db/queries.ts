// Every query the views run, as pure functions of the state: the views draw what these return, the CSV exports
// write it, and the tests run them through the same engine. Blank cells count as 0 in sums (the UI says so).
import type { AdminLevel } from '../model/dataset';
import { APPLICANT_COLUMNS, T4_BLOCKS, T4_OUTCOMES, columnName, t3Key, t4Key } from '../model/schema';
import { agencyConditions, reportConditions, whereReports, YEAR_MAX, YEAR_MIN, type Filters } from './filters';
import { aggExpr, metric, rowExpr, RATES, type Metric } from './metrics';
import { bindList, ident, joinQueries, sql, type Query } from './sql';

const col = (key: string) => `"${columnName(key)}"`;
const sum = (key: string) => `sum(${col(key)})::DOUBLE`;
/** Σ of several keys over a group, blanks as 0 (sums of columns: cheaper than a sum of per-row expressions). */
const sums = (keys: string[]) => `(${keys.map((k) => `coalesce(sum(${col(k)}), 0)`).join(' + ')})::DOUBLE`;
const rate = (id: string) => aggExpr(RATES.find((r) => r.id === id)!);
const T3_TOTAL_ROWS = {
  granted: ['granted'],
  partial: ['partial'],
  denied: ['state_secret', 'law_forbidden', 'security_stability', 'third_party', 'internal_affairs', 'process_info', 'enforcement_file', 'admin_query'].map((r) => `denied.${r}`),
  unable: ['not_held', 'needs_creation', 'unclear'].map((r) => `unable.${r}`),
  not_processed: ['complaint', 'duplicate', 'publication', 'excessive', 'confirmation'].map((r) => `not_processed.${r}`),
  other: ['other'],
};
/** Outcome rows of 表三 in the composition chart: each denial reason on its own, the other groups summed. */
export const OUTCOME_PARTS: { id: string; rows: string[] }[] = [
  { id: 'granted', rows: T3_TOTAL_ROWS.granted },
  { id: 'partial', rows: T3_TOTAL_ROWS.partial },
  ...T3_TOTAL_ROWS.denied.map((r) => ({ id: r, rows: [r] })),
  { id: 'unable', rows: T3_TOTAL_ROWS.unable },
  { id: 'not_processed', rows: T3_TOTAL_ROWS.not_processed },
  { id: 'other', rows: T3_TOTAL_ROWS.other },
];

// ---------------------------------------------------------------- rollup tables
//
// The views' yearly and per-group figures are sums and counts under the global filters, so they can be answered
// from `reports_rollup`: one row per (year, template, split, real, level, field, province) holding the count of
// reports `n` and the sum of each value column asked for (a sum of sums skips blanks as a sum does). Thousands of
// rows instead of a million. The city and county filters are not among its keys: under them the question goes to
// `reports`. Distinct agencies cannot be summed: `agency_masks` holds one row per agency (and place, level and
// field) with a bit for each (year, template kind, real state) it has a report in, so "agencies with a report
// under the filters" is a bitwise AND over one row per agency. Built by the engine in the background.

/** How a question counts reports: rows of `reports`, or the `n` of the rollup's rows. */
interface Grain {
  from: string;
  n: string;
}
const RAW: Grain = { from: 'reports', n: 'count(*)' };
const ROLLUP: Grain = { from: 'reports_rollup', n: 'sum(n)' };
const ROLLUP_KEYS = ['year', 'template', 'other_split', 'is_real', 'level', 'agency_type', 'province_code'];
const count = (g: Grain, where?: string) => `coalesce(${g.n}${where ? ` FILTER (WHERE ${where})` : ''}, 0)::INTEGER`;

export const rollupTable = (columns: string[]) =>
  `CREATE OR REPLACE TABLE reports_rollup AS SELECT ${ROLLUP_KEYS.join(', ')}, count(*) AS n${columns.map((c) => `, sum(${ident(c)}) AS ${ident(c)}`).join('')}
    FROM reports GROUP BY ALL`;

const TEMPLATE_KINDS = { '2019': 0, '2021': 1, hybrid: 2 } as const;
const MASK_BIT = `(year - ${YEAR_MIN}) * 12
  + 3 * CASE WHEN template = '2019' THEN 0 WHEN template = '2021' AND other_split THEN 1 WHEN template = '2021' AND NOT other_split THEN 2 ELSE 3 END
  + CASE WHEN is_real THEN 0 WHEN NOT is_real THEN 1 ELSE 2 END`;

/** Agencies are numbered (a distinct count of integers is several times cheaper than one of agency_id strings). */
export const agencyMasksTable = () =>
  `CREATE OR REPLACE TABLE agency_masks AS SELECT (dense_rank() OVER (ORDER BY agency_id))::INTEGER AS agency, * EXCLUDE (agency_id) FROM (
    SELECT agency_id, level, agency_type, province_code, city_code, county_code, bit_or(1::HUGEINT << (${MASK_BIT})) AS mask
    FROM reports WHERE year BETWEEN ${YEAR_MIN} AND ${YEAR_MAX} GROUP BY ALL)`;

/** The bits of agency_masks the filters' years, template and real state select (null: years outside the masks). */
export function filterMask(f: Filters): string | null {
  const [lo, hi] = [Math.min(f.from, f.to), Math.max(f.from, f.to)];
  if (lo < YEAR_MIN || hi > YEAR_MAX) return null;
  const kinds = f.template ? [TEMPLATE_KINDS[f.template]] : [0, 1, 2, 3];
  const reals = f.real === 'real' ? [0] : f.real === 'synthetic' ? [1] : [0, 1, 2];
  let mask = 0n;
  for (let y = lo; y <= hi; y++) for (const k of kinds) for (const r of reals) mask |= 1n << BigInt((y - YEAR_MIN) * 12 + k * 3 + r);
  return mask.toString();
}

/** A question over `reports`, with its rollup twin when the filters allow one. */
function summed(f: Filters, make: (g: Grain) => Query): Query {
  const q = make(RAW);
  return f.city || f.county ? q : { ...q, rollup: make(ROLLUP) };
}

// ---------------------------------------------------------------- data composition (real / synthetic)

export const composition = (f: Filters): Query => ({
  ...summed(f, (g) => sql`SELECT ${count(g)} AS reports, ${count(g, 'is_real')} AS real_reports FROM ${g.from} ${whereReports(f)}`),
  priority: 'low',
});

// ---------------------------------------------------------------- overview

const overviewColumns = (g: Grain) => `${count(g)} AS reports, ${count(g, 'is_real')} AS real_reports,
    ${count(g, 'NOT is_real')} AS synthetic_reports,
    ${sum(t3Key('new_received', 'total'))} AS received,
    ${sum(t3Key('total', 'total'))} AS handled,
    ${sum(t3Key('carried_forward', 'total'))} AS carried_forward,
    ${rate('rate.share_granted')} AS granted,
    ${rate('rate.review_correction')} AS review,
    ${rate('rate.suit_correction')} AS suit,
    ${sum('t2.licensing.decisions')} AS licensing`;

/** The overview's charts: one row per year (one scan; GROUPING SETS with the totals was several times slower). */
export const overviewByYear = (f: Filters): Query =>
  summed(f, (g) => sql`SELECT year, ${overviewColumns(g)} FROM ${g.from} ${whereReports(f)} GROUP BY year ORDER BY year`);

/** The overview's headline figures over the whole range, with the number of distinct agencies. */
export function overviewTotals(f: Filters): Query {
  const q: Query = { ...sql`SELECT ${overviewColumns(RAW)}, count(DISTINCT agency_id)::INTEGER AS agencies FROM reports ${whereReports(f)}`, needs: ['agency_id'] };
  const mask = filterMask(f);
  if (f.city || f.county || mask === null) return q;
  const agencies = [{ sql: 'mask & ?::HUGEINT <> 0', params: [mask] }, ...agencyConditions(f)];
  return {
    ...q,
    rollup: sql`SELECT * FROM (SELECT ${overviewColumns(ROLLUP)} FROM reports_rollup ${whereReports(f)}),
      (SELECT count(DISTINCT agency)::INTEGER AS agencies FROM agency_masks WHERE ${joinQueries(agencies, ' AND ')})`,
  };
}

// ---------------------------------------------------------------- agencies (search, compare, profile)

export const agencyList = (f: Filters): Query => {
  const conds = [
    ...(f.real === 'both' ? [] : [{ sql: 'is_real = ?', params: [f.real === 'real'] }]),
  ];
  return sql`SELECT agency_id, agency, level, agency_type, province, city, county, is_real, first_year, last_year, reports
    FROM agencies ${conds.length ? sql`WHERE ${joinQueries(conds, ' AND ')}` : ''} ORDER BY agency`;
};

/** The metric for chosen agencies, year by year. Region, level and field filters do not hide a chosen agency. */
export function compareSeries(f: Filters, m: Metric, agencyIds: string[]): Query {
  const conds = reportConditions({ ...f, province: null, city: null, county: null, level: null, field: null });
  return {
    ...sql`SELECT r.agency_id, a.agency, r.year, ${aggExpr(m)} AS value FROM reports r JOIN agencies a USING (agency_id)
      WHERE ${joinQueries(conds, ' AND ')} AND r.agency_id IN (${bindList(agencyIds)})
      GROUP BY ALL ORDER BY r.year, a.agency`,
    needs: ['agency_id'],
  };
}

/** Median of the per-report metric over the filtered reports, by year (the peer reference line). */
export const peerMedian = (f: Filters, m: Metric): Query =>
  sql`SELECT year, median(${rowExpr(m)}) AS median, count(${rowExpr(m)})::INTEGER AS n FROM reports ${whereReports(f)} GROUP BY year ORDER BY year`;

/** Agencies ranked by the metric in a year (with the year before for the change), best first. */
export const ranking = (f: Filters, m: Metric, year: number, limit = 100): Query => ({
  ...sql`WITH cur AS (SELECT agency_id, ${aggExpr(m)} AS value FROM reports ${whereReports({ ...f, from: year, to: year })} GROUP BY agency_id),
    prev AS (SELECT agency_id, ${aggExpr(m)} AS value FROM reports ${whereReports({ ...f, from: year - 1, to: year - 1 })} GROUP BY agency_id)
    SELECT (rank() OVER (ORDER BY cur.value DESC NULLS LAST))::INTEGER AS rank, cur.agency_id, a.agency, a.level, a.agency_type,
      cur.value, prev.value AS prev, cur.value - prev.value AS change
    FROM cur JOIN agencies a USING (agency_id) LEFT JOIN prev USING (agency_id)
    WHERE cur.value IS NOT NULL ORDER BY rank, a.agency LIMIT ${String(Math.max(1, Math.floor(limit)))}`,
  needs: ['agency_id'],
});

// ---------------------------------------------------------------- disclosure volumes

export const applicantsByYear = (f: Filters): Query =>
  summed(f, (g) => sql`SELECT year, ${APPLICANT_COLUMNS.map((c) => `${sum(t3Key('new_received', c.key))} AS ${c.key}`).join(', ')}
    FROM ${g.from} ${whereReports(f)} GROUP BY year ORDER BY year`);

/** Outcomes by year, as counts and as shares of all outcomes (shares computed here, in SQL). */
export function outcomesByYear(f: Filters): Query {
  const part = (rows: string[]) => sums(rows.map((r) => t3Key(r, 'total')));
  const all = `nullif(${OUTCOME_PARTS.map((p) => part(p.rows)).join(' + ')}, 0)`;
  return summed(f, (g) => sql`SELECT year, ${OUTCOME_PARTS.map((p) => `${part(p.rows)} AS "${p.id}"`).join(', ')},
    ${OUTCOME_PARTS.map((p) => `${part(p.rows)} / ${all} AS "share_${p.id}"`).join(', ')}
    FROM ${g.from} ${whereReports(f)} GROUP BY year ORDER BY year`);
}

export const carryByYear = (f: Filters): Query =>
  summed(f, (g) => sql`SELECT year, ${sum(t3Key('carried_over', 'total'))} AS carried_over, ${sum(t3Key('new_received', 'total'))} AS received,
    ${sum(t3Key('carried_forward', 'total'))} AS carried_forward FROM ${g.from} ${whereReports(f)} GROUP BY year ORDER BY year`);

export type Dimension = 'province' | 'city' | 'county' | 'level' | 'agency_type';
export const DIMENSIONS: readonly Dimension[] = ['province', 'city', 'county', 'level', 'agency_type'];

/** New applications and share granted by a dimension (top 30 groups by volume). */
export function volumesBy(f: Filters, dim: Dimension): Query {
  const place = dim === 'province' || dim === 'city' || dim === 'county';
  const key = place ? `${dim}_code` : dim;
  const name = place ? `(SELECT name FROM regions g WHERE g.kind = '${dim}' AND g.code = t.grp)` : 'grp';
  const q = (g: Grain) => sql`SELECT grp AS code, ${name} AS name, received, granted, reports FROM (
    SELECT ${key} AS grp, ${sum(t3Key('new_received', 'total'))} AS received, ${rate('rate.share_granted')} AS granted, ${count(g)} AS reports
    FROM ${g.from} ${whereReports(f)} GROUP BY grp) t ORDER BY received DESC NULLS LAST, code LIMIT 30`;
  // The rollup's only place is the province.
  return dim === 'city' || dim === 'county' ? q(RAW) : summed(f, q);
}

// ---------------------------------------------------------------- licensing and enforcement

export const DECISION_KEYS = ['t2.licensing.decisions', 't2.penalty.decisions', 't2.coercion.decisions'] as const;
const decisionSums = DECISION_KEYS.map((k) => `${sum(k)} AS ${k.split('.')[1]}`).join(', ');

export const decisionsByYear = (f: Filters): Query =>
  summed(f, (g) => sql`SELECT year, ${decisionSums}, ${count(g, "template = '2019'")} AS on_2019,
    ${count(g, "template = '2021'")} AS on_2021 FROM ${g.from} ${whereReports(f)} GROUP BY year ORDER BY year`);

export const decisionsByField = (f: Filters): Query =>
  summed(f, (g) => sql`SELECT agency_type, ${decisionSums}, ${count(g)} AS reports FROM ${g.from} ${whereReports(f)}
    GROUP BY agency_type ORDER BY licensing + penalty + coercion DESC NULLS LAST, agency_type`);

export const decisionsTop = (f: Filters, limit = 20): Query => ({
  ...sql`SELECT r.agency_id, a.agency, a.agency_type, ${DECISION_KEYS.map((k) => `sum(r.${col(k)})::DOUBLE AS ${k.split('.')[1]}`).join(', ')}
    FROM reports r JOIN agencies a USING (agency_id) ${whereReports(f, [], 'r')}
    GROUP BY ALL ORDER BY coalesce(licensing, 0) + coalesce(penalty, 0) + coalesce(coercion, 0) DESC, a.agency LIMIT ${String(limit)}`,
  needs: ['agency_id'],
});

// ---------------------------------------------------------------- appeals

export const appealOutcomes = (f: Filters): Query =>
  summed(f, (g) => sql`SELECT * FROM (${joinQueries(
    T4_BLOCKS.map((b) => ({
      sql: `SELECT '${b.key}' AS block, ${T4_OUTCOMES.map((o) => `${sum(t4Key(b.key, o.key))} AS ${o.key}`).join(', ')} FROM ${g.from} ${whereReports(f).sql}`,
      params: whereReports(f).params,
    })),
    ' UNION ALL ',
  )}) ORDER BY CASE block WHEN 'review' THEN 1 WHEN 'suit_direct' THEN 2 ELSE 3 END`);

export const appealRatesByYear = (f: Filters): Query =>
  summed(f, (g) => sql`SELECT year, ${rate('rate.review_correction')} AS review, ${rate('rate.suit_correction')} AS suit,
    ${sums([t4Key('review', 'total')])} - ${sums([t4Key('review', 'pending')])} AS review_decided
    FROM ${g.from} ${whereReports(f)} GROUP BY year ORDER BY year`);

export type AppealBlock = 'review' | 'suit';

/** Per agency over the years: decided cases and corrections, with the pooled rate of all agencies. */
export function funnel(f: Filters, block: AppealBlock): Query {
  const blocks = block === 'review' ? ['review'] : ['suit_direct', 'suit_after_review'];
  const decided = `${sums(blocks.map((b) => t4Key(b, 'total')))} - ${sums(blocks.map((b) => t4Key(b, 'pending')))}`;
  const corrected = sums(blocks.map((b) => t4Key(b, 'corrected')));
  return {
    ...sql`WITH g AS (SELECT agency_id, ${decided} AS decided, ${corrected} AS corrected
      FROM reports ${whereReports(f)} GROUP BY agency_id)
      SELECT g.agency_id, a.agency, g.decided, g.corrected, g.corrected / g.decided AS rate,
        sum(g.corrected) OVER () / sum(g.decided) OVER () AS pooled
      FROM g JOIN agencies a USING (agency_id) WHERE g.decided > 0 ORDER BY g.decided DESC, a.agency`,
    needs: ['agency_id'],
  };
}

// ---------------------------------------------------------------- profile

export const agencyInfo = (agencyId: string): Query => sql`SELECT * FROM agencies WHERE agency_id = ${{ sql: '?', params: [agencyId] }}`;

export const agencyReports = (agencyId: string): Query => ({
  ...sql`SELECT report_id, agency, year, template, other_split, is_real, complete, checks_failed, warnings, source, source_format
    FROM reports WHERE agency_id = ${{ sql: '?', params: [agencyId] }} ORDER BY year, report_id`,
  needs: ['report_id', 'agency_id', 'agency', 'complete', 'checks_failed', 'warnings', 'source', 'source_format'],
});

export const PROFILE_TREND = ['t3.new_received.total', 'rate.share_granted', 't2.licensing.decisions', 't2.penalty.decisions', 'rate.review_correction'];

export const agencyTrend = (agencyId: string): Query => ({
  ...sql`SELECT year, ${PROFILE_TREND.map((id) => `${aggExpr(metric(id)!)} AS "${id}"`).join(', ')}
    FROM reports WHERE agency_id = ${{ sql: '?', params: [agencyId] }} GROUP BY year ORDER BY year`,
  needs: ['agency_id'],
});

export const reportCells = (reportId: string): Query =>
  sql`SELECT key, value, status, raw, page, line FROM cells WHERE report_id = ${{ sql: '?', params: [reportId] }}`;

export const reportChecks = (reportId: string): Query =>
  sql`SELECT check_id, ok, "left", "right", cells, blanks FROM checks WHERE report_id = ${{ sql: '?', params: [reportId] }} ORDER BY ok NULLS FIRST, check_id`;

export const reportProse = (reportId: string): Query =>
  sql`SELECT key, value, quote FROM prose WHERE report_id = ${{ sql: '?', params: [reportId] }}`;

// ---------------------------------------------------------------- drop a report: place it among peers

export const PEER_METRICS = ['t3.new_received.total', 'rate.share_granted', 'rate.share_other', 't2.licensing.decisions', 't2.penalty.decisions', 'rate.review_correction'];

/** A one-row table holding the dropped report's values, so its metrics use the same SQL as everyone's. */
export function droppedTable(values: Record<string, number | null>, keys: string[]): Query {
  const cols = keys.map((k) => `?::DOUBLE AS ${col(k)}`);
  return { sql: `CREATE OR REPLACE TEMP TABLE dropped AS SELECT ${cols.join(', ')}`, params: keys.map((k) => values[k] ?? null) };
}

export interface PeerGroup {
  year: number;
  level: AdminLevel | null;
  field: string | null;
}

export function peerStats(group: PeerGroup, f: Filters): Query {
  const conds = [
    { sql: 'year = ?', params: [group.year] },
    ...(group.level ? [{ sql: 'level = ?', params: [group.level] }] : []),
    ...(group.field ? [{ sql: 'agency_type = ?', params: [group.field] }] : []),
    ...(f.real === 'both' ? [] : [{ sql: 'is_real = ?', params: [f.real === 'real'] }]),
  ];
  const parts = PEER_METRICS.map((id) => {
    const e = rowExpr(metric(id)!);
    return `SELECT '${id}' AS metric, (SELECT ${e} FROM dropped) AS value, count(${e})::INTEGER AS peers,
      quantile_cont(${e}, 0.25) AS p25, median(${e}) AS median, quantile_cont(${e}, 0.75) AS p75,
      (count(*) FILTER (WHERE ${e} < (SELECT ${e} FROM dropped)) + 0.5 * count(*) FILTER (WHERE ${e} = (SELECT ${e} FROM dropped)))::DOUBLE
        / nullif(count(${e}), 0) AS percentile
      FROM reports WHERE ${joinQueries(conds, ' AND ').sql}`;
  });
  const w = joinQueries(conds, ' AND ');
  return { sql: parts.join(' UNION ALL '), params: PEER_METRICS.flatMap(() => w.params) };
}

/** Level and field of an agency named exactly as the dropped report names itself, if the dataset knows it. */
export const agencyByName = (name: string): Query =>
  sql`SELECT level, agency_type FROM agencies WHERE agency = ${{ sql: '?', params: [name] }} LIMIT 1`;

/** The field whose name the agency name contains (longest first), for agencies the dataset does not know. */
export const fieldFromName = (name: string): Query =>
  sql`SELECT agency_type FROM (SELECT DISTINCT agency_type FROM agencies WHERE agency_type <> '政府')
    WHERE contains(${{ sql: '?', params: [name] }}, agency_type) ORDER BY length(agency_type) DESC, agency_type LIMIT 1`;

// ---------------------------------------------------------------- export of the filtered report set

export const filteredReports = (f: Filters, columns: string[]): Query => ({
  ...sql`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM reports ${whereReports(f)} ORDER BY year, agency_id, report_id`,
  needs: [...columns, 'agency_id', 'report_id'],
});

/** The filters' options: wanted a moment after the first chart, not before it. */
const low = (strings: TemplateStringsArray, ...parts: (Query | string)[]): Query => ({ ...sql(strings, ...parts), priority: 'low' });

export const filterOptions = {
  provinces: (): Query => low`SELECT code, name FROM regions WHERE kind = 'province' ORDER BY code`,
  cities: (province: string): Query => low`SELECT code, name FROM regions WHERE kind = 'city' AND code LIKE ${{ sql: '?', params: [`${province}%`] }} ORDER BY code`,
  counties: (city: string): Query => low`SELECT code, name FROM regions WHERE kind = 'county' AND code LIKE ${{ sql: '?', params: [`${city}%`] }} ORDER BY code`,
  fields: (): Query => low`SELECT agency_type AS name, count(*)::INTEGER AS n FROM agencies WHERE agency_type IS NOT NULL GROUP BY agency_type ORDER BY agency_type = '政府' DESC, n DESC, name`,
};
