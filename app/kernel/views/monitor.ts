// `monitor(model)`: one live view of a training run — the loss (and any metric) curve and,
// per parameter, histograms of its gradient and weight after every epoch.
// @example const mon = monitor(seq_model); for (...) { ...; optimizer.step(); mon.epoch({ loss }); }
import type { MimeBundle } from '../../protocol/messages';
import { downsampleIndices, gradientHint, histogram, type GradientHint, type Histogram } from './histogram';
import { jsonNum, scalarOf, Throttle, valuesOf, type DisplayHandle, type ViewsHost } from './host';
import { deviceHistogram, deviceHistograms } from './histogram-device';

export const TRAINING_MIME = 'application/vnd.torchlit.training.v1+json';
/** Most epochs of histograms kept in a view (and in the saved notebook), evenly spaced plus the last. */
export const MAX_HIST_EPOCHS = 200;
export const MAX_METRIC_POINTS = 1000;

export interface ParamTrack {
  name: string;
  shape: number[];
  numel: number;
  requires_grad: boolean;
  /** Aligned with `hist_epochs`; null where the parameter had no gradient. */
  grads: (Histogram | null)[];
  weights: (Histogram | null)[];
  hint: GradientHint;
}

/** `application/vnd.torchlit.training.v1+json` */
export interface TrainingJson {
  title: string;
  bins: number;
  /** Epoch numbers of the metric points (downsampled). */
  epochs: number[];
  metrics: Record<string, (number | null)[]>;
  /** Epoch numbers of the histogram columns (downsampled). */
  hist_epochs: number[];
  params: ParamTrack[];
  total_epochs: number;
  done: boolean;
  elapsed_s: number;
}

type AnyTensor = { shape: ArrayLike<number>; numel(): number; requires_grad: boolean; grad: AnyTensor | null | undefined; device?: { type?: string }; cpu_data?: () => ArrayLike<number>; data?: () => Promise<ArrayLike<number>> };
type Model = { named_parameters(): [string, AnyTensor][] };

export interface MonitorOptions {
  title?: string;
  bins?: number;
  /** Record weight histograms too (default true). */
  weights?: boolean;
  /** Record histograms every n-th epoch only (metrics are always recorded). */
  every?: number;
}

interface Record_ {
  epoch: number;
  metrics: Record<string, number | null>;
  grads: (Histogram | null)[] | null;
  weights: (Histogram | null)[] | null;
}

export class Monitor {
  private readonly params: [string, AnyTensor][];
  private readonly records: Record_[] = [];
  private readonly metricNames: string[] = [];
  private readonly handle: DisplayHandle;
  private readonly throttle: Throttle;
  private readonly started: number;
  private pending: Promise<void> = Promise.resolve();
  private pendingCount = 0;
  private epochCount = 0;
  /** Records that still hold histograms (thinned on long runs). */
  private histCount = 0;
  /**
   * Histograms are computed every `stride`-th epoch; the stride doubles whenever the kept
   * histograms are thinned, so a long run computes only about as many as the view can show
   * (a few hundred, evenly spaced). The latest epoch always gets its histograms when the view is sent.
   */
  private stride = 1;
  private done = false;
  readonly bins: number;

  constructor(
    private readonly host: ViewsHost,
    model: Model | [string, AnyTensor][] | { named_parameters(): unknown },
    private readonly opts: MonitorOptions = {},
  ) {
    const named = (Array.isArray(model) ? model : typeof model?.named_parameters === 'function' ? model.named_parameters() : null) as [string, AnyTensor][] | null;
    if (!named) throw new TypeError('monitor(model): expected an nn.Module (or a list of [name, parameter] pairs)');
    this.params = named;
    this.bins = opts.bins ?? 30;
    this.started = host.now();
    this.handle = host.display(this.bundle(), { display_id: true, raw: true });
    this.throttle = new Throttle(host, 250, () => {
      this.fillLatest();
      this.handle.update(this.bundle(), { raw: true });
    });
  }

