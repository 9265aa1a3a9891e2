// A format-independent document → a validated record: find the tables, detect the template, read each row,
// settle ambiguous readings with the identities, run the checks, and say what could not be read.
import { OTHER_SUB_ROWS, checksFor, runChecks, type Values } from '../model/checks';
import type { CellSource, ReportRecord, SourceFormat } from '../model/record';
import { T3_COLUMNS, T4_BLOCKS, T4_OUTCOMES, keyDef, keysFor, tables, type Layout, type Template } from '../model/schema';
import type { Atom } from './atoms';
import { rowCandidates, type Candidate, type Pick } from './candidates';
import { ParseError } from './errors';
import type { SourceDocument } from './lines';
import { readMeta } from './meta';
import { readProse } from './prose';
import { assemble, type Assembly } from './rows';
import { scan, type Scan, type Token } from './scan';
import { solve, type Constraint, type RowChoice } from './solve';

const TABLE_NAME = { t2: '表二', t3: '表三', t4: '表四' } as const;

export function readDocument(doc: SourceDocument, format: SourceFormat): ReportRecord {
  const s = scan(doc);
  const tableTokens = s.tokens.filter((t) => t.t === 'label' || (t.t === 'atoms' && t.atoms.some((a) => a.kind === 'num')));
  if (!tableTokens.some((t) => t.t === 'atoms') || !tableTokens.some((t) => t.t === 'label' || (t.t === 'atoms' && t.section === 't4'))) {
    throw new ParseError('no 政府信息公开工作年度报告 table found (表二/表三/表四 with numbers)');
  }
  const narrative = s.narrative.join('');
  const head = doc.lines.slice(0, 40).map((l) => l.cells.map((c) => c.text).join(' ')).join('\n');
  const meta = readMeta(doc.title, head, narrative);
  const warnings: string[] = [];
  const layout = detectLayout(s, meta.year, warnings);

  const [t2def, t3def] = tables(layout);
  const t2order = t2def.rows.map((r) => r.key);
  // (六)其他处理 is read before its sub-rows when printed with its own numbers, but never guessed into a gap
  const t3order = t3def.rows.map((r) => r.key).filter((k) => !(layout.otherSplit && k === 'other'));
  const asm2 = assemble(s.tokens, 't2', t2order, s.last === 't2');
  const asm3 = assemble(s.tokens, 't3', t3order, s.last === 't3');
  if (layout.otherSplit) {
    const printed = asm3.entries.find((e) => e.key === 'other' && e.atoms.some((a) => a.kind === 'num'));
    if (printed) asm3.rows.set('other', { atoms: printed.atoms, line: printed.line, truncated: false });
  }
  warnings.push(...asm2.warnings, ...asm3.warnings);

  const rows: RowChoice[] = [];
  const ambiguousRows: string[] = [];
  const addRow = (keys: string[], atoms: Atom[] | undefined, truncated: boolean, anchors?: number[], label?: string) => {
    const n = keys.length;
    if (!atoms) return;
    const signed = keys.map((k) => keyDef(k)?.column.kind === 'change');
    const cands = rowCandidates({ atoms, n, truncated, anchors, signed });
    if (cands === 'ambiguous' || cands.length === 0) {
      rows.push({ keys, candidates: [{ picks: keys.map(() => ({ value: null, status: 'missing' })), cost: 0 }] });
      ambiguousRows.push(label ?? keys[0]);
    } else rows.push({ keys, candidates: cands });
  };

  for (const row of t2def.rows) {
    const got = asm2.rows.get(row.key);
    const keys = row.columns.map((c) => `t2.${row.key}.${c.key}`);
    addRow(keys, got?.atoms, got?.truncated ?? false, anchorsFor(asm2, keys.length), `${TABLE_NAME.t2} ${row.zh}`);
  }
  const t3anchors = anchorsFor(asm3, T3_COLUMNS.length);
  for (const row of t3def.rows) {
    const got = asm3.rows.get(row.key);
    const keys = T3_COLUMNS.map((c) => `t3.${row.key}.${c.key}`);
    addRow(keys, got?.atoms, got?.truncated ?? false, t3anchors, `${TABLE_NAME.t3} ${row.zh}`);
  }
  const t4atoms: Atom[] = [];
  for (const t of s.tokens) if (t.t === 'atoms' && t.section === 't4') t4atoms.push(...t.atoms);
  const t4keys = T4_BLOCKS.flatMap((b) => T4_OUTCOMES.map((o) => `t4.${b.key}.${o.key}`));
  if (s.sections.has('t4')) addRow(t4keys, t4atoms, s.last === 't4', undefined, TABLE_NAME.t4);

  const prose = readProse(narrative);
  const printsOtherTotal = layout.otherSplit && asm3.rows.has('other');
  const constraints: Constraint[] = [
    ...checksFor(layout, printsOtherTotal).map((c) => ({ left: c.left, right: c.right })),
    ...prose.map((f) => ({ left: f.key.split('+'), right: [], constant: f.value })),
  ];
  const resolved = solve(rows, constraints);

  const values: Values = {};
  const cells: Record<string, CellSource> = {};
  const fenUnit = t2YuanUnit(s.tokens);
  const ambiguousCells: string[] = [];
  for (const def of keysFor(layout)) {
    const key = def.key;
    const r = resolved.get(key);
    if (r === undefined) {
      values[key] = null;
      cells[key] = { status: 'missing' };
    } else if (r === 'ambiguous') {
      values[key] = null;
      cells[key] = provenance('ambiguous', rowAtomsOf(rows, key));
      ambiguousCells.push(key);
    } else {
      values[key] = r.value === null ? null : scaleAmount(key, r, def.column.kind === 'amount', fenUnit);
      cells[key] = provenance(r.status, r.atom);
    }
  }
  if (layout.otherSplit) deriveOther(values, cells, printsOtherTotal);
  const missing: string[] = [];
  for (const key in cells) if (cells[key].status === 'missing') missing.push(key);

  const present = (k: string) => cells[k] !== undefined && cells[k].status !== 'missing' && cells[k].status !== 'ambiguous';
  const checks = runChecks(layout, values, present, printsOtherTotal);

  for (const r of ambiguousRows) warnings.push(`${r}: cannot be read (too many possible readings); left blank`);
  if (ambiguousCells.length) {
    warnings.push(`cells run together or misaligned with more than one consistent reading, left blank: ${ambiguousCells.join(', ')}`);
  }
  for (const t of ['t2', 't3', 't4'] as const) {
    const gone = missing.filter((k) => k.startsWith(`${t}.`));
    if (!gone.length) continue;
    const cut = s.last === t || (s.last !== 'post' && order(t) > order(s.last));
    warnings.push(cut
      ? `${TABLE_NAME[t]} incomplete: the document ends part-way (${gone.length} cell(s) missing, from ${gone[0]})`
      : `${TABLE_NAME[t]}: ${gone.length} cell(s) not found (${gone.slice(0, 3).join(', ')}${gone.length > 3 ? ', …' : ''})`);
  }
  if (layout.template === '2021' && !layout.otherSplit) warnings.push('hybrid template: 2021 表二 with a single (六)其他处理 row in 表三');
  if (meta.year !== null && meta.year >= 2022 && layout.template === '2019') warnings.push(`2019 template used for ${meta.year}`);
  if (!meta.agency) warnings.push('agency name not found in the title or body');
  if (meta.year === null) warnings.push('report year not found');

  return {
    agency: meta.agency,
    year: meta.year,
    template: layout.template,
    layout,
    values,
    cells,
    checks,
    warnings,
    complete: missing.length === 0,
    format,
    prose,
    narrative,
  };
}

