// Autograd graph edges as PyTorch 1.13's (session 11, helper hC): each case quotes the Python twin
// and what /usr/bin/python3 with torch 1.13 printed.
import { describe, expect, it } from 'vitest';
import { torch } from '../index';

const ASSERT = 'saved_for INTERNAL ASSERT FAILED at "./torch/csrc/autograd/saved_variable.cpp":146, please report a bug to PyTorch. No grad_fn for non-leaf saved tensor';

describe('detach_() keeps the edges of the nodes that already used the tensor', () => {
  it('an earlier use still passes its gradient through the old history (was x.grad None, silently)', () => {
    // x = torch.ones(2, requires_grad=True); y = x * 2; z = y * 3; y.detach_(); z.sum().backward()
    // (x.grad, y.requires_grad, y.grad_fn) -> (tensor([6., 6.]), False, None)
    const x = torch.ones(2, { requires_grad: true });
    const y = x.mul(2);
    const z = y.mul(3);
    y.detach_();
    z.sum().backward();
    expect(x.grad!.cpu_tolist()).toEqual([6, 6]);
    expect([y.requires_grad, y.grad_fn, y.is_leaf]).toEqual([false, null, true]);
    // ... w = y * 4 after detach_: (z + w).sum().backward(); x.grad -> tensor([6., 6.]), w.requires_grad False
    const x2 = torch.ones(2, { requires_grad: true });
    const y2 = x2.mul(2);
    const z2 = y2.mul(3);
    y2.detach_();
    const w2 = y2.mul(4);
    expect(w2.requires_grad).toBe(false);
    z2.add(w2).sum().backward();
    expect(x2.grad!.cpu_tolist()).toEqual([6, 6]);
  });

  it('a saved output detached in place still differentiates; reattached with requires_grad_() it is a new leaf', () => {
    // y = x.exp(); z = y * 3; y.detach_(); z.sum().backward(); x.grad -> tensor([8.1548, 8.1548])
    const x = torch.ones(2, { requires_grad: true });
    const y = x.exp();
    const z = y.mul(3);
    y.detach_();
    z.sum().backward();
    expect((x.grad!.cpu_tolist() as number[])[0]).toBeCloseTo(8.1548, 4);
    // y = x * 2; z = y * 3; y.detach_(); y.requires_grad_(); w = y * y; (z.sum() + w.sum()).backward()
    // (x.grad, y.grad) -> (tensor([6., 6.]), tensor([4., 4.]))
    const a = torch.ones(2, { requires_grad: true });
    const b = a.mul(2);
    const c = b.mul(3);
    b.detach_();
    b.requires_grad_();
    c.sum().add(b.mul(b).sum()).backward();
    expect([a.grad!.cpu_tolist(), b.grad!.cpu_tolist()]).toEqual([[6, 6], [4, 4]]);
  });

  it("a saved non-leaf input detached in place: PyTorch's unpack assertion (was x.grad None, silently)", () => {
    // y = x * 2; z = y * y; y.detach_(); z.sum().backward()
    // -> RuntimeError: saved_for INTERNAL ASSERT FAILED at ... No grad_fn for non-leaf saved tensor
    const x = torch.ones(2, { requires_grad: true });
    const y = x.mul(2);
    const z = y.mul(y);
    y.detach_();
    expect(() => z.sum().backward()).toThrow(ASSERT);
    // ... and before the version check: y.detach_(); y.mul_(2); z.sum().backward() -> the same assertion
    const x2 = torch.ones(2, { requires_grad: true });
    const y2 = x2.mul(2);
    const z2 = y2.mul(y2);
    y2.detach_();
    y2.mul_(2);
    expect(() => z2.sum().backward()).toThrow(ASSERT);
  });

  it("a view detached in place is PyTorch's error", () => {
    // y = (x * 2)[0]; y.detach_() -> RuntimeError: Can't detach views in-place. Use detach() instead. If you are using DistributedDataParallel ...
    const v = torch.ones(2, 2, { requires_grad: true }).mul(2).select(0, 0);
    expect(() => v.detach_()).toThrow("Can't detach views in-place. Use detach() instead. If you are using DistributedDataParallel (DDP) for training, and gradient_as_bucket_view is set as True");
  });
});

