// torch.autograd.Function (custom forward/backward pairs) and torch.autograd.functional's jacobian
// and hessian, built on the tape in autograd.ts.
import { grad, needsGrad, record, withGradMode } from './autograd';
import { NotImplementedError, RuntimeError } from './errors';
import { Tensor } from './tensor';
import { stack } from './ops/join';
import { zeros_like } from './ops/creation';

/** The `ctx` a custom Function's `forward` and `backward` share. */
export class FunctionCtx {
  _saved: Tensor[] = [];
  _freed = false;
  /** Per input of `apply`: whether it is a tensor that requires grad. */
  needs_input_grad: boolean[] = [];
  /** Keeps tensors for `backward` (read them back as `ctx.saved_tensors`). */
  save_for_backward(...tensors: (Tensor | null)[]): void {
    this._saved = tensors as Tensor[];
  }
  get saved_tensors(): Tensor[] {
    if (this._freed)
      throw new RuntimeError('Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.');
    return this._saved;
  }
  mark_non_differentiable(): void {
    throw new NotImplementedError('ctx.mark_non_differentiable is not supported in Torchlit');
  }
  mark_dirty(): void {
    throw new NotImplementedError('ctx.mark_dirty is not supported in Torchlit (return a new tensor from forward)');
  }
}

/**
 * PyTorch's `torch.autograd.Function`: subclass it with static `forward(ctx, ...inputs)` and
 * `backward(ctx, ...grad_outputs)` (one gradient per input of forward, null for a non-tensor) and
 * call `.apply(...)`. `forward` runs without recording; the output's grad_fn is `<Name>Backward`.
 * One output tensor per Function.
 * @example
 * class Cube extends torch.autograd.Function {
 *   static forward(ctx, x) { ctx.save_for_backward(x); return x.pow(3); }
 *   static backward(ctx, g) { const [x] = ctx.saved_tensors; return g.mul(x.pow(2)).mul(3); }
 * }
 * const y = Cube.apply(x)
 */
export class Function {
  static forward(_ctx: FunctionCtx, ..._args: any[]): Tensor {
    throw new NotImplementedError('You must implement the forward function for custom autograd.Function.');
  }
  static backward(_ctx: FunctionCtx, ..._grads: Tensor[]): Tensor | (Tensor | null)[] | null {
    throw new NotImplementedError('You must implement either the backward or vjp method for your custom autograd.Function to use it with backward mode AD.');
  }
  /**
   * `MyFn.apply(...inputs)`. A getter, so that the tutorial's `const P3 = LegendrePolynomial3.apply; P3(x)`
   * keeps its class (a plain static method loses `this` when taken off the class).
   */
  static get apply(): (...args: any[]) => any {
    return (...args: any[]) => applyFunction(this, args);
  }
}

function applyFunction(fn: typeof Function, args: any[]): any {
  const ctx = new FunctionCtx();
  ctx.needs_input_grad = args.map((a) => a instanceof Tensor && a.requires_grad);
  let out: unknown = withGradMode(false, () => fn.forward(ctx, ...args));
  const tensorAt = args.map((a, i) => (a instanceof Tensor ? i : -1)).filter((i) => i >= 0);
  const inputs = tensorAt.map((i) => args[i] as Tensor);
  if (!needsGrad(...inputs)) return out;
  if (!(out instanceof Tensor)) throw new NotImplementedError('a custom autograd.Function whose forward returns several outputs (or a non-tensor) is not supported in Torchlit');
  // an input returned as is: PyTorch returns a view of it carrying the Function's node
  if (inputs.includes(out)) out = withGradMode(false, () => (out as Tensor).view_as(out as Tensor));
  const name = `${fn.name}Backward`;
  const recorded = record(out as Tensor, name, inputs, (g) => {
    const r = fn.backward(ctx, g);
    const rs = Array.isArray(r) ? r : [r];
    if (rs.length !== args.length) throw new RuntimeError(`function ${name} returned an incorrect number of gradients (expected ${args.length}, got ${rs.length})`);
    return tensorAt.map((i, k) => checkedGrad(name, k, rs[i], args[i] as Tensor));
  }, ctx._saved);
  // the learner's backward may keep the gradient it is given (`ctx.g = grad`): never recycled
  if (recorded.grad_fn) recorded.grad_fn._userCode = true;
  return recorded;
}

/** Python's type name of a value a backward returned where a tensor belongs. */
function pyTypeName(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'list';
  return (v as object)?.constructor?.name ?? typeof v;
}

