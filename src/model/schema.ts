// The report schema of ../shared/SCHEMA.md as code. Every other part of nianbao (parser, checks, dataset
// columns, UI labels) derives its keys and labels from here, so a change to the contract is made once.

export type Template = '2019' | '2021';
export const TEMPLATES: readonly Template[] = ['2019', '2021'];

export interface Label {
  zh: string;
  en: string;
}

/** One column of a table: its key segment and its labels. */
export interface ColumnDef extends Label {
  key: string;
  /** Amounts (万元) are decimals; everything else is a count. */
  kind: 'count' | 'amount' | 'change';
}

/** One row of a table with the columns it carries (表二 rows differ in their columns). */
export interface RowDef extends Label {
  key: string;
  /** Group label printed beside the row in the official table, e.g. (三)不予公开. */
  group?: Label;
  columns: readonly ColumnDef[];
}

export interface TableDef extends Label {
  id: 't2' | 't3' | 't4';
  rows: readonly RowDef[];
}

const col = (key: string, zh: string, en: string, kind: ColumnDef['kind'] = 'count'): ColumnDef => ({ key, zh, en, kind });

// ---------------------------------------------------------------- 表二 主动公开政府信息情况

const T2_2021_DOC_COLS = [
  col('issued', '本年制发件数', 'issued this year'),
  col('repealed', '本年废止件数', 'repealed this year'),
  col('in_force', '现行有效件数', 'in force'),
];
const T2_2019_DOC_COLS = [
  col('made', '本年新制作数量', 'newly made'),
  col('published', '本年新公开数量', 'newly published'),
  col('total_public', '对外公开总数量', 'total public'),
];
const DECISIONS = col('decisions', '本年处理决定数量', 'decisions this year');
const PREV_ITEMS = col('prev_items', '上一年项目数量', 'items last year');
const CHANGE = col('change', '本年增/减', 'change this year', 'change');

const T2_2021_ROWS: RowDef[] = [
  { key: 'regulations', zh: '规章', en: 'Regulations', columns: T2_2021_DOC_COLS },
  { key: 'normative_docs', zh: '行政规范性文件', en: 'Normative documents', columns: T2_2021_DOC_COLS },
  { key: 'licensing', zh: '行政许可', en: 'Administrative licensing', columns: [DECISIONS] },
  { key: 'penalty', zh: '行政处罚', en: 'Administrative penalties', columns: [DECISIONS] },
  { key: 'coercion', zh: '行政强制', en: 'Administrative coercion', columns: [DECISIONS] },
  {
    key: 'fees', zh: '行政事业性收费', en: 'Administrative fees',
    columns: [col('amount_wan', '本年收费金额（万元）', 'amount this year (10k yuan)', 'amount')],
  },
];

const T2_2019_ROWS: RowDef[] = [
  { key: 'regulations', zh: '规章', en: 'Regulations', columns: T2_2019_DOC_COLS },
  { key: 'normative_docs', zh: '规范性文件', en: 'Normative documents', columns: T2_2019_DOC_COLS },
  { key: 'licensing', zh: '行政许可', en: 'Administrative licensing', columns: [PREV_ITEMS, CHANGE, col('decisions', '处理决定数量', 'decisions')] },
  { key: 'other_services', zh: '其他对外管理服务事项', en: 'Other external services', columns: [PREV_ITEMS, CHANGE, col('decisions', '处理决定数量', 'decisions')] },
  { key: 'penalty', zh: '行政处罚', en: 'Administrative penalties', columns: [PREV_ITEMS, CHANGE, col('decisions', '处理决定数量', 'decisions')] },
  { key: 'coercion', zh: '行政强制', en: 'Administrative coercion', columns: [PREV_ITEMS, CHANGE, col('decisions', '处理决定数量', 'decisions')] },
  { key: 'fees', zh: '行政事业性收费', en: 'Administrative fees', columns: [PREV_ITEMS, CHANGE] },
  {
    key: 'procurement', zh: '政府集中采购', en: 'Central government procurement',
    columns: [col('items', '采购项目数量', 'procurement items'), col('amount_wan', '采购总金额（万元）', 'procurement amount (10k yuan)', 'amount')],
  },
];

