// Parity of the next lessons' cells with PyTorch 1.13, found by differential probing: each cell
// below was run as its Python twin (quoted in the comment) with /usr/bin/python3 and torch 1.13;
// the expected string is what PyTorch printed (its repr, or `Class: message` for an error).
import { describe, expect, it } from 'vitest';
import { textKernel } from './test-kernel';

const cell = async (code: string) => textKernel().run(code);

describe('setitem (t[...] = v) as PyTorch', () => {
  it('an int/slice in the index writes through a view: CopySlices, "a view of a leaf" (was IndexPutBackward0)', async () => {
    // x = torch.ones(3, requires_grad=True); y = x * 2; y[0] = 0; y
    expect(await cell('const x = torch.ones(3, {requires_grad: true}); const y = x * 2; y[0] = 0; y'))
      .toBe('tensor([0., 2., 2.], grad_fn=<CopySlices>)');
    // y[:, [0]] = 0 is also a copy into the view y[:]: CopySlices
    expect(await cell("const x = torch.ones(3, 3, {requires_grad: true}); const y = x * 2; y.index_put_([':', [0]], 0); y.grad_fn.name()"))
      .toBe("'torch::autograd::CopySlices'"); // y.grad_fn.name() in PyTorch
    // only index tensors/lists/masks: index_put_ itself
    expect(await cell('const x = torch.ones(3, {requires_grad: true}); const y = x * 2; y[[0]] = 0; y'))
      .toBe('tensor([0., 2., 2.], grad_fn=<IndexPutBackward0>)');
    // x = torch.ones(3, requires_grad=True); x[0] = 5
    expect(await cell('const x = torch.ones(3, {requires_grad: true}); x[0] = 5'))
      .toBe('RuntimeError: a view of a leaf Variable that requires grad is being used in an in-place operation.');
    // x[x > 0] = 5
    expect(await cell('const x = torch.ones(3, {requires_grad: true}); x[x > 0] = 5'))
      .toBe('RuntimeError: a leaf Variable that requires grad is being used in an in-place operation.');
  });

  it("a value that does not fit a basic index is copy_'s expand error; leading 1s of the value are dropped", async () => {
    // x = torch.zeros(2, 3); x[0] = torch.tensor([1., 2.])
    expect(await cell('const x = torch.zeros(2, 3); x[0] = torch.tensor([1., 2.]); x'))
      .toBe('RuntimeError: The expanded size of the tensor (3) must match the existing size (2) at non-singleton dimension 0.  Target sizes: [3].  Tensor sizes: [2]');
    // z = torch.zeros(2,3); z[0] = torch.ones(1,3); z   (was a shape mismatch error)
    expect(await cell('const z = torch.zeros(2,3); z[0] = torch.ones(1,3); z'))
      .toBe('tensor([[1., 1., 1.],\n        [0., 0., 0.]])');
    // z[[0]] = torch.ones(1,1,3)
    expect(await cell('const z = torch.zeros(2,3); z[[0]] = torch.ones(1,1,3); z'))
      .toBe('tensor([[1., 1., 1.],\n        [0., 0., 0.]])');
    // z[[0]] = torch.ones(2,1,3)
    expect(await cell('const z = torch.zeros(2,3); z[[0]] = torch.ones(2,1,3); z'))
      .toBe('RuntimeError: shape mismatch: value tensor of shape [2, 1, 3] cannot be broadcast to indexing result of shape [1, 3]');
    // v = torch.ones(1,3, requires_grad=True); y = torch.zeros(2,3)*1; y[0] = v*2; y.sum().backward(); v.grad
    expect(await cell('const v = torch.ones(1,3, {requires_grad: true}); const y = torch.zeros(2,3)*1; y[0] = v*2; y.sum().backward(); v.grad'))
      .toBe('tensor([[2., 2., 2.]])');
  });
});

