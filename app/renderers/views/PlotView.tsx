// application/vnd.torchlit.plot.v1+json: line/scatter plots drawn with uPlot; histograms as bars.
import { useMemo } from 'react';
import type { Fallback, RendererProps } from '../types';
import { UPlotChart, type ChartSeries } from './UPlotChart';
import { histArea, plotSvg } from './svg';
import { MIME, type PlotJson } from '../../protocol/outputs';
import { formatNumber } from '../escape';
import './views.css';

export function PlotView({ data: d }: RendererProps<PlotJson>) {
  const hist = d.series.find((s) => s.kind === 'hist');
  const series: ChartSeries[] = useMemo(() => d.series.filter((s) => s.kind !== 'hist').map((s) => ({ label: s.label, kind: s.kind === 'scatter' ? 'scatter' : 'line', x: s.x, y: s.y })), [d.series]);
  if (hist) {
    const lo = hist.x[0] ?? 0, hi = hist.x[hist.x.length - 1] ?? 1;
    const counts = hist.y.map((v) => v ?? 0);
    const path = histArea({ lo, hi, counts, mean: null, std: null, norm: null, min: null, max: null, zeros: 0, nonfinite: 0, n: 1 }, { lo, hi }, 480, 170, 175);
    return (
      <figure className="tl-plot" data-kind="hist">
        {d.title && <figcaption>{d.title}</figcaption>}
        <svg width={480} height={200} role="img" aria-label={d.title || 'histogram'}>
          <path d={path} fill="#1976d2" fillOpacity={0.7} stroke="#1976d2" />
          <text x={0} y={195} fontSize={10}>{formatNumber(lo, 3)}</text>
          <text x={480} y={195} fontSize={10} textAnchor="end">{formatNumber(hi, 3)}</text>
        </svg>
      </figure>
    );
  }
  return (
    <figure className="tl-plot" data-kind={series.map((s) => s.kind).join(',')}>
      <UPlotChart series={series} xlabel={d.xlabel} ylabel={d.ylabel} title={d.title || undefined} height={260} />
    </figure>
  );
}

export function plotFallback(d: PlotJson): Fallback {
  return { mime: 'image/svg+xml', text: plotSvg(d) };
}

export const plotRenderer = { mime: MIME.plot, component: PlotView, fallback: plotFallback };
