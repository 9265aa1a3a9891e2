// npm run --silent anomalies -- [data dir] : every flag of the anomaly detector (docs/anomalies.md) as a JSON array
// on stdout, most serious first. Progress and the summary go to stderr; bad input is one line on stderr and exit 1.
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { detect, readFlags, type Flag } from '../src/anomalies';
import { openDataset } from '../src/anomalies/node-dataset';

const USAGE = `usage: npm run --silent anomalies -- [data dir]   (default data/)

Prints a JSON array of flags { report_id, agency, year, kind, severity, detail, cells, detail_en, score,
related_report_id, relation }, ordered by score (most serious first). See docs/anomalies.md.`;

function fail(message: string): never {
  process.stderr.write(`anomalies: ${message}\n`);
  process.exit(1);
}

/** The flag as printed: the issue's fields first, then the English sentence, the score and the related report. */
const printed = (f: Flag) => ({
  report_id: f.report_id, agency: f.agency, year: f.year, kind: f.kind, severity: f.severity, detail: f.detail, cells: f.cells,
  detail_en: f.detail_en, score: f.score, related_report_id: f.related_report_id, relation: f.relation,
});

async function write(chunk: string) {
  if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
}

async function main() {
  let args;
  try {
    args = parseArgs({ allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    fail(`${(e as Error).message} (see --help)`);
  }
  if (args.values.help) return void process.stdout.write(`${USAGE}\n`);
  if (args.positionals.length > 1) fail(`one data folder at most, got ${args.positionals.length} (see --help)`);
  const dir = args.positionals[0] ?? 'data';
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);

  let dataset;
  try {
    dataset = await openDataset(dir);
  } catch (e) {
    fail((e as Error).message);
  }
  if (dataset.missing.length) process.stderr.write(`anomalies: ${dir} lacks ${dataset.missing.join(', ')} (read as empty; the checks that need them find nothing)\n`);
  process.stderr.write(`anomalies: ${dataset.reports} reports in ${dir}\n`);
  const byKind = new Map<string, number>();
  const flagged = new Set<string>();
  let count = 0;
  try {
    await detect(dataset.db, { onStep: (kinds, i, total) => process.stderr.write(`anomalies: [${i + 1}/${total}] ${kinds.join(', ')} (${seconds()} s)\n`) });
    process.stderr.write(`anomalies: writing the flags (${seconds()} s)\n`);
    await write('[');
    for await (const f of readFlags(dataset.db)) {
      await write(`${count ? ',' : ''}\n${JSON.stringify(printed(f))}`);
      count++;
      flagged.add(f.report_id);
      byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
    }
    await write(count ? '\n]\n' : ']\n');
  } catch (e) {
    fail(`the detector failed on ${dir}: ${(e as Error).message}`);
  } finally {
    dataset.close();
  }

  process.stderr.write(`anomalies: ${count} flags on ${flagged.size} of ${dataset.reports} reports in ${seconds()} s (${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'})\n`);
}

await main();