const order = (s: string) => ['pre', 't2', 't3', 't4', 'post'].indexOf(s);

/** 表二's template from its headers and rows; 表三's (六) split from its sub-row labels. */
function detectLayout(s: Scan, year: number | null, warnings: string[]): Layout {
  let v2021 = 0;
  let v2019 = 0;
  let split = false;
  let single = false;
  for (const t of s.tokens) {
    if (t.t === 'head' && t.section === 't2') {
      if (t.id === '2021') v2021++;
      if (t.id === '2019') v2019++;
    }
    if (t.t === 'label' && t.section === 't2') {
      if (t.key === 'other_services' || t.key === 'procurement') v2019 += 2;
      if (t.key === 'normative_docs' && t.text.startsWith('行政')) v2021++;
    }
    if (t.t === 'label' && t.section === 't3') {
      if (OTHER_SUB_ROWS.includes(t.key)) split = true;
      if (t.key === 'total' || t.key === 'carried_forward') single = true;
    }
  }
  let template: Template;
  if (v2021 !== v2019) template = v2021 > v2019 ? '2021' : '2019';
  else {
    template = split ? '2021' : year !== null && year >= 2021 && !single ? '2021' : '2019';
    warnings.push(`表二 template not recognisable from its headers; ${template} assumed`);
  }
  // A table cut before (六) keeps the template's own form.
  const otherSplit = split || (!single && template === '2021');
  return { template, otherSplit };
}

