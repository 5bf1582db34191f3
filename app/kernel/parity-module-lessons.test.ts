// Parity of the transfer-learning, Datasets and nn.Module-mechanics lessons' cells with PyTorch 1.13
// (helper hA, session 10's differential probes): each cell was run as its Python twin (quoted in
// the comment) with /usr/bin/python3, torch 1.13 and torchvision 0.14; the expected string is what
// PyTorch printed (its repr, or `Class: message` for an error). JavaScript prints `5` for 5.0.
import { describe, expect, it } from 'vitest';
import { textKernel } from './test-kernel';

const cell = async (code: string) => textKernel().run(code);

describe('int(), float() and bool() are cell builtins, as Python\'s (were ReferenceErrors)', () => {
  it('convert one-element tensors, numbers and strings', async () => {
    // x = torch.tensor([2.5]); int(x.item()) -> 2
    expect(await cell('const x = torch.tensor([2.5]); int(x.item())')).toBe('2');
    // float(torch.tensor(2.5)) * 2 -> 5.0
    expect(await cell('float(torch.tensor(2.5)) * 2')).toBe('5');
    // (int(torch.tensor([3.7])), int(torch.tensor(-3.7)), int(torch.tensor(True)), int(torch.tensor([[5]]))) -> (3, -3, 1, 5)
    expect(await cell('[int(torch.tensor([3.7])), int(torch.tensor(-3.7)), int(torch.tensor(true)), int(torch.tensor([[5]]))]')).toBe('[ 3, -3, 1, 5 ]');
    // (bool(torch.tensor([1.])), bool(torch.tensor(0)), bool([]), bool(''), bool([0]), bool(0.0)) -> (True, False, False, False, True, False)
    expect(await cell("[bool(torch.tensor([1.])), bool(torch.tensor(0)), bool([]), bool(''), bool([0]), bool(0.0)]")).toBe('[ true, false, false, false, true, false ]');
    // float('1e-3') + int('12') + int(' -7 ') + float('  .5') + int('1_000') -> 1005.501
    expect(await cell("float('1e-3') + int('12') + int(' -7 ') + float('  .5') + int('1_000')")).toBe('1005.501');
    // (int('ff', 16), int('0x1F', 16), int('101', 2), int('-z', 36)) -> (255, 31, 5, -35); (int(-2.7), int(True), int()) -> (-2, 1, 0)
    expect(await cell("[int('ff', 16), int('0x1F', 16), int('101', 2), int('-z', 36), int(-2.7), int(true), int()].join(' ')")).toBe("'255 31 5 -35 -2 1 0'");
    // (float('inf'), float('-Infinity'), float('nan') != float('nan')) -> (inf, -inf, True)
    expect(await cell("[float('inf'), float('-Infinity'), float('nan') != float('nan')]")).toBe('[ Infinity, -Infinity, true ]');
  });
  it('raise Python\'s and PyTorch\'s errors', async () => {
    const cases: [string, string][] = [
      ['int(torch.tensor([3.7, 1]))', 'ValueError: only one element tensors can be converted to Python scalars'],
      ['float(torch.ones(0))', 'ValueError: only one element tensors can be converted to Python scalars'],
      ['bool(torch.tensor([1., 0.]))', 'RuntimeError: Boolean value of Tensor with more than one value is ambiguous'],
      ['bool(torch.tensor([]))', 'RuntimeError: Boolean value of Tensor with no values is ambiguous'],
      ["int('1.5')", "ValueError: invalid literal for int() with base 10: '1.5'"],
      [`int("it's")`, `ValueError: invalid literal for int() with base 10: "it's"`],
      ["float('abc')", "ValueError: could not convert string to float: 'abc'"],
      ["int(float('nan'))", 'ValueError: cannot convert float NaN to integer'],
      ["int(float('inf'))", 'OverflowError: cannot convert float infinity to integer'],
      ['int(5, 2)', "TypeError: int() can't convert non-string with explicit base"],
    ];
    for (const [code, want] of cases) expect(await cell(code), code).toBe(want);
  });
});

