// Hard caps on what the kernel may send, enforced where trust begins (issue 22, hole 3): the
// kernel frame and the page's kernel client each run an `OutputGuard`, and the notebook store
// refuses an output over `OUTPUT_CHARS` or beyond `NOTEBOOK_OUTPUT_CHARS` in all. The worker's own
// limits (app/kernel/output.ts: 500,000 characters of stream text, 500 displays and 5,000,000
// characters of display data per execution, one text/plain value ≤ 500,000, other values
// ≤ 2,000,000) stay the ones a well-behaved kernel meets with its friendly "output truncated"
// markers; these caps sit just above them and hold even when a cell has taken over the worker.
// The guard also drops messages for any execution other than the running one (or, while none
// runs, the last one: where the kernel sends a finished cell's timer output), so a cell cannot
// write into another cell.
import type { FromKernel } from './messages';

/** Stream characters per execution: the worker's 500,000 plus its truncation markers. */
export const STREAM_CHARS = 520_000;
/** Displays and results per execution (the worker sends at most 500). */
export const DISPLAYS = 500;
/** Characters of one output message or stored output (a display with several large MIME values). */
export const OUTPUT_CHARS = 8_000_000;
/** Display characters per execution: the worker's 5,000,000, overshot by at most one display. */
export const DISPLAY_CHARS = 5_000_000 + OUTPUT_CHARS;
/** All outputs of one notebook, as the store keeps them (and saves them). */
export const NOTEBOOK_OUTPUT_CHARS = 20_000_000;
/** Room the page leaves for the frame's own notes about what it dropped. */
export const NOTE_SLACK = 4_096;

/**
 * The size of a value as JSON would write it, roughly (string lengths, ~8 per number), counted
 * only up to `budget`: anything larger returns a number above it without walking the rest
 * (also a cyclic or absurdly deep value, which no output may be).
 */
export function measure(value: unknown, budget = Number.MAX_SAFE_INTEGER): number {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') total += v.length + 2;
    else if (v === null || typeof v !== 'object') total += 8;
    else if (Array.isArray(v)) {
      total += 2 + v.length;
      for (let i = 0; i < v.length; i++) stack.push(v[i]);
    } else if (ArrayBuffer.isView(v)) total += v.byteLength * 4;
    else {
      total += 2;
      for (const [k, x] of Object.entries(v)) {
        total += k.length + 4;
        stack.push(x);
      }
    }
    if (total > budget) return total;
  }
  return total;
}

interface Usage {
  stream: number;
  displays: number;
  displayChars: number;
  noted: boolean;
}

interface Execution {
  id: string;
  cellId: string;
}

export type Verdict = 'ok' | 'foreign' | 'over';

/** Per-execution accounting of what the kernel sends, with a little `slack` above the caps. */
export class OutputGuard {
  /** Executions sent and not answered, in order: the first is the running one. */
  private pending: Execution[] = [];
  private last: Execution | null = null;
  private usage = new Map<string, Usage>();
  /** Set when the latest `check` was the first 'over' of its execution (say so once). */
  firstOver = false;

  constructor(private readonly slack = 0) {}

  started(id: string, cellId: string): void {
    this.pending.push({ id, cellId });
  }

  /** Forget everything (the kernel was restarted: whatever was pending has been answered). */
  reset(): void {
    this.pending = [];
    this.last = null;
    this.usage.clear();
  }

  /** Where output may go now: the running execution, else the last one that ran. */
  target(): Execution | null {
    return this.pending[0] ?? this.last;
  }

  /**
   * Whether a message from the kernel may pass: 'foreign' (for an execution that is not the
   * current one: dropped), 'over' (past a cap: dropped; `firstOver` says whether to note it).
   */
  check(m: FromKernel): Verdict {
    this.firstOver = false;
    if (m.type === 'status' || m.type === 'restarted' || m.type === 'variables') return 'ok';
    if (m.type === 'execute_reply') {
      const i = this.pending.findIndex((p) => p.id === m.id && p.cellId === m.cellId);
      if (i < 0) return 'foreign';
      const [done] = this.pending.splice(i, 1);
      if (i === 0) this.last = done;
      for (const id of this.usage.keys()) if (id !== this.last?.id && !this.pending.some((p) => p.id === id)) this.usage.delete(id);
      return 'ok';
    }
    const t = this.target();
    if (!t || m.id !== t.id || m.cellId !== t.cellId) return 'foreign';
    let u = this.usage.get(m.id);
    if (!u) this.usage.set(m.id, (u = { stream: 0, displays: 0, displayChars: 0, noted: false }));
    let over = false;
    if (m.type === 'stream') {
      over = u.stream + m.text.length > STREAM_CHARS + this.slack;
      if (!over) u.stream += m.text.length;
    } else if (m.type === 'error') {
      over = measure([m.evalue, m.traceback], OUTPUT_CHARS) > OUTPUT_CHARS;
    } else {
      const size = measure([m.data, m.metadata], OUTPUT_CHARS);
      if (size > OUTPUT_CHARS) over = true;
      else if (m.type !== 'update_display') {
        over = u.displays + 1 > DISPLAYS || u.displayChars + size > DISPLAY_CHARS + this.slack;
        if (!over) {
          u.displays++;
          u.displayChars += size;
        }
      }
    }
    if (!over) return 'ok';
    this.firstOver = !u.noted;
    u.noted = true;
    return 'over';
  }
}

/** The note for the first output of an execution dropped by a cap. */
export function overLimitNote(where: string): string {
  return `… ${where} dropped output over its hard limit (${STREAM_CHARS.toLocaleString('en-US')} characters of stream text, ${DISPLAYS} displays or ${OUTPUT_CHARS.toLocaleString('en-US')} characters in one output per run)\n`;
}
