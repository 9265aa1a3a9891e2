// A chart as a picture for publication: its title, the filters in words, the data source and the dates are drawn
// into the image itself, so a screenshot never travels without them. PNG at 2× from the canvas renderer; SVG
// from the SVG renderer (text kept as text, in the same CJK-capable font families the page uses).
import { echartsWith, typesOf } from '../charts/echarts';
import { FONT_FAMILY } from '../charts/theme';

export interface ImageMeta {
  title: string;
  filters: string;
  source: string;
  dates: string;
}

export const IMAGE_WIDTH = 1200;
export const IMAGE_HEIGHT = 720;

type Option = Record<string, unknown> & { series?: { type?: string }[]; grid?: Record<string, unknown>; legend?: Record<string, unknown> };

/** The chart's option framed for export: header and footer text, the plot moved clear of them. */
export function framedOption(option: Option, meta: ImageMeta): Option {
  const grid = { ...(option.grid ?? {}), top: 110, bottom: 56, left: 24, right: 32, outerBoundsMode: 'same' as const, outerBoundsContain: 'axisLabel' as const };
  return {
    ...option,
    animation: false,
    backgroundColor: '#ffffff',
    title: {
      text: meta.title, subtext: meta.filters, left: 24, top: 14,
      textStyle: { fontFamily: FONT_FAMILY, fontSize: 22, fontWeight: 'bold', color: '#111' },
      subtextStyle: { fontFamily: FONT_FAMILY, fontSize: 14, color: '#444', width: IMAGE_WIDTH - 48, overflow: 'break' },
    },
    legend: option.legend ? { ...option.legend, top: 78 } : undefined,
    grid,
    graphic: [
      { type: 'text', left: 24, bottom: 14, style: { text: `${meta.source} · ${meta.dates}`, fontFamily: FONT_FAMILY, fontSize: 13, fill: '#555' } },
    ],
  };
}

export async function renderImage(option: Option, meta: ImageMeta, format: 'png' | 'svg'): Promise<Blob> {
  const echarts = await echartsWith([...typesOf(option), ...(format === 'svg' ? (['svg'] as const) : [])]);
  const framed = framedOption(option, meta);
  if (format === 'svg') {
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: IMAGE_WIDTH, height: IMAGE_HEIGHT });
    try {
      chart.setOption(framed as never);
      return new Blob([chart.renderToSVGString()], { type: 'image/svg+xml;charset=utf-8' });
    } finally {
      chart.dispose();
    }
  }
  const host = document.createElement('div');
  host.style.cssText = `position:fixed;left:-10000px;top:0;width:${IMAGE_WIDTH}px;height:${IMAGE_HEIGHT}px`;
  document.body.append(host);
  const chart = echarts.init(host, null, { renderer: 'canvas', width: IMAGE_WIDTH, height: IMAGE_HEIGHT, devicePixelRatio: 2 });
  try {
    chart.setOption(framed as never);
    const url = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
    return await (await fetch(url)).blob();
  } finally {
    chart.dispose();
    host.remove();
  }
}
