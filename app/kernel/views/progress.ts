// `progress(iterable)`: a live progress bar with rate and ETA, like tqdm.
// @example for (const epoch of progress(range(1, 5001))) { ... }
import type { MimeBundle } from '../../protocol/messages';
import { MIME, type ProgressJson } from '../../protocol/outputs';
import { Throttle, type DisplayHandle, type ViewsHost } from './host';

export interface ProgressOptions {
  desc?: string;
  total?: number;
}

function lengthOf(it: unknown): number | null {
  const o = it as { length?: unknown; size?: unknown };
  if (typeof o?.length === 'number') return o.length;
  if (typeof o?.size === 'number') return o.size;
  return null;
}

export class Progress<T> implements Iterable<T>, AsyncIterable<T> {
  n = 0;
  private readonly total: number | null;
  private readonly started: number;
  private readonly handle: DisplayHandle;
  private readonly throttle: Throttle;
  private done = false;
  private postfix: Record<string, string> = {};

  constructor(
    private readonly host: ViewsHost,
    private readonly source: Iterable<T> | AsyncIterable<T> | number,
    private readonly opts: ProgressOptions = {},
  ) {
    this.total = opts.total ?? (typeof source === 'number' ? source : lengthOf(source));
    this.started = host.now();
    this.handle = host.display(this.bundle(), { display_id: true, raw: true });
    this.throttle = new Throttle(host, 100, () => this.handle.update(this.bundle(), { raw: true }));
  }

  *[Symbol.iterator](): Iterator<T> {
    const src = typeof this.source === 'number' ? (Array.from({ length: this.source }, (_, i) => i) as unknown as Iterable<T>) : this.source;
    if (!(Symbol.iterator in (src as object))) throw new TypeError('progress(): this iterable is async; use `for await (const x of progress(...))`');
    try {
      // counts an item when it is handed out, so a loop that breaks after n items shows n
      for (const x of src as Iterable<T>) {
        this.update(1);
        yield x;
      }
    } finally {
      this.close();
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    try {
      if (typeof this.source !== 'number' && Symbol.asyncIterator in (this.source as object)) {
        for await (const x of this.source as AsyncIterable<T>) {
          this.update(1);
          yield x;
        }
      } else
        for (const x of this as Iterable<T>) {
          yield x;
        }
    } finally {
      this.close();
    }
  }

  /** Advances by `k` (for manual use). */
  update(k = 1): void {
    this.n += k;
    this.throttle.poke();
  }

  /** Extra values shown after the bar, e.g. `bar.set_postfix({loss: 0.12})`. */
  set_postfix(values: Record<string, unknown>): void {
    this.postfix = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toPrecision(4)) : String(v)]));
  }

  close(): void {
    if (this.done) return;
    this.done = true;
    this.throttle.fire();
  }

  toJSON(): ProgressJson {
    const elapsed = (this.host.now() - this.started) / 1000;
    const rate = elapsed > 0 && this.n > 0 ? this.n / elapsed : null;
    return {
      desc: this.opts.desc ?? '',
      n: this.n,
      total: this.total,
      elapsed_s: elapsed,
      rate,
      eta_s: rate && this.total !== null ? Math.max(0, (this.total - this.n) / rate) : null,
      done: this.done,
      postfix: this.postfix,
    };
  }

  bundle(): MimeBundle {
    const j = this.toJSON();
    return { [MIME.progress]: j, 'text/plain': progressText(j) };
  }
}

const clock = (s: number | null) => {
  if (s === null || !Number.isFinite(s)) return '?';
  const t = Math.round(s);
  const h = Math.floor(t / 3600), m = Math.floor((t % 3600) / 60), sec = t % 60;
  const mm = String(m).padStart(2, '0'), ss = String(sec).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
};

/** tqdm's line: `desc: 45%|████▌     | 2250/5000 [00:01<00:01, 2000.00it/s]`. */
export function progressText(j: ProgressJson): string {
  const desc = j.desc ? `${j.desc}: ` : '';
  const rate = j.rate === null ? '?it/s' : j.rate >= 1 ? `${j.rate.toFixed(2)}it/s` : `${(1 / j.rate).toFixed(2)}s/it`;
  const post = Object.entries(j.postfix).map(([k, v]) => `${k}=${v}`).join(', ');
  const tail = ` [${clock(j.elapsed_s)}<${clock(j.eta_s)}, ${rate}${post ? ', ' + post : ''}]`;
  if (j.total === null || j.total === 0) return `${desc}${j.n}it${tail}`;
  const frac = Math.min(1, j.n / j.total);
  const width = 20;
  const full = Math.floor(frac * width);
  const parts = ' ▏▎▍▌▋▊▉';
  const rem = Math.floor((frac * width - full) * 8);
  const bar = '█'.repeat(full) + (full < width ? parts[rem] + ' '.repeat(width - full - 1) : '');
  return `${desc}${String(Math.floor(frac * 100)).padStart(3)}%|${bar}| ${j.n}/${j.total}${tail}`;
}
