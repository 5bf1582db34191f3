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
