// Parity of the sequence-model, generative and NLP lessons' cells with PyTorch 1.13 (session 10,
// helper hB), found by differential probing: each cell was run as its Python twin (quoted in the
// comment) with /usr/bin/python3 and torch 1.13; the expected string is what PyTorch printed.
import { describe, expect, it, vi } from 'vitest';
import { textKernel } from './test-kernel';

const cell = async (code: string) => textKernel().run(code);

describe('a node keeps the inputs it was made with (PyTorch edges): in-place ops later do not reroute it', () => {
  it('z = y * 2 before y.mul_(3): z gives 2, not 6 (was x.grad 9 instead of 5)', async () => {
    // x = torch.arange(4., requires_grad=True); y = x * 1; z = y * 2; y.mul_(3); (z.sum() + y.sum()).backward(); x.grad
    expect(await cell('const x = torch.arange(4., {requires_grad: true}); const y = x * 1; const z = y * 2; y.mul_(3); (z.sum() + y.sum()).backward(); x.grad'))
      .toBe('tensor([5., 5., 5., 5.])');
    // ... y[1:3].mul_(3) -> tensor([3., 5., 5., 3.])
    expect(await cell('const x = torch.arange(4., {requires_grad: true}); const y = x * 1; const z = y * 2; y.index(torch.slice(1, 3)).mul_(3); (z.sum() + y.sum()).backward(); x.grad'))
      .toBe('tensor([3., 5., 5., 3.])');
    // v = y[1:3]; z = v * 2; v.mul_(3) -> tensor([1., 5., 5., 1.])
    expect(await cell('const x = torch.arange(4., {requires_grad: true}); const y = x * 1; const v = y.index(torch.slice(1, 3)); const z = v * 2; v.mul_(3); (z.sum() + y.sum()).backward(); x.grad'))
      .toBe('tensor([1., 5., 5., 1.])');
    // v.lerp_(torch.zeros(2), 0.5) on the view -> x.grad tensor([   1.,    5.,   50., 1000.])
    expect(await cell(`${view} v.lerp_(torch.zeros(2), 0.5); ${weighted}`)).toBe('[ <CopySlices>, tensor([   1.,    5.,   50., 1000.]) ]');
  });

  it("a view made before an in-place write to its base takes the base's new history (AsStridedBackward0)", async () => {
    // x = torch.arange(4., requires_grad=True); b = x * 1; y = b.view(2, 2); b.mul_(3); print(y.grad_fn); y.sum().backward(); x.grad
    expect(await cell('const x = torch.arange(4., {requires_grad: true}); const b = x * 1; const y = b.view(2, 2); b.mul_(3); y.sum().backward(); [y.grad_fn, x.grad]'))
      .toBe('[ <AsStridedBackward0>, tensor([3., 3., 3., 3.]) ]');
    // y = b[1:]; b[0:2].mul_(3); y.sum().backward() -> tensor([0., 3., 1., 1.])
    expect(await cell('const x = torch.arange(4., {requires_grad: true}); const b = x * 1; const y = b.index(torch.slice(1, null)); b.index(torch.slice(0, 2)).mul_(3); y.sum().backward(); x.grad'))
      .toBe('tensor([0., 3., 1., 1.])');
    // y = b[1:]; z = y * 1; b[0:2].mul_(3); z.sum().backward() -> tensor([0., 1., 1., 1.]) (z was made before)
    expect(await cell('const x = torch.arange(4., {requires_grad: true}); const b = x * 1; const y = b.index(torch.slice(1, null)); const z = y * 1; b.index(torch.slice(0, 2)).mul_(3); z.sum().backward(); x.grad'))
      .toBe('tensor([0., 1., 1., 1.])');
  });
});

// x = torch.arange(4., requires_grad=True); y = x * 1; v = y[1:3]; <op>; (y * torch.tensor([1., 10., 100., 1000.])).sum().backward(); x.grad
const view = 'const x = torch.arange(4., {requires_grad: true}); const y = x * 1; const v = y.index(torch.slice(1, 3));';
const weighted = '(y * torch.tensor([1., 10., 100., 1000.])).sum().backward(); [y.grad_fn, x.grad]';

