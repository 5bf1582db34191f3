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

describe('DataLoader and samplers as PyTorch', () => {
  it('a tensor is a dataset of its rows (was silently empty)', async () => {
    // list(DataLoader(torch.arange(5), batch_size=2)) -> [tensor([0, 1]), tensor([2, 3]), tensor([4])]
    expect(await cell('[...utils.data.DataLoader(torch.arange(5), {batch_size: 2})]')).toBe('[ tensor([0, 1]), tensor([2, 3]), tensor([4]) ]');
    // len(DataLoader(torch.zeros(5, 2), batch_size=2)) -> 3
    expect(await cell('len(utils.data.DataLoader(torch.zeros(5, 2), {batch_size: 2}))')).toBe('3');
    // a class with only __len__/__getitem__ (no Dataset base): class DS: __len__ -> 3, __getitem__(i) -> (torch.tensor([i / 2 + 0.25]), i)
    // len(DataLoader(DS(), batch_size=2)) -> 2; its last batch: [tensor([[1.2500]]), tensor([2])]
    expect(await cell(`class DS { __len__() { return 3; } __getitem__(i) { return [torch.tensor([i / 2 + 0.25]), i]; } }
const dl = utils.data.DataLoader(new DS(), {batch_size: 2}); [len(dl), [...dl][1]]`)).toBe('[ 2, [ tensor([[1.2500]]), tensor([2]) ] ]');
    // class NoLen: pass; list(DataLoader(NoLen(), batch_size=2)) -> TypeError: object of type 'NoLen' has no len() (was an empty loop)
    expect(await cell('class NoLen {} [...utils.data.DataLoader(new NoLen(), {batch_size: 2})]')).toBe("TypeError: object of type 'NoLen' has no len()");
    // list(DataLoader(torch.tensor(1.))) -> TypeError: len() of a 0-d tensor
    expect(await cell('[...utils.data.DataLoader(torch.tensor(1.))]')).toBe('TypeError: len() of a 0-d tensor');
  });

  it('batch_size and drop_last are checked as PyTorch checks them (batch_size=0 was accepted)', async () => {
    const ds = 'const ds = utils.data.TensorDataset(torch.arange(3.));';
    // DataLoader(ds, batch_size=0) -> ValueError: batch_size should be a positive integer value, but got batch_size=0
    expect(await cell(`${ds} utils.data.DataLoader(ds, {batch_size: 0})`)).toBe('ValueError: batch_size should be a positive integer value, but got batch_size=0');
    expect(await cell(`${ds} utils.data.DataLoader(ds, {batch_size: -1})`)).toBe('ValueError: batch_size should be a positive integer value, but got batch_size=-1');
    expect(await cell(`${ds} utils.data.DataLoader(ds, {batch_size: 2.5})`)).toBe('ValueError: batch_size should be a positive integer value, but got batch_size=2.5');
    // DataLoader(ds, batch_size=None, drop_last=True)
    expect(await cell(`${ds} utils.data.DataLoader(ds, {batch_size: null, drop_last: true})`))
      .toBe('ValueError: batch_size=None option disables auto-batching and is mutually exclusive with drop_last');
    // ds[5] -> IndexError: index 5 is out of bounds for dimension 0 with size 3
    expect(await cell(`${ds} ds[5]`)).toBe('IndexError: index 5 is out of bounds for dimension 0 with size 3');
    // random_split(ds, [5, 3]) on 10 items -> ValueError: Sum of input lengths does not equal the length of the input dataset!
    expect(await cell('utils.data.random_split(utils.data.TensorDataset(torch.arange(10.)), [5, 3])'))
      .toBe('ValueError: Sum of input lengths does not equal the length of the input dataset!');
  });

  it('BatchSampler, batch_sampler= and WeightedRandomSampler', async () => {
    // bs = BatchSampler(SequentialSampler(ds), batch_size=4, drop_last=False); list(bs), len(bs) -> [[0, 1, 2, 3], [4, 5]] 2
    const ds = 'const ds = utils.data.TensorDataset(torch.arange(6.));';
    expect(await cell(`${ds} const bs = utils.data.BatchSampler(utils.data.SequentialSampler(ds), {batch_size: 4, drop_last: false}); print(len(bs)); [...bs]`))
      .toBe('[ [ 0, 1, 2, 3 ], [ 4, 5 ] ]');
    expect(await cell(`${ds} len(utils.data.BatchSampler(utils.data.SequentialSampler(ds), 4, true))`)).toBe('1');
    // [b[0] for b in DataLoader(ds, batch_sampler=bs)] -> [tensor([0., 1., 2., 3.]), tensor([4., 5.])]
    expect(await cell(`${ds} const dl = utils.data.DataLoader(ds, {batch_sampler: utils.data.BatchSampler(utils.data.SequentialSampler(ds), 4, false)}); print(len(dl)); [...dl].map(b => b[0])`))
      .toBe('[ tensor([0., 1., 2., 3.]), tensor([4., 5.]) ]');
    // DataLoader(ds, batch_size=2, batch_sampler=bs)
    expect(await cell(`${ds} utils.data.DataLoader(ds, {batch_size: 2, batch_sampler: utils.data.BatchSampler(utils.data.SequentialSampler(ds), 4, false)})`))
      .toBe('ValueError: batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last');
    // BatchSampler(range(3), batch_size=0, drop_last=False); BatchSampler(range(3), 2, drop_last=1)
    expect(await cell('utils.data.BatchSampler([0, 1, 2], 0, false)')).toBe('ValueError: batch_size should be a positive integer value, but got batch_size=0');
    expect(await cell('utils.data.BatchSampler([0, 1, 2], 2, 1)')).toBe('ValueError: drop_last should be a boolean value, but got drop_last=1');
    // s = WeightedRandomSampler([0., 0., 1.], 5, replacement=True); len(s), list(s) -> 5 [2, 2, 2, 2, 2]
    expect(await cell('const s = utils.data.WeightedRandomSampler([0., 0., 1.], 5, {replacement: true}); print(len(s)); [...s]')).toBe('[ 2, 2, 2, 2, 2 ]');
    // sorted(WeightedRandomSampler([1., 0., 2., 3.], 3, replacement=False)) -> [0, 2, 3]
    expect(await cell('[...utils.data.WeightedRandomSampler([1., 0., 2., 3.], 3, {replacement: false})].sort()')).toBe('[ 0, 2, 3 ]');
    // list(WeightedRandomSampler([1., 0., 2.], 3, replacement=False)) -> [2, 0, 1]: every index once, the zero weight last
    expect(await cell('const d = [...utils.data.WeightedRandomSampler([1., 0., 2.], 3, {replacement: false})]; [d[2], d.sort()]')).toBe('[ 1, [ 0, 1, 2 ] ]');
    // list(WeightedRandomSampler([1., 2.], 3, replacement=False)) -> RuntimeError: cannot sample n_sample > prob_dist.size(-1) samples without replacement
    expect(await cell('[...utils.data.WeightedRandomSampler([1., 2.], 3, {replacement: false})]'))
      .toBe('RuntimeError: cannot sample n_sample > prob_dist.size(-1) samples without replacement');
    // list(WeightedRandomSampler([0., 0.], 1)); list(WeightedRandomSampler([-1., 2.], 1))
    expect(await cell('[...utils.data.WeightedRandomSampler([0., 0.], 1)]')).toBe('RuntimeError: invalid multinomial distribution (sum of probabilities <= 0)');
    expect(await cell('[...utils.data.WeightedRandomSampler([-1., 2.], 1)]')).toBe('RuntimeError: invalid multinomial distribution (encountering probability entry < 0)');
    expect(await cell('utils.data.WeightedRandomSampler([1., 2.], 0)')).toBe('ValueError: num_samples should be a positive integer value, but got num_samples=0');
    // drawn in proportion: 4000 draws of weights [1, 3] give about 3/4 ones
    expect(await cell('torch.manual_seed(0); const d = [...utils.data.WeightedRandomSampler(torch.tensor([1., 3.]), 4000)]; Math.abs(d.filter(i => i === 1).length / 4000 - 0.75) < 0.03'))
      .toBe('true');
  });
});

