import { describe, expect, it } from 'vitest';
import * as engine from '../../engine/index';
import { MIME } from '../protocol/outputs';
import { isModule, isParamList, moduleJson, paramsJson, tensorJson, toMimeBundle, TENSOR_VALUE_LIMIT } from './mime';
import { inspect, formatValue } from './format';

const { torch, nn } = engine;

describe('tensorJson', () => {
  it('carries metadata, statistics and values', async () => {
    const t = torch.tensor([[1, 2], [3, 6]], { requires_grad: true });
    const j = await tensorJson(t.mul(2));
    expect(j).toMatchObject({ shape: [2, 2], dtype: 'float32', device: 'cpu', requires_grad: true, grad_fn: 'MulBackward0', numel: 4, min: 2, max: 12, mean: 6, values: [2, 4, 6, 12], truncated: false });
  });

  it('names non-finite values and caps the values it sends', async () => {
    const j = await tensorJson(torch.tensor([1, NaN, Infinity, -Infinity]));
    expect(j.values).toEqual([1, 'NaN', 'Infinity', '-Infinity']);
    expect(j).toMatchObject({ min: 1, max: 1, nan_count: 1, inf_count: 2 });
    const big = await tensorJson(torch.zeros(TENSOR_VALUE_LIMIT + 10));
    expect(big.values.length).toBe(TENSOR_VALUE_LIMIT);
    expect(big.truncated).toBe(true);
    expect(JSON.parse(JSON.stringify(big)).numel).toBe(TENSOR_VALUE_LIMIT + 10);
  });
});

describe('moduleJson and paramsJson', () => {
  it('builds the module tree with own and total parameter counts', () => {
    const m = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1));
    expect(isModule(m)).toBe(true);
    const j = moduleJson(m);
    expect(j).toMatchObject({ name: '', class: 'Sequential', params: 0, total_params: 13, trainable_params: 13 });
    expect(j.children.map((c) => [c.name, c.class, c.params, c.extra_repr])).toEqual([
      ['0', 'Linear', 9, 'in_features=2, out_features=3, bias=True'],
      ['1', 'ReLU', 0, ''],
      ['2', 'Linear', 4, 'in_features=3, out_features=1, bias=True'],
    ]);
  });

  it('tabulates parameters with gradient statistics and totals', async () => {
    const m = nn.Linear(2, 1);
    m.bias!.requires_grad_(false);
    m(torch.ones(1, 2)).sum().backward();
    expect(isParamList(m.named_parameters())).toBe(true);
    const j = await paramsJson(m.named_parameters());
    expect(j.rows[0]).toMatchObject({ name: 'weight', shape: [1, 2], numel: 2, requires_grad: true, grad_norm: Math.SQRT2, grad_mean: 1 });
    expect(j.rows[1]).toMatchObject({ name: 'bias', requires_grad: false });
    expect(j.rows[1].grad_norm).toBeUndefined();
    expect(j.total).toEqual({ tensors: 2, numel: 3, trainable: 2 });
    const plain = await paramsJson(m.parameters());
    expect(plain.rows.map((r) => r.name)).toEqual(['0', '1']);
  });
});

describe('toMimeBundle', () => {
  it('always has text/plain, and vendor types by kind', async () => {
    expect(await toMimeBundle(3)).toEqual({ 'text/plain': '3' });
    expect(await toMimeBundle('hi')).toEqual({ 'text/plain': "'hi'" });
    const tb = await toMimeBundle(torch.tensor([1.5]));
    expect(tb['text/plain']).toBe('tensor([1.5000])');
    expect(tb[MIME.tensor]).toBeDefined();
    const mb = await toMimeBundle(nn.Linear(1, 1));
    expect(mb['text/plain']).toBe('Linear(in_features=1, out_features=1, bias=True)');
    expect(mb[MIME.module]).toBeDefined();
    expect((await toMimeBundle([torch.zeros(2)]))[MIME.params]).toBeUndefined();
    expect(await toMimeBundle({ 'text/html': '<b>x</b>' }, { raw: true })).toEqual({ 'text/html': '<b>x</b>', 'text/plain': 'text/html' });
    expect(await toMimeBundle({ _repr_mimebundle_: () => ({ 'text/markdown': '# hi' }) })).toMatchObject({ 'text/markdown': '# hi' });
    // a failing _repr_mimebundle_ is said, with the value's text form, never an empty output
    class Chart {
      _repr_mimebundle_(): never {
        throw new TypeError('WebGPU does not support float64');
      }
    }
    const failed = await toMimeBundle(new Chart());
    expect(Object.keys(failed)).toEqual(['text/plain']);
    expect(failed['text/plain']).toMatch(/^TypeError in Chart\._repr_mimebundle_\(\): WebGPU does not support float64\nChart/);
  });
});

describe('format', () => {
  it('shows JS values like console.log', () => {
    expect(formatValue('plain')).toBe('plain');
    expect(inspect('q')).toBe("'q'");
    expect(inspect([1, 'a', null, undefined, -0])).toBe("[ 1, 'a', null, undefined, -0 ]");
    expect(inspect({ a: 1, 'b-c': [1, { d: { e: 1 } }] })).toBe("{ a: 1, 'b-c': [ 1, { d: [Object] } ] }");
    expect(inspect(new Map([['k', 1]]))).toBe("Map(1) { 'k' => 1 }");
    expect(inspect(new Set([1]))).toBe('Set(1) { 1 }');
    expect(inspect(function f() {})).toBe('[Function: f]');
    expect(inspect(class K {})).toBe('[class K]');
    expect(inspect(10n)).toBe('10n');
    const o: Record<string, unknown> = { a: 1 };
    o.self = o;
    expect(inspect(o)).toBe('{ a: 1, self: [Circular] }');
    expect(inspect(Array.from({ length: 150 }, (_, i) => i))).toContain('... 50 more items');
    expect(inspect(new Float32Array([1, 2]))).toBe('Float32Array(2) [ 1, 2 ]');
  });

  it('prints torch objects in PyTorch form, also inside JS values', () => {
    expect(formatValue(torch.zeros(2).shape)).toBe('torch.Size([2])');
    expect(formatValue({ t: torch.tensor(1) })).toBe('{ t: tensor(1) }');
  });

  it("print is Python's str, a cell's value its repr: torch.device, and __str__ / __repr__ of a learner's class", () => {
    const d = torch.zeros(1).device;
    expect(formatValue(d)).toBe('cpu'); // print(t.device)
    expect(inspect(d)).toBe("device(type='cpu')"); // t.device as a cell's value
    expect(formatValue([d])).toBe("[ device(type='cpu') ]");
    class Q {
      __repr__() { return 'Q-repr'; }
      __str__() { return 'Q-str'; }
    }
    class P {
      __repr__() { return 'P()'; }
    }
    expect([formatValue(new Q()), inspect(new Q()), formatValue(new P()), inspect(new P())]).toEqual(['Q-str', 'Q-repr', 'P()', 'P()']);
    class Bad {
      __repr__(): string { throw new Error('no'); }
    }
    expect(inspect(new Bad())).toBe('<repr failed: no>');
  });
});