describe('in-place ops and the history around them, as PyTorch', () => {
  it('retain_grad() follows the tensor through an in-place op (y.grad was the old value\'s: 3 for 1)', async () => {
    // x = torch.ones(3, requires_grad=True); y = x * 2; y.retain_grad(); y.mul_(3); y.sum().backward(); (y.grad, x.grad)
    expect(await cell('const x = torch.ones(3, {requires_grad: true}); const y = x * 2; y.retain_grad(); y.mul_(3); y.sum().backward(); [y.grad, x.grad]'))
      .toBe('[ tensor([1., 1., 1.]), tensor([6., 6., 6.]) ]');
  });

  it('a view of a parameter taken before an optimizer-style no_grad update (AsStridedBackward0, same gradient)', async () => {
    // w = nn.Parameter(torch.ones(2, 2)); v = w[0]; with torch.no_grad(): w.add_(1)
    // (v * 3).sum().backward(); (v, w.grad)
    expect(await cell('const w = nn.Parameter(torch.ones(2, 2)); const v = w[0]; torch.no_grad(() => { w.add_(1); }); (v * 3).sum().backward(); [v, w.grad]'))
      .toBe('[\n  tensor([2., 2.], grad_fn=<AsStridedBackward0>),\n  tensor([[3., 3.],\n          [0., 0.]])\n]');
  });

  it('z = sigmoid(y) before ReLU(inplace=True)(y): sigmoid saved y\'s result, the relu only y\'s later uses', async () => {
    // x = torch.tensor([-1., 2.], requires_grad=True); y = x * 1; z = torch.sigmoid(y); nn.ReLU(inplace=True)(y); (z.sum() + y.sum()).backward(); x.grad
    expect(await cell('const x = torch.tensor([-1., 2.], {requires_grad: true}); const y = x * 1; const z = torch.sigmoid(y); nn.ReLU({inplace: true})(y); (z.sum() + y.sum()).backward(); x.grad'))
      .toBe('tensor([0.1966, 1.1050])');
    // z = y * y; y.add_(1); z.sum().backward(): the saved-tensor error stays
    expect(await cell('const x = torch.ones(3, {requires_grad: true}); const y = x * 2; const z = y * y; y.add_(1); z.sum().backward()'))
      .toBe('RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [3]], which is output 0 of AddBackward0, is at version 1; expected version 0 instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).');
  });

  it('writing slices of a zeros buffer from tensors in the graph (out[:, 0] = …; out[1] = …)', async () => {
    // x = torch.ones(2, 3, requires_grad=True); out = torch.zeros(2, 3); out[:, 0] = x[:, 1] * 2; out[1] = x[0] * 3; out.sum().backward(); (out, x.grad)
    expect(await cell("const x = torch.ones(2, 3, {requires_grad: true}); const out = torch.zeros(2, 3); out.index_put_([torch.slice(), 0], x.index(torch.slice(), 1) * 2); out[1] = x[0] * 3; out.sum().backward(); [out, x.grad]"))
      .toBe('[\n  tensor([[2., 0., 0.],\n          [3., 3., 3.]], grad_fn=<CopySlices>),\n  tensor([[3., 5., 3.],\n          [0., 0., 0.]])\n]');
  });
});

describe('writes into a view of a tensor in the graph make its base CopySlices (the overwritten part got gradient)', () => {
  const cases: [string, string][] = [
    ['v.copy_(torch.tensor([5., 6.]))', 'tensor([   1.,    0.,    0., 1000.])'],
    ['v.copy_(torch.tensor(5.))', 'tensor([   1.,    0.,    0., 1000.])'],
    ['v.copy_(torch.tensor([5., 6.], {requires_grad: true}))', 'tensor([   1.,    0.,    0., 1000.])'],
    ['v.masked_fill_(torch.tensor([true, false]), 9.)', 'tensor([   1.,    0.,  100., 1000.])'],
    ['v.scatter_(0, torch.tensor([1]), 9.)', 'tensor([   1.,   10.,    0., 1000.])'],
    ['v.index_fill_(0, torch.tensor([0]), 9.)', 'tensor([   1.,    0.,  100., 1000.])'],
    ['v[0] = 4.', 'tensor([   1.,    0.,  100., 1000.])'],
    ['v.index_put_([torch.tensor([1])], torch.tensor(8.))', 'tensor([   1.,   10.,    0., 1000.])'],
    ['v.index_add_(0, torch.tensor([0]), torch.ones(1))', 'tensor([   1.,   10.,  100., 1000.])'],
    ['v.uniform_(1., 1.)', 'tensor([   1.,    0.,    0., 1000.])'],
    ['v.bernoulli_(1.)', 'tensor([   1.,    0.,    0., 1000.])'],
    ['v.random_(3, 4)', 'tensor([   1.,    0.,    0., 1000.])'],
  ];
  for (const [op, grad] of cases)
    it(op, async () => {
      expect(await cell(`${view} ${op}; ${weighted}`)).toBe(`[ <CopySlices>, ${grad} ]`);
    });

  it("chained setitem t[i][j] = v on a tensor in the graph (the char-RNN's one-hot idiom, but on y)", async () => {
    // x = torch.arange(4., requires_grad=True); y = (x * 1).view(2, 2); y[1][0] = 5; y.sum().backward(); (y, x.grad)
    // (y, a view, takes its base's new history: AsStridedBackward0)
    expect(await cell('const x = torch.arange(4., {requires_grad: true}); const y = (x * 1).view(2, 2); y[1][0] = 5; y.sum().backward(); [y, x.grad]'))
      .toBe('[\n  tensor([[0., 1.],\n          [5., 3.]], grad_fn=<AsStridedBackward0>),\n  tensor([1., 1., 0., 1.])\n]');
  });

  it('copy_ into a tensor in the graph: CopyBackwards, no gradient to what it held (was the old history)', async () => {
    // x = torch.arange(4., requires_grad=True); y = x * 1; y.copy_(torch.ones(4)); y.sum().backward(); (y.grad_fn, x.grad)
    expect(await cell('const x = torch.arange(4., {requires_grad: true}); const y = x * 1; y.copy_(torch.ones(4)); y.sum().backward(); [y.grad_fn, x.grad]'))
      .toBe('[ <CopyBackwards>, tensor([0., 0., 0., 0.]) ]');
    // x[1:3].copy_(torch.ones(2)) on a leaf
    expect(await cell('const x = torch.arange(4., {requires_grad: true}); x.index(torch.slice(1, 3)).copy_(torch.ones(2))'))
      .toBe('RuntimeError: a view of a leaf Variable that requires grad is being used in an in-place operation.');
  });
});

