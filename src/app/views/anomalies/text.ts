// The Anomalies view's words in Chinese and English (kind names come from src/anomalies/types.ts).
import type { Lang } from '../../../i18n';

const TEXT = {
  running: { zh: '正在检测：勾稽关系、跨年衔接、内容雷同、同类比较……', en: 'Running the checks: identities, carry-over, copies, peer statistics…' },
  failed: { zh: '检测未能完成', en: 'The detector failed' },
  summary: { zh: '当前筛选下 {reports} 份报告，{flagged} 份有问题线索（{share}）。', en: '{flagged} of the {reports} reports under the filters carry a flag ({share}).' },
  synthetic: {
    zh: '合成面板报告中的问题是为检验检测器而人为注入的，不是真实机关的问题。',
    en: 'Problems in the synthetic panel were injected to test the detector; they are not real agencies’ problems.',
  },
  kind: { zh: '问题类型', en: 'Kind' },
  allKinds: { zh: '全部类型', en: 'All kinds' },
  regions: { zh: '各地有问题线索的报告占比（按{level}）', en: 'Share of reports flagged, by {level}' },
  kinds: { zh: '问题线索：按类型与严重程度', en: 'Flags by kind and severity' },
  agencies: { zh: '机关排名（按问题得分）', en: 'Agencies ranked by score' },
  scoreNote: {
    zh: '得分 = 各问题线索的严重程度（高 3、中 2、低 1）加证据强度（0–1）之和；点击机关查看其问题线索。',
    en: 'Score = the sum over the agency’s flags of severity (high 3, medium 2, low 1) plus evidence strength (0–1); click an agency for its flags.',
  },
  flags: { zh: '问题线索（按严重程度排序）', en: 'Flags, most serious first' },
  flagsOf: { zh: '{agency} 的问题线索', en: 'Flags of {agency}' },
  flagsNote: { zh: '点击一行打开机关档案，相关单元格以橙色虚线标出。', en: 'Click a row to open the agency profile with the flagged cells marked in orange.' },
  showAll: { zh: '显示全部机关', en: 'Show every agency' },
  place: { zh: '地区', en: 'Place' },
  flagCount: { zh: '问题数', en: 'Flags' },
  reportCount: { zh: '涉及报告', en: 'Reports' },
  score: { zh: '得分', en: 'Score' },
  severity: { zh: '严重程度', en: 'Severity' },
  high: { zh: '高', en: 'High' },
  medium: { zh: '中', en: 'Medium' },
  low: { zh: '低', en: 'Low' },
  detail: { zh: '说明', en: 'Detail' },
  cells: { zh: '单元格', en: 'Cells' },
  rate: { zh: '有问题线索的报告占比', en: 'Share flagged' },
  flagged: { zh: '有问题线索', en: 'Flagged' },
  province: { zh: '省', en: 'province' },
  city: { zh: '市', en: 'city' },
  county: { zh: '县区', en: 'county' },
} as const;

export type TextKey = keyof typeof TEXT;

export const tx = (lang: Lang, key: TextKey, vars: Record<string, string | number> = {}) =>
  TEXT[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
