// Containers and layers whose behaviour is structural (golden values for the numeric layers are
// in engine/test/nn.test.ts): ParameterList/Dict, deleting from Sequential, Embedding.from_pretrained,
// Dropout2d masks, recurrent-layer errors, and nn.utils. Expected strings are PyTorch 1.13's output.
import { describe, expect, it } from 'vitest';
import { F, nn, torch } from '../index';
import type { Tensor } from '../tensor';

describe('ParameterList and ParameterDict', () => {
  it('register their entries as 0, 1, … / by name, with PyTorch reprs', () => {
    const pl = nn.ParameterList([nn.Parameter(torch.zeros(3, 4)), nn.Parameter(torch.zeros(5))]);
    expect(String(pl)).toBe('ParameterList(\n    (0): Parameter containing: [torch.float32 of size 3x4]\n    (1): Parameter containing: [torch.float32 of size 5]\n)');
    expect(String(nn.ParameterList([nn.Parameter(torch.zeros(3, 4))]))).toBe('ParameterList(  (0): Parameter containing: [torch.float32 of size 3x4])');
    expect(Object.keys(pl.state_dict())).toEqual(['0', '1']);
    expect(pl.length).toBe(2);
    expect(pl[-1].shape[0]).toBe(5);
    pl.append(torch.ones(2)); // a plain tensor becomes a Parameter
    expect(pl.parameters().length).toBe(3);
    expect(pl[2].requires_grad).toBe(true);
    const pd = nn.ParameterDict({ a: nn.Parameter(torch.zeros(2)), b: nn.Parameter(torch.zeros(1, 2, { dtype: torch.float64 })) });
    expect(String(pd)).toBe('ParameterDict(\n    (a): Parameter containing: [torch.FloatTensor of size 2]\n    (b): Parameter containing: [torch.DoubleTensor of size 1x2]\n)');
    expect(pd.keys()).toEqual(['a', 'b']);
    expect(pd.get('a')).toBe(pd.a);
    expect(() => pd.get('zz')).toThrow("'zz'");
  });
  it('a model holding them trains its entries', () => {
    class Net extends nn.Module {
      ws = nn.ParameterList([nn.Parameter(torch.ones(2)), nn.Parameter(torch.ones(2))]);
      forward(x: Tensor) {
        return x.mul(this.ws[0]).mul(this.ws[1]).sum();
      }
    }
    const net = new Net();
    expect(net.named_parameters().map(([n]) => n)).toEqual(['ws.0', 'ws.1']);
    net(torch.tensor([1, 2])).backward();
    expect(net.ws[0].grad!.cpu_tolist()).toEqual([1, 2]);
  });
});

describe('Sequential deletion', () => {
  it('pop(i) and delete seq[i] remove and renumber, as del seq[i]', () => {
    const seq = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1), nn.Sigmoid());
    const last = seq.pop(-1);
    expect(String(last)).toBe('Sigmoid()');
    delete seq[1];
    expect([...seq._modules.keys()]).toEqual(['0', '1']);
    expect(String(seq[1])).toBe('Linear(in_features=3, out_features=1, bias=True)');
    expect(Object.keys(seq.state_dict())).toEqual(['0.weight', '0.bias', '1.weight', '1.bias']);
    seq.__delitem__(0);
    expect(seq.length).toBe(1);
    expect(() => seq.pop(5)).toThrow('index 5 is out of range');
    const ml = nn.ModuleList([nn.ReLU(), nn.Tanh()]);
    delete ml[0];
    expect(String(ml[0])).toBe('Tanh()');
  });
});

describe('Embedding.from_pretrained', () => {
  it('wraps the given weights, frozen by default', () => {
    const w = torch.tensor([[1, 2.3, 3], [4, 5.1, 6.3]]);
    const emb = nn.Embedding.from_pretrained(w);
    expect(String(emb)).toBe('Embedding(2, 3)');
    expect(emb.weight.requires_grad).toBe(false);
    expect(emb(torch.tensor([1])).cpu_tolist()).toEqual([[4, 5.1, 6.3].map(Math.fround)]);
  });
  it('freeze: false trains it; padding_idx rows get no gradient', () => {
    const emb = nn.Embedding.from_pretrained(torch.ones(3, 2), { freeze: false, padding_idx: 0 });
    expect(String(emb)).toBe('Embedding(3, 2, padding_idx=0)');
    emb(torch.tensor([0, 1, 1])).sum().backward();
    expect(emb.weight.grad!.cpu_tolist()).toEqual([[0, 0], [2, 2], [0, 0]]);
  });
});

