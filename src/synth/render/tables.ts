// The three statistical tables of a report as grids with merged cells, in the official template's shape
// (国办公开办函〔2019〕60号 / 〔2021〕30号). Every renderer (HTML, Word export, tab text, markdown, one cell per line)
// serialises these grids, so the tables are defined once.
import type { Layout } from '../../model/schema';

export interface GridCell {
  /** Label text ('' for a value cell). */
  text: string;
  /** The value key printed in the cell (a value cell; renderers fill it in per report). */
  key?: string;
  rowspan?: number;
  colspan?: number;
}
export type Grid = GridCell[][];

export interface LabelStyle {
  /** Brackets of the numbering: full-width （一） or half-width (一). */
  halfWidth: boolean;
  /** 社会组织 instead of 社会公益组织 (seen in real reports). */
  shortSocialOrg: boolean;
  /** Drop the note "（区分处理的，只计这一情形，不计其他情形）" after 部分公开. */
  noPartialNote: boolean;
  /** Call 2021 normative documents "规范性文件" (as many reports do) instead of "行政规范性文件". */
  plainNormative: boolean;
}

const L = (text: string): GridCell => ({ text });
const V = (key: string, colspan?: number): GridCell => (colspan ? { text: '', key, colspan } : { text: '', key });
const span = (text: string, rowspan: number, colspan: number): GridCell => ({ text, ...(rowspan > 1 ? { rowspan } : {}), ...(colspan > 1 ? { colspan } : {}) });

export function numbering(text: string, style: LabelStyle): string {
  return style.halfWidth ? text.replace(/（/g, '(').replace(/）/g, ')') : text;
}

export function table2(layout: Layout, style: LabelStyle): Grid {
  const item = (n: string) => [span(numbering(`第二十条第（${n}）项`, style), 1, 4)];
  if (layout.template === '2021') {
    const decisions = [L('信息内容'), span('本年处理决定数量', 1, 3)];
    return [
      item('一'),
      [L('信息内容'), L('本年制发件数'), L('本年废止件数'), L('现行有效件数')],
      [L('规章'), V('t2.regulations.issued'), V('t2.regulations.repealed'), V('t2.regulations.in_force')],
      [L(style.plainNormative ? '规范性文件' : '行政规范性文件'), V('t2.normative_docs.issued'), V('t2.normative_docs.repealed'), V('t2.normative_docs.in_force')],
      item('五'),
      decisions,
      [L('行政许可'), V('t2.licensing.decisions', 3)],
      item('六'),
      decisions,
      [L('行政处罚'), V('t2.penalty.decisions', 3)],
      [L('行政强制'), V('t2.coercion.decisions', 3)],
      item('八'),
      [L('信息内容'), span(numbering('本年收费金额（单位：万元）', style), 1, 3)],
      [L('行政事业性收费'), V('t2.fees.amount_wan', 3)],
    ];
  }
  const items = [L('信息内容'), L('上一年项目数量'), L('本年增/减'), L('处理决定数量')];
  const row3 = (label: string, key: string) => [L(label), V(`t2.${key}.prev_items`), V(`t2.${key}.change`), V(`t2.${key}.decisions`)];
  return [
    item('一'),
    [L('信息内容'), L('本年新制作数量'), L('本年新公开数量'), L('对外公开总数量')],
    [L('规章'), V('t2.regulations.made'), V('t2.regulations.published'), V('t2.regulations.total_public')],
    [L('规范性文件'), V('t2.normative_docs.made'), V('t2.normative_docs.published'), V('t2.normative_docs.total_public')],
    item('五'),
    items,
    row3('行政许可', 'licensing'),
    row3('其他对外管理服务事项', 'other_services'),
    item('六'),
    items,
    row3('行政处罚', 'penalty'),
    row3('行政强制', 'coercion'),
    item('八'),
    [L('信息内容'), L('上一年项目数量'), span('本年增/减', 1, 2)],
    [L('行政事业性收费'), V('t2.fees.prev_items'), V('t2.fees.change', 2)],
    item('九'),
    [L('信息内容'), L('采购项目数量'), span('采购总金额', 1, 2)],
    [L('政府集中采购'), V('t2.procurement.items'), V('t2.procurement.amount_wan', 2)],
  ];
}

const T3_COLS = ['natural_person', 'commercial', 'research', 'social_org', 'legal_service', 'other_org', 'total'];

