// Scoring flags against the injected truth of the synthetic panel (data/truth/anomalies.json): precision and
// recall per kind, counted over (report, kind) pairs of synthetic reports that are in the dataset. A truth row
// that is a consequence of another injected change ("via") is still a problem a perfect detector finds.
import { KINDS, type Kind } from './types';

export interface TruthRow {
  report_id: string;
  kind: string;
  via?: string;
  in_dataset?: boolean;
  copy_of?: { report_id: string | null } | null;
}

export interface KindScore {
  kind: Kind | 'copy (pair)';
  truth: number;
  flagged: number;
  hits: number;
  precision: number | null;
  recall: number | null;
}

/**
 * `flags` are (report, kind) pairs; only those on `synthetic` reports count (real reports have no truth). The
 * extra row "copy (pair)" also counts a copy flag on the report that was copied as correct: between two agencies
 * the data alone cannot always say which report copied which, and the detector then flags both.
 */
export function score(truth: readonly TruthRow[], flags: readonly { report_id: string; kind: string }[], synthetic: ReadonlySet<string>): KindScore[] {
  const rows = truth.filter((t) => t.in_dataset !== false && synthetic.has(t.report_id));
  const truthSet = new Set(rows.map((t) => `${t.report_id}|${t.kind}`));
  const flagSet = new Set(flags.filter((f) => synthetic.has(f.report_id)).map((f) => `${f.report_id}|${f.kind}`));
  const ratio = (a: number, b: number) => (b ? a / b : null);
  const out: KindScore[] = KINDS.map((kind) => {
    const t = [...truthSet].filter((x) => x.endsWith(`|${kind}`));
    const f = [...flagSet].filter((x) => x.endsWith(`|${kind}`));
    const hits = f.filter((x) => truthSet.has(x)).length;
    return { kind, truth: t.length, flagged: f.length, hits, precision: ratio(hits, f.length), recall: ratio(hits, t.length) };
  });
  const sources = new Set(rows.filter((t) => t.kind === 'copy' && t.copy_of?.report_id).map((t) => `${t.copy_of!.report_id}|copy`));
  const copies = [...flagSet].filter((x) => x.endsWith('|copy'));
  const copyTruth = out.find((s) => s.kind === 'copy')!;
  const pairHits = copies.filter((x) => truthSet.has(x) || sources.has(x)).length;
  out.push({ kind: 'copy (pair)', truth: copyTruth.truth, flagged: copies.length, hits: pairHits, precision: ratio(pairHits, copies.length), recall: copyTruth.recall });
  return out;
}