describe('module traversal and nn.init as PyTorch', () => {
  it('named_modules(prefix=...) by name (was TypeError: memo.has is not a function)', async () => {
    // [n for n, _ in nn.Sequential(nn.Linear(2, 3), nn.ReLU()).named_modules(prefix='model')] -> ['model', 'model.0', 'model.1']
    expect(await cell("nn.Sequential(nn.Linear(2, 3), nn.ReLU()).named_modules({prefix: 'model'}).map(([n, _]) => n)")).toBe("[ 'model', 'model.0', 'model.1' ]");
    // remove_duplicate=False lists a shared module under each name: ['', '0', '1']
    expect(await cell("const l = nn.Linear(1, 1); nn.Sequential(l, l).named_modules({remove_duplicate: false}).map(([n, _]) => n)")).toBe("[ '', '0', '1' ]");
    expect(await cell("const l = nn.Linear(1, 1); nn.Sequential(l, l).named_modules().map(([n, _]) => n)")).toBe("[ '', '0' ]");
  });

  it('nn.init errors are ValueErrors; dirac_ and sparse_ exist', async () => {
    // nn.init.xavier_uniform_(torch.empty(3)) -> ValueError: Fan in and fan out can not be computed for tensor with fewer than 2 dimensions
    const want: [string, string][] = [
      ['nn.init.xavier_uniform_(torch.empty(3))', 'ValueError: Fan in and fan out can not be computed for tensor with fewer than 2 dimensions'],
      ['nn.init.eye_(torch.empty(2, 2, 2))', 'ValueError: Only tensors with 2 dimensions are supported'],
      ["nn.init.calculate_gain('foo')", 'ValueError: Unsupported nonlinearity foo'],
      ["nn.init.kaiming_uniform_(torch.empty(2, 2), {mode: 'x'})", "ValueError: Mode x not supported, please use one of ['fan_in', 'fan_out']"],
      ['nn.init.orthogonal_(torch.empty(3))', 'ValueError: Only tensors with 2 or more dimensions are supported'],
      ['nn.init.dirac_(torch.empty(2, 2))', 'ValueError: Only tensors with 3, 4, or 5 dimensions are supported'],
      ['nn.init.dirac_(torch.empty(3, 2, 2), 2)', 'ValueError: dim 0 must be divisible by groups'],
      ['nn.init.sparse_(torch.empty(3), 0.1)', 'ValueError: Only tensors with 2 dimensions are supported'],
      // c = torch.empty(2, 2, 3); nn.init.dirac_(c)
      ['const c = torch.empty(2, 2, 3); nn.init.dirac_(c); c', 'tensor([[[0., 1., 0.],\n         [0., 0., 0.]],\n\n        [[0., 0., 0.],\n         [0., 1., 0.]]])'],
      // d = torch.empty(4, 2, 3, 3); nn.init.dirac_(d, 2); d.sum([2, 3]) -> [[1, 0], [0, 1], [1, 0], [0, 1]], the 1 at the centre
      ['const d = torch.empty(4, 2, 3, 3); nn.init.dirac_(d, 2); d.sum([2, 3])', 'tensor([[1., 0.],\n        [0., 1.],\n        [1., 0.],\n        [0., 1.]])'],
      ['const d = torch.empty(4, 2, 3, 3); nn.init.dirac_(d, 2); d[2][0][1][1]', 'tensor(1.)'],
      // s = torch.empty(10, 4); nn.init.sparse_(s, 0.35); (s == 0).sum(0) -> tensor([4, 4, 4, 4]) (ceil(0.35 * 10) zeros per column)
      ['const s = torch.empty(10, 4); nn.init.sparse_(s, 0.35); (s == 0).sum(0)', 'tensor([4, 4, 4, 4])'],
    ];
    for (const [code, out] of want) expect(await cell(code), code).toBe(out);
  });
});