const GROUPS: { label: string; rows: [string, string][] }[] = [
  {
    label: '（三）不予公开',
    rows: [
      ['denied.state_secret', '1.属于国家秘密'],
      ['denied.law_forbidden', '2.其他法律行政法规禁止公开'],
      ['denied.security_stability', '3.危及“三安全一稳定”'],
      ['denied.third_party', '4.保护第三方合法权益'],
      ['denied.internal_affairs', '5.属于三类内部事务信息'],
      ['denied.process_info', '6.属于四类过程性信息'],
      ['denied.enforcement_file', '7.属于行政执法案卷'],
      ['denied.admin_query', '8.属于行政查询事项'],
    ],
  },
  {
    label: '（四）无法提供',
    rows: [
      ['unable.not_held', '1.本机关不掌握相关政府信息'],
      ['unable.needs_creation', '2.没有现成信息需要另行制作'],
      ['unable.unclear', '3.补正后申请内容仍不明确'],
    ],
  },
  {
    label: '（五）不予处理',
    rows: [
      ['not_processed.complaint', '1.信访举报投诉类申请'],
      ['not_processed.duplicate', '2.重复申请'],
      ['not_processed.publication', '3.要求提供公开出版物'],
      ['not_processed.excessive', '4.无正当理由大量反复申请'],
      ['not_processed.confirmation', '5.要求行政机关确认或重新出具已获取信息'],
    ],
  },
];
const OTHER_GROUP = {
  label: '（六）其他处理',
  rows: [
    ['other.no_correction', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
    ['other.no_fee', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'],
    ['other.other', '3.其他'],
  ] as [string, string][],
};

export function table3(layout: Layout, style: LabelStyle): Grid {
  const values = (row: string) => T3_COLS.map((c) => V(`t3.${row}.${c}`));
  const n = (s: string) => numbering(s, style);
  const groups = layout.otherSplit ? [...GROUPS, OTHER_GROUP] : GROUPS;
  const resultRows = 2 + groups.reduce((a, g) => a + g.rows.length, 0) + (layout.otherSplit ? 0 : 1) + 1;
  const grid: Grid = [
    [span(n('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）'), 3, 3), span('申请人情况', 1, 7)],
    [span('自然人', 2, 1), span('法人或其他组织', 1, 5), span('总计', 2, 1)],
    [L('商业企业'), L('科研机构'), L(style.shortSocialOrg ? '社会组织' : '社会公益组织'), L('法律服务机构'), L('其他')],
    [span('一、本年新收政府信息公开申请数量', 1, 3), ...values('new_received')],
    [span('二、上年结转政府信息公开申请数量', 1, 3), ...values('carried_over')],
    [span('三、本年度办理结果', resultRows, 1), span(n('（一）予以公开'), 1, 2), ...values('granted')],
    [span(n(style.noPartialNote ? '（二）部分公开' : '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'), 1, 2), ...values('partial')],
  ];
  for (const g of groups) {
    g.rows.forEach(([key, label], i) => grid.push([...(i === 0 ? [span(n(g.label), g.rows.length, 1)] : []), L(label), ...values(key)]));
  }
  if (!layout.otherSplit) grid.push([span(n('（六）其他处理'), 1, 2), ...values('other')]);
  grid.push([span(n('（七）总计'), 1, 2), ...values('total')]);
  grid.push([span('四、结转下年度继续办理', 1, 3), ...values('carried_forward')]);
  return grid;
}

export function table4(): Grid {
  const outcomes = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  const blocks = ['review', 'suit_direct', 'suit_after_review'];
  return [
    [span('行政复议', 1, 5), span('行政诉讼', 1, 10)],
    [...outcomes.map((o) => span(o, 2, 1)), span('未经复议直接起诉', 1, 5), span('复议后起诉', 1, 5)],
    [...outcomes.map(L), ...outcomes.map(L)],
    blocks.flatMap((b) => ['upheld', 'corrected', 'other', 'pending', 'total'].map((o) => V(`t4.${b}.${o}`))),
  ];
}

/**
 * The grid as a rectangle: each merged cell at its top-left position, an empty cell at the positions it covers
 * (what copying a table out of a browser or a PDF converter gives).
 */
export function rectangle(grid: Grid): GridCell[][] {
  const out: GridCell[][] = [];
  const taken: boolean[][] = [];
  const empty: GridCell = { text: '' };
  grid.forEach((row, r) => {
    out[r] ??= [];
    taken[r] ??= [];
    let c = 0;
    for (const cell of row) {
      while (taken[r][c]) c++;
      const rs = cell.rowspan ?? 1;
      const cs = cell.colspan ?? 1;
      for (let i = 0; i < rs; i++) {
        out[r + i] ??= [];
        taken[r + i] ??= [];
        for (let j = 0; j < cs; j++) {
          out[r + i][c + j] = i === 0 && j === 0 ? cell : empty;
          taken[r + i][c + j] = true;
        }
      }
      c += cs;
    }
  });
  const width = Math.max(...out.map((r) => r.length));
  return out.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? empty));
}
