// Public API of the synthetic panel generator (issue 3, "The embedded demo dataset").
export { generatePanel, panelSeries, planPanel, renderReport, DEFAULT_PROVINCE, type DatasetInput, type PanelOptions, type PanelReport } from './panel';
export { buildUniverse, findProvince, listProvinces, type Agency, type Universe } from './universe';
export { INJECTION_RATES, JUMP_RATE, VOLUME_OUTLIER_RATE, type AnomalyKind, type InjectedProblem } from './inject';
export type { SeriesReport } from './series';
export type { DocFormat } from './render/style';
