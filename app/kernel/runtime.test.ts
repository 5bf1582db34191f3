// End to end without a browser: execute cells in the runtime and check the messages it posts.
import { describe, expect, it, onTestFinished } from 'vitest';
import { KernelRuntime } from './runtime';
import { fakeEngine, FakeTensor } from './test-engine';
import { isFromKernel, type FromKernel } from '../protocol/messages';
import { MIME } from '../protocol/outputs';

type Msg = FromKernel;

function kernel(opts: { flag?: Int32Array } = {}) {
  const msgs: Msg[] = [];
  const rt = new KernelRuntime({ engine: fakeEngine, post: (m) => msgs.push(m), interruptFlag: opts.flag, console });
  onTestFinished(() => rt.dispose());
  let n = 0;
  /** Execute a cell; resolves with its messages once `execute_reply` arrives. */
  const run = (code: string) =>
    new Promise<Msg[]>((resolve) => {
      const id = `r${++n}`;
      const from = msgs.length;
      rt.handle({ type: 'execute', id, cellId: `c${n}`, code, executionCount: n });
      const poll = () => {
        const mine = msgs.slice(from).filter((m) => 'id' in m && m.id === id);
        if (mine.some((m) => m.type === 'execute_reply')) resolve(mine);
        else setTimeout(poll, 2);
      };
      poll();
    });
  return { rt, msgs, run };
}

const reply = (ms: Msg[]) => ms.find((m) => m.type === 'execute_reply') as Extract<Msg, { type: 'execute_reply' }>;
const stdout = (ms: Msg[]) =>
  ms
    .filter((m): m is Extract<Msg, { type: 'stream' }> => m.type === 'stream' && m.name === 'stdout')
    .map((m) => m.text)
    .join('');
const result = (ms: Msg[]) => ms.find((m) => m.type === 'execute_result') as Extract<Msg, { type: 'execute_result' }> | undefined;
const error = (ms: Msg[]) => ms.find((m) => m.type === 'error') as Extract<Msg, { type: 'error' }> | undefined;