describe('optim.ASGD and optim.Rprop (were TypeError: not a function)', () => {
  it("exist with PyTorch's defaults and argument errors (trajectories: optim.json's ASGD/* and Rprop/*)", async () => {
    // optim.Rprop([w], etas=(1.5, 1.2)) -> ValueError: Invalid eta values: 1.5, 1.2
    expect(await cell('optim.Rprop([nn.Parameter(torch.ones(1))], {etas: [1.5, 1.2]})')).toBe('ValueError: Invalid eta values: 1.5, 1.2');
    expect(await cell('optim.ASGD([nn.Parameter(torch.ones(1))], {lr: -1})')).toBe('ValueError: Invalid learning rate: -1');
    // print(optim.Rprop([w])): 2.x's groups also list capturable and differentiable
    expect(await cell("optim.Rprop([nn.Parameter(torch.ones(1))]).toString().endsWith('etas: (0.5, 1.2)\\n    foreach: None\\n    lr: 0.01\\n    maximize: False\\n    step_sizes: (1e-06, 50)\\n)')")).toBe('true');
    // opt = optim.Rprop([w], lr=0.1); two steps on (w * 2).sum() then (-w).sum(): the sign flip skips the step
    // w = nn.Parameter(torch.tensor([1., -1.])); ... -> tensor([0.8800, -1.1200]) after step 2 (0.1 * 1.2), unchanged by step 3
    expect(await cell(`const w = nn.Parameter(torch.tensor([1., -1.])); const opt = optim.Rprop([w], {lr: 0.1});
for (const f of [(w) => (w * 2).sum(), (w) => (w * 2).sum(), (w) => (-w).sum()]) { opt.zero_grad(); f(w).backward(); opt.step(); }
w.detach()`)).toBe('tensor([ 0.7800, -1.2200])');
  });
});

