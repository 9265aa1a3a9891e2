// Agency names: the official abbreviations reports use for themselves, so "上海市科委" and "上海市科学技术委员会"
// are one agency. Shared by the parser (names as read) and the dataset (grouping, field).

/** Abbreviation → full form, longest first so "卫健委" wins over "委". */
export const ABBREVIATIONS: readonly [string, string][] = ([
  ['科委', '科学技术委员会'],
  ['科技委', '科学技术委员会'],
  ['发改委', '发展和改革委员会'],
  ['发改局', '发展和改革局'],
  ['卫健委', '卫生健康委员会'],
  ['卫健局', '卫生健康局'],
  ['卫计委', '卫生和计划生育委员会'],
  ['人社局', '人力资源和社会保障局'],
  ['人社厅', '人力资源和社会保障厅'],
  ['住建局', '住房和城乡建设局'],
  ['住建厅', '住房和城乡建设厅'],
  ['住建委', '住房和城乡建设委员会'],
  ['市监局', '市场监督管理局'],
  ['市场监管局', '市场监督管理局'],
  ['经信局', '经济和信息化局'],
  ['工信局', '工业和信息化局'],
  ['工信厅', '工业和信息化厅'],
  ['文旅局', '文化和旅游局'],
  ['文广旅局', '文化广电和旅游局'],
  ['退役军人局', '退役军人事务局'],
  ['医保局', '医疗保障局'],
  ['应急局', '应急管理局'],
  ['城管局', '城市管理局'],
  ['交通局', '交通运输局'],
  ['教体局', '教育体育局'],
  ['民宗局', '民族宗教事务局'],
  ['政数局', '政务服务和数据管理局'],
  ['行政审批局', '行政审批服务局'],
] as [string, string][]).sort((a, b) => b[0].length - a[0].length);

/** Expands a trailing official abbreviation: "上海市科委" → "上海市科学技术委员会". */
export function expandAbbreviation(name: string): string {
  for (const [short, full] of ABBREVIATIONS) {
    if (name.endsWith(short)) return name.slice(0, -short.length) + full;
  }
  return name;
}
