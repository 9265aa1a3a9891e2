// template: a report on 2021 or later still on the 2019 template (国办公开办函〔2021〕30号 applies from the 2021
// reports on), or the hybrid: a 2021 表二 with the single 2019 (六)其他处理 row in 表三.
import { evidence, str } from '../sql';

export const templateSelects = (): string[] => [
  `${evidence({ kind: 'template', severity: 2, strength: '(year - 2021 + 1) / 10', what: str('2019'), cells: "''", a: 'year' })}
    FROM reports WHERE template = '2019' AND year >= 2021`,
  `${evidence({ kind: 'template', severity: 1, strength: '0', what: str('hybrid'), cells: str('t3.other.total'), a: 'year' })}
    FROM reports WHERE template = '2021' AND NOT other_split`,
];
