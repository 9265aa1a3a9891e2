// npm run ingest -- <files, folders, URLs or URL lists…> [--out data/] : report files → the Parquet dataset.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildDataset } from '../src/dataset/build';
import { Downloader } from '../src/dataset/download';
import { readSource, sources } from '../src/dataset/inputs';
import { buildProgress } from '../src/dataset/progress';
import { mapOrdered } from '../src/dataset/ordered';

const USAGE = `usage: npm run ingest -- <files, folders, URLs or URL lists…> [options]

  --out DIR             dataset folder, replaced only once the new dataset is complete (default data)
  --cache DIR           cache folder; downloaded pages are kept in DIR/downloads (default .cache)
  --workers N           parser threads (default: one per core)
  --concurrency N       downloads at the same time (default 8)
  --timeout SECONDS     deadline of one download attempt (default 30)
  --retries N           retries of a download that failed transiently (default 2)
  --partition-by-year   write reports/checks/cells/prose as year=YYYY/ folders (Hive layout)`;

function fail(message: string, code = 1): never {
  process.stderr.write(`ingest: ${message}\n`);
  process.exit(code);
}

function positive(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) fail(`--${name} needs a positive number, got "${value}"`, 2);
  return n;
}

async function main() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        out: { type: 'string', default: 'data' },
        cache: { type: 'string', default: '.cache' },
        workers: { type: 'string' },
        concurrency: { type: 'string' },
        timeout: { type: 'string' },
        retries: { type: 'string' },
        'partition-by-year': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    fail(`${(e as Error).message} (see --help)`, 2);
  }
  const { values: o, positionals } = parsed;
  if (o.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (positionals.length === 0) fail('name at least one report file, folder, URL or URL list (see --help)', 2);
  const retries = o.retries === undefined ? undefined : Number(o.retries);
  if (retries !== undefined && !(Number.isInteger(retries) && retries >= 0)) fail(`--retries needs a whole number ≥ 0, got "${o.retries}"`, 2);
  const workers = positive('workers', o.workers);
  const concurrency = positive('concurrency', o.concurrency) ?? 8;
  const timeoutMs = (positive('timeout', o.timeout) ?? 30) * 1000;

  const downloader = new Downloader({ cacheDir: join(o.cache, 'downloads'), concurrency, timeoutMs, retries });

  let total = 0;
  for await (const _ of sources(positionals)) total++;

  const progress = buildProgress('ingest', total, () => fail(`interrupted: ${o.out} is unchanged`, 130));
  const readAhead = 4 * concurrency;
  let summary;
  try {
    summary = await buildDataset(
      mapOrdered(sources(positionals), readAhead, (s) => readSource(s, downloader)),
      {
        outDir: o.out,
        workers,
        cacheDir: o.cache,
        total,
        partitionByYear: o['partition-by-year'],
        onProgress: progress.onProgress,
      },
    );
  } catch (e) {
    progress.stop();
    fail((e as Error).message);
  }
  progress.stop();

  const warnings = (await readFile(join(o.out, 'agency-warnings.csv'), 'utf8')).split('\n').filter(Boolean).length - 1;
  const lines = [
    `ingested   ${summary.ingested} report(s) into ${o.out}/`,
    `rejected   ${summary.rejected}${summary.rejected ? ` (reasons in ${join(o.out, 'rejects.csv')})` : ''}`,
    `duplicates ${summary.duplicates}${summary.duplicates ? ` dropped for a better report of the same agency and year (${join(o.out, 'duplicates.csv')})` : ''}`,
    `checks     failing in ${summary.checksFailing} report(s)`,
    ...(warnings ? [`agencies   ${warnings} not fully placed or typed (${join(o.out, 'agency-warnings.csv')})`] : []),
    `time       ${summary.seconds.toFixed(1)} s (${(total / summary.seconds).toFixed(1)} inputs/s)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
