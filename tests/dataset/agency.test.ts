// Region, level and type of an agency from its name, with the real division list.
import { describe, expect, it } from 'vitest';
import { describeAgency } from '../../src/dataset/agency';
import { AGENCY_FIELDS, GOVERNMENT, agencyType } from '../../src/dataset/agency-type';
import { placeAgency } from '../../src/dataset/region';

describe('placeAgency', () => {
  it('places a prefecture department by its city', () => {
    const p = placeAgency('洛阳市商务局');
    expect(p).toMatchObject({ province: '河南省', province_code: '41', city: '洛阳市', city_code: '4103', county: null, county_code: null, level: 'prefecture', rest: '商务局', warning: null });
  });

  it('places a district government through its city', () => {
    expect(placeAgency('淮安市洪泽区人民政府')).toMatchObject({ province: '江苏省', city: '淮安市', county: '洪泽区', county_code: '320813', level: 'county', rest: '人民政府' });
  });

  it('places a district named without its city when the name is unique in the country', () => {
    expect(placeAgency('洪泽区人民政府')).toMatchObject({ province: '江苏省', city: '淮安市', county: '洪泽区', level: 'county', canonicalPlace: '淮安市洪泽区' });
  });

  it('leaves the region blank for a town name that many places share, and still knows the level', () => {
    const p = placeAgency('太平镇人民政府');
    expect(p).toMatchObject({ province: null, city: null, county: null, level: 'township', canonicalPlace: null });
    expect(p.warning).toMatch(/太平镇.*fits \d+ places/);
  });

  it('keeps what the candidate places share: two 朝阳区 are in different provinces', () => {
    const p = placeAgency('朝阳区人民政府');
    expect(p).toMatchObject({ province: null, county: null, level: 'county' });
    expect(placeAgency('北京市朝阳区商务局')).toMatchObject({ province: '北京市', city: '北京市', city_code: '1101', county: '朝阳区', county_code: '110105', level: 'county' });
  });

  it('follows the chain down to a township or street', () => {
    expect(placeAgency('广州市海珠区官洲街道办事处')).toMatchObject({ province: '广东省', city: '广州市', county: '海珠区', level: 'township', rest: '办事处' });
    expect(placeAgency('微山县两城镇人民政府')).toMatchObject({ province: '山东省', city: '济宁市', county: '微山县', level: 'township' });
  });

  it('reads a township below its county even when the town is not in the list', () => {
    expect(placeAgency('微山县某某乡人民政府')).toMatchObject({ county: '微山县', level: 'township' });
  });

  it('places provincial agencies and municipalities at the provincial level', () => {
    expect(placeAgency('上海市人民政府办公厅')).toMatchObject({ province: '上海市', city: null, level: 'provincial' });
    expect(placeAgency('河南省商务厅')).toMatchObject({ province: '河南省', city: null, level: 'provincial' });
  });

  it('leaves the city blank for a county governed by its province', () => {
    expect(placeAgency('济源市财政局')).toMatchObject({ province: '河南省', city: null, city_code: null, county: '济源市', level: 'county' });
  });

  it('places a prefecture-level city without counties as the city, not as two places', () => {
    // the division list repeats each of these as its own only county-level row, under the same name
    for (const [name, province, code] of [['嘉峪关市', '甘肃省', '6202'], ['东莞市', '广东省', '4419'], ['中山市', '广东省', '4420'], ['儋州市', '海南省', '4604']]) {
      expect(placeAgency(`${name}商务局`), name).toMatchObject({ province, city: name, city_code: code, county: null, county_code: null, level: 'prefecture', canonicalPlace: name, warning: null });
    }
    expect(placeAgency('甘肃省嘉峪关市人民政府')).toMatchObject({ city: '嘉峪关市', level: 'prefecture', canonicalPlace: '嘉峪关市', warning: null });
    // its streets and towns still hang under it
    expect(placeAgency('嘉峪关市雄关街道办事处')).toMatchObject({ city_code: '6202', county_code: '620201', level: 'township', canonicalPlace: '嘉峪关市雄关街道' });
    expect(describeAgency('东莞市东城街道办事处')).toMatchObject({ city: '东莞市', level: 'township', agency_type: '政府', warning: null });
  });

  it('places special zones from the documented table', () => {
    expect(placeAgency('平潭综合实验区')).toMatchObject({ province: '福建省', county_code: '350128', level: 'prefecture', rest: '' });
    expect(placeAgency('福建省平潭综合实验区')).toMatchObject({ province: '福建省', canonicalPlace: '平潭综合实验区' });
    expect(placeAgency('西咸新区管理委员会')).toMatchObject({ province: '陕西省', city: null, level: 'prefecture' });
  });

  it('knows national agencies without placing them', () => {
    for (const name of ['商务部', '国家统计局', '国务院办公厅', '海关总署']) expect(placeAgency(name)).toMatchObject({ province: null, level: 'national', warning: null });
  });

  it('gives nulls and a warning for a name it cannot place, never a guess', () => {
    const p = placeAgency('区统计局');
    expect(p).toMatchObject({ province: null, city: null, county: null, level: 'county' });
    expect(p.warning).toMatch(/cannot place/);
    expect(placeAgency('市商务局')).toMatchObject({ province: null, level: null });
    expect(placeAgency('某局')).toMatchObject({ province: null, level: null });
  });
});

