// A report rendered as the document a website publishes: plain HTML tables, Word-export HTML (MsoNormalTable,
// text in <span>s, &nbsp;<o:p> blanks), tab-separated text, markdown pipe tables, one cell per line, or columns
// separated by runs of spaces; with or without the site's chrome around it.
import type { Values } from '../../model/checks';
import { ALL_KEYS, isAmountKey, type Layout } from '../../model/schema';
import type { Narrative } from '../prose';
import type { Agency } from '../universe';
import type { DocFormat, RenderStyle } from './style';
import { compiledTables, escapeHtml, fill, slotMarkup } from './compile';
import { encodeGbk } from './encoding';

export interface ReportContent {
  agency: Agency;
  year: number;
  layout: Layout;
  /** Printed values (null = blank cell). */
  values: Values;
  /** Keys printed as "/" (not applicable). */
  slashed: Set<string>;
  narrative: Narrative;
  style: RenderStyle;
  /** Index number and page id of the publication (for the chrome). */
  serial: number;
}

export interface RenderedDocument {
  bytes: Uint8Array;
  ext: 'html' | 'txt' | 'md';
}

export const FORMAT_EXT: Record<DocFormat, RenderedDocument['ext']> = { html: 'html', word: 'html', tab: 'txt', cells: 'txt', markdown: 'md', spaces: 'txt', crawl: 'txt' };

const SECTION_HEADINGS = [
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
];

function groupThousands(n: number): string {
  const s = String(Math.abs(n));
  if (s.length <= 3) return String(n);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += ',';
    out += s[i];
  }
  return n < 0 ? `-${out}` : out;
}

/** How a key's value is printed: a count of 表三/表四, a 表二 count (maybe with separators), an amount, a change. */
const enum Printed {
  Count,
  T2Count,
  Amount,
  Change,
  Procurement,
}
const PRINTED = new Map<string, Printed>(
  ALL_KEYS.map(({ key }) => [
    key,
    key === 't2.procurement.amount_wan' ? Printed.Procurement : isAmountKey(key) ? Printed.Amount : key.endsWith('.change') ? Printed.Change : key.startsWith('t2.') ? Printed.T2Count : Printed.Count,
  ]),
);

/** The printed text of a value cell: blank text, "/", the number in the site's format, 元 for procurement. */
export function cellText(content: ReportContent): (key: string) => string {
  const { values, style, slashed } = content;
  return (key) => {
    const v = values[key];
    if (v == null) return slashed.has(key) ? '/' : style.blankText;
    switch (PRINTED.get(key)) {
      case Printed.Procurement:
        return style.yuanProcurement ? `${Math.round(v * 1000000) / 100}元` : String(v);
      case Printed.Change:
        return v > 0 && style.signedChange ? `+${v}` : String(v);
      case Printed.T2Count:
        return style.thousands ? groupThousands(v) : String(v);
      default:
        return String(v);
    }
  };
}

/** The report's three tables in its format. */
function tables(content: ReportContent): string[] {
  const { style, layout } = content;
  const text = cellText(content);
  const markup = slotMarkup(style.format, style.splitDigits);
  return compiledTables(style.format, layout, style.labels).map((pieces) => fill(pieces, (key, index) => markup(text(key), index)));
}

export function renderDocument(content: ReportContent): RenderedDocument {
  const format = content.style.format;
  if (format === 'html' || format === 'word') {
    const html = renderHtml(content, format === 'word');
    return { bytes: content.style.gbk ? encodeGbk(html) : UTF8.encode(html), ext: 'html' };
  }
  return { bytes: UTF8.encode(renderText(content, format)), ext: FORMAT_EXT[format] };
}

const UTF8 = new TextEncoder();

// ---------------------------------------------------------------- text formats

function renderText(content: ReportContent, format: Exclude<DocFormat, 'html' | 'word'>): string {
  const { narrative: n, style } = content;
  const [t2, t3, t4] = tables(content);
  const h = (text: string, level: number) => (format === 'markdown' ? `${'#'.repeat(level)} ${text}` : text);
  const out: string[] = [];
  if (style.chrome) out.push(...textChrome(content).head);
  out.push(h(n.title, 1), '', ...n.preface, '', h(SECTION_HEADINGS[0], 2));
  for (const s of n.overview) out.push(h(s.heading, 3), ...s.paragraphs);
  out.push('', h(SECTION_HEADINGS[1], 2), '', t2, '', h(SECTION_HEADINGS[2], 2), '', t3, '', h(SECTION_HEADINGS[3], 2), '', t4, '');
  out.push(...n.afterTable4, '', h(SECTION_HEADINGS[4], 2), ...n.problems, '', h(SECTION_HEADINGS[5], 2), ...n.other, '', n.signature.agency, n.signature.date);
  if (style.chrome) out.push('', ...textChrome(content).foot);
  // A crawler keeps the page as one run of text.
  return format === 'crawl' ? out.join('') : out.join('\n');
}

