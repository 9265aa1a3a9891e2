// Scoring flags against the injected truth of the synthetic panel (data/truth/anomalies.json): precision and
// recall per kind, counted over (report, kind) pairs of synthetic reports that are in the dataset. A truth row
// that is a consequence of another injected change ("via") is still a problem a perfect detector finds.
//
// A copy is counted by what the flag claims. The truth names the copier and the report it copied. A flag that
// names the copier (relation 'copies') is right when it is on the copier and names the report it copied. A flag that says only "copies or is copied
// by" (the pair's one flag when the data cannot tell the direction) is right when its report and the report it
// names are a copied pair, either way round, and finds that truth row. The row "copy, direction named" scores the
// flags that name a copier alone, so a detector that never committed to a direction could not hide behind the
// pair rule.
import { KINDS, type Kind, type Relation } from './types';

export interface TruthRow {
  report_id: string;
  kind: string;
  via?: string;
  in_dataset?: boolean;
  copy_of?: { report_id: string | null } | null;
}

export interface ScoredFlag {
  report_id: string;
  kind: string;
  related_report_id?: string | null;
  relation?: Relation | null;
}

export interface KindScore {
  kind: Kind | 'copy, direction named';
  truth: number;
  flagged: number;
  /** Flags that are right. */
  hits: number;
  precision: number | null;
  /** The share of the truth rows some flag finds. */
  recall: number | null;
}

const ratio = (a: number, b: number) => (b ? a / b : null);

/** `flags` on reports outside `synthetic` do not count (real reports have no truth). */
export function score(truth: readonly TruthRow[], flags: readonly ScoredFlag[], synthetic: ReadonlySet<string>): KindScore[] {
  const rows = truth.filter((t) => t.in_dataset !== false && synthetic.has(t.report_id));
  const truthSet = new Set(rows.map((t) => `${t.report_id}|${t.kind}`));
  const mine = flags.filter((f) => synthetic.has(f.report_id));
  const out: KindScore[] = KINDS.filter((k) => k !== 'copy').map((kind) => {
    const t = [...truthSet].filter((x) => x.endsWith(`|${kind}`));
    const f = [...new Set(mine.filter((x) => x.kind === kind).map((x) => `${x.report_id}|${kind}`))];
    const hits = f.filter((x) => truthSet.has(x)).length;
    return { kind, truth: t.length, flagged: f.length, hits, precision: ratio(hits, f.length), recall: ratio(hits, t.length) };
  });
  out.splice(KINDS.indexOf('copy'), 0, ...scoreCopies(rows, mine));
  return out;
}

function scoreCopies(rows: readonly TruthRow[], flags: readonly ScoredFlag[]): KindScore[] {
  const copies = rows.filter((t) => t.kind === 'copy');
  const pair = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
  const directedTruth = new Set(copies.map((t) => `${t.report_id}>${t.copy_of?.report_id}`));
  const truthPairs = new Set(copies.filter((t) => t.copy_of?.report_id).map((t) => pair(t.report_id, t.copy_of!.report_id!)));
  const byReport = new Map(flags.filter((f) => f.kind === 'copy').map((f) => [f.report_id, f]));
  const flagged = [...byReport.values()];
  const undirected = (f: ScoredFlag) => f.relation === 'copies_or_copied_by';
  const right = (f: ScoredFlag) =>
    f.related_report_id != null && (undirected(f) ? truthPairs.has(pair(f.report_id, f.related_report_id)) : directedTruth.has(`${f.report_id}>${f.related_report_id}`));
  const pairsFlagged = new Set(flagged.filter((f) => undirected(f) && f.related_report_id).map((f) => pair(f.report_id, f.related_report_id!)));
  const found = copies.filter((t) => {
    const f = byReport.get(t.report_id);
    return (f && !undirected(f) && right(f)) || (t.copy_of?.report_id != null && pairsFlagged.has(pair(t.report_id, t.copy_of.report_id)));
  }).length;
  const hits = flagged.filter(right).length;
  const directed = flagged.filter((f) => !undirected(f));
  const directedHits = directed.filter(right).length;
  return [
    { kind: 'copy', truth: copies.length, flagged: flagged.length, hits, precision: ratio(hits, flagged.length), recall: ratio(found, copies.length) },
    { kind: 'copy, direction named', truth: copies.length, flagged: directed.length, hits: directedHits, precision: ratio(directedHits, directed.length), recall: ratio(directedHits, copies.length) },
  ];
}