describe('KernelRuntime', () => {
  it('shares one scope across cells, re-runs const cells, and shows the last value', async () => {
    const k = kernel();
    expect(reply(await k.run('const rtA = 2;\nlet rtB = rtA * 3;')).status).toBe('ok');
    const r = await k.run('rtB + 1');
    expect(result(r)?.data['text/plain']).toBe('7');
    expect(reply(await k.run('const rtA = 10;')).status).toBe('ok');
    expect(result(await k.run('rtA'))?.data['text/plain']).toBe('10');
    expect(result(await k.run('function rtF(x: number): number { return x * rtA }\nclass RtC { v = 3 }'))).toBeUndefined();
    expect(result(await k.run('rtF(2) + new RtC().v'))?.data['text/plain']).toBe('23');
    for (const m of k.msgs) expect(isFromKernel(m)).toBe(true);
  });

  it('runs top-level await and keeps print order around async displays', async () => {
    const k = kernel();
    const ms = await k.run('print("a", 1, [1, 2], {x: "y"});\nconst rtT = torch.tensor([1, 2]);\ndisplay(rtT);\nprint("after");\nawait new Promise(r => setTimeout(r, 5));\n"done"');
    const kinds = ms.map((m) => m.type).filter((t) => t !== 'status');
    expect(kinds).toEqual(['stream', 'display', 'stream', 'execute_result', 'execute_reply']);
    expect(stdout(ms)).toBe("a 1 [ 1, 2 ] { x: 'y' }\nafter\n");
    const d = ms.find((m) => m.type === 'display') as Extract<Msg, { type: 'display' }>;
    expect(d.data['text/plain']).toBe('tensor([1., 2.])');
    expect(d.data[MIME.tensor]).toMatchObject({ shape: [2], dtype: 'float32', device: 'cpu', min: 1, max: 2, mean: 1.5, values: [1, 2] });
  });

  it('rewrites tensor operators and keeps number arithmetic', async () => {
    const k = kernel();
    await k.run('const rw = torch.tensor([1, 2]);\nconst rt_u = torch.tensor([3, 4]);\nconst rb = 0.5;');
    expect(result(await k.run('rw * rt_u + rb'))?.data['text/plain']).toBe('tensor([3.5, 8.5])');
    expect(result(await k.run('-rw'))?.data['text/plain']).toBe('tensor([-1., -2.])');
    expect(result(await k.run('rw ** 2 - 1'))?.data['text/plain']).toBe('tensor([0., 3.])');
    expect(result(await k.run('2 / rw'))?.data['text/plain']).toBe('tensor([2., 1.])');
    expect(result(await k.run('1 - rw'))?.data['text/plain']).toBe('tensor([0., -1.])');
    expect(result(await k.run('7 % 3 + 2 ** 3 * -1'))?.data['text/plain']).toBe('-7');
    expect(result(await k.run('"loss " + rw'))?.data['text/plain']).toBe("'loss tensor([1., 2.])'");
    // Compound assignment on a tensor is in place, as in PyTorch.
    await k.run('const rkeep = rw;\nrw -= 0.5 * rw;');
    expect(result(await k.run('rkeep === rw && String(rw)'))?.data['text/plain']).toBe("'tensor([0.5, 1.])'");
    expect(result(await k.run('let rs = 0;\nfor (const i of range(4)) rs += i;\nrs'))?.data['text/plain']).toBe('6');
  });

  it('resolves torch imports to the engine', async () => {
    const k = kernel();
    const ms = await k.run('import * as torch from "torch";\nimport { nn } from "torch";\nimport { Linear } from "torch.nn";\nnn.Linear === Linear && torch.nn === nn && typeof torch.tensor');
    expect(result(ms)?.data['text/plain']).toBe("'function'");
    const bad = await k.run('import x from "numpy"');
    expect(error(bad)?.ename).toBe('ModuleNotFoundError');
  });

  it('reports errors at the cell line and column', async () => {
    const k = kernel();
    const ms = await k.run('const ok = 1;\n\nconst bad: any = null;\nbad.foo;');
    const e = error(ms)!;
    expect(reply(ms).status).toBe('error');
    expect(e.ename).toBe('TypeError');
    expect(e.line).toBe(4);
    expect(e.column).toBe(5);
    expect(e.traceback.join('\n')).toContain('Cell [1], line 4');
    const syn = error(await k.run('const a = 1;\nconst = 2;'))!;
    expect(syn.ename).toBe('SyntaxError');
    expect(syn.evalue).toBe('Unexpected token');
    expect(syn.line).toBe(2);
    expect(syn.traceback[0]).toBe('  Cell [2], line 2');
    const unclosed = error(await k.run('while (true) {\n  x++;\n}\n}'))!;
    expect(unclosed).toMatchObject({ ename: 'SyntaxError', evalue: 'Unexpected token', line: 4, column: 1 });
  });

  it('maps frames in functions from earlier cells', async () => {
    const k = kernel();
    await k.run('function rtBoom(x: number) {\n  if (x > 1) throw new Error("too big: " + x);\n  return x;\n}');
    const e = error(await k.run('const y = 1;\nrtBoom(5);'))!;
    expect(e.evalue).toBe('too big: 5');
    expect(e.line).toBe(2);
    const tb = e.traceback.join('\n');
    expect(tb).toMatch(/Cell \[2\], line 2, in <cell>[\s\S]*Cell \[1\], line 2, in rtBoom/);
  });

  it('displays modules and parameter lists with vendor MIME types', async () => {
    const k = kernel();
    await k.run('const rmodel = new nn.Sequential(new nn.Linear(1, 8), new nn.Linear(8, 1));');
    const m = result(await k.run('rmodel'))!.data[MIME.module] as { class: string; total_params: number; children: { name: string; extra_repr: string; params: number }[] };
    expect(m.class).toBe('Sequential');
    expect(m.total_params).toBe(8 + 8 + 8 + 1);
    expect(m.children[0]).toMatchObject({ name: '0', extra_repr: 'in_features=1, out_features=8, bias=True', params: 16 });
    const p = result(await k.run('rmodel.named_parameters()'))!.data[MIME.params] as { rows: { name: string }[]; total: { numel: number } };
    expect(p.rows.map((r) => r.name)).toEqual(['0.weight', '0.bias', '1.weight', '1.bias']);
    expect(p.total.numel).toBe(25);
  });

  it('display ids update in place', async () => {
    const k = kernel();
    const ms = await k.run('const h = display(1, {display_id: "x"});\nupdate_display(2, {display_id: "x"});\nh.update(3);');
    const kinds = ms.filter((m) => m.type === 'display' || m.type === 'update_display');
    expect(kinds.map((m) => [m.type, (m as { display_id?: string }).display_id, (m as { data: Record<string, unknown> }).data['text/plain']])).toEqual([
      ['display', 'x', '1'],
      ['update_display', 'x', '2'],
      ['update_display', 'x', '3'],
    ]);
  });

  it('captures console and batches a flood of prints', async () => {
    const k = kernel();
    const ms = await k.run('console.warn("careful");\nfor (const i of range(20000)) print(i);');
    const streams = ms.filter((m) => m.type === 'stream');
    expect(streams.length).toBeLessThan(50);
    expect(stdout(ms).split('\n').length).toBe(20001);
    expect(ms.some((m) => m.type === 'stream' && m.name === 'stderr' && m.text === 'careful\n')).toBe(true);
    const big = await k.run('for (const i of range(300000)) print("0123456789");');
    expect(stdout(big)).toContain('output truncated');
    expect(stdout(big).length).toBeLessThan(1_100_000);
  });

  it('interrupts cooperatively through the shared flag and keeps state', async () => {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const k = kernel({ flag });
    // The kernel frame sets the flag from another thread; here the cell itself plays that part.
    (globalThis as Record<string, unknown>).rtFlag = flag;
    await k.run('const rtKeep = 42;');
    const ms = await k.run('let n = 0;\nwhile (true) { await null; n++; if (n === 100) Atomics.store(rtFlag, 0, 1); }');
    expect(reply(ms).status).toBe('interrupted');
    expect(error(ms)?.ename).toBe('KeyboardInterrupt');
    k.rt.interrupt(); // the interrupt message arrives and clears the flag
    expect(result(await k.run('rtKeep + n'))?.data['text/plain']).toBe('142');
    const sync = await k.run('for (const i of range(1e9)) { if (i === 10) Atomics.store(rtFlag, 0, 1); }');
    expect(reply(sync).status).toBe('interrupted');
    k.rt.interrupt();
  });

  it('interrupts a cell parked in a long await', async () => {
    const k = kernel();
    setTimeout(() => k.rt.interrupt(), 20);
    const ms = await k.run('await new Promise(r => setTimeout(r, 10000));');
    expect(reply(ms).status).toBe('interrupted');
  });

  it('lists variables for the inspector', async () => {
    const k = kernel();
    await k.run('const insT = torch.tensor([1, 2, 3], {requires_grad: true});\nconst insN = 3;\nconst insM = new nn.Linear(2, 3);');
    const vars = k.rt.inspect();
    expect(vars.find((v) => v.name === 'insT')).toMatchObject({ type: 'Tensor', shape: [3], dtype: 'float32', requires_grad: true });
    expect(vars.find((v) => v.name === 'insN')).toMatchObject({ type: 'number', summary: '3' });
    expect(vars.find((v) => v.name === 'insM')).toMatchObject({ type: 'Module(Linear)', numel: 9 });
    expect(FakeTensor).toBeDefined();
  });
});

