// The WebGPU backend in whole models, in headless Chromium: modules moved between devices,
// gradients, 100 SGD steps against the CPU losses, and steady-state buffer allocations.
import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../tensor';
import { expectClose, T, TOL, useWebGPU } from './gpu-compare';

useWebGPU();

describe('modules', () => {
  it("model.to('webgpu') moves parameters, gradients and buffers in place; model.to('cpu') is a Promise of the same module back on the CPU", async () => {
    T.manual_seed(0);
    const model = new T.nn.Sequential(new T.nn.Linear(3, 4), new T.nn.BatchNorm1d(4), new T.nn.Tanh());
    const weight = model[0].weight;
    const before = Array.from(weight.cpu_data() as Float32Array);
    expect(model.to('webgpu')).toBe(model);
    expect(model[0].weight).toBe(weight); // the same Parameter object, now on the GPU
    expect(String(weight.device)).toBe('webgpu:0');
    model(T.randn([5, 3]).to('webgpu')).sum().backward();
    expect(String(weight.grad.device)).toBe('webgpu:0');
    const back = model.to('cpu');
    expect(back).toBeInstanceOf(Promise);
    expect(await back).toBe(model);
    expect(model[0].weight).toBe(weight);
    for (const [name, t] of [...model.named_parameters(), ...model.named_buffers()]) expect(String(t.device), name).toBe('cpu');
    expect(String(weight.grad.device)).toBe('cpu');
    expect(Array.from(weight.cpu_data() as Float32Array)).toEqual(before);
    expect(Number(model[1].num_batches_tracked.cpu_item())).toBe(1);
    expect(model.to('cpu')).toBe(model); // nothing left to read back: synchronous again
  });
  it('BatchNorm with momentum=None (a cumulative average) keeps its running stats on the GPU as on the CPU', async () => {
    T.manual_seed(1);
    const xs = [0, 1, 2].map(() => T.randn([6, 3]));
    const run = (dev: string) => {
      const bn = new T.nn.BatchNorm1d(3, { momentum: null }).to(dev);
      for (const x of xs) bn(x.to(dev));
      return bn;
    };
    const cpu = run('cpu'), g = run('webgpu');
    await expectClose(g.running_mean, cpu.running_mean, TOL.reduction, 'running_mean');
    await expectClose(g.running_var, cpu.running_var, TOL.reduction, 'running_var');
    expect(await g.num_batches_tracked.item()).toBe(3);
  });
});

describe('autograd on webgpu', () => {
  it('gives the CPU gradients', async () => {
    T.manual_seed(3);
    const x0 = T.randn([4, 5]), w0 = T.randn([5, 3]), b0 = T.randn([3]);
    const run = (dev: string) => {
      const x = x0.to(dev).detach().requires_grad_(), w = w0.to(dev).detach().requires_grad_(), b = b0.to(dev).detach().requires_grad_();
      const y = x.matmul(w).add(b).tanh().mul(x.sum(1, { keepdim: true }).sigmoid());
      const loss = y.pow(2).mean().add(y.amax(1).sum());
      loss.backward();
      return [loss, x.grad, w.grad, b.grad] as Tensor[];
    };
    const [c, g] = [run('cpu'), run('webgpu')];
    for (let i = 0; i < c.length; i++) await expectClose(g[i], c[i], TOL.gradients, `grad ${i}`);
  });
});

describe('training', () => {
  it('the 1→8 Tanh→1 seed model gives the CPU losses for 100 SGD steps', async () => {
    const t_c = T.tensor([0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0]).unsqueeze(1);
    const t_u = T.tensor([35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4]).unsqueeze(1).mul(0.1);
    T.manual_seed(42);
    const init = { w1: T.randn([8, 1]).mul(0.5), b1: T.randn([8]).mul(0.1), w2: T.randn([1, 8]).mul(0.5), b2: T.randn([1]).mul(0.1) };
    const train = async (dev: string) => {
      const p = Object.fromEntries(Object.entries(init).map(([k, v]) => [k, (v as Tensor).clone().to(dev).detach().requires_grad_()])) as Record<string, Tensor>;
      const x = t_u.to(dev), y = t_c.to(dev);
      const losses: Tensor[] = [];
      for (let step = 0; step < 100; step++) {
        // tidy frees the step's intermediates promptly, so their GPU buffers return to the pool
        const loss = T.tidy(() => {
          const h = x.matmul(p.w1.t()).add(p.b1).tanh();
          const out = h.matmul(p.w2.t()).add(p.b2);
          const l = out.sub(y).pow(2).mean();
          for (const v of Object.values(p)) {
            v.grad?.dispose(); // optional: returns the old gradient's buffer to the pool now, not at the next GC
            v.grad = null;
          }
          l.backward();
          T.no_grad(() => { for (const v of Object.values(p)) v.sub_(v.grad!.mul(1e-3)); });
          return l.detach();
        });
        losses.push(loss);
        if (dev === 'webgpu' && step === 10) T.webgpu.reset_stats();
      }
      return Promise.all(losses.map((l) => l.item()));
    };
    const cpu = await train('cpu');
    const gpuLosses = await train('webgpu');
    const s = T.webgpu.stats();
    for (let i = 0; i < 100; i++) expect(Math.abs((gpuLosses[i] as number) - (cpu[i] as number))).toBeLessThanOrEqual(TOL.training.rtol * Math.abs(cpu[i] as number) + TOL.training.atol);
    // steady state: everything comes from the pool except the kept losses (one 1-element buffer per step)
    expect(s.bufferAllocations / 89).toBeLessThanOrEqual(2);
    expect(s.bufferReuses).toBeGreaterThan(s.bufferAllocations * 3);
    expect(s.submits).toBeLessThan(s.dispatches / 10);
  });
});

