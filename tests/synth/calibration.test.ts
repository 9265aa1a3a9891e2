// The panel's distributions are those docs/synthetic-panel.md documents (checked against the model's own
// expectations, not against numbers copied from a run).
import { describe, expect, it } from 'vitest';
import * as C from '../../src/synth/calibration';
import { panelSeries, type SeriesReport } from '../../src/synth';

const panel = [...panelSeries({ seed: 5, province: '64' })];
const honest = panel.filter((r) => r.truth.length === 0);
const n = (r: SeriesReport, k: string) => (r.values[k] as number | null) ?? 0;
const sum = (rs: SeriesReport[], k: string) => rs.reduce((a, r) => a + n(r, k), 0);
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** P(no application) for a Poisson count whose mean is log-normal with median m and log-scale sd s. */
function zeroProbability(m: number, s: number): number {
  let total = 0;
  let weight = 0;
  for (let x = -8; x <= 8; x += 0.01) {
    const phi = Math.exp(-0.5 * x * x);
    total += phi * Math.exp(-m * Math.exp(s * x));
    weight += phi;
  }
  return total / weight;
}

describe('synthetic panel calibration', () => {
  it('leaves most townships without applications, as the model says', () => {
    const towns = panel.filter((r) => r.agency.kind === 'township' && !r.truth.some((t) => t.cells.includes('t3.new_received.total')));
    const observed = towns.filter((r) => r.values['t3.new_received.total'] === 0).length / towns.length;
    const s = Math.hypot(C.APPLICATIONS_AGENCY_SIGMA, C.APPLICATIONS_YEAR_SIGMA);
    const expected = towns.reduce((a, r) => a + zeroProbability(C.APPLICATIONS_MEDIAN[`town.${r.agency.townKind}` as C.PeerClass] * C.APPLICATIONS_TREND ** (r.year - C.FIRST_YEAR), s), 0) / towns.length;
    expect(expected).toBeGreaterThan(0.5);
    expect(Math.abs(observed - expected)).toBeLessThan(0.035);
  });

  it('draws applications mostly from natural persons and handles them in the documented mix', () => {
    expect(sum(honest, 't3.new_received.natural_person') / sum(honest, 't3.new_received.total')).toBeCloseTo(C.APPLICANT_MIX[0], 1);
    const handled = sum(honest, 't3.total.total');
    const share = (prefix: string) => C.OUTCOME_ROWS.filter((r) => r === prefix || r.startsWith(`${prefix}.`));
    for (const group of ['granted', 'partial', 'denied', 'unable', 'not_processed', 'other']) {
      const rows = share(group);
      const expected = rows.reduce((a, r) => a + C.OUTCOME_MIX[C.OUTCOME_ROWS.indexOf(r)], 0);
      const observed = (group === 'other' ? sum(honest, 't3.other.total') : rows.reduce((a, r) => a + sum(honest, `t3.${r}.total`), 0)) / handled;
      expect(Math.abs(observed - expected), group).toBeLessThan(0.05);
    }
  });

  it('is heavy-tailed: a few agencies receive most applications, and many reports have none', () => {
    const apps = honest.map((r) => n(r, 't3.new_received.total')).sort((a, b) => b - a);
    const top = apps.slice(0, Math.ceil(apps.length / 20)).reduce((a, b) => a + b, 0) / apps.reduce((a, b) => a + b, 0);
    expect(top).toBeGreaterThan(0.5);
    expect(apps.filter((a) => a === 0).length / apps.length).toBeGreaterThan(0.25);
  });

  it('puts licensing and penalties where the field has them: police and market regulation big, statistics and audit near zero', () => {
    const county = (type: string) => honest.filter((r) => r.agency.kind === 'department' && r.agency.level === 'county' && r.agency.type === type);
    const med = (type: string, k: string) => median(county(type).map((r) => n(r, k)));
    expect(med('公安', 't2.penalty.decisions')).toBeGreaterThan(10 * med('市场监管', 't2.penalty.decisions'));
    expect(med('市场监管', 't2.licensing.decisions')).toBeGreaterThan(10 * med('商务', 't2.licensing.decisions'));
    for (const t of C.NO_LICENSING_FIELDS) for (const r of county(t)) expect(n(r, 't2.licensing.decisions')).toBe(0);
    expect(med('统计', 't2.penalty.decisions') + med('审计', 't2.penalty.decisions')).toBeLessThan(10);
  });

  it('grows applications mildly over the years and carries a few percent over', () => {
    const year = (y: number) => sum(honest.filter((r) => r.year === y), 't3.new_received.total');
    const growth = year(2025) / year(2019);
    expect(growth).toBeGreaterThan(C.APPLICATIONS_TREND ** 6 * 0.75);
    expect(growth).toBeLessThan(C.APPLICATIONS_TREND ** 6 * 1.35);
    const forward = sum(honest, 't3.carried_forward.total') / (sum(honest, 't3.new_received.total') + sum(honest, 't3.carried_over.total'));
    expect(forward).toBeGreaterThan(C.CARRY_FORWARD_RATE / 2);
    expect(forward).toBeLessThan(C.CARRY_FORWARD_RATE * 1.5);
  });

  it('keeps late template switchers and hybrids at their documented shares of agencies', () => {
    const agencies = new Set(panel.map((r) => r.agency.name)).size;
    const late = new Set(panel.filter((r) => r.layout.template === '2019' && r.year >= 2021).map((r) => r.agency.name)).size / agencies;
    const hybrid = new Set(panel.filter((r) => r.layout.template === '2021' && !r.layout.otherSplit).map((r) => r.agency.name)).size / agencies;
    expect(Math.abs(late - C.LATE_SWITCHERS)).toBeLessThan(0.015);
    expect(Math.abs(hybrid - C.HYBRIDS)).toBeLessThan(0.012);
  });
});
