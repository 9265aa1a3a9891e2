// Bar charts: grouped, stacked (set a series' stack) or horizontal.
import { cartesian, type CartesianSpec } from './cartesian';

export const KINDS = ['bar'] as const;
export const barOption = (spec: CartesianSpec) => cartesian(spec, 'bar');
