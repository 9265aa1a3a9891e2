// Report pages from the web: a limited number at a time, each attempt with a deadline, transient failures
// (network errors, timeouts, 5xx, 429) retried with exponential back-off, and every page that arrived kept on
// disk under the hash of its URL, so a rerun reads the cache instead of the network. Failures are not cached:
// a rerun tries them again.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { contentTypeCharset } from './charset';

export interface DownloadOptions {
  /** Folder of the cache (created). */
  cacheDir: string;
  /** Downloads at the same time. */
  concurrency?: number;
  /** Deadline of one attempt, headers and body. */
  timeoutMs?: number;
  /** Attempts after the first, for transient failures. */
  retries?: number;
  /** First back-off; doubled at each retry. */
  backoffMs?: number;
  /** Larger bodies are not reports. */
  maxBytes?: number;
}

export type Download = { bytes: Uint8Array; charset?: string; cached: boolean } | { failure: string };

interface CacheMeta {
  url: string;
  contentType: string | null;
}

class Transient extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Downloader {
  private readonly concurrency: number;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly maxBytes: number;
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly options: DownloadOptions) {
    this.concurrency = options.concurrency ?? 8;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retries = options.retries ?? 2;
    this.backoffMs = options.backoffMs ?? 1000;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  }

  private paths(url: string) {
    const key = createHash('sha256').update(url).digest('hex');
    return { body: join(this.options.cacheDir, `${key}.body`), meta: join(this.options.cacheDir, `${key}.json`) };
  }

  /** The page at `url`, from the cache or the network. Never throws: a failure is a value with its reason. */
  async get(url: string): Promise<Download> {
    const cached = await this.fromCache(url);
    if (cached) return cached;
    await this.slot();
    try {
      return await this.fetchWithRetries(url);
    } finally {
      this.release();
    }
  }

  private async fromCache(url: string): Promise<Download | undefined> {
    const p = this.paths(url);
    try {
      const meta = JSON.parse(await readFile(p.meta, 'utf8')) as CacheMeta;
      if (meta.url !== url) return undefined;
      return { bytes: new Uint8Array(await readFile(p.body)), charset: contentTypeCharset(meta.contentType), cached: true };
    } catch {
      return undefined;
    }
  }

  private async slot(): Promise<void> {
    if (this.active < this.concurrency) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.queue.push(resolve));
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.active--;
  }

  private async fetchWithRetries(url: string): Promise<Download> {
    let last = '';
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      if (attempt > 0) await sleep(this.backoffMs * 2 ** (attempt - 1));
      try {
        return await this.fetchOnce(url);
      } catch (e) {
        if (!(e instanceof Transient)) return { failure: `download failed: ${(e as Error).message}` };
        last = e.message;
      }
    }
    return { failure: this.retries === 0 ? `download failed: ${last}` : `download failed after ${this.retries + 1} attempts: ${last}` };
  }

  private async fetchOnce(url: string): Promise<Download> {
    let response: Response;
    const signal = AbortSignal.timeout(this.timeoutMs);
    try {
      response = await fetch(url, { signal, redirect: 'follow' });
    } catch (e) {
      throw new Transient(describe(e, this.timeoutMs));
    }
    if (!response.ok) {
      void response.body?.cancel();
      const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
      if (response.status >= 500 || response.status === 429 || response.status === 408) throw new Transient(status);
      throw new Error(status);
    }
    const declared = Number(response.headers.get('content-length'));
    if (declared > this.maxBytes) {
      void response.body?.cancel();
      throw new Error(`the page is larger than ${this.maxBytes / 1048576} MB`);
    }
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (e) {
      throw new Transient(describe(e, this.timeoutMs));
    }
    if (bytes.length > this.maxBytes) throw new Error(`the page is larger than ${this.maxBytes / 1048576} MB`);
    const contentType = response.headers.get('content-type');
    await this.store(url, bytes, { url, contentType });
    return { bytes, charset: contentTypeCharset(contentType), cached: false };
  }

  /** Body first, then its metadata: the cache entry exists only once both are complete. */
  private async store(url: string, bytes: Uint8Array, meta: CacheMeta): Promise<void> {
    const p = this.paths(url);
    await mkdir(this.options.cacheDir, { recursive: true });
    const tmp = `.${process.pid}.tmp`;
    await writeFile(p.body + tmp, bytes);
    await rename(p.body + tmp, p.body);
    await writeFile(p.meta + tmp, JSON.stringify(meta));
    await rename(p.meta + tmp, p.meta);
  }
}

function describe(e: unknown, timeoutMs: number): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return `no answer within ${Math.round(timeoutMs / 1000)} s`;
  return err.cause?.code ?? err.cause?.message ?? err.message;
}
