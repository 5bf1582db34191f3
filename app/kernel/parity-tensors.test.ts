// Parity of the tensor and autograd lessons' cells with PyTorch 1.13 (session 9, helper hX's
// differential probes): each cell was run as its Python twin (quoted in the comment) with
// /usr/bin/python3 and torch 1.13; the expected string is what PyTorch printed (its repr, or
// `Class: message` for an error).
import { describe, expect, it } from 'vitest';
import { textKernel } from './test-kernel';

const cell = async (code: string) => textKernel().run(code);

describe('torch.Size is a Python tuple in cells', () => {
  it('x.shape[-1] counts from the end (was undefined, silently); out of range is IndexError', async () => {
    // x = torch.zeros(2, 3, 4); [x.shape[-1], x.size()[-2], x.shape[0], len(x.shape)] -> [4, 3, 2, 3]
    expect(await cell('const x = torch.zeros(2, 3, 4); [x.shape[-1], x.size()[-2], x.shape[0], len(x.shape)]')).toBe('[ 4, 3, 2, 3 ]');
    // x.view(-1, x.shape[-1]).shape -> torch.Size([6, 4])
    expect(await cell('const x = torch.zeros(2, 3, 4); x.view(-1, x.shape[-1]).shape')).toBe('torch.Size([6, 4])');
    // x.shape[3] / x.shape[-4] -> IndexError: tuple index out of range
    expect(await cell('const x = torch.zeros(2, 3, 4); x.shape[3]')).toBe('IndexError: tuple index out of range');
    expect(await cell('const x = torch.zeros(2, 3, 4); x.shape[-4]')).toBe('IndexError: tuple index out of range');
    // a loop over the dims still reads them; a JS array keeps JavaScript's a[-1] (cell-language.test.ts)
    expect(await cell('const x = torch.zeros(2, 3, 4); let s = 0; for (let i = 0; i < x.ndim; i++) s += x.shape[i]; s')).toBe('9');
  });
});

describe('float literals in torch.arange / torch.linspace', () => {
  it('torch.arange(6.) and torch.linspace(2., 5., 1) in a cell', async () => {
    // torch.arange(6.) -> tensor([0., 1., 2., 3., 4., 5.]); torch.linspace(2., 5., 1) -> tensor([2.]) (was tensor([5.]))
    expect(await cell('torch.arange(6.)')).toBe('tensor([0., 1., 2., 3., 4., 5.])');
    expect(await cell('torch.linspace(2., 5., 1)')).toBe('tensor([2.])');
    // torch.arange(0, 5, -1) -> RuntimeError: upper bound and larger bound inconsistent with step sign (was an empty tensor)
    expect(await cell('torch.arange(0, 5, -1)')).toBe('RuntimeError: upper bound and larger bound inconsistent with step sign');
  });
});

describe('nn slips as PyTorch', () => {
  it('a Module without forward is NotImplementedError (was RuntimeError)', async () => {
    // class Net(nn.Module): ...; Net()(torch.ones(1)) -> NotImplementedError: Module [Net] is missing the required "forward" function
    expect(await cell('class Net extends nn.Module {}\nnew Net()(torch.ones(1))')).toBe('NotImplementedError: Module [Net] is missing the required "forward" function');
  });

  it('BCE with logits refuses an integer or bool target (was accepted)', async () => {
    // F.binary_cross_entropy_with_logits(torch.tensor([0.5, -1.]), torch.tensor([1, 0])) -> RuntimeError: result type Float can't be cast to the desired output type Long
    expect(await cell('F.binary_cross_entropy_with_logits(torch.tensor([0.5, -1.]), torch.tensor([1, 0]))')).toBe("RuntimeError: result type Float can't be cast to the desired output type Long");
    expect(await cell('nn.BCEWithLogitsLoss()(torch.tensor([0.5, -1.]), torch.tensor([true, false]))')).toBe('RuntimeError: Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.');
    // a float target: tensor(0.3937)
    expect(await cell('F.binary_cross_entropy_with_logits(torch.tensor([0.5, -1.]), torch.tensor([1., 0.]))')).toBe('tensor(0.3937)');
  });
});

describe("the Tensors lesson's bridge with NumPy", () => {
  it('t.numpy() of a CPU tensor shares its memory both ways (was a copy: n kept the 1s)', async () => {
    // t = torch.ones(5); n = t.numpy(); t.add_(1); n -> array([2., 2., 2., 2., 2.], dtype=float32)
    expect(await cell('const t = torch.ones(5); const n = t.numpy(); t.add_(1); Array.from(n)')).toBe('[ 2, 2, 2, 2, 2 ]');
    // n[0] = 7 (np.add(n, 1, out=n) in the lesson) shows in t: tensor([7., 1., 1., 1., 1.])
    expect(await cell('const t = torch.ones(5); const n = t.numpy(); n[0] = 7; t')).toBe('tensor([7., 1., 1., 1., 1.])');
    // a view shares too: t[1:] of torch.zeros(4) after t.add_(1) reads [1., 1., 1.]
    expect(await cell("const t = torch.zeros(4); const n = t.index('1:').numpy(); t.add_(1); Array.from(n)")).toBe('[ 1, 1, 1 ]');
    // numpy() of a tensor that requires grad: RuntimeError: Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.
    expect(await cell('torch.ones(2, {requires_grad: true}).numpy()')).toBe("RuntimeError: Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.");
  });
});

describe('torch.set_printoptions', () => {
  it('a call without sci_mode resets it to automatic, as PyTorch assigns it on every call (it stayed off)', async () => {
    // torch.set_printoptions(sci_mode=False); repr(torch.tensor(9.0599e-06)) -> 'tensor(    0.0000)';
    // torch.set_printoptions(profile='default'); repr(torch.tensor(9.0599e-06)) -> 'tensor(9.0599e-06)'
    // torch.set_printoptions(sci_mode=True); torch.set_printoptions(precision=2); repr(torch.tensor(1.5)) -> 'tensor(1.50)'
    const code = "torch.set_printoptions({sci_mode: false}); const a = String(torch.tensor(9.0599e-06)); torch.set_printoptions({profile: 'default'}); const b = String(torch.tensor(9.0599e-06));\n"
      + "torch.set_printoptions({sci_mode: true}); torch.set_printoptions({precision: 2}); const c = String(torch.tensor(1.5)); torch.set_printoptions({profile: 'default'}); [a, b, c]";
    expect(await cell(code)).toBe("[ 'tensor(    0.0000)', 'tensor(9.0599e-06)', 'tensor(1.50)' ]");
  });
});
