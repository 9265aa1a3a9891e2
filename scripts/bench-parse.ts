// npm run bench:parse: reports per second on one core for text, HTML and PDF inputs (the real corpus, parsed
// repeatedly), as the median of several runs, and the process's peak memory.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseReport } from '../src/parse';
import { generatePanel } from '../src/synth';

const DIR = join(import.meta.dirname, '../../shared/corpus/reports');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);

const groups: Record<string, RegExp> = { 'text (.txt .md)': /\.(txt|md)$/, 'HTML (.html)': /\.html?$/, 'PDF (.pdf)': /\.pdf$/ };
const files: { name: string; bytes: Uint8Array }[] = readdirSync(DIR).sort().map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(join(DIR, f))) }));

async function rate(inputs: typeof files): Promise<number> {
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < SECONDS * 1000) {
    for (const f of inputs) {
      await parseReport(f).catch(() => undefined);
      n++;
    }
  }
  return n / ((performance.now() - t0) / 1000);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Warms up, then prints the median rate of RUNS runs over these inputs. */
async function measure(label: string, inputs: typeof files) {
  const kb = inputs.reduce((s, f) => s + f.bytes.length, 0) / inputs.length / 1024;
  await rate(inputs); // warm-up (JIT, lazy imports)
  const rates: number[] = [];
  for (let r = 0; r < RUNS; r++) rates.push(await rate(inputs));
  console.log(`${label.padEnd(16)} ${inputs.length} files, mean ${kb.toFixed(0)} KB: median ${median(rates).toFixed(0)} reports/s (min ${Math.min(...rates).toFixed(0)}, max ${Math.max(...rates).toFixed(0)})`);
}

console.log(`parser benchmark: ${RUNS} runs × ${SECONDS} s per format, one core (corpus: ${files.length} files)`);
for (const [label, re] of Object.entries(groups)) await measure(label, files.filter((f) => re.test(f.name)));
// Typical reports: the synthetic panel's documents (the real corpus above is mostly the hard cases).
const synthetic = { text: [] as typeof files, html: [] as typeof files };
for (const r of generatePanel({ seed: 7, reports: 3000 })) {
  const group = /\.html?$/.test(r.input.source) ? synthetic.html : synthetic.text;
  if (group.length < 600) group.push({ name: r.input.source, bytes: r.input.bytes });
}
await measure('synthetic text', synthetic.text);
await measure('synthetic HTML', synthetic.html);
console.log(`peak memory (max RSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