const MULTI = 'This view is the output of a function that returns multiple views. Such functions do not allow the output views to be modified inplace. You should replace the inplace operation by an out-of-place one.';

describe('split / chunk / unbind outputs as PyTorch', () => {
  it('output_nr and next_functions say which output; names as PyTorch', () => {
    // x = torch.arange(6.).requires_grad_(); a, b = x.split(3); (a.output_nr, b.output_nr, [n for _, n in (a + b).grad_fn.next_functions])
    // -> (0, 1, [0, 1]); x.chunk(3)[2].output_nr -> 2; x.reshape(2, 3).unbind()[1].output_nr -> 1
    const x = torch.arange(6).float().requires_grad_();
    const [a, b] = x.split(3);
    expect([a.output_nr, b.output_nr, a.add(b).grad_fn!.next_functions.map(([n, i]) => [n!.name(), i])]).toEqual([0, 1, [['SplitBackward0', 0], ['SplitBackward0', 1]]]);
    expect([x.chunk(3)[2].output_nr, x.reshape(2, 3).unbind()[1].output_nr, x.mul(2).output_nr]).toEqual([2, 1, 0]);
  });

  it('an in-place op on a view of an output is refused, naming the view (was recorded as AsStridedBackward0)', () => {
    // y = x * 1; a, b = y.split(3); a[:2].mul_(2) -> RuntimeError: Output 0 of SliceBackward0 is a view and is being modified inplace. This view is the output of …
    const y = () => torch.arange(6).float().requires_grad_().mul(1);
    expect(() => y().split(3)[0].narrow(0, 0, 2).mul_(2)).toThrow(`Output 0 of SliceBackward0 is a view and is being modified inplace. ${MULTI}`);
    // a[0].add_(1) -> Output 0 of SelectBackward0 …; a.view(3).add_(1) -> Output 0 of ViewBackward0 …
    expect(() => y().split(3)[0].select(0, 0).add_(1)).toThrow(`Output 0 of SelectBackward0 is a view and is being modified inplace. ${MULTI}`);
    expect(() => y().split(3)[0].view(3).add_(1)).toThrow(`Output 0 of ViewBackward0 is a view and is being modified inplace. ${MULTI}`);
    // y.reshape(2, 3).unbind()[0][0:1].add_(1) -> Output 0 of SliceBackward0 …
    expect(() => y().reshape(2, 3).unbind()[0].narrow(0, 0, 1).add_(1)).toThrow(`Output 0 of SliceBackward0 is a view and is being modified inplace. ${MULTI}`);
  });

  it('an output used after its base (or a sibling) was modified in place is an error (was a gradient through a remade history)', () => {
    // y = x * 1; a, b = y.split(3); y.mul_(2); (a * 1).sum().backward()
    // -> RuntimeError: Output 0 of SplitBackward0 is a view and its base or another view of its base has been modified inplace. This view is …
    const x = torch.arange(6).float().requires_grad_();
    const y = x.mul(1);
    const [a, b] = y.split(3);
    y.mul_(2);
    expect(() => a.mul(1)).toThrow(`Output 0 of SplitBackward0 is a view and its base or another view of its base has been modified inplace. ${MULTI}`);
    expect(() => b.grad_fn).toThrow('Output 1 of SplitBackward0 is a view and its base or another view of its base has been modified inplace.');
    // y[3:].mul_(2) (a sibling region) and, under no_grad, a.mul_(2) itself: a.grad_fn -> the same error
    const y2 = torch.arange(6).float().requires_grad_().mul(1);
    const [a2] = y2.split(3);
    y2.narrow(0, 3, 3).mul_(2);
    expect(() => a2.grad_fn).toThrow('Output 0 of SplitBackward0 is a view and its base or another view of its base has been modified inplace.');
    const x3 = torch.arange(6).float().requires_grad_();
    const y3 = x3.mul(1);
    const [a3] = y3.split(3);
    torch.no_grad(() => a3.mul_(2));
    expect(() => a3.grad_fn).toThrow('Output 0 of SplitBackward0 is a view and its base or another view of its base has been modified inplace.');
    // ... but the base itself still differentiates: (y * 1).sum().backward(); x.grad -> tensor([1., 1., 1., 1., 1., 1.])
    y3.mul(1).sum().backward();
    expect(x3.grad!.cpu_tolist()).toEqual([1, 1, 1, 1, 1, 1]);
  });
});