describe('ModuleDict / ParameterDict lookups and module names, as PyTorch', () => {
  it('a missing key is PyTorch\'s error (JavaScript read undefined)', async () => {
    // d = nn.ModuleDict({'a': nn.Linear(1,1)}); d['b'] -> KeyError: 'b'
    expect(await cell("const d = nn.ModuleDict({'a': nn.Linear(1,1)}); d['b']")).toBe("KeyError: 'b'");
    expect(await cell("const d = nn.ModuleDict({'a': nn.Linear(1,1)}); const k = 'zz'; d[k]")).toBe("KeyError: 'zz'");
    // the Modules note's forward: self.acts[a](x) with a missing a -> KeyError: 'sigmoid' (was "is not a function")
    expect(await cell("class M extends nn.Module { constructor() { super(); this.acts = nn.ModuleDict({'relu': nn.ReLU(), 'tanh': nn.Tanh()}); } forward(x, a) { return this.acts[a](x); } }\n" +
      "const m = new M(); print(m(torch.tensor([-1., 1.]), 'relu')); m(torch.tensor([-1., 1.]), 'sigmoid')")).toBe("KeyError: 'sigmoid'");
    // d['a'] = nn.ReLU(); d['b'] = nn.Tanh(); (d['a'], d['b'], len(d)) -> (ReLU(), Tanh(), 2)
    expect(await cell("const d = nn.ModuleDict({'a': nn.Linear(1,1)}); d['a'] = nn.ReLU(); d['b'] = nn.Tanh(); [d['a'], d['b'], len(d)]")).toBe('[ ReLU(), Tanh(), 2 ]');
    // nn.ParameterDict({'a': nn.Parameter(torch.ones(1))})['b'] -> AttributeError: 'ParameterDict' object has no attribute 'b'
    expect(await cell("const d = nn.ParameterDict({'a': nn.Parameter(torch.ones(1))}); d['b']")).toBe("AttributeError: 'ParameterDict' object has no attribute 'b'");
    // a state dict is a plain object: sd['weight'] reads as before
    expect(await cell("const sd = nn.Linear(1, 1).state_dict(); [sd['weight'].shape, 'bias' in sd]")).toBe('[ torch.Size([1, 1]), true ]');
  });
  it('bad module, parameter and buffer names are KeyErrors (were RuntimeErrors)', async () => {
    const cases: [string, string][] = [
      // nn.Module().add_module('a.b', nn.Linear(1, 2))
      ["new nn.Module().add_module('a.b', nn.Linear(1, 2))", `KeyError: 'module name can\\'t contain ".", got: a.b'`],
      ["new nn.Module().add_module('', nn.Linear(1, 2))", `KeyError: 'module name can\\'t be empty string ""'`],
      ["new nn.Module().register_buffer('a.b', torch.ones(1))", `KeyError: 'buffer name can\\'t contain "."'`],
      ["new nn.Module().register_parameter('', null)", `KeyError: 'parameter name can\\'t be empty string ""'`],
      // nn.Linear(1, 1).register_buffer('weight', torch.ones(1))
      ["nn.Linear(1, 1).register_buffer('weight', torch.ones(1))", `KeyError: "attribute 'weight' already exists"`],
    ];
    for (const [code, want] of cases) expect(await cell(code), code).toBe(want);
  });
});

