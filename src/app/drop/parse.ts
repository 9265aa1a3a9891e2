// Parses a dropped file in the browser with the project's own parser (the same code as `npm run parse`).
// Loaded only by the Drop view. The parser reads PDFs with pdf.js's legacy build; its worker is served from
// this origin (never a CDN).
import pdfWorker from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url';
import { GlobalWorkerOptions } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { parseReport } from '../../parse';
import type { ReportRecord } from '../../model/record';

GlobalWorkerOptions.workerSrc = pdfWorker;

export async function parseDropped(file: File): Promise<ReportRecord> {
  return parseReport({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
}
