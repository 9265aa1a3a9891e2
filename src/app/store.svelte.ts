// The app's shared state: the URL state (every change is a history entry; back/forward restore it), the engine
// once loaded, and the real/synthetic make-up of the current filter, which every chart's source line states.
import { openEngine, type Manifest, type Progress } from '../db/client';
import { columnsOf, type Engine } from '../db/engine';
import { echartsWith } from '../charts/echarts';
import { composition, overviewByYear, overviewTotals } from '../db/queries';
import type { Query, Row } from '../db/sql';
import { parseState, serializeState, type AppState } from './url';

export const app: AppState = $state(parseState(location.search));

export const data = $state({
  engine: null as Engine | null,
  manifest: null as Manifest | null,
  progress: { received: 0, expected: 1, phase: 'engine' } as Progress,
  error: null as string | null,
  /** Reports under the current filters, and how many of them are real. */
  mix: { reports: 0, real: 0, ready: false },
});

/** Column groups the landing view's queries ask for, read while DuckDB starts (charts' group first). */
function firstColumns(s: AppState): string[][] {
  if (s.view !== 'overview') return [];
  const charts = columnsOf(overviewByYear(s.filters));
  return [charts, columnsOf(overviewTotals(s.filters)).filter((c) => !charts.includes(c))];
}

/** Where the dataset is served from (a build-time setting: see vite.config.ts). */
const DATA_URL = new URL('data/', document.baseURI).href;

export function startApp(): void {
  // A state change made by back/forward (or the first load) replaces the entry instead of adding one.
  let replacing = true;
  window.addEventListener('popstate', () => {
    replacing = true;
    Object.assign(app, parseState(location.search));
    setTimeout(() => (replacing = false));
  });
  setTimeout(() => (replacing = false));
  $effect.root(() => {
    $effect(() => {
      const q = serializeState(app);
      if (q === location.search) return;
      const url = `${location.pathname}${q}${location.hash}`;
      if (replacing) history.replaceState(null, '', url);
      else history.pushState(null, '', url);
    });
    $effect(() => {
      document.documentElement.lang = app.lang === 'zh' ? 'zh-CN' : 'en';
    });
    let mixVersion = 0;
    $effect(() => {
      const engine = data.engine;
      const q = composition(app.filters);
      if (!engine) return;
      const v = ++mixVersion;
      engine.query<{ reports: number; real_reports: number }>(q, () => v !== mixVersion).then(
        (rows) => {
          if (v === mixVersion) data.mix = { reports: rows[0]?.reports ?? 0, real: rows[0]?.real_reports ?? 0, ready: true };
        },
        () => undefined,
      );
    });
  });
  // The charting code loads while the data does.
  void echartsWith(['line', 'bar']);
  openEngine(DATA_URL, (p) => {
    data.progress = p;
  }, firstColumns(app)).then(
    ({ engine, manifest }) => {
      data.manifest = manifest;
      data.engine = engine;
      // For tests and benchmarks: run the app's own queries from the console.
      const w = window as unknown as { __nianbao?: Record<string, unknown> };
      w.__nianbao = { charts: {}, ...w.__nianbao, engine };
    },
    (e: Error) => (data.error = e.message),
  );
}

/**
 * Runs a query whenever what it depends on changes; keeps the last rows while the next ones load (charts
 * redraw in place) and drops answers that arrive after a newer question.
 */
export function live<T = Row>(make: () => Query | null) {
  const s = $state({ rows: [] as T[], loading: true, error: null as string | null, rev: 0 });
  let version = 0;
  $effect(() => {
    const engine = data.engine;
    const q = make();
    const v = ++version;
    if (!engine || !q) {
      s.loading = !engine;
      if (engine) s.rows = [];
      return;
    }
    s.loading = true;
    engine.query<T>(q, () => v !== version).then(
      (rows) => {
        if (v !== version) return;
        s.rows = rows;
        s.error = null;
        s.loading = false;
        s.rev++;
      },
      (e: Error) => {
        if (v !== version) return;
        s.error = e.message;
        s.loading = false;
        s.rev++;
      },
    );
  });
  return s;
}