// ---------------------------------------------------------------- 表三 收到和处理政府信息公开申请情况

export const APPLICANT_COLUMNS: readonly ColumnDef[] = [
  col('natural_person', '自然人', 'natural persons'),
  col('commercial', '商业企业', 'commercial enterprises'),
  col('research', '科研机构', 'research institutions'),
  col('social_org', '社会公益组织', 'public-interest organisations'),
  col('legal_service', '法律服务机构', 'legal service providers'),
  col('other_org', '其他', 'other organisations'),
];
export const T3_TOTAL_COLUMN = col('total', '总计', 'total');
export const T3_COLUMNS: readonly ColumnDef[] = [...APPLICANT_COLUMNS, T3_TOTAL_COLUMN];

const RESULT: Label = { zh: '三、本年度办理结果', en: 'Outcomes this year' };
const DENIED: Label = { zh: '（三）不予公开', en: 'Denied' };
const UNABLE: Label = { zh: '（四）无法提供', en: 'Unable to provide' };
const NOT_PROCESSED: Label = { zh: '（五）不予处理', en: 'Not processed' };
const OTHER: Label = { zh: '（六）其他处理', en: 'Other handling' };

const t3 = (key: string, zh: string, en: string, group?: Label): RowDef => ({ key, zh, en, group, columns: T3_COLUMNS });

