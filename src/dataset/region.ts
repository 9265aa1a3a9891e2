// Where an agency sits, read from its name with the real division list: the chain of place names the name
// starts with ("河南省洛阳市商务局" → 河南省 › 洛阳市), each link under the previous one. A name that fits several
// places keeps only what they share ("太平镇人民政府": 50 towns → no region, level township); a name that fits
// none gets nulls and a warning. Nothing is guessed.
import type { AdminLevel } from '../model/dataset';
import { PLACEHOLDER_NAMES } from '../parse/places';
import { divisionIndex, isUnder, type Division, type DivisionKind } from './divisions';

/** Names and GB/T 2260 codes of the units an agency sits in; null where the name does not tell. */
export interface Place {
  province: string | null;
  province_code: string | null;
  city: string | null;
  city_code: string | null;
  county: string | null;
  county_code: string | null;
}

export interface Placement extends Place {
  level: AdminLevel | null;
  /** The name after its place chain: the department part ("商务局", "人民政府办公室"). */
  rest: string;
  /** The place chain written the usual way when the place is certain ("淮安市洪泽区"), else null. */
  canonicalPlace: string | null;
  warning: string | null;
}

/**
 * Special zones that are not units of GB/T 2260 but publish reports under their own name. `code` is the deepest
 * unit that certainly contains the zone; the level is the zone's own (their 管委会 rank as prefecture governments).
 */
export const ZONES: readonly { name: string; code: string; level: AdminLevel }[] = [
  { name: '平潭综合实验区', code: '350128', level: 'prefecture' },
  { name: '雄安新区', code: '13', level: 'prefecture' },
  { name: '西咸新区', code: '61', level: 'prefecture' },
  { name: '两江新区', code: '50', level: 'prefecture' },
  { name: '贵安新区', code: '52', level: 'prefecture' },
  { name: '天府新区', code: '51', level: 'prefecture' },
  { name: '赣江新区', code: '36', level: 'prefecture' },
  { name: '滇中新区', code: '53', level: 'prefecture' },
  { name: '兰州新区', code: '6201', level: 'prefecture' },
  { name: '舟山群岛新区', code: '3309', level: 'prefecture' },
  { name: '金普新区', code: '2102', level: 'prefecture' },
  { name: '湘江新区', code: '4301', level: 'prefecture' },
  { name: '哈尔滨新区', code: '2301', level: 'prefecture' },
  { name: '长春新区', code: '2201', level: 'prefecture' },
  { name: '福州新区', code: '3501', level: 'prefecture' },
];

const KIND_LEVEL: Record<DivisionKind, AdminLevel> = { province: 'provincial', city: 'prefecture', county: 'county', township: 'township' };
const KIND_BY_CODE_LENGTH: Record<number, DivisionKind> = { 2: 'province', 4: 'city', 6: 'county', 9: 'township' };

interface Link extends Division {
  /** Set for a special zone: its own level and name. */
  zone?: { level: AdminLevel };
}

let zoneLinks: Map<string, Link> | undefined;
function zones(): Map<string, Link> {
  return (zoneLinks ??= new Map(ZONES.map((z) => [z.name, { code: z.code, name: z.name, kind: KIND_BY_CODE_LENGTH[z.code.length], zone: { level: z.level } }])));
}

/** The longest chain of place names at the start of `name`, each under the one before. */
function chain(name: string): { links: Link[]; end: number } {
  const { byName, longestName } = divisionIndex();
  let candidates: Link[] = [];
  let at = 0;
  const fits = (d: Link) => candidates.length === 0 || candidates.some((c) => isUnder(d, c) || (d.zone !== undefined && d.code === c.code));
  next: for (;;) {
    for (let len = Math.min(longestName, name.length - at); len >= 2; len--) {
      const word = name.slice(at, at + len);
      const zone = zones().get(word);
      const found = [...(byName.get(word) ?? []), ...(zone ? [zone] : [])].filter(fits);
      if (found.length) {
        candidates = found;
        at += len;
        continue next;
      }
    }
    return { links: candidates, end: at };
  }
}