  /**
   * Records one epoch: its metrics (`loss`, `accuracy`, … as numbers or one-element tensors) and a
   * histogram of every trainable parameter's gradient and weight. Returns at once.
   */
  epoch(metrics: Record<string, unknown> = {}): void {
    const epoch = typeof metrics.epoch === 'number' ? metrics.epoch : this.epochCount + 1;
    this.epochCount = Math.max(this.epochCount, epoch);
    const every = Math.max(1, this.opts.every ?? 1) * this.stride;
    const withHists = (epoch - 1) % every === 0;
    const values: Record<string, number | Promise<number> | null> = {};
    for (const [k, v] of Object.entries(metrics)) {
      if (k === 'epoch') continue;
      values[k] = scalarOf(v);
      if (!this.metricNames.includes(k)) this.metricNames.push(k);
    }
    const onDevice = this.params.some(([, p]) => p.device?.type !== undefined && p.device.type !== 'cpu');
    let gradVals: (Histogram | null | Promise<Histogram | null>)[] | null = null;
    let weightVals: (Histogram | Promise<Histogram>)[] | null = null;
    if (withHists && onDevice) {
      // one readback per epoch for every parameter's gradient and weight histograms
      const gs = this.params.map(([, p]) => (p.requires_grad && p.grad ? p.grad : null));
      const ws = this.opts.weights !== false ? this.params.map(([, p]) => p) : [];
      const all = deviceHistograms([...gs.filter((g): g is AnyTensor => g !== null), ...ws] as unknown as Parameters<typeof deviceHistograms>[0], this.bins);
      let gi = 0;
      const gIdx = gs.map((g) => (g ? gi++ : -1));
      gradVals = gIdx.map((i) => (i < 0 ? null : all.then((h) => h[i])));
      weightVals = ws.map((_, j) => all.then((h) => h[gi + j]));
    } else if (withHists) {
      gradVals = this.params.map(([, p]) => (p.requires_grad && p.grad ? this.histOf(p.grad) : null));
      weightVals = this.opts.weights !== false ? this.params.map(([, p]) => this.histOf(p)) : null;
    }
    const finish = (m: Record<string, number | null>, g: (Histogram | null)[] | null, w: Histogram[] | null) => {
      const rec: Record_ = { epoch, metrics: m, grads: g, weights: w };
      this.records.push(rec);
      if (rec.grads || rec.weights) this.histCount++;
      if (this.histCount > 2 * MAX_HIST_EPOCHS) this.thin();
      this.throttle.poke();
    };
    const isSync = (x: unknown) => !(x instanceof Promise);
    if (Object.values(values).every(isSync) && (gradVals ?? []).every(isSync) && (weightVals ?? []).every(isSync)) {
      finish(values as Record<string, number | null>, gradVals as (Histogram | null)[] | null, weightVals as Histogram[] | null);
      return;
    }
    // device tensors: read back in order, without blocking the training loop
    this.pendingCount++;
    this.pending = this.pending.then(async () => {
      try {
        const m: Record<string, number | null> = {};
        for (const [k, v] of Object.entries(values)) m[k] = await v;
        finish(m, gradVals ? await Promise.all(gradVals) : null, weightVals ? await Promise.all(weightVals) : null);
      } catch (e) {
        // a failed readback (e.g. a lost GPU) must not stop later epochs from being recorded
        console.warn(`monitor: epoch ${epoch} could not be recorded: ${(e as Error).message}`);
      } finally {
        this.pendingCount--;
      }
    });
  }

  /** Marks the run finished and sends the final state now. */
  close(): void {
    this.done = true;
    if (this.pendingCount === 0) this.throttle.fire();
    else void this.pending.then(() => this.throttle.fire());
  }

  /** Resolves once every recorded epoch has been read back (device tensors). */
  flush(): Promise<void> {
    return this.pending.then(() => this.throttle.fire());
  }

  /** A histogram of a tensor: read in place on the CPU; binned on the device otherwise (only the bins are read back). */
  private histOf(t: AnyTensor): Histogram | Promise<Histogram> {
    if (t.device?.type === 'cpu' || !t.device) return histogram(valuesOf(t) as ArrayLike<number>, this.bins);
    return deviceHistogram(t as unknown as Parameters<typeof deviceHistogram>[0], this.bins);
  }

