// The kernel with the real engine: tutorial-style cells, executed end to end in Node.
import { describe, expect, it } from 'vitest';
import { cellKernel } from './test-kernel';
import type { FromKernel } from '../protocol/messages';
import { MIME } from '../protocol/outputs';

function kernel() {
  const k = cellKernel();
  return { rt: k.rt, run: k.exec };
}
const text = (ms: FromKernel[]) => ms.map((m) => (m.type === 'execute_result' ? m.data['text/plain'] : m.type === 'stream' ? m.text : m.type === 'error' ? `${m.ename}: ${m.evalue}` : '')).join('');

describe('kernel + engine', () => {
  it('a float literal decides the dtype as in PyTorch: torch.full([2], 7.0) is float32, 7 is int64', async () => {
    const k = kernel();
    expect(text(await k.run('print(torch.full([2], 7.0).dtype, torch.full([2], 7).dtype, torch.full([2], -1e3).dtype, torch.full([2], 7.0, {dtype: torch.float64}).dtype)'))).toBe('torch.float32 torch.int64 torch.float32 torch.float64\n');
    expect(text(await k.run('torch.full([2], 7.0)'))).toBe('tensor([7., 7.])');
    expect(text(await k.run('print(torch.tensor(3.0), torch.tensor(3), torch.tensor(3.0, {requires_grad: true}).dtype)'))).toBe('tensor(3.) tensor(3) torch.float32\n');
  });
  it('a float literal next to an integer tensor is Python\'s float: int_t * 2.0 is float32, int_t += 1.0 refuses the cast (PyTorch 1.13)', async () => {
    const k = kernel();
    expect(text(await k.run('torch.tensor([1, 2]) * 2.0'))).toBe('tensor([2., 4.])');
    expect(text(await k.run('torch.tensor([1, 2]) * 2'))).toBe('tensor([2, 4])');
    expect(text(await k.run('torch.tensor(2) ** -1.0'))).toBe('tensor(0.5000)');
    expect(text(await k.run('torch.tensor(2) ** -1'))).toBe('RuntimeError: Integers to negative integer powers are not allowed.');
    expect(text(await k.run('1.0 - torch.tensor([1, 2])'))).toBe('tensor([ 0., -1.])');
    expect(text(await k.run('2.0 ** torch.tensor([1, 2])'))).toBe('tensor([2., 4.])');
    expect(text(await k.run('torch.tensor([1, 2]) % 2.0'))).toBe('tensor([1., 0.])');
    expect(text(await k.run('torch.tensor([true, false]) * 1.0'))).toBe('tensor([1., 0.])');
    expect(text(await k.run('const fi = torch.tensor([1, 2]);\nfi += 1.0'))).toBe("RuntimeError: result type Float can't be cast to the desired output type Long");
    expect(text(await k.run('const fa = [torch.tensor([1, 2])];\nfa[0] *= 2.0'))).toBe("RuntimeError: result type Float can't be cast to the desired output type Long");
    expect(text(await k.run('const ff = torch.tensor([1., 2.]);\nff *= 2.0;\nff'))).toBe('tensor([2., 4.])');
    expect(text(await k.run('torch.tensor([1, 2]) > 1.0'))).toBe('tensor([False,  True])');
    // numbers stay numbers
    expect(text(await k.run('let fn = 3;\nfn *= 2.0;\n[fn, fn * 2.0, "a" + 2.0]'))).toBe("[ 6, 12, 'a2' ]");
  });
  it('runs tensor arithmetic with operators and autograd', async () => {
    const k = kernel();
    await k.run('const ew = torch.tensor(2.0, {requires_grad: true});\nconst ey = (ew * 3 + 1) ** 2;\ney.backward();');
    expect(text(await k.run('ew.grad'))).toBe('tensor(42.)');
    expect(text(await k.run('-ew.detach() / 4 - 1'))).toBe('tensor(-1.5000)');
    expect(text(await k.run('2 ** torch.tensor([1, 2, 3]).float()'))).toBe('tensor([2., 4., 8.])');
    expect(text(await k.run('torch.no_grad(() => { ew -= 0.5 * ew.grad; });\new'))).toBe('tensor(-19., requires_grad=True)');
    expect(text(await k.run('const en = 3;\nen * 2 + 1 + " items"'))).toBe("'7 items'");
    // `1 - t` is PyTorch's rsub: a value for numbers, sub's own error for a bool mask (not negation's)
    expect(text(await k.run('1 - torch.tensor([1.5, 2])'))).toBe('tensor([-0.5000, -1.0000])');
    expect(text(await k.run('1 - torch.tensor([true, false])'))).toMatch(/^RuntimeError: Subtraction, the `-` operator, with a bool tensor is not supported/);
    expect(text(await k.run('-torch.tensor([true, false])'))).toMatch(/^RuntimeError: Negation, the `-` operator, on a bool tensor is not supported/);
  });

  it('comparisons and mask operators on tensors are PyTorch\'s: masks, accuracy, bool(t) in tests (values from PyTorch 1.13)', async () => {
    const k = kernel();
    await k.run('const ca = torch.tensor([[1., 2., 3.], [4., 5., 6.]]);');
    expect(text(await k.run('ca > 2'))).toBe('tensor([[False, False,  True],\n        [ True,  True,  True]])');
    expect(text(await k.run('ca[ca > 2]'))).toBe('tensor([3., 4., 5., 6.])');
    expect(text(await k.run('ca[(ca > 2) & (ca < 5)]'))).toBe('tensor([3., 4.])');
    expect(text(await k.run('ca[~(ca > 2) | (ca == 6)]'))).toBe('tensor([1., 2., 6.])');
    expect(text(await k.run('0 < ca - 3'))).toBe('tensor([[False, False, False],\n        [ True,  True,  True]])');
    // the CIFAR-10 tutorial's accuracy line
    expect(text(await k.run('let correct = 0;\nconst predicted = torch.tensor([1, 2, 3]), labels = torch.tensor([1, 0, 3]);\ncorrect += (predicted == labels).sum().item();\ncorrect'))).toBe('2');
    expect(text(await k.run('(ca != 2).sum()'))).toBe('tensor(5)');
    // in a test, a one-value tensor is its value (Python's bool(t)); more values are ambiguous
    expect(text(await k.run('const closs = torch.tensor(0.5);\nlet csteps = 0;\nwhile (closs * (10 - csteps) > 1) csteps++;\ncsteps'))).toBe('8');
    expect(text(await k.run('if (ca > 2) print("yes")'))).toBe('RuntimeError: Boolean value of Tensor with more than one value is ambiguous');
    // a tensor returned by a call in a test: `if mask.any():` (JavaScript alone takes any tensor as true)
    expect(text(await k.run('const z = torch.zeros([3]);\nprint((z > 0).any() ? "some" : "none", (z == 0).all() ? "all" : "not all")'))).toBe('none all\n');
    expect(text(await k.run('let n = 0;\nwhile (!(torch.tensor([n]) > 2).all()) n++;\nprint(n)'))).toBe('3\n');
    expect(text(await k.run('if (torch.ones([2]).sum()) print("two")'))).toBe('two\n');
    expect(text(await k.run('if (torch.ones([2]).mul(0)) print("?")'))).toBe('RuntimeError: Boolean value of Tensor with more than one value is ambiguous');
    // on integers the operators are PyTorch's bitwise ops; on floats its error
    expect(text(await k.run('torch.tensor([1, 2]) & 1'))).toBe('tensor([1, 0])');
    expect(text(await k.run('torch.tensor([12, 10]) | torch.tensor([1, 1])'))).toBe('tensor([13, 11])');
    expect(text(await k.run('3 ^ torch.tensor([1, 2])'))).toBe('tensor([2, 1])');
    expect(text(await k.run('~torch.tensor([0, 5])'))).toBe('tensor([-1, -6])');
    expect(text(await k.run('torch.tensor([1.5]) & 1'))).toBe(`RuntimeError: "bitwise_and_cpu" not implemented for 'Float'`);
    expect(text(await k.run('~torch.tensor([1.5])'))).toMatch(/^TypeError: ~ \(operator.invert\) is only implemented on integer and Boolean-type tensors/);
    // identity stays identity, as Python's `is`
    expect(text(await k.run('ca === ca && ca !== ca.clone()'))).toBe('true');
  });

  it('prints torch objects in PyTorch form and plain values in JS form', async () => {
    const k = kernel();
    expect(text(await k.run('print(torch.zeros(2).shape, torch.float32, [torch.tensor(1.5)], {a: 1}, "s")'))).toBe("torch.Size([2]) torch.float32 [ tensor(1.5000) ] { a: 1 } s\n");
  });

  it('shows modules and parameters with vendor MIME types', async () => {
    const k = kernel();
    await k.run('const seq_model = nn.Sequential(nn.Linear(1, 13), nn.Tanh(), nn.Linear(13, 1));');
    const mod = (await k.run('seq_model')).find((m) => m.type === 'execute_result')!;
    expect(mod.type === 'execute_result' && mod.data[MIME.module]).toMatchObject({ class: 'Sequential', total_params: 40, children: [{ name: '0', class: 'Linear', params: 26 }, { name: '1', class: 'Tanh', params: 0 }, { name: '2', params: 14 }] });
    const params = (await k.run('seq_model.named_parameters()')).find((m) => m.type === 'execute_result')!;
    expect(params.type === 'execute_result' && params.data[MIME.params]).toMatchObject({ total: { tensors: 4, numel: 40, trainable: 40 } });
  });

  it('reports engine errors at the failing cell line', async () => {
    const k = kernel();
    const ms = await k.run('const ea = torch.ones(2, 3);\nconst eb = torch.ones(4, 5);\n\nconst ec = ea.matmul(eb);');
    const e = ms.find((m) => m.type === 'error');
    expect(e).toMatchObject({ evalue: 'mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)', line: 4 });
  });
});