const NATIONAL = /^(?:国务院|国家|中华人民共和国|中国(?!共产党))|^[^省市县区镇乡州盟旗]{2,10}(?:部|总局|总署)$/;
/** Level words a name can start with when it does not name its place ("区统计局"); 市 is a prefecture or a county-level city, so it says nothing. */
const BARE_LEVEL: [RegExp, AdminLevel][] = [
  [/^省/, 'provincial'],
  [/^(?:区|县|旗)/, 'county'],
  [/^(?:镇|乡|街道)/, 'township'],
];
/** A township, its government or street office after the place chain ("…县两城镇人民政府" when 两城镇 is not listed). */
const TOWNSHIP_BODY = /^[^省市县区]{1,10}?(?:镇|乡|街道)(?:(?:人民政府|政府|办事处).*)?$/;

function common(codes: string[], length: number): string | null {
  const first = codes[0]?.slice(0, length);
  return first && first.length === length && codes.every((c) => c.slice(0, length) === first) ? first : null;
}

function placeOf(links: Link[]): Place {
  const { byCode } = divisionIndex();
  const codes = links.map((l) => l.code);
  const province = common(codes, 2);
  const city = common(codes, 4);
  const county = common(codes, 6);
  const provinceName = province ? byCode.get(province)?.name ?? null : null;
  let cityName = city ? byCode.get(city)?.name ?? null : null;
  let cityCode = city;
  if (cityName && PLACEHOLDER_NAMES.has(cityName)) {
    // the districts and counties of a municipality belong to it; a county governed by its province has no city
    const municipality = provinceName?.endsWith('市') ?? false;
    cityName = municipality ? provinceName : null;
    cityCode = municipality ? city : null;
  }
  return {
    province: provinceName,
    province_code: province,
    city: cityName,
    city_code: cityCode,
    county: county ? byCode.get(county)?.name ?? null : null,
    county_code: county,
  };
}

/** "淮安市洪泽区", "沭阳县", "广州市海珠区官洲街道": a district goes with its city, a county stands alone. */
function canonicalPlace(link: Link): string {
  if (link.zone || link.kind === 'province' || link.kind === 'city') return link.name;
  const { byCode } = divisionIndex();
  if (link.kind === 'township') {
    const county = byCode.get(link.code.slice(0, 6));
    return (county ? canonicalPlace(county) : '') + link.name;
  }
  const city = placeOf([link]).city ?? '';
  // "洛阳高新技术产业开发区" already says its city
  const cityWord = city.replace(/(?:市|地区|盟|自治州|州)$/, '');
  return link.name.endsWith('区') && !link.name.startsWith(cityWord) ? city + link.name : link.name;
}

const NONE: Place = { province: null, province_code: null, city: null, city_code: null, county: null, county_code: null };

/** Places an agency by its name. Pure; the division list is built once per process. */
export function placeAgency(name: string): Placement {
  const { links, end } = chain(name);
  const rest = name.slice(end);
  if (links.length === 0) {
    if (NATIONAL.test(name)) return { ...NONE, level: 'national', rest, canonicalPlace: null, warning: null };
    const level = BARE_LEVEL.find(([re]) => re.test(name))?.[1] ?? (TOWNSHIP_BODY.test(name) ? 'township' : null);
    return { ...NONE, level, rest, canonicalPlace: null, warning: `cannot place "${name}" in the division list: region left blank` };
  }
  const levels = new Set(links.map((l) => l.zone?.level ?? KIND_LEVEL[l.kind]));
  let level: AdminLevel | null = levels.size === 1 ? [...levels][0] : null;
  if (level !== null && level !== 'township' && level !== 'national' && TOWNSHIP_BODY.test(rest)) level = 'township';
  const unique = links.length === 1;
  const warning = unique
    ? null
    : `"${name.slice(0, end)}" fits ${links.length} places (${links.slice(0, 3).map((l) => l.code).join(', ')}${links.length > 3 ? ', …' : ''}): region kept only where they agree`;
  return { ...placeOf(links), level, rest, canonicalPlace: unique ? canonicalPlace(links[0]) : null, warning };
}
