// The report's narrative: preface, 总体情况, problems and other matters, with the totals real reports state in
// words ("共收到政府信息公开申请X件", "行政复议X件", "现行有效规范性文件X件"). Sentences come from banks large enough
// that two honest reports share little text, so a copied report stands out. Numbers in words only ever use the
// phrasings listed in STATED_KEYS; no other sentence puts a count next to 收到/受理/答复/办结/复议/诉讼/现行有效.
import type { Values } from '../model/checks';
import type { Layout } from '../model/schema';
import { OUTCOME_ROWS } from './calibration';
import { Rng } from './rng';
import type { Agency } from './universe';

export interface Narrative {
  title: string;
  preface: string[];
  overview: { heading: string; paragraphs: string[] }[];
  /** Paragraphs printed after 表四 (some reports comment on review and litigation there). */
  afterTable4: string[];
  problems: string[];
  other: string[];
  signature: { agency: string; date: string };
}

/** Keys whose value the prose may state; a text_table injection replaces one of them. */
export const STATED_KEYS = [
  't3.new_received.total',
  't3.granted.total',
  't4.review.total',
  't2.normative_docs.in_force',
] as const;
export type StatedKey = (typeof STATED_KEYS)[number];

export interface ProseInput {
  seed: number;
  agency: Agency;
  year: number;
  layout: Layout;
  values: Values;
  /** Numbers the prose states differently from the table (text_table injection). */
  overrides?: Partial<Record<StatedKey, number>>;
  /** Title names the agency by its short name ("市商务局2021年…"); the body then names it in full. */
  shortTitle: boolean;
}

const FIELD_WORK: Record<string, string[]> = {
  政府: ['重大决策部署', '政府工作报告', '财政预决算', '重大建设项目', '民生实事'],
  公安: ['户政管理', '出入境管理', '交通安全管理', '治安管理', '警情通报'],
  市场监管: ['市场主体登记', '食品安全抽检', '产品质量监督', '价格监督检查', '消费维权'],
  自然资源: ['土地征收', '国土空间规划', '不动产登记', '矿产资源管理', '耕地保护'],
  住房城乡建设: ['保障性住房', '建筑市场监管', '城市更新', '物业管理', '住房公积金'],
  卫生健康: ['医疗机构管理', '公共卫生服务', '疾病预防控制', '妇幼健康', '医疗卫生监督'],
  教育: ['招生入学', '教育收费', '学校安全', '教师招聘', '学生资助'],
  人力资源社会保障: ['就业创业', '社会保险', '劳动保障监察', '人事考试', '职业技能培训'],
  交通运输: ['道路运输管理', '公路建设养护', '城乡客运', '交通执法', '农村公路'],
  生态环境: ['环境质量', '环评审批', '排污许可', '环境执法', '突发环境事件'],
  农业农村: ['惠农补贴', '农产品质量安全', '高标准农田', '动物防疫', '乡村建设'],
  民政: ['社会救助', '养老服务', '婚姻登记', '社会组织管理', '殡葬管理'],
  财政: ['预算决算', '政府采购', '财政专项资金', '政府债务', '惠民惠农补贴'],
  商务: ['商贸流通', '招商引资', '对外贸易', '消费促进', '电子商务'],
  发展改革: ['项目审批', '价格管理', '重点项目', '规划编制', '粮食安全'],
};
const GENERIC_WORK = ['机构职能', '部门预决算', '政策文件', '工作动态', '人事信息'];

const DIGITS = '〇一二三四五六七八九';
const inChinese = (n: number) => (n <= 10 ? ['零', ...'一二三四五六七八九十'][n] : String(n).split('').map((d) => DIGITS[+d]).join(''));

