// A Source over the dataset's Parquet files, given a way to open one (a URL in the browser, a file in tests).
// Metadata is read once per file; a file that is absent is reported by name.
import type { AsyncBuffer, FileMetaData } from 'hyparquet';
import type { ColumnSpec, DatasetTable } from '../model/dataset';
import type { Loaded, Source } from './engine';
import { columnsToIPC, readMetadata, rowsToIPC } from './ipc';

export type Opener = (table: DatasetTable) => Promise<AsyncBuffer>;

export function parquetSource(open: Opener): Source {
  const files = new Map<DatasetTable, Promise<{ file: AsyncBuffer; metadata: FileMetaData }>>();
  const get = (table: DatasetTable) => {
    let f = files.get(table);
    if (!f) {
      f = open(table).then(async (file) => ({ file, metadata: await readMetadata(file) }));
      f.catch(() => files.delete(table));
      files.set(table, f);
    }
    return f;
  };
  return {
    async columns(table: DatasetTable, specs: readonly ColumnSpec[]): Promise<Loaded> {
      const { file, metadata } = await get(table);
      return columnsToIPC(file, metadata, specs);
    },
    async rows(table: DatasetTable, specs: readonly ColumnSpec[], key: string, values: string[]): Promise<Loaded> {
      const { file, metadata } = await get(table);
      return rowsToIPC(file, metadata, specs, key, values);
    },
  };
}