describe('Dropout2d', () => {
  it('zeroes whole channels in training, about p of them, and scales the rest', () => {
    torch.manual_seed(1);
    const d = nn.Dropout2d(0.4);
    const y = d(torch.ones(50, 40, 3, 3)).cpu_tolist() as number[][][][];
    let zero = 0;
    for (const s of y)
      for (const ch of s) {
        const flat = ch.flat();
        expect(flat.every((v) => v === flat[0])).toBe(true);
        if (flat[0] === 0) zero++;
        else expect(flat[0]).toBeCloseTo(1 / 0.6, 5);
      }
    expect(Math.abs(zero / 2000 - 0.4)).toBeLessThan(0.04);
    d.eval();
    expect(d(torch.ones(1, 2, 2, 2)).sum().cpu_item()).toBe(8);
  });
});

describe('Dropout as PyTorch computes it', () => {
  it('is input * mask (MulBackward0), the gradient the same mask', () => {
    torch.manual_seed(0);
    const x = torch.ones(8, { requires_grad: true });
    const y = F.dropout(x, 0.5);
    expect(y.grad_fn!.name()).toBe('MulBackward0');
    y.sum().backward();
    expect(x.grad!.cpu_tolist()).toEqual(y.cpu_tolist());
    expect(F.dropout(torch.ones(3, { requires_grad: true }), 1).grad_fn!.name()).toBe('MulBackward0');
  });
  it('with inplace writes into its input and returns it, refuses a leaf that requires grad', () => {
    torch.manual_seed(0);
    const x = torch.ones(64);
    expect(F.dropout(x, 0.5, true, true)).toBe(x);
    const v = x.cpu_tolist() as number[];
    expect(v.every((e) => e === 0 || e === 2)).toBe(true);
    expect(v.filter((e) => e === 0).length).toBeGreaterThan(10);
    const m = nn.Dropout(0.5, true);
    expect(String(m)).toBe('Dropout(p=0.5, inplace=True)');
    const h = torch.ones(32);
    expect(m(h)).toBe(h);
    expect((h.cpu_tolist() as number[]).some((e) => e === 0)).toBe(true);
    m.eval();
    const e = torch.ones(4);
    expect(m(e)).toBe(e);
    expect(e.cpu_tolist()).toEqual([1, 1, 1, 1]);
    const c = torch.ones(2, 3, 2, 2);
    expect(F.dropout2d(c, 0.5, true, true)).toBe(c);
    expect(() => F.dropout(torch.ones(3, { requires_grad: true }), 0.5, { inplace: true })).toThrow('a leaf Variable that requires grad is being used in an in-place operation.');
    // through a graph: the gradient flows through the mask written in place
    const a = torch.ones(16, { requires_grad: true });
    const b = a.mul(1);
    const out = F.dropout(b, 0.5, { inplace: true });
    expect(out).toBe(b);
    expect(out.grad_fn!.name()).toBe('MulBackward0');
    out.sum().backward();
    expect(a.grad!.cpu_tolist()).toEqual(out.cpu_tolist());
  });
  it('raises AssertionError where PyTorch asserts', () => {
    expect(() => nn.Hardtanh(2, 1)).toThrow(expect.objectContaining({ name: 'AssertionError', message: 'max_val must be greater than min_val' }));
  });
});

