// The numbers behind the synthetic panel, in one place. docs/synthetic-panel.md says which real figures informed
// each of them (the corpus in ../shared/corpus and the field notes) and which are assumptions.
import type { AgencyKind } from './universe';
import type { AdminLevel } from '../model/dataset';
import { resultRows } from '../model/checks';
import { standardLayout } from '../model/schema';

export const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025] as const;
export const FIRST_YEAR = YEARS[0];

/** Peer class of an agency for the distributions: kind × level (townships by 街道/镇/乡). */
export type PeerClass =
  | 'gov.provincial' | 'gov.prefecture' | 'gov.county'
  | 'office.provincial' | 'office.prefecture'
  | 'dept.provincial' | 'dept.prefecture' | 'dept.county'
  | 'town.街道' | 'town.镇' | 'town.乡';

export function peerClass(kind: AgencyKind, level: AdminLevel, townKind: string | null): PeerClass {
  if (kind === 'township') return `town.${townKind}` as PeerClass;
  const k = kind === 'government' ? 'gov' : kind === 'office' ? 'office' : 'dept';
  return `${k}.${level}` as PeerClass;
}

// ---------------------------------------------------------------- 表三 applications

/** Median of new applications in 2019 (before field multiplier and agency scale). */
export const APPLICATIONS_MEDIAN: Record<PeerClass, number> = {
  'gov.provincial': 600, 'gov.prefecture': 250, 'gov.county': 25,
  'office.provincial': 60, 'office.prefecture': 12,
  'dept.provincial': 25, 'dept.prefecture': 6, 'dept.county': 1.2,
  'town.街道': 0.5, 'town.镇': 0.35, 'town.乡': 0.15,
};
/** Log-scale spread of the agency's size within its peer class, and of one year around the agency's trend. */
export const APPLICATIONS_AGENCY_SIGMA = 0.9;
export const APPLICATIONS_YEAR_SIGMA = 0.25;
/** Growth of applications per year (the corpus agencies grew 23 → 70 → 81 → 154 over 2019–2025). */
export const APPLICATIONS_TREND = 1.07;

/** Applications of a department relative to the median department (land, housing and policing draw most). */
export const FIELD_APPLICATIONS: Record<string, number> = {
  自然资源: 4, 住房城乡建设: 2.5, 公安: 1.8, 人力资源社会保障: 1.5, 市场监管: 1.5, 生态环境: 1.3, 城市管理: 1.2,
  交通运输: 1.2, 农业农村: 1.2, 卫生健康: 1.2, 教育: 1, 发展改革: 1, 行政审批: 1, 财政: 0.9, 民政: 0.9, 水利: 0.8,
  医疗保障: 0.7, 信访: 0.6, 司法: 0.6, 林业草原: 0.6, 应急管理: 0.6, 药品监管: 0.6, 退役军人事务: 0.5, 商务: 0.5,
  文化旅游: 0.5, 工业和信息化: 0.5, 科技: 0.4, 国有资产监管: 0.4, 金融: 0.4, 审计: 0.3, 体育: 0.3, 广播电视: 0.3,
  粮食物资储备: 0.3, 统计: 0.2, 机关事务: 0.2, 外事: 0.2,
};

/** Applicant mix (自然人 … 其他), mean shares; each agency draws its own mix around it. */
export const APPLICANT_MIX = [0.95, 0.025, 0.002, 0.004, 0.012, 0.007];
export const APPLICANT_MIX_KAPPA = 80;

/**
 * Outcome mix of handled applications, in the order of OUTCOME_ROWS: granted, partial, 8 不予公开 reasons,
 * 3 无法提供 reasons, 5 不予处理 reasons, 3 其他处理 sub-rows. Group shares: 予以公开 .40, 部分公开 .14,
 * 不予公开 .06, 无法提供 .29, 不予处理 .04, 其他处理 .07.
 */
