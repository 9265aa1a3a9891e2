// Public API of the anomaly detector (issue 5): pure SQL detectors over the dataset's reports, usable from Node
// (node-dataset.ts) and from the dashboard's DuckDB-WASM engine.
export { detect, type DetectOptions } from './detect';
export { describe, type Sentence } from './describe';
export { allFlags, readFlags, toFlag, ORDER_EVIDENCE, type EvidenceRow } from './flags';
export { descriptiveColumnsIn, type SqlRunner } from './sql';
export { KINDS, KIND_LABELS, SEVERITY_NAMES, type Flag, type Kind, type Relation, type Severity } from './types';
