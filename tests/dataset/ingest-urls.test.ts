// `npm run ingest` on a URL list served by a local HTTP server: a UTF-8 page, a GBK page without <meta charset>,
// a page whose <meta charset> contradicts its HTTP header, a 404, a server that never answers and a page that is
// not a report. Then a rerun: cached pages are not downloaded again and the dataset is byte-identical.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParseError, parseReport } from '../../src/parse';

const ROOT = join(import.meta.dirname, '../..');
const CORPUS = join(ROOT, '../shared/corpus/reports');
const work = mkdtempSync(join(tmpdir(), 'nianbao-ingest-'));

const utf8Page = readFileSync(join(CORPUS, 'shuyang-fgj-2023.html'));
const gbkSource = readFileSync(join(CORPUS, 'shanghai-bgt-2019.html'), 'utf8');
const gbkPage = iconv.encode(gbkSource, 'gbk');
const lyingPage = Buffer.from(readFileSync(join(CORPUS, 'pingtan-2025.html'), 'utf8').replace(/<meta charset="utf-8"/i, '<meta charset="gb2312"'));
const notReport = Buffer.from('<html><head><meta charset="utf-8"><title>首页</title></head><body><p>欢迎访问本网站。</p></body></html>');

const hits = new Map<string, number>();
const held: import('node:http').ServerResponse[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.set(req.url!, (hits.get(req.url!) ?? 0) + 1);
    const send = (body: Buffer, type: string) => res.writeHead(200, { 'content-type': type }).end(body);
    if (req.url === '/shuyang.html') send(utf8Page, 'text/html; charset=utf-8');
    else if (req.url === '/shanghai-gbk.html') send(gbkPage, 'text/html; charset=GBK');
    else if (req.url === '/pingtan.html') send(lyingPage, 'text/html; charset=utf-8');
    else if (req.url === '/home.html') send(notReport, 'text/html; charset=utf-8');
    else if (req.url === '/slow.html') held.push(res); // never answers
    else res.writeHead(404, 'Not Found').end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  writeFileSync(
    join(work, 'urls.txt'),
    ['# reports of 2023 and earlier', `${base}/shuyang.html`, `${base}/shanghai-gbk.html`, '', `${base}/pingtan.html`, `${base}/missing.html`, `${base}/slow.html`, `${base}/home.html`].join('\n'),
  );
});

afterAll(() => {
  for (const r of held) r.destroy();
  server.close();
});

function ingest(out: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn('npx', ['tsx', 'scripts/ingest.ts', join(work, 'urls.txt'), '--out', out, '--cache', join(work, 'cache'), '--timeout', '1', '--retries', '1'], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const rejects = (out: string) =>
  new Map(readFileSync(join(out, 'rejects.csv'), 'utf8').trim().split('\n').slice(1).map((l) => {
    const [, source, reason] = /^([^,]*),"?(.*?)"?$/.exec(l)!;
    return [source, reason.replaceAll('""', '"')];
  }));

async function reports(out: string) {
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  return (await db.runAndReadAll(`SELECT * FROM '${join(out, 'reports.parquet')}' ORDER BY source`)).getRowObjectsJS();
}

describe('npm run ingest on a URL list', () => {
  const first = join(work, 'first');

  it('ingests the reports, whatever their charset, and rejects the rest with the reason', async () => {
    const r = await ingest(first);
    expect(r.stderr).not.toMatch(/^ingest: /m);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ingested\s+3 report/);
    expect(r.stdout).toMatch(/rejected\s+3/);

    const rows = await reports(first);
    expect(rows.map((x) => [x.source, x.agency, x.year])).toEqual([
      [`${base}/pingtan.html`, '福建省平潭综合实验区', 2025],
      [`${base}/shanghai-gbk.html`, '上海市人民政府办公厅', 2019],
      [`${base}/shuyang.html`, '沭阳县发展和改革局', 2023],
    ]);
    // the GBK page gives the same record as the same page in UTF-8, and its id is the hash of the bytes as served
    const gbk = rows[1];
    const original = await parseReport({ name: 'shanghai-bgt-2019.html', bytes: new TextEncoder().encode(gbkSource) });
    for (const [key, v] of Object.entries(original.values)) expect(gbk[key.replaceAll('.', '__')], key).toBe(v);
    expect(gbk.report_id).toBe(createHash('sha256').update(gbkPage).digest('hex').slice(0, 16));

    const reasons = rejects(first);
    expect(reasons.get(`${base}/missing.html`)).toBe('download failed: HTTP 404 Not Found');
    expect(reasons.get(`${base}/slow.html`)).toBe('download failed after 2 attempts: no answer within 1 s');
    const why = await parseReport({ name: 'home.html', bytes: notReport }).then(() => '', (e: Error) => (e instanceof ParseError ? e.message : ''));
    expect(why).not.toBe('');
    expect(reasons.get(`${base}/home.html`)).toBe(why);
    expect(reasons.size).toBe(3);
    expect(hits.get('/slow.html')).toBe(2);
  }, 120_000);

  it('reruns from the download cache and writes byte-identical files', async () => {
    const before = new Map(hits);
    const again = join(work, 'again');
    const r = await ingest(again);
    expect(r.code).toBe(0);
    for (const page of ['/shuyang.html', '/shanghai-gbk.html', '/pingtan.html', '/home.html']) expect(hits.get(page), page).toBe(before.get(page));
    // failures are not cached: they are tried again
    expect(hits.get('/missing.html')).toBe(before.get('/missing.html')! + 1);
    const hash = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
    const files = readdirSync(first).sort();
    expect(readdirSync(again).sort()).toEqual(files);
    for (const f of files) expect(hash(join(again, f)), f).toBe(hash(join(first, f)));
  }, 120_000);
});