export const OUTCOME_ROWS: readonly string[] = resultRows(standardLayout('2021'));
const split = (share: number, weights: number[]) => {
  const s = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (share * w) / s);
};
export const OUTCOME_MIX = [
  0.40, 0.14,
  ...split(0.06, [3, 12, 4, 12, 12, 17, 15, 25]),
  ...split(0.29, [85, 11, 4]),
  ...split(0.04, [65, 28, 2, 2, 3]),
  ...split(0.07, [48, 4, 48]),
];
/** Agencies differ in how they answer: concentration of the per-agency Dirichlet around OUTCOME_MIX. */
export const OUTCOME_MIX_KAPPA = 50;
/** Share of the year's open applications carried forward (mean of a per-agency Beta). */
export const CARRY_FORWARD_RATE = 0.03;
export const CARRY_FORWARD_KAPPA = 60;

// ---------------------------------------------------------------- 表四 review and litigation

/** Cases per application (review, direct suit, suit after review), scaled per agency by a log-normal(0, 0.5). */
export const APPEAL_RATES = { review: 0.07, suit_direct: 0.03, suit_after_review: 0.012 } as const;
export const APPEAL_AGENCY_SIGMA = 0.5;
/** Outcome shares: 维持, 纠正, 其他, 尚未审结. */
export const APPEAL_OUTCOMES = {
  review: [0.45, 0.15, 0.3, 0.1],
  suit_direct: [0.58, 0.1, 0.22, 0.1],
  suit_after_review: [0.58, 0.1, 0.22, 0.1],
} as const;

// ---------------------------------------------------------------- 表二 volumes

export interface FieldVolumes {
  /** Medians for a county-level department that has the power: licensing, penalty, coercion decisions, fees (万元). */
  licensing: number;
  penalty: number;
  coercion: number;
  fees: number;
}
const v = (licensing: number, penalty: number, coercion: number, fees: number): FieldVolumes => ({ licensing, penalty, coercion, fees });

/** Fields without licensing power carry 0; statistics and audit are near zero everywhere. */
export const FIELD_VOLUMES: Record<string, FieldVolumes> = {
  公安: v(4000, 9000, 300, 60), 市场监管: v(2500, 250, 30, 5), 交通运输: v(900, 600, 60, 10),
  自然资源: v(500, 40, 8, 300), 行政审批: v(9000, 0, 0, 20), 住房城乡建设: v(250, 60, 5, 40),
  卫生健康: v(450, 60, 3, 2), 农业农村: v(200, 40, 5, 1), 教育: v(120, 2, 0, 0), 人力资源社会保障: v(80, 10, 0, 1),
  城市管理: v(150, 500, 80, 30), 生态环境: v(60, 30, 10, 0), 水利: v(60, 10, 2, 50), 林业草原: v(120, 30, 3, 5),
  文化旅游: v(60, 15, 1, 0), 应急管理: v(40, 40, 3, 0), 民政: v(40, 2, 0, 1), 发展改革: v(40, 3, 0, 0), 商务: v(50, 5, 0, 0),
  司法: v(20, 1, 0, 0), 工业和信息化: v(15, 3, 0, 0), 科技: v(5, 0, 0, 0), 医疗保障: v(0, 15, 0, 0), 财政: v(5, 2, 0, 0),
  体育: v(10, 1, 0, 0), 药品监管: v(800, 50, 5, 1), 粮食物资储备: v(20, 5, 0, 0), 广播电视: v(50, 2, 0, 0), 金融: v(10, 2, 0, 0),
  外事: v(20, 0, 0, 0), 统计: v(0, 2, 0, 0), 审计: v(0, 1, 0, 0), 信访: v(0, 0, 0, 0), 退役军人事务: v(0, 0, 0, 0),
  机关事务: v(0, 0, 0, 0), 国有资产监管: v(0, 0, 0, 0),
};
/** Fields that have no licensing power at all: a licensing figure there is implausible. */
export const NO_LICENSING_FIELDS = Object.entries(FIELD_VOLUMES).filter(([, f]) => f.licensing === 0).map(([k]) => k);