const T3_HEAD_ROWS: RowDef[] = [
  t3('new_received', '一、本年新收政府信息公开申请数量', 'New applications received'),
  t3('carried_over', '二、上年结转政府信息公开申请数量', 'Carried over from last year'),
  t3('granted', '（一）予以公开', 'Granted in full', RESULT),
  t3('partial', '（二）部分公开', 'Granted in part', RESULT),
  t3('denied.state_secret', '1.属于国家秘密', 'State secret', DENIED),
  t3('denied.law_forbidden', '2.其他法律行政法规禁止公开', 'Forbidden by other laws', DENIED),
  t3('denied.security_stability', '3.危及“三安全一稳定”', 'Endangers security or stability', DENIED),
  t3('denied.third_party', '4.保护第三方合法权益', "Third parties' rights", DENIED),
  t3('denied.internal_affairs', '5.属于三类内部事务信息', 'Internal affairs', DENIED),
  t3('denied.process_info', '6.属于四类过程性信息', 'Process information', DENIED),
  t3('denied.enforcement_file', '7.属于行政执法案卷', 'Enforcement case file', DENIED),
  t3('denied.admin_query', '8.属于行政查询事项', 'Administrative query', DENIED),
  t3('unable.not_held', '1.本机关不掌握相关政府信息', 'Not held by the agency', UNABLE),
  t3('unable.needs_creation', '2.没有现成信息需要另行制作', 'Would need to be created', UNABLE),
  t3('unable.unclear', '3.补正后申请内容仍不明确', 'Still unclear after correction', UNABLE),
  t3('not_processed.complaint', '1.信访举报投诉类申请', 'Petition or complaint', NOT_PROCESSED),
  t3('not_processed.duplicate', '2.重复申请', 'Duplicate application', NOT_PROCESSED),
  t3('not_processed.publication', '3.要求提供公开出版物', 'Asks for a publication', NOT_PROCESSED),
  t3('not_processed.excessive', '4.无正当理由大量反复申请', 'Excessive repeated applications', NOT_PROCESSED),
  t3('not_processed.confirmation', '5.要求行政机关确认或重新出具已获取信息', 'Asks to confirm or reissue information', NOT_PROCESSED),
];
/** The three 2021 sub-rows of (六)其他处理. */
export const T3_OTHER_SPLIT_ROWS: readonly RowDef[] = [
  t3('other.no_correction', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', 'No correction in time', OTHER),
  t3('other.no_fee', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', 'Fee not paid in time', OTHER),
  t3('other.other', '3.其他', 'Other', OTHER),
];
export const T3_OTHER_ROW = t3('other', '（六）其他处理', 'Other handling', RESULT);
const T3_TAIL_ROWS: RowDef[] = [
  t3('total', '（七）总计', 'Total handled', RESULT),
  t3('carried_forward', '四、结转下年度继续办理', 'Carried forward to next year'),
];

// ---------------------------------------------------------------- 表四 行政复议、行政诉讼

export const T4_OUTCOMES: readonly ColumnDef[] = [
  col('upheld', '结果维持', 'upheld'),
  col('corrected', '结果纠正', 'corrected'),
  col('other', '其他结果', 'other outcome'),
  col('pending', '尚未审结', 'pending'),
  col('total', '总计', 'total'),
];
export const T4_BLOCKS: readonly RowDef[] = [
  { key: 'review', zh: '行政复议', en: 'Administrative review', columns: T4_OUTCOMES },
  { key: 'suit_direct', zh: '行政诉讼·未经复议直接起诉', en: 'Lawsuit without prior review', columns: T4_OUTCOMES },
  { key: 'suit_after_review', zh: '行政诉讼·复议后起诉', en: 'Lawsuit after review', columns: T4_OUTCOMES },
];

// ---------------------------------------------------------------- layouts

/**
 * The shape of one report: which template its 表二 follows and whether its 表三 splits (六)其他处理.
 * The hybrid seen in real reports is `{ template: '2021', otherSplit: false }`.
 */
export interface Layout {
  template: Template;
  otherSplit: boolean;
}

export const standardLayout = (template: Template): Layout => ({ template, otherSplit: template === '2021' });

export function tables(layout: Layout): TableDef[] {
  const t3Rows = [...T3_HEAD_ROWS, ...(layout.otherSplit ? T3_OTHER_SPLIT_ROWS : []), T3_OTHER_ROW, ...T3_TAIL_ROWS];
  return [
    { id: 't2', zh: '表二 主动公开政府信息情况', en: 'Table 2: proactive disclosure', rows: layout.template === '2021' ? T2_2021_ROWS : T2_2019_ROWS },
    { id: 't3', zh: '表三 收到和处理政府信息公开申请情况', en: 'Table 3: applications received and handled', rows: t3Rows },
    { id: 't4', zh: '表四 政府信息公开行政复议、行政诉讼情况', en: 'Table 4: administrative review and litigation', rows: T4_BLOCKS },
  ];
}

export interface KeyDef {
  key: string;
  table: TableDef['id'];
  row: RowDef;
  column: ColumnDef;
  label: Label;
}

export const makeKey = (table: string, row: string, column: string) => `${table}.${row}.${column}`;

function keyDefs(layout: Layout): KeyDef[] {
  const out: KeyDef[] = [];
  for (const table of tables(layout)) {
    for (const row of table.rows) {
      for (const column of row.columns) {
        out.push({
          key: makeKey(table.id, row.key, column.key),
          table: table.id,
          row,
          column,
          label: { zh: `${row.group && row.group !== RESULT ? row.group.zh : ''}${row.zh}：${column.zh}`, en: `${row.en}: ${column.en}` },
        });
      }
    }
  }
  return out;
}

const layoutCache = new Map<string, KeyDef[]>();
/** Every value key the layout defines, in the official table order. */
export function keysFor(layout: Layout): KeyDef[] {
  const id = `${layout.template}/${layout.otherSplit}`;
  let defs = layoutCache.get(id);
  if (!defs) layoutCache.set(id, (defs = keyDefs(layout)));
  return defs;
}

/** Every key any layout defines: the dataset's value columns. 2021 keys first, then 2019-only keys. */
export const ALL_KEYS: readonly KeyDef[] = (() => {
  const seen = new Map<string, KeyDef>();
  for (const l of [standardLayout('2021'), standardLayout('2019')]) for (const d of keysFor(l)) if (!seen.has(d.key)) seen.set(d.key, d);
  return [...seen.values()];
})();

const KEY_INDEX = new Map(ALL_KEYS.map((d) => [d.key, d]));
export const keyDef = (key: string): KeyDef | undefined => KEY_INDEX.get(key);
export const isAmountKey = (key: string) => keyDef(key)?.column.kind === 'amount';

/** Dataset column name of a value key (SCHEMA.md: `.` → `__`). */
export const columnName = (key: string) => key.replaceAll('.', '__');
export const keyFromColumn = (column: string) => column.replaceAll('__', '.');

export const t3Key = (row: string, column: string) => makeKey('t3', row, column);
export const t4Key = (block: string, outcome: string) => makeKey('t4', block, outcome);
