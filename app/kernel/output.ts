// The kernel's output channel: keeps the order of everything a cell outputs even when a display
// needs an async readback first, and batches stream text so a flood of prints is a few dozen
// messages a second, not one per line (and is capped with a marker).
import type { FromKernel } from '../protocol/messages';

/** Stream text of one execution beyond this is dropped, with a marker saying so. */
export const STREAM_LIMIT = 1_000_000;
const FLUSH_MS = 30;

export interface Target {
  id: string;
  cellId: string;
}

export class OutputChannel {
  private chain: Promise<void> = Promise.resolve();
  private pendingAsync = 0;
  private buf: { target: Target; name: 'stdout' | 'stderr'; text: string } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastFlush = 0;
  private written = new Map<string, number>();

  constructor(
    private readonly post: (m: FromKernel) => void,
    private readonly now: () => number = () => Date.now(),
  ) {}

  write(target: Target, name: 'stdout' | 'stderr', text: string): void {
    if (!text) return;
    const used = this.written.get(target.id) ?? 0;
    if (used >= STREAM_LIMIT) return;
    if (used + text.length > STREAM_LIMIT) {
      text = text.slice(0, STREAM_LIMIT - used) + `\n… [output truncated: more than ${STREAM_LIMIT.toLocaleString('en-US')} characters; the rest was dropped by the kernel]\n`;
      this.written.set(target.id, STREAM_LIMIT);
    } else {
      this.written.set(target.id, used + text.length);
    }
    if (this.buf && (this.buf.target.id !== target.id || this.buf.name !== name)) this.flush();
    if (this.buf) this.buf.text += text;
    else this.buf = { target, name, text };
    // A synchronous loop never lets a timer run: flush on time here too, so output streams.
    if (this.now() - this.lastFlush >= FLUSH_MS) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), FLUSH_MS);
  }

  /** Queue a message whose content may still be computing; it is posted in order. */
  send(msg: FromKernel | Promise<FromKernel | null>): void {
    this.flush();
    if (!(msg instanceof Promise) && this.pendingAsync === 0) {
      this.post(msg);
      return;
    }
    this.pendingAsync++;
    const p = Promise.resolve(msg);
    this.chain = this.chain.then(async () => {
      try {
        const m = await p;
        if (m) this.post(m);
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
    const msg: FromKernel = { type: 'stream', id: b.target.id, cellId: b.target.cellId, name: b.name, text: b.text };
    if (this.pendingAsync === 0) this.post(msg);
    else this.send(msg);
  }

  /** Everything queued so far has been posted. */
  async drain(): Promise<void> {
    this.flush();
    while (this.pendingAsync > 0) await this.chain;
  }

  /** Forget the per-execution counters of finished requests. */
  forget(id: string): void {
    this.written.delete(id);
  }
}
