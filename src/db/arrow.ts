// DuckDB answers in Arrow; views want plain rows. Integers that came back as bigint become numbers (every count
// in the dataset fits), Arrow lists become arrays.
import type { Row } from './sql';

interface ArrowLike {
  toArray(): ArrayLike<{ toJSON(): Record<string, unknown> } | null>;
}

function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v && typeof v === 'object' && 'toArray' in v && typeof (v as { toArray: unknown }).toArray === 'function') {
    return Array.from((v as { toArray(): ArrayLike<unknown> }).toArray(), plain);
  }
  return v;
}

export function rowsFromArrow(table: ArrowLike): Row[] {
  return Array.from(table.toArray(), (r) => {
    const o = r ? r.toJSON() : {};
    for (const k of Object.keys(o)) o[k] = plain(o[k]);
    return o;
  });
}