describe('torch.where as PyTorch', () => {
  it("two scalars take result_type's dtype: where(c, 1, 0) is int64 (was float32), 1. float32, true/false bool", async () => {
    // x = torch.tensor([-1., 2.]); (torch.where(x > 0, x, 0.), torch.where(x > 0, 1, 0), torch.where(x > 0, 1., 0), torch.where(x > 0, x, 0),
    //   torch.where(x > 0, 1.0, 0.0), torch.where(x > 0, True, False), torch.where(x > 0, 2, 0.5))
    expect(await cell('const x = torch.tensor([-1., 2.]); [torch.where(x > 0, x, 0.), torch.where(x > 0, 1, 0), torch.where(x > 0, 1., 0), torch.where(x > 0, x, 0), torch.where(x > 0, 1.0, 0.0), torch.where(x > 0, true, false), torch.where(x > 0, 2, 0.5)]'))
      .toBe('[\n  tensor([0., 2.]),\n  tensor([0, 1]),\n  tensor([0., 1.]),\n  tensor([0., 2.]),\n  tensor([0., 1.]),\n  tensor([False,  True]),\n  tensor([0.5000, 2.0000])\n]');
    // torch.where(x_long > 0, x_long, 2.0) is float32 (2.x; 1.13 refused the float scalar)
    expect(await cell('const x = torch.tensor([-1, 2]); torch.where(x > 0, x, 2.0)')).toBe('tensor([2., 2.])');
  });

  it('a condition that is not bool is an error (was read as != 0); uint8 still works', async () => {
    // torch.where(torch.tensor([1, 0]), torch.tensor([1., 2.]), 0.)
    expect(await cell('torch.where(torch.tensor([1, 0]), torch.tensor([1., 2.]), 0.)'))
      .toBe('RuntimeError: where expected condition to be a boolean tensor, but got a tensor with dtype Long');
    expect(await cell('torch.where(torch.tensor([1., 0.]), 1, 0)'))
      .toBe('RuntimeError: where expected condition to be a boolean tensor, but got a tensor with dtype Float');
    // torch.where(torch.tensor([1, 0], dtype=torch.uint8), 1., 0) -> tensor([1., 0.]) (with a deprecation warning)
    expect(await cell('torch.where(torch.tensor([1, 0], {dtype: torch.uint8}), 1., 0)')).toBe('tensor([1., 0.])');
  });
});

describe('showing a result does not raise warnings PyTorch would not', () => {
  it("[out, h] with a non-leaf that requires grad: no 'non-leaf .grad' UserWarning from the display", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      // out, h = ...; (out, h) prints without a warning in Python
      expect(await cell('const x = torch.tensor([-1., 2.], {requires_grad: true}); const y = x * 2; [y, x]'))
        .toBe('[\n  tensor([-2.,  4.], grad_fn=<MulBackward0>),\n  tensor([-1.,  2.], requires_grad=True)\n]');
      expect(warn.mock.calls.filter((c) => String(c[0]).includes('not a leaf'))).toEqual([]);
    } finally {
      warn.mockRestore();
    }
  });
});