const NO_GRAD_REBASED = 'A view was created in no_grad mode and its base or another view of its base has been modified inplace with grad mode enabled. Given that this use case is ambiguous and error-prone, it is forbidden.';

describe('views made under torch.no_grad() of a tensor that requires grad', () => {
  it('require grad through their base and are leaves that collect no gradient (requires_grad was false)', () => {
    // x = torch.arange(6.).requires_grad_(); with torch.no_grad(): v = x[:3]; w = x.view(2, 3)
    // (v.requires_grad, v.grad_fn, v.is_leaf, w.requires_grad, (v*2).requires_grad) -> (True, None, True, True, True)
    const x = torch.arange(6).float().requires_grad_();
    const [v, w] = torch.no_grad(() => [x.narrow(0, 0, 3), x.view(2, 3)]);
    expect([v.requires_grad, v.grad_fn, v.is_leaf, w.requires_grad, v.mul(2).requires_grad]).toEqual([true, null, true, true, true]);
    expect(String(v)).toBe('tensor([0., 1., 2.], requires_grad=True)');
    // y = x * 2; with torch.no_grad(): u = y[:3]; (u * 3).sum().backward(); (x.grad, u.grad) -> (None, None)   (was: element 0 … does not require grad)
    const y = x.mul(2);
    const u = torch.no_grad(() => y.narrow(0, 0, 3));
    expect([u.requires_grad, u.is_leaf]).toEqual([true, true]);
    u.mul(3).sum().backward();
    expect([x.grad, u.grad]).toEqual([null, null]);
    // x.data[:3] and x.detach()[:3] under no_grad do not: False
    expect(torch.no_grad(() => [x.data.narrow(0, 0, 3).requires_grad, x.detach().narrow(0, 0, 3).requires_grad])).toEqual([false, false]);
    // a view of a plain tensor follows its base: x2 = torch.arange(6.); with no_grad: v2 = x2[:3]; x2.requires_grad_(); v2.requires_grad -> True
    const x2 = torch.arange(6).float();
    const v2 = torch.no_grad(() => x2.narrow(0, 0, 3));
    x2.requires_grad_();
    expect(v2.requires_grad).toBe(true);
  });

  it('once their memory was written in place, reading their history is an error (was requires_grad False, grad_fn None)', () => {
    // y = x * 1; with torch.no_grad(): v = y[:3]; y.mul_(2); v.grad_fn -> RuntimeError: A view was created in no_grad mode and its base … has been modified inplace …
    const x = torch.arange(6).float().requires_grad_();
    const y = x.mul(1);
    const v = torch.no_grad(() => y.narrow(0, 0, 3));
    y.mul_(2);
    expect(v.requires_grad).toBe(true);
    expect(() => v.grad_fn).toThrow(NO_GRAD_REBASED);
    expect(() => v.mul(1)).toThrow(NO_GRAD_REBASED);
    // the parameter-update pattern: with torch.no_grad(): v = w[0]; v.zero_(); s = v.sum()  -> fine (s = tensor(0.), nothing recorded) …
    const p = torch.ones(2, 3, { requires_grad: true });
    const [pv, s] = torch.no_grad(() => {
      const r = p.select(0, 0);
      r.zero_();
      return [r, r.sum()];
    });
    expect(s.cpu_item()).toBe(0);
    // … but pv.is_leaf afterwards -> the same error; p itself is unaffected
    expect(() => pv.is_leaf).toThrow(NO_GRAD_REBASED);
    expect(p.is_leaf).toBe(true);
    // through .data the view is not told: p = torch.ones(3, requires_grad=True); with no_grad: v = p.view(3); p.data.mul_(2); (v * 1).sum().backward() -> fine, p.grad None
    const q = torch.ones(3, { requires_grad: true });
    const qv = torch.no_grad(() => q.view(3));
    q.data.mul_(2);
    qv.mul(1).sum().backward();
    expect([qv.requires_grad, q.grad]).toEqual([true, null]);
  });
});

