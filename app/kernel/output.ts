// The kernel's output channel: keeps the order of everything a cell outputs even when a display
// needs an async readback first, batches stream text so a flood of prints is a few dozen
// messages a second, not one per line, and bounds what one execution can send (issue 9, output
// floods): the page, and the .ipynb it saves, never get more than
//   - STREAM_LIMIT characters of stream text (cut at a line end, with a marker, and at the end of
//     the run a summary: "… output truncated: N more lines (M characters) were not kept"),
//   - DISPLAY_LIMIT displays/results and DISPLAY_CHARS_LIMIT characters of their data,
//   - TEXT_VALUE_LIMIT characters of one text/plain value (cut with a marker), VALUE_LIMIT
//     characters of any other string value (dropped, the text/plain stays).
// update_display floods are coalesced the same way: at most one message per display per
// FLUSH_MS, the latest value winning (an animation loop updating one plot 10^5 times sends a few
// dozen updates a second, and the last value always arrives).
import type { FromKernel, MimeBundle } from '../protocol/messages';

/** Stream text of one execution beyond this is dropped, with a marker saying so. */
export const STREAM_LIMIT = 500_000;
/** Displays (and results) of one execution beyond this are dropped; a summary says how many. */
export const DISPLAY_LIMIT = 500;
/** Characters of string data in the displays of one execution beyond which displays are dropped. */
export const DISPLAY_CHARS_LIMIT = 5_000_000;
/** One text/plain value is cut to this many characters. */
export const TEXT_VALUE_LIMIT = 500_000;
/** Any other string value (html, svg, images) longer than this is left out of its bundle. */
export const VALUE_LIMIT = 2_000_000;
/** Stream text is sent at most this often (ms), also from inside a synchronous loop. */
export const FLUSH_MS = 30;

export interface Target {
  id: string;
  cellId: string;
}

const fmt = (n: number) => n.toLocaleString('en-US');

const lines = (n: number) => (n === 0 ? '' : ` (${fmt(n)} more line${n === 1 ? '' : 's'})`);

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** What one execution has sent and dropped so far. */
interface Usage {
  cellId: string;
  stream: number;
  streamName: 'stdout' | 'stderr';
  droppedChars: number;
  droppedLines: number;
  displays: number;
  displayChars: number;
  droppedDisplays: number;
  /** The "truncated" marker was sent. */
  marked: boolean;
}

/** Caps the string values of a bundle; returns it unchanged when nothing is over. */
export function capBundle(data: MimeBundle): { data: MimeBundle; chars: number } {
  let chars = 0;
  let out: MimeBundle | null = null;
  for (const [mime, v] of Object.entries(data)) {
    if (typeof v !== 'string') continue;
    if (mime === 'text/plain' && v.length > TEXT_VALUE_LIMIT) {
      out ??= { ...data };
      const more = v.length - TEXT_VALUE_LIMIT;
      out[mime] = `${v.slice(0, TEXT_VALUE_LIMIT)}\n… output truncated: ${fmt(more)} more characters${lines(countLines(v.slice(TEXT_VALUE_LIMIT)))} were not kept`;
      chars += TEXT_VALUE_LIMIT;
    } else if (mime !== 'text/plain' && v.length > VALUE_LIMIT) {
      out ??= { ...data };
      delete out[mime];
      if (typeof out['text/plain'] !== 'string') out['text/plain'] = `[${mime} output of ${fmt(v.length)} characters was not kept: over the ${fmt(VALUE_LIMIT)} limit]`;
    } else {
      chars += v.length;
    }
  }
  return { data: out ?? data, chars };
}

export class OutputChannel {
  private chain: Promise<void> = Promise.resolve();
  private pendingAsync = 0;
  private buf: { target: Target; name: 'stdout' | 'stderr'; text: string } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastFlush = 0;
  private usage = new Map<string, Usage>();
  /** Stream messages made by flush(): already counted when written. */
  private counted = new WeakSet<FromKernel>();
  /** The latest update_display per display_id not posted yet (in the order their displays were last updated). */
  private updates = new Map<string, FromKernel>();
  private updateTimer: ReturnType<typeof setTimeout> | null = null;
  private lastUpdate = -Infinity;

  constructor(
    private readonly post: (m: FromKernel) => void,
    private readonly now: () => number = () => Date.now(),
  ) {}

  private use(id: string, cellId: string): Usage {
    let u = this.usage.get(id);
    if (!u) {
      u = { cellId, stream: 0, streamName: 'stdout', droppedChars: 0, droppedLines: 0, displays: 0, displayChars: 0, droppedDisplays: 0, marked: false };
      this.usage.set(id, u);
    }
    return u;
  }

