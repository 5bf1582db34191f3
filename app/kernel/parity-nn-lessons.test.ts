// Parity of the nn / optim / data lessons' cells with PyTorch 1.13 (helper hY, session 9's
// differential probes): each cell was run as its Python twin (quoted in the comment) with
// /usr/bin/python3 and torch 1.13; the expected string is what PyTorch printed (its repr, or
// `Class: message` for an error).
import { describe, expect, it } from 'vitest';
import { textKernel } from './test-kernel';

const cell = async (code: string) => textKernel().run(code);

describe('cross_entropy / nll_loss with every target ignored (silent NaN gradients before)', () => {
  it('the mean is nan but the gradient is 0, as PyTorch\'s kernel skips ignored targets', async () => {
    const x = 'const x = torch.tensor([[0.2, 0.7, 0.4], [0.1, 0.2, 0.3]], {requires_grad: true});';
    // x = torch.tensor([[0.2,0.7,0.4],[0.1,0.2,0.3]], requires_grad=True); l = F.cross_entropy(x, torch.tensor([1,1]), ignore_index=1); l.backward(); x.grad
    // -> tensor(nan, grad_fn=<NllLossBackward0>) tensor([[0., 0., 0.], [0., 0., 0.]])
    const zeros = 'tensor([[0., 0., 0.],\n        [0., 0., 0.]])';
    for (const loss of ['F.cross_entropy(x, torch.tensor([1, 1]), {ignore_index: 1})', 'F.nll_loss(x, torch.tensor([1, 1]), {ignore_index: 1})',
      "F.cross_entropy(x, torch.tensor([1, 1]), {ignore_index: 1, label_smoothing: 0.2})", "F.cross_entropy(x.view(1, 3, 2), torch.tensor([[1, 1]]), {ignore_index: 1})"]) {
      expect(await cell(`${x} const l = ${loss}; l.backward(); print(l.isnan().item()); x.grad`), loss).toBe(zeros);
    }
    // reduction='sum' -> tensor(0., grad_fn=<NllLossBackward0>), grad zeros
    expect(await cell(`${x} const l = F.cross_entropy(x, torch.tensor([1, 1]), {ignore_index: 1, reduction: 'sum'}); l.backward(); x.grad`)).toBe(zeros);
    expect(await cell(`${x} F.cross_entropy(x, torch.tensor([1, 1]), {ignore_index: 1, reduction: 'sum'})`)).toBe('tensor(0., grad_fn=<NllLossBackward0>)');
    expect(await cell(`${x} F.cross_entropy(x, torch.tensor([1, 1]), {ignore_index: 1})`)).toBe('tensor(nan, grad_fn=<NllLossBackward0>)');
    // a class weight of 0 is not an ignored target: F.nll_loss(x, torch.tensor([1,1]), weight=torch.tensor([1.,0.,2.])) -> grad [[0., nan, 0.], [0., nan, 0.]]
    expect(await cell(`${x} const l = F.nll_loss(x, torch.tensor([1, 1]), {weight: torch.tensor([1., 0., 2.])}); l.backward(); x.grad`))
      .toBe('tensor([[0., nan, 0.],\n        [0., nan, 0.]])');
    // and through log_softmax every entry: F.cross_entropy(x, torch.tensor([1,1]), weight=torch.tensor([1.,0.,2.])) -> all nan
    expect(await cell(`${x} const l = F.cross_entropy(x, torch.tensor([1, 1]), {weight: torch.tensor([1., 0., 2.])}); l.backward(); x.grad.isnan().all()`))
      .toBe('tensor(True)');
  });
});

