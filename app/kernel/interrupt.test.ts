// Interrupts that keep state: the transpiler's checks at loop bodies and function entries see
// the shared flag, which another thread sets (here a Node worker thread, as the kernel frame
// does in the browser), and the kernel's variables survive.
import { describe, expect, it, onTestFinished } from 'vitest';
import { Worker } from 'node:worker_threads';
import { KernelRuntime } from './runtime';
import { fakeEngineTyped } from './test-engine';
import type { FromKernel } from '../protocol/messages';

function kernel() {
  const flag = new Int32Array(new SharedArrayBuffer(8));
  const msgs: FromKernel[] = [];
  const rt = new KernelRuntime({ engine: fakeEngineTyped, post: (m) => msgs.push(m), interruptFlag: flag, console });
  onTestFinished(() => rt.dispose());
  let n = 0;
  const run = async (code: string) => {
    const from = msgs.length;
    n++;
    await rt.run({ type: 'execute', id: `i${n}`, cellId: `c${n}`, code, executionCount: n });
    return msgs.slice(from);
  };
  /** The frame's part: set the flag from another thread after `ms` (slot 1: when, in ms after `base`), then the interrupt message. */
  const interruptIn = (ms: number) => {
    const base = Date.now();
    const w = new Worker(
      'const { workerData: d } = require("node:worker_threads"); const f = new Int32Array(d.buf); setTimeout(() => { Atomics.store(f, 1, Date.now() - d.base); Atomics.store(f, 0, 1); }, ' + ms + ');',
      { eval: true, workerData: { buf: flag.buffer, base } },
    );
    onTestFinished(() => void w.terminate());
    return { lateness: () => Date.now() - base - Atomics.load(flag, 1) };
  };
  return { rt, run, msgs, flag, interruptIn };
}

const reply = (ms: FromKernel[]) => ms.find((m) => m.type === 'execute_reply') as Extract<FromKernel, { type: 'execute_reply' }>;
const error = (ms: FromKernel[]) => ms.find((m) => m.type === 'error') as Extract<FromKernel, { type: 'error' }> | undefined;
const value = (ms: FromKernel[]) => (ms.find((m) => m.type === 'execute_result') as Extract<FromKernel, { type: 'execute_result' }> | undefined)?.data['text/plain'];

describe('interrupts that keep state', () => {
  const loops: [string, string][] = [
    ['while (true) {}', 'while (true) {}'],
    ['for (;;) x++', 'for (;;) icX++;'],
    // strip-mined (transpile-loops.ts): the check runs once per strip of iterations
    ['a long counted loop over an array', 'const icA = [1, 2, 3];\nfor (let i = 0; i < 1e15; i++) icX += icA[i % 3];'],
    ['do-while', 'do { icX++ } while (icX > -1);'],
    ['a loop in a function', 'function spin() { let i = 0; for (;;) i++; }\nspin();'],
    ['deep recursion', 'const fib = (n) => (n < 2 ? n : fib(n - 1) + fib(n - 2));\nfib(60);'],
    ['console flood', 'for (;;) console.log("x");'],
    ['an arrow in a method chain', '[1, 2, 3].map(() => { while (true) icX++; });'],
  ];
  for (const [name, code] of loops) {
    it(`stops ${name} and keeps the variables`, async () => {
      const k = kernel();
      await k.run('const icKeep = 42;\nlet icX = 0;');
      const t = k.interruptIn(50);
      const ms = await k.run(code);
      const late = t.lateness();
      expect(reply(ms).status).toBe('interrupted');
      expect(error(ms)?.ename).toBe('KeyboardInterrupt');
      if (process.env.SHOW_LATE) process.stderr.write(`${name}: ${Math.round(late)} ms\n`);
      expect(late).toBeLessThan(2000); // generous: a loaded machine; the e2e spec measures the 250 ms
      k.rt.interrupt(); // the interrupt message arrives after the flag and clears it
      expect(value(await k.run('icKeep + 1'))).toBe('43');
    });
  }

  it('infinite recursion is a RangeError like any other error; the kernel goes on', async () => {
    const k = kernel();
    await k.run('const icKept = "kept";');
    const ms = await k.run('function down(n) { return down(n + 1) + 1; }\ndown(0);');
    expect(reply(ms).status).toBe('error');
    expect(error(ms)).toMatchObject({ ename: 'RangeError', evalue: 'Maximum call stack size exceeded' });
    expect(value(await k.run('icKept'))).toBe("'kept'");
  });

  it('an interrupt stops the timers cells started, and later cells are quiet', async () => {
    const k = kernel();
    await k.run('let ticks = 0;\nsetInterval(() => { ticks++; print("tick"); }, 5);\nsetTimeout(() => print("late"), 200);');
    await new Promise((r) => setTimeout(r, 60));
    k.rt.interrupt();
    const after = await k.run('ticks');
    const n = Number(value(after));
    expect(n).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(Number(value(await k.run('ticks')))).toBe(n);
    expect(k.msgs.some((m) => m.type === 'stream' && m.text.includes('late'))).toBe(false);
    expect(k.msgs.some((m) => m.type === 'stream' && m.name === 'stderr' && /stopped 2 timers/.test(m.text))).toBe(true);
  });

  it('a cell can still clear its own timers, and timers left alone keep running until an interrupt', async () => {
    const k = kernel();
    await k.run('let icN = 0;\nconst h = setInterval(() => icN++, 2);\nawait new Promise((r) => setTimeout(r, 30));\nclearInterval(h);');
    const n = Number(value(await k.run('icN')));
    await new Promise((r) => setTimeout(r, 30));
    expect(Number(value(await k.run('icN')))).toBe(n);
  });
});

describe('recursion tracebacks', () => {
  it('print a repeated frame once, with a count, as Python does', async () => {
    const msgs: FromKernel[] = [];
    const rt = new KernelRuntime({ engine: fakeEngineTyped, post: (m) => msgs.push(m) });
    onTestFinished(() => rt.dispose());
    await rt.run({ type: 'execute', id: 'r1', cellId: 'c1', code: 'function down(n) {\n  return down(n + 1) + 1;\n}\ndown(0);', executionCount: 1 });
    const err = msgs.find((m) => m.type === 'error') as Extract<FromKernel, { type: 'error' }>;
    expect(err.ename).toBe('RangeError');
    const tb = err.traceback.join('\n');
    // (the stack keeps the innermost 50 frames: the cell's own line is beyond them)
    expect(tb).toMatch(/ {2}Cell \[1\], line 2, in down\n {4}return down\(n \+ 1\) \+ 1;\n {2}\[Previous line repeated \d+ more times\]\n/);
    expect(err.traceback.at(-1)).toBe('RangeError: Maximum call stack size exceeded');
    expect(err.traceback.length).toBeLessThan(12);
  });
});
