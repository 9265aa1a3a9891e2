// npm run eval:anomalies [-- data dir] : runs the detector on the demo panel and scores it against the injected
// truth (<data dir>/truth/anomalies.json, written by npm run demo-data): precision and recall per kind.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { allFlags, detect } from '../src/anomalies';
import { score, type KindScore, type TruthRow } from '../src/anomalies/evaluate';
import { openDataset } from '../src/anomalies/node-dataset';

/** The issue's targets. */
const TARGETS: Record<string, { precision?: number; recall?: number }> = {
  identity: { precision: 0.95, recall: 0.95 },
  carry_over: { precision: 0.95, recall: 0.95 },
  copy: { precision: 0.95, recall: 0.95 },
  template: { precision: 0.95, recall: 0.95 },
  outlier: { precision: 0.8 },
  jump: { precision: 0.8 },
};

function fail(message: string): never {
  process.stderr.write(`eval:anomalies: ${message}\n`);
  process.exit(1);
}

const fmt = (x: number | null) => (x == null ? '—' : x.toFixed(3));

export function table(scores: KindScore[]): string {
  const lines = ['| kind | truth | flagged | hits | precision | recall | target |', '|---|---:|---:|---:|---:|---:|---|'];
  for (const s of scores) {
    const t = TARGETS[s.kind];
    const target = t ? [t.precision && `P ≥ ${t.precision}`, t.recall && `R ≥ ${t.recall}`].filter(Boolean).join(', ') : '';
    const met = t && (!t.precision || (s.precision ?? 0) >= t.precision) && (!t.recall || (s.recall ?? 0) >= t.recall);
    lines.push(`| ${s.kind} | ${s.truth} | ${s.flagged} | ${s.hits} | ${fmt(s.precision)} | ${fmt(s.recall)} | ${target}${t ? (met ? ' ✓' : ' ✗') : ''} |`);
  }
  return lines.join('\n');
}

async function main() {
  const { positionals } = parseArgs({ allowPositionals: true });
  const dir = positionals[0] ?? 'data';
  const truthFile = join(dir, 'truth', 'anomalies.json');
  if (!existsSync(truthFile)) fail(`${truthFile} not found: build the demo panel with npm run demo-data (it writes the truth there)`);
  let truth: { seed?: number; province?: string; anomalies: TruthRow[] };
  try {
    truth = JSON.parse(readFileSync(truthFile, 'utf8'));
  } catch (e) {
    fail(`${truthFile}: ${(e as Error).message}`);
  }
  if (!Array.isArray(truth.anomalies)) fail(`${truthFile}: no "anomalies" array`);
  const started = performance.now();
  const dataset = await openDataset(dir).catch((e: Error) => fail(e.message));
  try {
    process.stderr.write(`eval:anomalies: ${dataset.reports} reports in ${dir}, ${truth.anomalies.length} injected problems\n`);
    await detect(dataset.db, { onStep: (kinds, i, n) => process.stderr.write(`eval:anomalies: [${i + 1}/${n}] ${kinds.join(', ')}\n`) });
    const flags = await allFlags(dataset.db);
    const synthetic = new Set((await dataset.db.query<{ report_id: string }>(`SELECT report_id FROM reports WHERE NOT is_real`)).map((r) => r.report_id));
    const scores = score(truth.anomalies, flags, synthetic);
    process.stdout.write(`Detector on ${dir} (${synthetic.size} synthetic reports${truth.seed !== undefined ? `, seed ${truth.seed}` : ''}${truth.province ? `, ${truth.province}` : ''}), scored over (report, kind) pairs; a copy flag must name the copier and what it copied, or, leaving open who copied, the copied pair:\n\n${table(scores)}\n`);
    process.stderr.write(`eval:anomalies: done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  } finally {
    dataset.close();
  }
}

await main();