describe('recurrent layers', () => {
  it('state_dict names and shapes are PyTorch’s; errors use its words', () => {
    const lstm = nn.LSTM(4, 3, { num_layers: 2, bidirectional: true });
    const sd = lstm.state_dict();
    expect(Object.keys(sd).slice(0, 5)).toEqual(['weight_ih_l0', 'weight_hh_l0', 'bias_ih_l0', 'bias_hh_l0', 'weight_ih_l0_reverse']);
    expect([...sd.weight_ih_l1.shape]).toEqual([12, 6]);
    expect(() => lstm(torch.zeros(5, 2, 7))).toThrow('input.size(-1) must be equal to input_size. Expected 4, got 7');
    expect(() => nn.GRU(4, 3)(torch.zeros(5, 2, 4), torch.zeros(2, 2, 3))).toThrow('Expected hidden size (1, 2, 3), got [2, 2, 3]');
    const [out, [h, c]] = lstm(torch.zeros(5, 2, 4));
    expect([[...out.shape], [...h.shape], [...c.shape]]).toEqual([[5, 2, 6], [4, 2, 3], [4, 2, 3]]);
    const rnn = nn.RNN(4, 3, 1, 'relu');
    expect(rnn.nonlinearity).toBe('relu');
    expect(String(nn.GRU(4, 3, { dropout: 0.5, num_layers: 2, batch_first: true }))).toBe('GRU(4, 3, num_layers=2, batch_first=True, dropout=0.5)');
    expect(lstm.all_weights.map((ws) => ws.length)).toEqual([4, 4, 4, 4]);
    expect(lstm.all_weights[1][0]).toBe(lstm.weight_ih_l0_reverse);
  });
  it("batch_first output's grad_fn is ATen's: TransposeBackward1 for RNN/GRU (transpose_), TransposeBackward0 for LSTM", () => {
    const x = torch.zeros(2, 4, 3);
    expect(nn.GRU(3, 2, { batch_first: true })(x)[0].grad_fn!.name()).toBe('TransposeBackward1');
    expect(nn.RNN(3, 2, { batch_first: true })(x)[0].grad_fn!.name()).toBe('TransposeBackward1');
    expect(nn.LSTM(3, 2, { batch_first: true })(x)[0].grad_fn!.name()).toBe('TransposeBackward0');
    expect(nn.GRU(3, 2)(x)[0].grad_fn!.name()).toBe('StackBackward0');
  });
  it('dropout acts between layers in training only', () => {
    const rnn = nn.RNN(2, 3, { num_layers: 2, dropout: 1 });
    const x = torch.ones(4, 1, 2);
    const [evalOut] = rnn.eval()(x);
    const [trainOut] = rnn.train()(x);
    // p = 1 zeroes layer 0's output: layer 1 then sees only zeros, as an input of zeros would give
    const ref = nn.RNN(3, 3);
    ref.load_state_dict({ weight_ih_l0: rnn.weight_ih_l1, weight_hh_l0: rnn.weight_hh_l1, bias_ih_l0: rnn.bias_ih_l1, bias_hh_l0: rnn.bias_hh_l1 });
    expect(trainOut.cpu_tolist()).toEqual(ref(torch.zeros(4, 1, 3))[0].cpu_tolist());
    expect(evalOut.cpu_tolist()).not.toEqual(trainOut.cpu_tolist());
  });
});

describe('nn.utils', () => {
  it('clip_grad_norm_ returns the total norm and rescales to max_norm', () => {
    const a = nn.Parameter(torch.zeros(2)), b = nn.Parameter(torch.zeros(1));
    a.grad = torch.tensor([3, 0], { dtype: torch.float32 });
    b.grad = torch.tensor([4], { dtype: torch.float32 });
    const total = nn.utils.clip_grad_norm_([a, b], 1.0);
    expect(total.cpu_item()).toBe(5);
    expect((a.grad.cpu_tolist() as number[])[0]).toBeCloseTo(0.6, 6);
    expect((b.grad.cpu_tolist() as number[])[0]).toBeCloseTo(0.8, 6);
    // below the limit: unchanged; inf norm
    expect(nn.utils.clip_grad_norm_([a, b], { max_norm: 10, norm_type: 'inf' }).cpu_item()).toBeCloseTo(0.8, 6);
    expect((b.grad.cpu_tolist() as number[])[0]).toBeCloseTo(0.8, 6);
    b.grad = torch.tensor([Infinity]);
    expect(() => nn.utils.clip_grad_norm_([a, b], 1, { error_if_nonfinite: true })).toThrow('The total norm of order 2.0 for gradients from `parameters` is non-finite');
  });
  it('clip_grad_value_, parameters_to_vector and vector_to_parameters', () => {
    const lin = nn.Linear(2, 1);
    lin(torch.tensor([[10, -10]], { dtype: torch.float32 })).sum().backward();
    nn.utils.clip_grad_value_(lin.parameters(), 0.5);
    expect(lin.weight.grad!.cpu_tolist()).toEqual([[0.5, -0.5]]);
    expect(lin.bias!.grad!.cpu_tolist()).toEqual([0.5]);
    const v = nn.utils.parameters_to_vector(lin.parameters());
    expect([...v.shape]).toEqual([3]);
    nn.utils.vector_to_parameters(torch.tensor([1, 2, 3], { dtype: torch.float32 }), lin.parameters());
    expect(lin.weight.cpu_tolist()).toEqual([[1, 2]]);
    expect(lin.bias!.cpu_tolist()).toEqual([3]);
  });
});

