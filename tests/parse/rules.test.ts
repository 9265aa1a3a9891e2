// The reading rules of the parser, each on a small input that isolates it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import * as OpenCC from 'opencc-js/cn2t';
import { describe, expect, it } from 'vitest';
import { parseReport, parseReportSync } from '../../src/parse';

const REPORTS = join(import.meta.dirname, '../../../shared/corpus/reports');
const read = (f: string) => readFileSync(join(REPORTS, f), 'utf8');
const parseText = (text: string, name = 'r.txt') => parseReportSync({ name, bytes: new TextEncoder().encode(text) });
const LUOYANG = read('luoyang-swj-2021.txt');

const T3_HEAD = '三、收到和处理政府信息公开申请情况\n(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)\n';

describe('numbers', () => {
  it('reads negatives and words, thousands separators, full-width digits and 元 → 万元', () => {
    const r = parseText([
      '某县审计局2019年政府信息公开工作年度报告',
      '第二十条第（五）项',
      '信息内容\t上一年项目数量\t本年增/减\t处理决定数量',
      '行政许可\t1,234\t-417\t５６',
      '其他对外管理服务事项\t10\t减4\t3',
      '行政处罚\t７\t+3\t0',
      '行政强制\t2\t增2\t1',
      '第二十条第（九）项',
      '信息内容\t采购项目数量\t采购总金额',
      '政府集中采购\t135\t251000元',
      T3_HEAD,
    ].join('\n'));
    expect(r.template).toBe('2019');
    expect(r.values['t2.licensing.prev_items']).toBe(1234);
    expect(r.values['t2.licensing.change']).toBe(-417);
    expect(r.values['t2.licensing.decisions']).toBe(56);
    expect(r.values['t2.other_services.change']).toBe(-4);
    expect(r.values['t2.penalty.prev_items']).toBe(7);
    expect(r.values['t2.penalty.change']).toBe(3);
    expect(r.values['t2.coercion.change']).toBe(2);
    expect(r.values['t2.procurement.amount_wan']).toBeCloseTo(25.1, 9);
    expect(r.cells['t2.procurement.amount_wan'].raw).toBe('251000元');
  });

  it('keeps blank, "/" and "-" as null, never 0', () => {
    const r = parseText(LUOYANG.replace('规章\t0\t0\t0', '规章\t/\t-\t').replace('行政许可\t184', '行政许可\t—'));
    expect(r.values['t2.regulations.issued']).toBeNull();
    expect(r.values['t2.regulations.repealed']).toBeNull();
    expect(r.values['t2.regulations.in_force']).toBeNull();
    expect(r.values['t2.licensing.decisions']).toBeNull();
    expect(r.cells['t2.regulations.issued'].status).toBe('blank');
    expect(r.values['t2.normative_docs.in_force']).toBe(7);
  });
});

describe('cells run together', () => {
  const runTogether = (t2: string, row: string) =>
    `X县卫生健康委员会2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容本年制发件数本年废止件数现行有效件数\n规章000\n${t2}\n${T3_HEAD}申请人情况\n自然人法人或其他组织总计\n商业企业科研机构社会公益组织法律服务机构其他\n一、本年新收政府信息公开申请数量${row}\n二、上年结转政府信息公开申请数量0000000\n`;

  it('recovers the split from the column count and the row identity', () => {
    const r = parseText(runTogether('行政规范性文件040', '713000074'));
    expect([0, 1, 2, 3, 4, 5, 6].map((i) => r.values[`t3.new_received.${['natural_person', 'commercial', 'research', 'social_org', 'legal_service', 'other_org', 'total'][i]}`])).toEqual([71, 3, 0, 0, 0, 0, 74]);
    expect(r.values['t2.normative_docs.repealed']).toBe(4);
    expect(r.cells['t3.new_received.total'].raw).toBe('713000074');
  });

  it('leaves cells null with a warning when several splits fit', () => {
    const r = parseText(runTogether('行政规范性文件693665', '2000002'));
    for (const c of ['issued', 'repealed', 'in_force']) {
      expect(r.values[`t2.normative_docs.${c}`]).toBeNull();
      expect(r.cells[`t2.normative_docs.${c}`].status).toBe('ambiguous');
    }
    expect(r.warnings.join('\n')).toContain('t2.normative_docs.issued');
    expect(r.values['t3.new_received.total']).toBe(2);
  });

  it('keeps a sign with the cell it starts, and prefers readings without negative counts', () => {
    const text = `X县财政局2019年政府信息公开工作年度报告\n第二十条第（五）项信息内容上一年项目数量本年增/减处理决定数量行政许可34-38其他对外管理服务事项10+41\n${T3_HEAD}一、本年新收政府信息公开申请数量1000001\n`;
    const r = parseText(text);
    expect([r.values['t2.licensing.prev_items'], r.values['t2.licensing.change'], r.values['t2.licensing.decisions']]).toEqual([34, -3, 8]);
    // 10|+4|1 and 1|0|+41 both read as counts: left blank, never guessed
    expect(r.cells['t2.other_services.change'].status).toBe('ambiguous');
  });

  it('uses a total the prose states to choose among splits', () => {
    const text = runTogether('行政规范性文件77132470', '2000002').replace('二、主动公开', '本年度制发的规范性文件77件。\n二、主动公开');
    const r = parseText(text);
    expect(r.values['t2.normative_docs.issued']).toBe(77);
    expect(r.values['t2.normative_docs.repealed']).toBeNull();
    expect(r.prose).toContainEqual(expect.objectContaining({ key: 't2.normative_docs.issued', value: 77 }));
  });
});

