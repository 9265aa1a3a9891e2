// The Anomalies view's queries: the detector's tables (engine.ts) under the dashboard's global filters and the
// view's kind. User choices reach SQL only as bound parameters.
import type { Kind } from '../../../anomalies';
import { whereReports, type Filters } from '../../../db/filters';
import type { Query } from '../../../db/sql';

const kindIs = (kind: Kind | null, alias: string): Query[] => (kind ? [{ sql: `${alias}.kind = ?`, params: [kind] }] : []);

/**
 * Agencies ranked by their score: the sum of their flags' scores (severity level 3/2/1 plus the strength of the
 * flag's strongest evidence, in [0, 1)) over the reports the filters keep.
 */
export const agencyRanking = (f: Filters, kind: Kind | null): Query => {
  const w = whereReports(f, kindIs(kind, 'fl'), 'r');
  return {
    sql: `SELECT r.agency_id, any_value(a.agency) AS agency, any_value(concat_ws(' ', a.province, a.city, a.county)) AS place,
        any_value(a.level) AS level, any_value(a.agency_type) AS agency_type, bool_or(r.is_real) AS is_real,
        count(*)::INTEGER AS flags, count(DISTINCT fl.report_id)::INTEGER AS reports,
        count(*) FILTER (WHERE fl.severity = 3)::INTEGER AS high, count(*) FILTER (WHERE fl.severity = 2)::INTEGER AS medium,
        count(*) FILTER (WHERE fl.severity = 1)::INTEGER AS low, round(sum(fl.score), 2)::DOUBLE AS score
      FROM anomaly_flags fl JOIN reports r USING (report_id) JOIN agencies a ON a.agency_id = r.agency_id
      ${w.sql} GROUP BY r.agency_id ORDER BY score DESC, agency LIMIT 500`,
    params: w.params,
    needs: ['report_id', 'agency_id'],
  };
};

/** The evidence of the flags under the filters, in the flags' order (optionally one agency's), at most `limit` rows. */
export const evidenceRows = (f: Filters, kind: Kind | null, agencyId: string | null, limit: number): Query => {
  const w = whereReports(f, [...kindIs(kind, 'o'), ...(agencyId ? [{ sql: 'o.agency_id = ?', params: [agencyId] }] : [])], 'r');
  return {
    sql: `SELECT o.* EXCLUDE (flag_score, kind_order) FROM anomaly_ordered o JOIN reports r USING (report_id) ${w.sql} ORDER BY o.rn LIMIT ${Math.floor(limit)}`,
    params: w.params,
    needs: ['report_id'],
  };
};

/** The region level one below the narrowest place chosen: provinces, then cities, then counties. */
export function regionLevel(f: Filters): 'province' | 'city' | 'county' {
  return f.city || f.county ? 'county' : f.province ? 'city' : 'province';
}

/** Reports and flagged reports by region under the filters. */
export const regionRates = (f: Filters, kind: Kind | null): Query => {
  const level = regionLevel(f);
  const code = `r.${level}_code`;
  const w = whereReports(f, [{ sql: `${code} IS NOT NULL`, params: [] }], 'r');
  return {
    sql: `SELECT ${code} AS code, any_value(g.name) AS name, count(*)::INTEGER AS reports, count(fl.report_id)::INTEGER AS flagged
      FROM reports r LEFT JOIN (SELECT DISTINCT report_id FROM anomaly_flags ${kind ? 'WHERE kind = ?' : ''}) fl USING (report_id)
      LEFT JOIN regions g ON g.kind = '${level}' AND g.code = ${code}
      ${w.sql} GROUP BY ${code} ORDER BY code`,
    params: [...(kind ? [kind] : []), ...w.params],
    needs: ['report_id'],
  };
};

/** Flags by kind and severity under the filters, and the reports they fall on. */
export const kindCounts = (f: Filters): Query => {
  const w = whereReports(f, [], 'r');
  return {
    sql: `SELECT fl.kind, count(*) FILTER (WHERE fl.severity = 3)::INTEGER AS high, count(*) FILTER (WHERE fl.severity = 2)::INTEGER AS medium,
        count(*) FILTER (WHERE fl.severity = 1)::INTEGER AS low, count(*)::INTEGER AS flags
      FROM anomaly_flags fl JOIN reports r USING (report_id) ${w.sql} GROUP BY fl.kind`,
    params: w.params,
    needs: ['report_id'],
  };
};

/** How many reports the filters keep and how many of them carry a flag of the kind. */
export const coverage = (f: Filters, kind: Kind | null): Query => {
  const w = whereReports(f, [], 'r');
  return {
    sql: `SELECT count(*)::INTEGER AS reports, count(fl.report_id)::INTEGER AS flagged, count(*) FILTER (WHERE r.is_real)::INTEGER AS real_reports
      FROM reports r LEFT JOIN (SELECT DISTINCT report_id FROM anomaly_flags ${kind ? 'WHERE kind = ?' : ''}) fl USING (report_id) ${w.sql}`,
    params: [...(kind ? [kind] : []), ...w.params],
    needs: ['report_id'],
  };
};
