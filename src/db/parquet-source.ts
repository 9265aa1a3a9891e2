// A Source over the dataset's Parquet files, given a way to open one (a URL in the browser, a file in tests).
// Metadata is read once per file, a key column's index once per table; a file that is absent is reported by name.
import type { AsyncBuffer, FileMetaData } from 'hyparquet';
import type { ColumnSpec, DatasetTable } from '../model/dataset';
import type { Loaded, Source } from './engine';
import { columnsToIPC, keyIndex, readMetadata, rowsToIPC, type KeyIndex } from './ipc';

export type Opener = (table: DatasetTable) => Promise<AsyncBuffer>;

export function parquetSource(open: Opener): Source {
  const files = new Map<DatasetTable, Promise<{ file: AsyncBuffer; metadata: FileMetaData }>>();
  // Built on the first row lookup of a table, then reused: later lookups decode only the rows they need.
  const indexes = new Map<string, Promise<KeyIndex>>();
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
      const id = `${table}/${key}`;
      let index = indexes.get(id);
      if (!index) indexes.set(id, (index = keyIndex(file, metadata, key)));
      return rowsToIPC(file, metadata, specs, await index, values);
    },
  };
}
