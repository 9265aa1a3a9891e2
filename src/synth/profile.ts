// An agency's latent character: how many applications it draws, how it answers them, what volumes of licensing
// and enforcement its field produces, its stock of normative documents. Drawn once per agency from its own
// random stream, so every year of the agency (and any report that copies it) is reproducible on its own.
import * as C from './calibration';
import { Rng } from './rng';
import type { Agency } from './universe';

export type VolumeLine = 'licensing' | 'penalty' | 'coercion' | 'fees';
export type Line = 'applications' | VolumeLine;

export interface Profile {
  agency: Agency;
  peer: C.PeerClass;
  /** Expected new applications in 2019 (the agency's own median, trend and year noise come on top). */
  applications: number;
  applicantMix: number[];
  outcomeMix: number[];
  carryForwardRate: number;
  appealScale: number;
  /** Expected volumes in 2019; 0 = the agency has none (no power, or not this agency). */
  volumes: Record<VolumeLine, number>;
  /** log-scale deviation of each line from its peers' median, in units of the peers' spread (for injections). */
  volumeZ: Record<Line, number>;
  feeDecimals: number;
  normativeRate: number;
  normativeStock: number;
  regulations: { issued: number; repealed: number; stock: number } | null;
  procurementItems: number;
  otherServices: number;
  items: Record<'licensing' | 'other_services' | 'penalty' | 'coercion' | 'fees', number>;
  /** First year on the 2021 template (2021, or later for a late switcher). */
  switchYear: number;
  /** Years printed as the hybrid (2021 表二 with a single (六) row): [from, to] inclusive, or null. */
  hybrid: [number, number] | null;
}

/** Log-scale spread of a volume line across peers (agency size and line-specific parts together). */
export const VOLUME_PEER_SIGMA = Math.hypot(C.VOLUME_SIZE_SIGMA, C.VOLUME_LINE_SIGMA);

export function drawProfile(seed: number, agency: Agency): Profile {
  const rng = new Rng(seed, 'profile', agency.name);
  const peer = C.peerClass(agency.kind, agency.level, agency.townKind);
  const field = agency.kind === 'department' ? agency.type : null;

  const appZ = rng.normal();
  const applications = C.APPLICATIONS_MEDIAN[peer] * (field ? C.FIELD_APPLICATIONS[field] ?? 0.6 : 1) * Math.exp(C.APPLICATIONS_AGENCY_SIGMA * appZ);

  const size = rng.normal();
  const volumeZ: Record<Line, number> = { applications: appZ, licensing: 0, penalty: 0, coercion: 0, fees: 0 };
  const volumes = {} as Record<VolumeLine, number>;
  for (const line of ['licensing', 'penalty', 'coercion', 'fees'] as const) {
    const own = rng.normal();
    volumeZ[line] = (C.VOLUME_SIZE_SIGMA * size + C.VOLUME_LINE_SIGMA * own) / VOLUME_PEER_SIGMA;
    volumes[line] = medianVolume(agency, field, line, rng) * Math.exp(VOLUME_PEER_SIGMA * volumeZ[line]);
  }

  const normativeRate = C.NORMATIVE_RATE[peer] * Math.sqrt(field ? C.FIELD_APPLICATIONS[field] ?? 0.6 : 1) * rng.lognormal(1, 0.5);
  const regulationLevel = agency.makesRegulations && (agency.level === 'provincial' || agency.level === 'prefecture') ? agency.level : null;
  const regulations = regulationLevel
    ? {
        issued: C.REGULATIONS[regulationLevel].issued * rng.lognormal(1, 0.3),
        repealed: C.REGULATIONS[regulationLevel].repealed * rng.lognormal(1, 0.3),
        stock: Math.round(C.REGULATIONS[regulationLevel].stock * rng.lognormal(1, 0.3)),
      }
    : null;
  const govFactor = agency.kind === 'government' ? 10 : 1;
  const item = (line: keyof Profile['items'], has: boolean) => (has ? Math.max(1, Math.round(C.ITEM_COUNTS[line] * govFactor * rng.lognormal(1, 0.5))) : 0);
  const otherServices = agency.kind === 'department' && rng.chance(0.4) ? rng.lognormal(100, 0.8) : 0;

  const late = rng.chance(C.LATE_SWITCHERS);
  const switchYear = late ? (rng.chance(0.7) ? 2022 : 2023) : 2021;
  let hybrid: [number, number] | null = null;
  if (rng.chance(C.HYBRIDS)) {
    const from = switchYear + rng.int(2025 - switchYear);
    hybrid = [from, Math.min(2025, from + 1 + rng.int(3))];
  }

  return {
    agency,
    peer,
    applications,
    applicantMix: rng.dirichlet(C.APPLICANT_MIX, C.APPLICANT_MIX_KAPPA),
    outcomeMix: rng.dirichlet(C.OUTCOME_MIX, C.OUTCOME_MIX_KAPPA),
    carryForwardRate: rng.beta(C.CARRY_FORWARD_RATE * C.CARRY_FORWARD_KAPPA, (1 - C.CARRY_FORWARD_RATE) * C.CARRY_FORWARD_KAPPA),
    appealScale: rng.lognormal(1, C.APPEAL_AGENCY_SIGMA),
    volumes,
    volumeZ,
    feeDecimals: rng.chance(0.5) ? 2 : 4,
    normativeRate,
    normativeStock: Math.round(normativeRate * C.NORMATIVE_STOCK_YEARS * rng.lognormal(1, 0.3)),
    regulations,
    procurementItems: C.PROCUREMENT_ITEMS[peer] * rng.lognormal(1, 0.6),
    otherServices,
    items: {
      licensing: item('licensing', volumes.licensing > 0),
      other_services: item('other_services', otherServices > 0),
      penalty: item('penalty', volumes.penalty > 0),
      coercion: item('coercion', volumes.coercion > 0),
      fees: item('fees', volumes.fees > 0),
    },
    switchYear,
    hybrid,
  };
}

/** The peers' median for one line of this agency (0 when the agency has no such volume). */
function medianVolume(agency: Agency, field: string | null, line: VolumeLine, rng: Rng): number {
  if (agency.kind === 'government') return C.GOVERNMENT_VOLUMES[agency.level as 'provincial' | 'prefecture' | 'county'][line];
  if (agency.kind === 'office') return 0;
  if (agency.kind === 'township') {
    const t = C.TOWN_VOLUMES[line];
    const street = agency.townKind === '街道' && 'streetP' in t;
    const p = street ? t.streetP : t.p;
    return rng.chance(p) ? t.median * (street ? t.streetFactor : 1) : 0;
  }
  const f = C.FIELD_VOLUMES[field!];
  if (!f || f[line] === 0 || !rng.chance(C.DEPT_NONZERO)) return 0;
  const centralised = line === 'licensing' && agency.centralisedLicensing && field !== '行政审批' ? C.CENTRALISED_LICENSING_SHARE : 1;
  return f[line] * C.DEPT_LEVEL_FACTOR[agency.level as 'provincial' | 'prefecture' | 'county'] * centralised;
}