const MODIFIED = 'one of the variables needed for gradient computation has been modified by an inplace operation: ';

describe('an in-place op whose operand shares its memory, as PyTorch', () => {
  const y = () => torch.tensor([2, 3], { dtype: torch.float32, requires_grad: true }).mul(1);
  it('the operand was saved before the write, so backward refuses it (x.grad was [6., 12.] for y.mul_(y), silently)', () => {
    // x = torch.tensor([2., 3.], requires_grad=True); y = x * 1; y.mul_(y); y.sum().backward()
    // -> RuntimeError: … [torch.FloatTensor [2]], which is output 0 of MulBackward0, is at version 1; expected version 0 instead. …
    const a = y();
    a.mul_(a);
    expect(() => a.sum().backward()).toThrow(`${MODIFIED}[torch.FloatTensor [2]], which is output 0 of MulBackward0, is at version 1; expected version 0 instead.`);
    // y.div_(y) -> … output 0 of DivBackward0 …; y.pow_(y) -> … output 0 of PowBackward1 …
    const b = y();
    b.div_(b);
    expect(() => b.sum().backward()).toThrow('which is output 0 of DivBackward0, is at version 1; expected version 0');
    const c = y();
    c.pow_(c);
    expect(() => c.sum().backward()).toThrow('which is output 0 of PowBackward1, is at version 1; expected version 0');
    // z = y.view(2); y.mul_(z) -> … [torch.FloatTensor [2]], which is output 0 of AsStridedBackward0 …
    const d = y();
    d.mul_(d.view(2));
    expect(() => d.sum().backward()).toThrow(`${MODIFIED}[torch.FloatTensor [2]], which is output 0 of AsStridedBackward0, is at version 1; expected version 0 instead.`);
  });
  it('through views: v.mul_(v) and y[:1].mul_(y[1:]) (were x.grad [6., 1.] and [3., 3.])', () => {
    // v = y[:1]; v.mul_(v); y.sum().backward() -> … [torch.FloatTensor [1]], which is output 0 of AsStridedBackward0, is at version 1; expected version 0 instead.
    const a = y();
    const v = a.narrow(0, 0, 1);
    v.mul_(v);
    expect(() => a.sum().backward()).toThrow(`${MODIFIED}[torch.FloatTensor [1]], which is output 0 of AsStridedBackward0, is at version 1; expected version 0 instead.`);
    const b = y();
    b.narrow(0, 0, 1).mul_(b.narrow(0, 1, 1));
    expect(() => b.sum().backward()).toThrow(`${MODIFIED}[torch.FloatTensor [1]], which is output 0 of AsStridedBackward0, is at version 1; expected version 0 instead.`);
  });
  it('an operand overlapping part of the output is refused at once (y.mul_(y[:1]) gave tensor([4., 6.]))', () => {
    // y.mul_(y[:1]) -> RuntimeError: unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location. Please clone() the tensor before performing the operation.
    const msg = 'unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location. Please clone() the tensor before performing the operation.';
    expect(() => y().mul_(y().narrow(0, 0, 1))).not.toThrow();
    const a = y();
    expect(() => a.mul_(a.narrow(0, 0, 1))).toThrow(msg);
    // without autograd too: t = torch.arange(4.); t[1:].add_(t[:3]) -> the same error
    const t = torch.arange(4).float();
    expect(() => t.narrow(0, 1, 3).add_(t.narrow(0, 0, 3))).toThrow(msg);
    // disjoint halves and the same memory are fine: t[:2].add_(t[2:]); t.add_(t) -> tensor([4., 8., 4., 6.])
    t.narrow(0, 0, 2).add_(t.narrow(0, 2, 2));
    t.add_(t);
    expect(t.cpu_tolist()).toEqual([4, 8, 4, 6]);
  });
  it('the usual in-place updates still differentiate', () => {
    // x = [2., 3.]; w = [5., 7.] (both requiring grad); y = x * 1; y.mul_(w); y.sigmoid_(); y.sum().backward(): x.grad, w.grad as out of place
    const x = torch.tensor([2, 3], { dtype: torch.float32, requires_grad: true });
    const w = torch.tensor([5, 7], { dtype: torch.float32, requires_grad: true });
    const a = x.mul(1);
    a.mul_(w).sigmoid_();
    a.sum().backward();
    const x2 = torch.tensor([2, 3], { dtype: torch.float32, requires_grad: true });
    const w2 = torch.tensor([5, 7], { dtype: torch.float32, requires_grad: true });
    x2.mul(w2).sigmoid().sum().backward();
    expect([x.grad!.cpu_tolist(), w.grad!.cpu_tolist()]).toEqual([x2.grad!.cpu_tolist(), w2.grad!.cpu_tolist()]);
  });
});

