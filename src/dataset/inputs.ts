// What the ingest command's arguments name: report files, folders of them (walked recursively in name order,
// hidden entries skipped), URLs, and text files listing URLs one per line. Everything named becomes a source;
// what cannot be one (a missing path, a file of another type inside a folder, a list line that is not a URL)
// becomes a rejected source with the reason, so nothing named is silently dropped.
import { createReadStream } from 'node:fs';
import { open, readFile, readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { DatasetInput } from './build';
import type { Downloader } from './download';

export type Source =
  | { kind: 'file'; path: string }
  | { kind: 'url'; url: string }
  | { kind: 'rejected'; source: string; reason: string };

export const REPORT_EXTENSIONS = ['.txt', '.md', '.html', '.htm', '.pdf', '.docx'];
/** Extensions that are always documents; other files are looked at to tell a URL list from a text report. */
const DOCUMENT_EXTENSIONS = ['.html', '.htm', '.pdf', '.docx'];
const URL = /^https?:\/\/\S+$/i;

/** The first meaningful line of a text file (BOM, blank lines and # comments skipped). */
async function firstLine(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const text = buf.subarray(0, bytesRead).toString('utf8').replace(/^\ufeff/, '');
    return text.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('#')) ?? '';
  } finally {
    await handle.close();
  }
}

async function* urlList(path: string): AsyncGenerator<Source> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const raw of lines) {
    n++;
    const line = raw.replace(/^\ufeff/, '').trim();
    if (line === '' || line.startsWith('#')) continue;
    if (URL.test(line)) yield { kind: 'url', url: line };
    else yield { kind: 'rejected', source: `${path}:${n}`, reason: `not a URL (line ${n} of a URL list): ${line.slice(0, 80)}` };
  }
}

async function* file(path: string): AsyncGenerator<Source> {
  // an unreadable file is not a list: it is passed on, and reading it gives the reason
  if (!DOCUMENT_EXTENSIONS.includes(extname(path).toLowerCase()) && URL.test(await firstLine(path).catch(() => ''))) yield* urlList(path);
  else yield { kind: 'file', path };
}

async function* folder(path: string): AsyncGenerator<Source> {
  const entries = (await readdir(path, { withFileTypes: true })).filter((e) => !e.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(path, e.name);
    if (e.isDirectory()) yield* folder(p);
    else if (REPORT_EXTENSIONS.includes(extname(e.name).toLowerCase())) yield* file(p);
    else yield { kind: 'rejected', source: p, reason: `not a report file type (${extname(e.name) || 'no extension'}): expected ${REPORT_EXTENSIONS.join(' ')}` };
  }
}

/** The sources the arguments name, in argument order. */
export async function* sources(args: readonly string[]): AsyncGenerator<Source> {
  for (const arg of args) {
    if (URL.test(arg)) {
      yield { kind: 'url', url: arg };
      continue;
    }
    let info;
    try {
      info = await stat(arg);
    } catch (e) {
      yield { kind: 'rejected', source: arg, reason: `cannot read: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (e as Error).message}` };
      continue;
    }
    if (info.isDirectory()) yield* folder(arg);
    else yield* file(arg);
  }
}

/** A source's bytes (downloaded or read), or the reason there are none. Inputs named on the command line are real reports. */
export async function readSource(source: Source, downloader: Downloader): Promise<DatasetInput> {
  const none = new Uint8Array(0);
  switch (source.kind) {
    case 'rejected':
      return { source: source.source, bytes: none, isReal: true, failure: source.reason };
    case 'url': {
      const d = await downloader.get(source.url);
      return 'failure' in d ? { source: source.url, bytes: none, isReal: true, failure: d.failure } : { source: source.url, bytes: d.bytes, isReal: true, charset: d.charset };
    }
    case 'file':
      try {
        const b = await readFile(source.path);
        return { source: source.path, bytes: new Uint8Array(b.buffer, b.byteOffset, b.byteLength), isReal: true };
      } catch (e) {
        return { source: source.path, bytes: none, isReal: true, failure: `cannot read the file: ${(e as Error).message}` };
      }
  }
}