describe('get_submodule / get_parameter / get_buffer as PyTorch', () => {
  it("find by dotted path; a wrong path is PyTorch's AttributeError (get_buffer was missing, errors were RuntimeError)", async () => {
    // m = nn.Sequential(nn.Linear(2, 2, bias=False), nn.BatchNorm1d(2)); each call below as in PyTorch 1.13
    const m = 'const m = nn.Sequential(nn.Linear(2, 2, {bias: false}), nn.BatchNorm1d(2));';
    const want: [string, string][] = [
      ["m.get_buffer('1.running_mean')", 'tensor([0., 0.])'],
      ["m.get_buffer('1.num_batches_tracked')", 'tensor(0)'],
      ["m.get_submodule('2')", 'AttributeError: Sequential has no attribute `2`'],
      ["m.get_parameter('0.bias')", 'AttributeError: `bias` is not an nn.Parameter'],
      ["m.get_parameter('0.foo')", 'AttributeError: Linear has no attribute `foo`'],
      ["m.get_buffer('1.weight')", 'AttributeError: `weight` is not a buffer'],
      ["m.get_parameter('1.running_mean')", 'AttributeError: `running_mean` is not an nn.Parameter'],
      ["m.get_submodule('0.weight')", 'AttributeError: `weight` is not an nn.Module'],
    ];
    for (const [code, out] of want) expect(await cell(`${m} ${code}`), code).toBe(out);
  });
});

