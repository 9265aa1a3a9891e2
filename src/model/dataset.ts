// The dataset's tables and columns (data/*.parquet): written by the builder, read by the dashboard and the
// anomaly detector. Value columns come from the schema's keys, so a new key becomes a column everywhere.
import { ALL_KEYS, columnName } from './schema';

export type SqlType = 'VARCHAR' | 'INTEGER' | 'SMALLINT' | 'DOUBLE' | 'BOOLEAN' | 'VARCHAR[]';

export interface ColumnSpec {
  name: string;
  type: SqlType;
  doc: string;
}

export type AdminLevel = 'national' | 'provincial' | 'prefecture' | 'county' | 'township';
export const ADMIN_LEVELS: readonly { key: AdminLevel; zh: string; en: string }[] = [
  { key: 'national', zh: '国家级', en: 'National' },
  { key: 'provincial', zh: '省级', en: 'Provincial' },
  { key: 'prefecture', zh: '地市级', en: 'Prefecture' },
  { key: 'county', zh: '县区级', en: 'County' },
  { key: 'township', zh: '乡镇街道', en: 'Township' },
];

/** Value columns: one per value key; amounts are DOUBLE, counts INTEGER; null = printed blank or absent. */
export const VALUE_COLUMNS: readonly ColumnSpec[] = ALL_KEYS.map((d) => ({
  name: columnName(d.key),
  type: d.column.kind === 'amount' ? 'DOUBLE' : 'INTEGER',
  doc: `${d.label.zh} (${d.label.en})`,
}));

export const REPORT_COLUMNS: readonly ColumnSpec[] = [
  { name: 'report_id', type: 'VARCHAR', doc: 'Stable id: first 16 hex digits of the SHA-256 of the source bytes' },
  { name: 'agency_id', type: 'VARCHAR', doc: 'Stable id of the agency (from its canonical name)' },
  { name: 'agency', type: 'VARCHAR', doc: 'Agency name as read from the report (completed from the body when the title abbreviates it)' },
  { name: 'year', type: 'SMALLINT', doc: 'The year the report covers (not its publication year)' },
  { name: 'template', type: 'VARCHAR', doc: "'2019' or '2021' (国办公开办函〔2019〕60号 / 〔2021〕30号), detected from the tables" },
  { name: 'other_split', type: 'BOOLEAN', doc: '表三 (六)其他处理 split into three sub-rows; template 2021 without the split is the hybrid' },
  { name: 'province', type: 'VARCHAR', doc: 'Province name (GB/T 2260), null when the name cannot be placed' },
  { name: 'province_code', type: 'VARCHAR', doc: 'Province code (2 digits)' },
  { name: 'city', type: 'VARCHAR', doc: 'Prefecture-level city name' },
  { name: 'city_code', type: 'VARCHAR', doc: 'City code (4 digits)' },
  { name: 'county', type: 'VARCHAR', doc: 'County / district name' },
  { name: 'county_code', type: 'VARCHAR', doc: 'County code (6 digits)' },
  { name: 'level', type: 'VARCHAR', doc: 'Administrative level: national, provincial, prefecture, county, township' },
  { name: 'agency_type', type: 'VARCHAR', doc: "'政府' for a government or its office, else the department's field (商务, 公安, 卫生健康 …)" },
  { name: 'source', type: 'VARCHAR', doc: 'Path or URL the report was read from' },
  { name: 'source_format', type: 'VARCHAR', doc: 'txt, md, html, pdf or docx' },
  { name: 'is_real', type: 'BOOLEAN', doc: 'True for a real published report, false for the synthetic panel' },
  { name: 'complete', type: 'BOOLEAN', doc: 'False when a table is cut off part-way' },
  { name: 'checks_failed', type: 'INTEGER', doc: 'In-report checks that fail (blanks counted as 0)' },
  { name: 'warnings', type: 'INTEGER', doc: 'Parser warnings for the report' },
  {
    name: 'narrative_minhash',
    type: 'VARCHAR',
    doc: "MinHash sketch of the narrative's 4-character shingles (agency names and numbers masked): 256 hex digits, one per bin; the share of bins two sketches agree in estimates how much text they share (copied prose); null when the text is too short",
  },
  {
    name: 'narrative_shingles',
    type: 'INTEGER',
    doc: 'Distinct 4-character shingles of that narrative (estimated), so two sketches also tell how much of the shorter text the longer contains',
  },
  { name: 'prose_facts', type: 'VARCHAR', doc: "Numbers the prose states, 'key=value;…' (the prose table's key and value, carried on the report so whole-dataset checks need no join)" },
  ...VALUE_COLUMNS,
];

