// Public API of the parser: one report file in, one validated record out. Pure TypeScript, no Node built-ins,
// so the same code parses a dropped file in the browser and a folder of reports in the dataset builder.
import type { ReportRecord, SourceFormat } from '../model/record';
import { decodeText, sniffFormat } from './decode';
import { ParseError } from './errors';
import type { SourceDocument } from './lines';
import { normalizeDocument, normalizeText } from './normalize';
import { readDocument } from './read';
import { htmlDocument } from './sources/html';
import { textDocument } from './sources/text';

export { ParseError } from './errors';

export interface ReportInput {
  /** File name or URL: its extension is a hint to the format (the bytes decide). */
  name: string;
  bytes: Uint8Array;
}

/** Larger files are not reports (the biggest real ones are a few MB). */
export const MAX_BYTES = 64 * 1024 * 1024;

function checkSize(input: ReportInput) {
  if (input.bytes.length === 0) throw new ParseError('the file is empty');
  if (input.bytes.length > MAX_BYTES) throw new ParseError(`the file is too large for a report (${(input.bytes.length / 1048576).toFixed(0)} MB > ${MAX_BYTES / 1048576} MB)`);
}

function textSource(text: string, format: SourceFormat): SourceDocument {
  return format === 'html' ? normalizeDocument(htmlDocument(text)) : textDocument(normalizeText(text));
}

/** Parses a text, markdown or HTML report synchronously (the fast path for bulk ingestion). */
export function parseReportSync(input: ReportInput): ReportRecord {
  checkSize(input);
  const format = sniffFormat(input.bytes, input.name);
  if (format === 'pdf' || format === 'docx') throw new ParseError(`${format} needs the asynchronous parseReport`);
  return readDocument(textSource(decodeText(input.bytes, format), format), format);
}

/** Parses any supported report: .txt, .md, .html/.htm, .pdf, .docx. Throws ParseError for anything else. */
export async function parseReport(input: ReportInput): Promise<ReportRecord> {
  checkSize(input);
  const format = sniffFormat(input.bytes, input.name);
  if (format === 'pdf') {
    const { pdfDocument } = await import('./sources/pdf');
    return readDocument(await pdfDocument(input.bytes), format);
  }
  if (format === 'docx') {
    const { docxToHtml } = await import('./sources/docx');
    return readDocument(textSource(await docxToHtml(input.bytes), 'html'), format);
  }
  return readDocument(textSource(decodeText(input.bytes, format), format), format);
}
