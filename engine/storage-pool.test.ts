// The reuse of dead gradients' arrays (storage.ts `recycleStorage`, autograd.ts `recycleDeadGrad`):
// the same numbers with it on and off, the arrays really reused, and nothing a learner can still
// reach ever handed out again (hooks, retain_grad, custom Functions, a given gradient, autograd.grad).
import { afterEach, describe, expect, it } from 'vitest';
import { torch, nn, F } from './index';
import type { Tensor } from './tensor';
import { pooledStorageBytes, setStoragePool } from './storage';

const BIG = [4, 8, 32, 32]; // 128 KB of float32: above POOL_MIN_BYTES
const N = 4 * 8 * 32 * 32;
/** A copy of the values (compared with \`same\`: toEqual on long arrays is slow). */
const vals = (t: Tensor) => Float32Array.from(t.cpu_data() as Float32Array);
const same = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
};
const sameAll = (a: ArrayLike<number>[], b: ArrayLike<number>[]) => a.length === b.length && a.every((x, i) => same(x, b[i]));

/** A few same-sized allocations, as the next step's forward makes: they take any pooled array. */
function churn(): void {
  for (let i = 0; i < 6; i++) torch.full(BIG, 7);
}

afterEach(() => {
  setStoragePool(true);
});

function cnnSteps(steps: number) {
  torch.manual_seed(0);
  const model = nn.Sequential(nn.Conv2d(1, 8, 3, { padding: 1 }), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(8, 16, 3, { padding: 1 }), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(16 * 7 * 7, 10));
  const opt = torch.optim.SGD(model.parameters(), { lr: 0.05, momentum: 0.9 });
  const x = torch.randn(16, 1, 28, 28), y = torch.randint(0, 10, [16]);
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    opt.zero_grad();
    const loss = F.cross_entropy(model(x), y);
    loss.backward();
    opt.step();
    losses.push(loss.cpu_item() as number);
  }
  return { losses, params: [...model.parameters()].map(vals), grads: [...model.parameters()].map((p) => vals(p.grad!)) };
}

describe('reusing dead gradients’ arrays', () => {
  it('a CNN trains to the same bits with and without it, and the arrays are reused', () => {
    setStoragePool(false);
    const off = cnnSteps(4);
    setStoragePool(true);
    const on = cnnSteps(4);
    expect(on.losses).toEqual(off.losses);
    expect(sameAll(on.params, off.params)).toBe(true);
    expect(sameAll(on.grads, off.grads)).toBe(true);
    // after a backward, the activations' gradients wait in the pool …
    torch.manual_seed(1);
    const conv = nn.Conv2d(1, 8, 3, { padding: 1 });
    conv(torch.randn(4, 1, 32, 32)).relu().sum().backward();
    const kept = pooledStorageBytes();
    expect(kept).toBeGreaterThanOrEqual(N * 4);
    // … and the next allocation of that size takes one, zero-filled
    const z = torch.zeros(BIG);
    expect(pooledStorageBytes()).toBe(kept - N * 4);
    expect(z.abs().max().cpu_item()).toBe(0);
  });

  it('a gradient a hook kept, a retained gradient and a given gradient stay as they were', () => {
    const x = torch.randn(BIG, { requires_grad: true });
    const w = torch.randn(BIG, { requires_grad: true });
    const stash: Tensor[] = [];
    const h = x.mul(2);
    h.retain_grad();
    const r = h.relu();
    r.register_hook((g: Tensor) => void stash.push(g));
    const u = r.mul(w); // the same gradient flows to a leaf with a hook and on through the graph
    w.register_hook((g: Tensor) => void stash.push(g));
    const gout = torch.full(BIG, 3);
    u.backward(gout);
    const expected = stash.map(vals);
    const hGrad = vals(h.grad!);
    churn();
    expect(stash.length).toBe(2);
    expect(sameAll(stash.map(vals), expected)).toBe(true);
    expect(same(vals(h.grad!), hGrad)).toBe(true);
    expect(same(vals(gout), new Float32Array(N).fill(3))).toBe(true);
    expect(same(vals(x.grad!), vals(h.grad!.mul(2)))).toBe(true);
  });

  it('a custom autograd.Function that keeps its gradient keeps it', () => {
    const kept: Tensor[] = [];
    class Keep extends torch.autograd.Function {
      static forward(_ctx: unknown, a: Tensor) {
        return a.mul(1);
      }
      static backward(_ctx: unknown, g: Tensor) {
        kept.push(g);
        return g.mul(2);
      }
    }
    const x = torch.randn(BIG, { requires_grad: true });
    (Keep.apply(x.relu()) as Tensor).mul(5).sum().backward();
    const before = vals(kept[0]);
    churn();
    expect(same(vals(kept[0]), before)).toBe(true);
    expect(same(before, new Float32Array(N).fill(5))).toBe(true);
  });

  it('a module backward hook that keeps grad_input and grad_output keeps them', () => {
    const kept: Tensor[] = [];
    const m = nn.ReLU();
    m.register_full_backward_hook((_m, gi, go) => void kept.push(gi[0]!, go[0]!));
    const x = torch.rand(BIG, { requires_grad: true });
    m(x.mul(1)).mul(5).sum().backward();
    const before = kept.map(vals);
    churn();
    expect(sameAll(kept.map(vals), before)).toBe(true);
    expect(same(before[1], new Float32Array(N).fill(5))).toBe(true);
  });

  it('autograd.grad and create_graph recycle nothing: their results stay valid', () => {
    const x = torch.randn(BIG, { requires_grad: true });
    const y = x.mul(3).tanh().mul(2);
    const [gx] = torch.autograd.grad(y.sum(), x, { create_graph: true });
    const before = vals(gx!);
    churn();
    expect(same(vals(gx!), before)).toBe(true);
    gx!.sum().backward();
    expect(x.grad!.shape).toEqual(torch.Size(BIG));
    const a = torch.randn(BIG, { requires_grad: true });
    const [ga] = torch.autograd.grad(a.mul(2).relu().sum(), a);
    const gaBefore = vals(ga!);
    churn();
    expect(same(vals(ga!), gaBefore)).toBe(true);
  });

  it('a gradient passed on unchanged (add, views) is not freed while another node still needs it', () => {
    // ReluBackward makes a new gradient; AddBackward hands that same tensor to both MulBackward0 nodes
    const run = (pool: boolean) => {
      setStoragePool(pool);
      torch.manual_seed(3);
      const x = torch.randn(BIG, { requires_grad: true });
      x.mul(2).add(x.mul(3).view(4, -1).view(BIG)).relu().sum().backward();
      return vals(x.grad!);
    };
    const off = run(false), on = run(true);
    expect(same(on, off)).toBe(true);
  });
});
