// Printed forms against PyTorch 1.13's repr() (golden/print.json, from scripts/golden/printing.py):
// tensors of every dtype, scientific mode, summarised and wrapped tensors, grad_fn names,
// Parameters and torch.Size. Printing is backend-free once values are read back, so this runs on CPU.
import { describe, expect, it } from 'vitest';
import golden from './golden/print.json';
import { call, makeTensor, MissingOp, nn, T, type Dyn, type Encoded } from './harness';

interface PrintCase {
  id: string;
  op: string;
  tensor: Encoded;
  requires_grad: boolean;
  expect: string;
  /** Set where current PyTorch (2.x) prints differently from 1.13; the engine follows 2.x (docs/conventions.md). */
  expect_current?: string;
}

const m = (name: string, ...args: unknown[]) => (t: Dyn) => call(t, 'Tensor', name, args);

/** The same table as OPS in scripts/golden/printing.py. */
const OPS: Record<string, (t: Dyn) => Dyn> = {
  tensor: (t) => t,
  parameter: (t) => {
    if (!nn?.Parameter) throw new MissingOp('nn.Parameter');
    return nn.Parameter(t);
  },
  size: (t) => t.shape,
  add_self: (t) => call(t, 'Tensor', 'add', [t]),
  add_scalar: m('add', 2),
  sub_scalar: m('sub', 1),
  mul_scalar: m('mul', 2),
  mul_self: (t) => call(t, 'Tensor', 'mul', [t]),
  div_scalar: m('div', 4),
  pow2: m('pow', 2),
  neg: m('neg'),
  exp: m('exp'),
  tanh: m('tanh'),
  sigmoid: m('sigmoid'),
  relu: m('relu'),
  sum: m('sum'),
  sum_dim0: m('sum', 0),
  mean: m('mean'),
  max: m('max'),
  mm_t: (t) => call(t, 'Tensor', 'mm', [call(t, 'Tensor', 't', [])]),
  matmul_t: (t) => call(t, 'Tensor', 'matmul', [call(t, 'Tensor', 't', [])]),
  view_flat: m('view', -1),
  reshape_flat: m('reshape', -1),
  t: m('t'),
  unsqueeze0: m('unsqueeze', 0),
  select0: m('index', 0),
  slice01: (t) => call(t, 'Tensor', 'index', [call(T, 'torch', 'slice', [0, 1])]),
  clone: m('clone'),
  softmax1: m('softmax', 1),
  log_softmax1: m('log_softmax', 1),
  detach_add: (t) => call(call(t, 'Tensor', 'detach', []), 'Tensor', 'add', [1]),
};

describe('printing vs PyTorch repr()', () => {
  for (const c of golden.cases as unknown as PrintCase[]) {
    it(c.id, () => {
      const op = OPS[c.op];
      if (!op) throw new Error(`no table entry for print op '${c.op}'`);
      const t = makeTensor(c.tensor, { requires_grad: c.requires_grad });
      expect(String(op(t))).toBe(c.expect_current ?? c.expect);
    });
  }
});
