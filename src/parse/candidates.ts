// A table row's value atoms → the readings of its n cells that the text allows. Usually one; several when digits
// run together ("713000074"), blanks were dropped ("3 | 3" for seven cells) or a row carries padding cells.
// The solver then keeps the readings the table's identities support.
import type { Atom } from './atoms';

export interface Pick {
  value: number | null;
  status: 'value' | 'blank' | 'missing';
  atom?: Atom;
}

export interface Candidate {
  picks: Pick[];
  /** Prior cost: 0 for the plain reading, higher for readings that assume something the text does not show. */
  cost: number;
}

export interface RowInput {
  atoms: Atom[];
  n: number;
  /** The document ends inside this row: the atoms are a prefix of its cells. */
  truncated: boolean;
  /** Column positions learned from the table's complete rows (PDF x, HTML grid column). */
  anchors?: number[];
  /** Columns that may hold a negative number (本年增/减); a negative count makes a reading less plausible. */
  signed?: boolean[];
}

/** Past this many readings a row is reported as ambiguous instead of enumerated. */
export const MAX_CANDIDATES = 20_000;

const blank = (atom?: Atom): Pick => ({ value: null, status: 'blank', atom });
const missing: Pick = { value: null, status: 'missing' };
const pick = (atom: Atom): Pick => (atom.kind === 'null' ? blank(atom) : { value: atom.value, status: 'value', atom });

export function rowCandidates(row: RowInput): Candidate[] | 'ambiguous' {
  const out = readings(row);
  if (out === 'ambiguous') return out;
  for (const c of out) c.cost += NEGATIVE_COUNT_COST * c.picks.filter((p, i) => p.value !== null && p.value < 0 && !row.signed?.[i]).length;
  return distinct(out);
}

/** A count printed negative is possible (and flagged later) but never the preferred reading of ambiguous digits. */
const NEGATIVE_COUNT_COST = 10;

/** Readings that give the same cells (two windows over a row of zeros) are one reading: keep the cheapest. */
function distinct(cands: Candidate[]): Candidate[] {
  if (cands.length < 2) return cands;
  const seen = new Map<string, Candidate>();
  for (const c of cands) {
    const sig = c.picks.map((p) => (p.status === 'value' ? p.value : p.status)).join(',');
    const prev = seen.get(sig);
    if (!prev || c.cost < prev.cost) seen.set(sig, c);
  }
  return [...seen.values()];
}

function readings(row: RowInput): Candidate[] | 'ambiguous' {
  const { n } = row;
  const atoms = [...row.atoms];
  while (atoms.length > n && atoms[atoms.length - 1].kind === 'null') atoms.pop();
  while (atoms.length > n && atoms[0].kind === 'null') atoms.shift();

  if (row.truncated) {
    if (atoms.some((a) => a.splittable)) return [{ picks: Array(n).fill(missing), cost: 0 }];
    const picks = atoms.slice(0, n).map(pick);
    while (picks.length < n) picks.push(missing);
    return [{ picks, cost: 0 }];
  }
  if (atoms.length === 0) return [{ picks: Array(n).fill(blank()), cost: 0 }];

  const aligned = alignToAnchors(atoms, n, row.anchors);
  if (aligned) return [{ picks: aligned, cost: 0 }];

  const capacity = atoms.reduce((s, a) => s + (a.splittable ? digitCount(a.raw) : 1), 0);
  if (atoms.length < n && capacity >= n) return splits(atoms, n);

  const out: Candidate[] = [];
  if (atoms.length === n) {
    out.push({ picks: atoms.map(pick), cost: 0 });
    // trailing blanks may be the blanks a converter moved to the end: also try the numbers at other positions
    let core = atoms.length;
    while (core > 0 && atoms[core - 1].kind === 'null') core--;
    if (core > 0 && core < n) out.push(...placements(atoms.slice(0, core), n, 1).filter((c) => !samePicks(c.picks, out[0].picks)));
  } else if (atoms.length < n) {
    out.push(...placements(atoms, n, 1));
  } else {
    for (let start = 0; start + n <= atoms.length; start++) out.push({ picks: atoms.slice(start, start + n).map(pick), cost: 1 });
  }
  return out.length > MAX_CANDIDATES ? 'ambiguous' : out;
}

function samePicks(a: Pick[], b: Pick[]) {
  return a.every((p, i) => p.value === b[i].value && p.status === b[i].status);
}

