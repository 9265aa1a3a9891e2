// Reading order → tokens. A left-to-right scan over every cell finds the table sections, the row labels and the
// value atoms between them; what lies outside the tables is the report's narrative.
import { readAtoms, type Atom } from './atoms';
import type { SourceDocument } from './lines';
import { compact } from './normalize';
import { END, T2_START, t2Guard, T2_TERMS, T3_START, T3_TERMS, T4_START, compile, type CompiledTerms, type Section, type Term } from './vocabulary';

export type Token =
  | { t: 'label'; section: 't2' | 't3'; key: string; line: number; page?: number; text: string }
  | { t: 'head'; section: Section; id: string; line: number; text: string }
  | { t: 'atoms'; section: 't2' | 't3' | 't4'; atoms: Atom[]; line: number }
  | { t: 'eol'; line: number };

export interface Scan {
  tokens: Token[];
  /** Text outside the tables, one entry per source line. */
  narrative: string[];
  /** Sections the document entered, in order. */
  sections: Set<Section>;
  /** The section the document ended in: a table here means it was cut off part-way. */
  last: Section;
}

type Transition = { to: Section; guard?: (text: string, at: number) => boolean };

// A mention of 行政复议 starts 表四 only as a heading or header: near 行政诉讼 / 结果维持, or in a short cell.
const t4Guard = (text: string, at: number) => text.length <= 40 || /行政诉讼|结果维持|结果纠正|尚未审结/.test(text.slice(at, at + 80));

const term = (id: string, source: string): Term => ({ id, kind: 'head', source });

interface StateDef {
  compiled: CompiledTerms;
  transitions: Map<string, Transition>;
}

function state(terms: Term[], transitions: [string, string, Transition][]): StateDef {
  const extra = transitions.map(([id, source]) => term(id, source));
  return { compiled: compile(terms, extra), transitions: new Map(transitions.map(([id, , tr]) => [id, tr])) };
}

const STATES: Record<Section, StateDef | undefined> = {
  pre: state([], [
    ['->t2', T2_START, { to: 't2', guard: t2Guard }],
    ['->t3', T3_START, { to: 't3' }],
  ]),
  t2: state(T2_TERMS, [
    ['->t3', T3_START, { to: 't3' }],
    ['->t4', T4_START, { to: 't4', guard: t4Guard }],
  ]),
  t3: state([...T3_TERMS, term('t3head', String.raw`本列数据的?勾稽关系|申请人情况`)], [
    ['->t4', T4_START, { to: 't4', guard: t4Guard }],
  ]),
  t4: state([term('t4head', T4_START)], [['->post', END, { to: 'post' }]]),
  post: undefined,
};

const CJK = /[\u4e00-\u9fff]/g;
const SENTENCE_MARK = /[。！？;]|,(?!\d)/;
/** A sentence of prose inside a table section (a note, a paragraph before 表四): its numbers are not cells. */
function isSentence(fragment: string): boolean {
  return SENTENCE_MARK.test(fragment) && (fragment.match(CJK)?.length ?? 0) >= 6;
}

/** Scans a document. Pure and linear in its size. */
export function scan(doc: SourceDocument): Scan {
  const tokens: Token[] = [];
  const narrative: string[] = [];
  const sections = new Set<Section>(['pre']);
  let section: Section = 'pre';
  let t3Open = false; // 表三 rows start at 一、本年新收; before it is the header

  for (const line of doc.lines) {
    let prose = '';
    for (const cell of line.cells) {
      const text = compact(cell.text);
      const ctx = { line: line.line, page: line.page, x: cell.x, undelimited: !cell.delimited };
      if (text === '' && cell.delimited && (section === 't2' || section === 't3' || section === 't4')) {
        if (section !== 't3' || t3Open) tokens.push({ t: 'atoms', section, atoms: readAtoms('', ctx, true), line: line.line });
        continue;
      }
      // prose inside a table section (a paragraph before 表四, a note) still belongs to the narrative
      if (section !== 'pre' && section !== 'post' && text.length <= 600 && SENTENCE_MARK.test(text)) prose += text;
      let pos = 0;
      while (pos <= text.length) {
        const def: StateDef | undefined = STATES[section];
        let m: RegExpExecArray | null = null;
        if (def) {
          def.compiled.re.lastIndex = pos;
          m = def.compiled.re.exec(text);
        }
        const fragment = text.slice(pos, m ? m.index : text.length);
        if (fragment) {
          if ((section === 't2' || section === 't4' || (section === 't3' && t3Open)) && !isSentence(fragment)) {
            const atoms = readAtoms(fragment, ctx, false);
            if (atoms.length) tokens.push({ t: 'atoms', section, atoms, line: line.line });
          } else if (section === 'pre' || section === 'post') prose += fragment;
        }
        if (!m || !def) break;
        const idx = m.findIndex((g, i) => i > 0 && g !== undefined) - 1;
        const found: Term = def.compiled.terms[idx];
        const transition: Transition | undefined = def.transitions.get(found.id);
        if (transition) {
          if (transition.guard && !transition.guard(text, m.index)) {
            pos = m.index + m[0].length;
            continue;
          }
          section = transition.to;
          sections.add(section);
          tokens.push({ t: 'head', section, id: found.id, line: line.line, text: m[0] });
          // the new section's own terms include the anchor: rescan it there (post has none)
          pos = section === 'post' ? m.index + m[0].length : m.index;
          if (section === 'post') prose += m[0];
          continue;
        }
        if (m[0].length === 0) {
          pos = m.index + 1;
          continue;
        }
        if (found.kind === 'label' && (section === 't2' || section === 't3')) {
          if (section === 't3' && !t3Open && found.id === 'new_received') t3Open = true;
          if (section === 't2' || t3Open) tokens.push({ t: 'label', section, key: found.id, line: line.line, page: line.page, text: m[0] });
        } else {
          tokens.push({ t: 'head', section, id: found.id, line: line.line, text: m[0] });
        }
        pos = m.index + m[0].length;
      }
    }
    tokens.push({ t: 'eol', line: line.line });
    if (prose) narrative.push(prose);
  }
  return { tokens, narrative, sections, last: section };
}