describe('nn.init', () => {
  const stats = (t: Tensor) => {
    const d = t.cpu_data() as Float32Array;
    const mean = d.reduce((a, b) => a + b, 0) / d.length;
    const std = Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / d.length);
    return { mean, std, min: Math.min(...d), max: Math.max(...d) };
  };
  it('random inits have the right bounds, mean and spread', () => {
    torch.manual_seed(0);
    const w = torch.empty(200, 300);
    nn.init.xavier_uniform_(w, { gain: 2 });
    const a = 2 * Math.sqrt(6 / 500);
    let s = stats(w);
    expect(s.max).toBeLessThanOrEqual(a);
    expect(s.min).toBeGreaterThanOrEqual(-a);
    expect(s.std).toBeCloseTo(a / Math.sqrt(3), 2);
    nn.init.xavier_normal_(w);
    expect(stats(w).std).toBeCloseTo(Math.sqrt(2 / 500), 3);
    nn.init.kaiming_normal_(w, { mode: 'fan_out', nonlinearity: 'relu' });
    s = stats(w);
    expect(Math.abs(s.mean)).toBeLessThan(0.003);
    expect(s.std / Math.sqrt(2 / 200)).toBeCloseTo(1, 1);
    nn.init.kaiming_uniform_(w, 0, 'fan_in', 'relu');
    expect(stats(w).max).toBeLessThanOrEqual(Math.sqrt(2) * Math.sqrt(3 / 300));
    nn.init.normal_(w, { mean: 3, std: 0.5 });
    s = stats(w);
    expect(s.mean).toBeCloseTo(3, 2);
    expect(s.std).toBeCloseTo(0.5, 2);
    nn.init.uniform_(w, { a: -1, b: 3 });
    s = stats(w);
    expect(s.min).toBeGreaterThanOrEqual(-1);
    expect(s.mean).toBeCloseTo(1, 1);
  });
  it('deterministic inits and calculate_gain are exact', () => {
    const w = torch.empty(2, 3);
    expect(nn.init.eye_(w).cpu_tolist()).toEqual([[1, 0, 0], [0, 1, 0]]);
    expect(nn.init.constant_(w, { val: 0.5 }).cpu_tolist()).toEqual([[0.5, 0.5, 0.5], [0.5, 0.5, 0.5]]);
    expect(nn.init.zeros_(w).sum().cpu_item()).toBe(0);
    expect(nn.init.ones_(w).sum().cpu_item()).toBe(6);
    expect(nn.init.calculate_gain('relu')).toBe(Math.SQRT2);
    expect(nn.init.calculate_gain('tanh')).toBe(5 / 3);
    expect(nn.init.calculate_gain('leaky_relu', 0.2)).toBe(Math.sqrt(2 / 1.04));
    expect(nn.init.calculate_gain('selu')).toBe(0.75);
    expect(() => nn.init.calculate_gain('swish')).toThrow('Unsupported nonlinearity swish');
  });
  it('orthogonal_ gives orthonormal rows (or columns), times gain', () => {
    for (const [r, c] of [[4, 6], [6, 4]]) {
      const w = nn.init.orthogonal_(torch.empty(r, c), { gain: 2 });
      const g = (r <= c ? w.matmul(w.t()) : w.t().matmul(w)).div(4).cpu_tolist() as number[][];
      g.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(i === j ? 1 : 0, 5)));
    }
  });
});