  /** The latest epoch's histograms, if its epoch was skipped by the stride (CPU tensors: read now). */
  private fillLatest(): void {
    const last = this.records[this.records.length - 1];
    if (!last || last.grads || last.weights || this.pendingCount > 0) return;
    const g = this.params.map(([, p]) => (p.requires_grad && p.grad ? valuesOf(p.grad) : null));
    const w = this.opts.weights !== false ? this.params.map(([, p]) => valuesOf(p)) : null;
    if ([...g, ...(w ?? [])].some((v) => v instanceof Promise)) return;
    last.grads = g.map((v) => (v ? histogram(v as ArrayLike<number>, this.bins) : null));
    last.weights = w ? w.map((v) => histogram(v as ArrayLike<number>, this.bins)) : null;
    this.histCount++;
  }

  /** Keeps memory and work bounded on long runs: thins old histogram records (every metric is kept) and doubles the stride. */
  private thin(): void {
    this.stride *= 2;
    const withH = this.records.filter((r) => r.grads || r.weights);
    withH.forEach((r, i) => {
      if (i % 2 === 1 && i !== withH.length - 1) {
        r.grads = null;
        r.weights = null;
      }
    });
    this.histCount = withH.length - Math.floor((withH.length - 1) / 2);
  }

  toJSON(): TrainingJson {
    const recs = this.records;
    const mIdx = downsampleIndices(recs.length, MAX_METRIC_POINTS);
    const histRecs = recs.filter((r) => r.grads || r.weights);
    const hIdx = downsampleIndices(histRecs.length, MAX_HIST_EPOCHS);
    const last = histRecs[histRecs.length - 1];
    return {
      title: this.opts.title ?? 'Training',
      bins: this.bins,
      epochs: mIdx.map((i) => recs[i].epoch),
      metrics: Object.fromEntries(this.metricNames.map((k) => [k, mIdx.map((i) => { const v = recs[i].metrics[k]; return v === undefined || v === null ? null : jsonNum(v); })])),
      hist_epochs: hIdx.map((i) => histRecs[i].epoch),
      params: this.params.map(([name, p], j) => ({
        name,
        shape: Array.from(p.shape),
        numel: p.numel(),
        requires_grad: p.requires_grad,
        grads: hIdx.map((i) => cleanHist(histRecs[i].grads?.[j] ?? null)),
        weights: hIdx.map((i) => cleanHist(histRecs[i].weights?.[j] ?? null)),
        hint: p.requires_grad ? gradientHint(last?.grads?.[j] ?? null, last?.weights?.[j]?.norm) : null,
      })),
      total_epochs: this.epochCount,
      done: this.done,
      elapsed_s: (this.host.now() - this.started) / 1000,
    };
  }

  bundle(): MimeBundle {
    const json = this.toJSON();
    return { [TRAINING_MIME]: json, 'text/plain': trainingText(json) };
  }

  _repr_mimebundle_(): MimeBundle {
    return this.bundle();
  }
}

function cleanHist(h: Histogram | null): Histogram | null {
  if (!h) return null;
  const f = (v: number) => (Number.isFinite(v) ? v : (null as unknown as number));
  return { ...h, mean: f(h.mean), std: f(h.std), norm: f(h.norm), min: f(h.min), max: f(h.max) };
}

/** The text form of a training view (what JupyterLab shows without our renderer). */
export function trainingText(j: TrainingJson): string {
  const lines = [`${j.title}: ${j.total_epochs} epoch${j.total_epochs === 1 ? '' : 's'}${j.done ? ' (done)' : ''}`];
  for (const [k, vs] of Object.entries(j.metrics)) {
    const finite = vs.filter((v): v is number => v !== null);
    if (finite.length) lines.push(`  ${k}: first ${fmt(finite[0])}, last ${fmt(finite[finite.length - 1])}, min ${fmt(Math.min(...finite))}`);
  }
  for (const p of j.params) {
    const g = p.grads[p.grads.length - 1];
    const state = !p.requires_grad ? 'frozen' : g ? `grad norm ${fmt(g.norm)}, mean ${fmt(g.mean)}` : 'no gradient yet';
    lines.push(`  ${p.name} [${p.shape.join(', ')}]: ${state}${p.hint ? ` (${p.hint} gradients)` : ''}`);
  }
  return lines.join('\n');
}

export const fmt = (v: number | null): string => (v === null || !Number.isFinite(v) ? String(v) : Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : v.toFixed(4));