describe("index_add_ / scatter_ / index_put_ / copy_ with a source sharing the output's memory, as PyTorch", () => {
  const OVERLAP = 'unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location. Please clone() the tensor before performing the operation.';
  it('index ops refuse any shared memory (y.index_add_(0, [1, 0], y) gave tensor([7., 5.]): it read what it had written)', () => {
    // y = x * 1; y.index_add_(0, torch.tensor([1, 0]), y) -> RuntimeError: unsupported operation: …
    const y = () => torch.tensor([2, 3], { dtype: torch.float32, requires_grad: true }).mul(1);
    const a = y();
    expect(() => a.index_add_(0, torch.tensor([1, 0]), a)).toThrow(OVERLAP);
    // y.scatter_(0, torch.tensor([1, 0]), y) and y.index_put_((torch.tensor([1, 0]),), y) -> the same error
    const b = y();
    expect(() => b.scatter_(0, torch.tensor([1, 0]), b)).toThrow(OVERLAP);
    const c = y();
    expect(() => c.index_put_([torch.tensor([1, 0])], c)).toThrow(OVERLAP);
    // x = torch.arange(4.); x.index_add_(0, torch.tensor([0]), x[1:2]) -> the same error; a copy is fine: y.index_add_(0, [1, 0], y * 1) -> tensor([5., 5.])
    const x = torch.arange(4).float();
    expect(() => x.index_add_(0, torch.tensor([0]), x.narrow(0, 1, 1))).toThrow(OVERLAP);
    const d = y();
    expect(d.index_add_(0, torch.tensor([1, 0]), d.mul(1)).cpu_tolist()).toEqual([5, 5]);
  });
  it('copy_ (and t[i] = v through a view) refuses part of the same memory, not all of it', () => {
    // x = torch.arange(4.); x[1:] = x[:-1] -> RuntimeError: unsupported operation: … (was tensor([0., 0., 1., 2.]))
    const x = torch.arange(4).float();
    expect(() => x.narrow(0, 1, 3).copy_(x.narrow(0, 0, 3))).toThrow(OVERLAP);
    expect(() => x.index_put_(['1:'], x.index(':-1'))).toThrow(OVERLAP);
    // x[:] = x -> tensor([0., 1., 2., 3.]); x = torch.arange(6.).reshape(2, 3); x[0] = x[1] -> [[3., 4., 5.], [3., 4., 5.]]
    x.index_put_([':'], x);
    expect(x.cpu_tolist()).toEqual([0, 1, 2, 3]);
    const m = torch.arange(6).float().reshape(2, 3);
    m.index_put_([0], m.select(0, 1));
    expect(m.cpu_tolist()).toEqual([[3, 4, 5], [3, 4, 5]]);
  });
});

