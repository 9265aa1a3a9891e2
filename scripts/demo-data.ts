// npm run demo-data [-- --seed N --reports N --province P --out data] : the embedded demo dataset.
// The synthetic panel (one province's agencies × 2019–2025, rendered as report documents) plus every real report
// of ../shared/corpus/reports go through the real parser and dataset builder into data/; the truth about the
// problems injected into the synthetic reports goes to data/truth/anomalies.json (never into the dataset).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { buildDataset, type DatasetInput } from '../src/dataset/build';
import { buildProgress } from '../src/dataset/progress';
import { DEFAULT_PROVINCE, findProvince, generatePanel, INJECTION_RATES, JUMP_RATE, planPanel, VOLUME_OUTLIER_RATE, type InjectedProblem } from '../src/synth';

const USAGE = `usage: npm run demo-data -- [options]

  --seed N        seed of the synthetic panel (default 1); the same seed gives byte-identical files
  --reports N     synthetic reports (default: every agency of the province × 7 years); fewer samples agencies
  --province P    GB/T 2260 code or name of the province (default ${DEFAULT_PROVINCE}, 甘肃省), or 'all'
  --corpus DIR    folder of real reports added as real (default ../shared/corpus/reports; 'none' to skip)
  --out DIR       dataset folder (default data); the truth goes to DIR/truth/anomalies.json
  --workers N     parser threads (default: one per core)`;

/** The repository's size budget for the committed demo data (Parquet files). */
const BUDGET_BYTES = 15 * 1024 * 1024;

function fail(message: string, code = 1): never {
  process.stderr.write(`demo-data: ${message}\n`);
  process.exit(code);
}

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < (name === 'seed' ? 0 : 1)) fail(`--${name} needs a ${name === 'seed' ? 'whole number ≥ 0' : 'positive whole number'}, got "${value}"`, 2);
  return n;
}

const sha256hex16 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex').slice(0, 16);

interface TruthRow {
  report_id: string;
  source: string;
  agency: string;
  year: number;
  kind: InjectedProblem['kind'];
  via?: InjectedProblem['kind'];
  cells: string[];
  detail: string;
  copy_of?: { agency: string; year: number; report_id: string | null };
  /** False when the report did not reach the dataset (rejected by the parser, or dropped as a duplicate). */
  in_dataset: boolean;
}

async function realReports(dir: string): Promise<DatasetInput[]> {
  if (dir === 'none') return [];
  if (!existsSync(dir)) fail(`corpus folder ${dir} not found (give --corpus DIR or --corpus none)`, 2);
  const names = (await readdir(dir)).filter((n) => !n.startsWith('.')).sort();
  return Promise.all(names.map(async (n) => ({ source: relative(process.cwd(), join(dir, n)) || n, bytes: new Uint8Array(await readFile(join(dir, n))), isReal: true })));
}

/** report_id of every report the builder wrote (reports.parquet, or its year partitions). */
async function datasetReportIds(dir: string): Promise<Set<string>> {
  const ids = new Set<string>();
  const files: string[] = [];
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      if (e.isDirectory() && (d !== dir || e.name === 'reports')) await walk(join(d, e.name));
      else if (e.name.endsWith('.parquet') && (d !== dir || e.name === 'reports.parquet')) files.push(join(d, e.name));
    }
  };
  await walk(dir);
  for (const f of files) {
    const buf = await readFile(f);
    const file = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
    for (const row of await parquetReadObjects({ file, compressors, columns: ['report_id'] })) ids.add(row.report_id as string);
  }
  return ids;
}

async function parquetBytes(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) total += await parquetBytes(p);
    else if (e.name.endsWith('.parquet')) total += (await stat(p)).size;
  }
  return total;
}

