// Engine-level parity with PyTorch 1.13 for the autograd tutorial's behaviours, found by differential
// probing; each expected value or message was printed by the Python snippet quoted above it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { datasets, torch } from '../index';
import { resetWarnings } from '../warnings';

const x2 = () => torch.ones(2, { requires_grad: true });

describe('autograd as the autograd tutorial shows it', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    resetWarnings();
  });

  it('a second backward() through nodes that save no tensor works without retain_graph', () => {
    // x = torch.ones(2, requires_grad=True); y = (x + 1).sum(); y.backward(); y.backward(); x.grad -> tensor([2., 2.])
    const x = x2();
    const y = x.add(1).sum();
    y.backward();
    y.backward();
    expect(x.grad!.cpu_tolist()).toEqual([2, 2]);
    // views, cat, clone, mean also save nothing: torch.cat([x.view(2,1).t(), x.clone().unsqueeze(0)]).mean()
    const z = torch.cat([x.view(2, 1).t(), x.clone().unsqueeze(0)]).mean();
    z.backward();
    z.backward();
    expect(x.grad!.cpu_tolist()).toEqual([3, 3]);
    // y = (x * x).sum(); y.backward(); y.backward() -> RuntimeError: Trying to backward through the graph a second time …
    const w = x.mul(x).sum();
    w.backward();
    expect(() => w.backward()).toThrow('Trying to backward through the graph a second time');
  });

  it('the version-counter error names the saved input grad_fn as it is now', () => {
    // a = torch.ones(2, requires_grad=True); b = a * 1; c = b * b; b += 1; c.sum().backward()
    // -> … [torch.FloatTensor [2]], which is output 0 of AddBackward0, is at version 1; expected version 0 instead. …
    const a = x2();
    const b = a.mul(1);
    const c = b.mul(b);
    b.add_(1);
    expect(() => c.sum().backward()).toThrow('[torch.FloatTensor [2]], which is output 0 of AddBackward0, is at version 1; expected version 0 instead.');
    // b = a * 1; c = b * b; b[0] = 5 -> which is output 0 of torch::autograd::CopySlices
    const b2 = a.mul(1);
    const c2 = b2.mul(b2);
    b2.index_put_([0], 5);
    expect(() => c2.sum().backward()).toThrow('which is output 0 of torch::autograd::CopySlices, is at version 1');
    // y = x.sigmoid(); y.mul_(2); y.sum().backward() -> a saved output: which is output 0 of SigmoidBackward0
    const y = a.sigmoid();
    y.mul_(2);
    expect(() => y.sum().backward()).toThrow('which is output 0 of SigmoidBackward0, is at version 1');
  });

  it("CopySlices' name() is PyTorch's qualified one; its repr stays <CopySlices>", () => {
    // y = torch.ones(3, requires_grad=True) * 2; y[0] = 0; y.grad_fn.name() -> 'torch::autograd::CopySlices'
    const y = torch.ones(3, { requires_grad: true }).mul(2);
    y.index_put_([0], 0);
    expect(y.grad_fn!.name()).toBe('torch::autograd::CopySlices');
    expect(String(y)).toBe('tensor([0., 2., 2.], grad_fn=<CopySlices>)');
  });

  it('assigning .grad checks size and dtype', () => {
    const x = x2();
    // x.grad = torch.ones(3) -> RuntimeError: assigned grad has data of a different size
    expect(() => (x.grad = torch.ones(3))).toThrow('assigned grad has data of a different size');
    // x.grad = torch.ones(2, dtype=torch.float64) -> RuntimeError: assigned grad has data of a different type
    expect(() => (x.grad = torch.ones(2, { dtype: torch.float64 }))).toThrow('assigned grad has data of a different type');
    x.grad = torch.zeros(2);
    expect(x.grad.cpu_tolist()).toEqual([0, 0]);
    x.grad = null;
    expect(x.grad).toBe(null);
  });

  it(".grad of a non-leaf warns as PyTorch (UserWarning: The .grad attribute of a Tensor that is not a leaf Tensor is being accessed…)", () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const x = x2();
    const y = x.mul(2);
    y.sum().backward();
    expect(y.grad).toBe(null);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/^The \.grad attribute of a Tensor that is not a leaf Tensor is being accessed\. Its \.grad attribute won't be populated/);
    // no warning for a leaf, or a non-leaf that retains its grad
    warn.mockClear();
    resetWarnings();
    const z = x.mul(3);
    z.retain_grad();
    z.sum().backward();
    expect(x.grad!.cpu_tolist()).toEqual([5, 5]);
    expect(z.grad!.cpu_tolist()).toEqual([1, 1]);
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('warnings as PyTorch', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    resetWarnings();
  });
  it('x.T of a tensor that is not 2-d (nor 0-d) warns that it is deprecated', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    // torch.zeros(2, 3, 4).T.shape -> torch.Size([4, 3, 2]) and UserWarning: The use of `x.T` on tensors of dimension other than 2 …
    expect(torch.zeros(2, 3, 4).T.shape.toString()).toBe('torch.Size([4, 3, 2])');
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/^The use of `x.T` on tensors of dimension other than 2 to reverse their shape is deprecated/);
    warn.mockClear();
    resetWarnings();
    void torch.zeros(2, 3).T; // torch.tensor(1.).T and 2-d tensors do not warn
    void torch.tensor(1).T;
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('"Save and Load the Model" as the lesson writes it', () => {
  it("torch.save(model.state_dict(), 'model_weights.pth') then model.load_state_dict(torch.load('model_weights.pth'))", () => {
    // PyTorch: the reloaded weight is tensor([[3., 3.], [3., 3.]]) and the saved copy does not follow later changes
    const m = torch.nn.Linear(2, 2);
    torch.nn.init.constant_(m.weight, 3);
    expect(torch.save(m.state_dict(), 'parity_weights.pth')).toBeUndefined();
    torch.nn.init.constant_(m.weight, 5);
    const m2 = torch.nn.Linear(2, 2);
    m2.load_state_dict(torch.load('parity_weights.pth'));
    expect(m2.weight.cpu_tolist()).toEqual([[3, 3], [3, 3]]);
    expect(m2.weight.requires_grad).toBe(true);
    // each load is a fresh copy
    torch.load('parity_weights.pth').weight.fill_(0);
    expect(torch.load('parity_weights.pth').weight.cpu_tolist()).toEqual([[3, 3], [3, 3]]);
  });

  it('a checkpoint dict (epoch, model and optimizer state, loss) round-trips', () => {
    // torch.save({'epoch': 5, 'model_state_dict': m.state_dict(), 'optimizer_state_dict': opt.state_dict(), 'loss': 0.25}, 'ck.tar')
    // ck = torch.load('ck.tar') -> (ck['epoch'], ck['loss'], opt.param_groups[0]['lr']) == (5, 0.25, 0.1)
    const m = torch.nn.Linear(2, 2);
    const opt = torch.optim.SGD(m.parameters(), { lr: 0.1 });
    torch.save({ epoch: 5, model_state_dict: m.state_dict(), optimizer_state_dict: opt.state_dict(), loss: 0.25 }, 'parity_ck.tar');
    const ck = torch.load('parity_ck.tar') as unknown as Record<string, unknown>;
    expect([ck.epoch, ck.loss]).toEqual([5, 0.25]);
    m.load_state_dict(ck.model_state_dict as Record<string, never>);
    opt.load_state_dict(ck.optimizer_state_dict as never);
    expect(opt.param_groups[0].lr).toBe(0.1);
  });

  it('a name never saved is FileNotFoundError; saving a whole model fails loudly; a Promise given to load_state_dict says to await', () => {
    // torch.load('nope.pth') -> FileNotFoundError: [Errno 2] No such file or directory: 'nope.pth'
    expect(() => torch.load('parity_nope.pth')).toThrow("[Errno 2] No such file or directory: 'parity_nope.pth'");
    // torch.save(model, 'model.pth') works in PyTorch (pickle): not here, and said at once (it was a rejected Promise nobody saw)
    expect(() => torch.save(torch.nn.Linear(2, 2) as never, 'parity_model.pth')).toThrow(/NotImplementedError|pickles the whole module/);
    expect(() => torch.nn.Linear(2, 2).load_state_dict(Promise.resolve({}) as never)).toThrow('load_state_dict() got a Promise');
  });
});

