// Static SVG charts: the fallbacks saved with a notebook (JupyterLab, GitHub) and the
// histogram ridgelines of the live training view. Pure functions over the view JSON.
import { escapeHtml, formatNumber } from '../escape';
import type { HistogramJson, PlotJson, TrainingJson } from '../../protocol/outputs';

export const PALETTE = ['#1976d2', '#ee4c2c', '#2e7d32', '#8e24aa', '#f9a825', '#00838f', '#6d4c41'];

const f = (v: number) => (Math.round(v * 100) / 100).toString();

export interface Scale {
  lo: number;
  hi: number;
}

/** The x-range covering every histogram. */
export function histRange(hists: (HistogramJson | null)[]): Scale | null {
  let lo = Infinity, hi = -Infinity;
  for (const h of hists) {
    if (!h || h.n === h.nonfinite) continue;
    lo = Math.min(lo, h.lo);
    hi = Math.max(hi, h.hi);
  }
  return Number.isFinite(lo) && hi > lo ? { lo, hi } : null;
}

/** SVG path (closed area) of one histogram on a shared x-scale, height-normalised to 1. */
export function histArea(h: HistogramJson, x: Scale, width: number, height: number, yBase: number): string {
  const max = Math.max(...h.counts, 1);
  const bw = (h.hi - h.lo) / h.counts.length;
  const px = (v: number) => ((v - x.lo) / (x.hi - x.lo)) * width;
  let d = `M${f(px(h.lo))},${f(yBase)}`;
  h.counts.forEach((c, i) => {
    const y = yBase - (c / max) * height;
    d += `L${f(px(h.lo + i * bw))},${f(y)}L${f(px(h.lo + (i + 1) * bw))},${f(y)}`;
  });
  return d + `L${f(px(h.hi))},${f(yBase)}Z`;
}

/** At most this many epochs are drawn as ridgeline rows (evenly spaced, plus the selected one). */
export const MAX_RIDGE_ROWS = 24;

/** Indices of the rows to draw: evenly spaced, always the first, the last and `selected`. */
export function ridgeRows(n: number, selected?: number): number[] {
  if (n <= MAX_RIDGE_ROWS) return Array.from({ length: n }, (_, i) => i);
  const out = new Set<number>();
  for (let k = 0; k < MAX_RIDGE_ROWS; k++) out.add(Math.round((k * (n - 1)) / (MAX_RIDGE_ROWS - 1)));
  if (selected !== undefined && selected >= 0 && selected < n) out.add(selected);
  return [...out].sort((a, b) => a - b);
}