describe('indexing errors as PyTorch', () => {
  it('a mask of the wrong shape and a float index tensor are IndexError (were RuntimeError)', async () => {
    // x = torch.arange(6).reshape(2, 3); x[torch.tensor([True, False, True])]
    expect(await cell('const x = torch.arange(6).reshape(2, 3); x[torch.tensor([true, false, true])]'))
      .toBe('IndexError: The shape of the mask [3] at index 0 does not match the shape of the indexed tensor [2, 3] at index 0');
    // x[torch.tensor([1.])]: 1.13 says "long, byte or bool", 2.x "long, int, byte or bool" (ours)
    expect(await cell('const x = torch.arange(10); x[torch.tensor([1.])]'))
      .toBe('IndexError: tensors used as indices must be long, int, byte or bool tensors');
  });
});

describe('reductions and shape ops as PyTorch', () => {
  it('an empty dim list reduces every dim (was: the tensor unchanged, var/std inf)', async () => {
    // x = torch.arange(6.).reshape(2,3); [torch.sum(x, ()), torch.mean(x, ()), torch.amax(x, ()), torch.var(x, ()), torch.std(x, ()), torch.count_nonzero(x, ()), x.norm(dim=())]
    // -> tensor(15.) tensor(2.5000) tensor(5.) tensor(3.5000) tensor(1.8708) tensor(5) tensor(7.4162)
    const want: [string, string][] = [['torch.sum(x, [])', 'tensor(15.)'], ['torch.mean(x, [])', 'tensor(2.5000)'], ['torch.nansum(x, [])', 'tensor(15.)'],
      ['torch.amax(x, [])', 'tensor(5.)'], ['torch.amin(x, [])', 'tensor(0.)'], ['torch.var(x, [])', 'tensor(3.5000)'], ['torch.std(x, [])', 'tensor(1.8708)'],
      ['torch.count_nonzero(x, [])', 'tensor(5)'], ['x.norm({dim: []})', 'tensor(7.4162)'], ['x.sum([], {keepdim: true}).shape', 'torch.Size([1, 1])']];
    for (const [code, out] of want) expect(await cell(`const x = torch.arange(6.).reshape(2,3); ${code}`), code).toBe(out);
  });

  it("permute with a repeated dim is PyTorch's error; view(dtype) fails loudly", async () => {
    // torch.zeros(2, 3).permute(0, 0)
    expect(await cell('torch.zeros(2, 3).permute(0, 0)')).toBe('RuntimeError: permute(): duplicate dims are not allowed.');
    // torch.zeros(4).view(torch.int32) reinterprets bits in PyTorch: not implemented here (was "invalid shape dimension")
    expect(await cell('torch.zeros(4).view(torch.int32)')).toMatch(/^NotImplementedError: Tensor.view\(dtype\)/);
  });
});

describe('loss and layer errors as PyTorch', () => {
  it('cross_entropy / nll_loss name a target of the wrong integer dtype (were: gather(): Expected dtype int64 for index); uint8 targets work', async () => {
    // F.cross_entropy(torch.zeros(2, 3), torch.tensor([0, 1], dtype=torch.int32)) -> RuntimeError: expected scalar type Long but found Int
    for (const [dt, name] of [['int32', 'Int'], ['int16', 'Short'], ['int8', 'Char'], ['bool', 'Bool']])
      for (const f of ['cross_entropy', 'nll_loss'])
        expect(await cell(`F.${f}(torch.zeros(2, 3), torch.tensor([0, 1], {dtype: torch.${dt}}))`)).toBe(`RuntimeError: expected scalar type Long but found ${name}`);
    // F.cross_entropy(torch.tensor([[1., 2., 3.], [1., 0., -1.]]), torch.tensor([2, 0], dtype=torch.uint8)) -> tensor(0.4076); nll_loss -> tensor(-2.)
    expect(await cell('F.cross_entropy(torch.tensor([[1., 2., 3.], [1., 0., -1.]]), torch.tensor([2, 0], {dtype: torch.uint8}))')).toBe('tensor(0.4076)');
    expect(await cell('F.nll_loss(torch.tensor([[1., 2., 3.], [1., 0., -1.]]), torch.tensor([2, 0], {dtype: torch.uint8}))')).toBe('tensor(-2.)');
  });

  it("nn.Linear on an int64 batch is addmm's dtype error (was mm's 'expected m1 and m2 …')", async () => {
    // nn.Linear(3, 2)(torch.zeros(4, 3, dtype=torch.long)) -> RuntimeError: mat1 and mat2 must have the same dtype (1.13; 2.x adds ", but got Long and Float")
    expect(await cell('nn.Linear(3, 2)(torch.zeros([4, 3], {dtype: torch.long}))')).toBe('RuntimeError: mat1 and mat2 must have the same dtype, but got Long and Float');
    expect(await cell('nn.Linear(3, 2)(torch.zeros([4, 3], {dtype: torch.float64}))')).toBe('RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float');
  });
});

