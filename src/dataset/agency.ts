// Everything the dataset says about an agency, from its name alone: the canonical name that groups its
// reports (so "洪泽区人民政府" and "淮安市洪泽区人民政府", or "上海市科委" and "上海市科学技术委员会", are one agency),
// its place, level and type, and a warning when the name cannot be placed or typed.
import type { AdminLevel } from '../model/dataset';
import { expandAbbreviation } from '../model/agencies';
import { agencyType } from './agency-type';
import { placeAgency, type Place } from './region';

export interface AgencyInfo extends Place {
  /** The name the agency's reports are grouped under. */
  canonical: string;
  level: AdminLevel | null;
  agency_type: string | null;
  /** Why some of the above is null, for the builder's agency warnings; null when all is known. */
  warning: string | null;
}

/** NFKC, no spaces, official abbreviations written out. */
export const normalizeAgencyName = (name: string) => expandAbbreviation(name.normalize('NFKC').replace(/\s+/g, ''));

/**
 * The canonical name writes the place the usual way ("淮安市洪泽区", "沭阳县", "洛阳市": no province in front of
 * a city or county) when the place is certain, and keeps the name as read otherwise.
 */
export function describeAgency(name: string): AgencyInfo {
  const normal = normalizeAgencyName(name);
  const { rest, canonicalPlace, warning, ...place } = placeAgency(normal);
  const agency_type = agencyType(rest);
  const warnings = [warning, agency_type === null ? `no agency type recognised in "${normal}"` : null].filter((w) => w !== null);
  return {
    canonical: canonicalPlace === null ? normal : canonicalPlace + rest,
    ...place,
    agency_type,
    warning: warnings.length ? warnings.join('; ') : null,
  };
}
