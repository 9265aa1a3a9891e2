// What every chart and export states besides its data: the filters in words, the data source (saying
// "synthetic" whenever synthetic reports are included), the data's date and today's.
import { filtersInWords, sourceKind, sourceLine, today, type SourceKind } from '../context';
import { t } from '../../i18n';
import { app, data } from '../store.svelte';
import { placeNames } from './places.svelte';

/** `own`: the source of a chart that shows data other than the filtered set (one agency's reports). */
export function useFraming(own: () => SourceKind | undefined = () => undefined) {
  return () => {
    const kind = own() ?? sourceKind(data.mix.reports, data.mix.real);
    return {
      filters: filtersInWords(app.lang, app.filters, placeNames),
      source: `${sourceLine(app.lang, kind)}。${t(app.lang, 'blanksAsZero')}`,
      dates: t(app.lang, 'source.dated', { data: data.manifest?.dataDate ?? '—', today: today() }),
    };
  };
}
