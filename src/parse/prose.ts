// Numbers the report's prose states about its own tables ("本年度共收到70件申请", "行政复议36起"). They break ties
// when run-together digits allow several readings, and the anomaly detector compares them with the tables.
import type { ProseFact } from '../model/record';

interface Pattern {
  /** Value key, or keys joined with '+' when the prose states their sum. */
  key: string;
  re: RegExp;
}

const N = String.raw`(\d+)\s*(?:件|条|个|起|宗)`;
const GAP = String.raw`[^，。；,;\d]{0,16}?`;
/** What an application is called: a number next to 收到/受理 counts applications only if these words are there. */
const APPLICATION = String.raw`(?:政府信息公开|信息公开|依申请公开|公开)(?:的)?(?:申请|信息)?|申请`;
/** "予以公开及部分公开N件" states a sum, not either part. */
const NOT_A_SUM = String.raw`(?![及和与、或])`;

const PATTERNS: Pattern[] = [
  {
    key: 't3.new_received.total',
    re: new RegExp(String.raw`(?:收到|受理|接收|接到|新收)[^，。；,;\d]{0,4}?(?:${APPLICATION})[^，。；,;\d]{0,8}?(?:共计|共|合计)?${N}|(?:收到|受理|接收)(?:各类)?${N}(?:的)?(?:${APPLICATION})`, 'g'),
  },
  { key: 't3.carried_over.total', re: new RegExp(String.raw`上年(?:度)?结转${GAP}${N}`, 'g') },
  { key: 't3.carried_forward.total', re: new RegExp(String.raw`${N}${GAP}(?:结转下|转下一?)年度|结转下年度${GAP}${N}`, 'g') },
  { key: 't3.total.total', re: new RegExp(String.raw`(?:办结|办理完结|办理完毕)${GAP}${N}`, 'g') },
  { key: 't3.granted.total', re: new RegExp(String.raw`(?:予以公开|同意公开)${NOT_A_SUM}(?:答复)?${GAP}${N}`, 'g') },
  { key: 't3.partial.total', re: new RegExp(String.raw`(?<![及和与、])部分公开${NOT_A_SUM}(?:答复)?${GAP}${N}`, 'g') },
  { key: 't4.review.total', re: new RegExp(String.raw`行政复议(?:案件|申请)?${GAP}${N}`, 'g') },
  { key: 't4.suit_direct.total+t4.suit_after_review.total', re: new RegExp(String.raw`行政诉讼(?:案件)?${GAP}${N}`, 'g') },
  { key: 't2.normative_docs.issued', re: new RegExp(String.raw`制发${GAP}规范性文件${GAP}${N}`, 'g') },
  { key: 't2.normative_docs.in_force', re: new RegExp(String.raw`现行有效${GAP}(?:规范性文件)?${GAP}${N}`, 'g') },
];

/** Every statement found, in reading order, each (key, value) once. */
export function readProse(narrative: string): ProseFact[] {
  const facts: ProseFact[] = [];
  for (const { key, re } of PATTERNS) {
    for (const m of narrative.matchAll(re)) {
      const digits = m.slice(1).find((g) => g !== undefined);
      if (digits === undefined) continue;
      const value = Number(digits);
      if (!facts.some((f) => f.key === key && f.value === value)) facts.push({ key, value, quote: m[0] });
    }
  }
  return facts;
}