/**
 * One gradient a custom backward returned, checked as PyTorch's validate_outputs does: a tensor or
 * null, of the input's shape, or of a shape the input's broadcasts to (summed back to it: a
 * `[2, 2]` gradient of a `[2]` input was stored as x.grad of shape [2, 2], silently), cast to the
 * input's dtype.
 */
function checkedGrad(name: string, index: number, g: unknown, input: Tensor): Tensor | null {
  if (g === null || g === undefined) return null;
  if (!(g instanceof Tensor)) throw new RuntimeError(`expected Variable or None (got ${pyTypeName(g)})`);
  let r = g;
  const want = input.shape, got = g.shape;
  if (!want.equals(got)) {
    const lead = got.length - want.length;
    if (lead < 0 || !want.every((d, j) => d === got[lead + j] || d === 1))
      throw new RuntimeError(`Function ${name} returned an invalid gradient at index ${index} - got [${got.join(', ')}] but expected shape compatible with [${want.join(', ')}]`);
    r = r.sum_to_size([...want]);
  }
  return r.dtype === input.dtype ? r : r.to(input.dtype);
}

type Inputs = Tensor | Tensor[];
type JacOpts = { create_graph?: boolean; strict?: boolean; vectorize?: boolean; strategy?: string };

/**
 * `torch.autograd.functional.jacobian(func, inputs)`: d func(inputs) / d inputs, shaped
 * `[...output.shape, ...input.shape]` (a list per input when `inputs` is a list).
 * @example torch.autograd.functional.jacobian((x) => x.pow(2), torch.tensor([1.0, 2.0])) // diag(2, 4)
 */
export function jacobian(func: (...xs: Tensor[]) => Tensor, inputs: Inputs, opts: JacOpts = {}): Tensor | Tensor[] {
  for (const k of Object.keys(opts)) if (!['create_graph', 'strict', 'vectorize', 'strategy'].includes(k)) throw new TypeError(`jacobian() got an unexpected keyword argument '${k}'`);
  const many = Array.isArray(inputs);
  const xs = (many ? inputs : [inputs]).map((x) => withGradMode(true, () => (opts.create_graph && x.requires_grad ? x.view_as(x) : x.detach().requires_grad_(true))));
  const y = withGradMode(true, () => func(...xs));
  if (!(y instanceof Tensor)) throw new NotImplementedError('jacobian of a function with several outputs is not supported in Torchlit');
  const flat = y.reshape(-1);
  const rows: Tensor[][] = xs.map(() => []);
  for (let i = 0; i < flat.numel(); i++) {
    const gs = y.requires_grad
      ? grad([flat.select(0, i)], xs, null, { retain_graph: true, create_graph: !!opts.create_graph, allow_unused: true })
      : xs.map(() => null);
    gs.forEach((g, k) => rows[k].push(g ?? zeros_like(xs[k])));
  }
  const out = xs.map((x, k) => {
    const j = rows[k].length ? stack(rows[k]) : zeros_like(x).reshape(0, ...x.shape);
    const r = j.reshape(...y.shape, ...x.shape);
    return opts.create_graph ? r : r.detach();
  });
  return many ? out : out[0];
}

/**
 * `torch.autograd.functional.hessian(func, inputs)`: the second derivatives of a scalar function,
 * shaped `[...input.shape, ...input.shape]`.
 * @example torch.autograd.functional.hessian((x) => x.pow(3).sum(), torch.tensor([1.0, 2.0])) // diag(6, 12)
 */
export function hessian(func: (...xs: Tensor[]) => Tensor, inputs: Inputs, opts: JacOpts = {}): Tensor | Tensor[] | Tensor[][] {
  const many = Array.isArray(inputs);
  const inner = (...xs: Tensor[]) => {
    const y = func(...xs);
    if (y.numel() !== 1) throw new RuntimeError('The Tensor returned by the function given to hessian should contain a single element');
    const gs = grad([y.reshape([])], xs, null, { create_graph: true, allow_unused: true });
    return gs.map((g, k) => g ?? zeros_like(xs[k]));
  };
  if (!many) return jacobian((x) => inner(x)[0], inputs, opts);
  const xs = inputs as Tensor[];
  return xs.map((_, a) => xs.map((_x, b) => jacobian((xb) => inner(...xs.map((x, k) => (k === b ? xb : x.detach())))[a], xs[b], opts) as Tensor));
}

