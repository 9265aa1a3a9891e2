// Whatever it is given, the parser returns a record or throws a ParseError (one line a user can act on): never
// another error, never a hang. Property tests over arbitrary strings and bytes, and over real reports mutated.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError, parseReport, parseReportSync } from '../../src/parse';

const REPORTS = join(import.meta.dirname, '../../../shared/corpus/reports');
const texts = readdirSync(REPORTS)
  .filter((f) => /\.(txt|md|html)$/.test(f))
  .map((f) => ({ name: f, text: readFileSync(join(REPORTS, f), 'utf8') }));
const encode = (s: string) => new TextEncoder().encode(s);

/** Runs the parser and reports how it ended; anything but a record or a ParseError fails the property. */
function outcome(run: () => unknown): 'record' | 'rejected' {
  try {
    const r = run() as { values: Record<string, unknown> };
    expect(typeof r.values).toBe('object');
    return 'record';
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    expect(e.message).not.toContain('\n');
    return 'rejected';
  }
}

const timed = <T>(fn: () => T, ms: number): T => {
  const t0 = performance.now();
  const out = fn();
  expect(performance.now() - t0).toBeLessThan(ms);
  return out;
};

describe('parser robustness', () => {
  it('arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 4000 }), fc.constantFrom('a.txt', 'a.md', 'a.html'), (s, name) => {
        timed(() => outcome(() => parseReportSync({ name, bytes: encode(s) })), 5000);
      }),
      { numRuns: 300 },
    );
  });

  it('arbitrary bytes, any claimed format', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 8000 }), fc.constantFrom('a.txt', 'a.html', 'a.pdf', 'a.docx'), async (bytes, name) => {
        try {
          await parseReport({ name, bytes });
        } catch (e) {
          expect(e).toBeInstanceOf(ParseError);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('real reports with random edits: deletions, insertions, duplicated and dropped lines, cuts', () => {
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 200 }) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ maxLength: 30 }) }),
      fc.record({ kind: fc.constant('digits' as const), at: fc.nat(), text: fc.stringMatching(/^[0-9 |\t/-]{1,20}$/) }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('lines' as const), seed: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.array(edit, { minLength: 1, maxLength: 6 }), (report, edits) => {
        let s = report.text;
        for (const e of edits) {
          const at = 'at' in e ? e.at % (s.length + 1) : 0;
          if (e.kind === 'delete') s = s.slice(0, at) + s.slice(at + e.len);
          else if (e.kind === 'insert' || e.kind === 'digits') s = s.slice(0, at) + e.text + s.slice(at);
          else if (e.kind === 'cut') s = s.slice(0, at);
          else {
            const lines = s.split('\n');
            const i = e.seed % Math.max(1, lines.length);
            s = (e.seed % 2 ? [...lines.slice(0, i), lines[i], ...lines.slice(i)] : [...lines.slice(0, i), ...lines.slice(i + 1)]).join('\n');
          }
        }
        timed(() => outcome(() => parseReportSync({ name: report.name, bytes: encode(s) })), 5000);
      }),
      { numRuns: 400 },
    );
  });

  it('every value is null or a finite number, and every template key is present', () => {
    for (const r of texts) {
      const record = parseReportSync({ name: r.name, bytes: encode(r.text) });
      for (const [k, v] of Object.entries(record.values)) expect(v === null || Number.isFinite(v), k).toBe(true);
      for (const [k, c] of Object.entries(record.cells)) if (c.status !== 'value' && c.status !== 'derived') expect(record.values[k], k).toBeNull();
    }
  });
});
