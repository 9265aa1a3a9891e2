// Parquet (read with hyparquet: no DuckDB extension, ever) → Arrow IPC stream (flechette) for DuckDB-WASM's
// insertArrowFromIPCStream. Pure of any DOM or Node API, so the browser's loader worker and the Node tests share it.
import { bool, dictionary, float64, int16, int32, list, tableFromArrays, tableToIPC, utf8, type DataType } from '@uwdata/flechette';
import { parquetMetadataAsync, parquetRead, parquetReadObjects, parquetSchema, type AsyncBuffer, type FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { ColumnSpec } from '../model/dataset';

// Columns with few distinct values travel dictionary-encoded (each string encoded once).
const UNIQUE_STRINGS = new Set(['report_id', 'source', 'quote', 'raw']);

function arrowType(c: ColumnSpec): DataType {
  switch (c.type) {
    case 'VARCHAR':
      return UNIQUE_STRINGS.has(c.name) ? utf8() : dictionary(utf8(), int32());
    case 'INTEGER':
      return int32();
    case 'SMALLINT':
      return int16();
    case 'DOUBLE':
      return float64();
    case 'BOOLEAN':
      return bool();
    case 'VARCHAR[]':
      return list(utf8());
  }
}

/** hyparquet gives INT64 as bigint and lists as arrays; DuckDB gets plain numbers and string lists. */
function normalise(values: ArrayLike<unknown>, c: ColumnSpec): unknown[] | ArrayLike<unknown> {
  if (c.type === 'INTEGER' || c.type === 'SMALLINT' || c.type === 'DOUBLE') {
    if (values instanceof BigInt64Array) return Array.from(values, Number);
    if (Array.isArray(values) && values.some((v) => typeof v === 'bigint')) return values.map((v) => (v == null ? null : Number(v)));
  }
  return values;
}

export interface ColumnRead {
  ipc: Uint8Array;
  rows: number;
  /** Columns of the spec that the file does not hold: loaded as nulls and reported, never invented. */
  missing: string[];
}

export async function readMetadata(file: AsyncBuffer): Promise<FileMetaData> {
  return parquetMetadataAsync(file);
}

/** Every row of the requested columns of a Parquet file, as one Arrow IPC stream. */
export async function columnsToIPC(file: AsyncBuffer, metadata: FileMetaData, specs: readonly ColumnSpec[]): Promise<ColumnRead> {
  const present = new Set(parquetSchema(metadata).children.map((c) => c.element.name));
  const wanted = specs.filter((c) => present.has(c.name));
  const rows = Number(metadata.num_rows);
  const chunks = new Map<string, { start: number; data: ArrayLike<unknown> }[]>();
  if (wanted.length) {
    await parquetRead({
      file, metadata, compressors, columns: wanted.map((c) => c.name),
      onChunk: ({ columnName, columnData, rowStart }) => {
        const list = chunks.get(columnName) ?? [];
        list.push({ start: rowStart, data: columnData });
        chunks.set(columnName, list);
      },
    });
  }
  const data: Record<string, unknown[] | ArrayLike<unknown>> = {};
  const types: Record<string, DataType> = {};
  for (const c of specs) {
    types[c.name] = arrowType(c);
    const parts = (chunks.get(c.name) ?? []).sort((a, b) => a.start - b.start);
    data[c.name] = present.has(c.name) ? normalise(concat(parts.map((p) => p.data), rows), c) : new Array(rows).fill(null);
  }
  const table = tableFromArrays(data as Record<string, unknown[]>, { types });
  return { ipc: tableToIPC(table, { format: 'stream' })!, rows, missing: specs.filter((c) => !present.has(c.name)).map((c) => c.name) };
}

function concat(parts: ArrayLike<unknown>[], rows: number): ArrayLike<unknown> {
  if (parts.length === 1 && parts[0].length === rows) return parts[0];
  const out = new Array(rows);
  let at = 0;
  for (const p of parts) for (let i = 0; i < p.length && at < rows; i++) out[at++] = p[i];
  return out;
}

/** The rows whose `key` column is one of `values` (row groups that cannot hold them are skipped). */
export async function rowsToIPC(file: AsyncBuffer, metadata: FileMetaData, specs: readonly ColumnSpec[], key: string, values: string[]): Promise<ColumnRead> {
  const present = new Set(parquetSchema(metadata).children.map((c) => c.element.name));
  const rows = values.length
    ? await parquetReadObjects({ file, metadata, compressors, columns: specs.filter((c) => present.has(c.name)).map((c) => c.name), filter: { [key]: { $in: values } } })
    : [];
  const data: Record<string, unknown[]> = {};
  const types: Record<string, DataType> = {};
  for (const c of specs) {
    types[c.name] = arrowType(c);
    data[c.name] = normalise(rows.map((r) => r[c.name] ?? null), c) as unknown[];
  }
  const table = tableFromArrays(data, { types });
  return { ipc: tableToIPC(table, { format: 'stream' })!, rows: rows.length, missing: specs.filter((c) => !present.has(c.name)).map((c) => c.name) };
}
