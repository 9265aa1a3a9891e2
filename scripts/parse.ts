// npm run --silent parse -- <file>: one report → the JSON of SCHEMA.md on stdout. Anything that is not a
// readable report exits non-zero with one line on stderr and nothing on stdout.
import { readFile, stat } from 'node:fs/promises';
import { toParseOutput } from '../src/model/record';
import { MAX_BYTES, ParseError, parseReport } from '../src/parse';

const TIME_LIMIT_MS = 30_000;

function fail(message: string): never {
  process.stderr.write(`parse: ${message}\n`);
  process.exit(1);
}

async function main() {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (args.length !== 1) fail('usage: npm run --silent parse -- <report file (.txt .md .html .pdf .docx)>');
  const file = args[0];
  const info = await stat(file).catch(() => fail(`${file}: no such file`));
  if (!info.isFile()) fail(`${file}: not a file`);
  if (info.size > MAX_BYTES) fail(`${file}: too large for a report (${(info.size / 1048576).toFixed(0)} MB)`);
  const timer = setTimeout(() => fail(`${file}: gave up after ${TIME_LIMIT_MS / 1000} s`), TIME_LIMIT_MS);
  timer.unref();
  const bytes = new Uint8Array(await readFile(file));
  const record = await parseReport({ name: file, bytes });
  process.stdout.write(`${JSON.stringify(toParseOutput(record), null, 2)}\n`);
}

main().catch((e: unknown) => fail(e instanceof ParseError ? `${process.argv.at(-1)}: ${e.message}` : `${process.argv.at(-1)}: internal error: ${(e as Error)?.message ?? e}`));