describe('register_full_backward_hook, as PyTorch (was NotImplementedError)', () => {
  const shapesHook = "const shapes = []; m.register_full_backward_hook((mod, gi, go) => { shapes.push(JSON.stringify([gi.map((g) => g === null ? null : [...g.shape]), go.map((g) => [...g.shape])])); });";
  it('gives grad_input / grad_output (None for an input without grad) and names the node BackwardHookFunctionBackward', async () => {
    // m = nn.Linear(3, 2); hook appends shapes; out = m(torch.ones(4, 3, requires_grad=True)); out.sum().backward()
    // -> ([([(4, 3)], [(4, 2)])], 'BackwardHookFunctionBackward')
    expect(await cell(`const m = nn.Linear(3, 2); ${shapesHook} const out = m(torch.ones(4, 3, {requires_grad: true})); out.sum().backward(); [shapes, out.grad_fn.name()]`))
      .toBe("[ [ '[[[4,3]],[[4,2]]]' ], 'BackwardHookFunctionBackward' ]");
    // an input without grad: [([None], [(4, 2)])], and the weight's gradient is unchanged: [[4., 4., 4.], [4., 4., 4.]]
    expect(await cell(`const m = nn.Linear(3, 2); ${shapesHook} m(torch.ones(4, 3)).sum().backward(); [shapes, m.weight.grad]`))
      .toBe("[\n  [ '[[null],[[4,2]]]' ],\n  tensor([[4., 4., 4.],\n          [4., 4., 4.]])\n]");
    // a hook on Tanh inside a Sequential sees PyTorch's values; the gradients are unchanged
    const net = 'const m = nn.Sequential(nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 1)); torch.no_grad(() => { m[0].weight.copy_(torch.tensor([[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]])); m[0].bias.fill_(0.1); m[2].weight.copy_(torch.tensor([[0.7, -0.8, 0.9]])); m[2].bias.fill_(0.); });';
    // -> gi tensor([[ 0.6727, -0.2440,  0.5031]]), go tensor([[ 0.7000, -0.8000,  0.9000]]), x.grad tensor([[-0.2575,  0.0697]])
    expect(await cell(`${net} const got = []; m[1].register_full_backward_hook((mod, gi, go) => { got.push(gi[0].clone(), go[0].clone()); }); const x = torch.tensor([[1., 2.]], {requires_grad: true}); m(x).sum().backward(); [...got, x.grad]`))
      .toBe('[\n  tensor([[ 0.6727, -0.2440,  0.5031]]),\n  tensor([[ 0.7000, -0.8000,  0.9000]]),\n  tensor([[-0.2575,  0.0697]])\n]');
  });
  it('a returned grad_input replaces it for the next hook and the input; the wrong count is PyTorch\'s error; handle.remove()', async () => {
    // hook returns (gi[0] * 0 + 7,) -> x.grad tensor([[7., 7., 7.]])
    expect(await cell('const m = nn.Linear(3, 2); m.register_full_backward_hook((mod, gi, go) => [gi[0] * 0 + 7]); const x = torch.ones(1, 3, {requires_grad: true}); m(x).sum().backward(); x.grad'))
      .toBe('tensor([[7., 7., 7.]])');
    // two hooks: the second sees the first's (gi[0]*2,) -> ([tensor([[2., 2.]])], tensor([[2., 2.]]))
    expect(await cell('const m3 = nn.Linear(2,1, {bias: false}); torch.no_grad(() => m3.weight.fill_(1.)); const seen = []; m3.register_full_backward_hook((mod, gi, go) => [gi[0]*2]); m3.register_full_backward_hook((mod, gi, go) => { seen.push(gi[0].clone()); }); const x = torch.ones(1, 2, {requires_grad: true}); m3(x).sum().backward(); [seen, x.grad]'))
      .toBe('[ [ tensor([[2., 2.]]) ], tensor([[2., 2.]]) ]');
    expect(await cell('const m4 = nn.Linear(2,1); m4.register_full_backward_hook((mod, gi, go) => [gi[0], gi[0]]); m4(torch.ones(1, 2, {requires_grad: true})).sum().backward()'))
      .toBe('RuntimeError: Backward hook returned an invalid number of grad_input, got 2, but expected 1');
    // child before parent; after h.remove() only the child: ['lin', 'seq', 'lin']
    expect(await cell("const s = nn.Sequential(nn.Linear(2,2), nn.ReLU()); const calls = []; s[0].register_full_backward_hook(() => { calls.push('lin'); }); const h = s.register_full_backward_hook(() => { calls.push('seq'); }); s(torch.ones(1,2, {requires_grad: true})).sum().backward(); h.remove(); s(torch.ones(1,2, {requires_grad: true})).sum().backward(); calls"))
      .toBe("[ 'lin', 'seq', 'lin' ]");
  });
  it('an integer input shows zeros of its dtype beside an input with grad (was None); with no input needing grad, a returned grad_input is an error (was ignored)', async () => {
    // class M(nn.Module): forward(self, x, idx): return x * self.w + idx  (w = ones(2)); hook appends gi
    // m(torch.ones(2, requires_grad=True), torch.tensor([1, 2])).sum().backward(); seen -> [(tensor([1., 1.]), tensor([0, 0]))]
    expect(await cell('class M extends nn.Module { constructor() { super(); this.w = nn.Parameter(torch.ones(2)); } forward(x, idx) { return x * this.w + idx; } }\nconst m = new M(); const seen = []; m.register_full_backward_hook((mod, gi, go) => { seen.push(gi); }); m(torch.ones(2, {requires_grad: true}), torch.tensor([1, 2])).sum().backward(); seen'))
      .toBe('[ [ tensor([1., 1.]), tensor([0, 0]) ] ]');
    // emb = nn.Embedding(5, 2); hook appends gi: emb(torch.tensor([1, 3])).sum().backward() -> gi (None,)
    expect(await cell('const emb = nn.Embedding(5, 2); const seen = []; emb.register_full_backward_hook((mod, gi, go) => { seen.push(gi); }); emb(torch.tensor([1, 3])).sum().backward(); seen'))
      .toBe('[ [ null ] ]');
    // the hook returns (torch.ones(2),) -> RuntimeError: Backward hook for Modules where no input requires gradient should always return None or None for all gradients.
    expect(await cell('const emb = nn.Embedding(5, 2); emb.register_full_backward_hook((mod, gi, go) => [torch.ones(2)]); emb(torch.tensor([1, 3])).sum().backward()'))
      .toBe('RuntimeError: Backward hook for Modules where no input requires gradient should always return None or None for all gradients.');
    // (None,) is fine: emb.weight.grad is then set as usual
    expect(await cell('const emb = nn.Embedding(5, 2); emb.register_full_backward_hook((mod, gi, go) => [null]); emb(torch.tensor([1, 3])).sum().backward(); emb.weight.grad.sum()'))
      .toBe('tensor(4.)');
  });
});

