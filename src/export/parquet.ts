// The filtered report set as a Parquet file, written in the browser by hyparquet-writer (DuckDB-WASM would need
// its parquet extension, which is never downloaded). Column types follow src/model/dataset.ts.
import type { ColumnSpec } from '../model/dataset';

const TYPE = { VARCHAR: 'STRING', INTEGER: 'INT32', SMALLINT: 'INT32', DOUBLE: 'DOUBLE', BOOLEAN: 'BOOLEAN', 'VARCHAR[]': 'JSON' } as const;

export async function toParquet(specs: readonly ColumnSpec[], rows: Record<string, unknown>[]): Promise<ArrayBuffer> {
  const { parquetWriteBuffer } = await import('hyparquet-writer');
  return parquetWriteBuffer({
    columnData: specs.map((c) => ({
      name: c.name,
      type: TYPE[c.type],
      data: rows.map((r) => {
        const v = r[c.name];
        if (v == null) return null;
        if (c.type === 'VARCHAR[]') return JSON.stringify(v);
        return v;
      }),
    })),
  });
}
