// The engine's idle-time warm-up (warmup.ts): it runs only while the kernel is idle, after the
// first cell, and a cell never sees it: the random stream, the default dtype and the grad mode are
// as the cell left them.
import { describe, expect, it } from 'vitest';
import * as engine from '../../engine/index';
import { KernelRuntime } from './runtime';
import { EngineWarmUp } from './warmup';
import type { FromKernel } from '../protocol/messages';

const { torch } = engine;
const until = async (cond: () => boolean, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 2));
  }
};

describe('EngineWarmUp', () => {
  it('trains in slices and leaves the random stream, the default dtype and the grad mode as they were', async () => {
    torch.manual_seed(11);
    torch.rand(1);
    const state = torch.get_rng_state();
    const expected = torch.randn(4, { dtype: torch.float32 }).cpu_tolist();
    torch.set_rng_state(state);
    torch.set_default_dtype(torch.float64);
    try {
      const w = new EngineWarmUp(engine, () => true, { steps: 60, idleMs: 0, gapMs: 0, sliceMs: 2 });
      w.schedule();
      await until(() => w.finished);
      expect(w.taken).toBe(60);
      expect(torch.randn(4, { dtype: torch.float32 }).cpu_tolist()).toEqual(expected);
      expect(torch.get_default_dtype()).toBe(torch.float64);
      expect(torch.is_grad_enabled()).toBe(true);
    } finally {
      torch.set_default_dtype(torch.float32);
    }
  });

  it('waits while the kernel is busy and resumes when scheduled again', async () => {
    let idle = false;
    const w = new EngineWarmUp(engine, () => idle, { steps: 20, idleMs: 0, gapMs: 0 });
    w.schedule();
    await new Promise((r) => setTimeout(r, 30));
    expect(w.taken).toBe(0);
    idle = true;
    w.schedule();
    await until(() => w.finished);
    expect(w.taken).toBe(20);
  });

  it('ends quietly on an engine without the names it needs', async () => {
    const w = new EngineWarmUp({ torch: {} } as unknown as typeof engine, () => true, { idleMs: 0 });
    w.schedule();
    await until(() => w.finished);
    expect(w.taken).toBe(0);
  });
});

describe('the kernel with the warm-up on', () => {
  it('starts after the first cell, never runs during a cell, and the cells see their own random stream', async () => {
    const msgs: FromKernel[] = [];
    const rt = new KernelRuntime({ engine, post: (m) => msgs.push(m), warmUp: { steps: 400, idleMs: 5, gapMs: 1, sliceMs: 3 } });
    const replies = () => msgs.filter((m) => m.type === 'execute_reply').length;
    let n = 0;
    const send = (code: string) => {
      n++;
      rt.handle({ type: 'execute', id: `w${n}`, cellId: `c${n}`, code, executionCount: n });
    };
    const result = (i: number) => {
      const m = msgs.filter((x) => x.type === 'execute_result')[i] as Extract<FromKernel, { type: 'execute_result' }>;
      return m.data['text/plain'];
    };
    await new Promise((r) => setTimeout(r, 20));
    expect(rt.warmUp!.taken).toBe(0); // nothing before the first cell
    send('torch.manual_seed(5);\nconst wa = torch.rand(3);');
    await until(() => replies() === 1);
    await until(() => rt.warmUp!.taken > 0);
    // a cell that waits: the warm-up does not step while it runs
    send('const before = __warm();\nawait new Promise((r) => setTimeout(r, 60));\n__warm() - before');
    (globalThis as Record<string, unknown>).__warm = () => rt.warmUp!.taken;
    await until(() => replies() === 2);
    expect(result(0)).toBe('0');
    await until(() => rt.warmUp!.finished);
    expect(rt.warmUp!.taken).toBe(400);
    // the stream goes on where the first cell left it, as if no warm-up had run
    send('const wc = torch.rand(3);');
    await until(() => replies() === 3);
    torch.manual_seed(5);
    torch.rand(3);
    expect(((globalThis as Record<string, unknown>).wc as engine.Tensor).cpu_tolist()).toEqual(torch.rand(3).cpu_tolist());
    delete (globalThis as Record<string, unknown>).__warm;
  });
});
