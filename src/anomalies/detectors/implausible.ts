// implausible: values the law makes impossible or unlikely.
// - 规章 can be made only by State Council departments and by the governments of provinces and of 设区的市 /
//   自治州 (立法法 art. 91, 93; 嘉峪关, 东莞, 中山 and 三沙 likewise, art. 81): a 规章 figure from a county or
//   township government, or from any department below the State Council, is implausible.
// - 行政许可 needs a legal power to license (行政许可法 art. 22–23); some kinds of department have none.
// - a count below zero; a 纠正 (corrected) figure above its block's 总计 in 表四.
import { ALL_KEYS, T4_BLOCKS, t4Key } from '../../model/schema';
import { col, evidence, str } from '../sql';

const REGULATION_KEYS = ALL_KEYS.filter((d) => d.key.startsWith('t2.regulations.')).map((d) => d.key);
/** Fields (agency_type) whose departments hold no 行政许可 power. */
export const NO_LICENSING_FIELDS = ['信访', '机关事务', '国资', '统计', '审计', '医疗保障', '退役军人事务'];
/** Counts that cannot be negative: everything but 表二's 本年增/减. */
const COUNT_KEYS = ALL_KEYS.filter((d) => d.column.kind !== 'change').map((d) => d.key);

/** Keys (joined by ',') whose cells satisfy `test`. */
const keysWhere = (keys: readonly string[], test: (c: string) => string) => `concat_ws(',', ${keys.map((k) => `CASE WHEN ${test(col(k))} THEN ${str(k)} END`).join(', ')})`;

export const implausibleSelects = (): string[] => [
  `${evidence({ kind: 'implausible', severity: 2, strength: `least(1, greatest(${REGULATION_KEYS.map(col).join(', ')}) / 20)`, what: str('regulations'),
    cells: keysWhere(REGULATION_KEYS, (c) => `${c} > 0`), a: `greatest(${REGULATION_KEYS.map(col).join(', ')})` })}
    FROM reports WHERE greatest(${REGULATION_KEYS.map(col).join(', ')}) > 0 AND (
      -- any body of a county or a township
      level IN ('county', 'township')
      -- a department anywhere but the State Council: also where its level is unknown but it is placed in a province
      -- (where the level is unknown a government may make 规章, a department may not)
      OR (agency_type <> '政府' AND coalesce(level <> 'national', province_code IS NOT NULL)))`,
  `${evidence({ kind: 'implausible', severity: 2, strength: `least(1, ${col('t2.licensing.decisions')} / 1000)`, what: str('licensing'),
    cells: str('t2.licensing.decisions'), a: col('t2.licensing.decisions') })}
    FROM reports WHERE agency_type IN (${NO_LICENSING_FIELDS.map(str).join(', ')}) AND ${col('t2.licensing.decisions')} > 0`,
  `${evidence({ kind: 'implausible', severity: 3, strength: `least(1, -least(${COUNT_KEYS.map(col).join(', ')}) / 100)`, what: str('negative'),
    cells: keysWhere(COUNT_KEYS, (c) => `${c} < 0`), a: `least(${COUNT_KEYS.map(col).join(', ')})` })}
    FROM reports WHERE least(${COUNT_KEYS.map(col).join(', ')}) < 0`,
  ...T4_BLOCKS.map((b) => {
    const [corrected, total] = [col(t4Key(b.key, 'corrected')), col(t4Key(b.key, 'total'))];
    return `${evidence({ kind: 'implausible', severity: 3, strength: `(${corrected} - ${total}) / greatest(1, ${corrected})`, what: str(`corrected:${b.key}`),
      cells: str(`${t4Key(b.key, 'corrected')},${t4Key(b.key, 'total')}`), a: corrected, b: total })}
      FROM reports WHERE ${corrected} > ${total}`;
  }),
];