export function writeNarrative(input: ProseInput): Narrative {
  const { agency, year, values, layout } = input;
  const rng = new Rng(input.seed, 'prose', agency.name, year);
  const self = rng.pick(selfNames(agency));
  const full = agency.name;
  const work = FIELD_WORK[agency.type] ?? GENERIC_WORK;
  const topic = () => rng.pick(work);
  const stated = (key: StatedKey) => input.overrides?.[key] ?? (values[key] as number | null) ?? 0;
  const n = (key: string) => (values[key] as number | null) ?? 0;

  const title = `${input.shortTitle ? agency.short : full}${year}年${rng.pick(['政府信息公开工作年度报告', '政府信息公开工作年度报告', '度政府信息公开工作年度报告', '政府信息公开年度报告'])}`;

  const preface = [
    rng.pick([
      `本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和${rng.pick(['上级有关文件', '国务院办公厅政府信息公开办公室有关要求', '省政府办公厅有关通知'])}要求，由${full}编制。`,
      `根据《中华人民共和国政府信息公开条例》规定，现公布${full}${year}年政府信息公开工作年度报告。`,
      `按照《中华人民共和国政府信息公开条例》要求，${full}编制了${year}年度政府信息公开工作年度报告。`,
      `为全面反映${year}年度政府信息公开工作情况，依据《中华人民共和国政府信息公开条例》，${full}编制本报告。`,
    ]) +
      rng.pick([
        `本报告中所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`,
        `报告所列数据统计时限为${year}年1月1日至12月31日。`,
        `全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。`,
      ]) +
      rng.pick(['', `如对本报告有疑问，请与${self}办公室联系。`, `本报告电子版可在${agency.province}人民政府门户网站下载。`]),
  ];

  const overview: Narrative['overview'] = [];
  const proactive = Math.max(5, Math.round(rng.lognormal(agency.kind === 'township' ? 60 : agency.kind === 'government' ? 1500 : 200, 0.7)));
  overview.push({
    heading: rng.pick(['（一）主动公开', '（一）主动公开情况', '（一）主动公开政府信息情况']),
    paragraphs: [
      rng.pick([
        `${year}年，${self}全年共主动公开政府信息${proactive}条，`,
        `${year}年，${self}通过门户网站主动公开政府信息${proactive}条，`,
        `全年主动公开各类政府信息${proactive}条，`,
      ]) +
        rng.pick([
          `重点公开了${topic()}、${topic()}等方面的信息。`,
          `其中${topic()}类信息${Math.round(proactive * 0.3)}条，${topic()}类信息${Math.round(proactive * 0.2)}条。`,
          `内容涵盖${topic()}、${topic()}和${topic()}等领域。`,
        ]) +
        (layout.template === '2021' && rng.chance(0.6)
          ? rng.pick([
              `本年制发规范性文件${n('t2.normative_docs.issued')}件，现行有效规范性文件${stated('t2.normative_docs.in_force')}件。`,
              `截至年底，现行有效规范性文件${stated('t2.normative_docs.in_force')}件。`,
            ])
          : input.overrides?.['t2.normative_docs.in_force'] !== undefined
            ? `截至年底，现行有效规范性文件${stated('t2.normative_docs.in_force')}件。`
            : '') +
        rng.pick([
          `坚持以公开为常态、不公开为例外，做到应公开尽公开。`,
          `及时更新政府信息公开指南和目录，确保公开信息准确、完整。`,
          `围绕${topic()}加大政策解读力度，以图解、问答等形式回应社会关切。`,
          `严格落实公开属性源头认定，新增信息均标注公开属性。`,
        ]),
    ],
  });

  const received = stated('t3.new_received.total');
  const carried = n('t3.carried_over.total');
  const forward = n('t3.carried_forward.total');
  let application: string;
  if (received === 0 && carried === 0 && input.overrides?.['t3.granted.total'] === undefined) {
    application = rng.pick([
      `${year}年，${self}未收到政府信息公开申请。`,
      `本年度${self}未收到依申请公开政府信息的申请，无上年结转申请。`,
      `${year}年度，未收到公民、法人或其他组织提出的政府信息公开申请。`,
    ]);
  } else {
    application =
      rng.pick([
        `${year}年，${self}共收到政府信息公开申请${received}件，上年结转${carried}件。`,
        `全年新收政府信息公开申请${received}件，上年结转${carried}件，均在法定期限内予以答复。`,
        `本年度共受理政府信息公开申请${received}件，上年结转${carried}件。`,
      ]) +
      (rng.chance(0.7)
        ? `其中予以公开${stated('t3.granted.total')}件，部分公开${n('t3.partial.total')}件，` +
          `不予公开${sumRows(values, 'denied')}件，无法提供${sumRows(values, 'unable')}件，不予处理${sumRows(values, 'not_processed')}件，其他处理${n('t3.other.total')}件` +
          (forward > 0 ? `，结转下年度继续办理${forward}件。` : '。')
        : input.overrides?.['t3.granted.total'] !== undefined
          ? `其中予以公开${stated('t3.granted.total')}件。`
          : forward > 0
            ? `结转下年度继续办理${forward}件。`
            : '');
  }
  overview.push({
    heading: rng.pick(['（二）依申请公开', '（二）依申请公开情况', '（二）依申请公开政府信息情况']),
    paragraphs: [
      application +
        rng.pick([
          `严格按照法定程序和时限办理，规范答复文书格式。`,
          `进一步规范申请登记、审核、办理、答复、归档等环节。`,
          `坚持依法依规、便民高效，加强与申请人沟通。`,
          '',
        ]),
    ],
  });

  overview.push({
    heading: rng.pick(['（三）政府信息管理', '（三）政府信息管理情况', '（三）信息管理']),
    paragraphs: [
      rng.pick([
        `建立健全公开前保密审查机制，落实“先审查、后公开”和“一事一审”制度。`,
        `严格执行信息发布审核制度，坚持“谁公开、谁审查、谁负责”。`,
        `定期开展政府信息公开自查，对${topic()}等栏目逐条核查，及时纠正错漏。`,
        `完善政府信息管理动态调整机制，对不再适合公开的信息及时调整。`,
      ]) +
        rng.pick([
          `本年度清理过时信息${inChinese(1 + rng.int(9))}批次。`,
          `全年未发生泄密或不当公开事件。`,
          `对${topic()}相关文件开展合法性审查，确保发布内容规范准确。`,
          '',
        ]),
    ],
  });

  overview.push({
    heading: rng.pick(['（四）政府信息公开平台建设', '（四）平台建设', '（四）政务公开平台建设情况']),
    paragraphs: [
      rng.pick([
        `依托${agency.province}政府网站集约化平台，优化“政府信息公开”专栏设置。`,
        `加强政务新媒体管理，微信公众号全年发布信息${Math.round(rng.lognormal(120, 0.8))}条。`,
        `持续完善门户网站栏目，实现${topic()}等信息集中统一发布。`,
        `规范政务公开专区建设，为群众查阅政府信息提供便利。`,
      ]) +
        rng.pick([
          `网站全年保持安全平稳运行。`,
          `及时回应网民留言，做到件件有回音。`,
          `在省、市网站抽查中未发现重大问题。`,
          '',
        ]),
    ],
  });

  overview.push({
    heading: rng.pick(['（五）监督保障', '（五）监督保障情况', '（五）监督保障和教育培训']),
    paragraphs: [
      rng.pick([
        `调整充实政务公开工作领导小组，由${rng.pick(['主要负责同志', '分管负责同志', '班子成员'])}牵头抓总。`,
        `将政务公开工作纳入年度目标考核，明确责任分工。`,
        `组织开展政务公开业务培训${inChinese(1 + rng.int(4))}次，提升工作人员业务能力。`,
        `主动接受社会监督，全年未发生因政府信息公开工作引起的责任追究。`,
      ]),
    ],
  });

  const review = stated('t4.review.total');
  const suits = n('t4.suit_direct.total') + n('t4.suit_after_review.total');
  const afterTable4: string[] = [];
  const appeals =
    review === 0 && suits === 0
      ? rng.pick([`全年未发生因政府信息公开引起的行政复议、行政诉讼。`, `本年度无政府信息公开方面的行政复议、行政诉讼情况。`])
      : `全年发生政府信息公开行政复议${review}件、行政诉讼${suits}件。`;
  if (rng.chance(0.5) || input.overrides?.['t4.review.total'] !== undefined) afterTable4.push(appeals);

  const problems = [
    rng.pick([
      `${year}年，${self}政府信息公开工作取得了一定成效，但也存在一些不足：`,
      `对照新形势新要求，${self}政府信息公开工作仍存在不足：`,
      `本年度政府信息公开工作还存在以下问题：`,
    ]) +
      rng.pick([
        `一是主动公开的深度和广度有待拓展；二是政策解读形式还比较单一。`,
        `一是信息更新还不够及时；二是工作人员业务水平有待提高。`,
        `一是${topic()}等重点领域信息公开还不够全面；二是公开质量有待进一步提升。`,
        `一是政务公开工作机制还需进一步健全；二是回应社会关切的主动性不够。`,
      ]),
    rng.pick([
      `${year + 1}年，将进一步加强学习培训，提升政务公开工作规范化水平。`,
      `下一步，将聚焦${topic()}，加大主动公开力度，提高政策解读质量。`,
      `针对上述问题，将完善工作机制，加强督促检查，推动政务公开工作再上新台阶。`,
      `下一步，将持续规范依申请公开办理流程，切实保障公众知情权。`,
    ]),
  ];

  const feeYuan = rng.chance(0.03) ? 50 * (1 + rng.int(6)) : 0;
  const other = [
    rng.pick([
      feeYuan > 0 ? `本年度依据《政府信息公开信息处理费管理办法》收取信息处理费${feeYuan}元。` : `本年度未收取信息处理费。`,
      feeYuan > 0 ? `全年收取信息处理费${feeYuan}元。` : `${year}年度，${self}政府信息公开未发生收费情况。`,
      `无其他需要报告的事项。`,
    ]),
  ];
  if (afterTable4.length === 0) other.push(appeals);

  const month = agency.kind === 'government' || agency.kind === 'township' ? 1 + rng.int(3) : 1;
  const day = 5 + rng.int(month === 1 ? 26 : 23);
  return {
    title,
    preface,
    overview,
    afterTable4,
    problems,
    other,
    signature: { agency: full, date: `${year + 1}年${month}月${day}日` },
  };
}

const GROUP_TOTALS = new Map(
  ['denied', 'unable', 'not_processed'].map((g) => [g, OUTCOME_ROWS.filter((r) => r.startsWith(`${g}.`)).map((r) => `t3.${r}.total`)]),
);
function sumRows(values: Values, group: string): number {
  let s = 0;
  for (const k of GROUP_TOTALS.get(group)!) s += (values[k] as number | null) ?? 0;
  return s;
}

/** How a report refers to its own agency in the body. */
function selfNames(agency: Agency): string[] {
  if (agency.kind === 'township') return [agency.name, agency.short, `我${agency.townKind}`];
  if (agency.kind === 'government' || agency.kind === 'office') return [agency.name, agency.short.replace('人民政府', '政府')];
  const unit = agency.name.endsWith('委员会') ? '委' : agency.name.endsWith('厅') ? '厅' : '局';
  return [agency.name, `我${unit}`, agency.short];
}
