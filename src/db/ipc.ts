// Parquet (read with hyparquet: no DuckDB extension, ever) → Arrow IPC stream (flechette) for DuckDB-WASM's
// insertArrowFromIPCStream. Pure of any DOM or Node API, so the browser's loader worker and the Node tests share it.
import { bool, dictionary, float64, int16, int32, list, tableFromArrays, tableToIPC, utf8, type DataType } from '@uwdata/flechette';
import { parquetMetadataAsync, parquetRead, parquetReadObjects, parquetSchema, type AsyncBuffer, type FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { ColumnSpec } from '../model/dataset';

// Columns with few distinct values travel dictionary-encoded (each string encoded once); for near-unique ones
// (ids, names, sources) a dictionary only costs time.
const FEW_VALUES = new Set(['template', 'province', 'province_code', 'city', 'city_code', 'county', 'county_code', 'level', 'agency_type', 'source_format', 'key', 'status', 'check_id']);

function arrowType(c: ColumnSpec): DataType {
  switch (c.type) {
    case 'VARCHAR':
      return FEW_VALUES.has(c.name) ? dictionary(utf8(), int32()) : utf8();
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

/** Where each value of a key column sits in a file: runs of consecutive rows (a report's cells are together). */
export type KeyIndex = Map<string, [number, number][]>;

export async function keyIndex(file: AsyncBuffer, metadata: FileMetaData, key: string): Promise<KeyIndex> {
  const index: KeyIndex = new Map();
  await parquetRead({
    file, metadata, compressors, columns: [key],
    onChunk: ({ columnData, rowStart }) => {
      for (let i = 0; i < columnData.length; i++) {
        const v = String(columnData[i]);
        const row = rowStart + i;
        const runs = index.get(v);
        const last = runs?.at(-1);
        if (last && last[1] === row) last[1] = row + 1;
        else if (runs) runs.push([row, row + 1]);
        else index.set(v, [[row, row + 1]]);
      }
    },
  });
  return index;
}

/** The rows whose key is one of `values`, read run by run (only the pages holding them are decoded). */
export async function rowsToIPC(file: AsyncBuffer, metadata: FileMetaData, specs: readonly ColumnSpec[], index: KeyIndex, values: string[]): Promise<ColumnRead> {
  const present = new Set(parquetSchema(metadata).children.map((c) => c.element.name));
  const runs = values.flatMap((v) => index.get(v) ?? []).sort((a, b) => a[0] - b[0]);
  const columns = specs.filter((c) => present.has(c.name)).map((c) => c.name);
  const rows: Record<string, unknown>[] = [];
  for (const [rowStart, rowEnd] of runs) {
    rows.push(...(await parquetReadObjects({ file, metadata, compressors, columns, rowStart, rowEnd })));
  }
  const data: Record<string, unknown[]> = {};
  const types: Record<string, DataType> = {};
  for (const c of specs) {
    types[c.name] = arrowType(c);
    data[c.name] = normalise(rows.map((r) => r[c.name] ?? null), c) as unknown[];
  }
  const table = tableFromArrays(data, { types });
  return { ipc: tableToIPC(table, { format: 'stream' })!, rows: rows.length, missing: specs.filter((c) => !present.has(c.name)).map((c) => c.name) };
}
