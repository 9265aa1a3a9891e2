// Text normalisation shared by every input format: one canonical form for labels and numbers, so label
// matching and number reading never see full-width digits, traditional characters or stray spacing.
import * as OpenCC from 'opencc-js/t2cn';
import type { SourceDocument } from './lines';

let toSimplified: ((s: string) => string) | undefined;
const TRADITIONAL_EVIDENCE = 4;
/** Per character: does OpenCC change it on its own? Learned once per character, so the check is a lookup. */
const changes = new Map<number, boolean>();

/**
 * Traditional → simplified, only for traditional text. A few characters are both (乾 in 乾安县, 著 in 著作): a
 * simplified report holds one or two of them, a traditional one dozens, so a handful of distinct characters that
 * OpenCC would change decides it, and simplified place names are never "corrected" (乾安县 stays).
 */
function simplify(text: string): string {
  toSimplified ??= OpenCC.Converter({ from: 'tw', to: 'cn' });
  const seen = new Set<number>();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x3400 || seen.has(c)) continue;
    let changed = changes.get(c);
    if (changed === undefined) {
      const ch = String.fromCharCode(c);
      changed = toSimplified(ch) !== ch;
      changes.set(c, changed);
    }
    if (changed) {
      seen.add(c);
      if (seen.size >= TRADITIONAL_EVIDENCE) return toSimplified(text);
    }
  }
  return text;
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

/**
 * Normalises every cell and the title of a document built from markup (HTML, PDF) in one pass, so the
 * traditional→simplified decision is made once per document and markup is never normalised.
 */
export function normalizeDocument(doc: SourceDocument): SourceDocument {
  const cells = doc.lines.flatMap((l) => l.cells);
  const texts = [doc.title ?? '', ...cells.map((c) => c.text.replaceAll('\u0000', ''))];
  const out = normalizeText(texts.join('\u0000')).split('\u0000');
  cells.forEach((c, i) => (c.text = out[i + 1] ?? c.text));
  return { ...doc, title: doc.title === undefined ? undefined : out[0] };
}
