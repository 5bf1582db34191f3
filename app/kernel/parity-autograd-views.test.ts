// Autograd through in-place writes, as PyTorch 1.13 (helper hA, session 10's differential probes):
// each cell was run as its Python twin (quoted in the comment) with /usr/bin/python3 and torch
// 1.13; the expected string is what PyTorch printed (its repr, or `Class: message` for an error).
import { describe, expect, it } from 'vitest';
import { textKernel } from './test-kernel';

const cell = async (code: string) => textKernel().run(code);
const NO_GRAD_VIEW = 'RuntimeError: A view was created in no_grad mode and is being modified inplace with grad mode enabled. Given that this use case is ambiguous and error-prone, it is forbidden. You can clarify your code by moving both the view and the inplace either both inside the no_grad block (if you don\'t want the inplace to be tracked) or both outside (if you want the inplace to be tracked).';

describe('copy_ records autograd (its gradient was silently wrong)', () => {
  it('into a view of a tensor in the graph: CopySlices, the overwritten part gets no gradient', async () => {
    // x = torch.ones(2, requires_grad=True); y = x * 2; y.narrow(0, 0, 1).copy_(torch.tensor([7.])); (y * y).sum().backward(); (y, x.grad)
    // -> (tensor([7., 2.], grad_fn=<CopySlices>), tensor([0., 8.]))   (was x.grad [28., 8.])
    expect(await cell('const x = torch.ones(2, {requires_grad: true}); const y = x * 2; y.narrow(0, 0, 1).copy_(torch.tensor([7.])); (y * y).sum().backward(); [y, x.grad]'))
      .toBe('[ tensor([7., 2.], grad_fn=<CopySlices>), tensor([0., 8.]) ]');
    // ... z = torch.ones(1, requires_grad=True); y.narrow(0, 0, 1).copy_(z * 5); y.sum().backward(); (y, x.grad, z.grad)
    // -> (tensor([5., 2.], grad_fn=<CopySlices>), tensor([0., 2.]), tensor([5.]))   (was z.grad None)
    expect(await cell('const x = torch.ones(2, {requires_grad: true}); const z = torch.ones(1, {requires_grad: true}); const y = x * 2; y.narrow(0, 0, 1).copy_(z * 5); y.sum().backward(); [y, x.grad, z.grad]'))
      .toBe('[\n  tensor([5., 2.], grad_fn=<CopySlices>),\n  tensor([0., 2.]),\n  tensor([5.])\n]');
  });
  it('over a whole tensor: CopyBackwards, zero gradient to what was overwritten', async () => {
    // y = x * 2; y.copy_(torch.tensor([7., 8.])); y.sum().backward(); (y, x.grad) -> (tensor([7., 8.], grad_fn=<CopyBackwards>), tensor([0., 0.]))
    expect(await cell('const x = torch.ones(2, {requires_grad: true}); const y = x * 2; y.copy_(torch.tensor([7., 8.])); y.sum().backward(); [y, x.grad]'))
      .toBe('[ tensor([7., 8.], grad_fn=<CopyBackwards>), tensor([0., 0.]) ]');
    // x = torch.zeros(3); x[1:2].copy_(z * 3); x.sum().backward() -> (tensor([0., 3., 0.], grad_fn=<CopySlices>), tensor([3.]))
    expect(await cell('const x = torch.zeros(3); const z = torch.ones(1, {requires_grad: true}); x.narrow(0, 1, 1).copy_(z * 3); x.sum().backward(); [x, z.grad]'))
      .toBe('[ tensor([0., 3., 0.], grad_fn=<CopySlices>), tensor([3.]) ]');
    // a float64 source keeps its dtype's gradient: z = torch.ones(2, dtype=torch.float64, requires_grad=True); y = torch.zeros(2); y.copy_(z); y.sum().backward(); z.grad
    expect(await cell('const z = torch.ones(2, {dtype: torch.float64, requires_grad: true}); const y = torch.zeros(2); y.copy_(z); y.sum().backward(); z.grad'))
      .toBe('tensor([1., 1.], dtype=torch.float64)');
  });
});