describe('kernel + training views', () => {
  it('progress() and plot() are ready in cells and update in place', async () => {
    const k = kernel();
    const ms = await k.run("let s = 0;\nfor (const i of progress(range(5))) s += i;\nplot.line([1, 2, 3]);\ns");
    const displays = ms.filter((m) => m.type === 'display');
    expect(displays.length).toBeGreaterThanOrEqual(2);
    expect(displays.every((m) => m.type === 'display' && typeof m.data['text/plain'] === 'string' && m.display_id)).toBe(true);
    expect(ms.find((m) => m.type === 'execute_result')).toMatchObject({ data: { 'text/plain': '10' } });
  });

  it('a live view as the last value is not repeated as the result', async () => {
    const k = kernel();
    const ms = await k.run('plot.line([1, 2, 3])');
    expect(ms.filter((m) => m.type === 'display')).toHaveLength(1);
    expect(ms.find((m) => m.type === 'execute_result')).toBeUndefined();
    expect((await k.run('display(1, {display_id: true})')).find((m) => m.type === 'execute_result')).toBeUndefined();
  });

  it('export and default imports work in cells', async () => {
    const k = kernel();
    const ms = await k.run('import torchDefault from "torch";\nexport const exported = 5;\nexported + (typeof torchDefault.tensor === "function" ? 1 : 0)');
    expect(ms.find((m) => m.type === 'execute_result')).toMatchObject({ data: { 'text/plain': '6' } });
  });
});

