// The parse command's contract: the JSON of SCHEMA.md on stdout; for anything that is not a readable report one
// line on stderr, nothing on stdout, a non-zero exit, within seconds.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const REPORTS = join(ROOT, '../shared/corpus/reports');
const dir = mkdtempSync(join(tmpdir(), 'nianbao-cli-'));

function parse(file: string) {
  const t0 = Date.now();
  const r = spawnSync('npm', ['run', '--silent', 'parse', '--', file], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { ...r, seconds: (Date.now() - t0) / 1000 };
}

/** A PDF whose /Encrypt dictionary no empty password opens. */
function encryptedPdf(): string {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
    `<< /Filter /Standard /V 1 /R 2 /O <${'ab'.repeat(32)}> /U <${'cd'.repeat(32)}> /P -4 >>`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<${'0f'.repeat(16)}> <${'0f'.repeat(16)}>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return out;
}

describe('npm run parse', () => {
  it('prints exactly the JSON of SCHEMA.md for a report', () => {
    const r = parse(join(REPORTS, 'luoyang-swj-2021.txt'));
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).sort()).toEqual(['agency', 'checks', 'template', 'values', 'warnings', 'year']);
    expect(out).toMatchObject({ agency: '洛阳市商务局', year: 2021, template: '2021' });
    expect(Object.keys(out.values)).toHaveLength(207);
    expect(out.checks.find((c: { id: string }) => c.id === 't3.flow.total')).toMatchObject({ ok: true });
  });

  const bad: [string, string | Buffer, RegExp][] = [
    ['empty.txt', '', /empty/],
    ['garbage.bin', Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 7919) % 256)), /binary/],
    ['not-a-report.html', '<html><body><p>关于召开会议的通知</p><table><tr><td>时间</td><td>2024</td></tr></table></body></html>', /no .*table found/],
    ['broken.pdf', '%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage', /not a readable PDF/],
    ['locked.pdf', encryptedPdf(), /encrypted/],
    ['archive.docx', Buffer.from('504b0304140000000800', 'hex'), /Word|ZIP/i],
  ];
  for (const [name, content, message] of bad) {
    it(`rejects ${name} with one clear line and no output`, () => {
      const file = join(dir, name);
      writeFileSync(file, content);
      const r = parse(file);
      expect(r.status).not.toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(r.seconds).toBeLessThan(20);
    });
  }

  it('rejects a missing file', () => {
    const r = parse(join(dir, 'nope.txt'));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/no such file/);
  });
});
