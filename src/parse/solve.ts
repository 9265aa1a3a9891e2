// Chooses among a table's row readings with the table's own identities (and the numbers its prose states): the
// readings that satisfy the most identities, then the plainest, win. A cell is recorded only if every winning
// reading agrees on it; otherwise it stays null and is reported. The parser never makes the numbers add up: a
// printed total that disagrees is kept, it only ever breaks ties between readings.
import type { Candidate, Pick } from './candidates';

export interface Constraint {
  /** Σ left = Σ right over value keys, plus an optional constant on the right. */
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
/**
 * Past this many combinations each row first keeps the readings its own identity (six columns = 总计, the 表四
 * block sums) favours, as a person splitting run-together digits would; column identities then decide among those.
 */
const PRUNE_ABOVE = 2_000;

/** A cell reference compiled for fast evaluation: an open row's column, or a settled value. */
type Ref = { row: number; col: number } | { value: number | null | undefined };

interface Compiled {
  refs: { ref: Ref; sign: 1 | -1 }[];
  constant: number;
  rows: Set<number>;
}

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

  const settled = (key: string): number | null | undefined => {
    const p = out.get(key);
    return p === undefined || p === 'ambiguous' || p.status === 'missing' ? undefined : p.value;
  };
  const compiled: Compiled[] = [];
  for (const c of constraints) {
    const keys = [...c.left, ...c.right];
    if (!keys.some((k) => where.has(k))) continue;
    const refs = keys.map((k, i) => {
      const at = where.get(k);
      const ref: Ref = at ? { row: at[0], col: at[1] } : { value: settled(k) };
      return { ref, sign: (i < c.left.length ? 1 : -1) as 1 | -1 };
    });
    compiled.push({ refs, constant: c.constant ?? 0, rows: new Set(keys.filter((k) => where.has(k)).map((k) => where.get(k)![0])) });
  }

  // Rows that share no identity are decided independently: the search is a sum of small products.
  for (const component of components(open, compiled)) {
    const cs = compiled.filter((c) => [...c.rows].some((r) => component.includes(r)));
    decide(rows, component, cs).forEach((v, k) => out.set(k, v));
  }
  return out;
}

function components(open: number[], compiled: Compiled[]): number[][] {
  const parent = new Map(open.map((r) => [r, r]));
  const find = (r: number): number => (parent.get(r) === r ? r : find(parent.get(r)!));
  for (const c of compiled) {
    const [first, ...rest] = [...c.rows];
    for (const r of rest) parent.set(find(r), find(first));
  }
  const groups = new Map<number, number[]>();
  for (const r of open) groups.set(find(r), [...(groups.get(find(r)) ?? []), r]);
  return [...groups.values()];
}

function decide(rows: RowChoice[], component: number[], cs: Compiled[]): Resolved {
  const choice = new Map<number, number>();
  const score = (list: Compiled[]) => {
    let s = 0;
    for (const c of list) {
      let sum = -c.constant;
      let ok = true;
      for (const { ref, sign } of c.refs) {
        let v: number | null | undefined;
        if ('row' in ref) {
          const p = rows[ref.row].candidates[choice.get(ref.row) ?? 0].picks[ref.col];
          v = p.status === 'missing' ? undefined : p.value;
        } else v = ref.value;
        if (v === undefined) {
          ok = false;
          break;
        }
        sum += sign * (v ?? 0);
      }
      if (ok && Math.abs(sum) < 1e-6 * Math.max(1, Math.abs(c.constant))) s++;
    }
    return s;
  };
  const local = (r: number) => cs.filter((c) => c.rows.size === 1 && c.rows.has(r));

  let candidates = component.map((r) => rows[r].candidates);
  if (product(candidates.map((c) => c.length)) > PRUNE_ABOVE) {
    candidates = component.map((r) => {
      const mine = local(r);
      let best = -Infinity;
      let keep: Candidate[] = [];
      rows[r].candidates.forEach((cand, i) => {
        choice.set(r, i);
        const s = score(mine) * 1000 - cand.cost;
        if (s > best) [best, keep] = [s, [cand]];
        else if (s === best) keep.push(cand);
      });
      choice.delete(r);
      return keep;
    });
  }

  const agreed: Resolved = new Map();
  const agree = (r: number, cand: Candidate) => {
    rows[r].keys.forEach((k, i) => {
      const prev = agreed.get(k);
      const p = cand.picks[i];
      if (prev === undefined) agreed.set(k, p);
      else if (prev !== 'ambiguous' && (prev.value !== p.value || prev.status !== p.status)) agreed.set(k, 'ambiguous');
    });
  };
  // Work on copies of the rows restricted to the kept readings (indices into `candidates`).
  const saved = component.map((r) => rows[r]);
  component.forEach((r, j) => (rows[r] = { ...rows[r], candidates: candidates[j] }));
  try {
    const sizes = candidates.map((c) => c.length);
    if (product(sizes) <= MAX_COMBINATIONS) {
      let best = -Infinity;
      const idx = component.map(() => 0);
      for (;;) {
        component.forEach((r, j) => choice.set(r, idx[j]));
        let cost = 0;
        component.forEach((r, j) => (cost += candidates[j][idx[j]].cost));
        const s = score(cs) * 1000 - cost;
        if (s > best) {
          best = s;
          agreed.clear();
        }
        if (s === best) component.forEach((r, j) => agree(r, candidates[j][idx[j]]));
        let j = 0;
        while (j < idx.length && ++idx[j] === sizes[j]) idx[j++] = 0;
        if (j === idx.length) break;
      }
    } else {
      // Still too many: decide each row on its own identities only.
      for (const [j, r] of component.entries()) {
        component.forEach((o) => choice.set(o, 0));
        const mine = local(r);
        let best = -Infinity;
        const rowAgreed: Resolved = new Map();
        candidates[j].forEach((cand, i) => {
          choice.set(r, i);
          const s = score(mine) * 1000 - cand.cost;
          if (s < best) return;
          if (s > best) {
            best = s;
            rowAgreed.clear();
          }
          rows[r].keys.forEach((k, c) => {
            const prev = rowAgreed.get(k);
            if (prev === undefined) rowAgreed.set(k, cand.picks[c]);
            else if (prev !== 'ambiguous' && (prev.value !== cand.picks[c].value || prev.status !== cand.picks[c].status)) rowAgreed.set(k, 'ambiguous');
          });
        });
        rowAgreed.forEach((v, k) => agreed.set(k, v));
      }
    }
  } finally {
    component.forEach((r, j) => (rows[r] = saved[j]));
  }
  return agreed;
}

function product(xs: number[]) {
  return xs.reduce((p, x) => p * x, 1);
}