describe('tensor creation as PyTorch', () => {
  it('rand/randn and uniform_/normal_ refuse integer and bool dtypes (rand_like(int_t) gave zeros)', async () => {
    // x = torch.tensor([[1, 2], [3, 4]]); torch.rand_like(x) -> RuntimeError: "check_uniform_bounds" not implemented for 'Long'
    const want: [string, string][] = [
      ['torch.rand_like(torch.tensor([[1, 2], [3, 4]]))', `RuntimeError: "check_uniform_bounds" not implemented for 'Long'`],
      ['torch.randn_like(torch.tensor([[1, 2], [3, 4]]))', `RuntimeError: "normal_kernel_cpu" not implemented for 'Long'`],
      ['torch.randn(2, {dtype: torch.int32})', `RuntimeError: "normal_kernel_cpu" not implemented for 'Int'`],
      ['torch.rand(2, {dtype: torch.bool})', `RuntimeError: "check_uniform_bounds" not implemented for 'Bool'`],
      ['torch.empty(2, {dtype: torch.long}).uniform_()', `RuntimeError: "check_uniform_bounds" not implemented for 'Long'`],
      ['torch.empty(2, {dtype: torch.long}).normal_()', `RuntimeError: "normal_kernel_cpu" not implemented for 'Long'`],
      // torch.rand_like(x, dtype=torch.float).shape -> torch.Size([2, 2])
      ['torch.rand_like(torch.tensor([[1, 2], [3, 4]]), {dtype: torch.float}).shape', 'torch.Size([2, 2])'],
    ];
    for (const [code, out] of want) expect(await cell(code), code).toBe(out);
  });

  it('a ragged list is ValueError naming its dim; a number among lists TypeError', async () => {
    const want: [string, string][] = [
      ['torch.tensor([[1, 2], [3]])', 'ValueError: expected sequence of length 2 at dim 1 (got 1)'],
      ['torch.tensor([[[1, 2], [3, 4]], [[1, 2], [3]]])', 'ValueError: expected sequence of length 2 at dim 2 (got 1)'],
      ['torch.tensor([[1, 2], 3])', 'TypeError: not a sequence'],
      ["torch.tensor([3, [1, 2]])", "TypeError: 'list' object cannot be interpreted as an integer"],
      // torch.utils.data.TensorDataset(torch.zeros(3), torch.zeros(4)) -> AssertionError: Size mismatch between tensors
      ['utils.data.TensorDataset(torch.zeros(3), torch.zeros(4))', 'AssertionError: Size mismatch between tensors'],
    ];
    for (const [code, out] of want) expect(await cell(code), code).toBe(out);
  });
});

