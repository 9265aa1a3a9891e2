// Appends into a DuckDB table, row by row or column by column, at the speed of bulk copies. @duckdb/node-api's
// per-value setters cost a native call or a BigInt operation per value; the dataset appends hundreds of millions
// of cells, so values go into plain typed arrays (one per column, one vector's worth of rows) and each full chunk
// is copied into DuckDB's vectors with one memcpy per column. Column types come from the table itself.
import duckdb from '@duckdb/node-bindings';
import { DuckDBDataChunk, DuckDBEnumType, DuckDBTypeId, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';

type NumberArray = Uint8Array | Int8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;
type BigArray = BigInt64Array | BigUint64Array;

const NUMBER_ARRAYS: Partial<Record<DuckDBTypeId, new (n: number) => NumberArray>> = {
  [DuckDBTypeId.BOOLEAN]: Uint8Array,
  [DuckDBTypeId.TINYINT]: Int8Array,
  [DuckDBTypeId.UTINYINT]: Uint8Array,
  [DuckDBTypeId.SMALLINT]: Int16Array,
  [DuckDBTypeId.USMALLINT]: Uint16Array,
  [DuckDBTypeId.INTEGER]: Int32Array,
  [DuckDBTypeId.UINTEGER]: Uint32Array,
  [DuckDBTypeId.FLOAT]: Float32Array,
  [DuckDBTypeId.DOUBLE]: Float64Array,
};
const BIG_ARRAYS: Partial<Record<DuckDBTypeId, new (n: number) => BigArray>> = {
  [DuckDBTypeId.BIGINT]: BigInt64Array,
  [DuckDBTypeId.UBIGINT]: BigUint64Array,
};

/** A column given whole to `appendColumns`. */
export type ColumnInput = NumberArray | BigArray | readonly (string | null)[];

type Column =
  | { kind: 'number'; data: NumberArray; valid: Uint8Array; name: string }
  | { kind: 'bigint'; data: BigArray; valid: Uint8Array; name: string }
  | { kind: 'string'; data: (string | null)[]; valid: Uint8Array; name: string };

function columnFor(type: DuckDBType, name: string, rows: number): Column {
  const valid = new Uint8Array(Math.ceil(rows / 64) * 8);
  // an ENUM is stored as the index of its member, in the smallest unsigned type that holds them all
  const id = type instanceof DuckDBEnumType ? type.internalTypeId : type.typeId;
  const NumberArrayType = NUMBER_ARRAYS[id];
  if (NumberArrayType) return { kind: 'number', data: new NumberArrayType(rows), valid, name };
  const BigArrayType = BIG_ARRAYS[id];
  if (BigArrayType) return { kind: 'bigint', data: new BigArrayType(rows), valid, name };
  if (id === DuckDBTypeId.VARCHAR) return { kind: 'string', data: new Array(rows).fill(null), valid, name };
  throw new Error(`column ${name}: type ${type.toString()} cannot be appended in bulk`);
}

const wrongKind = (c: Column, wanted: string) => () => {
  throw new Error(`column ${c.name} is not ${wanted}`);
};

export class ColumnAppender {
  /** Column index by name, for callers that write by name. */
  readonly index: ReadonlyMap<string, number>;
  private row = 0;
  private readonly vectorSize = duckdb.vector_size();
  private readonly columns: Column[];
  private readonly chunk: DuckDBDataChunk;

  private constructor(
    private readonly appender: Awaited<ReturnType<DuckDBConnection['createAppender']>>,
    names: string[],
  ) {
    const types = names.map((_, i) => appender.columnType(i));
    this.columns = types.map((t, i) => columnFor(t, names[i], this.vectorSize));
    this.index = new Map(names.map((n, i) => [n, i]));
    this.chunk = DuckDBDataChunk.create(types, this.vectorSize);
    ({ numbers: this.numbers, bigints: this.bigints, strings: this.strings } = this.setters());
    this.clearValidity();
  }

  static async open(connection: DuckDBConnection, table: string): Promise<ColumnAppender> {
    const names = (await connection.runAndReadAll(`SELECT column_name FROM duckdb_columns() WHERE table_name = $1 ORDER BY column_index`, [table]))
      .getRows()
      .map((r) => String(r[0]));
    return new ColumnAppender(await connection.createAppender(table), names);
  }

  /** Numbers, booleans and ENUM member indexes; null or NaN is SQL NULL. */
  setNumber(col: number, value: number | boolean | null): void {
    this.numbers[col](value);
  }

  setBigInt(col: number, value: bigint | null): void {
    this.bigints[col](value);
  }

  setString(col: number, value: string | null): void {
    this.strings[col](value);
  }

  /** Any scalar, by the column's kind (slower than the typed setters: for rows with few values). */
  setValue(col: number, value: string | number | boolean | null): void {
    const kind = this.columns[col].kind;
    if (kind === 'string') this.strings[col](value === null ? null : String(value));
    else if (kind === 'number') this.numbers[col](value as number | boolean | null);
    else this.bigints[col](value === null ? null : BigInt(value));
  }

  // One closure per column and kind: each writes a single typed-array type, which keeps the hot path
  // monomorphic (a shared setter over mixed typed arrays is several times slower).
  private readonly numbers: ((v: number | boolean | null) => void)[];
  private readonly bigints: ((v: bigint | null) => void)[];
  private readonly strings: ((v: string | null) => void)[];

  private setters() {
    const numbers = this.columns.map((c) => {
      if (c.kind !== 'number') return wrongKind(c, 'numeric');
      const { data, valid } = c;
      return (v: number | boolean | null) => {
        if (v === null || v !== v) valid[this.row >> 3] &= ~(1 << (this.row & 7));
        else data[this.row] = +v;
      };
    });
    const bigints = this.columns.map((c) => {
      if (c.kind !== 'bigint') return wrongKind(c, 'BIGINT');
      const { data, valid } = c;
      return (v: bigint | null) => {
        if (v === null) valid[this.row >> 3] &= ~(1 << (this.row & 7));
        else data[this.row] = v;
      };
    });
    const strings = this.columns.map((c) => {
      if (c.kind !== 'string') return wrongKind(c, 'VARCHAR');
      const { data, valid } = c;
      return (v: string | null) => {
        if (v === null) valid[this.row >> 3] &= ~(1 << (this.row & 7));
        data[this.row] = v;
      };
    });
    return { numbers, bigints, strings };
  }

  /**
   * Appends `count` rows given column by column, in table order: typed arrays (converted to the column's type
   * as TypedArray.set does; NaN is NULL), BigInt arrays, or arrays of strings (null is NULL). `nulls[c]`, when
   * given, marks the NULL rows of column c with a non-zero byte.
   */
  appendColumns(count: number, values: readonly ColumnInput[], nulls: readonly (Uint8Array | undefined)[] = []): void {
    if (this.row !== 0) throw new Error('appendColumns: finish the rows appended one by one first');
    if (values.length !== this.columns.length) throw new Error(`appendColumns: ${values.length} columns given, the table has ${this.columns.length}`);
    for (let from = 0; from < count; from += this.vectorSize) {
      const n = Math.min(this.vectorSize, count - from);
      this.columns.forEach((c, i) => {
        const src = values[i];
        const { valid } = c;
        if (c.kind === 'string') {
          for (let j = 0; j < n; j++) {
            const v = (src as readonly (string | null)[])[from + j] ?? null;
            c.data[j] = v;
            if (v === null) valid[j >> 3] &= ~(1 << (j & 7));
          }
        } else {
          const part = (src as NumberArray | BigArray).subarray(from, from + n);
          (c.data as NumberArray).set(part as NumberArray);
          if (part instanceof Float64Array || part instanceof Float32Array) {
            for (let j = 0; j < n; j++) if (part[j] !== part[j]) valid[j >> 3] &= ~(1 << (j & 7));
          }
        }
        const mask = nulls[i];
        if (mask) for (let j = 0; j < n; j++) if (mask[from + j]) valid[j >> 3] &= ~(1 << (j & 7));
      });
      this.row = n;
      this.flush();
    }
  }

  /** Ends the current row. Every column must have been set: a slot keeps the previous row's value otherwise. */
  endRow(): void {
    if (++this.row === this.vectorSize) this.flush();
  }

  private clearValidity(): void {
    for (const c of this.columns) c.valid.fill(0xff);
  }

  private flush(): void {
    const rows = this.row;
    if (rows === 0) return;
    this.chunk.reset();
    this.columns.forEach((c, i) => {
      const vector = duckdb.data_chunk_get_vector(this.chunk.chunk, i);
      if (c.kind === 'string') {
        for (let r = 0; r < rows; r++) {
          const s = c.data[r];
          if (s !== null) duckdb.vector_assign_string_element(vector, r, s);
        }
      } else {
        duckdb.copy_data_to_vector(vector, 0, c.data.buffer as ArrayBuffer, 0, rows * c.data.BYTES_PER_ELEMENT);
      }
      duckdb.vector_ensure_validity_writable(vector);
      duckdb.copy_data_to_vector_validity(vector, 0, c.valid.buffer as ArrayBuffer, 0, Math.ceil(rows / 64) * 8);
    });
    this.chunk.rowCount = rows;
    this.appender.appendDataChunk(this.chunk);
    this.row = 0;
    this.clearValidity();
  }

  close(): void {
    this.flush();
    this.appender.closeSync();
  }
}