describe('labels', () => {
  it('reads traditional characters as their simplified labels', () => {
    const trad = OpenCC.Converter({ from: 'cn', to: 'tw' })(LUOYANG);
    expect(trad).toContain('總計');
    const a = parseText(LUOYANG);
    const b = parseText(trad);
    expect(b.values).toEqual(a.values);
    expect(b.agency).toBe('洛阳市商务局');
  });

  it('tolerates typos, extra spaces, full-width brackets and missing numbering', () => {
    const kw = read('shanghai-kw-2024.md');
    const a = parseText(kw, 'a.md');
    const text = kw.replace('| 3.危及“三安全一稳定” |', '| 危及 三安全一稳定 |')
      .replace('| 4.保护第三方合法权益 |', '| 4．保护第叁方合法权益 |')
      .replace('| （七）总计 |', '| (七) 总 计 |')
      .replace('| 2.重复申请 |', '| 2、重复申请 |');
    const b = parseText(text, 'b.md');
    expect(b.values).toEqual(a.values);
    expect(b.values['t3.total.total']).toBe(35);
  });
});

describe('tables among prose', () => {
  it('does not read the numbers of a sentence between a heading and its table', () => {
    const r = parseText([
      '某市统计局2022年政府信息公开工作年度报告',
      T3_HEAD + '一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0',
      '四、政府信息公开行政复议、行政诉讼情况',
      '本年度共发生行政复议3件，其中维持2件，行政诉讼1件。',
      '行政复议\t行政诉讼',
      '结果维持\t结果纠正\t其他结果\t尚未审结\t总计',
      '2\t1\t0\t0\t3\t1\t0\t0\t0\t1\t0\t0\t0\t0\t0',
      '五、存在的主要问题及改进情况',
    ].join('\n'));
    expect(r.values).toMatchObject({ 't4.review.upheld': 2, 't4.review.corrected': 1, 't4.review.total': 3, 't4.suit_direct.total': 1, 't4.suit_after_review.total': 0 });
    expect(r.year).toBe(2022);
  });
});

describe('templates', () => {
  it('detects 2021, 2019 and the hybrid from the tables, not the year', () => {
    expect(parseText(LUOYANG).layout).toEqual({ template: '2021', otherSplit: true });
    const old = parseText(read('pingtan-2019.txt').replace(/2019年/g, '2022年'));
    expect(old.layout).toEqual({ template: '2019', otherSplit: false });
    expect(old.warnings.join()).toContain('2019 template used for 2022');
    const hybrid = parseText(LUOYANG.replace(/\t\(六\) 其他处理\t1\.申请人[^\n]*\n[^\n]*\n3\.其他[^\n]*\n/, '\t(六) 其他处理\t\t\t\t2\t0\t0\t0\t0\t0\t2\t\n'));
    expect(hybrid.layout).toEqual({ template: '2021', otherSplit: false });
    expect(hybrid.values['t3.other.total']).toBe(2);
    expect('t3.other.no_fee.total' in hybrid.values).toBe(false);
    expect(hybrid.warnings.join()).toContain('hybrid');
  });

  it('derives the 2021 (六) row from its three sub-rows', () => {
    const r = parseText(LUOYANG.replace('3.其他\t\t\t\t0\t0\t0\t0\t0\t0\t0\t0', '3.其他\t\t\t\t0\t0\t0\t0\t0\t0\t3\t3'));
    expect(r.values['t3.other.other.total']).toBe(3);
    expect(r.values['t3.other.total']).toBe(3);
    expect(r.cells['t3.other.total'].status).toBe('derived');
  });
});