async function main() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        seed: { type: 'string', default: '1' },
        reports: { type: 'string' },
        province: { type: 'string', default: DEFAULT_PROVINCE },
        corpus: { type: 'string', default: '../shared/corpus/reports' },
        out: { type: 'string', default: 'data' },
        workers: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    fail(`${(e as Error).message} (see --help)`, 2);
  }
  const o = parsed.values;
  if (o.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const seed = positiveInt('seed', o.seed)!;
  const reports = positiveInt('reports', o.reports);
  const province = o.province === 'all' ? 'all' : findProvince(o.province)?.code ?? fail(`unknown province "${o.province}" (a GB/T 2260 code like 64, a name like 宁夏, or all)`, 2);

  let plan;
  try {
    plan = planPanel({ seed, reports, province });
  } catch (e) {
    fail((e as Error).message, 2);
  }
  const real = await realReports(o.corpus);
  const total = plan.reports + real.length;
  const provinceName = province === 'all' ? '全国' : findProvince(province)!.name;
  process.stderr.write(`demo-data: ${plan.reports} synthetic reports (${provinceName}, seed ${seed}; universe ${plan.agencies.length} agencies × 7 years = ${plan.capacity}) + ${real.length} real reports\n`);

  const truth: TruthRow[] = [];
  const reportIds = new Map<string, string>();
  const counts: Record<string, number> = {};
  const formats: Record<string, number> = {};
  function* inputs(): Generator<DatasetInput> {
    yield* real;
    for (const r of generatePanel({ seed, reports, province })) {
      const id = sha256hex16(r.input.bytes);
      reportIds.set(`${r.agency.name}|${r.year}`, id);
      formats[r.format] = (formats[r.format] ?? 0) + 1;
      for (const t of r.truth) {
        truth.push({
          report_id: id,
          source: r.input.source,
          agency: r.agency.name,
          year: r.year,
          kind: t.kind,
          ...(t.via ? { via: t.via } : {}),
          cells: t.cells,
          detail: t.detail,
          ...(t.copyOf ? { copy_of: { ...t.copyOf, report_id: null } } : {}),
          in_dataset: true,
        });
        const k = t.via ? `${t.kind} (via ${t.via})` : t.kind;
        counts[k] = (counts[k] ?? 0) + 1;
      }
      yield r.input;
    }
  }

  const progress = buildProgress('demo-data', total, () => fail(`interrupted: ${o.out} is unchanged`, 130));
  let summary;
  try {
    summary = await buildDataset(inputs(), {
      outDir: o.out,
      workers: positiveInt('workers', o.workers),
      total,
      onProgress: progress.onProgress,
    });
  } catch (e) {
    progress.stop();
    fail((e as Error).message);
  }
  progress.stop();

  const ingested = await datasetReportIds(o.out);
  for (const t of truth) {
    if (t.copy_of) t.copy_of.report_id = reportIds.get(`${t.copy_of.agency}|${t.copy_of.year}`) ?? null;
    t.in_dataset = ingested.has(t.report_id);
  }
  const truthDir = join(o.out, 'truth');
  await mkdir(truthDir, { recursive: true });
  const file = join(truthDir, 'anomalies.json');
  const doc = {
    about:
      'Problems injected into the synthetic reports of the demo panel (is_real = false), for scoring the anomaly detector. ' +
      'One row per report and kind; "via" marks a check that fails as a consequence of another injected change; ' +
      'cross-year kinds (carry_over, stock) belong to the later year. Real reports are not listed. See docs/synthetic-panel.md.',
    seed,
    province: provinceName,
    synthetic_reports: plan.reports,
    rates: { per_report: INJECTION_RATES, jump_agencies: JUMP_RATE, outlier_agencies: VOLUME_OUTLIER_RATE },
    counts: Object.fromEntries(Object.entries(counts).sort()),
    anomalies: truth,
  };
  await writeFile(`${file}.tmp`, `${JSON.stringify(doc, null, 1)}\n`);
  await rename(`${file}.tmp`, file);

  const size = await parquetBytes(o.out);
  const affected = new Set(truth.map((t) => t.report_id)).size;
  const lines = [
    `synthetic  ${plan.reports} report(s) (${Object.entries(formats).map(([f, n]) => `${f} ${n}`).join(', ')})`,
    `real       ${real.length} report(s) from ${o.corpus}`,
    `ingested   ${summary.ingested} into ${o.out}/ (${(size / 1048576).toFixed(1)} MB of Parquet${size > BUDGET_BYTES ? `, OVER the ${BUDGET_BYTES / 1048576} MB budget` : ''})`,
    `rejected   ${summary.rejected}${summary.rejected ? ` (reasons in ${join(o.out, 'rejects.csv')})` : ''}`,
    `duplicates ${summary.duplicates}${summary.duplicates ? ` (${join(o.out, 'duplicates.csv')})` : ''}`,
    `checks     failing in ${summary.checksFailing} report(s)`,
    `truth      ${truth.length} row(s) on ${affected} synthetic report(s) (${((100 * affected) / plan.reports).toFixed(1)}%) → ${resolve(file)}`,
    ...(truth.some((t) => !t.in_dataset) ? [`           ${truth.filter((t) => !t.in_dataset).length} row(s) about reports that did not reach the dataset (in_dataset: false)`] : []),
    ...Object.entries(doc.counts).map(([k, n]) => `             ${String(n).padStart(5)}  ${k}`),
    `time       ${summary.seconds.toFixed(1)} s`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (size > BUDGET_BYTES) fail(`the Parquet files take ${(size / 1048576).toFixed(1)} MB, over the ${BUDGET_BYTES / 1048576} MB budget: use --reports to sample fewer`);
}

await main();
