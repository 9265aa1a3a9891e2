// What the dataset keeps of a report's words so the detector can find copied prose without the texts: a MinHash
// sketch of the narrative's 4-character shingles with their number, and the numbers the prose states as one
// short string. Both are computed once per report where it is parsed (the dataset builder) and compared in SQL.
//
// The sketch is one-permutation hashing (Li, Owen & Zhang 2012) into 256 bins, empty bins filled by optimal
// densification (Shrivastava 2017), keeping 4 bits of each bin's minimum (b-bit minwise hashing, Li & König
// 2010): one hex digit a bin, 128 bytes a report. Two sketches agree in a bin with probability J + (1 − J)/16, J the
// Jaccard similarity of the shingle sets, so J ≈ (agreeing/256 − 1/16) / (15/16), with a standard error of about
// 0.03 near J = 0.5 — the far tail of a million honest pairs matters, and a 64-bit SimHash or a 1-bit sketch could
// not keep two honest reports written from the same national template apart from a copy. With the two texts'
// shingle counts, J gives the containment |A∩B| / min(|A|, |B|) = J·(|A|+|B|) / ((1+J)·min): a copied report
// posted inside another site's page furniture contains nearly all of the other's text while sharing less of the
// union.
import type { ProseFact } from '../model/record';

/** Shingle length in UTF-16 code units: four Chinese characters is about two words. */
const SHINGLE = 4;
/** Below this many shingles a text is too short for "nearly the same" to mean anything. */
export const MIN_SHINGLES = 100;
/** Bins of the sketch; each keeps 4 bits of its minimum, one hex digit. */
export const SKETCH_BINS = 256;
const BINS = SKETCH_BINS;

/** Characters that end a place name inside an agency's name (甘肃省, 兰州市, 城关区, 永登县, 齐寿镇 …). */
const PLACE_END = new Set('省市区县州旗盟镇乡道'.split(''));

/**
 * The names an agency goes by in its own text: the full name and every tail of it that starts after a place
 * ("兰州市城关区齐寿镇人民政府" → "城关区齐寿镇人民政府", "齐寿镇人民政府", "人民政府"; "白银市商务局" → "商务局"),
 * longest first.
 */
export function ownNames(agency: string): string[] {
  const names = [agency];
  // a place ends at one of these characters unless another follows (兰州市: the place ends at 市, not 州)
  for (let i = 0; i < agency.length - 3; i++) if (PLACE_END.has(agency[i]) && !PLACE_END.has(agency[i + 1])) names.push(agency.slice(i + 1));
  return names;
}

/**
 * The narrative as compared: the agency's own names taken out (a report copied from another agency has its names
 * replaced), every run of numbers made one symbol (copies update the year and often the figures; the sentences
 * are what was copied), whitespace dropped, and one line per sentence: shingles never span a sentence end, since
 * what follows a sentence depends on how the page was laid out (a table, a heading, a page break).
 */
export function comparableText(narrative: string, agency: string | null): string {
  let s = narrative;
  if (agency && agency.length >= 2) for (const name of ownNames(agency)) s = s.split(name).join('@');
  return s
    .replace(/\s+/g, '')
    .replace(/[\d.,，-]*\d[\d.,，-]*/g, '#')
    .replace(/#+/g, '#')
    .replace(/[。！？；!?;]/g, '\n');
}

const fmix32 = (h: number) => {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
};

const HEX = '0123456789abcdef';

/** Bits of the linear-counting bitmap that estimates the number of distinct shingles (≈1% error up to ~10k). */
const COUNT_BITS = 8192;

export interface Sketch {
  /** 256 hex digits, one per bin. */
  minhash: string;
  /** Distinct shingles (estimated): with two sketches' J, how much of the shorter text the longer one contains. */
  shingles: number;
}

/** The sketch of a text (its shingles never span a line break), or null when it is too short. */
export function sketchOf(text: string): Sketch | null {
  const min = new Uint32Array(BINS).fill(0xffffffff);
  const seen = new Uint32Array(COUNT_BITS / 32);
  let n = 0;
  next: for (let i = 0; i + SHINGLE <= text.length; i++) {
    let h = 0x811c9dc5;
    for (let j = 0; j < SHINGLE; j++) {
      const c = text.charCodeAt(i + j);
      if (c === 10) continue next; // a line break: shingles stay inside a line
      h = Math.imul(h ^ c, 0x01000193);
    }
    n++;
    h = fmix32(h);
    // the top 8 bits pick the bin, the other 24 are the shingle's rank within it
    const bin = h >>> 24;
    const rank = h & 0xffffff;
    if (rank < min[bin]) min[bin] = rank;
    const slot = rank & (COUNT_BITS - 1);
    seen[slot >>> 5] |= 1 << (slot & 31);
  }
  if (n < MIN_SHINGLES) return null;
  let minhash = '';
  for (let bin = 0; bin < BINS; bin++) {
    // an empty bin borrows the minimum of the first non-empty bin on its own probe sequence (the same for every text)
    let from = bin;
    for (let attempt = 1; min[from] === 0xffffffff; attempt++) from = fmix32((bin << 16) ^ attempt) % BINS;
    minhash += HEX[fmix32(min[from] ^ Math.imul(bin + 1, 0x9e3779b1)) & 15];
  }
  let empty = 0;
  for (const w of seen) empty += 32 - popcount(w);
  return {
    minhash,
    // linear counting (Whang et al. 1990): n ≈ −m·ln(empty/m)
    shingles: Math.round(-COUNT_BITS * Math.log(Math.max(1, empty) / COUNT_BITS)),
  };
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** The narrative's sketch as the dataset stores it (reports.narrative_minhash, reports.narrative_shingles). */
export const narrativeFingerprint = (narrative: string, agency: string | null): Sketch | null => sketchOf(comparableText(narrative, agency));

/** reports.narrative_minhash alone. */
export const narrativeSketch = (narrative: string, agency: string | null): string | null => narrativeFingerprint(narrative, agency)?.minhash ?? null;


/** The prose's stated numbers as the dataset stores them (reports.prose_facts): "key=value;key=value". */
export const proseFacts = (facts: readonly ProseFact[]): string | null => (facts.length ? facts.map((f) => `${f.key}=${f.value}`).join(';') : null);