describe('RNN argument errors as PyTorch', () => {
  it("LSTM checks h_0 and c_0's ranks together; an unknown nonlinearity is a ValueError", async () => {
    // nn.LSTM(2, 3)(torch.zeros(5, 2), (torch.zeros(1, 1, 3), torch.zeros(1, 3)))
    expect(await cell('nn.LSTM(2, 3)(torch.zeros(5, 2), [torch.zeros(1, 1, 3), torch.zeros(1, 3)])'))
      .toBe('RuntimeError: For unbatched 2-D input, hx and cx should also be 2-D but got (3-D, 2-D) tensors');
    expect(await cell('nn.LSTM(2, 3)(torch.zeros(5, 1, 2), [torch.zeros(1, 3), torch.zeros(1, 3)])'))
      .toBe('RuntimeError: For batched 3-D input, hx and cx should also be 3-D but got (2-D, 2-D) tensors');
    // nn.GRU(2, 3)(torch.zeros(5, 1, 2), torch.zeros(1, 3))
    expect(await cell('nn.GRU(2, 3)(torch.zeros(5, 1, 2), torch.zeros(1, 3))')).toBe('RuntimeError: For batched 3-D input, hx should also be 3-D but got 2-D tensor');
    // nn.RNN(2, 2, nonlinearity='sigmoid') -> ValueError (2.x's words: "… Select from 'tanh' or 'relu'.")
    expect(await cell("nn.RNN(2, 2, {nonlinearity: 'sigmoid'})")).toBe("ValueError: Unknown nonlinearity 'sigmoid'. Select from 'tanh' or 'relu'.");
  });
});

describe('lr_scheduler arguments as PyTorch', () => {
  it('resuming without initial_lr is KeyError (it ran on silently with base_lrs undefined and the lr changed)', async () => {
    // opt = optim.SGD([w], lr=0.1); optim.lr_scheduler.StepLR(opt, 2, last_epoch=3)
    expect(await cell('const opt = optim.SGD([nn.Parameter(torch.ones(1))], {lr: 0.1}); optim.lr_scheduler.StepLR(opt, 2, {last_epoch: 3})'))
      .toBe(`KeyError: "param 'initial_lr' is not specified in param_groups[0] when resuming an optimizer"`);
    // and the lr is untouched by the failed construction
    expect(await cell('const opt = optim.SGD([nn.Parameter(torch.ones(1))], {lr: 0.1}); try { optim.lr_scheduler.StepLR(opt, 2, {last_epoch: 3}); } catch (e) {} opt.param_groups[0].lr')).toBe('0.1');
    // resuming with initial_lr set works: StepLR(opt, 2, last_epoch=3) after opt.param_groups[0]['initial_lr'] = 0.1 -> lr 0.010000000000000002 (epoch 4)
    expect(await cell("const opt = optim.SGD([nn.Parameter(torch.ones(1))], {lr: 0.1}); opt.param_groups[0]['initial_lr'] = 0.1; const s = optim.lr_scheduler.StepLR(opt, 2, {last_epoch: 3}); [s.last_epoch, opt.param_groups[0].lr]"))
      .toBe('[ 4, 0.010000000000000002 ]');
  });

  it('a non-optimizer is TypeError; bad settings are ValueErrors (were RuntimeError)', async () => {
    // optim.lr_scheduler.StepLR(nn.Linear(1, 1), 2) -> TypeError: Linear is not an Optimizer
    expect(await cell('optim.lr_scheduler.StepLR(nn.Linear(1, 1), 2)')).toBe('TypeError: Linear is not an Optimizer');
    expect(await cell('optim.lr_scheduler.ReduceLROnPlateau(nn.Linear(1, 1))')).toBe('TypeError: Linear is not an Optimizer');
    expect(await cell('optim.lr_scheduler.OneCycleLR(null, {max_lr: 0.1, total_steps: 3})')).toBe('TypeError: NoneType is not an Optimizer');
    const opt = "const opt = optim.SGD([{'params': [nn.Parameter(torch.ones(1))]}, {'params': [nn.Parameter(torch.ones(1))]}], {lr: 0.1});";
    const want: [string, string][] = [
      ['optim.lr_scheduler.LambdaLR(opt, [(e) => 1.0])', 'ValueError: Expected 2 lr_lambdas, but got 1'],
      ['optim.lr_scheduler.ReduceLROnPlateau(opt, {factor: 1.0})', 'ValueError: Factor should be < 1.0.'],
      ["optim.lr_scheduler.ReduceLROnPlateau(opt, {mode: 'avg'})", 'ValueError: mode avg is unknown!'],
      ["optim.lr_scheduler.ReduceLROnPlateau(opt, {threshold_mode: 'x'})", 'ValueError: threshold mode x is unknown!'],
      ['optim.lr_scheduler.ReduceLROnPlateau(opt, {min_lr: [0.1]})', 'ValueError: expected 2 min_lrs, got 1'],
      ['optim.lr_scheduler.OneCycleLR(opt, {max_lr: 0.1})', 'ValueError: You must define either total_steps OR (epochs AND steps_per_epoch)'],
      ['optim.lr_scheduler.CosineAnnealingWarmRestarts(opt, {T_0: 0})', 'ValueError: Expected positive integer T_0, but got 0'],
    ];
    for (const [code, out] of want) expect(await cell(`${opt} ${code}`), code).toBe(out);
  });
});