describe('in-place view ops and views of leaves, as PyTorch', () => {
  it('unsqueeze_ / squeeze_ / t_ / transpose_ on a tensor in the graph record PyTorch\'s node (were NotImplementedError)', () => {
    // x = torch.arange(6.).reshape(2, 3).requires_grad_(); y = x * 1; y.t_(); (y * torch.arange(6.).reshape(3, 2)).sum().backward()
    // (y.shape, y.grad_fn, x.grad, y._version) -> (torch.Size([3, 2]), <TBackward1>, tensor([[0., 2., 4.], [1., 3., 5.]]), 1)
    const x = torch.arange(6).float().reshape(2, 3).requires_grad_();
    const y = x.mul(1);
    y.t_();
    y.mul(torch.arange(6).float().reshape(3, 2)).sum().backward();
    expect([y.shape, y.grad_fn!.name(), x.grad!.cpu_tolist(), y._version]).toEqual([[3, 2], 'TBackward1', [[0, 2, 4], [1, 3, 5]], 1]);
    // x3 = torch.arange(3.).reshape(1, 3, 1).requires_grad_(); y = x3 * 1; y.squeeze_() -> SqueezeBackward2; y.squeeze_(0) on a [1, 3] -> SqueezeBackward3
    const x3 = torch.arange(3).float().reshape(1, 3, 1).requires_grad_();
    const s = x3.mul(1);
    s.squeeze_();
    s.mul(torch.tensor([1, 2, 3], { dtype: torch.float32 })).sum().backward();
    expect([s.grad_fn!.name(), x3.grad!.shape, x3.grad!.cpu_tolist()]).toEqual(['SqueezeBackward2', [1, 3, 1], [[[1], [2], [3]]]]);
    expect(torch.ones(1, 3, { requires_grad: true }).mul(1).squeeze_(0).grad_fn!.name()).toBe('SqueezeBackward3');
    // y.unsqueeze_(-2) on a [2, 3] -> UnsqueezeBackward1, the gradient back in [2, 3]; y.transpose_(0, 1) -> TransposeBackward1
    const u = torch.arange(6).float().reshape(2, 3).requires_grad_();
    const uy = u.mul(1).unsqueeze_(-2);
    uy.mul(torch.arange(6).float().reshape(2, 1, 3)).sum().backward();
    expect([uy.shape, uy.grad_fn!.name(), u.grad!.cpu_tolist()]).toEqual([[2, 1, 3], 'UnsqueezeBackward1', [[0, 1, 2], [3, 4, 5]]]);
    expect(torch.ones(2, 3, { requires_grad: true }).mul(1).transpose_(0, 1).grad_fn!.name()).toBe('TransposeBackward1');
    // a leaf: torch.zeros(1, 3, requires_grad=True).squeeze_() -> RuntimeError: a leaf Variable that requires grad is being used in an in-place operation.
    expect(() => torch.zeros(1, 3, { requires_grad: true }).squeeze_()).toThrow('a leaf Variable that requires grad is being used in an in-place operation.');
    // under no_grad a leaf may: w = torch.ones(3, requires_grad=True); with no_grad: w.unsqueeze_(0) -> (torch.Size([1, 3]), True, True, 1)
    const w = torch.ones(3, { requires_grad: true });
    torch.no_grad(() => w.unsqueeze_(0));
    expect([w.shape, w.requires_grad, w.is_leaf, w._version]).toEqual([[1, 3], true, true, 1]);
  });

  it("a leaf made by reshape(...).requires_grad_() is a view of a leaf: PyTorch's error (x[0].add_(1) wrote into it, silently)", () => {
    // x = torch.arange(6.).reshape(2, 3).requires_grad_(); x[0].add_(1) / x.add_(1) / x[0].t_()
    // -> RuntimeError: a view of a leaf Variable that requires grad is being used in an in-place operation.
    const VIEW_OF_LEAF = 'a view of a leaf Variable that requires grad is being used in an in-place operation.';
    const x = torch.arange(6).float().reshape(2, 3).requires_grad_();
    expect(() => x.select(0, 0).add_(1)).toThrow(VIEW_OF_LEAF);
    expect(() => x.add_(1)).toThrow(VIEW_OF_LEAF);
    expect(() => x.select(0, 0).t_()).toThrow(VIEW_OF_LEAF);
    expect(() => x.index_put_([torch.tensor([0])], torch.tensor(1))).toThrow(VIEW_OF_LEAF);
    expect(x.cpu_tolist()).toEqual([[0, 1, 2], [3, 4, 5]]);
    // a view of a plain tensor takes a gradient in place: a = torch.zeros(3); a[:2].add_(w); a.sum().backward() -> (tensor([1., 1., 0.]), w.grad tensor([1., 1.]))
    const a = torch.zeros(3);
    const w = torch.ones(2, { requires_grad: true });
    a.narrow(0, 0, 2).add_(w);
    a.sum().backward();
    expect([a.grad_fn!.name(), w.grad!.cpu_tolist()]).toEqual(['torch::autograd::CopySlices', [1, 1]]);
  });
});