/** A ridgeline: one row per (sampled) epoch, oldest at the top, the selected one filled. */
export function ridgelineSvg(allHists: (HistogramJson | null)[], allEpochs: number[], opts: { width: number; height: number; selected?: number; color?: string }): string {
  const rowsIdx = ridgeRows(allHists.length, opts.selected);
  const hists = rowsIdx.map((i) => allHists[i]);
  const epochs = rowsIdx.map((i) => allEpochs[i]);
  const selected = opts.selected === undefined ? undefined : rowsIdx.indexOf(opts.selected);
  const x = histRange(hists);
  const { width, height } = opts;
  const color = opts.color ?? PALETTE[0];
  if (!x) return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><text x="4" y="${height / 2}" font-size="11" fill="#888">no gradient recorded</text></svg>`;
  const rows = hists.length;
  const step = rows > 1 ? (height - 22) / (rows - 1 + 3) : 0;
  const rowH = step * 3 || height - 22;
  const paths = hists
    .map((h, i) => {
      if (!h) return '';
      const base = 4 + rowH + i * step;
      const sel = i === selected;
      return `<path d="${histArea(h, x, width, rowH, base)}" fill="${sel ? color : '#fff'}" fill-opacity="${sel ? 0.85 : 0.9}" stroke="${color}" stroke-width="${sel ? 1.5 : 0.7}"><title>epoch ${epochs[i]}: mean ${formatNumber(h.mean)}, norm ${formatNumber(h.norm)}</title></path>`;
    })
    .join('');
  const axis =
    `<text x="0" y="${height - 4}" font-size="10" fill="#666">${escapeHtml(formatNumber(x.lo, 3))}</text><text x="${width}" y="${height - 4}" font-size="10" fill="#666" text-anchor="end">${escapeHtml(formatNumber(x.hi, 3))}</text>` +
    `<text x="${width / 2}" y="${height - 4}" font-size="10" fill="#888" text-anchor="middle">epochs ${epochs[0]}–${epochs[epochs.length - 1]} ↓</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${paths}${axis}</svg>`;
}

/** A simple line chart as SVG (loss curves in fallbacks). */
export function linesSvg(series: { label: string; x: (number | null)[]; y: (number | null)[]; kind?: 'line' | 'scatter' }[], opts: { width: number; height: number; title?: string; xlabel?: string; ylabel?: string; logy?: boolean }): string {
  const { width, height } = opts;
  const m = { l: 48, r: 10, t: opts.title ? 20 : 8, b: 28 };
  const pts = series.flatMap((s) => s.x.map((xv, i) => [xv, s.y[i]] as const)).filter(([a, b]) => a !== null && b !== null && (!opts.logy || (b as number) > 0)) as [number, number][];
  if (!pts.length) return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"></svg>`;
  const ty = (v: number) => (opts.logy ? Math.log10(v) : v);
  const xs = pts.map((p) => p[0]), ys = pts.map((p) => ty(p[1]));
  let [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  if (x0 === x1) [x0, x1] = [x0 - 1, x1 + 1];
  if (y0 === y1) [y0, y1] = [y0 - 1, y1 + 1];
  const W = width - m.l - m.r, H = height - m.t - m.b;
  const px = (v: number) => m.l + ((v - x0) / (x1 - x0)) * W;
  const py = (v: number) => m.t + H - ((ty(v) - y0) / (y1 - y0)) * H;
  const body = series
    .map((s, k) => {
      const c = PALETTE[k % PALETTE.length];
      const p = s.x.map((xv, i) => [xv, s.y[i]]).filter(([a, b]) => a !== null && b !== null && (!opts.logy || (b as number) > 0)) as [number, number][];
      if (s.kind === 'scatter') return p.map(([a, b]) => `<circle cx="${f(px(a))}" cy="${f(py(b))}" r="2.5" fill="${c}"/>`).join('');
      return `<polyline fill="none" stroke="${c}" stroke-width="1.5" points="${p.map(([a, b]) => `${f(px(a))},${f(py(b))}`).join(' ')}"/>`;
    })
    .join('');
  const label = (v: number) => escapeHtml(formatNumber(opts.logy ? 10 ** v : v, 3));
  const axes =
    `<line x1="${m.l}" y1="${m.t + H}" x2="${m.l + W}" y2="${m.t + H}" stroke="#999"/><line x1="${m.l}" y1="${m.t}" x2="${m.l}" y2="${m.t + H}" stroke="#999"/>` +
    `<text x="${m.l - 4}" y="${m.t + 8}" font-size="10" text-anchor="end" fill="#555">${label(y1)}</text><text x="${m.l - 4}" y="${m.t + H}" font-size="10" text-anchor="end" fill="#555">${label(y0)}</text>` +
    `<text x="${m.l}" y="${height - 14}" font-size="10" fill="#555">${escapeHtml(formatNumber(x0, 3))}</text><text x="${m.l + W}" y="${height - 14}" font-size="10" text-anchor="end" fill="#555">${escapeHtml(formatNumber(x1, 3))}</text>` +
    (opts.xlabel ? `<text x="${m.l + W / 2}" y="${height - 2}" font-size="11" text-anchor="middle" fill="#333">${escapeHtml(opts.xlabel)}</text>` : '') +
    (opts.title ? `<text x="${m.l}" y="13" font-size="12" font-weight="bold" fill="#222">${escapeHtml(opts.title)}</text>` : '') +
    (series.length > 1 ? series.map((s, k) => `<text x="${m.l + W - 4}" y="${m.t + 12 + k * 12}" font-size="10" text-anchor="end" fill="${PALETTE[k % PALETTE.length]}">${escapeHtml(s.label)}</text>`).join('') : '');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">${axes}${body}</svg>`;
}

/** The saved form of a training view: loss curve(s) plus a ridgeline per trainable parameter. */
export function trainingSvg(d: TrainingJson): string {
  const metricSeries = Object.entries(d.metrics).map(([label, y]) => ({ label, x: d.epochs, y }));
  const width = 640;
  const curve = metricSeries.length ? linesSvg(metricSeries, { width, height: 180, title: `${d.title}: ${d.total_epochs} epochs`, xlabel: 'epoch', logy: spansDecades(metricSeries.map((m) => m.y)) }) : '';
  const trainable = d.params.filter((p) => p.requires_grad);
  const frozen = d.params.filter((p) => !p.requires_grad);
  const cols = 3, cw = 200, ch = 130;
  const cells = trainable
    .map((p, i) => {
      const x = (i % cols) * (cw + 10), y = Math.floor(i / cols) * (ch + 26);
      const inner = ridgelineSvg(p.grads, d.hist_epochs, { width: cw, height: ch, selected: p.grads.length - 1, color: PALETTE[i % PALETTE.length] }).replace('<svg ', `<svg x="${x}" y="${y + 16}" `);
      return `<text x="${x}" y="${y + 11}" font-size="11" font-family="monospace">${escapeHtml(p.name)} grad${p.hint ? ` (${p.hint})` : ''}</text>${inner}`;
    })
    .join('');
  const gridH = Math.ceil(trainable.length / cols) * (ch + 26);
  const frozenText = frozen.length ? `<text x="0" y="${gridH + 12}" font-size="11" fill="#777">frozen (requires_grad=False): ${escapeHtml(frozen.map((p) => p.name).join(', '))}</text>` : '';
  const total = 190 + gridH + (frozen.length ? 20 : 0);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${total}" viewBox="0 0 ${width} ${total}" font-family="sans-serif">${curve.replace('<svg ', '<svg x="0" y="0" ')}<g transform="translate(0,190)">${cells}${frozenText}</g></svg>`;
}

export function plotSvg(d: PlotJson): string {
  const hist = d.series.find((s) => s.kind === 'hist');
  if (hist) {
    const h: HistogramJson = { lo: hist.x[0] ?? 0, hi: hist.x[hist.x.length - 1] ?? 1, counts: hist.y.map((v) => v ?? 0), mean: null, std: null, norm: null, min: null, max: null, zeros: 0, nonfinite: 0, n: 1 };
    const W = 480, H = 200;
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H + 30}" font-family="sans-serif">${d.title ? `<text x="0" y="12" font-size="12" font-weight="bold">${escapeHtml(d.title)}</text>` : ''}<path transform="translate(0,16)" d="${histArea(h, { lo: h.lo, hi: h.hi }, W, H - 10, H)}" fill="${PALETTE[0]}" fill-opacity="0.7"/><text x="0" y="${H + 28}" font-size="10">${escapeHtml(formatNumber(h.lo, 3))}</text><text x="${W}" y="${H + 28}" font-size="10" text-anchor="end">${escapeHtml(formatNumber(h.hi, 3))}</text></svg>`;
  }
  return linesSvg(d.series.map((s) => ({ ...s, kind: s.kind === 'scatter' ? 'scatter' : 'line' })), { width: 520, height: 260, title: d.title, xlabel: d.xlabel, ylabel: d.ylabel });
}

