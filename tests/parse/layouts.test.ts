// The same report in every text layout real pages come in gives the same values: tab-separated, markdown pipe
// tables, one cell per line ending in " |", one cell per paragraph, cells separated by runs of spaces (pdftotext
// -layout). Each HTML report of the corpus is re-rendered in each layout from its own table rows.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReportSync } from '../../src/parse';
import { normalizeDocument } from '../../src/parse/normalize';
import { htmlDocument } from '../../src/parse/sources/html';

const CORPUS = join(import.meta.dirname, '../../../shared/corpus');
const html = readdirSync(join(CORPUS, 'reports')).filter((f) => f.endsWith('.html'));

type Render = (cells: string[]) => string;
const blankAs = (mark: string) => (c: string) => (c.trim() === '' ? mark : c.trim().replace(/\s+/g, ''));
const LAYOUTS: Record<string, Render> = {
  'tab-separated': (cells) => cells.map((c) => c.trim()).join('\t'),
  'markdown pipes': (cells) => `| ${cells.map((c) => c.trim()).join(' | ')} |`,
  'cell per line, " |" ends a cell': (cells) => cells.map((c) => (c.trim() ? `${c.trim()} |` : '|')).join('\n'),
  'cell per paragraph, "/" for blanks': (cells) => cells.map(blankAs('/')).join('\n\n'),
  'runs of spaces, "-" for blanks': (cells) => cells.map(blankAs('-')).join('    '),
};

function render(file: string, layout: Render): string {
  const doc = normalizeDocument(htmlDocument(readFileSync(join(CORPUS, 'reports', file), 'utf8')));
  const title = doc.title ? `${doc.title}\n` : '';
  return title + doc.lines.map((l) => (l.cells.length === 1 && !l.cells[0].delimited ? l.cells[0].text.trim() : layout(l.cells.map((c) => c.text)))).join('\n');
}

describe('one report, every text layout', () => {
  for (const file of html) {
    const original = parseReportSync({ name: file, bytes: new Uint8Array(readFileSync(join(CORPUS, 'reports', file))) });
    for (const [name, layout] of Object.entries(LAYOUTS)) {
      it(`${file} as ${name}`, () => {
        const r = parseReportSync({ name: 'r.txt', bytes: new TextEncoder().encode(render(file, layout)) });
        expect(r.layout).toEqual(original.layout);
        expect(r.year).toBe(original.year);
        expect(r.agency).toBe(original.agency);
        expect(r.values).toEqual(original.values);
      });
    }
  }
});

describe('pdftotext -layout text of the corpus PDFs', () => {
  const dir = join(import.meta.dirname, '../fixtures/layout-text');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
    it(file, () => {
      const gold = JSON.parse(readFileSync(join(CORPUS, 'gold', file.replace('.txt', '.json')), 'utf8'));
      const r = parseReportSync({ name: file, bytes: new Uint8Array(readFileSync(join(dir, file))) });
      expect(r.template).toBe(gold.template);
      expect(r.year).toBe(gold.year);
      expect(r.agency).toBe(gold.agency);
      const wrong = Object.entries(gold.values as Record<string, number | null>).filter(([k, v]) => r.values[k] !== v);
      expect(wrong).toEqual([]);
    });
  }
});
