// PDF → lines of cells from the text layer (pdfjs-dist). Words are grouped into lines by baseline and split into
// cells where the gap between them is wide, keeping each cell's x so columns can be matched across rows. Tables
// run on across page breaks; page numbers ("- 4 -") are dropped so they never land inside a table.
import type { SourceCell, SourceDocument, SourceLine } from '../lines';
import { ParseError } from '../errors';
import { normalizeDocument } from '../normalize';

interface Item {
  str: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

const MAX_PAGES = 80;
const PAGE_NUMBER = /^(?:[-—－–]\s*\d{1,3}\s*[-—－–]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d{1,3}\s*\/\s*\d{1,3})$/;

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;

export async function pdfDocument(bytes: Uint8Array): Promise<SourceDocument> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  const lib = await pdfjs;
  let doc;
  try {
    doc = await lib.getDocument({
      data: bytes.slice(),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: false,
      verbosity: 0,
    }).promise;
  } catch (e) {
    const name = (e as Error)?.name ?? '';
    if (name === 'PasswordException') throw new ParseError('the PDF is encrypted (password protected)');
    throw new ParseError(`not a readable PDF (${(e as Error)?.message ?? name})`);
  }
  try {
    const pages: Item[][] = [];
    const heights: number[] = [];
    for (let p = 1; p <= Math.min(doc.numPages, MAX_PAGES); p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      const items: Item[] = [];
      for (const it of content.items) {
        if (!('str' in it) || !it.str.trim()) continue;
        const h = Math.abs(it.height || it.transform[3] || 10);
        items.push({ str: it.str, x: it.transform[4], y: it.transform[5], w: it.width, h });
        heights.push(h);
      }
      pages.push(items);
      page.cleanup();
    }
    if (!heights.length) throw new ParseError('the PDF has no text layer (a scanned image?); OCR is not supported');
    const lineHeight = median(heights);
    const lines: SourceLine[] = [];
    pages.forEach((items, i) => lines.push(...pageLines(items, i + 1, lineHeight, lines.length)));
    return normalizeDocument({ lines });
  } finally {
    await doc.destroy();
  }
}

function pageLines(items: Item[], page: number, lineHeight: number, offset: number): SourceLine[] {
  // Baselines within 40% of a line height are one line (labels and their numbers sit a point or two apart).
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: Item[][] = [];
  for (const it of sorted) {
    const g = groups[groups.length - 1];
    if (g && Math.abs(g[0].y - it.y) <= 0.4 * lineHeight) g.push(it);
    else groups.push([it]);
  }
  const out: SourceLine[] = [];
  for (const g of groups) {
    g.sort((a, b) => a.x - b.x);
    const cells: SourceCell[] = [];
    let cur: Item | null = null;
    let text = '';
    let start = 0;
    const push = () => {
      if (cur) cells.push({ text, delimited: true, x: Math.round((start + cur.x + cur.w) / 2) });
    };
    for (const it of g) {
      // Pieces closer than a quarter of a character are one word ("1." + "属于国家秘密", "7" + "730.28").
      if (cur && it.x - (cur.x + cur.w) < 0.25 * it.h) {
        text += it.str;
        cur = it;
        continue;
      }
      push();
      cur = it;
      text = it.str;
      start = it.x;
    }
    push();
    const joined = cells.map((c) => c.text.replace(/\s+/g, '')).join('');
    if (PAGE_NUMBER.test(joined)) continue;
    out.push({ cells, line: offset + out.length + 1, page });
  }
  return out;
}

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