describe('activations and losses', () => {
  it('replace the old stubs, with PyTorch reprs', () => {
    expect(String(nn.ELU())).toBe('ELU(alpha=1.0)');
    expect(String(nn.PReLU({ num_parameters: 3 }))).toBe('PReLU(num_parameters=3)');
    expect(String(nn.Hardtanh(-2, 2))).toBe('Hardtanh(min_val=-2.0, max_val=2.0)');
    expect(String(nn.HuberLoss({ delta: 2 }))).toBe('HuberLoss()');
    expect(String(nn.AdaptiveMaxPool2d([2, 3]))).toBe('AdaptiveMaxPool2d(output_size=(2, 3))');
    const [out, idx] = nn.AdaptiveMaxPool2d(1, true)(torch.tensor([[[1, 5], [3, 2]]])) as unknown as [Tensor, Tensor];
    expect([out.cpu_tolist(), idx.cpu_tolist()]).toEqual([[[[5]]], [[[1]]]]);
  });
  it('reject unknown options with Python’s message', () => {
    expect(() => F.smooth_l1_loss(torch.zeros(2), torch.zeros(2), { delta: 1 })).toThrow("smooth_l1_loss() got an unexpected keyword argument 'delta'");
    expect(() => F.elu(torch.zeros(2), { beta: 1 })).toThrow("elu() got an unexpected keyword argument 'beta'");
    expect(() => nn.LSTM(2, 3, { nonlinearity: 'relu' } as never)).toThrow("LSTM() got an unexpected keyword argument 'nonlinearity'");
  });
});

describe('batch_first recurrent outputs', () => {
  it("grad_fn as PyTorch's: RNN and GRU TransposeBackward1 (ATen's transpose_), LSTM TransposeBackward0", () => {
    const x = torch.ones(2, 5, 4);
    expect(nn.RNN(4, 3, { batch_first: true })(x)[0].grad_fn!.name()).toBe('TransposeBackward1');
    expect(nn.GRU(4, 3, { batch_first: true, bidirectional: true })(x)[0].grad_fn!.name()).toBe('TransposeBackward1');
    expect(nn.LSTM(4, 3, { batch_first: true })(x)[0].grad_fn!.name()).toBe('TransposeBackward0');
  });
});

describe('BatchNorm is one NativeBatchNormBackward0 node, as PyTorch 1.13', () => {
  it('in training and in eval; the running statistics still move in training only', () => {
    const m = nn.BatchNorm1d(3);
    const x = torch.tensor([[1.0, 2.0, 3.0], [3.0, 6.0, 9.0]], { requires_grad: true });
    const y = m(x);
    expect(y.grad_fn!.name()).toBe('NativeBatchNormBackward0');
    expect(m.running_mean!.cpu_tolist()).toEqual([0.20000000298023224, 0.4000000059604645, 0.6000000238418579]);
    y.pow(2).sum().backward();
    expect((x.grad!.cpu_tolist() as number[][]).flat().every((g) => Math.abs(g) < 1e-3)).toBe(true);
    m.eval();
    const z = m(x);
    expect(z.grad_fn!.name()).toBe('NativeBatchNormBackward0');
    expect(m.running_mean!.cpu_tolist()).toEqual([0.20000000298023224, 0.4000000059604645, 0.6000000238418579]);
    expect(nn.BatchNorm1d(3, { affine: false })(torch.randn(4, 3)).grad_fn).toBe(null);
    expect(nn.GroupNorm(1, 2)(torch.randn(2, 2, 2)).grad_fn!.name()).toBe('NativeGroupNormBackward0');
    expect(nn.LayerNorm(3)(torch.randn(2, 3)).grad_fn!.name()).toBe('NativeLayerNormBackward0');
  });
});

describe('Sequential and ModuleList sliced as PyTorch (seq[:2] in a cell is seq.index(":2"))', () => {
  it('keeps the names in a Sequential, renumbers a ModuleList, follows negative steps (PyTorch 1.13 reprs)', () => {
    const m = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1));
    expect(String(m.index('::-1'))).toBe('Sequential(\n  (2): Linear(in_features=3, out_features=1, bias=True)\n  (1): ReLU()\n  (0): Linear(in_features=2, out_features=3, bias=True)\n)');
    expect(String(m.index(torch.slice(1, null)))).toBe('Sequential(\n  (1): ReLU()\n  (2): Linear(in_features=3, out_features=1, bias=True)\n)');
    expect(String(m.index(-1))).toBe('Linear(in_features=3, out_features=1, bias=True)');
    expect(String(m.index('5:'))).toBe('Sequential()');
    expect(String(nn.ModuleList([nn.ReLU(), nn.Tanh(), nn.Sigmoid()]).index('1:'))).toBe('ModuleList(\n  (0): Tanh()\n  (1): Sigmoid()\n)');
    expect(() => m.index('::0')).toThrow('slice step cannot be zero');
  });
});
