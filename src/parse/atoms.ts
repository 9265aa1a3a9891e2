// Cell text → value atoms. An atom is one printed number, one printed blank ("/", "-", "—", empty cell), or a run
// of digits that may hold several cells run together (crawled text) and must be split later.

export interface Atom {
  kind: 'num' | 'null';
  /** Parsed value for `num` atoms (for a run of digits: the value if it were one cell). */
  value: number | null;
  /** Source text of the atom. */
  raw: string;
  /** Digits of a run that came from text without cell delimiters: it may hold several cells. */
  splittable: boolean;
  /** 元 in the source: the builder converts to 万元 where the schema says so. */
  unit?: '元' | '万元';
  line: number;
  page?: number;
  /** Horizontal position: x of a PDF word or grid column of an HTML cell. */
  x?: number;
}

const NUMBER = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(万元|元|件|条|个|项|次|人次|份|起|宗|%)?$/;
const WORD_SIGN = /^(增加?|减少?|新增)(\d+(?:\.\d+)?)(件|条|个|项)?$/;
const NULL_MARK = /^[/\\—-]+$|^无$/;

export interface AtomContext {
  line: number;
  page?: number;
  x?: number;
  /** The text had no cell delimiters: a digit run may be several cells. */
  undelimited: boolean;
}

const atom = (kind: Atom['kind'], value: number | null, raw: string, splittable: boolean, ctx: AtomContext, unit?: Atom['unit']): Atom => ({
  kind, value, raw, splittable, unit, line: ctx.line, page: ctx.page, x: ctx.x,
});

function isDigits(s: string) {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return s.length > 0;
}

/** Reads one whitespace-free piece; undefined when it is not a value (a word, a header fragment). */
export function readPiece(piece: string, ctx: AtomContext): Atom | undefined {
  if (isDigits(piece)) return atom('num', Number(piece), piece, ctx.undelimited && piece.length > 1, ctx);
  if (NULL_MARK.test(piece)) return atom('null', null, piece, false, ctx);
  const m = NUMBER.exec(piece);
  if (m) {
    const [, sign, int, frac = '', unit] = m;
    const value = Number(int.replaceAll(',', '') + frac) * (sign === '-' ? -1 : 1);
    // in text without delimiters a signed run may hold several cells too ("34-38" is 34, -3, 8; "10+41" is 10, 4, 1)
    const splittable = ctx.undelimited && !int.includes(',') && int.length > 1 && unit !== '%';
    return atom('num', value, piece, splittable, ctx, unit === '元' || unit === '万元' ? unit : undefined);
  }
  const w = WORD_SIGN.exec(piece);
  if (w) return atom('num', Number(w[2]) * (w[1].startsWith('减') ? -1 : 1), piece, false, ctx);
  return undefined;
}

const EMBEDDED = /(?:增加?|减少?|新增)?[+-]?\d+(?:,\d{3})*(?:\.\d+)?(?:万元|元|件|条|个|项|次|起)?/g;
// dates, counts of something else, and the numbering of a label ("2.其他法律…" cut short)
const NOT_A_VALUE_AFTER = /^(?:[年月日号时分秒位%]|[.、)](?!\d))/;

/**
 * Reads the value atoms of a text fragment (the part of a cell that is not a label). A delimited cell that is
 * empty is one blank atom; words are skipped, and numbers inside words ("1000001四、…" in crawled text) are
 * read unless they are dates or counts of something else ("2021年", "保留4位小数").
 */
export function readAtoms(fragment: string, ctx: AtomContext, emptyIsBlank: boolean): Atom[] {
  const text = fragment.trim();
  if (!text) return emptyIsBlank ? [atom('null', null, '', false, ctx)] : [];
  const out: Atom[] = [];
  for (const piece of text.split(/\s+/)) {
    const atom = readPiece(piece, ctx);
    if (atom) {
      out.push(atom);
      continue;
    }
    for (const m of piece.matchAll(EMBEDDED)) {
      const after = piece.slice((m.index ?? 0) + m[0].length);
      if (NOT_A_VALUE_AFTER.test(after)) continue;
      const embedded = readPiece(m[0], ctx);
      if (embedded) out.push(embedded);
    }
  }
  return out;
}
