// The cell language with the real engine: tensor indexing (`t[0]`, `t[i][j]`, `t[-1]`,
// `t[i] = v`) and the Python builtins (`len`, `OrderedDict`, `enumerate`, `zip`, `iter`/`next`, `sum`/`min`/`max`).
import { describe, expect, it } from 'vitest';
import { textKernel } from './test-kernel';
import type { FromKernel } from '../protocol/messages';

const kernel = textKernel;

describe('tensor indexing in cells', () => {
  it('indexes tensors as PyTorch does: t[0], t[-1], t[i][j]', async () => {
    const k = kernel();
    await k.run('const t = torch.tensor([[1, 2, 3], [4, 5, 6]]);\nconst t_u = torch.tensor([35.7, 55.9, 58.2]);');
    expect(await k.run('t[0]')).toBe('tensor([1, 2, 3])');
    expect(await k.run('t[-1]')).toBe('tensor([4, 5, 6])');
    expect(await k.run('t[1][2]')).toBe('tensor(6)');
    expect(await k.run('const i = 1, j = 0;\nt[i][j].item()')).toBe('4');
    expect(await k.run('t_u[0]')).toBe('tensor(35.7000)');
  });

  it('assigns through t[i] = v and t[i] += v, in place', async () => {
    const k = kernel();
    await k.run('const w = torch.zeros([2, 3]);');
    expect(await k.run('w[0] = 5;\nw[1][2] = torch.tensor(7.0);\nw[1] += 1;\nw')).toBe('tensor([[5., 5., 5.],\n        [1., 1., 8.]])');
  });

  it('keeps JavaScript semantics for arrays, objects, strings, method calls and optional chains', async () => {
    const k = kernel();
    expect(await k.run('const a = [10, 20, 30];\nconst o = { k: 1, f() { return this.k; } };\nconst key = "f";\n[a[0], a[-1], o["k"], o[key](), a?.[1], "abc"[1], a.length]')).toBe("[ 10, undefined, 1, 1, 20, 'b', 3 ]");
    expect(await k.run('const b = [1, 2];\nb[5] = 3;\nb[0]++;\n[b[0], b.length]')).toBe('[ 2, 6 ]');
    expect(await k.run('const m = torch.ones(2);\n[m["shape"][0], m["dtype"] === torch.float32]')).toBe('[ 2, true ]');
  });

  it('an index out of range is the engine\'s error in PyTorch\'s words', async () => {
    const k = kernel();
    expect(await k.run('torch.zeros(3)[5]')).toMatch(/index 5 is out of bounds for dimension 0 with size 3/);
  });
});

