// What the dataset keeps of a report's words so the detector can find copied prose without the texts: a 256-bit
// MinHash sketch of the narrative's 4-character shingles, and the numbers the prose states as one short string.
// Both are computed once per report where it is parsed (the dataset builder) and compared in SQL.
//
// The sketch is one-permutation hashing (Li, Owen & Zhang 2012) into 256 bins, empty bins filled by optimal
// densification (Shrivastava 2017), keeping one bit of each bin's minimum (b-bit minwise hashing, Li & König
// 2010). Two sketches agree in a bit with probability (1 + J) / 2, J the Jaccard similarity of the shingle sets,
// so J ≈ 1 − 2·(differing bits)/256 with a standard error of about 0.04 near J = 0.8: 32 bytes a report, where a
// 64-bit SimHash could not tell a copy (J ≥ 0.8) from two honest reports written from the same national template
// (J up to 0.65 on the demo panel).
import type { ProseFact } from '../model/record';

/** Shingle length in UTF-16 code units: four Chinese characters is about two words. */
const SHINGLE = 4;
/** Below this many shingles a text is too short for "nearly the same" to mean anything. */
export const MIN_SHINGLES = 100;
export const SKETCH_BITS = 256;
const BINS = SKETCH_BITS;

/**
 * The narrative as compared: the agency's own name taken out (a report copied from another agency has its names
 * replaced), every number made one symbol (copies update the year and often the figures; the sentences are what
 * was copied), whitespace dropped.
 */
export function comparableText(narrative: string, agency: string | null): string {
  let s = narrative;
  if (agency && agency.length >= 2) s = s.split(agency).join('');
  return s.replace(/\d+(?:\.\d+)?/g, '#').replace(/\s+/g, '');
}

const fmix32 = (h: number) => {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
};

/** The 256-bit sketch as 64 hex digits, or null when the text is too short. */
export function minhashSketch(text: string): string | null {
  const n = text.length - SHINGLE + 1;
  if (n < MIN_SHINGLES) return null;
  const min = new Uint32Array(BINS).fill(0xffffffff);
  for (let i = 0; i < n; i++) {
    let h = 0x811c9dc5;
    for (let j = 0; j < SHINGLE; j++) h = Math.imul(h ^ text.charCodeAt(i + j), 0x01000193);
    h = fmix32(h);
    // the top 8 bits pick the bin, the other 24 are the shingle's rank within it
    const bin = h >>> 24;
    const rank = h & 0xffffff;
    if (rank < min[bin]) min[bin] = rank;
  }
  const words = new Uint32Array(BINS / 32);
  for (let bin = 0; bin < BINS; bin++) {
    // an empty bin borrows the minimum of the first non-empty bin on its own probe sequence (the same for every text)
    let from = bin;
    for (let attempt = 1; min[from] === 0xffffffff; attempt++) from = fmix32((bin << 16) ^ attempt) % BINS;
    if (fmix32(min[from] ^ Math.imul(bin + 1, 0x9e3779b1)) & 1) words[bin >>> 5] |= 1 << (bin & 31);
  }
  return [...words].map((w) => (w >>> 0).toString(16).padStart(8, '0')).join('');
}

/** The narrative sketch the dataset stores (reports.narrative_minhash). */
export const narrativeSketch = (narrative: string, agency: string | null): string | null => minhashSketch(comparableText(narrative, agency));

/** Estimated Jaccard similarity from the number of differing bits of two sketches. */
export const jaccardFromDistance = (bits: number) => Math.max(0, 1 - (2 * bits) / SKETCH_BITS);

/** The prose's stated numbers as the dataset stores them (reports.prose_facts): "key=value;key=value". */
export const proseFacts = (facts: readonly ProseFact[]): string | null => (facts.length ? facts.map((f) => `${f.key}=${f.value}`).join(';') : null);
