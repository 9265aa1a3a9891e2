// One sentence per piece of evidence, in Chinese and English, from the numbers the SQL found. Labels come from the
// schema, so a sentence names cells as the official table does.
import { ADMIN_LEVELS } from '../model/dataset';
import { checksFor } from '../model/checks';
import { T3_COLUMNS, T4_BLOCKS, keyDef, tables, type Label } from '../model/schema';
import { MIN_TABLE_BITS } from './detectors/copy';
import { LAYOUTS } from './sql';
import type { EvidenceRow } from './flags';

export interface Sentence {
  zh: string;
  en: string;
}

const num = (x: number | null) => (x == null ? '—' : Number.isInteger(x) ? String(x) : x.toFixed(Math.abs(x) < 10 ? 2 : 1));
const pct = (x: number | null) => (x == null ? '—' : `${(100 * x).toFixed(1)}%`);

const CHECK_LABELS = new Map<string, Label>();
for (const { layout } of LAYOUTS) {
  const rows = new Map(tables(layout).flatMap((t) => t.rows.map((r) => [`${t.id}.${r.key}`, r] as const)));
  for (const def of checksFor(layout, true)) {
    if (CHECK_LABELS.has(def.id)) continue;
    const row = def.id.startsWith('t3.row.') ? rows.get(`t3.${def.id.slice('t3.row.'.length)}`) : undefined;
    CHECK_LABELS.set(
      def.id,
      row
        ? { zh: `表三“${row.zh}”行：六类申请人之和 = 总计`, en: `Table 3 row "${row.en}": the six applicant columns add up to the total` }
        : { zh: `${def.id.startsWith('t4') ? '表四' : '表三'}${def.zh}`, en: `Table ${def.id.startsWith('t4') ? 4 : 3}, ${def.en}` },
    );
  }
}

const keyLabel = (key: string): Label => {
  const parts = key.split('+').map((k) => keyDef(k)?.label ?? { zh: k, en: k });
  return { zh: parts.map((p) => p.zh).join(' + '), en: parts.map((p) => p.en).join(' + ') };
};
const columnLabel = (col: string): Label => T3_COLUMNS.find((c) => c.key === col) ?? { zh: col, en: col };
const TABLE_NAMES: Record<string, Label> = { t2: { zh: '表二', en: 'Table 2' }, t3: { zh: '表三', en: 'Table 3' }, t4: { zh: '表四', en: 'Table 4' } };
const STOCK_ITEMS: Record<string, Label> = { regulations: { zh: '规章', en: 'regulations' }, normative_docs: { zh: '规范性文件', en: 'normative documents' } };
const RATE_LABELS: Record<string, Label> = {
  share_granted: { zh: '予以公开和部分公开占办理总数的比例', en: 'share granted in full or in part' },
  share_other: { zh: '（六）其他处理占办理总数的比例', en: 'share of "other handling"' },
  share_denied: { zh: '不予公开占办理总数的比例', en: 'share denied' },
  review_correction: { zh: '行政复议纠错率', en: 'administrative review correction rate' },
  suit_correction: { zh: '行政诉讼纠错率', en: 'litigation correction rate' },
};
const levelLabel = (level: string | null): Label => ADMIN_LEVELS.find((l) => l.key === level) ?? { zh: level ?? '未知层级', en: level ?? 'unknown level' };
const blockLabel = (block: string): Label => T4_BLOCKS.find((b) => b.key === block) ?? { zh: block, en: block };