describe('split / chunk / unbind as PyTorch', () => {
  it("grad_fn names: SplitBackward0, SplitWithSizesBackward0, UnbindBackward0 (were SliceBackward0 / SelectBackward0)", async () => {
    // torch.arange(6.).requires_grad_().chunk(3)[1] -> tensor([2., 3.], grad_fn=<SplitBackward0>)
    expect(await cell('torch.arange(6.).requires_grad_().chunk(3)[1]')).toBe('tensor([2., 3.], grad_fn=<SplitBackward0>)');
    // x.split([4, 2])[1].grad_fn -> SplitWithSizesBackward0
    expect(await cell('torch.arange(6.).requires_grad_().split([4, 2])[1]')).toBe('tensor([4., 5.], grad_fn=<SplitWithSizesBackward0>)');
    // torch.arange(6.).view(2, 3).requires_grad_().unbind()[1] -> UnbindBackward0
    expect(await cell('torch.arange(6.).view(2, 3).requires_grad_().unbind()[1]')).toBe('tensor([3., 4., 5.], grad_fn=<UnbindBackward0>)');
    // gradients unchanged: x.split(2)[1] * 3 -> x.grad tensor([0., 0., 3., 3., 0., 0.])
    expect(await cell('const x = torch.arange(6.).requires_grad_(); (x.split(2)[1] * 3).sum().backward(); x.grad')).toBe('tensor([0., 0., 3., 3., 0., 0.])');
  });

  it('their outputs refuse in-place ops while recording (was a silent write through AsStridedBackward0)', async () => {
    const msg = (who: string) => `RuntimeError: Output ${who} is a view and is being modified inplace. This view is the output of a function that returns multiple views. Such functions do not allow the output views to be modified inplace. You should replace the inplace operation by an out-of-place one.`;
    // x = torch.arange(4., requires_grad=True) * 1; a, b = x.split(2); a.mul_(2)
    expect(await cell('const x = torch.arange(4., {requires_grad: true}) * 1; const [a, b] = x.split(2); a.mul_(2)')).toBe(msg('0 of SplitBackward0'));
    // x = torch.arange(4., requires_grad=True); x.split(2)[0].mul_(2): the multi-output error comes before the leaf one
    expect(await cell('const x = torch.arange(4., {requires_grad: true}); x.split(2)[0].mul_(2)')).toBe(msg('0 of SplitBackward0'));
    // y.unbind()[1].copy_(torch.tensor(1.)); y.split(2)[1].fill_(1)
    expect(await cell('const y = torch.ones(2, 2, {requires_grad: true}) * 1; y.unbind()[1].copy_(torch.tensor(1.))')).toBe(msg('1 of UnbindBackward0'));
    expect(await cell('const y = torch.ones(4, {requires_grad: true}) * 1; y.split(2)[1].fill_(1)')).toBe(msg('1 of SplitBackward0'));
    // without grad they are plain views: a, b = x.chunk(2); a.add_(10); x -> tensor([10., 11.,  2.,  3.])
    expect(await cell('const x = torch.arange(4.); const [a, b] = x.chunk(2); a.add_(10); x')).toBe('tensor([10., 11.,  2.,  3.])');
  });

  it('chunk of an empty dim gives `chunks` empty tensors (was one); unbind of a 0-d tensor is an IndexError (was [])', async () => {
    // torch.zeros(0, 3).chunk(2) -> (tensor([], size=(0, 3)), tensor([], size=(0, 3)))
    expect(await cell('torch.zeros(0, 3).chunk(2)')).toBe('[ tensor([], size=(0, 3)), tensor([], size=(0, 3)) ]');
    expect(await cell('torch.tensor(1.).unbind()')).toBe('IndexError: Dimension specified as 0 but tensor has no dimensions');
  });
});

