// The ingest command's contract: folders walked with every file accounted for, one clear line and a non-zero
// exit on bad input, and a run that reads nothing leaves the previous dataset alone.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const CORPUS = join(ROOT, '../shared/corpus/reports');

const ingest = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
const lines = (s: string) => s.split('\n').filter(Boolean);

describe('npm run ingest', () => {
  it('walks a folder and accounts for every file in it', async () => {
    // a port that was just free: nothing listens, the connection is refused at once
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const work = mkdtempSync(join(tmpdir(), 'nianbao-cli-'));
    const folder = join(work, 'reports');
    mkdirSync(join(folder, '2021', 'lists'), { recursive: true });
    copyFileSync(join(CORPUS, 'luoyang-swj-2021.txt'), join(folder, '2021', 'luoyang.txt'));
    writeFileSync(join(folder, 'photo.jpg'), 'not a report');
    writeFileSync(join(folder, '.DS_Store'), 'hidden');
    writeFileSync(join(folder, '2021', 'lists', 'urls.txt'), `# pages\nhttp://127.0.0.1:${closedPort}/report.html\nftp://example/x\n`);
    const r = ingest(folder, '--out', join(work, 'data'), '--cache', join(work, 'cache'), '--retries', '0');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ingested\s+1 report/);
    const rejects = readFileSync(join(work, 'data', 'rejects.csv'), 'utf8');
    expect(lines(rejects)).toEqual([
      'source,reason',
      `http://127.0.0.1:${closedPort}/report.html,download failed: ECONNREFUSED`,
      `${join(folder, '2021', 'lists', 'urls.txt')}:3,not a URL (line 3 of a URL list): ftp://example/x`,
      `${join(folder, 'photo.jpg')},not a report file type (.jpg): expected .txt .md .html .htm .pdf .docx`,
    ]);
    expect(rejects).not.toContain('.DS_Store');
  }, 120_000);

  it('says what is wrong in one line and exits non-zero', () => {
    const none = ingest();
    expect(none.status).toBe(2);
    expect(lines(none.stderr)).toEqual(['ingest: name at least one report file, folder, URL or URL list (see --help)']);
    expect(none.stdout).toBe('');
    const bad = ingest('x', '--workers', 'many');
    expect(bad.status).toBe(2);
    expect(lines(bad.stderr)).toEqual(['ingest: --workers needs a positive number, got "many"']);
  });

  it('keeps the previous dataset when nothing could be read', () => {
    const work = mkdtempSync(join(tmpdir(), 'nianbao-cli-'));
    const out = join(work, 'data');
    expect(ingest(join(CORPUS, 'luoyang-swj-2021.txt'), '--out', out).status).toBe(0);
    const before = readFileSync(join(out, 'reports.parquet'));
    const r = ingest(join(work, 'missing.pdf'), join(CORPUS, 'excerpt-changchun_tyjrswj_2023.txt'), '--out', out);
    expect(r.status).toBe(1);
    expect(lines(r.stderr).filter((l) => l.startsWith('ingest: '))).toEqual([
      `ingest: no report could be ingested: 2 input(s) rejected (${join(work, 'missing.pdf')}: cannot read: no such file or folder; ${join(CORPUS, 'excerpt-changchun_tyjrswj_2023.txt')}: no agency name found in the report)`,
    ]);
    expect(readFileSync(join(out, 'reports.parquet'))).toEqual(before);
    expect(existsSync(join(out, 'rejects.csv'))).toBe(true);
  }, 120_000);
});