describe("out= as the tensors lesson uses it", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    resetWarnings();
  });
  it('torch.matmul(tensor, tensor.T, out=y3) and torch.mul(tensor, tensor, out=z3) write into out and return it', () => {
    // tensor = torch.arange(4.).reshape(2, 2); y3 = torch.rand_like(tensor); torch.matmul(tensor, tensor.T, out=y3) -> [[1., 3.], [3., 13.]]
    const t = torch.arange(4, { dtype: torch.float32 }).reshape(2, 2);
    const y3 = torch.rand_like(t);
    expect((torch.matmul as (...a: unknown[]) => unknown)(t, t.T, { out: y3 })).toBe(y3);
    expect(y3.cpu_tolist()).toEqual([[1, 3], [3, 13]]);
    // z3 = torch.rand_like(tensor); torch.mul(tensor, tensor, out=z3) -> [[0., 1.], [4., 9.]]
    const z3 = torch.rand_like(t);
    (torch.mul as (...a: unknown[]) => unknown)(t, t, { out: z3 });
    expect(z3.cpu_tolist()).toEqual([[0, 1], [4, 9]]);
    // torch.add(ones, ones, alpha=3, out=o) -> [4., 4.]; a float64 out takes a float32 result
    const o = torch.zeros(2, { dtype: torch.float64 });
    (torch.add as (...a: unknown[]) => unknown)(torch.ones(2), torch.ones(2), { alpha: 3, out: o });
    expect([o.cpu_tolist(), o.dtype.name]).toEqual([[4, 4], 'float64']);
  });

  it("an out of another shape is resized with PyTorch's warning; errors for dtype and autograd", () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const mul = torch.mul as (...a: unknown[]) => unknown;
    const o = torch.zeros(3);
    mul(torch.ones(2, 2), torch.ones(2, 2), { out: o });
    expect(o.cpu_tolist()).toEqual([[1, 1], [1, 1]]);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/^An output with one or more elements was resized since it had shape \[3\], which does not match the required output shape \[2, 2\]/);
    // torch.mul(a, a, out=torch.zeros(2, 2, dtype=torch.long)) -> RuntimeError: result type Float can't be cast to the desired output type Long
    expect(() => mul(torch.ones(2, 2), torch.ones(2, 2), { out: torch.zeros([2, 2], { dtype: torch.int64 }) })).toThrow("result type Float can't be cast to the desired output type Long");
    // torch.mul(torch.ones(2, requires_grad=True), 2, out=torch.zeros(2))
    expect(() => mul(torch.ones(2, { requires_grad: true }), 2, { out: torch.zeros(2) })).toThrow("mul(): functions with out=... arguments don't support automatic differentiation, but one of the arguments requires grad.");
  });
});

describe('transforms.Lambda, as the transforms lesson uses it', () => {
  it("one-hot target_transform: Lambda(lambda y: torch.zeros(10, dtype=torch.float).scatter_(0, torch.tensor(y), value=1))", () => {
    // target_transform(3) -> tensor([0., 0., 0., 1., 0., 0., 0., 0., 0., 0.])
    const { transforms } = datasets;
    const t = transforms.Lambda((y: number) => torch.zeros(10, { dtype: torch.float32 }).scatter_(0, torch.tensor(y), { value: 1 } as never));
    expect(t(3).cpu_tolist()).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
    // transforms.Lambda(3) -> TypeError: Argument lambd should be callable, got int
    expect(() => transforms.Lambda(3 as never)).toThrow('Argument lambd should be callable');
  });
});