describe('Embedding padding_idx range as PyTorch', () => {
  it("is PyTorch's AssertionError everywhere (F.embedding ignored it silently)", async () => {
    // nn.Embedding(3, 2, padding_idx=3); F.embedding(torch.tensor([0]), torch.ones(3, 2), padding_idx=3); nn.EmbeddingBag(3, 2, padding_idx=3)
    expect(await cell('nn.Embedding(3, 2, {padding_idx: 3})')).toBe('AssertionError: Padding_idx must be within num_embeddings');
    expect(await cell('nn.Embedding(3, 2, {padding_idx: -4})')).toBe('AssertionError: Padding_idx must be within num_embeddings');
    expect(await cell('F.embedding(torch.tensor([0]), torch.ones(3, 2), {padding_idx: 3})')).toBe('AssertionError: Padding_idx must be within num_embeddings');
    expect(await cell('nn.EmbeddingBag(3, 2, {padding_idx: 3})')).toBe('AssertionError: padding_idx must be within num_embeddings');
    // F.embedding_bag(torch.tensor([0]), torch.ones(3, 2), torch.tensor([0]), padding_idx=3)
    expect(await cell('F.embedding_bag(torch.tensor([0]), torch.ones(3, 2), torch.tensor([0]), {padding_idx: 3})'))
      .toBe('RuntimeError: padding_idx must be within the number of embeddings, -3 through 2, but got 3');
    // F.embedding(torch.tensor([0, 2]), w, padding_idx=-1): row 2 gets no gradient
    expect(await cell('const w = torch.ones(3, 2, {requires_grad: true}); F.embedding(torch.tensor([0, 2]), w, {padding_idx: -1}).sum().backward(); w.grad'))
      .toBe('tensor([[1., 1.],\n        [0., 0.],\n        [0., 0.]])');
  });
});

describe('ModuleDict / ParameterDict missing keys', () => {
  it("are Python's KeyError (ModuleDict's was 'RuntimeError: KeyError: ...')", async () => {
    // d = nn.ModuleDict({'a': nn.Linear(1, 1)}); d.pop('b') -> KeyError: 'b'
    expect(await cell("const d = nn.ModuleDict({'a': nn.Linear(1, 1)}); d.pop('b')")).toBe("KeyError: 'b'");
    expect(await cell("const d = nn.ModuleDict({'a': nn.Linear(1, 1)}); d.get('b')")).toBe("KeyError: 'b'");
    // 2.x: nn.ParameterDict({'a': ...})['b'] -> KeyError: 'b'
    expect(await cell("const p = nn.ParameterDict({'a': nn.Parameter(torch.ones(1))}); p.get('b')")).toBe("KeyError: 'b'");
  });
});