export function progressHtml(text: string, frac: number | null): string {
  const pct = frac === null ? '' : `<div style="background:#eee;width:300px;height:8px;border-radius:4px"><div style="background:#1976d2;width:${Math.round(frac * 300)}px;height:8px;border-radius:4px"></div></div>`;
  return `<div class="torchlit-progress">${pct}<pre>${escapeHtml(text)}</pre></div>`;
}

/** One histogram as bars on its own x-range (the selected epoch, readable whatever earlier epochs did). */
export function histBarsSvg(h: HistogramJson | null, opts: { width: number; height: number; color?: string }): string {
  const { width, height } = opts;
  const color = opts.color ?? PALETTE[0];
  if (!h || h.n === h.nonfinite) return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><text x="4" y="${height / 2}" font-size="11" fill="#888">no values</text></svg>`;
  const max = Math.max(...h.counts, 1);
  const bw = width / h.counts.length;
  const H = height - 14;
  const bars = h.counts.map((c, i) => (c ? `<rect x="${f(i * bw + 0.5)}" y="${f(H - (c / max) * H)}" width="${f(Math.max(bw - 1, 0.5))}" height="${f((c / max) * H)}" fill="${color}" fill-opacity="0.8"/>` : '')).join('');
  const zero = h.lo < 0 && h.hi > 0 ? `<line x1="${f(((0 - h.lo) / (h.hi - h.lo)) * width)}" x2="${f(((0 - h.lo) / (h.hi - h.lo)) * width)}" y1="0" y2="${H}" stroke="#999" stroke-dasharray="2,2"/>` : '';
  const axis = `<text x="0" y="${height - 2}" font-size="10" fill="#666">${escapeHtml(formatNumber(h.lo, 3))}</text><text x="${width}" y="${height - 2}" font-size="10" fill="#666" text-anchor="end">${escapeHtml(formatNumber(h.hi, 3))}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${bars}${zero}<line x1="0" x2="${width}" y1="${H}" y2="${H}" stroke="#bbb"/>${axis}</svg>`;
}

/** Whether every value is positive and the largest is at least 100 times the smallest. */
export function spansDecades(series: readonly (readonly (number | null)[])[]): boolean {
  let lo = Infinity, hi = 0;
  for (const ys of series)
    for (const y of ys) {
      if (y === null) continue;
      if (!(y > 0) || !Number.isFinite(y)) return false;
      if (y < lo) lo = y;
      if (y > hi) hi = y;
    }
  return hi > 0 && hi / lo >= 100;
}
