// The documentation says what the code does: the README every column of the model, docs/dataset.md every agency
// field with its words, every special zone and every step of the duplicate rule.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGENCY_FIELDS } from '../../src/dataset/agency-type';
import { DUPLICATE_RULE, SAME_FILE_RULE } from '../../src/dataset/duplicates';
import { ZONES } from '../../src/dataset/region';
import { DATASET_TABLES, VALUE_COLUMNS } from '../../src/model/dataset';

const doc = readFileSync(join(import.meta.dirname, '../../docs/dataset.md'), 'utf8');
const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
/** The README's text under a "#### title" heading, up to the next heading. */
const section = (title: string) => {
  const start = readme.indexOf(`#### ${title}\n`);
  expect(start, title).toBeGreaterThan(0);
  const end = readme.indexOf('\n#', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
};

describe('dataset documentation', () => {
  it('documents every column of every table in the README', () => {
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