describe('a class the cell declares is callable without new, as a Python class (was "Class constructor N cannot be invoked without \'new\'")', () => {
  it('builds the module; instanceof, subclassing and new still work', async () => {
    // class N(nn.Module): __init__(self, k): ...; forward(self, x): return x * self.k
    // m = N(3); (m(torch.ones(2)), isinstance(m, N), isinstance(m, nn.Module), type(m).__name__) -> (tensor([3., 3.]), True, True, 'N')
    expect(await cell('class N extends nn.Module { constructor(k) { super(); this.k = k; } forward(x) { return x * this.k; } }\nconst m = N(3);\n[m(torch.ones(2)), m instanceof N, m instanceof nn.Module, m.constructor.name, new N(2)(torch.ones(1))]'))
      .toBe("[ tensor([3., 3.]), true, true, 'N', tensor([2.]) ]");
    // class B(A) ...; (B(), isinstance(B(), A)) -> B(\n  (a): ReLU()\n  (b): Tanh()\n), True
    expect(await cell('class A extends nn.Module { constructor() { super(); this.a = nn.ReLU(); } }\nclass B extends A { constructor() { super(); this.b = nn.Tanh(); } }\n[B(), B() instanceof A]'))
      .toBe('[\n  B(\n    (a): ReLU()\n    (b): Tanh()\n  ),\n  true\n]');
    // a Dataset subclass: d = D(); (len(d), d[1]) -> (3, 1)
    expect(await cell('class D extends utils.data.Dataset { __len__() { return 3; } __getitem__(i) { return i; } }\nconst d = D();\n[len(d), d[1]]')).toBe('[ 3, 1 ]');
  });
});

