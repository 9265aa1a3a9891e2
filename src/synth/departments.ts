// The usual departments of a Chinese government at each level after the 2018–2019 institutional reform, as they
// name themselves on their reports. This is a documented, general list (not one province's roster): each
// government gets the departments marked for its level; the few that vary between places (merged bureaus,
// name variants) are chosen per place by a hash of its GB/T 2260 code, so the universe does not depend on the seed.

export type GovLevel = 'provincial' | 'prefecture' | 'county';

export interface DepartmentDef {
  /** Field, as the dataset's agency_type (商务, 公安, 卫生健康 …). */
  type: string;
  /** Name suffix per level, e.g. 公安厅 / 公安局 / 公安局; absent = not at that level. Alternatives are variants. */
  names: Partial<Record<GovLevel, readonly string[]>>;
  /** Share of governments of that level that have the department (1 when absent). */
  presence?: Partial<Record<GovLevel, number>>;
  /**
   * Vertically managed below the prefecture: the county unit is a branch of the city's bureau
   * ("银川市生态环境局永宁分局"), at districts only for public security ("银川市公安局兴庆区分局").
   */
  branch?: 'county' | 'district';
}

const all = (p: string, c: string, x: string | readonly string[] = c): DepartmentDef['names'] => ({
  provincial: [p],
  prefecture: [c],
  county: typeof x === 'string' ? [x] : x,
});

export const DEPARTMENTS: readonly DepartmentDef[] = [
  { type: '发展改革', names: all('发展和改革委员会', '发展和改革委员会', '发展和改革局') },
  { type: '教育', names: all('教育厅', '教育局', ['教育局', '教育体育局']) },
  { type: '科技', names: all('科学技术厅', '科学技术局', '科学技术局'), presence: { county: 0.5 } },
  { type: '工业和信息化', names: all('工业和信息化厅', '工业和信息化局', '工业和信息化局') },
  { type: '公安', names: all('公安厅', '公安局', '公安局'), branch: 'district' },
  { type: '民政', names: all('民政厅', '民政局', '民政局') },
  { type: '司法', names: all('司法厅', '司法局', '司法局') },
  { type: '财政', names: all('财政厅', '财政局', '财政局') },
  { type: '人力资源社会保障', names: all('人力资源和社会保障厅', '人力资源和社会保障局', '人力资源和社会保障局') },
  { type: '自然资源', names: all('自然资源厅', '自然资源局', '自然资源局') },
  { type: '生态环境', names: all('生态环境厅', '生态环境局', '生态环境局'), branch: 'county' },
  { type: '住房城乡建设', names: all('住房和城乡建设厅', '住房和城乡建设局', '住房和城乡建设局') },
  { type: '交通运输', names: all('交通运输厅', '交通运输局', '交通运输局') },
  { type: '水利', names: all('水利厅', '水务局', ['水务局', '水利局']) },
  { type: '农业农村', names: all('农业农村厅', '农业农村局', '农业农村局') },
  { type: '商务', names: all('商务厅', '商务局', ['商务局', '商务和经济技术合作局']) },
  { type: '文化旅游', names: all('文化和旅游厅', '文化旅游广电局', ['文化旅游广电局', '文化和旅游局']) },
  { type: '卫生健康', names: all('卫生健康委员会', '卫生健康委员会', ['卫生健康局', '卫生健康委员会']) },
  { type: '退役军人事务', names: all('退役军人事务厅', '退役军人事务局', '退役军人事务局') },
  { type: '应急管理', names: all('应急管理厅', '应急管理局', '应急管理局') },
  { type: '审计', names: all('审计厅', '审计局', '审计局') },
  { type: '国有资产监管', names: { provincial: ['人民政府国有资产监督管理委员会'], prefecture: ['人民政府国有资产监督管理委员会'] } },
  { type: '市场监管', names: all('市场监督管理局', '市场监督管理局', '市场监督管理局') },
  { type: '广播电视', names: { provincial: ['广播电视局'] } },
  { type: '体育', names: { provincial: ['体育局'], prefecture: ['体育局'] } },
  { type: '统计', names: all('统计局', '统计局', '统计局') },
  { type: '医疗保障', names: all('医疗保障局', '医疗保障局', '医疗保障局') },
  { type: '林业草原', names: all('林业和草原局', '林业和草原局', '林业和草原局'), presence: { prefecture: 0.6, county: 0.4 } },
  { type: '信访', names: all('信访局', '信访局', '信访局') },
  { type: '机关事务', names: { provincial: ['机关事务管理局'], prefecture: ['机关事务管理局'] }, presence: { prefecture: 0.7 } },
  { type: '金融', names: { provincial: ['地方金融监督管理局'], prefecture: ['地方金融监督管理局'] }, presence: { prefecture: 0.5 } },
  { type: '粮食物资储备', names: { provincial: ['粮食和物资储备局'] } },
  { type: '药品监管', names: { provincial: ['药品监督管理局'] } },
  { type: '外事', names: { provincial: ['人民政府外事办公室'] } },
  { type: '城市管理', names: { prefecture: ['城市管理局'], county: ['城市管理局', '综合执法局'] }, presence: { county: 0.8 } },
  { type: '行政审批', names: { prefecture: ['行政审批服务局'], county: ['行政审批服务局'] }, presence: { prefecture: 0.8, county: 0.7 } },
];

/** The government's own general office publishes its own report at provincial and prefecture level. */
export const GENERAL_OFFICE: Partial<Record<GovLevel, string>> = { provincial: '人民政府办公厅', prefecture: '人民政府办公室' };

/** Agency type of governments, their general offices, townships and streets. */
export const GOVERNMENT_TYPE = '政府';
