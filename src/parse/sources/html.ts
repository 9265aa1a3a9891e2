// HTML → lines of cells: a line per table row (with rowspan/colspan laid out on a grid, so every cell knows its
// column) and a line per paragraph of text. Word-export pages split labels and even digits across many <span>s and
// mark empty cells with &nbsp; or <o:p>; text is gathered per cell, so those pieces join up again.
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import type { SourceCell, SourceDocument, SourceLine } from '../lines';

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'select', 'option', 'button', 'iframe', 'object', 'svg', 'head']);
const BLOCK = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'header', 'footer',
  'blockquote', 'pre', 'dd', 'dt', 'dl', 'form', 'center', 'hr', 'nav', 'aside', 'main', 'figure', 'figcaption',
  'caption', 'address', 'tr', 'table', 'body', 'html',
]);

const isElement = (n: ChildNode): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style';

/** Cell texts come out as printed: normalise them afterwards (normalizeDocument). */
export function htmlDocument(html: string): SourceDocument {
  const dom = parseDocument(html, { decodeEntities: true, lowerCaseTags: true });
  const lines: SourceLine[] = [];
  let title: string | undefined;
  let text = '';
  const flush = () => {
    if (text.trim()) lines.push({ cells: [{ text, delimited: false }], line: lines.length + 1 });
    text = '';
  };

  const walk = (nodes: ChildNode[]) => {
    for (const node of nodes) {
      if (node.type === 'text') {
        text += node.data;
        continue;
      }
      if (!isElement(node)) continue;
      const tag = node.name;
      if (tag === 'head' || tag === 'title') {
        title ??= findTitle(node);
        continue;
      }
      if (SKIP.has(tag)) continue;
      if (tag === 'table') {
        flush();
        table(node);
        continue;
      }
      const block = BLOCK.has(tag);
      if (block) flush();
      walk(node.children);
      if (block) flush();
    }
  };

  const table = (el: Element) => {
    const rows = rowsOf(el);
    // A layout table (a cell holding the page's own tables or whole paragraphs) is walked as blocks.
    if (rows.some((r) => cellsOf(r).some((c) => contains(c, 'table')))) {
      for (const r of rows) for (const c of cellsOf(r)) {
        walk(c.children);
        flush();
      }
      return;
    }
    const taken: boolean[][] = [];
    rows.forEach((tr, r) => {
      taken[r] ??= [];
      let col = 0;
      const cells: SourceCell[] = [];
      for (const td of cellsOf(tr)) {
        while (taken[r][col]) col++;
        const colspan = span(td.attribs.colspan);
        const rowspan = span(td.attribs.rowspan);
        for (let dr = 0; dr < rowspan; dr++) {
          taken[r + dr] ??= [];
          for (let dc = 0; dc < colspan; dc++) taken[r + dr][col + dc] = true;
        }
        cells.push({ text: textOf(td).trim(), delimited: true, x: col });
        col += colspan;
      }
      if (cells.length) lines.push({ cells, line: lines.length + 1 });
    });
  };

  walk(dom.children);
  flush();
  return { lines, title };
}

function findTitle(el: Element): string | undefined {
  if (el.name === 'title') return textOf(el).trim();
  for (const c of el.children) {
    const t = isElement(c) ? findTitle(c) : undefined;
    if (t) return t;
  }
  return undefined;
}

const span = (v: string | undefined) => Math.min(Math.max(Number.parseInt(v ?? '1', 10) || 1, 1), 200);

function rowsOf(table: Element): Element[] {
  const out: Element[] = [];
  const visit = (n: Element) => {
    for (const c of n.children) {
      if (!isElement(c)) continue;
      if (c.name === 'tr') out.push(c);
      else if (c.name !== 'table') visit(c);
    }
  };
  visit(table);
  return out;
}

const cellsOf = (tr: Element) => tr.children.filter((c): c is Element => isElement(c) && (c.name === 'td' || c.name === 'th'));

function contains(el: Element, tag: string): boolean {
  return el.children.some((c) => isElement(c) && (c.name === tag || contains(c, tag)));
}

/** Text of an element; paragraphs and line breaks inside it become spaces, hidden parts are dropped. */
function textOf(el: Element): string {
  let out = '';
  const visit = (nodes: ChildNode[]) => {
    for (const n of nodes) {
      if (n.type === 'text') out += n.data;
      else if (isElement(n) && !SKIP.has(n.name) && !/display:\s*none/i.test(n.attribs.style ?? '')) {
        const block = n.name === 'p' || n.name === 'br' || n.name === 'div';
        if (block) out += ' ';
        visit(n.children);
        if (block) out += ' ';
      }
    }
  };
  visit(el.children);
  return out;
}
