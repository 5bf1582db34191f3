// How each golden op case is called: op name → (torch, inputs, args, kwargs) → result.
// The same table as OPS in scripts/golden/ops.py, so a case means the same call on both sides.
// One missing engine function fails only the cases that use it (MissingOp names it).
import { call, withKw, type Dyn } from './harness';
import { EXTRA_OPS } from './ops_extra_table';
import { MORE_OPS } from './ops_more_table';
import { T_OPS } from './ops_t_table';

export type OpFn = (torch: Dyn, xs: Dyn[], args: unknown[], kwargs: Record<string, unknown>) => Dyn;

/** `x.name(...args, kwargs)` */
const method = (name: string): OpFn => (_t, xs, a, k) => call(xs[0], 'Tensor', name, withKw(a, k));
/** `torch.name(...inputs, ...args, kwargs)` */
const fn = (name: string): OpFn => (t, xs, a, k) => call(t, 'torch', name, withKw([...xs, ...a], k));

interface Step {
  op: string;
  args?: unknown[];
  kwargs?: Record<string, unknown>;
}

export const OPS: Record<string, OpFn> = {
  ...MORE_OPS,
  ...EXTRA_OPS,
  ...T_OPS,
  ...Object.fromEntries(
    ['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'where', 'matmul', 'mm', 'bmm',
      'softmax', 'log_softmax', 'neg', 'abs', 'exp', 'log', 'sqrt', 'rsqrt', 'tanh', 'sigmoid', 'relu', 'sin', 'cos', 'clamp'].map((n) => [n, fn(n)]),
  ),
  pow_scalar_base: (t, xs, a) => call(t, 'torch', 'pow', [a[0], xs[0]]),
  ...Object.fromEntries(
    ['sum', 'mean', 'max', 'min', 'argmax', 'argmin', 'var', 'std', 'prod', 'view', 'reshape', 'transpose', 'permute', 't',
      'unsqueeze', 'squeeze', 'expand', 'flatten', 'narrow', 'select', 'contiguous', 'split', 'chunk', 'gather', 'index_select',
      'masked_fill', 'clone'].map((n) => [n, method(n)]),
  ),
  cat: (t, xs, a, k) => call(t, 'torch', 'cat', withKw([xs, ...a], k)),
  stack: (t, xs, a, k) => call(t, 'torch', 'stack', withKw([xs, ...a], k)),
  index: (_t, xs, a) => call(xs[0], 'Tensor', 'index', a),
  index_put_: (_t, xs, a, k) => call(call(xs[0], 'Tensor', 'clone', []), 'Tensor', 'index_put_', withKw([a[0], xs[1]], k)),
  matmul_nt: (t, xs) => call(t, 'torch', 'matmul', [xs[0], call(xs[1], 'Tensor', 'transpose', [-1, -2])]),
  where_scalar_other: (t, xs, a) => call(t, 'torch', 'where', [xs[0], xs[1], a[0]]),
  where_scalar_self: (t, xs, a) => call(t, 'torch', 'where', [xs[0], a[0], xs[1]]),
  // in-place ops run on a clone, so the input stays a leaf and gradients flow through the clone
  ...Object.fromEntries(
    ['add_', 'sub_', 'mul_', 'div_', 'copy_', 'clamp_', 'zero_', 'fill_', 'masked_fill_'].map((n) => [
      n,
      ((_t, xs, a, k) => call(call(xs[0], 'Tensor', 'clone', []), 'Tensor', n, withKw([...xs.slice(1), ...a], k))) as OpFn,
    ]),
  ),
  // an in-place op on a view writes through to its base (PyTorch's CopySlices)
  inplace_on_view: (_t, xs) => {
    const b = call(xs[0], 'Tensor', 'clone', []);
    call(call(b, 'Tensor', 'narrow', [1, 0, 2]), 'Tensor', 'mul_', [2]);
    return b;
  },
  chain: (t, xs, a) => {
    let cur = xs[0];
    for (const step of a[0] as Step[]) {
      const f = OPS[step.op];
      if (!f) throw new Error(`no table entry for chain step ${step.op}`);
      cur = f(t, [cur], step.args ?? [], step.kwargs ?? {});
    }
    return cur;
  },
};
