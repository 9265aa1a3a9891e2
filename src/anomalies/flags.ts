// Evidence rows → flags, one per report and kind, ordered most serious first.
//
// The order (and a flag's `score`): severity level (3 high, 2 medium, 1 low) plus the strength of its strongest
// evidence, a number in [0, 1) that grows with how far the report is from consistent — the relative size of a
// discrepancy, the share of text copied, |z| / 20 for statistics — so every high flag comes before every medium one.
// Ties go by kind (the order of KINDS), agency, year.
import { describe } from './describe';
import type { EvidenceRow } from './detect';
import { KINDS, SEVERITY_NAMES, type Flag, type SeverityLevel } from './types';

const KIND_ORDER = new Map(KINDS.map((k, i) => [k, i]));

export function toFlags(rows: readonly EvidenceRow[]): Flag[] {
  const groups = new Map<string, EvidenceRow[]>();
  for (const r of rows) {
    const id = `${r.report_id}\u0000${r.kind}`;
    const g = groups.get(id);
    if (g) g.push(r);
    else groups.set(id, [r]);
  }
  const flags: Flag[] = [];
  for (const g of groups.values()) {
    g.sort((x, y) => y.severity + y.strength - (x.severity + x.strength) || x.what.localeCompare(y.what));
    const top = g[0];
    const sentences = g.map(describe);
    const cells = [...new Set(g.flatMap((r) => (r.cells ? r.cells.split(',') : [])))];
    flags.push({
      report_id: top.report_id,
      agency: top.agency,
      year: top.year,
      kind: top.kind,
      severity: SEVERITY_NAMES[top.severity as SeverityLevel],
      detail: [...new Set(sentences.map((s) => s.zh))].join('；'),
      detail_en: [...new Set(sentences.map((s) => s.en))].join('; '),
      cells,
      score: Math.round((top.severity + top.strength) * 1000) / 1000,
      related_report_id: top.ref,
    });
  }
  return flags.sort(
    (x, y) => y.score - x.score || KIND_ORDER.get(x.kind)! - KIND_ORDER.get(y.kind)! || x.agency.localeCompare(y.agency, 'zh') || x.year - y.year || x.report_id.localeCompare(y.report_id),
  );
}
