// `monitor(model)`: one live view of a training run — the loss (and any metric) curve and,
// per parameter, histograms of its gradient and weight after every epoch.
// @example const mon = monitor(seq_model); for (...) { ...; optimizer.step(); mon.epoch({ loss }); }
import type { MimeBundle } from '../../protocol/messages';
import { MIME, type HistogramJson, type TrainingJson } from '../../protocol/outputs';
import { downsampleIndices, gradientHint, histogram, type Histogram } from './histogram';
import { jsonNum, scalarOf, Throttle, valuesOf, type DisplayHandle, type ViewsHost } from './host';
import { decodeDeviceHistograms, deviceHistogram } from './histogram-device';
import { torch, type Tensor } from '../../../engine/index';

/** Most epochs of histograms kept in a view (and in the saved notebook), evenly spaced plus the last. */
export const MAX_HIST_EPOCHS = 200;
export const MAX_METRIC_POINTS = 1000;

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

/** An epoch waiting for its device values. */
interface Pending {
  epoch: number;
  numbers: Record<string, number | null>;
  /** Device metrics (one-element tensors), read back with the histograms. */
  tensors: [string, AnyTensor][];
  promises: [string, Promise<number>][];
  /** The fused histograms' words on the device, or null. */
  raw: Tensor | null;
  hists?: AnyTensor[];
  nWeights?: number;
  /** Position of each parameter's gradient among the histograms (−1: none). */
  gIdx: number[];
  /** CPU histograms (a model on the CPU with device metrics). */
  grads: (Histogram | null | Promise<Histogram | null>)[] | null;
  weights: (Histogram | Promise<Histogram>)[] | null;
  /** Fills the histograms of an already recorded epoch (the last one, at close()). */
  fill: boolean;
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
  /** Epochs waiting for a readback (device tensors), in order. */
  private readonly queue: Pending[] = [];
  /** The readback in flight (at most one: the epochs queued meanwhile share the next). */
  private inflight: Promise<void> | null = null;
  /** Histograms requested since the stride last doubled. */
  private histTaken = 0;
  private lastHadHists = false;
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
   * histogram of every trainable parameter's gradient and weight. Returns at once: on the CPU the
   * histograms are computed now; on WebGPU one fused kernel bins them on the device and the
   * results (with the epoch's loss) are read back later, many epochs per readback, never
   * stalling the training loop.
   */
  epoch(metrics: Record<string, unknown> = {}): void {
    const epoch = typeof metrics.epoch === 'number' ? metrics.epoch : this.epochCount + 1;
    this.epochCount = Math.max(this.epochCount, epoch);
    const every = Math.max(1, this.opts.every ?? 1) * this.stride;
    const withHists = (epoch - 1) % every === 0;
    if (withHists && ++this.histTaken > MAX_HIST_EPOCHS) {
      // long run: compute about as many histograms as the view can show (MAX_HIST_EPOCHS at
      // stride 1, then MAX/2 per doubling: ~660 over 5000 epochs instead of ~1140 when it
      // doubled at 2·MAX; the kept ones are retained until thinned, and their garbage collection
      // was most of monitor.epoch()'s cost on the seed loop)
      this.stride *= 2;
      this.histTaken = MAX_HIST_EPOCHS / 2 + 1;
    }
    this.lastHadHists = withHists;
    const onDevice = this.onDevice();
    const numbers: Record<string, number | null> = {};
    let tensors: [string, AnyTensor][] | null = null;
    let promises: [string, Promise<number>][] | null = null;
    for (const k in metrics) {
      if (k === 'epoch') continue;
      const v = metrics[k];
      if (!this.metricNames.includes(k)) this.metricNames.push(k);
      const dev = deviceScalar(v);
      if (dev) (tensors ??= []).push([k, dev]);
      else {
        const x = scalarOf(v);
        if (x instanceof Promise) (promises ??= []).push([k, x]);
        else numbers[k] = x;
      }
    }
    if (!onDevice && !tensors && !promises && !this.queue.length && !this.inflight) {
      // CPU: recorded now (histograms read the storage in place)
      const g = withHists ? this.params.map(([, p]) => (p.requires_grad && p.grad ? (this.histOf(p.grad) as Histogram) : null)) : null;
      const w = withHists && this.opts.weights !== false ? this.params.map(([, p]) => this.histOf(p) as Histogram) : null;
      this.finish(epoch, numbers, g, w);
      return;
    }
    const item: Pending = { epoch, numbers, tensors: tensors ?? [], promises: promises ?? [], raw: null, grads: null, weights: null, gIdx: [], fill: false };
    if (withHists && onDevice) this.deviceHists(item);
    else if (withHists) {
      item.grads = this.params.map(([, p]) => (p.requires_grad && p.grad ? this.histOf(p.grad) : null));
      item.weights = this.opts.weights !== false ? this.params.map(([, p]) => this.histOf(p)) : null;
    }
    this.queue.push(item);
    this.pump();
  }

  /** Queues the fused device histograms of every gradient and weight (nothing is read back yet). */
  private deviceHists(item: Pending): void {
    const gs = this.params.map(([, p]) => (p.requires_grad && p.grad ? p.grad : null));
    const ws = this.opts.weights !== false ? this.params.map(([, p]) => p) : [];
    const live = [...gs.filter((g): g is AnyTensor => g !== null), ...ws];
    let gi = 0;
    item.gIdx = gs.map((g) => (g ? gi++ : -1));
    item.hists = live;
    item.nWeights = ws.length;
    item.raw = live.length ? torch.webgpu.histograms_raw(live as unknown as Tensor[], this.bins) : null;
  }

  /** Starts one readback for everything queued, unless one is in flight (its end starts the next). */
  private pump(): void {
    if (this.inflight || !this.queue.length) return;
    const batch = this.queue.splice(0);
    const reads: Tensor[] = [];
    for (const it of batch) {
      if (it.raw) reads.push(it.raw);
      for (const [, t] of it.tensors) reads.push(t as unknown as Tensor);
    }
    this.inflight = (async () => {
      let words: ArrayBuffer[] | null = null;
      let failure: Error | null = null;
      try {
        words = reads.length ? await torch.webgpu.read_many(reads) : [];
      } catch (e) {
        // a failed readback (e.g. a lost GPU) must not stop later epochs from being recorded
        failure = e as Error;
      }
      let next = 0;
      for (const it of batch) {
        // this epoch's words: its histograms, then its device metrics
        let w = next;
        next += (it.raw ? 1 : 0) + it.tensors.length;
        try {
          if (failure) throw failure;
          const m: Record<string, number | null> = { ...it.numbers };
          let grads = it.grads ? await Promise.all(it.grads) : null;
          let weights: (Histogram | null)[] | null = it.weights ? await Promise.all(it.weights) : null;
          if (it.raw) {
            const hs = decodeDeviceHistograms(words![w++], it.hists!, this.bins);
            grads = it.gIdx.map((i) => (i < 0 ? null : hs[i]));
            const g = it.gIdx.filter((i) => i >= 0).length;
            weights = it.nWeights ? hs.slice(g, g + it.nWeights) : null;
          }
          for (const [k, t] of it.tensors) m[k] = scalarFromWords(words![w++], t);
          for (const [k, p] of it.promises) m[k] = await p;
          if (it.fill) this.fillRecord(it.epoch, grads, weights);
          else this.finish(it.epoch, m, grads, weights);
        } catch (e) {
          console.warn(`monitor: epoch ${it.epoch} could not be recorded: ${(e as Error).message}`);
        } finally {
          it.raw?.dispose();
        }
      }
    })().finally(() => {
      this.inflight = null;
      this.pump();
    });
  }

  private finish(epoch: number, m: Record<string, number | null>, g: (Histogram | null)[] | null, w: (Histogram | null)[] | null): void {
    const rec: Record_ = { epoch, metrics: m, grads: g, weights: w };
    this.records.push(rec);
    if (rec.grads || rec.weights) this.histCount++;
    if (this.histCount > 2 * MAX_HIST_EPOCHS) this.thin();
    this.throttle.poke();
  }

  /** Histograms of the final epoch, taken at close() when the stride skipped it (device). */
  private fillRecord(epoch: number, g: (Histogram | null)[] | null, w: (Histogram | null)[] | null): void {
    const rec = this.records.findLast((r) => r.epoch === epoch);
    if (!rec || rec.grads || rec.weights) return;
    rec.grads = g;
    rec.weights = w;
    this.histCount++;
  }

  private onDevice(): boolean {
    return this.params.some(([, p]) => p.device?.type !== undefined && p.device.type !== 'cpu');
  }

  /** Marks the run finished and sends the final state (once every epoch is read back). */
  close(): void {
    this.done = true;
    if (this.onDevice() && !this.lastHadHists && this.epochCount > 0) {
      // the stride skipped the last epoch: its histograms are the view's final state
      const item: Pending = { epoch: this.epochCount, numbers: {}, tensors: [], promises: [], raw: null, grads: null, weights: null, gIdx: [], fill: true };
      this.deviceHists(item);
      this.lastHadHists = true;
      this.queue.push(item);
      this.pump();
    }
    if (!this.inflight && !this.queue.length) this.throttle.fire();
    else void this.flush();
  }

  /** Resolves once every recorded epoch has been read back (device tensors), and sends the view. */
  async flush(): Promise<void> {
    while (this.inflight || this.queue.length) {
      this.pump();
      await this.inflight;
    }
    this.throttle.fire();
  }

  /** A histogram of a tensor: read in place on the CPU; binned on the device otherwise (only the bins are read back). */
  private histOf(t: AnyTensor): Histogram | Promise<Histogram> {
    if (t.device?.type === 'cpu' || !t.device) return histogram(valuesOf(t) as ArrayLike<number>, this.bins);
    return deviceHistogram(t as unknown as Parameters<typeof deviceHistogram>[0], this.bins);
  }

  /** The latest epoch's histograms, if its epoch was skipped by the stride (CPU tensors: read now; device: at close()). */
  private fillLatest(): void {
    const last = this.records[this.records.length - 1];
    if (!last || last.grads || last.weights || this.inflight || this.queue.length || this.onDevice()) return;
    const g = this.params.map(([, p]) => (p.requires_grad && p.grad ? valuesOf(p.grad) : null));
    const w = this.opts.weights !== false ? this.params.map(([, p]) => valuesOf(p)) : null;
    if ([...g, ...(w ?? [])].some((v) => v instanceof Promise)) return;
    last.grads = g.map((v) => (v ? histogram(v as ArrayLike<number>, this.bins) : null));
    last.weights = w ? w.map((v) => histogram(v as ArrayLike<number>, this.bins)) : null;
    this.histCount++;
  }

  /** Keeps memory bounded on long runs: thins old histogram records (every metric is kept). */
  private thin(): void {
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
    return { [MIME.training]: json, 'text/plain': trainingText(json) };
  }

  _repr_mimebundle_(): MimeBundle {
    return this.bundle();
  }
}

function cleanHist(h: Histogram | null): HistogramJson | null {
  if (!h) return null;
  const f = (v: number) => (Number.isFinite(v) ? v : null);
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

/** A one-element tensor on a device (read back with the epoch's histograms), else null. */
function deviceScalar(v: unknown): AnyTensor | null {
  const t = v as (AnyTensor & { detach?: () => AnyTensor }) | null;
  if (!t || typeof t !== 'object' || typeof t.numel !== 'function' || !t.device || t.device.type === 'cpu' || t.device.type === undefined) return null;
  if (t.numel() !== 1) throw new Error(`monitor: a metric must be a number or a one-element tensor, got a tensor with ${t.numel()} elements (did you mean .mean()?)`);
  return typeof t.detach === 'function' ? t.detach() : t;
}

/** The value of a one-element tensor from its raw 32-bit word (f32, i32, or u32 for bool). */
function scalarFromWords(words: ArrayBuffer, t: AnyTensor): number {
  const name = (t as { dtype?: { name?: string } }).dtype?.name;
  if (name === 'float32' || name === undefined) return new Float32Array(words)[0];
  if (name === 'bool') return new Uint32Array(words)[0] ? 1 : 0;
  return new Int32Array(words)[0];
}

export const fmt = (v: number | null): string => (v === null || !Number.isFinite(v) ? String(v) : Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : v.toFixed(4));
