// A table's markup depends only on the format, the layout and the label style; only the value cells change from
// report to report. Each combination is compiled once into static text with slots for the values, so rendering
// a report is a fill, not a rebuild (the panel renders up to a million documents).
import type { Layout } from '../../model/schema';
import type { DocFormat } from './style';
import { rectangle, table2, table3, table4, type Grid, type GridCell, type LabelStyle } from './tables';

interface Slot {
  key: string;
  /** Position of the cell in the table (the Word export splits the digits of some cells by position). */
  index: number;
}
type Piece = string | Slot;

const NEEDS_ESCAPE = /[&<>]/;
export const escapeHtml = (s: string) => (NEEDS_ESCAPE.test(s) ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : s);

const WORD_TEXT = "style='font-family:宋体'";
const WORD_TD = "style='border:solid windowtext 1.0pt'";
const spans = (c: GridCell) => `${c.rowspan ? ` rowspan=${c.rowspan}` : ''}${c.colspan ? ` colspan=${c.colspan}` : ''}`;

/** Builds pieces, merging neighbouring static text. */
class Pieces {
  readonly list: Piece[] = [];
  text(s: string) {
    const last = this.list.length - 1;
    if (last >= 0 && typeof this.list[last] === 'string') this.list[last] += s;
    else this.list.push(s);
  }
  slot(key: string, index: number) {
    this.list.push({ key, index });
  }
}

/** A Word-export label: one <span>, or (some long labels) two, as Word splits runs. */
function wordLabel(text: string, index: number) {
  if (text.length > 6 && index % 3 === 0) {
    const cut = text.length >> 1;
    return `<span ${WORD_TEXT}>${escapeHtml(text.slice(0, cut))}</span><span ${WORD_TEXT}>${escapeHtml(text.slice(cut))}<span lang=EN-US><o:p></o:p></span></span>`;
  }
  return `<span ${WORD_TEXT}>${escapeHtml(text)}<span lang=EN-US><o:p></o:p></span></span>`;
}

function compile(format: DocFormat, grid: Grid): Piece[] {
  const p = new Pieces();
  let index = 0;
  const cell = (c: GridCell, label: (text: string) => string) => {
    if (c.key) p.slot(c.key, index);
    else p.text(label(c.text));
    index++;
  };
  switch (format) {
    case 'html':
      p.text('<table border="1" cellspacing="0">\n<tbody>\n');
      for (const row of grid) {
        p.text('<tr>');
        for (const c of row) {
          p.text(`<td${c.rowspan ? ` rowspan="${c.rowspan}"` : ''}${c.colspan ? ` colspan="${c.colspan}"` : ''}>`);
          cell(c, escapeHtml);
          p.text('</td>');
        }
        p.text('</tr>\n');
      }
      p.text('</tbody>\n</table>');
      break;
    case 'word':
      p.text("<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;border:none'>\n");
      grid.forEach((row, r) => {
        p.text(` <tr style='mso-yfti-irow:${r}'>`);
        for (const c of row) {
          p.text(`\n  <td${spans(c)} ${WORD_TD}><p class=MsoNormal align=center>`);
          cell(c, (t) => wordLabel(t, index));
          p.text('</p></td>');
        }
        p.text('\n </tr>\n');
      });
      p.text('</table>');
      break;
    case 'tab':
    case 'markdown': {
      const rows = rectangle(grid);
      const [open, sep, close] = format === 'tab' ? ['', '\t', ''] : ['| ', ' | ', ' |'];
      rows.forEach((row, r) => {
        if (r > 0) p.text('\n');
        p.text(open);
        row.forEach((c, i) => {
          if (i > 0) p.text(sep);
          cell(c, (t) => t);
        });
        p.text(close);
        if (r === 0 && format === 'markdown') p.text(`\n|${row.map(() => ' --- |').join('')}`);
      });
      break;
    }
    case 'cells':
      // One cell per line, each closed by " |" (a blank cell is a bare "|"): some sites' text export.
      grid.forEach((row, r) =>
        row.forEach((c, i) => {
          if (r > 0 || i > 0) p.text('\n');
          cell(c, (t) => (t ? `${t} |` : '|'));
        }),
      );
      break;
    case 'crawl':
      // Every cell's text run together, rows too: what a crawler keeps of a page.
      for (const row of grid) for (const c of row) cell(c, (t) => t);
      break;
    case 'spaces':
      // Cells separated by runs of spaces (a PDF's text layer); merged cells appear once.
      grid.forEach((row, r) => {
        if (r > 0) p.text('\n');
        row.forEach((c, i) => {
          if (i > 0) p.text('    ');
          cell(c, (t) => t);
        });
      });
      break;
  }
  return p.list;
}

const compiled = new Map<string, Piece[][]>();

/** The three tables of a layout in a format, compiled (cached per format, layout and label style). */
export function compiledTables(format: DocFormat, layout: Layout, labels: LabelStyle): Piece[][] {
  const id = `${format}|${layout.template}|${layout.otherSplit}|${+labels.halfWidth}${+labels.shortSocialOrg}${+labels.noPartialNote}${+labels.plainNormative}`;
  let tables = compiled.get(id);
  if (!tables) compiled.set(id, (tables = [table2(layout, labels), table3(layout, labels), table4()].map((g) => compile(format, g))));
  return tables;
}

/** A compiled table with its value slots filled: `value(key, index)` gives the slot's markup. */
export function fill(pieces: Piece[], value: (key: string, index: number) => string): string {
  let out = '';
  for (const p of pieces) out += typeof p === 'string' ? p : value(p.key, p.index);
  return out;
}

/** How a value cell's text becomes markup in each format. */
export function slotMarkup(format: DocFormat, splitDigits: boolean): (text: string, index: number) => string {
  switch (format) {
    case 'word':
      return (t, index) => {
        if (t === '') return `<span lang=EN-US><o:p>&nbsp;</o:p></span>`;
        // Word sometimes splits a number's digits across runs.
        if (splitDigits && t.length >= 3 && index % 4 === 0) return `<span lang=EN-US ${WORD_TEXT}>${t.slice(0, 1)}</span><span lang=EN-US ${WORD_TEXT}>${t.slice(1)}<o:p></o:p></span>`;
        return `<span lang=EN-US ${WORD_TEXT}>${t}<o:p></o:p></span>`;
      };
    case 'cells':
      return (t) => (t ? `${t} |` : '|');
    default:
      return (t) => t;
  }
}
