// Bulk appends into DuckDB: every type the staging tables use, NULLs, and chunk boundaries.
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { ColumnAppender } from '../../src/dataset/appender';

async function table() {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  await con.run(`CREATE TYPE st AS ENUM ('value', 'blank', 'missing');
    CREATE TABLE t (a UINTEGER, b UBIGINT, c st, d DOUBLE, e BOOLEAN, f VARCHAR, g SMALLINT)`);
  return con;
}

const expected = (i: number) => [i, i % 3 ? 0xfedcba9876543210n + BigInt(i) : null, ['value', 'blank', 'missing'][i % 3], i % 5 ? i / 2 : null, i % 2 === 0, i % 4 ? `名${i}` : null, i % 7 ? -(i % 30000) : null];

describe('ColumnAppender', () => {
  it('appends row by row across several chunks, NULLs included', async () => {
    const con = await table();
    const app = await ColumnAppender.open(con, 't');
    const n = 5000; // more than two vectors of 2048
    for (let i = 0; i < n; i++) {
      const [a, b, c, d, e, f, g] = expected(i);
      app.setNumber(0, a as number);
      app.setBigInt(1, b as bigint | null);
      app.setNumber(2, i % 3);
      app.setNumber(3, d === null ? NaN : (d as number));
      app.setNumber(4, e as boolean);
      app.setString(5, f as string | null);
      app.setNumber(6, g as number | null);
      app.endRow();
    }
    app.close();
    const rows = (await con.runAndReadAll('SELECT * FROM t ORDER BY a')).getRows();
    expect(rows).toHaveLength(n);
    for (const i of [0, 1, 2047, 2048, 2049, 4095, 4096, 4999]) expect(rows[i].map((v) => (v === null ? null : typeof v === 'object' ? String(v) : v))).toEqual(expected(i));
  });

  it('appends whole columns, converting typed arrays and honouring NaN and NULL masks', async () => {
    const con = await table();
    const app = await ColumnAppender.open(con, 't');
    const n = 4500;
    const a = Uint32Array.from({ length: n }, (_, i) => i);
    const b = BigUint64Array.from({ length: n }, (_, i) => BigInt(i) * 1000n);
    const c = Uint16Array.from({ length: n }, (_, i) => i % 3); // converted to the ENUM's uint8
    const d = Float64Array.from({ length: n }, (_, i) => (i % 5 ? i / 2 : NaN));
    const e = Uint8Array.from({ length: n }, (_, i) => i % 2);
    const f = Array.from({ length: n }, (_, i) => (i % 4 ? `s${i}` : null));
    const g = Uint32Array.from({ length: n }, (_, i) => i % 100); // converted to SMALLINT
    const gNull = Uint8Array.from({ length: n }, (_, i) => (g[i] === 0 ? 1 : 0));
    app.appendColumns(n, [a, b, c, d, e, f, g], [, , , , , , gNull]);
    app.close();
    const [[count, nd, nf, ng, sum, maxB, firstC]] = (await con.runAndReadAll("SELECT count(*), count(d), count(f), count(g), sum(g), max(b), min(c::VARCHAR) FROM t")).getRows();
    expect([count, nd, nf, ng]).toEqual([BigInt(n), BigInt(n - n / 5), BigInt(n - Math.ceil(n / 4)), BigInt(n - n / 100)]);
    expect(Number(sum)).toBe([...g].reduce((x, y) => x + y, 0));
    expect(maxB).toBe(BigInt(n - 1) * 1000n);
    expect(firstC).toBe('blank');
  });

  it('refuses a value of the wrong kind', async () => {
    const con = await table();
    const app = await ColumnAppender.open(con, 't');
    expect(() => app.setString(0, 'x')).toThrow(/column a is not VARCHAR/);
    expect(() => app.appendColumns(1, [])).toThrow(/0 columns given, the table has 7/);
  });
});

describe('ColumnAppender.setValue', () => {
  it('writes by the column kind, NULL included', async () => {
    const con = await table();
    const app = await ColumnAppender.open(con, 't');
    for (const [a, b, c, d, e, f, g] of [[1, 5, 0, 0.5, true, 'x', 3], [2, null, 1, null, null, null, null]] as const) {
      [a, b, c, d, e, f, g].forEach((v, i) => app.setValue(i, v));
      app.endRow();
    }
    app.close();
    expect((await con.runAndReadAll('SELECT * FROM t ORDER BY a')).getRows()).toEqual([[1, 5n, 'value', 0.5, true, 'x', 3], [2, null, 'blank', null, null, null, null]]);
  });
});
