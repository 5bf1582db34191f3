// Module mechanics: callable instances, registration order, traversal, state dicts, reprs.
import { describe, expect, it } from 'vitest';
import { nn, torch, F } from '../index';
import type { Tensor } from '../tensor';

function seq() {
  return nn.Sequential(new Map<string, nn.Module>([['hidden_linear', nn.Linear(1, 8)], ['hidden_activation', nn.Tanh()], ['output_linear', nn.Linear(8, 1)]]));
}

describe('nn.Module', () => {
  it('is callable, with and without new; subclasses too', () => {
    class Net extends nn.Module {
      fc1 = nn.Linear(2, 3);
      act = nn.Tanh();
      declare fc2: nn.Linear;
      constructor() {
        super();
        this.fc2 = nn.Linear(3, 1);
      }
      forward(x: Tensor): Tensor {
        return this.fc2(this.act(this.fc1(x)));
      }
    }
    const net = new Net();
    const y = net(torch.ones(4, 2));
    expect([...y.shape]).toEqual([4, 1]);
    expect(typeof nn.Linear(1, 2)).toBe('function');
    expect(new nn.Linear(1, 2)).toBeInstanceOf(nn.Linear);
    expect(nn.Linear(1, 2)).toBeInstanceOf(nn.Module);
    expect(net.named_parameters().map(([n]) => n)).toEqual(['fc1.weight', 'fc1.bias', 'fc2.weight', 'fc2.bias']);
    expect(net.named_children().map(([n]) => n)).toEqual(['fc1', 'act', 'fc2']);
    expect(String(net)).toBe('Net(\n  (fc1): Linear(in_features=2, out_features=3, bias=True)\n  (act): Tanh()\n  (fc2): Linear(in_features=3, out_features=1, bias=True)\n)');
  });

  it('module members win over Function.prototype (apply, name, length, call, bind)', () => {
    class Named extends nn.Module {
      name = 'mine';
      forward(x: Tensor) {
        return x;
      }
    }
    const m = new Named();
    expect(m.name).toBe('mine');
    const visited: string[] = [];
    const s = nn.Sequential(nn.Linear(1, 2), nn.ReLU());
    s.apply((mod) => visited.push(mod._get_name()));
    expect(visited).toEqual(['Linear', 'ReLU', 'Sequential']);
    expect(s.length).toBe(2);
    expect((s as unknown as { call?: unknown }).call).toBeUndefined();
    expect((s as unknown as { bind?: unknown }).bind).toBeUndefined();
  });

  it('seed model: names, shapes, counts, freezing', () => {
    const m = seq();
    expect(m.named_parameters().map(([n, p]) => [n, [...p.shape]])).toEqual([
      ['hidden_linear.weight', [8, 1]], ['hidden_linear.bias', [8]], ['output_linear.weight', [1, 8]], ['output_linear.bias', [1]],
    ]);
    const count = () => m.parameters().filter((p) => p.requires_grad).reduce((a, p) => a + p.numel(), 0);
    expect(count()).toBe(25);
    m.hidden_linear.requires_grad_(false);
    expect(count()).toBe(9);
    expect(String(m.output_linear.bias)).toMatch(/^Parameter containing:\ntensor\(\[-?\d\.\d{4}\], requires_grad=True\)$/);
  });

  it('Sequential forms: args, Map, typed object; indexing, iteration, append', () => {
    const obj = nn.Sequential({ hidden_linear: nn.Linear(1, 8), hidden_activation: nn.Tanh(), output_linear: nn.Linear(8, 1) });
    const b: Tensor = obj.output_linear.bias!;
    expect([...b.shape]).toEqual([1]);
    expect(String(obj)).toBe(String(seq()));
    const s = nn.Sequential(nn.Linear(1, 2), nn.ReLU(), nn.Linear(2, 1));
    expect(s[0]).toBe(s.at(0));
    expect(s.at(-1)).toBe(s[2]);
    expect([...s].map((x) => x._get_name())).toEqual(['Linear', 'ReLU', 'Linear']);
    s.append(nn.Sigmoid());
    expect(s.length).toBe(4);
    expect(s.named_children().map(([n]) => n)).toEqual(['0', '1', '2', '3']);
    expect(String(s.slice(1, 3))).toBe('Sequential(\n  (1): ReLU()\n  (2): Linear(in_features=2, out_features=1, bias=True)\n)');
  });

  it('ModuleList and ModuleDict', () => {
    const l = nn.ModuleList([nn.Linear(2, 2), nn.Linear(2, 2)]);
    expect(l.length).toBe(2);
    expect(l.parameters().length).toBe(4);
    expect(String(nn.ModuleList([nn.ReLU(), nn.ReLU(), nn.Tanh()]))).toBe('ModuleList(\n  (0-1): 2 x ReLU()\n  (2): Tanh()\n)');
    const d = nn.ModuleDict({ a: nn.ReLU(), b: nn.Linear(1, 1) });
    expect(d.keys()).toEqual(['a', 'b']);
    expect(d.b.weight.shape[0]).toBe(1);
    expect(String(d)).toBe('ModuleDict(\n  (a): ReLU()\n  (b): Linear(in_features=1, out_features=1, bias=True)\n)');
  });

  it('buffers, register_parameter, state_dict order', () => {
    class M extends nn.Module {
      constructor() {
        super();
        this.register_buffer('running', torch.zeros(2));
        this.register_parameter('w', nn.Parameter(torch.ones(2)));
        this.register_buffer('tmp', torch.zeros(1), { persistent: false });
        this.add_module('child', nn.BatchNorm1d(2));
      }
    }
    const m = new M();
    expect(Object.keys(m.state_dict())).toEqual(['w', 'running', 'child.weight', 'child.bias', 'child.running_mean', 'child.running_var', 'child.num_batches_tracked']);
    expect(m.named_buffers().map(([n]) => n)).toEqual(['running', 'tmp', 'child.running_mean', 'child.running_var', 'child.num_batches_tracked']);
    expect(() => ((m as unknown as Record<string, unknown>).w = torch.ones(2))).toThrow("cannot assign 'torch.FloatTensor' as parameter 'w' (torch.nn.Parameter or None expected)");
  });

  it('load_state_dict: values, Map input, PyTorch errors', () => {
    const a = nn.Linear(2, 3), b = nn.Linear(2, 3);
    b.load_state_dict(a.state_dict());
    expect(b.weight.cpu_tolist()).toEqual(a.weight.cpu_tolist());
    b.load_state_dict(new Map(Object.entries(nn.Linear(2, 3).state_dict())));
    expect(() => b.load_state_dict({ weight: torch.zeros(3, 2), extra: torch.zeros(1) })).toThrow(
      'Error(s) in loading state_dict for Linear:\n\tMissing key(s) in state_dict: "bias". \n\tUnexpected key(s) in state_dict: "extra". ',
    );
    expect(() => b.load_state_dict({ weight: torch.zeros(3, 4), bias: torch.zeros(3) })).toThrow(
      'Error(s) in loading state_dict for Linear:\n\tsize mismatch for weight: copying a param with shape torch.Size([3, 4]) from checkpoint, the shape in current model is torch.Size([3, 2]).',
    );
    expect(b.load_state_dict({ weight: torch.zeros(3, 2) }, { strict: false })).toEqual({ missing_keys: ['bias'], unexpected_keys: [] });
  });

  it('train/eval, zero_grad to null, to(dtype) keeps the Parameter objects', () => {
    const m = nn.Sequential(nn.Linear(2, 2), nn.Dropout(0.5));
    m.eval();
    expect(m.modules().every((x) => !x.training)).toBe(true);
    m.train();
    expect(m[1].training).toBe(true);
    const w = (m[0] as nn.Linear).weight;
    F.mse_loss(m.eval()(torch.ones(1, 2)), torch.zeros(1, 2)).backward();
    expect(w.grad).not.toBeNull();
    m.zero_grad();
    expect(w.grad).toBeNull();
    m.to(torch.float64);
    expect((m[0] as nn.Linear).weight).toBe(w);
    expect(String(w.dtype)).toBe('torch.float64');
  });

  it('reprs match PyTorch', () => {
    const cases: [nn.Module, string][] = [
      [nn.Conv2d(3, 64, 3, { padding: 1 }), 'Conv2d(3, 64, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))'],
      [nn.Conv2d(3, 4, 3, { padding: 'same' }), 'Conv2d(3, 4, kernel_size=(3, 3), stride=(1, 1), padding=same)'],
      [nn.Conv2d(3, 4, [2, 3], { stride: [2, 1], padding: [1, 0], dilation: 2, bias: false, padding_mode: 'reflect' }), 'Conv2d(3, 4, kernel_size=(2, 3), stride=(2, 1), padding=(1, 0), dilation=(2, 2), bias=False, padding_mode=reflect)'],
      [nn.MaxPool2d(2), 'MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)'],
      [nn.MaxPool2d([2, 2]), 'MaxPool2d(kernel_size=(2, 2), stride=(2, 2), padding=0, dilation=1, ceil_mode=False)'],
      [nn.AvgPool2d(3, 2, 1), 'AvgPool2d(kernel_size=3, stride=2, padding=1)'],
      [nn.AdaptiveAvgPool2d([7, 7]), 'AdaptiveAvgPool2d(output_size=(7, 7))'],
      [nn.AdaptiveAvgPool2d(1), 'AdaptiveAvgPool2d(output_size=1)'],
      [nn.BatchNorm2d(64), 'BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)'],
      [nn.BatchNorm2d(3, { momentum: null, affine: false }), 'BatchNorm2d(3, eps=1e-05, momentum=None, affine=False, track_running_stats=True)'],
      [nn.ReLU(true), 'ReLU(inplace=True)'],
      [nn.ReLU(), 'ReLU()'],
      [nn.Dropout(), 'Dropout(p=0.5, inplace=False)'],
      [nn.GELU(), "GELU(approximate='none')"],
      [nn.LeakyReLU(0.2, true), 'LeakyReLU(negative_slope=0.2, inplace=True)'],
      [nn.Softmax({ dim: 1 }), 'Softmax(dim=1)'],
      [nn.LogSoftmax(), 'LogSoftmax(dim=None)'],
      [nn.Flatten(), 'Flatten(start_dim=1, end_dim=-1)'],
      [nn.Unflatten(1, [2, 5]), 'Unflatten(dim=1, unflattened_size=(2, 5))'],
      [nn.Embedding(10, 3, { padding_idx: 0 }), 'Embedding(10, 3, padding_idx=0)'],
      [nn.Identity(), 'Identity()'],
      [nn.CrossEntropyLoss({ label_smoothing: 0.1 }), 'CrossEntropyLoss()'],
      [nn.Linear(2, 3, { bias: false }), 'Linear(in_features=2, out_features=3, bias=False)'],
    ];
    for (const [m, want] of cases) expect(String(m)).toBe(want);
  });

  it('Linear init stays within PyTorch bounds (1/sqrt(fan_in))', () => {
    const l = nn.Linear(16, 32);
    const w = l.weight.cpu_data();
    const bound = 1 / Math.sqrt(16);
    expect(Math.max(...Array.from(w, Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...Array.from(w, Math.abs))).toBeGreaterThan(bound * 0.8);
    expect(nn.init.calculate_gain('leaky_relu', Math.sqrt(5))).toBeCloseTo(Math.sqrt(1 / 3));
  });

  it('Dropout: seeded in training, identity in eval', () => {
    const d = nn.Dropout(0.5);
    torch.manual_seed(1);
    const a = d(torch.ones(100)).cpu_data();
    torch.manual_seed(1);
    const b = d(torch.ones(100)).cpu_data();
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(new Set(Array.from(a))).toEqual(new Set([0, 2]));
    d.eval();
    expect(Array.from(d(torch.ones(3)).cpu_data())).toEqual([1, 1, 1]);
  });

  it('forward hooks see inputs and outputs, may replace them, and can be removed', () => {
    const m = nn.Sequential(nn.Linear(2, 3), nn.ReLU());
    const seen: number[][] = [];
    const h = m[0].register_forward_hook((_mod, _inp, out) => void seen.push([...(out as Tensor).shape]));
    const p = m[1].register_forward_pre_hook((_mod, inp) => [(inp[0] as Tensor).mul(0)]);
    const y = m(torch.ones(4, 2));
    expect(seen).toEqual([[4, 3]]);
    // abs: relu keeps the -0 of (negative × 0), as PyTorch does
    expect(y.abs().cpu_tolist()).toEqual([[0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0]]);
    h.remove();
    p.remove();
    m(torch.ones(1, 2));
    expect(seen.length).toBe(1);
  });
});

describe("BatchNorm's num_batches_tracked missing from a state dict, as PyTorch 1.13", () => {
  it("a dict state_dict() made (PyTorch's _metadata: version 2) misses it; a copy or hand-made dict is an old checkpoint: 0", () => {
    // bn = nn.BatchNorm1d(2); sd = bn.state_dict(); del sd['num_batches_tracked']; bn.num_batches_tracked.fill_(5); bn.load_state_dict(sd)
    // -> RuntimeError: Error(s) in loading state_dict for BatchNorm1d:\n\tMissing key(s) in state_dict: "num_batches_tracked".
    const bn = nn.BatchNorm1d(2);
    bn.num_batches_tracked!.fill_(5);
    const sd = bn.state_dict();
    delete sd.num_batches_tracked;
    expect(() => bn.load_state_dict(sd)).toThrow('Error(s) in loading state_dict for BatchNorm1d:\n\tMissing key(s) in state_dict: "num_batches_tracked". ');
    // bn.load_state_dict(sd, strict=False) -> _IncompatibleKeys(missing_keys=['num_batches_tracked'], unexpected_keys=[]); the count stays 5
    expect(String(bn.load_state_dict(sd, false))).toBe("_IncompatibleKeys(missing_keys=['num_batches_tracked'], unexpected_keys=[])");
    expect(bn.num_batches_tracked!.cpu_item()).toBe(5);
    // {k: v for k, v in bn.state_dict().items() if k != 'num_batches_tracked'} -> <All keys matched successfully>, the count is 0 (it stayed 5)
    const copy: Record<string, unknown> = { ...bn.state_dict() };
    delete copy.num_batches_tracked;
    expect(String(bn.load_state_dict(copy as typeof sd))).toBe('<All keys matched successfully>');
    expect(bn.num_batches_tracked!.cpu_item()).toBe(0);
    // nested: nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2)) with such a dict -> all keys matched, m[1].num_batches_tracked 0
    const m = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2));
    const bn1 = m.get_submodule('1') as ReturnType<typeof nn.BatchNorm1d>;
    bn1.num_batches_tracked!.fill_(3);
    const plain = Object.fromEntries(Object.entries(m.state_dict()).filter(([k]) => !k.includes('num_batches')));
    expect(String(m.load_state_dict(plain))).toBe('<All keys matched successfully>');
    expect(bn1.num_batches_tracked!.cpu_item()).toBe(0);
  });
});