describe('a CNN', () => {
  // The MNIST lesson's network and optimizer (notebooks/mnist-cnn.ipynb): two Conv2d → ReLU →
  // MaxPool2d blocks, Linear, cross_entropy, Adam. e2e/tutorials-webgpu.spec.ts runs the whole
  // lesson on WebGPU only with E2E_WEBGPU_ALL=1 (minutes on SwiftShader); this is its training
  // step on the GPU against the CPU, in seconds.
  it('the MNIST lesson CNN gives the CPU losses and weights for 5 Adam steps on batches of 16', async () => {
    T.manual_seed(7);
    const xs = [0, 1, 2, 3, 4].map(() => T.rand([16, 1, 28, 28]));
    const ys = [0, 1, 2, 3, 4].map(() => T.randint(0, 10, [16]));
    const init = (() => {
      T.manual_seed(11);
      return { c1: new T.nn.Conv2d(1, 8, 3, { padding: 1 }), c2: new T.nn.Conv2d(8, 16, 3, { padding: 1 }), fc: new T.nn.Linear(16 * 7 * 7, 10) };
    })();
    const train = async (dev: string) => {
      const c1 = new T.nn.Conv2d(1, 8, 3, { padding: 1 }), c2 = new T.nn.Conv2d(8, 16, 3, { padding: 1 }), fc = new T.nn.Linear(16 * 7 * 7, 10);
      const model = new T.nn.Sequential(c1, new T.nn.ReLU(), new T.nn.MaxPool2d(2), c2, new T.nn.ReLU(), new T.nn.MaxPool2d(2), new T.nn.Flatten(), fc);
      model.load_state_dict(new T.nn.Sequential(init.c1, new T.nn.ReLU(), new T.nn.MaxPool2d(2), init.c2, new T.nn.ReLU(), new T.nn.MaxPool2d(2), new T.nn.Flatten(), init.fc).state_dict());
      model.to(dev);
      const opt = new T.optim.Adam(model.parameters(), { lr: 2e-3 });
      const losses: Tensor[] = [];
      for (let step = 0; step < xs.length; step++) {
        opt.zero_grad();
        const loss = T.nn.functional.cross_entropy(model(xs[step].to(dev)), ys[step].to(dev));
        loss.backward();
        opt.step();
        losses.push(loss.detach());
      }
      return { losses: await Promise.all(losses.map((l) => l.item())), params: model.parameters() };
    };
    const cpu = await train('cpu');
    const gpu = await train('webgpu');
    for (let i = 0; i < cpu.losses.length; i++) expect(Math.abs((gpu.losses[i] as number) - (cpu.losses[i] as number))).toBeLessThanOrEqual(TOL.training.rtol * Math.abs(cpu.losses[i] as number) + TOL.training.atol);
    expect(cpu.losses[4]).not.toBe(cpu.losses[0]); // it trained
    for (let i = 0; i < cpu.params.length; i++) await expectClose(gpu.params[i], cpu.params[i], TOL.training, `parameter ${i}`);
  });
});

describe('steady-state allocations', () => {
  it('an nn.Linear/optim.SGD loop with zero_grad({set_to_none: false}) allocates no buffers per step', async () => {
    T.manual_seed(3);
    const model = new T.nn.Sequential(new T.nn.Linear(32, 16), new T.nn.ReLU(), new T.nn.Linear(16, 4)).to('webgpu');
    const opt = T.optim.SGD(model.parameters(), { lr: 0.01, momentum: 0.9 });
    const x = T.randn([8, 32]).to('webgpu'), y = T.randn([8, 4]).to('webgpu');
    const step = () =>
      T.tidy(() => {
        opt.zero_grad({ set_to_none: false }); // gradients zeroed in place; backward accumulates into them
        T.nn.functional.mse_loss(model(x), y).backward();
        opt.step();
      });
    for (let i = 0; i < 3; i++) step();
    await T.webgpu.synchronize();
    T.webgpu.reset_stats();
    for (let i = 0; i < 20; i++) step();
    const s = T.webgpu.stats();
    expect(s.bufferAllocations).toBe(0);
    expect(s.bufferReuses).toBeGreaterThan(20 * 10);
    const loss = await T.nn.functional.mse_loss(model(x), y).item();
    expect(Number.isFinite(loss)).toBe(true);
  });
});