describe('loss dtype checks as PyTorch', () => {
  it('BCEWithLogits takes a floating target: an integer one is the cast error (was a silent loss), a bool one the subtraction error', async () => {
    // F.binary_cross_entropy_with_logits(torch.tensor([0.2, 0.7, 0.4]), torch.tensor([0, 1, 1]))
    expect(await cell('F.binary_cross_entropy_with_logits(torch.tensor([0.2, 0.7, 0.4]), torch.tensor([0, 1, 1]))'))
      .toBe("RuntimeError: result type Float can't be cast to the desired output type Long");
    expect(await cell('nn.BCEWithLogitsLoss()(torch.tensor([0.2, 0.7, 0.4]), torch.tensor([0, 1, 1]))'))
      .toBe("RuntimeError: result type Float can't be cast to the desired output type Long");
    expect(await cell('F.binary_cross_entropy_with_logits(torch.tensor([0.2, 0.7, 0.4]), torch.tensor([false, true, true]))'))
      .toBe('RuntimeError: Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.');
    // the loss has the target's dtype: (float64 input, float32 target) -> tensor(0.5714); (float32, float64) -> float64
    expect(await cell('F.binary_cross_entropy_with_logits(torch.tensor([0.2, 0.7, 0.4]).double(), torch.tensor([0., 1, 1]))')).toBe('tensor(0.5714)');
    expect(await cell('F.binary_cross_entropy_with_logits(torch.tensor([0.2, 0.7, 0.4]), torch.tensor([0., 1, 1]).double())')).toBe('tensor(0.5714, dtype=torch.float64)');
  });

  it('kl_div refuses integer tensors; mse/smooth_l1/huber name their missing integer kernels', async () => {
    // F.kl_div(x, torch.tensor([0, 1, 1]), reduction='batchmean') -> RuntimeError: kl_div: Integral inputs not supported.
    expect(await cell("F.kl_div(torch.tensor([0.2, 0.7, 0.4]), torch.tensor([0, 1, 1]), {reduction: 'batchmean'})")).toBe('RuntimeError: kl_div: Integral inputs not supported.');
    expect(await cell("F.kl_div(torch.tensor([1, 2]), torch.tensor([0.1, 0.2]), {reduction: 'sum'})")).toBe('RuntimeError: kl_div: Integral inputs not supported.');
    // F.mse_loss(torch.tensor([1, 2]), torch.tensor([0, 1])) -> RuntimeError: "mse_cpu" not implemented for 'Long'
    expect(await cell('F.mse_loss(torch.tensor([1, 2]), torch.tensor([0, 1]))')).toBe(`RuntimeError: "mse_cpu" not implemented for 'Long'`);
    expect(await cell('F.smooth_l1_loss(torch.tensor([1, 2]), torch.tensor([0, 1]))')).toBe(`RuntimeError: "smooth_l1_cpu" not implemented for 'Long'`);
    expect(await cell('F.huber_loss(torch.tensor([1, 2]), torch.tensor([0, 1]))')).toBe(`RuntimeError: "huber_cpu" not implemented for 'Long'`);
    // F.mse_loss(torch.tensor([1, 2]), torch.tensor([0., 1.])) -> tensor(1.)
    expect(await cell('F.mse_loss(torch.tensor([1, 2]), torch.tensor([0., 1.]))')).toBe('tensor(1.)');
  });
});

describe('layer errors as PyTorch', () => {
  it("LayerNorm's shape error is a RuntimeError; LSTM names which state has the wrong size", async () => {
    // nn.LayerNorm(4)(torch.ones(2, 3))
    expect(await cell('nn.LayerNorm(4)(torch.ones(2, 3))')).toBe('RuntimeError: Given normalized_shape=[4], expected input with shape [*, 4], but got input of size[2, 3]');
    // nn.LSTM(3, 4)(torch.zeros(5, 2, 3), (torch.zeros(2, 2, 4), torch.zeros(1, 2, 4)))
    expect(await cell('nn.LSTM(3, 4)(torch.zeros(5, 2, 3), [torch.zeros(2, 2, 4), torch.zeros(1, 2, 4)])')).toBe('RuntimeError: Expected hidden[0] size (1, 2, 4), got [2, 2, 4]');
    expect(await cell('nn.LSTM(3, 4, {batch_first: true, bidirectional: true})(torch.zeros(2, 5, 3), [torch.zeros(2, 2, 4), torch.zeros(1, 2, 4)])'))
      .toBe('RuntimeError: Expected hidden[1] size (2, 2, 4), got [1, 2, 4]');
    expect(await cell('nn.GRU(3, 4)(torch.zeros(5, 2, 3), torch.zeros(2, 2, 4))')).toBe('RuntimeError: Expected hidden size (1, 2, 4), got [2, 2, 4]');
  });
});

