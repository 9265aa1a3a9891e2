// Text normalisation shared by every input format: one canonical form for labels and numbers, so label
// matching and number reading never see full-width digits, traditional characters or stray spacing.
import * as OpenCC from 'opencc-js/t2cn';

let toSimplified: ((s: string) => string) | undefined;

/**
 * Traditional → simplified, only when the text needs it: converting the distinct characters first is ~10× cheaper
 * than converting the whole document, and most reports are already simplified.
 */
function simplify(text: string): string {
  const distinct = [...new Set(text)].join('');
  toSimplified ??= OpenCC.Converter({ from: 'tw', to: 'cn' });
  return toSimplified(distinct) === distinct ? text : toSimplified(text);
}

const INVISIBLE = /[\u200b-\u200f\u2060\ufeff\u00ad]/g;
const DASHES = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g;

/** NFKC (full-width digits, brackets, spaces → ASCII), simplified characters, one kind of dash, no invisibles. */
export function normalizeText(text: string): string {
  let s = text.replace(/\r\n?/g, '\n').replace(INVISIBLE, '').normalize('NFKC');
  s = s.replace(DASHES, (d) => (d === '\u2014' || d === '\u2015' ? '—' : '-'));
  return simplify(s);
}

const NUMERIC = /[0-9./\-+—%]/;

/**
 * Removes whitespace except between two numeric characters: "商业 企业" → "商业企业", "规章 000" → "规章000",
 * but "23 0 00" keeps the gaps that separate cells in crawled text.
 */
export function compact(text: string): string {
  if (!/\s/.test(text)) return text;
  let out = '';
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\u3000' || ch === '\u00a0' || ch === '\v' || ch === '\f') {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace && NUMERIC.test(out[out.length - 1]) && NUMERIC.test(ch)) out += ' ';
    pendingSpace = false;
    out += ch;
  }
  return out;
}
