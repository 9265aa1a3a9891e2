// CSV for Excel users: UTF-8 with a byte-order mark (so Excel opens Chinese correctly), RFC 4180 quoting,
// numbers exactly as the chart holds them (rates as fractions, no thousands separators).
export interface CsvColumn {
  key: string;
  label: string;
}

const BOM = '\ufeff';

function cell(v: unknown): string {
  if (v == null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = Array.isArray(v) ? v.join('; ') : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(columns: CsvColumn[], rows: Record<string, unknown>[]): string {
  const lines = [columns.map((c) => cell(c.label)).join(','), ...rows.map((r) => columns.map((c) => cell(r[c.key])).join(','))];
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
