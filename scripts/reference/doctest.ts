// Runs the reference's examples as doctests: each example is a cell, run through the real kernel
// runtime and engine in Node after a small prelude (the names examples may use without defining
// them, listed in docs/reference/README.md). A trailing run of `// …` comment lines (or a `// …`
// at the end of the last line) is the expected output: what the cell prints plus the text of its
// last expression, compared line by line with whitespace collapsed.
import { KernelRuntime } from '../../app/kernel/runtime';
import type { FromKernel } from '../../app/protocol/messages';
import * as engine from '../../engine/index';

import { PRELUDE } from './doctest-prelude';
export { PRELUDE };

export interface Example {
  code: string;
  expected: string[] | null;
}

/** Splits an example into its code and its expected output (trailing `//` lines or a trailing `// …` on the last line). */
export function parseExample(text: string): Example {
  const lines = text.replace(/\s+$/, '').split('\n');
  const expected: string[] = [];
  while (lines.length > 1 && /^\s*\/\/ ?/.test(lines[lines.length - 1])) expected.unshift(lines.pop()!.replace(/^\s*\/\/ ?/, ''));
  if (expected.length) return { code: lines.join('\n'), expected };
  const last = lines[lines.length - 1];
  const inline = /^(.*\S)\s+\/\/ ?(.+)$/.exec(last);
  if (inline && !/['"`]/.test(inline[2].slice(0, 1)) && !/^\s*\/\//.test(last) && !/^\s*(const|let|var)\b/.test(inline[1]) && !/;\s*$/.test(inline[1])) {
    lines[lines.length - 1] = inline[1];
    return { code: lines.join('\n'), expected: [inline[2]] };
  }
  return { code: lines.join('\n'), expected: null };
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

export interface DoctestResult {
  ok: boolean;
  problem?: string;
  output: string;
}

export class Doctester {
  private msgs: FromKernel[] = [];
  private rt = new KernelRuntime({ engine: engine as never, post: (m) => this.msgs.push(m) });
  private n = 0;

  private async run(code: string, enough: (text: string) => boolean = () => true): Promise<{ status: string; text: string; error: string | null }> {
    const id = `d${++this.n}`;
    const from = this.msgs.length;
    this.rt.handle({ type: 'execute', id, cellId: `c${this.n}`, code, executionCount: this.n });
    await new Promise<void>((resolve) => {
      const poll = () => (this.msgs.slice(from).some((m) => m.type === 'execute_reply' && m.id === id) ? resolve() : setTimeout(poll, 2));
      poll();
    });
    // The runtime drains a cell's output before its reply; what an example's timers print after it
    // arrives within a stream flush (30 ms): unless the output so far already is `enough`, wait
    // until 40 ms pass with nothing new. Output only grows, and the check is "contains the
    // expected text", so an example whose text is already there cannot fail by waiting: skipping
    // the wait for those (and for the prelude and examples without an expected output) took
    // the median doctest from 88 to 20 ms (reference.test ~35 → ~15 s when quiet).
    if (!enough(this.collect(from).text))
      for (let seen = this.msgs.length; ; seen = this.msgs.length) {
        await new Promise((r) => setTimeout(r, 40));
        if (this.msgs.length === seen) break;
      }
    const out = this.collect(from);
    this.msgs.length = 0;
    return out;
  }

  /** The text, error and reply status of the current cell's messages since `from`. */
  private collect(from: number): { status: string; text: string; error: string | null } {
    const mine = this.msgs.slice(from).filter((m) => 'cellId' in m && m.cellId === `c${this.n}`);
    let text = '';
    let error: string | null = null;
    for (const m of mine) {
      if (m.type === 'stream') text += m.text;
      else if (m.type === 'execute_result') text += String(m.data['text/plain'] ?? '') + '\n';
      else if (m.type === 'error') error = `${m.ename}: ${m.evalue}`;
    }
    const reply = mine.find((m) => m.type === 'execute_reply') as { status: string } | undefined;
    return { status: reply?.status ?? 'error', text, error };
  }

  async check(example: string): Promise<DoctestResult> {
    const { code, expected } = parseExample(example);
    const pre = await this.run(PRELUDE);
    if (pre.status !== 'ok') return { ok: false, problem: `prelude failed: ${pre.error}`, output: '' };
    const has = (text: string) => !expected || norm(text).includes(norm(expected.join('\n')));
    const r = await this.run(code, has);
    if (r.status !== 'ok') return { ok: false, problem: `raised ${r.error}`, output: r.text };
    if (!has(r.text)) return { ok: false, problem: `printed:\n${r.text.trim()}\nexpected:\n${(expected ?? []).join('\n')}`, output: r.text };
    return { ok: true, output: r.text };
  }

  dispose(): void {
    this.rt.dispose();
  }
}