/** Places each atom in the column whose anchor is nearest; valid only if the order is kept. */
function alignToAnchors(atoms: Atom[], n: number, anchors?: number[]): Pick[] | undefined {
  if (!anchors || anchors.length !== n || atoms.length > n || atoms.some((a) => a.x === undefined || a.splittable)) return undefined;
  const picks: Pick[] = Array(n).fill(blank());
  let last = -1;
  for (const a of atoms) {
    let best = -1;
    let bestD = Infinity;
    anchors.forEach((x, i) => {
      const d = Math.abs(x - (a.x as number));
      if (d < bestD) [best, bestD] = [i, d];
    });
    if (best <= last) return undefined;
    picks[best] = pick(a);
    last = best;
  }
  return picks;
}

/** Every order-keeping placement of k atoms into n columns (the others blank). */
function placements(atoms: Atom[], n: number, cost: number): Candidate[] {
  const out: Candidate[] = [];
  const k = atoms.length;
  if (binomial(n, k) > MAX_CANDIDATES) return [];
  const slots: number[] = [];
  const walk = (i: number, from: number) => {
    if (i === k) {
      const picks: Pick[] = Array(n).fill(blank());
      slots.forEach((s, j) => (picks[s] = pick(atoms[j])));
      out.push({ picks, cost });
      return;
    }
    for (let s = from; s <= n - (k - i); s++) {
      slots[i] = s;
      walk(i + 1, s + 1);
    }
  };
  walk(0, 0);
  return out;
}

function binomial(n: number, k: number) {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

const digitCount = (raw: string) => raw.replace(/\D/g, '').length;

/**
 * Ways to cut one run of digits into `parts` numbers printed without leading zeros (a lone "0" is fine);
 * a decimal point can only sit in the last number.
 */
export function cutRun(raw: string, parts: number): string[][] {
  const sign = /^\s*([+-])/.exec(raw)?.[1] ?? '';
  const s = raw.replace(/[^\d.]/g, '');
  const out: string[][] = [];
  const cur: string[] = [];
  const valid = (piece: string, last: boolean) => {
    if (!piece || piece.startsWith('.') || piece.endsWith('.')) return false;
    if (piece.includes('.') && !last) return false;
    const int = piece.split('.')[0];
    return int === '0' || !int.startsWith('0');
  };
  const walk = (from: number, left: number) => {
    if (out.length > MAX_CANDIDATES) return;
    if (left === 1) {
      const piece = s.slice(from);
      if (valid(piece, true)) out.push([...cur, piece]);
      return;
    }
    for (let end = from + 1; end <= s.length - (left - 1); end++) {
      const piece = s.slice(from, end);
      if (!valid(piece, false)) {
        if (piece.includes('.')) break;
        if (piece.startsWith('0')) break;
        continue;
      }
      cur.push(piece);
      walk(end, left - 1);
      cur.pop();
    }
  };
  walk(0, parts);
  // a sign belongs to the first number of the run
  if (sign) for (const cut of out) cut[0] = sign + cut[0];
  return out;
}

/** Every way to cut the row's digit runs so that it has exactly n cells. */
function splits(atoms: Atom[], n: number): Candidate[] | 'ambiguous' {
  const options = atoms.map((a) => {
    const byParts = new Map<number, string[][]>();
    if (!a.splittable) byParts.set(1, [[a.raw]]);
    else for (let k = 1; k <= Math.min(digitCount(a.raw), n); k++) {
      const cuts = cutRun(a.raw, k);
      if (cuts.length) byParts.set(k, cuts);
    }
    return byParts;
  });
  const out: Candidate[] = [];
  const chosen: { atom: Atom; pieces: string[] }[] = [];
  let overflow = false;
  const walk = (i: number, used: number) => {
    if (overflow) return;
    if (i === atoms.length) {
      if (used !== n) return;
      const picks: Pick[] = [];
      for (const { atom, pieces } of chosen) {
        for (const p of pieces) picks.push(atom.kind === 'null' ? blank(atom) : { value: atom.splittable ? Number(p) : atom.value, status: 'value', atom });
      }
      out.push({ picks, cost: 0 });
      if (out.length > MAX_CANDIDATES) overflow = true;
      return;
    }
    const remainingMin = atoms.length - i - 1;
    for (const [k, cuts] of options[i]) {
      if (used + k + remainingMin > n) continue;
      for (const pieces of cuts) {
        chosen.push({ atom: atoms[i], pieces });
        walk(i + 1, used + k);
        chosen.pop();
      }
    }
  };
  walk(0, 0);
  return overflow ? 'ambiguous' : out;
}
