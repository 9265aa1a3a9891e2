// Plain text and markdown → lines of cells. Delimiters seen in real reports: tabs, pipes (markdown tables, and
// HTML-to-text dumps where every cell ends with " |"), runs of spaces, or none at all (crawled text where cells run
// together, or one cell per line).
import type { SourceCell, SourceDocument, SourceLine } from '../lines';

const MD_RULE = /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;
const BARE_PIPES = /^\s*\|+\s*$/;

/** `text` must already be normalised (normalize.ts). */
export function textDocument(text: string): SourceDocument {
  const raw = text.split('\n');
  // Pipes either end each cell ("0 |", an empty cell is a lone "|") or only separate cells that stand on their
  // own lines (a lone "|" between cells). The second style (almost) never puts a pipe on a line with content.
  let contentWithPipe = 0;
  let barePipe = 0;
  for (const l of raw) {
    if (BARE_PIPES.test(l)) barePipe++;
    else if (l.includes('|')) contentWithPipe++;
  }
  const separatorPipes = barePipe >= 3 && contentWithPipe * 10 <= barePipe;

  const lines: SourceLine[] = [];
  raw.forEach((l, i) => {
    if (MD_RULE.test(l)) return;
    const cells = splitCells(l, separatorPipes);
    if (cells.length) lines.push({ cells, line: i + 1 });
  });
  return { lines };
}

function splitCells(line: string, separatorPipes: boolean): SourceCell[] {
  const delimited = (text: string): SourceCell => ({ text: text.trim(), delimited: true });
  if (line.includes('\t')) return line.split('\t').map(delimited);
  if (line.includes('|')) {
    if (separatorPipes) {
      // k pipes on their own = k - 1 empty cells between them
      const k = line.trim().length;
      return Array.from({ length: k - 1 }, () => delimited(''));
    }
    let body = line.trim();
    if (body.startsWith('|')) body = body.slice(1);
    const pieces = body.split('|');
    if (pieces.length > 1 && pieces[pieces.length - 1].trim() === '') pieces.pop();
    return pieces.map(delimited);
  }
  if (!line.trim()) return [];
  const pieces = line.trim().split(/\s{2,}/);
  return pieces.length > 1 ? pieces.map(delimited) : [{ text: line, delimited: false }];
}