describe('addcmul_ / addcdiv_ / lerp_ in the graph, and lerp dtypes, as PyTorch', () => {
  it("name their nodes as PyTorch's (were AddBackward0); lerp_ computes as torch.lerp", () => {
    // a = torch.ones(2, requires_grad=True); b = torch.tensor([3., 5.]); c = torch.ones(2)
    // (a*1).addcmul_(b, c), (a*1).addcdiv_(b, c), (a*1).lerp_(b, c), (a*1).lerp_(b, 0.5) -> AddcmulBackward0, AddcdivBackward0, LerpBackward1, LerpBackward0
    const a = torch.ones(2, { requires_grad: true }), b = torch.tensor([3, 5], { dtype: torch.float32 }), c = torch.ones(2);
    expect([a.mul(1).addcmul_(b, c), a.mul(1).addcdiv_(b, c), a.mul(1).lerp_(b, c), a.mul(1).lerp_(b, 0.5)].map((t) => t.grad_fn!.name()))
      .toEqual(['AddcmulBackward0', 'AddcdivBackward0', 'LerpBackward1', 'LerpBackward0']);
    // y = torch.tensor([0.1, 0.7], requires_grad=True); z = y * 1; z.lerp_(torch.tensor([0.3, 0.9]), 0.25); z.sum().backward(); y.grad -> tensor([0.7500, 0.7500])
    const y = torch.tensor([0.1, 0.7], { dtype: torch.float32, requires_grad: true });
    const z = y.mul(1);
    z.lerp_(torch.tensor([0.3, 0.9], { dtype: torch.float32 }), 0.25);
    z.sum().backward();
    expect(y.grad!.cpu_tolist()).toEqual([0.75, 0.75]);
    // x = torch.tensor([0.1, 0.7]); x.lerp_(torch.tensor([0.3, 0.9]), 1); x -> exactly the end, float32 [0.3, 0.9]
    const x = torch.tensor([0.1, 0.7], { dtype: torch.float32 });
    x.lerp_(torch.tensor([0.3, 0.9], { dtype: torch.float32 }), 1);
    expect(x.cpu_tolist()).toEqual([Math.fround(0.3), Math.fround(0.9)]);
  });
  it('lerp refuses mixed and integer dtypes with PyTorch\'s errors (it promoted them, silently)', () => {
    const f32 = (v: number[]) => torch.tensor(v, { dtype: torch.float32 });
    // torch.lerp(torch.tensor([1., 2]), torch.tensor([3, 4]), 0.5) -> RuntimeError: expected dtype float for `end` but got dtype long int
    expect(() => torch.lerp(f32([1, 2]), torch.tensor([3, 4]), 0.5)).toThrow('expected dtype float for `end` but got dtype long int');
    // ... torch.tensor([3., 4], dtype=torch.float64) -> expected dtype float for `end` but got dtype double
    expect(() => torch.lerp(f32([1, 2]), torch.tensor([3, 4], { dtype: torch.float64 }), 0.5)).toThrow('expected dtype float for `end` but got dtype double');
    // torch.lerp(torch.tensor([1, 2]), torch.tensor([3, 4]), 0.5) -> "lerp_kernel_scalar" not implemented for 'Long'
    expect(() => torch.lerp(torch.tensor([1, 2]), torch.tensor([3, 4]), 0.5)).toThrow(`"lerp_kernel_scalar" not implemented for 'Long'`);
    // ... weight torch.tensor([0.5, 0.5]) -> expected dtype long int for `weight` but got dtype float
    expect(() => torch.lerp(torch.tensor([1, 2]), torch.tensor([3, 4]), f32([0.5, 0.5]))).toThrow('expected dtype long int for `weight` but got dtype float');
    expect(() => torch.tensor([1, 2]).lerp_(torch.tensor([3, 4]), 0.5)).toThrow(`"lerp_kernel_scalar" not implemented for 'Long'`);
  });
});