describe('a view made under no_grad, modified in place with grad mode on: PyTorch\'s error (was silent)', () => {
  it('refuses, whether the base is a leaf or not, and whatever the in-place op', async () => {
    const pre = 'let v; torch.no_grad(() => { v = a.index(torch.slice(null, 1)); });';
    // a = torch.ones(2, requires_grad=True); with torch.no_grad(): v = a[:1]
    // v.mul_(2) -> RuntimeError: A view was created in no_grad mode ... (was: the leaf changed silently)
    expect(await cell(`const a = torch.ones(2, {requires_grad: true}); ${pre} v.mul_(2); a`)).toBe(NO_GRAD_VIEW);
    for (const op of ['v.mul_(2)', 'v.fill_(3)', 'v.zero_()', 'v.copy_(torch.tensor([3.]))', 'v.index_put_([torch.tensor([0])], torch.tensor(3.))'])
      expect(await cell(`const a = torch.ones(2, {requires_grad: true}).clone(); ${pre} ${op}; a`), op).toBe(NO_GRAD_VIEW);
    // b = torch.ones(2); with torch.no_grad(): w = b[:1]; w.mul_(torch.ones(1, requires_grad=True)) -> the same error
    expect(await cell('const a = torch.ones(2); let v; torch.no_grad(() => { v = a.index(torch.slice(null, 1)); }); v.mul_(torch.ones(1, {requires_grad: true}))')).toBe(NO_GRAD_VIEW);
    // a view of that view keeps its no_grad mark: with torch.no_grad(): v = a.view(2, 1); v[0].mul_(2) -> 1.13 fails too, with an
    // internal assert (`!grad_fn INTERNAL ASSERT FAILED`); Torchlit raises the no_grad-view error
    expect(await cell('const a = torch.ones(2, {requires_grad: true}).clone(); let v; torch.no_grad(() => { v = a.view(2, 1); }); v.select(0, 0).mul_(2)')).toBe(NO_GRAD_VIEW);
  });
  it('allows both inside no_grad, and a base that needs no grad', async () => {
    // with torch.no_grad(): v = a[:1]; v.mul_(2)   -> a = tensor([2., 1.], grad_fn=<CloneBackward0>)
    expect(await cell('const a = torch.ones(2, {requires_grad: true}).clone(); torch.no_grad(() => { const v = a.index(torch.slice(null, 1)); v.mul_(2); }); a'))
      .toBe('tensor([2., 1.], grad_fn=<CloneBackward0>)');
    // a = torch.ones(2); with torch.no_grad(): v = a[:1]; v.mul_(2); a -> tensor([2., 1.])
    expect(await cell('const a = torch.ones(2); let v; torch.no_grad(() => { v = a.index(torch.slice(null, 1)); }); v.mul_(2); a')).toBe('tensor([2., 1.])');
  });
});

describe('t.data has its own version counter, as PyTorch', () => {
  it('in place through .data is not seen by backward (was a false version error)', async () => {
    // a = torch.ones(2, requires_grad=True); y = (a * a).sum(); a.data.mul_(2); y.backward(); a.grad -> tensor([4., 4.])
    expect(await cell('const a = torch.ones(2, {requires_grad: true}); const y = (a * a).sum(); a.data.mul_(2); y.backward(); a.grad')).toBe('tensor([4., 4.])');
    // w.data.mul_(2); (w._version, w.data._version) -> (0, 0)
    expect(await cell('const w = torch.ones(2, {requires_grad: true}); w.data.mul_(2); [w._version, w.data._version]')).toBe('[ 0, 0 ]');
    // detach() shares it: w.detach().mul_(2) then backward -> the version error
    expect(await cell('const w = torch.ones(2, {requires_grad: true}); const y = (w * w).sum(); w.detach().mul_(2); y.backward()'))
      .toMatch(/^RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation: \[torch.FloatTensor \[2\]\] is at version 1; expected version 0 instead/);
  });
});