export const CHECK_COLUMNS: readonly ColumnSpec[] = [
  { name: 'report_id', type: 'VARCHAR', doc: 'Report the check ran on' },
  { name: 'check_id', type: 'VARCHAR', doc: 'Check id from SCHEMA.md (t3.flow.total, t4.sum.review, …)' },
  { name: 'ok', type: 'BOOLEAN', doc: 'Pass / fail; null when a needed cell is missing from the source' },
  { name: 'left', type: 'DOUBLE', doc: 'Sum of the left side' },
  { name: 'right', type: 'DOUBLE', doc: 'Sum of the right side' },
  { name: 'cells', type: 'VARCHAR[]', doc: 'Value keys the check reads' },
  { name: 'blanks', type: 'VARCHAR[]', doc: 'Cells printed blank and counted as 0' },
];

export const CELL_COLUMNS: readonly ColumnSpec[] = [
  { name: 'report_id', type: 'VARCHAR', doc: 'Report the cell belongs to' },
  { name: 'key', type: 'VARCHAR', doc: 'Value key' },
  { name: 'value', type: 'DOUBLE', doc: 'Value as recorded (null for blank, missing, ambiguous)' },
  { name: 'status', type: 'VARCHAR', doc: 'value, blank, missing, ambiguous or derived' },
  { name: 'raw', type: 'VARCHAR', doc: 'Raw text of the cell in the source' },
  { name: 'page', type: 'SMALLINT', doc: 'PDF page (1-based)' },
  { name: 'line', type: 'INTEGER', doc: 'Source line or table row (1-based)' },
];

export const PROSE_COLUMNS: readonly ColumnSpec[] = [
  { name: 'report_id', type: 'VARCHAR', doc: 'Report whose prose states the number' },
  { name: 'key', type: 'VARCHAR', doc: 'Value key the statement is about' },
  { name: 'value', type: 'DOUBLE', doc: 'Number stated in the prose' },
  { name: 'quote', type: 'VARCHAR', doc: 'The sentence fragment it was read from' },
];

export const AGENCY_COLUMNS: readonly ColumnSpec[] = [
  { name: 'agency_id', type: 'VARCHAR', doc: 'Stable id of the agency' },
  { name: 'agency', type: 'VARCHAR', doc: 'Canonical name' },
  { name: 'level', type: 'VARCHAR', doc: 'Administrative level' },
  { name: 'agency_type', type: 'VARCHAR', doc: 'Field' },
  { name: 'province', type: 'VARCHAR', doc: 'Province name' },
  { name: 'province_code', type: 'VARCHAR', doc: 'Province code' },
  { name: 'city', type: 'VARCHAR', doc: 'City name' },
  { name: 'city_code', type: 'VARCHAR', doc: 'City code' },
  { name: 'county', type: 'VARCHAR', doc: 'County name' },
  { name: 'county_code', type: 'VARCHAR', doc: 'County code' },
  { name: 'is_real', type: 'BOOLEAN', doc: 'Agency has at least one real report' },
  { name: 'first_year', type: 'SMALLINT', doc: 'First year with a report' },
  { name: 'last_year', type: 'SMALLINT', doc: 'Last year with a report' },
  { name: 'reports', type: 'INTEGER', doc: 'Number of reports' },
];

export const DATASET_TABLES = {
  reports: REPORT_COLUMNS,
  checks: CHECK_COLUMNS,
  cells: CELL_COLUMNS,
  prose: PROSE_COLUMNS,
  agencies: AGENCY_COLUMNS,
} as const;
export type DatasetTable = keyof typeof DATASET_TABLES;
