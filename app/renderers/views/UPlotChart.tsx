// A small React wrapper around uPlot (lines and scatter on a shared x).
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { PALETTE } from './svg';
import { chartColors, useTheme } from '../../styles/theme';

export interface ChartSeries {
  label: string;
  kind: 'line' | 'scatter';
  x: (number | null)[];
  y: (number | null)[];
}

/** Merges series with different x values onto one sorted x axis (uPlot's data layout). */
export function alignSeries(series: ChartSeries[]): uPlot.AlignedData {
  const xs = [...new Set(series.flatMap((s) => s.x.filter((v): v is number => v !== null)))].sort((a, b) => a - b);
  const index = new Map(xs.map((v, i) => [v, i]));
  const ys = series.map((s) => {
    const col: (number | null)[] = new Array(xs.length).fill(null);
    s.x.forEach((xv, i) => {
      if (xv !== null) col[index.get(xv)!] = s.y[i];
    });
    return col;
  });
  return [xs, ...ys] as uPlot.AlignedData;
}

export function UPlotChart({ series, xlabel, ylabel, height = 200, logy = false, title }: { series: ChartSeries[]; xlabel?: string; ylabel?: string; height?: number; logy?: boolean; title?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  // uPlot draws axes on a canvas, so CSS cannot recolour them: the chart is remade when the theme flips.
  const dark = useTheme((t) => t.dark);
  const shape = series.map((s) => `${s.label}:${s.kind}`).join('|') + `|${logy}|${xlabel}|${ylabel}|${title}|${dark}`;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const width = Math.max(300, Math.min(el.clientWidth || 640, 900));
    const colors = chartColors(dark);
    const opts: uPlot.Options = {
      width,
      height,
      title,
      scales: { x: { time: false }, y: logy ? { distr: 3 } : {} },
      axes: [
        { label: xlabel, stroke: colors.text, grid: { stroke: colors.grid }, ticks: { stroke: colors.ticks } },
        { label: ylabel, size: 60, stroke: colors.text, grid: { stroke: colors.grid }, ticks: { stroke: colors.ticks } },
      ],
      legend: { show: series.length > 1 || !!series[0]?.label },
      cursor: { drag: { x: true, y: false } },
      series: [
        { label: xlabel || 'x' },
        ...series.map((s, i) => ({
          label: s.label,
          stroke: PALETTE[i % PALETTE.length],
          width: s.kind === 'scatter' ? 0 : 1.5,
          spanGaps: true,
          // a line of a few points (a short training run: 1–3 epochs) shows its points, or a single
          // epoch would draw nothing
          points: s.kind === 'scatter' ? { show: true, size: 6, fill: PALETTE[i % PALETTE.length] } : { show: (_u: uPlot, _s: number, i0: number, i1: number) => i1 - i0 < 40, size: 6, fill: PALETTE[i % PALETTE.length] },
        })),
      ],
    };
    plot.current = new uPlot(opts, alignSeries(series), el);
    const ro = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(() => plot.current?.setSize({ width: Math.max(300, Math.min(el.clientWidth, 900)), height })) : null;
    ro?.observe(el);
    return () => {
      ro?.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // re-create only when the chart's shape changes; data updates go through setData below
  }, [shape, height]);

  useEffect(() => {
    plot.current?.setData(alignSeries(series));
  }, [series]);

  return <div ref={ref} className="tl-uplot" />;
}
