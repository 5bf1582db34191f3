// `plot.line`, `plot.scatter`, `plot.hist`: quick data plots that display at once and return a
// handle to add series or update in place. The page draws them with uPlot.
// @example plot.scatter(t_u, t_c, { xlabel: 'unknown units', ylabel: '°C' }).line(t_range, seq_model(t_range))
import type { MimeBundle } from '../../protocol/messages';
import { MIME, type PlotJson, type PlotSeries } from '../../protocol/outputs';
import { histogram } from './histogram';
import { jsonNum, type DisplayHandle, type ViewsHost } from './host';

export interface PlotOptions {
  title?: string;
  xlabel?: string;
  ylabel?: string;
  label?: string;
  bins?: number;
}

type Values = ArrayLike<number> | { cpu_data?: () => ArrayLike<number>; data?: () => Promise<ArrayLike<number>>; device?: { type?: string }; numel?: () => number };
const MAX_POINTS = 5000;

function read(v: Values | undefined | null): number[] | Promise<number[]> | null {
  if (v === undefined || v === null) return null;
  const t = v as { cpu_data?: () => ArrayLike<number>; data?: () => Promise<ArrayLike<number>>; device?: { type?: string }; detach?: () => unknown };
  if (typeof t.data === 'function') {
    const src = typeof t.detach === 'function' ? (t.detach() as typeof t) : t;
    if (src.device?.type === 'cpu' && src.cpu_data) return Array.from(src.cpu_data());
    return src.data!().then((d) => Array.from(d));
  }
  if (typeof (v as ArrayLike<number>).length === 'number') return Array.from(v as ArrayLike<number>, Number);
  throw new TypeError('plot: expected a tensor or an array of numbers');
}

function thin(x: number[], y: number[]): [number[], number[]] {
  if (y.length <= MAX_POINTS) return [x, y];
  const step = y.length / MAX_POINTS;
  const idx = Array.from({ length: MAX_POINTS }, (_, i) => Math.floor(i * step));
  return [idx.map((i) => x[i]), idx.map((i) => y[i])];
}

export class Plot {
  private readonly json: PlotJson;
  private handle: DisplayHandle | null = null;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly host: ViewsHost, opts: PlotOptions = {}) {
    this.json = { title: opts.title ?? '', xlabel: opts.xlabel ?? '', ylabel: opts.ylabel ?? '', series: [] };
  }

  private add(kind: PlotSeries['kind'], x: Values | null, y: Values | null | undefined, opts: PlotOptions): this {
    if (opts.title) this.json.title = opts.title;
    if (opts.xlabel) this.json.xlabel = opts.xlabel;
    if (opts.ylabel) this.json.ylabel = opts.ylabel;
    const label = opts.label ?? `${kind} ${this.json.series.length + 1}`;
    const rx = read(x), ry = read(y);
    const build = (xs: number[] | null, ys: number[] | null): PlotSeries => {
      if (kind === 'hist') {
        const h = histogram(xs ?? [], opts.bins ?? 30);
        const w = (h.hi - h.lo) / h.counts.length;
        return { kind, label, x: [...h.counts.map((_, i) => h.lo + i * w), h.hi], y: h.counts };
      }
      let X = xs, Y = ys;
      if (Y === null) {
        Y = X ?? [];
        X = Y.map((_, i) => i);
      }
      if (X!.length !== Y.length) throw new Error(`plot.${kind}: x and y have different lengths (${X!.length} and ${Y.length})`);
      const order = kind === 'line' ? X!.map((_, i) => i).sort((a, b) => X![a] - X![b]) : null;
      const [tx, ty] = thin(order ? order.map((i) => X![i]) : X!, order ? order.map((i) => Y![i]) : Y);
      return { kind, label, x: tx.map(jsonNum), y: ty.map(jsonNum) };
    };
    if (!(rx instanceof Promise) && !(ry instanceof Promise)) {
      this.json.series.push(build(rx, ry));
      this.show();
    } else {
      // Values still on the device: the plot is shown now and filled when they arrive, so the
      // cell's result is already a live view (not the Plot object printed as text)
      if (!this.handle) this.show();
      this.chain = this.chain.then(async () => {
        this.json.series.push(build(await rx, await ry));
        this.show();
      });
    }
    return this;
  }

  /** Adds a line (sorted by x). `line(y)` plots against the index. */
  line(x: Values, y?: Values, opts: PlotOptions = {}): this {
    return this.add('line', x, y, opts);
  }
  scatter(x: Values, y: Values, opts: PlotOptions = {}): this {
    return this.add('scatter', x, y, opts);
  }
  hist(values: Values, opts: PlotOptions = {}): this {
    return this.add('hist', values, null, opts);
  }
  /** Replaces all series with one new one of the same kind as the first. */
  update(x: Values, y?: Values, opts: PlotOptions = {}): this {
    const kind = this.json.series[0]?.kind ?? 'line';
    this.json.series = [];
    return this.add(kind, x, kind === 'hist' ? null : y, opts);
  }

  private show(): void {
    const b = this.bundle();
    if (this.handle) this.handle.update(b, { raw: true });
    else this.handle = this.host.display(b, { display_id: true, raw: true });
  }

  toJSON(): PlotJson {
    return this.json;
  }

  bundle(): MimeBundle {
    return { [MIME.plot]: this.json, 'text/plain': plotText(this.json) };
  }
}

export function plotText(j: PlotJson): string {
  const head = j.title || 'Plot';
  return [head, ...j.series.map((s) => `  ${s.kind} "${s.label}": ${s.kind === 'hist' ? s.y.length + ' bins' : s.y.length + ' points'}`)].join('\n');
}

/** The `plot` global. */
export function makePlot(host: ViewsHost) {
  return {
    /** A line plot; `plot.line(y)` or `plot.line(x, y, {title, xlabel, ylabel, label})`. */
    line: (x: Values, y?: Values | PlotOptions, opts?: PlotOptions) => {
      const isOpts = y !== undefined && !(y as ArrayLike<number>).length && typeof (y as { data?: unknown }).data !== 'function' && typeof y === 'object';
      return isOpts ? new Plot(host, y as PlotOptions).line(x, undefined, y as PlotOptions) : new Plot(host, opts).line(x, y as Values, opts);
    },
    /** A scatter plot of y against x. */
    scatter: (x: Values, y: Values, opts?: PlotOptions) => new Plot(host, opts).scatter(x, y, opts),
    /** A histogram of the values (`{bins}`, 30 by default). */
    hist: (values: Values, opts?: PlotOptions) => new Plot(host, opts).hist(values, opts),
  };
}
