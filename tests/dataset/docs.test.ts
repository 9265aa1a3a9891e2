// docs/dataset.md documents what the code does: every column of the model, every agency field with its words,
// every special zone and every step of the duplicate rule.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGENCY_FIELDS } from '../../src/dataset/agency-type';
import { DUPLICATE_RULE, SAME_FILE_RULE } from '../../src/dataset/duplicates';
import { ZONES } from '../../src/dataset/region';
import { DATASET_TABLES, VALUE_COLUMNS } from '../../src/model/dataset';

const doc = readFileSync(join(import.meta.dirname, '../../docs/dataset.md'), 'utf8');
/** The text under a "#### title" heading, up to the next heading. */
const section = (title: string) => {
  const start = doc.indexOf(`#### ${title}\n`);
  const end = doc.indexOf('\n#', start + 1);
  return doc.slice(start, end < 0 ? undefined : end);
};

describe('docs/dataset.md', () => {
  it('documents every column of every table', () => {
    for (const [table, columns] of Object.entries(DATASET_TABLES)) {
      const text = section(table);
      for (const c of columns) if (!VALUE_COLUMNS.includes(c)) expect(text, `${table}.${c.name}`).toContain(`\`${c.name}\``);
    }
  });

  it('lists every agency field with its words, in the order they are tried', () => {
    let at = 0;
    for (const { field, words } of AGENCY_FIELDS) {
      const row = `| ${field} | ${words.join(', ')} |`;
      expect(doc, field).toContain(row);
      expect(doc.indexOf(row), field).toBeGreaterThan(at);
      at = doc.indexOf(row);
    }
  });

  it('names every special zone and every duplicate criterion', () => {
    for (const z of ZONES) expect(doc).toContain(z.name);
    for (const c of DUPLICATE_RULE) expect(doc).toContain(`\`${c.rule}\``);
    expect(doc).toContain(`\`${SAME_FILE_RULE}\``);
  });
});
