// The words of the official tables, as tolerant patterns over normalised, compacted text (see normalize.ts).
// Row labels match on their distinctive words so typos ("其他法律行政止公开"), missing numbering, labels cut across
// lines and traditional characters still match; each pattern also consumes the label's numbering ("2.", "(三)")
// so the digit is never read as a value.

export type Section = 'pre' | 't2' | 't3' | 't4' | 'post';

export interface Term {
  /** Row key (t2/t3 `label`), or a header / anchor id. */
  id: string;
  kind: 'label' | 'head';
  source: string;
}

const P = String.raw`(?:\(?[1-8][.、)]|\([1-8]\))?`; // 1. 1、 (1) 1)
const C = String.raw`(?:\([一二三四五六七八]\)|[一二三四五六七八][、.])?`; // (一) 一、
const NOT_DIGIT = String.raw`[^\d]`;

const label = (id: string, ...alts: string[]): Term => ({ id, kind: 'label', source: alts.join('|') });
const head = (id: string, ...alts: string[]): Term => ({ id, kind: 'head', source: alts.join('|') });

export const T2_START = String.raw`第二十条第?\(?[一二三四五六七八九十]+\)?项|信息内容`;
/** 信息内容 also occurs in prose: it opens 表二 only as a header cell or next to 表二's column headers. */
export const t2Guard = (text: string, at: number) =>
  !text.slice(at).startsWith('信息内容') || text.length <= 12 || /^信息内容.{0,6}(?:本年|上一年|采购)/.test(text.slice(at));
export const T3_START = String.raw`本列数据的?勾稽关系|申请人情况|${C}本年新收`;
export const T4_START = String.raw`行政法?复议`;
export const END = String.raw`存在的?主要问题|其他需要报告|改进情况`;

export const T2_TERMS: Term[] = [
  label('regulations', '规章'),
  label('normative_docs', '(?:行政)?规范性文件'),
  label('licensing', '行政许可'),
  label('other_services', '其他对外管理服务事项'),
  label('penalty', '行政处罚'),
  label('coercion', '行政强制'),
  label('fees', '行政事业性收费'),
  label('procurement', '政府集中采购'),
  head('anchor', T2_START),
  head('2021', '本年制发件数', '本年废止件数', '现行有效件数', String.raw`本年收费金额(?:\([^)]*\)?)?`, '本年处理决定数量'),
  head('2019', '本年新(?:制作|公开)?(?:数量)?', '对外公开总数量', '上一年项目数量', '本年增/?减', '处理决定数量', String.raw`采购项目数量`, String.raw`采购总金额(?:\([^)]*\)?)?`),
  head('unit', String.raw`\(?单位[:：]?(?:万元|元)[^)\d]*\)?`, String.raw`保留\d位小数\)?`),
];

export const T3_TERMS: Term[] = [
  label('new_received', `${C}本年新收(?:政府信息公开)?(?:申请)?(?:数量)?`),
  label('carried_over', `${C}上年结转(?:政府信息公开)?(?:申请)?(?:数量)?`),
  label('granted', `${C}予以公开`),
  label('partial', String.raw`${C}部分公开(?:\([^)\d]{0,30}\)?)?`),
  label('denied.state_secret', `${P}(?:属于)?国家秘密`),
  label('denied.law_forbidden', `${P}其他法律${NOT_DIGIT}{0,6}?公开`, `${P}(?:其他)?法律行政法规禁止公开`),
  label('denied.security_stability', `${P}危及${NOT_DIGIT}{0,2}三安全一稳定${NOT_DIGIT}?`, `${P}三安全一稳定${NOT_DIGIT}?`),
  label('denied.third_party', `${P}(?:保护)?第三方合法权益`),
  label('denied.internal_affairs', `${P}(?:属于)?三类内部事务(?:信息)?`),
  label('denied.process_info', `${P}(?:属于)?四类过程性(?:信息)?`),
  label('denied.enforcement_file', `${P}(?:属于)?行政执法案卷`),
  label('denied.admin_query', `${P}(?:属于)?行政查询事项`),
  label('unable.not_held', `${P}本机关不掌握(?:相关)?(?:政府)?(?:信息)?`),
  label('unable.needs_creation', `${P}没有现成信息(?:需要)?(?:另行制作)?`, `${P}需要另行制作`),
  label('unable.unclear', `${P}补正后(?:申请)?(?:内容)?(?:仍)?(?:不明确)?`),
  label('not_processed.complaint', `${P}信访举报投诉(?:类)?(?:申请)?`),
  label('not_processed.duplicate', `${P}重复申请`),
  label('not_processed.publication', `${P}要求提供公开出版物`),
  label('not_processed.excessive', `${P}无正当理由大量反复(?:申请)?`),
  label('not_processed.confirmation', `${P}要求行政机关确认(?:或重新出具)?(?:已获取信息)?`, `${P}重新出具已获取信息`),
  label('other.no_correction', `${P}(?:申请人)?无正当理由逾期${NOT_DIGIT}{0,30}?(?:公开申请|(?=\\d)|$)`),
  label('other.no_fee', `${P}(?:申请人)?逾期未按收费通知${NOT_DIGIT}{0,30}?(?:公开申请|(?=\\d)|$)`, `${P}${NOT_DIGIT}{0,4}缴纳费用${NOT_DIGIT}{0,24}?(?:公开申请|(?=\\d)|$)`),
  label('other.other', `3[.、)]其他(?!法律)(?:处理)?`),
  label('other', `${C}其他处理`),
  label('total', `${C}总计`),
  label('carried_forward', `${C}结转下年度?(?:继续办理)?`),
  head('group', `${C}本年度?办理结果`, `${C}不予公开`, `${C}无法提供`, `${C}不予处理`),
];

export interface CompiledTerms {
  re: RegExp;
  terms: Term[];
}

/** One alternation per section: a single left-to-right scan finds every term in a cell. */
export function compile(terms: Term[], extra: Term[] = []): CompiledTerms {
  const all = [...terms, ...extra];
  return { re: new RegExp(all.map((t) => `(${t.source})`).join('|'), 'g'), terms: all };
}
