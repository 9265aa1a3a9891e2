// Two reports for the same agency and year: which one the dataset keeps. The rule is data, so the SQL that
// applies it, the reason written to duplicates.csv and the documentation all come from this one list.

export interface DuplicateCriterion {
  /** Column of the staged reports. */
  column: string;
  direction: 'ASC' | 'DESC';
  /** The reason written to duplicates.csv when this criterion decided. */
  rule: string;
}

/** Applied in order; the first criterion on which two reports differ decides. */
export const DUPLICATE_RULE: readonly DuplicateCriterion[] = [
  { column: 'complete', direction: 'DESC', rule: 'complete record (no table cut off)' },
  { column: 'unread', direction: 'ASC', rule: 'fewer missing or ambiguous cells' },
  { column: 'warnings', direction: 'ASC', rule: 'fewer parser warnings' },
  { column: 'is_real', direction: 'DESC', rule: 'real report over synthetic' },
  { column: 'source', direction: 'ASC', rule: 'smaller source path or URL' },
  { column: 'seq', direction: 'ASC', rule: 'earlier input (the same source given twice)' },
];

/** Same bytes from two sources: nothing to choose, the rule above still picks one. */
export const SAME_FILE_RULE = 'identical file';

/** ORDER BY that ranks the reports of one agency and year, best first. */
export const duplicateOrder = () => DUPLICATE_RULE.map((c) => `"${c.column}" ${c.direction}`).join(', ');

/** SQL naming the criterion that put `kept` before `dropped` (two aliases of the staged reports). */
export const decidingRule = (kept: string, dropped: string) =>
  `CASE WHEN ${kept}.report_id = ${dropped}.report_id THEN '${SAME_FILE_RULE}' ` +
  DUPLICATE_RULE.map((c) => `WHEN ${kept}."${c.column}" IS DISTINCT FROM ${dropped}."${c.column}" THEN '${c.rule}'`).join(' ') +
  ' END';
