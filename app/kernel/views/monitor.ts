// `monitor(model)`: one live view of a training run — the loss (and any metric) curve and,
// per parameter, histograms of its gradient and weight after every epoch.
// @example const mon = monitor(seq_model); for (...) { ...; optimizer.step(); mon.epoch({ loss }); }
import type { MimeBundle } from '../../protocol/messages';
import { MIME, type TrainingJson } from '../../protocol/outputs';
import { downsampleIndices, gradientHint } from './histogram';
import { jsonNum, scalarOf, Throttle, type DisplayHandle, type ViewsHost } from './host';
import { MonitorStore } from './monitor-store';
import { torch, type Tensor } from '../../../engine/index';

// read once: `torch` is a guarded namespace (a Proxy)
const { _histograms: histograms, zeros, int32 } = torch;

/** Most epochs of histograms kept in a view (and in the saved notebook), evenly spaced plus the last. */
export const MAX_HIST_EPOCHS = 200;
export const MAX_METRIC_POINTS = 1000;
/**
 * Every epoch up to this one gets its histograms (CPU); after it, the time budget below applies. As
 * many as a view keeps: a run of up to 200 epochs has every epoch's histograms, whatever the load
 * (with 50, a 100-epoch tutorial had 52 on a loaded machine). In a new process the 150 more cost
 * ~2–10 ms of a 0.9 s seed loop.
 */
export const HIST_EVERY_EPOCH_UNTIL = MAX_HIST_EPOCHS;
/** The loop runs at least this many times as long as the last histograms took before the next (≤ 5%). */
const HIST_BUDGET_FACTOR = 19;

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

/** An epoch waiting for its device values (device metrics, or histograms still on the device). */
interface Pending {
  epoch: number;
  names: string[];
  values: (number | null)[];
  /** Device metrics (one-element tensors), read back with the histograms. */
  tensors: [string, AnyTensor][];
  promises: [string, Promise<number>][];
  /** The epoch's histogram words (torch._histograms), on the parameters' device, or null. */
  raw: Tensor | null;
  /** Each histogram kind's position among the words (see MonitorStore.putHists). */
  kindIdx: Int32Array | null;
  /** Fills the histograms of an already recorded epoch (the last one, at close()). */
  fill: boolean;
}

export class Monitor {
  private readonly params: [string, AnyTensor][];
  private readonly store: MonitorStore;
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
  /**
   * Histograms are computed every `stride`-th epoch; the stride doubles whenever the kept
   * histograms are thinned, so a long run computes only about as many as the view can show
   * (a few hundred, evenly spaced). The latest epoch always gets its histograms when the view is sent.
   */
  private stride = 1;
  /**
   * CPU: when the next histograms may be taken (host.now()). After the first epochs, each epoch's
   * histograms wait until the loop has run HIST_BUDGET_FACTOR times as long as the last ones took,
   * so they cost at most ~5% of a fast loop (a fresh kernel's first histograms take ~100 µs, 20
   * times a warm one's, while the seed lesson's epochs take ~60 µs). The view shows the same few
   * hundred evenly spaced epochs either way.
   */
  private histDue = 0;
  private done = false;
  /** close() was called (done follows once the readbacks are in). */
  private closed = false;
  readonly bins: number;
  // scratch reused by every epoch (no per-epoch objects on the CPU path)
  private readonly live: Tensor[] = [];
  private readonly kindIdx: Int32Array;
  private readonly names: string[] = [];
  private readonly values: (number | null)[] = [];
  /** The CPU kernel's output, reused every epoch (created at the first CPU histograms). */
  private words: Tensor | null = null;

  constructor(
    private readonly host: ViewsHost,
    model: Model | [string, AnyTensor][] | { named_parameters(): unknown },
    private readonly opts: MonitorOptions = {},
  ) {
    const named = (Array.isArray(model) ? model : typeof model?.named_parameters === 'function' ? model.named_parameters() : null) as [string, AnyTensor][] | null;
    if (!named) throw new TypeError('monitor(model): expected an nn.Module (or a list of [name, parameter] pairs)');
    this.params = named;
    this.bins = opts.bins ?? 30;
    this.store = new MonitorStore(this.bins, named.length);
    this.kindIdx = new Int32Array(2 * named.length);
    this.started = host.now();
    this.handle = host.display(this.bundle(), { display_id: true, raw: true });
    this.throttle = new Throttle(host, 250, () => {
      this.fillLatest();
      this.handle.update(this.bundle(), { raw: true });
    });
  }

