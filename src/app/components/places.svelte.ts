// Names of the places chosen in the filters (code → name), filled by the filter bar as it loads its options.
export const placeNames: Record<string, string> = $state({});