describe('checks', () => {
  it('flags totals that do not add up, as printed, naming the cells', () => {
    const r = parseText(LUOYANG.replace('一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0', '一、本年新收政府信息公开申请数量\t4\t0\t0\t0\t0\t0\t5'));
    expect(r.values['t3.new_received.total']).toBe(5);
    const row = r.checks.find((c) => c.id === 't3.row.new_received')!;
    expect(row).toMatchObject({ ok: false, left: 4, right: 5 });
    expect(row.cells).toContain('t3.new_received.total');
    expect(r.checks.find((c) => c.id === 't3.flow.total')!.ok).toBe(false);
    expect(r.checks.filter((c) => c.id.startsWith('t4.')).every((c) => c.ok)).toBe(true);
  });

  it('says which table a cut-off report leaves incomplete and keeps every value before the cut', () => {
    const cut = LUOYANG.slice(0, LUOYANG.indexOf('5.属于三类内部事务信息') + 20);
    const r = parseText(cut);
    expect(r.complete).toBe(false);
    expect(r.values['t2.licensing.decisions']).toBe(184);
    expect(r.values['t3.denied.third_party.total']).toBe(0);
    expect(r.cells['t3.total.total'].status).toBe('missing');
    expect(r.warnings.join('\n')).toMatch(/表三 incomplete/);
    expect(r.warnings.join('\n')).toMatch(/表四 incomplete/);
    expect(r.checks.find((c) => c.id === 't3.flow.total')!.ok).toBeNull();
  });
});

describe('formats', () => {
  it('reads a GBK-encoded page like its UTF-8 original', () => {
    const html = read('shuyang-fgj-2023.html');
    const gbk = iconv.encode(html.replace('charset="utf-8"', 'charset="gbk"'), 'gbk');
    const a = parseReportSync({ name: 'a.html', bytes: new TextEncoder().encode(html) });
    const b = parseReportSync({ name: 'b.html', bytes: new Uint8Array(gbk) });
    expect(b.values).toEqual(a.values);
    expect(b.agency).toBe(a.agency);
  });

  it('reads a DOCX (tables with merged cells) like the same report as text', async () => {
    const bytes = await docxFromTsv(LUOYANG);
    const a = parseText(LUOYANG);
    const b = await parseReport({ name: 'r.docx', bytes });
    expect(b.format).toBe('docx');
    expect(b.values).toEqual(a.values);
    expect(b.agency).toBe('洛阳市商务局');
  });
});

/** A minimal Word document: paragraphs for text lines, one table per run of tab-separated lines. */
async function docxFromTsv(tsv: string): Promise<Uint8Array> {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const para = (s: string) => `<w:p><w:r><w:t xml:space="preserve">${esc(s)}</w:t></w:r></w:p>`;
  const body: string[] = [];
  let rows: string[][] = [];
  const flush = () => {
    if (!rows.length) return;
    const tr = rows.map((cells) => {
      // merge a run of trailing empty cells into the cell before it (a horizontally merged cell)
      let end = cells.length;
      while (end > 1 && cells[end - 1] === '') end--;
      const tcs = cells.slice(0, end).map((c, i) => {
        const span = i === end - 1 && end < cells.length ? `<w:tcPr><w:gridSpan w:val="${cells.length - end + 1}"/></w:tcPr>` : '';
        return `<w:tc>${span}${para(c)}</w:tc>`;
      });
      return `<w:tr>${tcs.join('')}</w:tr>`;
    });
    body.push(`<w:tbl>${tr.join('')}</w:tbl>`);
    rows = [];
  };
  for (const line of tsv.split('\n')) {
    if (line.includes('\t')) rows.push(line.split('\t'));
    else {
      flush();
      body.push(para(line.replace(/^#+\s*/, '')));
    }
  }
  flush();
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body.join('')}</w:body></w:document>`);
  return zip.generateAsync({ type: 'uint8array' });
}

describe('simplified text stays as written', () => {
  it('keeps characters that are also traditional forms (乾安县, 著)', () => {
    const r = parseText(LUOYANG.replace('# 市商务局2021年', '# 乾安县商务局2021年').replace('洛阳市商务局认真', '乾安县商务局著力认真'));
    expect(r.agency).toBe('乾安县商务局');
  });
});
