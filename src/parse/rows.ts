// Tokens of one table → the atoms of each of its rows. Two layouts occur: "row" (a label and its numbers share a
// line: tab/pipe text, HTML rows, PDF baselines) and "cell" (every cell on its own line). Value lines whose label
// was lost (a PDF label printed a little above its numbers, merged cells broken by a converter) are placed into
// the template rows left between the rows that did keep their labels, in template order.
import type { Atom } from './atoms';
import type { Token } from './scan';

export interface Entry {
  key: string | null;
  atoms: Atom[];
  line: number;
  /** Position in the token stream (for ordering). */
  order: number;
}

export interface AssembledRow {
  atoms: Atom[];
  line: number;
  truncated: boolean;
}

export interface Assembly {
  rows: Map<string, AssembledRow>;
  warnings: string[];
  /** Every entry in stream order (unplaced value lines included), to learn column positions. */
  entries: Entry[];
}

type TableTokens = Token;

/**
 * `ordered`: the table's rows appear in template order (表三). 表二's small sub-tables are sometimes printed in
 * another order, so there every recognised label is taken where it stands.
 */
export function assemble(tokens: Token[], section: 't2' | 't3', order: string[], cutOff: boolean, ordered = section === 't3'): Assembly {
  const mine = tokens.filter((t) => t.t === 'eol' || t.section === section);
  const byLine = groupLines(mine);
  const rowMode = isRowMode(byLine);
  const entries: Entry[] = [];
  let current: Entry | null = null;
  let seq = 0;

  for (const lineTokens of byLine) {
    const firstLabel = lineTokens.findIndex((t) => t.t === 'label');
    if (rowMode) current = null;
    lineTokens.forEach((t, i) => {
      seq++;
      if (t.t === 'label') {
        current = { key: t.key, atoms: [], line: t.line, order: seq };
        entries.push(current);
      } else if (t.t === 'head') {
        if (!rowMode) current = null;
      } else if (t.t === 'atoms') {
        if (rowMode && firstLabel > i) return; // padding before the line's label (empty label-column cells)
        if (!current) {
          current = { key: null, atoms: [], line: t.line, order: seq };
          entries.push(current);
        }
        current.atoms.push(...t.atoms);
      }
    });
  }

  const warnings: string[] = [];
  const index = new Map(order.map((k, i) => [k, i]));
  const labelled = entries.filter((e) => e.key !== null && index.has(e.key) && (!rowMode || e.atoms.length > 0));
  const bound = ordered ? increasingByTemplate(labelled, index) : firstPerKey(labelled, index);
  const boundSet = new Set(bound);
  const rows = new Map<string, AssembledRow>();
  for (const e of bound) rows.set(e.key!, { atoms: e.atoms, line: e.line, truncated: false });

  // Value lines without a (recognised) label, and labelled lines that broke the template order.
  const loose = entries.filter((e) => !boundSet.has(e) && e.atoms.some((a) => a.kind === 'num') && (e.key === null || labelled.includes(e)));
  const orphans = entries.filter((e) => e.key !== null && index.has(e.key) && e.atoms.length === 0);
  // Gaps between bound rows, in template order (one gap for the whole table when its order is not fixed).
  const gaps = ordered
    ? Array.from({ length: bound.length + 1 }, (_, g) => ({
        slots: order.slice(g === 0 ? 0 : index.get(bound[g - 1].key!)! + 1, g === bound.length ? order.length : index.get(bound[g].key!)!),
        from: g === 0 ? -Infinity : bound[g - 1].order,
        to: g === bound.length ? Infinity : bound[g].order,
      }))
    : [{ slots: order, from: -Infinity, to: Infinity }];
  for (const gap of gaps) {
    const slots = gap.slots.filter((k) => !rows.has(k));
    let lines = loose.filter((e) => e.order > gap.from && e.order < gap.to);
    if (!slots.length || !lines.length) continue;
    // Stray short lines (a page number inside the table) go first when there are more lines than rows.
    const n = Math.max(...lines.map((e) => e.atoms.length));
    while (lines.length > slots.length) {
      const stray = lines.reduce((a, b) => (b.atoms.length < a.atoms.length ? b : a));
      if (stray.atoms.length >= n) break;
      lines = lines.filter((e) => e !== stray);
    }
    // As many value lines as rows without one: they are those rows, in order.
    if (ordered && lines.length === slots.length) {
      lines.forEach((e, i) => rows.set(slots[i], { atoms: e.atoms, line: e.line, truncated: false }));
      continue;
    }
    // Otherwise a value line right after its orphaned label (a label printed above its numbers) takes that label.
    for (const e of [...lines]) {
      const before = orphans.filter((o) => o.order < e.order && o.order > gap.from).pop();
      if (before && slots.includes(before.key!) && !entries.some((x) => x.order > before.order && x.order < e.order && x.atoms.length > 0)) {
        rows.set(before.key!, { atoms: e.atoms, line: e.line, truncated: false });
        slots.splice(slots.indexOf(before.key!), 1);
        lines = lines.filter((x) => x !== e);
      }
    }
    if (lines.length && slots.length) {
      warnings.push(`${section === 't2' ? '表二' : '表三'}: ${lines.length} unlabelled value line(s) for ${slots.length} unlabelled row(s) (${slots.join(', ')}); left blank`);
    }
  }

  if (cutOff) {
    // The document ends inside this table: the last row it reaches holds only the cells printed before the cut.
    const last = entries.filter((e) => e.key !== null && index.has(e.key)).pop();
    if (last) {
      const row = rows.get(last.key!);
      if (row && row.line === last.line) row.truncated = true;
      else if (!row && [...rows.keys()].every((k) => index.get(k)! < index.get(last.key!)!)) {
        rows.set(last.key!, { atoms: last.atoms, line: last.line, truncated: true });
      }
    }
  } else if (!rowMode) {
    // A label with nothing after it (cell layout) is a blank row.
    for (const o of orphans) if (!rows.has(o.key!) && bound.length) rows.set(o.key!, { atoms: [], line: o.line, truncated: false });
  }
  return { rows, warnings, entries };
}