describe('load_state_dict as PyTorch', () => {
  it("returns _IncompatibleKeys, shown as PyTorch shows it, and unpacks as a pair", async () => {
    // m = nn.Linear(2, 2); m.load_state_dict(m.state_dict()) -> <All keys matched successfully>
    expect(await cell('const m = nn.Linear(2, 2); m.load_state_dict(m.state_dict())')).toBe('<All keys matched successfully>');
    // sd = m.state_dict(); del sd['1.bias']; sd['extra'] = torch.zeros(1); m.load_state_dict(sd, strict=False)
    const code = `const m = nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 1)); const sd = m.state_dict(); delete sd['1.bias']; sd['extra'] = torch.zeros(1);`;
    expect(await cell(`${code} m.load_state_dict(sd, {strict: false})`)).toBe("_IncompatibleKeys(missing_keys=['1.bias'], unexpected_keys=['extra'])");
    // missing, unexpected = m.load_state_dict(sd, strict=False); missing -> ['1.bias']
    expect(await cell(`${code} const [missing, unexpected] = m.load_state_dict(sd, {strict: false}); [missing, unexpected]`)).toBe("[ [ '1.bias' ], [ 'extra' ] ]");
    expect(await cell(`${code} m.load_state_dict(sd, {strict: false}).missing_keys`)).toBe("[ '1.bias' ]");
  });

  it('a module shared under two names is loaded under both: its second keys are missing when absent (was silently accepted)', async () => {
    // l = nn.Linear(1, 1); m = nn.Sequential(l, l); m.load_state_dict({'0.weight': torch.ones(1, 1), '0.bias': torch.ones(1)})
    expect(await cell("const l = nn.Linear(1, 1); const m = nn.Sequential(l, l); m.load_state_dict({'0.weight': torch.ones(1, 1), '0.bias': torch.ones(1)})"))
      .toBe('RuntimeError: Error(s) in loading state_dict for Sequential:\n\tMissing key(s) in state_dict: "1.weight", "1.bias". ');
    // list(m.state_dict().keys()) -> ['0.weight', '0.bias', '1.weight', '1.bias']; loading it back works
    expect(await cell('const l = nn.Linear(1, 1); const m = nn.Sequential(l, l); m.load_state_dict(m.state_dict())')).toBe('<All keys matched successfully>');
  });

  it("a value that is not a tensor is named by its Python type", async () => {
    // m.load_state_dict({'weight': [[1.0]], 'bias': torch.ones(1)})
    expect(await cell("const m = nn.Linear(1, 1); m.load_state_dict({'weight': [[1.0]], 'bias': torch.ones(1)})"))
      .toBe(`RuntimeError: Error(s) in loading state_dict for Linear:\n\tWhile copying the parameter named "weight", expected torch.Tensor or Tensor-like object from checkpoint but received <class 'list'>`);
  });
});

describe('optimizer param groups as PyTorch', () => {
  it('a parameter in two groups, and optimizer.load_state_dict of another shape, are ValueErrors', async () => {
    // opt = optim.SGD([a], lr=0.1); opt.add_param_group({'params': [a]}) -> ValueError: some parameters appear in more than one parameter group
    expect(await cell("const a = nn.Parameter(torch.ones(2)); const opt = optim.SGD([a], {lr: 0.1}); opt.add_param_group({'params': [a]})"))
      .toBe('ValueError: some parameters appear in more than one parameter group');
    // optim.SGD([a], lr=0.1).load_state_dict(optim.SGD([{'params': [a]}, {'params': [b]}], lr=0.1).state_dict())
    expect(await cell("const a = nn.Parameter(torch.ones(2)); const b = nn.Parameter(torch.ones(2)); optim.SGD([a], {lr: 0.1}).load_state_dict(optim.SGD([{'params': [a]}, {'params': [b]}], {lr: 0.1}).state_dict())"))
      .toBe('ValueError: loaded state dict has a different number of parameter groups');
    expect(await cell("const a = nn.Parameter(torch.ones(2)); const b = nn.Parameter(torch.ones(2)); optim.SGD([a], {lr: 0.1}).load_state_dict(optim.SGD([a, b], {lr: 0.1}).state_dict())"))
      .toBe("ValueError: loaded state dict contains a parameter group that doesn't match the size of optimizer's group");
  });
});