/** Department volumes by level relative to a county department. */
export const DEPT_LEVEL_FACTOR: Record<'provincial' | 'prefecture' | 'county', number> = { provincial: 0.6, prefecture: 1.3, county: 1 };
/** Where a 行政审批服务局 exists, the other departments keep this share of their licensing. */
export const CENTRALISED_LICENSING_SHARE = 0.2;

/** Governments report their whole administration's volumes (淮安市 2024: licensing 447,228, penalties 3,985,758). */
export const GOVERNMENT_VOLUMES: Record<'provincial' | 'prefecture' | 'county', FieldVolumes> = {
  provincial: v(150000, 600000, 20000, 200000),
  prefecture: v(60000, 400000, 15000, 80000),
  county: v(2500, 3000, 120, 6000),
};
/** Townships: probability of a non-zero figure and its median (街道 enforce more: 官洲街道 2023 penalties 1,472). */
export const TOWN_VOLUMES = {
  licensing: { p: 0.25, median: 15 },
  penalty: { p: 0.3, median: 40, streetFactor: 3, streetP: 0.45 },
  coercion: { p: 0.1, median: 5 },
  fees: { p: 0.05, median: 2 },
} as const;
/** Probability that a department with the power reports a non-zero figure for a line. */
export const DEPT_NONZERO = 0.92;
/** Log-scale spread of volumes: agency size (shared by the lines), line-specific, and year noise. */
export const VOLUME_SIZE_SIGMA = 0.5;
export const VOLUME_LINE_SIGMA = 0.6;
export const VOLUME_YEAR_SIGMA = 0.2;
/** Yearly growth of licensing, penalties, coercion, fees. */
export const VOLUME_TREND = { licensing: 1.04, penalty: 1.02, coercion: 1.0, fees: 1.01 } as const;

/** Normative documents issued per year (median) by peer class; multiplied by the field's application factor^0.5. */
export const NORMATIVE_RATE: Record<PeerClass, number> = {
  'gov.provincial': 25, 'gov.prefecture': 12, 'gov.county': 6,
  'office.provincial': 3, 'office.prefecture': 1,
  'dept.provincial': 6, 'dept.prefecture': 2, 'dept.county': 0.6,
  'town.街道': 0.15, 'town.镇': 0.15, 'town.乡': 0.1,
};
/** Stock in force at the start of 2019 in years of issuance, yearly repeal rate, and the odds of a clean-up year. */
export const NORMATIVE_STOCK_YEARS = 6;
export const NORMATIVE_REPEAL_RATE = 0.04;
export const CLEANUP = { p: 0.08, share: [0.15, 0.4] } as const;
/** Regulations (规章): only provincial and prefecture governments (and the office that publishes them). */
export const REGULATIONS = {
  provincial: { issued: 6, repealed: 2.5, stock: 120 },
  prefecture: { issued: 1.2, repealed: 0.3, stock: 12 },
} as const;
/** Central procurement (2019 template): items per year by peer class, and 万元 per item. */
export const PROCUREMENT_ITEMS: Record<PeerClass, number> = {
  'gov.provincial': 150, 'gov.prefecture': 80, 'gov.county': 30,
  'office.provincial': 12, 'office.prefecture': 6,
  'dept.provincial': 20, 'dept.prefecture': 12, 'dept.county': 5,
  'town.街道': 2, 'town.镇': 2, 'town.乡': 1.5,
};
export const PROCUREMENT_WAN_PER_ITEM = 40;
/** 2019 template item counts (上一年项目数量) for a line with the power. */
export const ITEM_COUNTS = { licensing: 25, other_services: 10, penalty: 150, coercion: 15, fees: 4 } as const;

// ---------------------------------------------------------------- templates

/** Agencies that keep the 2019 template after 2021 (and until which year), and hybrids (2021 表二, single (六)). */
export const LATE_SWITCHERS = 0.03;
export const HYBRIDS = 0.02;
