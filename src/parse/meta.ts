// Agency name and report year from the title and body. The title names the report
// ("市商务局2021年政府信息公开工作年度报告"); the body often names the agency in full ("洛阳市商务局"), so a short
// title name is completed with the place names in front of it. The year is the year reported on, never the
// publication date.
import { expandAbbreviation } from '../model/agencies';
import { placeChainLength, placePrefix } from './places';

export interface Meta {
  agency: string | null;
  year: number | null;
}

const NAME_CHARS = String.raw`[^\s\d。，,.:：;；、()（）《》“”"'‘’<>【】\[\]|#\-—/]`;
const REPORT = String.raw`政府信息公开\s*(?:工作)?\s*(?:年度)?\s*报\s*告`;
const AGENCY_FIRST = new RegExp(String.raw`(${NAME_CHARS}{2,40}?)\s*(20\d{2})\s*年\s*度?\s*(?:的)?\s*${REPORT}`, 'g');
const YEAR_FIRST = new RegExp(String.raw`(20\d{2})\s*年\s*度?\s*(${NAME_CHARS}{2,30}?)\s*${REPORT}`, 'g');
const LEAD_WORDS = /^(?:.*?(?:现将|现予|现|特此|予以|关于|编制|制定|发布|公布|印发|标题|根据))+/;
const AGENCY_END = /[局委府室厅处部署院会心所站队区县市省镇乡道办社馆行团司]$/;
const PERIOD = /统计(?:期限|时限|周期|区间)[^\d]{0,8}(20\d{2})\s*年/;
const ANY_YEAR = /(20\d{2})\s*年/g;

interface TitleMatch {
  agency: string;
  year: number;
  /** Inside parentheses (a caption or a note about the page), weaker than a real title. */
  aside: boolean;
  at: number;
}

/** Title-like statements, looked for only around the words 政府信息公开…报告 (the regexes are costly elsewhere). */
function titleMatches(text: string): TitleMatch[] {
  const out: TitleMatch[] = [];
  for (let at = text.indexOf('信息公开'); at >= 0; at = text.indexOf('信息公开', at + 4)) {
    if (!text.slice(at, at + 16).includes('报')) continue;
    const from = Math.max(0, at - 80);
    const window = text.slice(from, at + 24);
    for (const m of matchesIn(window)) if (!out.some((o) => o.at === from + m.at)) out.push({ ...m, at: from + m.at, aside: isAside(text, from + m.at) });
  }
  return out.sort((a, b) => Number(a.aside) - Number(b.aside) || a.at - b.at);
}

function isAside(text: string, at: number) {
  const before = text.slice(text.lastIndexOf('\n', at) + 1, at);
  return before.lastIndexOf('(') > before.lastIndexOf(')');
}

function matchesIn(text: string): Omit<TitleMatch, 'aside'>[] {
  const out: Omit<TitleMatch, 'aside'>[] = [];
  const push = (raw: string, year: string, at: number) => {
    const agency = cleanName(raw);
    if (agency) out.push({ agency, year: Number(year), at });
  };
  for (const m of text.matchAll(AGENCY_FIRST)) push(m[1], m[2], m.index ?? 0);
  for (const m of text.matchAll(YEAR_FIRST)) push(m[2], m[1], m.index ?? 0);
  return out;
}

/**
 * The agency in a title's leading words: verbs before it and "关于" after it go; "我局", "本机关", "全市" are no name,
 * but a place that starts with those characters is (本溪市, 全椒县).
 */
function cleanName(raw: string): string | null {
  let name = raw.replace(/(?:关于|的)+$/, '').replace(LEAD_WORDS, '');
  if (/^(?:我|本|该|全)/.test(name) && placeChainLength(name) === 0) return null;
  if (name.startsWith('某')) name = name.slice(1);
  if (name.length < 3 || !AGENCY_END.test(name)) return null;
  return name;
}

/** "市商务局" + a body that says "洛阳市商务局" → "洛阳市商务局": the longest place-name prefix the body puts before it. */
function completeName(name: string, body: string): string {
  let best = name;
  for (let at = body.indexOf(name); at >= 0; at = body.indexOf(name, at + 1)) {
    const prefix = placePrefix(body.slice(Math.max(0, at - 24), at), name);
    if (prefix.length + name.length > best.length) best = prefix + name;
  }
  return best;
}

export function readMeta(title: string | undefined, head: string, narrative: string): Meta {
  // a real title first (container title, then the top of the page, then the body), captions in parentheses last
  const matches = [title ?? '', head, narrative].flatMap((zone, rank) => titleMatches(zone).map((m) => ({ ...m, rank })));
  matches.sort((a, b) => Number(a.aside) - Number(b.aside) || a.rank - b.rank || a.at - b.at);
  const best = matches[0];
  let agency = best ? expandAbbreviation(completeName(best.agency, head + narrative)) : null;
  let year = best ? best.year : null;
  if (agency && agency.length < 2) agency = null;
  if (year === null) {
    const p = PERIOD.exec(narrative) ?? PERIOD.exec(head);
    if (p) year = Number(p[1]);
  }
  if (year === null) year = commonestYear(narrative);
  return { agency, year };
}

/** The year the prose talks about most ("2021年，我局…"); the earlier one on a tie (plans for next year come later). */
function commonestYear(text: string): number | null {
  const counts = new Map<number, number>();
  for (const m of text.matchAll(ANY_YEAR)) {
    const y = Number(m[1]);
    if (y >= 2008 && y <= 2040) counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  let year: number | null = null;
  let best = 0;
  for (const [y, c] of counts) if (c > best || (c === best && y < (year ?? Infinity))) [year, best] = [y, c];
  return year;
}