describe("a tensor as a list index, as Python's __index__ (the CIFAR lesson's classes[labels[j]])", () => {
  it('reads, writes and counts through integer tensors of one element (was undefined, silently)', async () => {
    // classes = ('plane', 'car', 'bird'); labels = torch.tensor([2, 0]); ' '.join(classes[labels[j]] for j in range(2)) -> 'bird plane'
    expect(await cell("const classes = ['plane', 'car', 'bird']; const labels = torch.tensor([2, 0]); [0, 1].map(j => classes[labels[j]]).join(' ')")).toBe("'bird plane'");
    // for label, prediction in zip(labels, predictions): if label == prediction: correct_pred[classes[label]] += 1 -> {'a': 1, 'b': 1}
    expect(await cell(`const classes = ['a', 'b']; const correct_pred = {a: 0, b: 0};
const labels = torch.tensor([0, 1, 1]); const predictions = torch.tensor([0, 0, 1]);
for (const [label, prediction] of zip(labels, predictions)) { if (label == prediction) correct_pred[classes[label]] += 1; }
correct_pred`)).toBe('{ a: 1, b: 1 }');
    // l = ['a', 'b', 'c']; [l[torch.tensor(-1)], l[torch.tensor([2])], l[torch.tensor(True)]] -> ['c', 'c', 'b']
    expect(await cell("const l = ['a', 'b', 'c']; [l[torch.tensor(-1)], l[torch.tensor([2])], l[torch.tensor(true)]]")).toBe("[ 'c', 'c', 'b' ]");
    // l[torch.tensor(0)] = 'z' -> ['z', 'b', 'c']; l[torch.tensor(0)] += 5 on [1, 2, 3] -> [6, 2, 3]
    expect(await cell("const l = ['a', 'b', 'c']; l[torch.tensor(0)] = 'z'; l")).toBe("[ 'z', 'b', 'c' ]");
    expect(await cell('const l = [1, 2, 3]; l[torch.tensor(0)] += 5; l')).toBe('[ 6, 2, 3 ]');
  });

  it("float or multi-element tensors are Python's TypeError; out of range IndexError", async () => {
    // l[torch.tensor(1.)] -> TypeError: only integer tensors of a single element can be converted to an index
    expect(await cell("const l = ['a', 'b', 'c']; l[torch.tensor(1.)]")).toBe('TypeError: only integer tensors of a single element can be converted to an index');
    expect(await cell("const l = ['a', 'b', 'c']; l[torch.tensor([0, 1])]")).toBe('TypeError: only integer tensors of a single element can be converted to an index');
    // l[torch.tensor(5)] -> IndexError: list index out of range
    expect(await cell("const l = ['a', 'b', 'c']; l[torch.tensor(5)]")).toBe('IndexError: list index out of range');
  });
});

describe('nn.Parameter as PyTorch', () => {
  it('honours requires_grad given by name (it was ignored: the parameter required grad)', async () => {
    // torch.nn.Parameter(torch.tensor([1., 2.]), requires_grad=False) -> Parameter containing:\ntensor([1., 2.])
    expect(await cell('nn.Parameter(torch.tensor([1., 2.]), {requires_grad: false})')).toBe('Parameter containing:\ntensor([1., 2.])');
    expect(await cell('nn.Parameter(torch.tensor([1, 2]), {requires_grad: false})')).toBe('Parameter containing:\ntensor([1, 2])');
    // torch.nn.Parameter(torch.tensor([1, 2])) -> RuntimeError: Only Tensors of floating point and complex dtype can require gradients
    expect(await cell('nn.Parameter(torch.tensor([1, 2]))')).toBe('RuntimeError: Only Tensors of floating point and complex dtype can require gradients');
  });
});

