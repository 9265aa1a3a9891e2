// Public API of the parser: one report file in, one validated record out. Pure TypeScript, no Node built-ins,
// so the same code parses a dropped file in the browser and a folder of reports in the dataset builder.
import type { ReportRecord } from '../model/record';

export { ParseError } from './errors';

export interface ReportInput {
  /** File name or URL: its extension is a hint to the format (the bytes decide). */
  name: string;
  bytes: Uint8Array;
}

export async function parseReport(input: ReportInput): Promise<ReportRecord> {
  throw new Error(`not implemented yet: ${input.name}`);
}
