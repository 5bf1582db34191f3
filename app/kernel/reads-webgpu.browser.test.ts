// PyTorch-style synchronous reads (`loss.item()`, `t.tolist()`, `t.cpu()`, `t.numpy()`,
// `model.to('cpu')`) in notebook cells with the kernel on WebGPU, in headless Chromium
// (SwiftShader without a GPU): the transpiler awaits the readbacks in async contexts, sync
// functions get an error that says what to do; and `t.to('cpu')` outside cells.
import { beforeAll, describe, expect, it } from 'vitest';
import * as engine from '../../engine/index';
import { cellKernel } from './test-kernel';
import type { FromKernel } from '../protocol/messages';

const torch = engine.torch as any;
const g = globalThis as any;

function kernel() {
  const k = cellKernel();
  const run = async (code: string) => {
    const out = await k.exec(code);
    const err = out.find((m) => m.type === 'error') as Extract<FromKernel, { type: 'error' }> | undefined;
    return { out, err, text: out.map((m) => (m.type === 'stream' ? m.text : m.type === 'execute_result' ? m.data['text/plain'] : '')).join('') };
  };
  return { rt: k.rt, run, msgs: k.msgs };
}

describe('reads of WebGPU tensors in cells', () => {
  const k = kernel();
  let available = false;
  beforeAll(async () => {
    available = await torch.webgpu.init();
    expect(available, `WebGPU adapter: ${torch.webgpu.unavailable_reason()}`).toBe(true);
    await k.rt.setDevice('webgpu');
    expect(k.msgs.filter((m) => m.type === 'status').at(-1)).toMatchObject({ backend: 'webgpu', webgpu: { available: true } });
  });

  it('item, tolist, numpy, cpu and to("cpu") read back without await', async () => {
    const r = await k.run(
      'const rt = torch.tensor([1.5, 2.5]);\nconst rc = rt.cpu();\nconst rto = rt.to("cpu");\nconst rv = [String(rt.device), String(rc.device), rt.sum().item(), rt.tolist(), Array.from(rt.numpy()), Array.from(rt.data()), rto.cpu_tolist(), (rt * 2).max().item()];',
    );
    expect(r.err).toBeUndefined();
    expect(g.rv).toEqual(['webgpu:0', 'cpu', 4, [1.5, 2.5], [1.5, 2.5], [1.5, 2.5], [1.5, 2.5], 5]);
    expect(g.rc.cpu_tolist()).toEqual([1.5, 2.5]);
  });

  it('a training loop sums loss.item() as PyTorch code does, with the same losses as on the CPU', async () => {
    const code = (dev: string) =>
      `torch.manual_seed(0);\nconst lx = torch.linspace(-1, 1, 32, {device: '${dev}'}).unsqueeze(1);\nconst ly = lx * 3 - 1;\nconst lm = nn.Linear(1, 1).to('${dev}');\nconst lo = optim.SGD(lm.parameters(), {lr: 0.1});\nconst losses = [];\nfor (let i = 0; i < 5; i++) {\n  const loss = ((lm(lx) - ly) ** 2).mean();\n  lo.zero_grad(); loss.backward(); lo.step();\n  losses.push(loss.item());\n}\nconst total = losses.reduce((a, b) => a + b, 0);`;
    expect((await k.run(code('cpu'))).err).toBeUndefined();
    const cpu = [...g.losses];
    const r = await k.run(code('webgpu'));
    expect(r.err).toBeUndefined();
    expect(String(g.lm.weight.device)).toBe('webgpu:0');
    expect(g.losses.every((v: unknown) => typeof v === 'number')).toBe(true);
    for (let i = 0; i < 5; i++) expect(g.losses[i]).toBeCloseTo(cpu[i], 4); // float32 on both; GPU sums in another order
    expect(g.total).toBeCloseTo(cpu.reduce((a: number, b: number) => a + b, 0), 3);
  });

  it('async functions are awaited for; a sync function gets an error that says what to do', async () => {
    expect((await k.run('async function twice(t) { return t.item() * 2; }\nconst tw = await twice(torch.ones(1));')).err).toBeUndefined();
    expect(g.tw).toBe(2);
    const r = await k.run('function once(t) { return t.item(); }\nonce(torch.ones(1))');
    expect(r.err?.ename).toBe('TypeError');
    expect(r.err?.evalue).toMatch(/t\.item\(\) of a webgpu:0 tensor is a GPU readback.*not async.*Declare the function `async`/);
    expect(r.err?.traceback.join('\n')).toContain('line 1');
    // on the CPU the same sync function works
    expect((await k.run('const once_cpu = once(torch.ones(1, {device: "cpu"}));')).err).toBeUndefined();
    expect(g.once_cpu).toBe(1);
  });

  it('model.to("cpu") moves a WebGPU module back; autograd flows through t.cpu()', async () => {
    const r = await k.run('const mm = nn.Linear(2, 1);\nconst before = String(mm.weight.device);\nmm.to("cpu");\nconst after = [String(mm.weight.device), String(mm.bias.device), mm(torch.ones(1, 2, {device: "cpu"})).shape[1]];');
    expect(r.err).toBeUndefined();
    expect(g.before).toBe('webgpu:0');
    expect(g.after).toEqual(['cpu', 'cpu', 1]);
    const r2 = await k.run('const ga = torch.ones(2, {requires_grad: true});\nconst gb = (ga * 3).cpu().sum();\ngb.backward();\nconst gr = [String(gb.device), String(ga.grad.device), ga.grad.tolist()];');
    expect(r2.err).toBeUndefined();
    expect(g.gr).toEqual(['cpu', 'webgpu:0', [3, 3]]);
  });

  it('mixing devices in one op is an error, as in PyTorch; prints show the device', async () => {
    const r = await k.run('torch.ones(2) + torch.ones(2, {device: "cpu"})');
    expect(r.err?.ename).toBe('RuntimeError');
    expect(r.err?.evalue).toMatch(/Expected all tensors to be on the same device, but found at least two devices, (webgpu:0 and cpu|cpu and webgpu:0)/);
    await k.rt.setDevice('cpu');
    const p = await k.run('print(torch.tensor([1.0, 2.0]).to("webgpu"));\nconst pw = torch.ones(1).to("webgpu");\npw');
    expect(p.text).toBe("tensor([1., 2.], device='webgpu:0')\ntensor([1.], device='webgpu:0')");
    await k.rt.setDevice('webgpu');
  });
});

describe('t.to("cpu") of a WebGPU tensor outside cells', () => {
  it('is a Promise of the CPU copy; used as a tensor it explains itself', async () => {
    expect(await torch.webgpu.init()).toBe(true);
    const gt = torch.tensor([1, 2, 3], { device: 'webgpu' });
    const p = gt.to('cpu');
    expect(p).toBeInstanceOf(Promise);
    expect(() => p.add(1)).toThrow(/GPU readback, which is asynchronous in the browser.*Await it/);
    const c = await p;
    expect(String(c.device)).toBe('cpu');
    expect(c.cpu_tolist()).toEqual([1, 2, 3]);
    const d = await gt.to({ device: 'cpu', dtype: torch.float64 });
    expect([String(d.device), String(d.dtype), d.cpu_tolist()]).toEqual(['cpu', 'torch.float64', [1, 2, 3]]);
    // awaiting a CPU tensor is harmless: `await t.cpu()` works on every device
    expect(await c.cpu()).toBe(c);
  });
});
