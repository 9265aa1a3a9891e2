// carry_over and stock: the cross-year checks of SCHEMA.md (src/model/checks.ts `crossYearChecks`), on every pair
// of consecutive reports of one agency. As there, a pair where either cell is blank is not compared (the
// mismatch cannot be seen in what was printed). The flag belongs to the later year.
import { T3_COLUMNS, t3Key } from '../../model/schema';
import { col, evidence, str, type SqlRunner } from '../sql';

const STOCK_ITEMS = ['regulations', 'normative_docs'] as const;
const alias = (key: string) => key.replaceAll('.', '_');

export async function crossYear(db: SqlRunner): Promise<string[]> {
  const current = [...T3_COLUMNS.map((c) => t3Key('carried_over', c.key)), ...STOCK_ITEMS.flatMap((i) => ['issued', 'repealed', 'in_force'].map((c) => `t2.${i}.${c}`))];
  const previous = [...T3_COLUMNS.map((c) => t3Key('carried_forward', c.key)), ...STOCK_ITEMS.map((i) => `t2.${i}.in_force`)];
  await db.query(`CREATE OR REPLACE TABLE anomaly_prev AS
    SELECT c.report_id, p.report_id AS prev_id, c.year,
      ${current.map((k) => `c.${col(k)} AS c_${alias(k)}`).join(', ')}, ${previous.map((k) => `p.${col(k)} AS p_${alias(k)}`).join(', ')}
    FROM reports c JOIN reports p ON p.agency_id = c.agency_id AND p.year = c.year - 1 AND p.is_real = c.is_real`);
  const prevCell = (key: string) => `(year - 1)::VARCHAR || ':${key}'`;
  const carry = T3_COLUMNS.map((c) => {
    const [cur, prev] = [t3Key('carried_over', c.key), t3Key('carried_forward', c.key)];
    const [a, b] = [`c_${alias(cur)}`, `p_${alias(prev)}`];
    return `${evidence({
      kind: 'carry_over', severity: 2, strength: `abs(${a} - ${b}) / greatest(1, ${a}, ${b})`, what: str(`x.carry.${c.key}`),
      cells: `${str(`${cur},`)} || ${prevCell(prev)}`, ref: 'prev_id', a, b,
    })} FROM anomaly_prev WHERE ${a} IS NOT NULL AND ${b} IS NOT NULL AND ${a} <> ${b}`;
  });
  const stock = STOCK_ITEMS.map((item) => {
    const k = (c: string) => `t2.${item}.${c}`;
    const [inForce, issued, repealed, before] = [`c_${alias(k('in_force'))}`, `c_${alias(k('issued'))}`, `c_${alias(k('repealed'))}`, `p_${alias(k('in_force'))}`];
    const expected = `(${before} + ${issued} - ${repealed})`;
    return `${evidence({
      kind: 'stock', severity: 2, strength: `abs(${inForce} - ${expected}) / greatest(1, abs(${inForce}), abs(${expected}))`, what: str(`x.stock.${item}`),
      cells: `${str(`${k('in_force')},`)} || ${prevCell(k('in_force'))} || ${str(`,${k('issued')},${k('repealed')}`)}`, ref: 'prev_id',
      a: inForce, b: expected, c: before,
    })} FROM anomaly_prev WHERE ${[inForce, issued, repealed, before].map((x) => `${x} IS NOT NULL`).join(' AND ')} AND ${inForce} <> ${expected}`;
  });
  return [...carry, ...stock];
}