describe('dataset[i] and Python\'s __getitem__ / __len__ in cells', () => {
  it('ds[i] is the item (it read undefined), a Dataset subclass may define __len__/__getitem__, any object __getitem__/__setitem__', async () => {
    const k = kernel();
    await k.run('const gds = new utils.data.TensorDataset(torch.arange(10.).view(5, 2), torch.arange(5));');
    expect(text(await k.run('gds[1]'))).toBe('[ tensor([2., 3.]), tensor(1) ]');
    expect(text(await k.run('gds[-1][1]'))).toBe('tensor(4)');
    expect(text(await k.run('gds[7]'))).toMatch(/^IndexError: /);
    expect(text(await k.run('utils.data.random_split(gds, [3, 2])[1][0].length'))).toBe('2');
    await k.run('class Squares extends utils.data.Dataset { __len__() { return 4; } __getitem__(i) { return torch.tensor(i * i); } }\nconst gsq = new Squares();');
    expect(text(await k.run('[gsq.length, len(gsq), gsq[3]]'))).toBe('[ 4, 4, tensor(9) ]');
    expect(text(await k.run('[...new utils.data.DataLoader(gsq, {batch_size: 3})]'))).toBe('[ tensor([0, 1, 4]), tensor([9]) ]');
    expect(text(await k.run('class Fixed extends utils.data.Dataset { constructor() { super(); this.length = 2; } get(i) { return i; } }\nconst gfx = new Fixed();\n[gfx.length, gfx[1], [...gfx]]'))).toBe('[ 2, 1, [ 0, 1 ] ]');
    expect(text(await k.run('class Grid { __getitem__(k) { return `item ${k}`; } __setitem__(k, v) { this.last = [k, v]; } }\nconst gg = new Grid();\ngg[3] = 9;\n[gg[2], gg.last]'))).toBe("[ 'item 2', [ 3, 9 ] ]");
    expect(text(await k.run('const gplain = {0: "a"};\n[gplain[0], gplain[1]]'))).toBe("[ 'a', undefined ]");
  });
});