/** Column positions (PDF x / HTML grid column) learned from the table's rows that show all n cells. */
function anchorsFor(asm: Assembly, n: number): number[] | undefined {
  const full = asm.entries.filter((e) => e.atoms.length === n && e.atoms.every((a) => a.x !== undefined && !a.splittable));
  if (full.length < 2) return undefined;
  return Array.from({ length: n }, (_, i) => median(full.map((e) => e.atoms[i].x as number)));
}

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Whether 表二's money columns are printed in 元 (a header "单位：元"), to convert to the schema's 万元. */
function t2YuanUnit(tokens: Token[]): boolean {
  return tokens.some((t) => t.t === 'head' && t.section === 't2' && t.id === 'unit' && /元/.test(t.text) && !/万元/.test(t.text));
}

function scaleAmount(key: string, pick: Pick, isAmount: boolean, yuanHeader: boolean): number {
  const v = pick.value as number;
  if (!isAmount) return v;
  const inYuan = pick.atom?.unit === '元' || (pick.atom?.unit === undefined && yuanHeader && key.startsWith('t2.'));
  return inYuan ? round(v / 10000) : v;
}

const round = (v: number) => Math.round(v * 1e10) / 1e10;

function provenance(status: CellSource['status'], atom: Atom | undefined): CellSource {
  if (!atom) return { status };
  return atom.page === undefined ? { status, raw: atom.raw, line: atom.line } : { status, raw: atom.raw, line: atom.line, page: atom.page };
}

function rowAtomsOf(rows: RowChoice[], key: string): Atom | undefined {
  const row = rows.find((r) => r.keys.includes(key));
  const cand: Candidate | undefined = row?.candidates[0];
  return cand?.picks[row!.keys.indexOf(key)]?.atom;
}

/** The 2021 (六) row is the sum of its three sub-rows when the report does not print it (SCHEMA.md). */
function deriveOther(values: Values, cells: Record<string, CellSource>, printed: boolean) {
  if (printed) return;
  for (const c of T3_COLUMNS) {
    const parts = OTHER_SUB_ROWS.map((r) => `t3.${r}.${c.key}`);
    const key = `t3.other.${c.key}`;
    if (parts.some((p) => cells[p].status === 'missing' || cells[p].status === 'ambiguous')) {
      values[key] = null;
      cells[key] = { status: parts.some((p) => cells[p].status === 'ambiguous') ? 'ambiguous' : 'missing' };
      continue;
    }
    const nums = parts.map((p) => values[p]).filter((v): v is number => v !== null);
    values[key] = nums.length ? nums.reduce((a, b) => a + b, 0) : null;
    cells[key] = { status: 'derived' };
  }
}
