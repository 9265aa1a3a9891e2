// Parses a dropped file in the browser with the project's own parser (the same code as `npm run parse`).
// Loaded only by the Drop view, with pdf.js's worker served from this origin.
import pdfWorker from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { GlobalWorkerOptions } from 'pdfjs-dist';
import { parseReport } from '../../parse';
import type { ReportRecord } from '../../model/record';

GlobalWorkerOptions.workerSrc = pdfWorker;

export async function parseDropped(file: File): Promise<ReportRecord> {
  return parseReport({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
}