describe('boolean keywords given by name', () => {
  it('torch.set_grad_enabled({mode: false}) turns grad off (the object was stored as a truthy grad mode)', async () => {
    // torch.set_grad_enabled(mode=False); torch.is_grad_enabled() -> False
    expect(await cell('torch.set_grad_enabled({mode: false}); const r = torch.is_grad_enabled(); torch.set_grad_enabled(true); r')).toBe('false');
    // torch.set_grad_enabled('yes') -> TypeError: enabled must be a bool (got str)
    expect(await cell("torch.set_grad_enabled('yes')")).toBe('TypeError: enabled must be a bool (got str)');
  });

  it('model.train({mode: false}) (was an error); a non-bool mode and SGD nesterov without momentum are ValueError', async () => {
    // m = nn.Linear(2, 2); m.train(mode=False); m.training -> False
    expect(await cell('const m = nn.Linear(2, 2); m.train({mode: false}); m.training')).toBe('false');
    // m.train('no') -> ValueError: training mode is expected to be boolean
    expect(await cell("nn.Linear(2, 2).train('no')")).toBe('ValueError: training mode is expected to be boolean');
    // torch.optim.SGD(m.parameters(), lr=0.1, nesterov=True) -> ValueError: Nesterov momentum requires a momentum and zero dampening
    expect(await cell('optim.SGD(nn.Linear(2, 2).parameters(), {lr: 0.1, nesterov: true})')).toBe('ValueError: Nesterov momentum requires a momentum and zero dampening');
  });
});

describe('datasets the lessons name but the app does not ship', () => {
  it('FashionMNIST and CIFAR10 fail loudly with NotImplementedError (were "is not a function")', async () => {
    expect(await cell('await datasets.FashionMNIST({root: "data", train: true, download: true})')).toMatch(/^NotImplementedError: torchvision.datasets.FashionMNIST is not available in Torchlit/);
    expect(await cell("datasets.CIFAR10('./data')")).toMatch(/^NotImplementedError: torchvision.datasets.CIFAR10 is not available in Torchlit/);
  });
});

describe('CIFAR-classifier errors as PyTorch', () => {
  it("Conv2d on a float64 or int64 batch names PyTorch's types (was 'Input type (torch.float64) and weight type …')", async () => {
    // nn.Conv2d(1, 1, 3)(torch.zeros(1, 1, 5, 5, dtype=torch.float64)) -> RuntimeError: Input type (double) and bias type (float) should be the same
    expect(await cell('nn.Conv2d(1, 1, 3)(torch.zeros([1, 1, 5, 5], {dtype: torch.float64}))')).toBe('RuntimeError: Input type (double) and bias type (float) should be the same');
    expect(await cell('nn.Conv2d(1, 1, 3)(torch.zeros([1, 1, 5, 5], {dtype: torch.long}))')).toBe('RuntimeError: Input type (long int) and bias type (float) should be the same');
    // without a bias: RuntimeError: expected scalar type Double but found Float (ConvTranspose2d names the weight first)
    expect(await cell('nn.Conv2d(1, 1, 3, {bias: false})(torch.zeros([1, 1, 5, 5], {dtype: torch.float64}))')).toBe('RuntimeError: expected scalar type Double but found Float');
    expect(await cell('nn.ConvTranspose2d(1, 1, 3)(torch.zeros([1, 1, 5, 5], {dtype: torch.float64}))')).toBe('RuntimeError: expected scalar type Double but found Float');
  });

  it('cross_entropy with a one-hot integer target of the input shape asks for floats, as PyTorch', async () => {
    // F.cross_entropy(torch.zeros(2, 3), torch.tensor([[0, 1, 0], [1, 0, 0]])) -> RuntimeError: Expected floating point type for target with class probabilities, got Long
    expect(await cell('F.cross_entropy(torch.zeros(2, 3), torch.tensor([[0, 1, 0], [1, 0, 0]]))')).toBe('RuntimeError: Expected floating point type for target with class probabilities, got Long');
    // a 2-D target of another shape: RuntimeError: 0D or 1D target tensor expected, multi-target not supported
    expect(await cell('F.cross_entropy(torch.zeros(2, 3), torch.tensor([[0, 1], [1, 0]]))')).toBe('RuntimeError: 0D or 1D target tensor expected, multi-target not supported');
  });
});