type VOpts = { create_graph?: boolean; strict?: boolean };
const listOf = (x: Inputs): Tensor[] => (Array.isArray(x) ? x : [x]);
function prepare(inputs: Inputs, create_graph?: boolean): Tensor[] {
  return listOf(inputs).map((x) => withGradMode(true, () => (create_graph && x.requires_grad ? x.view_as(x) : x.detach().requires_grad_(true))));
}
function shaped(many: boolean, ts: Tensor[], create_graph?: boolean): Tensor | Tensor[] {
  const out = ts.map((t) => (create_graph ? t : t.detach()));
  return many ? out : out[0];
}
function scalarOrV(out: Tensor, v: Tensor | null | undefined): Tensor {
  if (v != null) return v;
  if (out.numel() !== 1) throw new RuntimeError('The vector v can only be None if the user-provided function returns a single Tensor with a single element.');
  return out._onesLike();
}

/**
 * `torch.autograd.functional.vjp(func, inputs, v)`: `[func(inputs), vᵀ·J]` (v may be left out for a scalar output).
 * @example const [y, g] = torch.autograd.functional.vjp((x) => x.pow(2), x, torch.ones(3))
 */
export function vjp(func: (...xs: Tensor[]) => Tensor, inputs: Inputs, v?: Tensor | null, opts: VOpts = {}): [Tensor, Tensor | Tensor[]] {
  const xs = prepare(inputs, opts.create_graph);
  const y = withGradMode(true, () => func(...xs));
  const gs = y.requires_grad ? grad([y], xs, [scalarOrV(y, v)], { create_graph: !!opts.create_graph, allow_unused: true }) : xs.map(() => null);
  return [opts.create_graph ? y : y.detach(), shaped(Array.isArray(inputs), gs.map((g, k) => g ?? zeros_like(xs[k])), opts.create_graph)];
}

/**
 * `torch.autograd.functional.jvp(func, inputs, v)`: `[func(inputs), J·v]`, by the double-vjp trick
 * (so func must be twice differentiable in Torchlit: elementwise ops, reductions, matmul, slicing).
 * @example const [y, t] = torch.autograd.functional.jvp((x) => x.pow(2), x, torch.ones(3))
 */
export function jvp(func: (...xs: Tensor[]) => Tensor, inputs: Inputs, v?: Tensor | Tensor[] | null, opts: VOpts = {}): [Tensor, Tensor] {
  const xs = prepare(inputs, opts.create_graph);
  const y = withGradMode(true, () => func(...xs));
  const vs = v == null ? xs.map((x) => { if (x.numel() !== 1) throw new RuntimeError('The vector v can only be None if the input to the user-provided function is a single Tensor with a single element.'); return x._onesLike(); }) : listOf(v);
  if (!y.requires_grad) return [y.detach(), zeros_like(y)];
  const u = withGradMode(true, () => zeros_like(y).requires_grad_(true));
  const gs = grad([y], xs, [u], { create_graph: true, allow_unused: true });
  const used = gs.map((g, k) => [g, vs[k]] as const).filter(([g]) => g && g.requires_grad);
  if (!used.length) return [y.detach(), zeros_like(y)];
  const [t] = grad(used.map(([g]) => g!), [u], used.map(([, w]) => w), { create_graph: !!opts.create_graph, allow_unused: true });
  return [opts.create_graph ? y : y.detach(), (t ?? zeros_like(y)).detach()];
}

/** `torch.autograd.functional.vhp(func, inputs, v)`: `[func(inputs), vᵀ·H]` for a scalar func. */
export function vhp(func: (...xs: Tensor[]) => Tensor, inputs: Inputs, v?: Tensor | Tensor[] | null, opts: VOpts = {}, name = 'vhp'): [Tensor, Tensor | Tensor[]] {
  const xs = prepare(inputs, true);
  const y = withGradMode(true, () => func(...xs));
  if (y.numel() !== 1) throw new RuntimeError(`The Tensor returned by the function given to ${name} should contain a single element`);
  const vs = v == null ? xs.map((x) => x._onesLike()) : listOf(v);
  const gs = grad([y.reshape([])], xs, null, { create_graph: true, allow_unused: true });
  const used = gs.map((g, k) => [g, vs[k]] as const).filter(([g]) => g && g.requires_grad);
  const hs = used.length ? grad(used.map(([g]) => g!), xs, used.map(([, w]) => w), { create_graph: !!opts.create_graph, allow_unused: true }) : xs.map(() => null);
  return [y.detach(), shaped(Array.isArray(inputs), hs.map((h, k) => h ?? zeros_like(xs[k])), opts.create_graph)];
}

/** `torch.autograd.functional.hvp(func, inputs, v)`: `[func(inputs), H·v]` (H is symmetric: vhp's numbers). */
export function hvp(func: (...xs: Tensor[]) => Tensor, inputs: Inputs, v?: Tensor | Tensor[] | null, opts: VOpts = {}): [Tensor, Tensor | Tensor[]] {
  return vhp(func, inputs, v, opts, 'hvp');
}
