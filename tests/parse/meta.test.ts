// Agency and year from titles as agencies write them.
import { describe, expect, it } from 'vitest';
import { readMeta } from '../../src/parse/meta';

const meta = (head: string, narrative = '', title?: string) => readMeta(title, head, narrative);

describe('agency and year', () => {
  it.each([
    ['洛阳市商务局2021年政府信息公开工作年度报告', '洛阳市商务局', 2021],
    ['2023年度淮安市洪泽区人民政府政府信息公开工作年度报告', '淮安市洪泽区人民政府', 2023],
    ['2024 年上海市科委政府信息公开工作\n年度报告', '上海市科学技术委员会', 2024],
    ['得荣县卫生健康局\n2019年政府信息公开工作年度报告', '得荣县卫生健康局', 2019],
    ['关于印发桃江县审计局2020年政府信息公开工作年度报告的通知', '桃江县审计局', 2020],
    ['南京市玄武区人民政府关于2022年政府信息公开工作年度报告', '南京市玄武区人民政府', 2022],
    ['标题: 平潭综合实验区2021年度政府信息公开工作年度报告', '平潭综合实验区', 2021],
    // places whose names begin like 本机关 / 全市
    ['本溪市溪湖区发展和改革局2025年政府信息公开工作年度报告', '本溪市溪湖区发展和改革局', 2025],
    ['全椒县司法局\n2019年政府信息公开工作年度报告', '全椒县司法局', 2019],
  ])('%s', (head, agency, year) => {
    expect(meta(head)).toEqual({ agency, year });
  });

  it('completes a short title name with the place names the body puts before it', () => {
    expect(meta('# 市商务局2021年政府信息公开工作年度报告', '2021年，洛阳市商务局认真贯彻《条例》').agency).toBe('洛阳市商务局');
    expect(meta('洪泽区人民政府\n2023 年政府信息公开工作年度报告', '本报告由淮安市洪泽区人民政府办公室根据').agency).toBe('淮安市洪泽区人民政府');
  });

  it('prefers the page title over a caption in parentheses, and names no agency for 我局/某局', () => {
    expect(meta('(某区统计局 2023年政府信息公开工作年度报告)\n现公布区统计局2023年政府信息公开工作年度报告').agency).toBe('区统计局');
    expect(meta('(岳阳市南湖新区 某局 2019年政府信息公开工作年度报告)', '2019年我局政府信息公开工作运行良好').agency).toBeNull();
    expect(meta('本机关2020年政府信息公开工作年度报告').agency).toBeNull();
  });

  it('takes the year reported on, not the publication date', () => {
    expect(meta('发布时间：2022-01-27\n某乡', '本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。').year).toBe(2021);
    expect(meta('日期：2024年1月15日', '2023年，我局主动公开信息34条。2023年我局……2024年，我局将继续').year).toBe(2023);
  });
});