describe('KernelRuntime and WebGPU faults', () => {
  /** A fake WebGPU namespace: a device that can be lost, a counter of queued work, pending errors. */
  function gpuKernel(opts: { reinit: boolean }) {
    const wg = {
      alive: true,
      work: 0,
      pending: null as string | null,
      inits: 0,
      is_available: () => wg.alive,
      unavailable_reason: () => (wg.alive ? null : 'the WebGPU device was lost (destroyed: test); call await torch.webgpu.init() to get a new one'),
      init: async () => {
        wg.inits++;
        if (opts.reinit) wg.alive = true;
        return wg.alive;
      },
      stats: () => ({ submits: wg.work, dispatches: 0, uploads: 0, bufferAllocations: 0, bufferReuses: 0 }),
      synchronize: async () => {
        const e = wg.pending;
        wg.pending = null;
        if (e) throw new Error(`WebGPU error in an earlier operation: ${e}`);
      },
    };
    const devices: string[] = [];
    const torch = { ...fakeEngine.torch, webgpu: wg, set_default_device: (d: string) => void devices.push(d) };
    const msgs: Msg[] = [];
    const rt = new KernelRuntime({ engine: { ...fakeEngine, torch }, post: (m) => msgs.push(m), console });
    onTestFinished(() => rt.dispose());
    let n = 0;
    const run = async (code: string) => {
      const id = `g${++n}`;
      const from = msgs.length;
      await rt.run({ type: 'execute', id, cellId: `c${n}`, code, executionCount: n });
      return msgs.slice(from);
    };
    (globalThis as any).__fakeGpu = wg;
    onTestFinished(() => {
      delete (globalThis as any).__fakeGpu;
    });
    return { rt, wg, msgs, run, devices };
  }
  const stderr = (ms: Msg[]) => ms.filter((m): m is Extract<Msg, { type: 'stream' }> => m.type === 'stream' && m.name === 'stderr').map((m) => m.text).join('');
  const lastStatus = (ms: Msg[]) => ms.filter((m): m is Extract<Msg, { type: 'status' }> => m.type === 'status').at(-1)!;

  it('shows a GPU error (out of memory) in the cell that queued the work', async () => {
    const k = gpuKernel({ reinit: true });
    await k.rt.setDevice('webgpu');
    const ms = await k.run('__fakeGpu.work++;\n__fakeGpu.pending = "out of GPU memory allocating a 1024 MiB tensor buffer";');
    expect(reply(ms).status).toBe('error');
    expect(error(ms)?.evalue).toMatch(/out of GPU memory allocating a 1024 MiB tensor buffer/);
    // a cell that queues no GPU work does not wait for the device
    expect(reply(await k.run('__fakeGpu.pending = "late"; 1')).status).toBe('ok');
  });

  it('recovers onto a new device after a loss and says so in the cell and the status', async () => {
    const k = gpuKernel({ reinit: true });
    await k.rt.setDevice('webgpu');
    const ms = await k.run('__fakeGpu.alive = false;');
    expect(stderr(ms)).toMatch(/^The WebGPU device was lost \(destroyed: test\)\. The kernel recovered onto a new WebGPU device; tensors and models that lived on the old one are gone/);
    expect(k.wg.inits).toBe(1);
    expect(lastStatus(k.msgs)).toMatchObject({ backend: 'webgpu', webgpu: { available: true } });
  });

  it('falls back to the CPU when no new device can be had, and says so', async () => {
    const k = gpuKernel({ reinit: false });
    await k.rt.setDevice('webgpu');
    expect(lastStatus(k.msgs)).toMatchObject({ backend: 'webgpu' });
    const ms = await k.run('__fakeGpu.alive = false;');
    expect(stderr(ms)).toMatch(/No new WebGPU device could be created \(.*lost.*\), so the kernel fell back to the CPU/);
    expect(k.devices.at(-1)).toBe('cpu');
    expect(lastStatus(k.msgs)).toMatchObject({ backend: 'cpu', webgpu: { available: false, reason: expect.stringMatching(/lost/) } });
    // later cells run on the CPU without further messages
    expect(stderr(await k.run('1 + 1'))).toBe('');
  });
});