describe("errors PyTorch raises (these ran, or said something else)", () => {
  const cases: [string, string, string][] = [
    // [python, cell, PyTorch 1.13's error]
    ["torch.tensor([False, True, True]).argmax()", 'torch.tensor([false, true, true]).argmax()', `RuntimeError: "argmax_cpu" not implemented for 'Bool'`],
    ["torch.tensor([True, False]).topk(1)", 'torch.tensor([true, false]).topk(1)', `RuntimeError: "topk_cpu" not implemented for 'Bool'`],
    ['torch.multinomial(torch.tensor([1, 2]), 1)', 'torch.multinomial(torch.tensor([1, 2]), 1)', 'RuntimeError: multinomial only supports floating-point dtypes for input, got: Long'],
    ['torch.arange(3).index_select(0, torch.tensor([[1]]))', 'torch.arange(3).index_select(0, torch.tensor([[1]]))', 'IndexError: index_select(): Index is supposed to be a vector'],
    ['torch.zeros(3, 2).scatter_(0, torch.tensor([0]), 1.)', 'torch.zeros(3, 2).scatter_(0, torch.tensor([0]), 1.)', 'RuntimeError: Index tensor must have the same number of dimensions as self tensor'],
    ['torch.zeros(3, 2).gather(0, torch.tensor([0]))', 'torch.zeros(3, 2).gather(0, torch.tensor([0]))', 'RuntimeError: Index tensor must have the same number of dimensions as input tensor'],
    ['torch.zeros(2, 3).masked_fill(torch.tensor([True, False]), 1.)', 'torch.zeros(2, 3).masked_fill(torch.tensor([true, false]), 1.)', 'RuntimeError: The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 1'],
    ['torch.zeros(2, 3).masked_fill_(torch.tensor([True, False]), 1.)', 'torch.zeros(2, 3).masked_fill_(torch.tensor([true, false]), 1.)', 'RuntimeError: The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1'],
    ['torch.zeros(3).masked_fill_(torch.ones(2, 3, dtype=torch.bool), 1.)', 'torch.zeros(3).masked_fill_(torch.ones(2, 3, {dtype: torch.bool}), 1.)', "RuntimeError: output with shape [3] doesn't match the broadcast shape [2, 3]"],
    ['nn.Unflatten(1, (5, 3))(torch.arange(24.).view(2, 12))', 'nn.Unflatten(1, [5, 3])(torch.arange(24.).view(2, 12))', "RuntimeError: unflatten: Provided sizes [5, 3] don't multiply up to the size of dim 1 (12) in the input tensor"],
    ['nn.RNN(3, 2, dropout=1.5)', 'nn.RNN(3, 2, {dropout: 1.5})', 'ValueError: dropout should be a number in range [0, 1] representing the probability of an element being zeroed'],
    ['optim.Adam([torch.zeros(1, requires_grad=True)], lr=0.1, betas=(1.0, 0.999))', 'optim.Adam([torch.zeros(1, {requires_grad: true})], {lr: 0.1, betas: [1.0, 0.999]})', 'ValueError: Invalid beta parameter at index 0: 1.0'],
  ];
  for (const [python, code, err] of cases)
    it(python, async () => {
      expect(await cell(code)).toBe(err);
    });

  it('masked_fill with a mask larger than x broadcasts x, as out of place in PyTorch (was an error)', async () => {
    // x = torch.zeros(3, requires_grad=True); y = x.masked_fill(torch.tensor([[True, False, False], [False, False, False]]), 1.); y.sum().backward(); (y, x.grad)
    expect(await cell('const x = torch.zeros(3, {requires_grad: true}); const y = x.masked_fill(torch.tensor([[true, false, false], [false, false, false]]), 1.); y.sum().backward(); [y, x.grad]'))
      .toBe('[\n  tensor([[1., 0., 0.],\n          [0., 0., 0.]], grad_fn=<MaskedFillBackward0>),\n  tensor([1., 2., 2.])\n]');
  });

  it('multinomial without replacement draws the zero-probability categories once the others are drawn (was an error)', async () => {
    // torch.multinomial(torch.tensor([0., 1., 0.]), 2) -> tensor([1, 0])
    expect(await cell('torch.multinomial(torch.tensor([0., 1., 0.]), 2)')).toBe('tensor([1, 0])');
    // all zero is still PyTorch's error
    expect(await cell('torch.multinomial(torch.tensor([0., 0.]), 1)')).toBe('RuntimeError: invalid multinomial distribution (sum of probabilities <= 0)');
  });
});

describe('Embedding(sparse=True) code runs on its dense gradient', () => {
  it('grad.to_dense() and grad.is_sparse (were "is not a function" / undefined)', async () => {
    // e = nn.Embedding(4, 2, sparse=True); e(torch.tensor([1, 1])).sum().backward(); e.weight.grad.to_dense()
    expect(await cell('const e = nn.Embedding(4, 2, {sparse: true}); e(torch.tensor([1, 1])).sum().backward(); e.weight.grad.to_dense()'))
      .toBe('tensor([[0., 0.],\n        [2., 2.],\n        [0., 0.],\n        [0., 0.]])');
    // torch.ones(2).is_sparse -> False (PyTorch's sparse gradient says True: the documented difference)
    expect(await cell('torch.ones(2).is_sparse')).toBe('false');
  });
});