  /**
   * Records one epoch: its metrics (`loss`, `accuracy`, … as numbers or one-element tensors) and a
   * histogram of every trainable parameter's gradient and weight. Returns at once: the engine's
   * `histograms` kernel of the parameters' device bins them all in one call (torch._histograms);
   * on the CPU the words are stored now, on WebGPU they are read back later with the epoch's
   * loss, many epochs per readback, never stalling the training loop. A long or fast run gets
   * histograms for a few hundred evenly spaced epochs (the stride, and on the CPU after epoch 200 a
   * time budget of ~5% of the loop); the latest epoch always has them when the view is sent.
   */
  epoch(metrics: Record<string, unknown> = {}): void {
    const epoch = typeof metrics.epoch === 'number' ? metrics.epoch : this.epochCount + 1;
    this.epochCount = Math.max(this.epochCount, epoch);
    const every = Math.max(1, this.opts.every ?? 1) * this.stride;
    const withHists = (epoch - 1) % every === 0;
    if (withHists && ++this.histTaken > MAX_HIST_EPOCHS) {
      // long run: compute about as many histograms as the view can show (MAX_HIST_EPOCHS at
      // stride 1, then MAX/2 per doubling: ~660 over 5000 epochs instead of ~1140 when it
      // doubled at 2·MAX)
      this.stride *= 2;
      this.histTaken = MAX_HIST_EPOCHS / 2 + 1;
    }
    this.lastHadHists = withHists;
    const names = this.names, values = this.values;
    names.length = 0;
    values.length = 0;
    let tensors: [string, AnyTensor][] | null = null;
    let promises: [string, Promise<number>][] | null = null;
    for (const k in metrics) {
      if (k === 'epoch') continue;
      const v = metrics[k];
      this.store.addMetric(k);
      const dev = deviceScalar(v);
      if (dev) (tensors ??= []).push([k, dev]);
      else {
        const x = scalarOf(v);
        if (x instanceof Promise) (promises ??= []).push([k, x]);
        else {
          names.push(k);
          values.push(x);
        }
      }
    }
    if (!this.onDevice() && !tensors && !promises && !this.queue.length && !this.inflight) {
      // CPU: recorded now (the kernel reads the storage in place)
      const row = this.finish(epoch, names, values);
      if (withHists && (epoch <= HIST_EVERY_EPOCH_UNTIL || this.host.now() >= this.histDue)) {
        const t0 = this.host.now();
        this.cpuHists(row);
        const t1 = this.host.now();
        this.histDue = t1 + HIST_BUDGET_FACTOR * (t1 - t0);
      }
      this.afterRow();
      return;
    }
    const item: Pending = { epoch, names: [...names], values: [...values], tensors: tensors ?? [], promises: promises ?? [], raw: null, kindIdx: null, fill: false };
    if (withHists) this.queueHists(item);
    this.queue.push(item);
    this.pump();
  }

  /** The tensors an epoch's histograms cover (gradients that exist, then every weight); fills each kind's position. */
  private collect(kindIdx: Int32Array): Tensor[] {
    const live = this.live, P = this.params.length;
    live.length = 0;
    for (let j = 0; j < P; j++) {
      const p = this.params[j][1];
      kindIdx[j] = p.requires_grad && p.grad ? live.push(p.grad as unknown as Tensor) - 1 : -1;
    }
    for (let j = 0; j < P; j++) kindIdx[P + j] = this.opts.weights !== false ? live.push(this.params[j][1] as unknown as Tensor) - 1 : -1;
    return live;
  }

  /** Bins this epoch's CPU tensors now, into the monitor's one words tensor, and stores the words with `row`. */
  private cpuHists(row: number): void {
    const live = this.collect(this.kindIdx);
    if (!live.length) return this.store.putHists(row, new Int32Array(0), this.kindIdx);
    this.words ??= zeros([this.kindIdx.length * this.store.per], { dtype: int32 });
    this.store.putHists(row, histograms(live, this.bins, this.words)._storage.data as Int32Array, this.kindIdx);
  }

  /** Starts the epoch's histograms on the parameters' device (nothing is read back yet). */
  private queueHists(item: Pending): void {
    item.kindIdx = new Int32Array(2 * this.params.length);
    const live = this.collect(item.kindIdx);
    item.raw = live.length ? histograms(live, this.bins) : null;
  }

