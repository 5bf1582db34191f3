// Family r2 (twins of scripts/golden/lessons_r2.py): autograd mechanics (retain_grad, hooks, grad with
// create_graph, a gradient penalty, retain_graph, grad modes, detach_, next_functions, jacobian/hessian).
// The NLP programs (char-RNN, nn.RNN/GRU, N-gram embeddings) are in lessons_r2_nlp.ts.
import golden from './golden/lessons_r2.json';
import { torch, nn } from '../index';
import type { Tensor } from '../tensor';
import { err, fixturesOf, type Lesson } from './lessons_io';

export const { I, SD } = fixturesOf(golden, 'golden/lessons_r2.json');
const f32 = { dtype: torch.float32 };

type Fn = { name(): string; next_functions: [Fn | null, number][] } | null;
/** grad_fn.next_functions as nested [name, [...]] lists (null for an input outside the graph). */
function names(fn: Fn): unknown {
  if (fn === null) return null;
  return [fn.name().replace('torch::autograd::', ''), (fn.next_functions ?? []).map(([f]) => names(f))];
}

export const AUTOGRAD: Record<string, Lesson> = {
  ag_retain_grad_and_hooks() {
    const x = I('x3').requires_grad_();
    let y = x.mul(2);
    y.retain_grad();
    const z = y.mul(y).sum();
    z.backward();
    const out: Record<string, unknown> = {
      y_grad: y.grad, x_grad: x.grad!.clone(), y_leaf: y.is_leaf, x_leaf: x.is_leaf, retains: y.retains_grad, x_retains: x.retains_grad,
    };
    x.grad = null;
    const h = x.register_hook((grad) => grad.mul(2));
    const seen: Tensor[] = [];
    y = x.mul(3);
    y.register_hook((grad) => seen.push(grad.clone()) as never);
    y.pow(2).sum().backward();
    Object.assign(out, { hooked: x.grad!.clone(), seen });
    h.remove();
    x.grad = null;
    x.mul(3).sum().backward();
    out.after_remove = x.grad;
    const w = torch.tensor([1.0, -2.0], { requires_grad: true });
    const v = w.mul(w);
    v.register_hook((g) => g.mul(torch.tensor([10.0, 0.0], f32)));
    v.sum().backward();
    out.nonleaf_hook = w.grad;
    out.hook_no_grad = err(() => torch.ones(2).register_hook((g) => g));
    out.retain_no_grad = err(() => torch.ones(2).retain_grad());
    return out;
  },

  ag_grad_create_graph() {
    const x = torch.tensor([1.0, 2.0, 3.0], { requires_grad: true });
    const y = x.pow(3).sum();
    const [g] = torch.autograd.grad(y, x, { create_graph: true }) as Tensor[];
    const [g2] = torch.autograd.grad(g.sum(), x) as Tensor[];
    const s = torch.tensor(2.0, { requires_grad: true, dtype: torch.float32 });
    const f = s.pow(4).add(torch.sin(s));
    const [d1] = torch.autograd.grad(f, s, { create_graph: true }) as Tensor[];
    const [d2] = torch.autograd.grad(d1, s, { create_graph: true }) as Tensor[];
    const [d3] = torch.autograd.grad(d2, s) as Tensor[];
    const a = torch.tensor([1.0, 2.0], { requires_grad: true });
    const b = torch.tensor([3.0, 4.0], { requires_grad: true });
    const [ga, gb] = torch.autograd.grad(a.mul(b).sum(), [a, b]) as Tensor[];
    const c = torch.tensor([1.0], { requires_grad: true });
    const y2 = x.mul(x).sum();
    torch.autograd.grad(y2, x);
    const fn = torch.autograd.functional;
    return {
      g, g_fn: g.grad_fn!.name(), g2, d1, d2, d3, ga, gb, x_grad_untouched: x.grad,
      unused: err(() => torch.autograd.grad(a.mul(2).sum(), [a, c])), allow_unused: torch.autograd.grad(a.mul(2).sum(), [a, c], { allow_unused: true }),
      non_scalar: err(() => torch.autograd.grad(a.mul(2), a)),
      grad_outputs: (torch.autograd.grad(a.mul(b), a, { grad_outputs: torch.tensor([1.0, 0.5], f32) }) as Tensor[])[0],
      twice: err(() => torch.autograd.grad(y2, x)),
      jacobian: fn.jacobian((t: Tensor) => t.pow(2).mul(torch.tensor([1.0, 3.0], f32)), torch.tensor([1.0, 2.0], f32)),
      jac_two: fn.jacobian((p: Tensor, q: Tensor) => p.mul(q).sum(0), [torch.tensor([[1.0, 2.0]], f32), torch.tensor([3.0, 4.0], f32)]),
      hessian: fn.hessian((t: Tensor) => t.pow(3).sum().add(t.index(0).mul(t.index(1))), torch.tensor([1.0, 2.0], f32)),
    };
  },

  ag_gradient_penalty() {
    const D = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 1));
    D.load_state_dict(SD('critic'));
    const [real, fake, alpha] = [I('real'), I('fake'), I('alpha')];
    const interpolates = alpha.mul(real).add(torch.rsub(alpha, 1).mul(fake)).requires_grad_(true);
    const d_interpolates = D(interpolates);
    const gradients = (torch.autograd.grad({
      outputs: d_interpolates, inputs: interpolates, grad_outputs: torch.ones_like(d_interpolates), create_graph: true, retain_graph: true, only_inputs: true,
    }) as Tensor[])[0];
    const gradient_penalty = gradients.norm(2, { dim: 1 }).sub(1).pow(2).mean();
    const loss = D(fake).mean().sub(D(real).mean()).add(gradient_penalty.mul(10));
    loss.backward();
    const l0 = D[0] as nn.Linear;
    return {
      gradients, gradients_fn: gradients.grad_fn!.name(), norms: gradients.norm(2, { dim: 1 }), gp: gradient_penalty, loss, w0_grad: l0.weight.grad,
      b0_grad: l0.bias!.grad, w2_grad: (D[2] as nn.Linear).weight.grad, interp_grad: interpolates.grad,
    };
  },

  ag_modes_and_flags() {
    const x = torch.tensor([1.0, 2.0], { requires_grad: true });
    const z = x.mul(x);
    const s = z.sum();
    s.backward({ retain_graph: true });
    const first = x.grad!.clone();
    s.backward();
    const out: Record<string, unknown> = { first, accumulated: x.grad!.clone(), third: err(() => s.backward()) };
    x.grad!.data.zero_();
    out.zeroed = x.grad;
    let a!: Tensor, b!: Tensor, c!: Tensor;
    torch.no_grad(() => {
      a = x.mul(2);
      b = torch.enable_grad(() => x.mul(2));
      c = x.mul(2);
    });
    Object.assign(out, { no_grad_rg: a.requires_grad, enable_rg: b.requires_grad, b_fn: b.grad_fn!.name(), after_rg: c.requires_grad, is_enabled: torch.is_grad_enabled() });
    const inf = torch.inference_mode(() => x.mul(2));
    Object.assign(out, { inference_rg: inf.requires_grad, inference_fn: inf.grad_fn, inference_val: inf });
    torch.set_grad_enabled(false);
    const off = x.mul(2);
    torch.set_grad_enabled(true);
    out.set_grad_off = off.requires_grad;
    const w = torch.tensor([0.5, -0.5], { requires_grad: true });
    w.requires_grad_(false);
    const y1 = w.mul(3);
    w.requires_grad_();
    const y2 = w.mul(3);
    Object.assign(out, {
      toggled_off: y1.requires_grad, toggled_on: y2.requires_grad, nonleaf_off: err(() => y2.requires_grad_(false)),
      int_rg: err(() => torch.tensor([1, 2]).requires_grad_()),
    });
    const d = x.mul(5);
    d.detach_();
    const e = x.detach();
    Object.assign(out, {
      detach_rg: d.requires_grad, detach_leaf: d.is_leaf, detach_fn: d.grad_fn, detached: e, e_leaf: e.is_leaf, shares: e.data_ptr() === x.data_ptr(),
      const_leaf: torch.ones(2).mul(2).is_leaf, param_leaf: nn.Linear(2, 2).weight.is_leaf, nonleaf_grad: x.mul(2).grad, inplace_leaf: err(() => x.add_(1)),
      non_scalar: err(() => x.mul(2).backward()), no_grad_backward: err(() => torch.ones(2).sum().backward()),
    });
    const p = torch.tensor([2.0], { requires_grad: true, dtype: torch.float32 });
    const q = torch.tensor([3.0], { requires_grad: true, dtype: torch.float32 });
    const r = p.mul(q).add(p.exp()).sum();
    out.next_functions = names(r.grad_fn as Fn);
    out.next_const = names(p.mul(torch.ones(1)).grad_fn as Fn);
    const acc = r.grad_fn!.next_functions[0][0]!.next_functions[0][0]!.next_functions[0][0] as unknown as { variable: Tensor };
    out.acc_var = acc.variable === p;
    return out;
  },
};