describe('copy.deepcopy, as the transfer-learning lesson snapshots its best weights (was a ReferenceError)', () => {
  it('snapshots a state dict; keeps leaves, Parameters and shared references as Python\'s', async () => {
    // best = copy.deepcopy(m.state_dict()); m.weight.fill_(3.); r = m.load_state_dict(best); (m.weight, r, best['weight'])
    expect(await cell("const m = nn.Linear(2, 1); torch.no_grad(() => m.weight.fill_(1.)); const best = copy.deepcopy(m.state_dict()); torch.no_grad(() => m.weight.fill_(3.)); const r = m.load_state_dict(best); [m.weight, r, best['weight']]"))
      .toBe('[\n  Parameter containing:\n  tensor([[1., 1.]], requires_grad=True),\n  <All keys matched successfully>,\n  tensor([[1., 1.]])\n]');
    // x = torch.ones(2, requires_grad=True); (x * 3).sum().backward(); y = copy.deepcopy(x); (y, y.grad, y.is_leaf)
    expect(await cell('const x = torch.ones(2, {requires_grad: true}); (x * 3).sum().backward(); const y = copy.deepcopy(x); [y, y.grad, y.is_leaf, copy.deepcopy(nn.Parameter(torch.ones(1))).constructor.name]'))
      .toBe("[\n  tensor([1., 1.], requires_grad=True),\n  tensor([3., 3.]),\n  true,\n  'Parameter'\n]");
    // d = {'a': [t, t], 'n': 3}; e = copy.deepcopy(d); e['a'][0].add_(1); (e['a'][1], t, e['n']) -> (tensor([1.]), tensor([0.]), 3)
    expect(await cell("const t = torch.zeros(1); const e = copy.deepcopy({'a': [t, t], 'n': 3}); e['a'][0].add_(1); [e['a'][1], t, e['n']]")).toBe('[ tensor([1.]), tensor([0.]), 3 ]');
    // copy.deepcopy(x * 2) -> RuntimeError: Only Tensors created explicitly by the user (graph leaves) support the deepcopy protocol at the moment
    expect(await cell('copy.deepcopy(torch.ones(2, {requires_grad: true}) * 2)')).toBe('RuntimeError: Only Tensors created explicitly by the user (graph leaves) support the deepcopy protocol at the moment');
    expect(await cell('copy.deepcopy(nn.Linear(1, 1))')).toMatch(/^NotImplementedError: copy.deepcopy of a module is not implemented in Torchlit/);
  });
});