describe('agencyType', () => {
  it('calls a government, its office, a street office and a zone committee 政府', () => {
    for (const rest of ['', '人民政府', '人民政府办公室', '人民政府办公厅', '政府办', '办事处', '两城镇人民政府', '官洲街道办事处', '高新技术产业开发区管理委员会']) {
      expect(agencyType(rest), rest).toBe(GOVERNMENT);
    }
  });

  it('reads the field of a department, full name or official abbreviation', () => {
    const cases: [string, string][] = [
      ['商务局', '商务'], ['公安局', '公安'], ['卫生健康委员会', '卫生健康'], ['卫健委', '卫生健康'], ['自然资源和规划局', '自然资源'],
      ['教育局', '教育'], ['教委', '教育'], ['财政局', '财政'], ['生态环境局', '生态环境'], ['住房和城乡建设局', '住房城乡建设'], ['住建局', '住房城乡建设'],
      ['交通运输局', '交通运输'], ['农业农村局', '农业农村'], ['水务局', '水利'], ['市场监督管理局', '市场监管'], ['市监局', '市场监管'],
      ['发展和改革委员会', '发展改革'], ['发改委', '发展改革'], ['人力资源和社会保障局', '人力资源社会保障'], ['人社局', '人力资源社会保障'],
      ['民政局', '民政'], ['司法局', '司法'], ['审计局', '审计'], ['统计局', '统计'], ['应急管理局', '应急管理'], ['退役军人事务局', '退役军人事务'],
      ['文化广电和旅游局', '文化旅游'], ['医疗保障局', '医疗保障'], ['税务局', '税务'], ['科学技术委员会', '科技'], ['科委', '科技'],
      ['工业和信息化局', '工业和信息化'], ['经信局', '工业和信息化'], ['城市管理局', '城市管理'], ['住房公积金管理中心', '住房公积金'],
    ];
    for (const [rest, field] of cases) expect(agencyType(rest), rest).toBe(field);
  });

  it('types a department under a government by its own field, not as the government', () => {
    expect(agencyType('人民政府国有资产监督管理委员会')).toBe('国资');
    expect(agencyType('人民政府外事办公室')).toBe('外事');
  });

  it('does not read 民政 into 人民政府', () => {
    expect(agencyType('县人民政府')).toBe(GOVERNMENT);
  });

  it('returns null when no field is recognised', () => {
    expect(agencyType('某局')).toBeNull();
  });

  it('has every field reachable by its first word', () => {
    for (const { field, words } of AGENCY_FIELDS) expect(agencyType(`${words[0]}局`), field).toBe(field);
  });
});

describe('describeAgency', () => {
  it('gives the issue examples', () => {
    expect(describeAgency('洛阳市商务局')).toMatchObject({ canonical: '洛阳市商务局', province: '河南省', city: '洛阳市', level: 'prefecture', agency_type: '商务', warning: null });
    expect(describeAgency('淮安市洪泽区人民政府')).toMatchObject({ province: '江苏省', city: '淮安市', county: '洪泽区', level: 'county', agency_type: '政府' });
    expect(describeAgency('太平镇人民政府')).toMatchObject({ province: null, level: 'township', agency_type: '政府' });
  });

  it('groups the spellings of one agency under one canonical name', () => {
    const canon = (n: string) => describeAgency(n).canonical;
    expect(canon('洪泽区人民政府')).toBe(canon('淮安市洪泽区人民政府'));
    expect(canon('河南省洛阳市商务局')).toBe('洛阳市商务局');
    expect(canon('上海市科委')).toBe('上海市科学技术委员会');
    expect(canon('福建省平潭综合实验区')).toBe(canon('平潭综合实验区'));
    expect(canon(' 沭阳县 发改委')).toBe('沭阳县发展和改革委员会');
    // a county keeps no city in front; a development zone that names its city gets none added
    expect(canon('宿迁市沭阳县发展和改革局')).toBe('沭阳县发展和改革局');
    expect(canon('洛阳高新技术产业开发区管理委员会')).toBe('洛阳高新技术产业开发区管理委员会');
  });

  it('keeps an unplaceable name as read and says why', () => {
    const a = describeAgency('某局');
    expect(a).toMatchObject({ canonical: '某局', province: null, level: null, agency_type: null });
    expect(a.warning).toMatch(/cannot place.*no agency type/);
  });
});

describe('names with full-width characters', () => {
  it('finds a street whose listed name has full-width brackets', () => {
    // the list writes （工业园区）城南街道; agency names are NFKC-normalised, so the street is written with ASCII brackets
    expect(placeAgency('(工业园区)城南街道办事处')).toMatchObject({ level: 'township', rest: '办事处' });
    expect(placeAgency('(工业园区)城南街道办事处').province).not.toBeNull();
  });
});