  /** Starts one readback for everything queued, unless one is in flight (its end starts the next). */
  private pump(): void {
    if (this.inflight || !this.queue.length) return;
    const batch = this.queue.splice(0);
    const reads: Tensor[] = [];
    for (const it of batch) {
      if (it.raw && it.raw.device.type !== 'cpu') reads.push(it.raw);
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
        // this epoch's words: its histograms (when on the device), then its device metrics
        let w = next;
        const onDev = it.raw !== null && it.raw.device.type !== 'cpu';
        next += (onDev ? 1 : 0) + it.tensors.length;
        try {
          if (failure) throw failure;
          const hw = it.raw ? (onDev ? new Int32Array(words![w++]) : (it.raw._cpuContiguous() as Int32Array)) : null;
          for (const [k, t] of it.tensors) {
            it.names.push(k);
            it.values.push(scalarFromWords(words![w++], t));
          }
          for (const [k, p] of it.promises) {
            it.names.push(k);
            it.values.push(await p);
          }
          const row = it.fill ? this.rowOf(it.epoch) : this.finish(it.epoch, it.names, it.values);
          if (row >= 0 && it.kindIdx) this.store.putHists(row, hw ?? new Int32Array(0), it.kindIdx);
          if (!it.fill) this.afterRow();
        } catch (e) {
          console.warn(`monitor: epoch ${it.epoch} could not be recorded: ${(e as Error).message}`);
        } finally {
          try {
            it.raw?.dispose();
          } catch {
            /* a tensor on a lost device: nothing left to free */
          }
        }
      }
    })().finally(() => {
      this.inflight = null;
      this.pump();
    });
  }

  /** Records an epoch's metrics as a new row. */
  private finish(epoch: number, names: readonly string[], values: readonly (number | null)[]): number {
    const row = this.store.addRow(epoch);
    for (let i = 0; i < names.length; i++) this.store.setMetric(row, names[i], values[i]);
    return row;
  }

  /** After a row is complete: bounds the kept histograms and streams the view. */
  private afterRow(): void {
    if (this.store.histRows.length > 2 * MAX_HIST_EPOCHS) this.store.thin();
    this.throttle.poke();
  }

  /** The last row recorded for `epoch` (−1: none). */
  private rowOf(epoch: number): number {
    for (let r = this.store.rows - 1; r >= 0; r--) if (this.store.epochs[r] === epoch) return r;
    return -1;
  }

  private onDevice(): boolean {
    for (let j = 0; j < this.params.length; j++) {
      const type = this.params[j][1].device?.type;
      if (type !== undefined && type !== 'cpu') return true;
    }
    return false;
  }

  /** Marks the run finished and sends the final state (once every epoch is read back). */
  close(): void {
    // "done" only once every epoch's readback is in (flush): a view update sent meanwhile (a
    // readback batch landing) says the run is still being recorded, not done with half its histograms
    this.closed = true;
    if (this.onDevice() && !this.lastHadHists && this.epochCount > 0) {
      // the stride skipped the last epoch: its histograms are the view's final state
      const item: Pending = { epoch: this.epochCount, names: [], values: [], tensors: [], promises: [], raw: null, kindIdx: null, fill: true };
      try {
        this.queueHists(item);
        this.lastHadHists = true;
        this.queue.push(item);
        this.pump();
      } catch (e) {
        // the view still closes, with the histograms it has
        console.warn(`monitor: the last epoch's histograms could not be taken: ${(e as Error).message}`);
      }
    }
    void this.flush();
  }

  /**
   * Resolves once every recorded epoch has been read back (device tensors), and sends the view
   * (done, after close()). A batch that fails past its own per-epoch handling still lets the view
   * close: the last update always goes out.
   */
  async flush(): Promise<void> {
    try {
      while (this.inflight || this.queue.length) {
        this.pump();
        try {
          await this.inflight;
        } catch (e) {
          console.warn(`monitor: a readback batch failed: ${(e as Error).message}`);
        }
      }
    } finally {
      if (this.closed) this.done = true;
      this.throttle.fire();
    }
  }

  /** The latest epoch's histograms, if its epoch was skipped by the stride (CPU tensors: binned now; device: at close()). */
  private fillLatest(): void {
    const last = this.store.rows - 1;
    if (last < 0 || this.store.hasHists(last) || this.inflight || this.queue.length || this.onDevice()) return;
    this.cpuHists(last);
  }

  toJSON(): TrainingJson {
    const s = this.store;
    const mIdx = downsampleIndices(s.rows, MAX_METRIC_POINTS);
    const hRows = s.histRows;
    const hIdx = downsampleIndices(hRows.length, MAX_HIST_EPOCHS);
    const P = this.params.length;
    const numel = this.params.map(([, p]) => p.numel());
    // each shown epoch's histograms as saved (decoded once per epoch, at the first view that shows it)
    const cols = hIdx.map((i) => s.histJson(hRows[i], numel));
    const last = hRows.length ? s.hists(hRows[hRows.length - 1], numel) : null;
    return {
      title: this.opts.title ?? 'Training',
      bins: this.bins,
      epochs: mIdx.map((i) => s.epochs[i]),
      metrics: Object.fromEntries(s.metricNames.map((k, c) => [k, mIdx.map((i) => jsonNum(s.metric(c, i)))])),
      hist_epochs: hIdx.map((i) => s.epochs[hRows[i]]),
      params: this.params.map(([name, p], j) => ({
        name,
        shape: Array.from(p.shape),
        numel: numel[j],
        requires_grad: p.requires_grad,
        grads: cols.map((c) => c[j]),
        weights: cols.map((c) => c[P + j]),
        hint: p.requires_grad ? gradientHint(last?.[j] ?? null, last?.[P + j]?.norm) : null,
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
