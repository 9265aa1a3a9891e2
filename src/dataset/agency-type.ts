// An agency's type from the department part of its name (what follows the place: "商务局", "人民政府办公室"):
// '政府' for a government, its office, a street office or a zone's management committee, else the department's
// field. The table is read top-down and the first field whose words occur wins, so a merged bureau takes its
// first-named field ("文化广电和旅游局" → 文化旅游, "科学技术和工业信息化局" → 科技) and specific words come before
// the general ones they contain ("住房公积金" before "住房", "食品药品监督" before "药品监督").

export const GOVERNMENT = '政府';

/** Field → words (full names and the official abbreviations) that mark it. */
export const AGENCY_FIELDS: readonly { field: string; words: readonly string[] }[] = [
  { field: '退役军人事务', words: ['退役军人'] },
  { field: '公安', words: ['公安'] },
  { field: '住房公积金', words: ['住房公积金', '公积金'] },
  { field: '人力资源社会保障', words: ['人力资源和社会保障', '人力资源社会保障', '人社'] },
  { field: '医疗保障', words: ['医疗保障', '医保'] },
  { field: '发展改革', words: ['发展和改革', '发展改革', '发改'] },
  { field: '科技', words: ['科学技术', '科技', '科委'] },
  { field: '工业和信息化', words: ['工业和信息化', '工业信息化', '经济和信息化', '经济信息化', '工信', '经信'] },
  { field: '文化旅游', words: ['文化和旅游', '文化广电', '文化旅游', '文化体育和旅游', '文旅', '文广'] },
  { field: '教育', words: ['教育', '教委', '教体'] },
  { field: '卫生健康', words: ['卫生健康', '卫健', '卫生和计划生育', '卫计', '卫生局'] },
  { field: '市场监管', words: ['市场监督', '市场监管', '市监', '工商行政', '质量技术监督', '食品药品监督'] },
  { field: '药品监管', words: ['药品监督', '药监'] },
  { field: '自然资源', words: ['自然资源', '国土资源', '国土'] },
  { field: '生态环境', words: ['生态环境', '环境保护', '环保'] },
  { field: '住房城乡建设', words: ['住房和城乡建设', '住房城乡建设', '住建', '城乡建设', '建设局', '建设委员会', '建委', '房产', '房地产'] },
  { field: '交通运输', words: ['交通运输', '交通局', '交委', '交通'] },
  { field: '农业农村', words: ['农业农村', '农业', '农委', '农牧', '畜牧'] },
  { field: '水利', words: ['水利', '水务'] },
  { field: '林业', words: ['林业', '林草'] },
  { field: '商务', words: ['商务'] },
  { field: '财政', words: ['财政'] },
  { field: '民政', words: ['民政'] },
  { field: '司法', words: ['司法'] },
  { field: '审计', words: ['审计'] },
  { field: '统计', words: ['统计'] },
  { field: '税务', words: ['税务'] },
  { field: '应急管理', words: ['应急管理', '应急', '安全生产监督', '安监'] },
  { field: '城市管理', words: ['城市管理', '城管', '综合行政执法', '综合执法'] },
  { field: '国资', words: ['国有资产', '国资'] },
  { field: '体育', words: ['体育'] },
  { field: '信访', words: ['信访'] },
  { field: '人防', words: ['人民防空', '人防'] },
  { field: '粮食和物资储备', words: ['粮食', '物资储备'] },
  { field: '外事', words: ['外事', '外办'] },
  { field: '民族宗教', words: ['民族宗教', '民族事务', '宗教事务', '民宗'] },
  { field: '机关事务', words: ['机关事务'] },
  { field: '乡村振兴', words: ['乡村振兴', '扶贫'] },
  { field: '政务服务数据', words: ['政务服务', '行政审批', '大数据', '数据资源', '政务数据', '数据局'] },
  { field: '金融', words: ['金融'] },
  { field: '档案', words: ['档案'] },
  { field: '知识产权', words: ['知识产权'] },
  { field: '广播电视', words: ['广播电视', '广电', '新闻出版'] },
  { field: '海关', words: ['海关'] },
  { field: '气象', words: ['气象'] },
  { field: '地震', words: ['地震'] },
  { field: '消防救援', words: ['消防'] },
  { field: '投资促进', words: ['投资促进', '投促', '招商'] },
];

/** What is left of a government's own name once "人民政府" is taken off: nothing, or its general office. */
const GOVERNMENT_SELF = /^(?:办公室|办公厅|办)?$/;
/** A township government or street office, even when a department word occurs in the town's name. */
const TOWNSHIP_GOVERNMENT = /(?:镇|乡|街道|苏木)(?:人民政府|政府|办事处|办)(?:办公室|党政办公室)?$|^(?:街道)?办事处$/;
/** The management committee of a development zone or new area, once no department word has matched. */
const MANAGEMENT_COMMITTEE = /(?:管理委员会|管委会)$/;

/**
 * The type of an agency from its department part (the name after its place, see `placeAgency`), or null when
 * the name says nothing certain.
 */
export function agencyType(rest: string): string | null {
  // a name without its place may still start with the bare level word: "区政府办公室", "县人民政府"
  const own = rest.replace(/^(?:省|市|县|区|旗|镇|乡|街道)?(?:人民政府|政府)/, '');
  if (rest === '' || (own !== rest && GOVERNMENT_SELF.test(own))) return GOVERNMENT;
  if (TOWNSHIP_GOVERNMENT.test(own)) return GOVERNMENT;
  for (const { field, words } of AGENCY_FIELDS) if (words.some((w) => own.includes(w))) return field;
  return MANAGEMENT_COMMITTEE.test(own) ? GOVERNMENT : null;
}