  write(target: Target, name: 'stdout' | 'stderr', text: string): void {
    if (!text) return;
    const u = this.use(target.id, target.cellId);
    if (u.stream >= STREAM_LIMIT) {
      // Over the limit: only counted (cheaply), never buffered.
      u.droppedChars += text.length;
      u.droppedLines += countLines(text);
      return;
    }
    if (this.buf && (this.buf.target.id !== target.id || this.buf.name !== name)) this.flush();
    if (this.buf) this.buf.text += text;
    else this.buf = { target, name, text };
    // Accounting as text arrives, so a loop stops buffering as soon as the limit is reached.
    u.stream += text.length;
    // A synchronous loop never lets a timer run: flush on time here too, so output streams.
    if (u.stream >= STREAM_LIMIT || this.now() - this.lastFlush >= FLUSH_MS) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), FLUSH_MS);
  }

  /** Queue a message whose content may still be computing; it is posted in order. */
  send(msg: FromKernel | Promise<FromKernel | null>): void {
    this.flush();
    if (!(msg instanceof Promise) && this.pendingAsync === 0) {
      this.emit(msg);
      return;
    }
    this.pendingAsync++;
    const p = Promise.resolve(msg);
    this.chain = this.chain.then(async () => {
      try {
        const m = await p;
        if (m) this.emit(m);
      } catch {
        // A failed display is reported by whoever made it; it must not block later output.
      } finally {
        this.pendingAsync--;
      }
    });
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.lastFlush = this.now();
    const b = this.buf;
    if (!b) return;
    this.buf = null;
    const u = this.use(b.target.id, b.target.cellId);
    let text = b.text;
    // `u.stream` already counts this text; cut what lies beyond the limit.
    const before = u.stream - text.length;
    if (u.stream >= STREAM_LIMIT && !u.marked) {
      u.marked = true;
      let keep = Math.min(text.length, Math.max(0, STREAM_LIMIT - before));
      const lineEnd = text.lastIndexOf('\n', keep - 1);
      if (lineEnd >= 0 && keep - lineEnd < 10_000) keep = lineEnd + 1;
      const rest = text.slice(keep);
      u.droppedChars += rest.length;
      u.droppedLines += countLines(rest);
      text = `${text.slice(0, keep)}${keep > 0 && text[keep - 1] !== '\n' ? '\n' : ''}… output truncated at ${fmt(STREAM_LIMIT)} characters: the rest of this run's output is not kept\n`;
      u.stream = STREAM_LIMIT;
      u.streamName = b.name;
    }
    const msg: FromKernel = { type: 'stream', id: b.target.id, cellId: b.target.cellId, name: b.name, text };
    if (this.pendingAsync === 0) {
      this.flushUpdates(); // updates were made before this text (send() flushes text written before them)
      this.post(msg);
    } else {
      this.counted.add(msg);
      this.send(msg);
    }
  }

  /** Everything but streams passes here on its way out: the display limits apply. */
  private emit(m: FromKernel): void {
    if (m.type === 'display' || m.type === 'execute_result') {
      const u = this.use(m.id, m.cellId);
      if (u.displays >= DISPLAY_LIMIT || u.displayChars >= DISPLAY_CHARS_LIMIT) {
        u.droppedDisplays++;
        return;
      }
      const { data, chars } = capBundle(m.data);
      u.displays++;
      u.displayChars += chars;
      this.post(data === m.data ? m : { ...m, data });
      return;
    }
    if (m.type === 'update_display') {
      const { data } = capBundle(m.data);
      this.updates.delete(m.display_id); // re-inserted last: posted in the order of their latest update
      this.updates.set(m.display_id, data === m.data ? m : { ...m, data });
      // a synchronous loop never lets a timer run: post on time from here too
      if (this.now() - this.lastUpdate >= FLUSH_MS) this.flushUpdates();
      else if (!this.updateTimer) this.updateTimer = setTimeout(() => this.flushUpdates(), FLUSH_MS);
      return;
    }
    // Anything else was made after the pending updates: they go first.
    this.flushUpdates();
    if (m.type === 'stream' && !this.counted.has(m)) {
      // Async streams (a GPU tensor printed) count like written ones.
      const u = this.use(m.id, m.cellId);
      if (u.stream >= STREAM_LIMIT) {
        u.droppedChars += m.text.length;
        u.droppedLines += countLines(m.text);
        return;
      }
      u.stream += m.text.length;
    }
    this.post(m);
  }

  /** Posts the pending update_display messages. */
  flushUpdates(): void {
    if (this.updateTimer) {
      clearTimeout(this.updateTimer);
      this.updateTimer = null;
    }
    if (this.updates.size === 0) return;
    this.lastUpdate = this.now();
    const pending = [...this.updates.values()];
    this.updates.clear();
    for (const m of pending) this.post(m);
  }

  /** Everything queued so far has been posted. */
  async drain(): Promise<void> {
    this.flush();
    while (this.pendingAsync > 0) await this.chain;
    this.flushUpdates();
  }

  /**
   * The execution is over: post a summary of what its limits dropped (after `drain()`, before
   * its execute_reply), and forget its counters.
   */
  forget(id: string): void {
    this.flushUpdates();
    const u = this.usage.get(id);
    this.usage.delete(id);
    if (!u) return;
    const notes: string[] = [];
    if (u.droppedChars > 0) notes.push(u.droppedLines > 0 ? `… output truncated: ${fmt(u.droppedLines)} more line${u.droppedLines === 1 ? '' : 's'} (${fmt(u.droppedChars)} characters) were not kept` : `… output truncated: ${fmt(u.droppedChars)} more characters were not kept`);
    if (u.droppedDisplays > 0) notes.push(`… output truncated: ${fmt(u.droppedDisplays)} more displays were not kept (at most ${fmt(DISPLAY_LIMIT)} per run)`);
    if (notes.length) this.post({ type: 'stream', id, cellId: u.cellId, name: u.droppedChars > 0 ? u.streamName : 'stderr', text: notes.join('\n') + '\n' });
  }
}