function firstPerKey(entries: Entry[], index: Map<string, number>): Entry[] {
  const seen = new Set<string>();
  return entries
    .filter((e) => !seen.has(e.key!) && seen.add(e.key!))
    .sort((a, b) => index.get(a.key!)! - index.get(b.key!)!);
}

function groupLines(tokens: TableTokens[]): Exclude<TableTokens, { t: 'eol' }>[][] {
  const out: Exclude<TableTokens, { t: 'eol' }>[][] = [];
  let cur: Exclude<TableTokens, { t: 'eol' }>[] = [];
  for (const t of tokens) {
    if (t.t === 'eol') {
      if (cur.length) out.push(cur);
      cur = [];
    } else cur.push(t);
  }
  if (cur.length) out.push(cur);
  return out;
}

/** Row layout when most labels have numbers (or printed blanks) after them on their own line. */
function isRowMode(lines: Exclude<TableTokens, { t: 'eol' }>[][]): boolean {
  let withValues = 0;
  let labels = 0;
  for (const line of lines) {
    line.forEach((t, i) => {
      if (t.t !== 'label') return;
      labels++;
      const rest = line.slice(i + 1);
      const next = rest.findIndex((x) => x.t === 'label');
      if ((next < 0 ? rest : rest.slice(0, next)).some((x) => x.t === 'atoms')) withValues++;
    });
  }
  return labels > 0 && withValues * 2 >= labels;
}

/** Longest run of labelled entries whose rows increase in template order: out-of-order labels are not trusted. */
function increasingByTemplate(entries: Entry[], index: Map<string, number>): Entry[] {
  const n = entries.length;
  const len = Array(n).fill(1);
  const prev = Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (index.get(entries[j].key!)! < index.get(entries[i].key!)! && len[j] + 1 > len[i]) {
        len[i] = len[j] + 1;
        prev[i] = j;
      }
    }
  }
  let end = -1;
  for (let i = 0; i < n; i++) if (end < 0 || len[i] > len[end]) end = i;
  const out: Entry[] = [];
  for (let i = end; i >= 0; i = prev[i]) out.unshift(entries[i]);
  return out;
}