describe('the transfer-learning lesson\'s train_model loop, end to end (frozen backbone, new head, StepLR, train/eval phases, best-weights snapshot)', () => {
  it('gives PyTorch\'s losses, accuracies, final head weights and BatchNorm statistics', async () => {
    // PyTorch 1.13 (its twin):
    // import copy
    // torch.manual_seed(0)
    // model = nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(4, 2))
    // with torch.no_grad():
    //     for i, p in enumerate(model.parameters()): p.copy_(torch.linspace(-0.5, 0.5, p.numel()).view(p.shape) * (i + 1) / 3)
    // for p in model.parameters(): p.requires_grad = False
    // model[5] = nn.Linear(4, 2)
    // with torch.no_grad(): model[5].weight.copy_(torch.tensor([[0.1, -0.2, 0.3, 0.4], [-0.1, 0.2, 0.1, -0.3]])); model[5].bias.zero_()
    // crit = nn.CrossEntropyLoss()
    // opt = torch.optim.SGD(model[5].parameters(), lr=0.1, momentum=0.9)
    // sch = torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.1)
    // X = torch.linspace(-1, 1, 4*3*6*6).view(4, 3, 6, 6).sin()
    // Y = torch.tensor([0, 1, 1, 0])
    // best_acc = 0.0
    // best = copy.deepcopy(model.state_dict())
    // log = []
    // for epoch in range(3):
    //     for phase in ['train', 'val']:
    //         model.train() if phase == 'train' else model.eval()
    //         opt.zero_grad()
    //         with torch.set_grad_enabled(phase == 'train'):
    //             out = model(X)
    //             _, preds = torch.max(out, 1)
    //             loss = crit(out, Y)
    //             if phase == 'train':
    //                 loss.backward(); opt.step()
    //         rl = loss.item() * X.size(0)
    //         rc = torch.sum(preds == Y.data)
    //         if phase == 'train': sch.step()
    //         acc = rc.double() / 4
    //         log.append(round(rl / 4, 4)); log.append(acc.item())
    //         if phase == 'val' and acc > best_acc:
    //             best_acc = acc; best = copy.deepcopy(model.state_dict())
    // model.load_state_dict(best)
    // (log, best_acc, model[5].weight, model[1].running_mean, model[1].num_batches_tracked)
    // -> ([0.7429, 0.5, 0.7476, 0.25, 0.7366, 0.25, 0.7313, 0.25, 0.7264, 0.25, 0.7287, 0.25], tensor(0.2500, dtype=torch.float64),
    //     Parameter containing: tensor([[ 0.1001, -0.2000,  0.2957,  0.3875], [-0.1001,  0.2000,  0.1043, -0.2875]], requires_grad=True),
    //     tensor([-0.0258, -0.0036,  0.0187,  0.0409]), tensor(1))
    const code = "torch.manual_seed(0);\nconst model = nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(4, 2));\ntorch.no_grad(() => { for (const [i, p] of enumerate(model.parameters())) p.copy_(torch.linspace(-0.5, 0.5, p.numel()).view(p.shape) * (i + 1) / 3); });\nfor (const p of model.parameters()) p.requires_grad = false;\nmodel[5] = nn.Linear(4, 2);\ntorch.no_grad(() => { model[5].weight.copy_(torch.tensor([[0.1, -0.2, 0.3, 0.4], [-0.1, 0.2, 0.1, -0.3]])); model[5].bias.zero_(); });\nconst crit = nn.CrossEntropyLoss();\nconst opt = optim.SGD(model[5].parameters(), {lr: 0.1, momentum: 0.9});\nconst sch = optim.lr_scheduler.StepLR(opt, {step_size: 2, gamma: 0.1});\nconst X = torch.linspace(-1, 1, 4*3*6*6).view(4, 3, 6, 6).sin();\nconst Y = torch.tensor([0, 1, 1, 0]);\nlet best_acc = 0.0;\nlet best = copy.deepcopy(model.state_dict());\nconst log = [];\nfor (const epoch of range(3)) {\n  for (const phase of ['train', 'val']) {\n    if (phase == 'train') model.train(); else model.eval();\n    opt.zero_grad();\n    let out, preds, loss;\n    torch.set_grad_enabled(phase == 'train', () => {\n      out = model(X);\n      [, preds] = torch.max(out, 1);\n      loss = crit(out, Y);\n      if (phase == 'train') { loss.backward(); opt.step(); }\n    });\n    const rl = loss.item() * X.size(0);\n    const rc = torch.sum(preds == Y.data);\n    if (phase == 'train') sch.step();\n    const acc = rc.double() / 4;\n    log.push(Math.round(rl / 4 * 1e4) / 1e4); log.push(acc.item());\n    if (phase == 'val' && acc > best_acc) { best_acc = acc; best = copy.deepcopy(model.state_dict()); }\n  }\n}\nmodel.load_state_dict(best);\n[log, best_acc, model[5].weight, model[1].running_mean, model[1].num_batches_tracked]";
    expect(await cell(code)).toBe("[\n  [\n    0.7429,\n    0.5,\n    0.7476,\n    0.25,\n    0.7366,\n    0.25,\n    0.7313,\n    0.25,\n    0.7264,\n    0.25,\n    0.7287,\n    0.25\n  ],\n  tensor(0.2500, dtype=torch.float64),\n  Parameter containing:\n  tensor([[ 0.1001, -0.2000,  0.2957,  0.3875],\n          [-0.1001,  0.2000,  0.1043, -0.2875]], requires_grad=True),\n  tensor([-0.0258, -0.0036,  0.0187,  0.0409]),\n  tensor(1)\n]");
  });
});