function textChrome(content: ReportContent) {
  const { agency, year } = content;
  const site = siteName(agency);
  return {
    head: [`${site}`, `首页 > 政务公开 > 政府信息公开年报`, `索引号：${indexNumber(content)}`, `发布机构：${agency.name}`, `发布日期：${year + 1}-0${1 + (content.serial % 3)}-${String(10 + (content.serial % 18)).padStart(2, '0')}`, `【字体：大 中 小】`, ''],
    foot: [`【打印本页】【关闭窗口】`, `主办单位：${site.replace(/门户网站$/, '')}办公室`, `网站标识码：${agency.provinceCode}${String(content.serial % 100000).padStart(8, '0')}`],
  };
}

function siteName(agency: Agency) {
  const place = agency.county && agency.level !== 'prefecture' ? (agency.district && agency.city ? agency.city + agency.county : agency.county) : agency.city ?? agency.province;
  return `${place}人民政府门户网站`;
}

const indexNumber = (content: ReportContent) => `${content.agency.countyCode ?? content.agency.cityCode ?? content.agency.provinceCode}/${content.year + 1}-${String(content.serial % 100000).padStart(5, '0')}`;

// ---------------------------------------------------------------- HTML

function renderHtml(content: ReportContent, word: boolean): string {
  const { narrative: n, style, agency } = content;
  const [t2, t3, t4] = tables(content);
  const charset = style.gbk ? 'gb2312' : 'utf-8';
  const p = word ? wordParagraph : (text: string) => `<p>${escapeHtml(text)}</p>`;
  const heading = word ? (text: string) => wordParagraph(text, true) : (text: string) => `<p><strong>${escapeHtml(text)}</strong></p>`;
  const body: string[] = [];
  body.push(word ? `<p class=MsoNormal align=center style='text-align:center'><b><span style='font-size:22.0pt;font-family:方正小标宋简体'>${escapeHtml(n.title)}</span></b></p>` : `<h1>${escapeHtml(n.title)}</h1>`);
  body.push(...n.preface.map((t) => p(t)), heading(SECTION_HEADINGS[0]));
  for (const s of n.overview) body.push(heading(s.heading), ...s.paragraphs.map((t) => p(t)));
  body.push(heading(SECTION_HEADINGS[1]), t2, heading(SECTION_HEADINGS[2]), t3, heading(SECTION_HEADINGS[3]), t4);
  body.push(...n.afterTable4.map((t) => p(t)), heading(SECTION_HEADINGS[4]), ...n.problems.map((t) => p(t)), heading(SECTION_HEADINGS[5]), ...n.other.map((t) => p(t)));
  body.push(word ? wordParagraph(n.signature.agency, false, 'right') : `<p style="text-align:right">${escapeHtml(n.signature.agency)}</p>`);
  body.push(word ? wordParagraph(n.signature.date, false, 'right') : `<p style="text-align:right">${escapeHtml(n.signature.date)}</p>`);
  const article = word ? `<div class=WordSection1 style='layout-grid:15.6pt'>\n${body.join('\n')}\n</div>` : `<article class="content">\n${body.join('\n')}\n</article>`;
  const title = style.chrome ? `${n.title}_${siteName(agency)}` : n.title;
  const head = `<!DOCTYPE html>\n<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=${charset}">\n<title>${escapeHtml(title)}</title>\n</head>\n<body>\n`;
  if (!style.chrome) return `${head}${article}\n</body>\n</html>\n`;
  const c = textChrome(content);
  const meta = `<table class="xxgk-meta"><tr><td>索引号：</td><td>${indexNumber(content)}</td><td>发布机构：</td><td>${escapeHtml(agency.name)}</td></tr><tr><td>名称：</td><td colspan="3">${escapeHtml(n.title)}</td></tr><tr><td>发布日期：</td><td colspan="3">${c.head[4].slice(5)}</td></tr></table>`;
  return `${head}<div class="header"><div class="logo">${siteName(agency)}</div><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/zwfw/">政务服务</a></li></ul></div>\n<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府信息公开年报</div>\n${meta}\n${article}\n<div class="tools">【字体：<a>大</a> <a>中</a> <a>小</a>】 【<a>打印本页</a>】 【<a>关闭窗口</a>】</div>\n<div class="footer">${c.foot.slice(1).map(escapeHtml).join('<br>')}</div>\n</body>\n</html>\n`;
}

function wordParagraph(text: string, bold = false, align?: 'right'): string {
  const inner = `<span style='font-size:16.0pt;font-family:仿宋_GB2312'>${escapeHtml(text)}</span>`;
  return `<p class=MsoNormal${align ? ` align=${align} style='text-align:${align}'` : " style='text-indent:32.0pt'"}>${bold ? `<b>${inner}</b>` : inner}</p>`;
}