describe('Python builtins in cells', () => {
  it('len of arrays, strings, Maps, tensors, modules, datasets and loaders; a 0-d tensor has no len', async () => {
    const k = kernel();
    expect(await k.run('[len([1, 2, 3]), len("abcd"), len(new Map([[1, 2]])), len(new Set([1])), len(torch.zeros([4, 2])), len(nn.Sequential(nn.Linear(1, 2), nn.Tanh())), len(range(5))]')).toBe('[ 3, 4, 1, 1, 4, 2, 5 ]');
    expect(await k.run('const ds = utils.data.TensorDataset(torch.zeros([10, 2]), torch.zeros(10));\n[len(ds), len(utils.data.DataLoader(ds, { batch_size: 4 }))]')).toBe('[ 10, 3 ]');
    expect(await k.run('len(torch.tensor(3.0))')).toBe('TypeError: len() of a 0-d tensor');
    expect(await k.run('len(5)')).toBe("TypeError: object of type 'number' has no len()");
  });

  it('OrderedDict works with and without new, as nn.Sequential\'s argument', async () => {
    const k = kernel();
    expect(await k.run("const seq = nn.Sequential(OrderedDict([['hidden_linear', nn.Linear(1, 8)], ['hidden_activation', nn.Tanh()], ['output_linear', nn.Linear(8, 1)]]));\n[...seq.named_children()].map(([n]) => n)")).toBe("[ 'hidden_linear', 'hidden_activation', 'output_linear' ]");
    expect(await k.run("const d = new OrderedDict([['a', 1]]);\n[d instanceof Map, d.get('a'), OrderedDict({b: 2}).get('b')]")).toBe('[ true, 1, 2 ]');
  });

  it('enumerate, zip, sum, min and max as in Python', async () => {
    const k = kernel();
    expect(await k.run("[...enumerate(['a', 'b'], 1)]")).toEqual("[ [ 1, 'a' ], [ 2, 'b' ] ]");
    expect(await k.run("[...zip([1, 2, 3], ['x', 'y'])]")).toBe("[ [ 1, 'x' ], [ 2, 'y' ] ]");
    expect(await k.run('[sum([1, 2, 3]), sum([1, 2], 10), min([3, 1, 2]), max(3, 7), min(range(4, 9))]')).toBe('[ 6, 13, 1, 7, 4 ]');
    expect(await k.run('sum([torch.ones(2), torch.ones(2)])')).toBe('tensor([2., 2.])');
    expect(await k.run('max([])')).toBe('RangeError: max() arg is an empty sequence');
    expect(await k.run('max(torch.ones(2))')).toMatch(/^TypeError: max\(\) of a tensor: write t.max\(\)/);
  });

  it('iter and next, as in Python: one batch with next(iter(loader)), StopIteration, TypeError', async () => {
    const k = kernel();
    // PyTorch: x, y = next(iter(DataLoader(TensorDataset(torch.arange(6.).reshape(3, 2), torch.tensor([0, 1, 0])), batch_size=2)))
    //          → tensor([[0., 1.], [2., 3.]]), tensor([0, 1])
    await k.run('const loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(torch.arange(6.).reshape(3, 2), torch.tensor([0, 1, 0])), {batch_size: 2});');
    expect(await k.run('const [xb, yb] = next(iter(loader));\n[xb, yb]')).toBe('[\n  tensor([[0., 1.],\n          [2., 3.]]),\n  tensor([0, 1])\n]');
    expect(await k.run("const it = iter([10, 20]);\n[next(it), next(it), next(it, 'done')]")).toBe("[ 10, 20, 'done' ]");
    expect(await k.run('next(iter([]))')).toBe('StopIteration: ');
    expect(await k.run('let stopped = false;\ntry { next(iter([])); } catch (e) { stopped = e instanceof StopIteration; }\nstopped')).toBe('true');
    // Python: TypeError: 'list' object is not an iterator; 'int' object is not iterable
    expect(await k.run('next([1, 2])')).toBe("TypeError: 'Array' object is not an iterator: write next(iter(x))");
    expect(await k.run('iter(5)')).toBe("TypeError: 'number' object is not iterable");
  });
});

describe('tracebacks', () => {
  it('name the method the user wrote and fold engine frames into one line', async () => {
    const k = kernel();
    await k.run('class Bad extends nn.Module {\n  constructor() { super(); this.fc = nn.Linear(2, 3); }\n  forward(x) {\n    return this.fc(x.matmul(torch.ones([5, 5])));\n  }\n}\nconst bad = new Bad();');
    await k.run('const out = bad(torch.ones([2, 2]));');
    const err = k.msgs.find((m) => m.type === 'error') as Extract<FromKernel, { type: 'error' }>;
    expect(err.evalue).toMatch(/shape|size|mat/i);
    const tb = err.traceback.join('\n');
    expect(tb).toContain('Cell [1], line 4, in Bad.forward');
    expect(tb).not.toContain('Proxy.forward');
    expect(tb).toMatch(/Cell \[2\], line 1, in <cell>\n {4}const out = bad\(torch.ones\(\[2, 2\]\)\);\n {2}… \d+ frames? in torchlit\n/);
    expect(err.traceback.at(-1)).toBe(`${err.ename}: ${err.evalue}`);
  });
});
