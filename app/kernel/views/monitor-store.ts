// What a monitor keeps, packed so a long run allocates almost nothing per epoch (the garbage
// collection of per-epoch objects was most of monitor.epoch()'s cost on the seed loop, issue 21):
//  - metrics as columns of doubles (NaN: no value that epoch; V8 keeps them unboxed), one row per
//    recorded epoch;
//  - histograms as the engine kernel's int32 words (torch._histograms), one slot per epoch with
//    histograms in a pool of slots (chunks of ≥ 64 KiB, never copied) that thinning frees and later
//    epochs reuse; a slot is decoded into the saved `HistogramJson` once, when a view first shows it.
import { torch } from '../../../engine/index';
import type { HistogramJson } from '../../protocol/outputs';
import { fromRaw, type Histogram } from './histogram';

// read once: `torch` is a guarded namespace (a Proxy)
const { _decode_histograms: decodeHistograms, _histogram_words: histogramWords } = torch;

/** Bytes of histogram words per chunk (at least 16 slots): few allocations, never a copy. */
const CHUNK_BYTES = 1 << 16;

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** A histogram as saved: non-finite statistics become null. */
function histogramJson(h: Histogram | null): HistogramJson | null {
  if (!h) return null;
  return { ...h, mean: finiteOrNull(h.mean), std: finiteOrNull(h.std), norm: finiteOrNull(h.norm), min: finiteOrNull(h.min), max: finiteOrNull(h.max) };
}

export class MonitorStore {
  /** Recorded epochs (rows). */
  rows = 0;
  readonly epochs: number[] = [];
  readonly metricNames: string[] = [];
  private readonly cols: number[][] = [];
  /** Each row's histogram slot, −1 for none. */
  private readonly slotOf: number[] = [];
  /** Rows with histograms, in order. */
  histRows: number[] = [];

  /** Words per histogram. */
  readonly per: number;
  /** Histograms per slot: each parameter's gradient (0…P−1), then its weight (P…2P−1). */
  readonly kinds: number;
  /** Slots per chunk. */
  private readonly chunk: number;
  /** The slots' words, `chunk` slots per array. */
  private readonly chunks: Int32Array[] = [];
  /** Per slot and kind: the histogram's position in the slot's words, −1 where it has none. */
  private readonly pos: Int32Array[] = [];
  private slots = 0;
  private readonly free: number[] = [];
  /** Per slot: its histograms as saved, by kind, once a view has shown them (slots are immutable until freed). */
  private saved: ((HistogramJson | null)[] | undefined)[] = [];

  constructor(
    readonly bins: number,
    readonly params: number,
  ) {
    this.per = histogramWords(bins);
    this.kinds = 2 * params;
    this.chunk = Math.max(16, Math.floor(CHUNK_BYTES / (4 * this.kinds * this.per)));
  }

  /** Appends a row for `epoch`; its metrics are set with `setMetric`. */
  addRow(epoch: number): number {
    const r = this.rows++;
    this.epochs.push(epoch);
    this.slotOf.push(-1);
    for (let c = 0; c < this.cols.length; c++) this.cols[c].push(NaN);
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
    this.cols.push(new Array<number>(this.rows).fill(NaN));
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
    const words = this.chunks[(s / this.chunk) | 0], pos = this.pos[(s / this.chunk) | 0], i = s % this.chunk;
    const size = this.kinds * this.per;
    words.set(src.length > size ? src.subarray(0, size) : src, i * size);
    for (let k = 0; k < this.kinds; k++) pos[i * this.kinds + k] = kindIdx[k];
    this.slotOf[row] = s;
    this.saved[s] = undefined;
    // rows get histograms in order, except the final epoch filled at the end (also the last row)
    const h = this.histRows;
    if (!h.length || h[h.length - 1] < row) h.push(row);
    else h.splice(h.findIndex((x) => x > row), 0, row);
  }

  private newSlot(): number {
    const s = this.slots++;
    if (s % this.chunk === 0) {
      this.chunks.push(new Int32Array(this.chunk * this.kinds * this.per));
      this.pos.push(new Int32Array(this.chunk * this.kinds));
    }
    return s;
  }

  /** Every histogram of `row` by kind (gradient j: j; weight j: P + j; null where none); `numel[j]`: parameter j's values. */
  hists(row: number, numel: readonly number[]): (Histogram | null)[] {
    const s = row >= 0 && row < this.rows ? this.slotOf[row] : -1;
    const out = new Array<Histogram | null>(this.kinds).fill(null);
    if (s < 0) return out;
    const words = this.chunks[(s / this.chunk) | 0], pos = this.pos[(s / this.chunk) | 0], i = s % this.chunk;
    let count = 0;
    for (let k = 0; k < this.kinds; k++) count = Math.max(count, pos[i * this.kinds + k] + 1);
    if (!count) return out;
    const raw = decodeHistograms(words, count, this.bins, i * this.kinds);
    for (let k = 0; k < this.kinds; k++) {
      const at = pos[i * this.kinds + k];
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
