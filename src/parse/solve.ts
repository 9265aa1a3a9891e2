// Chooses among a table's row readings with the table's own identities (and the numbers its prose states): the
// readings that satisfy the most identities, then the plainest, win. A cell is recorded only if every winning
// reading agrees on it; otherwise it stays null and is reported. The parser never makes the numbers add up: a
// printed total that disagrees is kept, it only ever breaks ties between readings.
import type { Candidate, Pick } from './candidates';

export interface Constraint {
  /** Σ left = Σ right over value keys (right may be a constant). */
  left: string[];
  right: string[];
  constant?: number;
}

export interface RowChoice {
  keys: string[];
  candidates: Candidate[];
}

export type Resolved = Map<string, Pick | 'ambiguous'>;

const MAX_COMBINATIONS = 200_000;

export function solve(rows: RowChoice[], constraints: Constraint[]): Resolved {
  const out: Resolved = new Map();
  const where = new Map<string, [number, number]>();
  const open: number[] = [];
  rows.forEach((row, r) => {
    if (row.candidates.length === 1) row.keys.forEach((k, i) => out.set(k, row.candidates[0].picks[i]));
    else {
      open.push(r);
      row.keys.forEach((k, i) => where.set(k, [r, i]));
    }
  });
  if (!open.length) return out;

  const relevant = constraints.filter((c) => [...c.left, ...c.right].some((k) => where.has(k)));
  const choice = new Map<number, number>(); // row → candidate index
  const valueOf = (key: string): number | null | undefined => {
    const at = where.get(key);
    if (at) {
      const p = rows[at[0]].candidates[choice.get(at[0]) ?? 0].picks[at[1]];
      return p.status === 'missing' ? undefined : p.value;
    }
    const p = out.get(key);
    if (p === undefined || p === 'ambiguous' || p.status === 'missing') return undefined;
    return p.value;
  };
  const score = (cs: Constraint[]) => {
    let s = 0;
    for (const c of cs) {
      let l = 0;
      let r = c.constant ?? 0;
      let ok = true;
      for (const k of c.left) {
        const v = valueOf(k);
        if (v === undefined) ok = false;
        else l += v ?? 0;
      }
      for (const k of c.right) {
        const v = valueOf(k);
        if (v === undefined) ok = false;
        else r += v ?? 0;
      }
      if (ok && Math.abs(l - r) < 1e-6 * Math.max(1, Math.abs(r))) s++;
    }
    return s;
  };

  // Too many combinations: first keep, per row, the readings its own identities favour most.
  let sizes = open.map((r) => rows[r].candidates.length);
  if (product(sizes) > MAX_COMBINATIONS) {
    for (const r of open) {
      const local = relevant.filter((c) => [...c.left, ...c.right].every((k) => !where.has(k) || where.get(k)![0] === r));
      let best = -1;
      let keep: Candidate[] = [];
      rows[r].candidates.forEach((cand, i) => {
        choice.set(r, i);
        const s = score(local) * 1000 - cand.cost;
        if (s > best) [best, keep] = [s, [cand]];
        else if (s === best) keep.push(cand);
      });
      rows[r] = { ...rows[r], candidates: keep };
      choice.delete(r);
    }
    sizes = open.map((r) => rows[r].candidates.length);
  }

  let best = -Infinity;
  const agreed = new Map<string, Pick | 'ambiguous'>();
  const consider = () => {
    let cost = 0;
    for (const r of open) cost += rows[r].candidates[choice.get(r)!].cost;
    const s = score(relevant) * 1000 - cost;
    if (s < best) return;
    if (s > best) {
      best = s;
      agreed.clear();
    }
    for (const r of open) {
      const picks = rows[r].candidates[choice.get(r)!].picks;
      rows[r].keys.forEach((k, i) => {
        const prev = agreed.get(k);
        if (prev === undefined) agreed.set(k, picks[i]);
        else if (prev !== 'ambiguous' && (prev.value !== picks[i].value || prev.status !== picks[i].status)) agreed.set(k, 'ambiguous');
      });
    }
  };

  if (product(sizes) <= MAX_COMBINATIONS) {
    const idx = open.map(() => 0);
    for (;;) {
      open.forEach((r, j) => choice.set(r, idx[j]));
      consider();
      let j = 0;
      while (j < idx.length && ++idx[j] === sizes[j]) idx[j++] = 0;
      if (j === idx.length) break;
    }
  } else {
    // Still too many: decide each row on its own identities only.
    for (const r of open) {
      const others = open.filter((o) => o !== r);
      others.forEach((o) => choice.set(o, 0));
      const local = relevant.filter((c) => [...c.left, ...c.right].every((k) => !where.has(k) || where.get(k)![0] === r));
      let rowBest = -Infinity;
      const rowAgreed = new Map<string, Pick | 'ambiguous'>();
      rows[r].candidates.forEach((cand, i) => {
        choice.set(r, i);
        const s = score(local) * 1000 - cand.cost;
        if (s < rowBest) return;
        if (s > rowBest) [rowBest] = [s, rowAgreed.clear()];
        rows[r].keys.forEach((k, c) => {
          const prev = rowAgreed.get(k);
          if (prev === undefined) rowAgreed.set(k, cand.picks[c]);
          else if (prev !== 'ambiguous' && (prev.value !== cand.picks[c].value || prev.status !== cand.picks[c].status)) rowAgreed.set(k, 'ambiguous');
        });
      });
      rowAgreed.forEach((v, k) => agreed.set(k, v));
    }
  }
  agreed.forEach((v, k) => out.set(k, v));
  return out;
}

function product(xs: number[]) {
  return xs.reduce((p, x) => p * x, 1);
}