export function describe(e: EvidenceRow): Sentence {
  const { a, b, c } = e;
  switch (e.kind) {
    case 'identity': {
      const label = CHECK_LABELS.get(e.what) ?? { zh: e.what, en: e.what };
      const omission = e.severity === 2 ? { zh: '：空白格可能是漏填，而非数字矛盾', en: ': the blanks may be omissions rather than contradicting figures' } : { zh: '', en: '' };
      const blanks = c ? { zh: `（${c} 个空白格按 0 计${omission.zh}）`, en: ` (${c} blank cell${c > 1 ? 's' : ''} counted as 0${omission.en})` } : { zh: '', en: '' };
      return { zh: `${label.zh} 不成立：${num(a)} ≠ ${num(b)}${blanks.zh}`, en: `${label.en} fails: ${num(a)} ≠ ${num(b)}${blanks.en}` };
    }
    case 'carry_over': {
      const col = columnLabel(e.what.slice('x.carry.'.length));
      return {
        zh: `表三“上年结转”（${col.zh}）为 ${num(a)}，而 ${e.year - 1} 年报告“结转下年度”为 ${num(b)}`,
        en: `Carried over (${col.en}) is ${num(a)}, but the ${e.year - 1} report carried forward ${num(b)}`,
      };
    }
    case 'stock': {
      const item = STOCK_ITEMS[e.what.slice('x.stock.'.length)] ?? { zh: e.what, en: e.what };
      return {
        zh: `${item.zh}现行有效件数为 ${num(a)}，按上年 ${num(c)} + 本年制发 − 本年废止 应为 ${num(b)}`,
        en: `${item.en} in force: ${num(a)}, where last year's ${num(c)} + issued − repealed gives ${num(b)}`,
      };
    }
    case 'copy': {
      const other = e.ref_agency ? `${e.ref_agency} ${e.ref_year} 年报告` : '另一份报告';
      const otherEn = e.ref_agency ? `${e.ref_agency}'s ${e.ref_year} report` : 'another report';
      const text = a == null ? { zh: '正文无法比较', en: 'the texts cannot be compared' } : { zh: `正文约 ${pct(a)} 相同`, en: `about ${pct(a)} of the wording is shared` };
      const near = b === 0 ? { zh: '表格完全相同', en: 'the tables are identical' } : { zh: `表格仅 ${num(b)} 格不同`, en: `the tables differ in ${num(b)} cell${b === 1 ? '' : 's'}` };
      // tables with next to no figures agree by chance: say so, the match rests on the text
      const empty = c != null && c < MIN_TABLE_BITS ? { zh: '（表格几乎全为 0，不足为证）', en: ' (next to no figures: no evidence)' } : { zh: '', en: '' };
      const tablesSame = { zh: near.zh + empty.zh, en: near.en + empty.en };
      const evidence = { zh: `${text.zh}，${tablesSame.zh}`, en: `${text.en}; ${tablesSame.en}` };
      if (e.what === 'prev') return { zh: `与本机关 ${e.ref_year} 年报告雷同：${evidence.zh}`, en: `Repeats the agency's own ${e.ref_year} report: ${evidence.en}` };
      if (e.what === 'peer') return { zh: `疑似抄自${other}：${evidence.zh}`, en: `Appears copied from ${otherEn}: ${evidence.en}` };
      return { zh: `与${other}雷同，抄袭或被抄袭（数据无法判断谁抄谁）：${evidence.zh}`, en: `Copies or is copied by ${otherEn} (the data cannot tell which): ${evidence.en}` };
    }
    case 'template':
      return e.what === '2019'
        ? { zh: `${e.year} 年报告仍使用 2019 版模板（2021 年度起应使用国办公开办函〔2021〕30号模板）`, en: `The ${e.year} report still uses the 2019 template (the 2021 template applies from the 2021 reports on)` }
        : { zh: '混用模板：表二为 2021 版，表三（六）其他处理未按 2021 版分为三项', en: 'Hybrid template: a 2021 Table 2 with the single 2019 "other handling" row in Table 3' };
    case 'blank': {
      const [table, state] = e.what.split(':');
      const name = TABLE_NAMES[table] ?? { zh: table, en: table };
      if (state === 'blank') {
        return {
          zh: `${name.zh}整表空白（未填报），而同级同类机关中 ${pct(a)} 填报了该表，本机关其他年度（或同类机关）在该表最多有 ${num(b)} 件`,
          en: `${name.en} is left entirely blank, while ${pct(a)} of peer reports fill it in and the agency's other years (or its peers) have up to ${num(b)} there`,
        };
      }
      return {
        zh: `${name.zh}整表全为 0，而同级同类机关中 ${pct(a)} 在该表有数据，按本机关其他年度（或同类机关）应有约 ${num(b)} 件`,
        en: `${name.en} is entirely zero, while ${pct(a)} of peer reports have figures there and the agency's other years (or its peers) suggest about ${num(b)}`,
      };
    }
    case 'implausible': {
      if (e.what === 'regulations') {
        const level = levelLabel(e.level);
        return {
          zh: `${level.zh}${e.agency_type === '政府' ? '政府' : '部门'}无权制定规章（仅国务院部门、省级和设区的市政府可以），却填报规章 ${num(a)} 件`,
          en: `A ${level.en.toLowerCase()} ${e.agency_type === '政府' ? 'government' : 'department'} cannot make 规章 (only State Council departments, provincial and prefecture governments can), yet reports ${num(a)}`,
        };
      }
      if (e.what === 'licensing') return { zh: `${e.agency_type}部门没有行政许可权，却填报行政许可决定 ${num(a)} 件`, en: `A ${e.agency_type} department has no licensing power, yet reports ${num(a)} licensing decisions` };
      if (e.what === 'negative') return { zh: `填报了负数（${num(a)}）：件数不可能小于 0`, en: `A count is negative (${num(a)})` };
      const block = blockLabel(e.what.slice('corrected:'.length));
      return { zh: `表四${block.zh}：结果纠正 ${num(a)} 大于总计 ${num(b)}`, en: `Table 4, ${block.en}: ${num(a)} corrected exceeds the total of ${num(b)}` };
    }
    case 'outlier': {
      if (e.what.startsWith('rate:')) {
        const rate = RATE_LABELS[e.what.slice(5)] ?? { zh: e.what, en: e.what };
        return {
          zh: `${rate.zh}为 ${pct(a)}，同级同类机关为 ${pct(b)}（漏斗图 z = ${num(c)}）`,
          en: `${rate.en[0].toUpperCase()}${rate.en.slice(1)} is ${pct(a)} against ${pct(b)} for its peers (funnel z = ${num(c)})`,
        };
      }
      const label = keyLabel(e.what.slice('volume:'.length));
      return {
        zh: `${label.zh}为 ${num(a)}，同级同类机关中位数约 ${num(Math.round(b ?? 0))}（对数稳健 z = ${num(c)}）`,
        en: `${label.en}: ${num(a)} against a peer median of about ${num(Math.round(b ?? 0))} (robust log z = ${num(c)})`,
      };
    }
    case 'jump': {
      const label = keyLabel(e.what.slice('volume:'.length));
      const ratio = a && b ? (a > b ? `${(a / b).toFixed(1)} 倍` : `${(b / a).toFixed(1)} 分之一`) : '';
      const ratioEn = a && b ? (a > b ? `×${(a / b).toFixed(1)}` : `÷${(b / a).toFixed(1)}`) : '';
      return {
        zh: `${label.zh}由 ${e.year - 1} 年的 ${num(b)} 变为 ${num(a)}（${ratio}），远超本机关往年和同类机关的变化：是否改变了统计口径？`,
        en: `${label.en} went from ${num(b)} in ${e.year - 1} to ${num(a)} (${ratioEn}), far beyond the agency's other years and its peers: a change of definition?`,
      };
    }
    case 'text_table': {
      const label = keyLabel(e.what);
      return { zh: `正文称${label.zh}为 ${num(a)}，表格为 ${num(b)}`, en: `The text states ${label.en} = ${num(a)}; the table says ${num(b)}` };
    }
  }
}
