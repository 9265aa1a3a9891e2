// The anomaly detector's vocabulary: the kinds of flag (issue 5), their severities, the evidence rows the SQL
// detectors produce, and the flags a person reads.

export const KINDS = ['identity', 'carry_over', 'stock', 'copy', 'template', 'blank', 'implausible', 'outlier', 'jump', 'text_table'] as const;
export type Kind = (typeof KINDS)[number];

/** 3 high: the report contradicts itself or copies; 2 medium: worth a look; 1 low: statistically unusual. */
export type SeverityLevel = 1 | 2 | 3;
export const SEVERITY_NAMES = { 3: 'high', 2: 'medium', 1: 'low' } as const;
export type Severity = (typeof SEVERITY_NAMES)[SeverityLevel];

export const KIND_LABELS: Record<Kind, { zh: string; en: string }> = {
  identity: { zh: '表内勾稽不符', en: 'Totals do not add up' },
  carry_over: { zh: '结转不衔接', en: 'Carry-over mismatch' },
  stock: { zh: '现行有效数不衔接', en: 'Stock mismatch' },
  copy: { zh: '内容雷同', en: 'Copied report' },
  template: { zh: '模板不符', en: 'Wrong template' },
  blank: { zh: '整表空白或全零', en: 'Blank or all-zero table' },
  implausible: { zh: '数值不合常理', en: 'Implausible value' },
  outlier: { zh: '明显偏离同类', en: 'Outlier among peers' },
  jump: { zh: '年度突变', en: 'Year-over-year jump' },
  text_table: { zh: '正文与表格不一致', en: 'Text contradicts table' },
};

/**
 * One finding of one detector, as the SQL returns it: the numbers a sentence needs, not the sentence. `what` says
 * which check, metric or table; `cells` are value keys joined by ',' (a previous year's cell is "2022:<key>");
 * `ref` is another report (the copied one, or last year's); `strength` ∈ [0, 1) orders findings of one severity.
 */
export interface Evidence {
  report_id: string;
  kind: Kind;
  severity: SeverityLevel;
  strength: number;
  what: string;
  cells: string;
  ref: string | null;
  a: number | null;
  b: number | null;
  c: number | null;
}

/** A flag: one kind on one report, with every piece of evidence for it. */
export interface Flag {
  report_id: string;
  agency: string;
  year: number;
  kind: Kind;
  severity: Severity;
  /** The reasons in Chinese (zh-CN) and English. */
  detail: string;
  detail_en: string;
  cells: string[];
  /** Severity level + the strongest evidence's strength: the order of the list (highest first). */
  score: number;
  /** The other report the flag is about: the copied one, or last year's for cross-year kinds. */
  related_report_id: string | null;
  /** What the related report is to this one (null when there is none). */
  relation: Relation | null;
}

/**
 * 'copies': this report copies the related one; 'copies_or_copied_by': one of the two copied the other and the
 * data cannot say which (the pair's one copy flag); 'previous_year': the agency's report of the year before.
 */
export type Relation = 'copies' | 'copies_or_copied_by' | 'previous_year';
