// What a monitor keeps, packed so a long run allocates almost nothing per epoch (the garbage
// collection of per-epoch objects was most of monitor.epoch()'s cost on the seed loop, issue 21):
//  - metrics as columns of float64 (NaN: no value that epoch), one row per recorded epoch;
//  - histograms as the engine kernel's int32 words (torch._histograms), one slot per epoch with
//    histograms in a pool of slots that thinning frees and later epochs reuse; a slot is decoded
//    into the view's `Histogram` objects only when the view is sent.
import { torch } from '../../../engine/index';
import type { HistogramJson } from '../../protocol/outputs';
import { fromRaw, type Histogram } from './histogram';

/** A histogram as saved: non-finite statistics become null. */
function histogramJson(h: Histogram | null): HistogramJson | null {
  if (!h) return null;
  const f = (v: number) => (Number.isFinite(v) ? v : null);
  return { ...h, mean: f(h.mean), std: f(h.std), norm: f(h.norm), min: f(h.min), max: f(h.max) };
}

/** Grows a typed array to at least `n` elements (doubling), keeping its contents. */
function grow<T extends Float64Array | Int32Array>(a: T, n: number, fill = 0): T {
  if (a.length >= n) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(n, a.length * 2, 16));
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}

export class MonitorStore {
  /** Recorded epochs (rows). */
  rows = 0;
  epochs = new Float64Array(64);
  readonly metricNames: string[] = [];
  private cols: Float64Array[] = [];
  /** Each row's histogram slot, −1 for none. */
  private slotOf = new Int32Array(64).fill(-1);
  /** Rows with histograms, in order. */
  histRows: number[] = [];

  /** Words per histogram. */
  readonly per: number;
  /** Histograms per slot: each parameter's gradient (0…P−1), then its weight (P…2P−1). */
  readonly kinds: number;
  private words = new Int32Array(0);
  /** Per slot and kind: the histogram's position in the slot's words, −1 where it has none. */
  private pos = new Int32Array(0);
  private slots = 0;
  private readonly free: number[] = [];
  /** Per slot: its histograms as saved, by kind, once a view has shown them (slots are immutable until freed). */
  private saved: ((HistogramJson | null)[] | undefined)[] = [];

  constructor(
    readonly bins: number,
    readonly params: number,
  ) {
    this.per = torch._histogram_words(bins);
    this.kinds = 2 * params;
  }

  /** Appends a row for `epoch`; its metrics are set with `setMetric`. */
  addRow(epoch: number): number {
    const r = this.rows++;
    if (r >= this.epochs.length) {
      this.epochs = grow(this.epochs, r + 1);
      this.slotOf = grow(this.slotOf, r + 1, -1);
      this.cols = this.cols.map((c) => grow(c, r + 1, NaN));
    }
    this.epochs[r] = epoch;
    return r;
  }

  setMetric(row: number, name: string, v: number | null): void {
    let c = this.metricNames.indexOf(name);
    if (c < 0) c = this.addMetric(name);
    this.cols[c][row] = v === null ? NaN : v;
  }

  /** Registers a metric column (NaN before its first value), in first-seen order. */
  addMetric(name: string): number {
    const i = this.metricNames.indexOf(name);
    if (i >= 0) return i;
    this.metricNames.push(name);
    this.cols.push(new Float64Array(this.epochs.length).fill(NaN));
    return this.cols.length - 1;
  }

  metric(col: number, row: number): number {
    return this.cols[col][row];
  }

  hasHists(row: number): boolean {
    return this.slotOf[row] >= 0;
  }

  /**
   * Stores the histograms of one epoch: `src` holds the kernel's words for the histograms whose
   * kind is set in `kindIdx` (kindIdx[k] = position in `src`, −1: none), and attaches them to `row`.
   */
  putHists(row: number, src: Int32Array, kindIdx: ArrayLike<number>): void {
    if (this.slotOf[row] >= 0) return;
    const s = this.free.length ? this.free.pop()! : this.newSlot();
    const base = s * this.kinds * this.per;
    this.words.set(src.length > this.kinds * this.per ? src.subarray(0, this.kinds * this.per) : src, base);
    for (let k = 0; k < this.kinds; k++) this.pos[s * this.kinds + k] = kindIdx[k];
    this.slotOf[row] = s;
    this.saved[s] = undefined;
    // rows get histograms in order, except the final epoch filled at the end (also the last row)
    const h = this.histRows;
    if (!h.length || h[h.length - 1] < row) h.push(row);
    else h.splice(h.findIndex((x) => x > row), 0, row);
  }

  private newSlot(): number {
    const s = this.slots++;
    const need = this.slots * this.kinds * this.per;
    if (need > this.words.length) {
      const cap = Math.max(this.slots * 2, 8);
      const w = new Int32Array(cap * this.kinds * this.per);
      w.set(this.words);
      this.words = w;
      const p = new Int32Array(cap * this.kinds);
      p.set(this.pos);
      this.pos = p;
    }
    return s;
  }

  /** Every histogram of `row` by kind (gradient j: j; weight j: P + j; null where none); `numel[j]`: parameter j's values. */
  hists(row: number, numel: readonly number[]): (Histogram | null)[] {
    const s = row >= 0 && row < this.rows ? this.slotOf[row] : -1;
    const out = new Array<Histogram | null>(this.kinds).fill(null);
    if (s < 0) return out;
    let count = 0;
    for (let k = 0; k < this.kinds; k++) count = Math.max(count, this.pos[s * this.kinds + k] + 1);
    if (!count) return out;
    const raw = torch._decode_histograms(this.words, count, this.bins, s * this.kinds);
    for (let k = 0; k < this.kinds; k++) {
      const at = this.pos[s * this.kinds + k];
      if (at >= 0) out[k] = fromRaw(raw[at], numel[k % this.params]);
    }
    return out;
  }

  /** `hists(row)` as saved in the view (HistogramJson), decoded once per slot and shared by every later view. */
  histJson(row: number, numel: readonly number[]): (HistogramJson | null)[] {
    const s = row >= 0 && row < this.rows ? this.slotOf[row] : -1;
    if (s < 0) return new Array<HistogramJson | null>(this.kinds).fill(null);
    return (this.saved[s] ??= this.hists(row, numel).map(histogramJson));
  }

  /** Keeps memory bounded on long runs: drops every other row's histograms (never the last), freeing their slots. */
  thin(): void {
    const h = this.histRows;
    const kept: number[] = [];
    h.forEach((r, i) => {
      if (i % 2 === 1 && i !== h.length - 1) {
        this.free.push(this.slotOf[r]);
        this.saved[this.slotOf[r]] = undefined;
        this.slotOf[r] = -1;
      } else kept.push(r);
    });
    this.histRows = kept;
  }
}
