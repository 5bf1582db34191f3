// Attention and the newer functions beyond their goldens (nn.json covers values and gradients vs
// PyTorch): scaled_dot_product_attention's masks (PyTorch 1.13 lacks the function, so checked
// against its formula), TransformerEncoder's layer copies, gumbel_softmax, and loud refusals.
import { describe, expect, it } from 'vitest';
import { F, nn, torch } from '../index';

describe('scaled_dot_product_attention', () => {
  torch.manual_seed(0);
  const q = torch.randn(2, 3, 4), k = torch.randn(2, 5, 4), v = torch.randn(2, 5, 6);
  const manual = (mask: ReturnType<typeof torch.zeros> | null) => {
    let s = q.matmul(k.transpose(-2, -1)).div(2);
    if (mask) s = s.add(mask);
    return s.softmax(-1).matmul(v);
  };
  it('matches softmax(q·kᵀ/√d)·v, with a float mask and a boolean mask (true = attend)', async () => {
    expect(await F.scaled_dot_product_attention(q, k, v).sub(manual(null)).abs().max().item()).toBeLessThan(1e-6);
    const fm = torch.randn(3, 5);
    expect(await F.scaled_dot_product_attention(q, k, v, { attn_mask: fm }).sub(manual(fm)).abs().max().item()).toBeLessThan(1e-6);
    const bm = torch.randn(3, 5).gt(0);
    bm.index_put_([torch.tensor([0, 1, 2]), torch.tensor([0, 0, 0])], torch.tensor(true));
    const add = torch.zeros(3, 5).masked_fill(bm.logical_not(), -Infinity);
    expect(await F.scaled_dot_product_attention(q, k, v, { attn_mask: bm }).sub(manual(add)).abs().max().item()).toBeLessThan(1e-6);
  });
  it('is_causal masks the future; scale overrides 1/√d', async () => {
    const qq = torch.randn(1, 4, 4);
    const causal = torch.zeros(4, 4).masked_fill(torch.ones(4, 4).triu(1).bool(), -Infinity);
    const want = qq.matmul(qq.mT).mul(0.5).add(causal).softmax(-1).matmul(qq);
    expect(await F.scaled_dot_product_attention(qq, qq, qq, { is_causal: true }).sub(want).abs().max().item()).toBeLessThan(1e-6);
    const want2 = qq.matmul(qq.mT).mul(0.1).softmax(-1).matmul(qq);
    expect(await F.scaled_dot_product_attention(qq, qq, qq, { scale: 0.1 }).sub(want2).abs().max().item()).toBeLessThan(1e-6);
    expect(() => F.scaled_dot_product_attention(qq, qq, qq, { foo: 1 } as never)).toThrow("scaled_dot_product_attention() got an unexpected keyword argument 'foo'");
  });
});

describe('TransformerEncoder', () => {
  it('stacks independent copies of the layer (deepcopy), as PyTorch', async () => {
    torch.manual_seed(1);
    const layer = nn.TransformerEncoderLayer(8, 2, { dim_feedforward: 16 });
    const enc = nn.TransformerEncoder(layer, 2, { norm: nn.LayerNorm(8) });
    enc.eval();
    layer.eval();
    expect(Object.keys(enc.state_dict())[0]).toBe('layers.0.self_attn.in_proj_weight');
    expect(enc.layers[0].linear1.weight).not.toBe(layer.linear1.weight);
    expect(await enc.layers[1].linear1.weight.equal(layer.linear1.weight)).toBe(true);
    const x = torch.randn(5, 3, 8);
    const want = (enc.norm as nn.LayerNorm)(layer(layer(x)));
    expect(await enc(x).sub(want).abs().max().item()).toBeLessThan(1e-5);
    torch.no_grad(() => enc.layers[0].linear1.weight.add_(1));
    expect(await enc.layers[1].linear1.weight.equal(layer.linear1.weight)).toBe(true);
  });
  it('prints as PyTorch: no (norm) line without a norm, one with it', () => {
    const layer = nn.TransformerEncoderLayer(4, 2, { dim_feedforward: 8 });
    // PyTorch 1.13: repr(nn.TransformerEncoder(nn.TransformerEncoderLayer(4, 2, dim_feedforward=8), 1))
    const body = [
      'TransformerEncoder(',
      '  (layers): ModuleList(',
      '    (0): TransformerEncoderLayer(',
      '      (self_attn): MultiheadAttention(',
      '        (out_proj): NonDynamicallyQuantizableLinear(in_features=4, out_features=4, bias=True)',
      '      )',
      '      (linear1): Linear(in_features=4, out_features=8, bias=True)',
      '      (dropout): Dropout(p=0.1, inplace=False)',
      '      (linear2): Linear(in_features=8, out_features=4, bias=True)',
      '      (norm1): LayerNorm((4,), eps=1e-05, elementwise_affine=True)',
      '      (norm2): LayerNorm((4,), eps=1e-05, elementwise_affine=True)',
      '      (dropout1): Dropout(p=0.1, inplace=False)',
      '      (dropout2): Dropout(p=0.1, inplace=False)',
      '    )',
      '  )',
    ];
    const plain = nn.TransformerEncoder(layer, 1);
    expect(String(plain)).toBe([...body, ')'].join('\n'));
    expect(plain.norm).toBe(null);
    expect(String(nn.TransformerEncoder(layer, 1, { norm: nn.LayerNorm(4) })))
      .toBe([...body, '  (norm): LayerNorm((4,), eps=1e-05, elementwise_affine=True)', ')'].join('\n'));
  });
  it('MultiheadAttention refuses the options it lacks; nn.Transformer exists', () => {
    expect(() => nn.MultiheadAttention(8, 2, { add_bias_kv: true })).toThrow(/not implemented in Torchlit/);
    expect(() => nn.MultiheadAttention(8, 3)).toThrow(expect.objectContaining({ name: 'AssertionError', message: 'embed_dim must be divisible by num_heads' }));
    // nn.Transformer is implemented (transformer-decoder.ts; golden cases in engine/test/nn_breadth.test.ts)
    expect(String(torch.nn.Transformer({ d_model: 8, nhead: 2, num_encoder_layers: 1, num_decoder_layers: 1, dim_feedforward: 4 })).split('\n')[0]).toBe('Transformer(');
  });
});

describe('MultiheadAttention mask checks (PyTorch 1.13 and 2.x words and classes)', () => {
  it('rejects a mask of the wrong shape instead of broadcasting it', () => {
    const m = nn.MultiheadAttention(4, 2);
    const q = torch.zeros(3, 2, 4);
    const fails = (f: () => unknown, name: string, message: string) => expect(f).toThrow(expect.objectContaining({ name, message }));
    fails(() => m(q, q, q, { attn_mask: torch.zeros(3, 4) }), 'RuntimeError', 'The shape of the 2D attn_mask is torch.Size([3, 4]), but should be (3, 3).');
    fails(() => m(q, q, q, { attn_mask: torch.zeros(3, 3, 3) }), 'RuntimeError', 'The shape of the 3D attn_mask is torch.Size([3, 3, 3]), but should be (4, 3, 3).');
    fails(() => m(q, q, q, { attn_mask: torch.zeros(1, 1, 3, 3) }), 'AssertionError',
      'For batched (3-D) `query`, expected `attn_mask` to be `None`, 2-D or 3-D but found 4-D tensor instead');
    fails(() => m(q, q, q, { key_padding_mask: torch.zeros(2, 4, { dtype: torch.bool }) }), 'AssertionError',
      'expecting key_padding_mask shape of (2, 3), but got torch.Size([2, 4])');
    const u = q.index(':', 0);
    fails(() => m(u, u, u, { key_padding_mask: torch.zeros(4, { dtype: torch.bool }) }), 'AssertionError',
      'expecting key_padding_mask shape of (1, 3), but got torch.Size([1, 4])');
    expect([...m(q, q, q, { attn_mask: torch.zeros(3, 3) })[0].shape]).toEqual([3, 2, 4]);
  });
});

describe('functions without goldens', () => {
  it('gumbel_softmax: soft rows sum to 1, hard rows are one-hot with a gradient', async () => {
    const logits = torch.randn(4, 6, { requires_grad: true });
    const soft = F.gumbel_softmax(logits, { tau: 0.5 });
    expect(await soft.sum(-1).sub(1).abs().max().item()).toBeLessThan(1e-6);
    const hard = F.gumbel_softmax(logits, { hard: true });
    expect(await hard.sum(-1).tolist()).toEqual([1, 1, 1, 1]);
    expect(await hard.eq(0).logical_or(hard.eq(1)).all().item()).toBe(true);
    hard.mul(torch.randn(4, 6)).sum().backward();
    expect(logits.grad).not.toBeNull();
  });
  it('interpolate refuses what it cannot do; instance norm keeps running statistics', () => {
    expect(() => F.interpolate(torch.zeros(1, 1, 2, 2), { scale_factor: 2, mode: 'bilinear', antialias: true })).toThrow('interpolate with antialias=True is not implemented in Torchlit');
    expect(() => F.interpolate(torch.zeros(1, 1, 2, 2), { scale_factor: 2, mode: 'lanczos' })).toThrow("interpolate mode 'lanczos' is not implemented in Torchlit");
    expect(() => F.interpolate(torch.zeros(1, 1, 2, 2), { scale_factor: 2, align_corners: true })).toThrow('align_corners option can only be set with the interpolating modes');
    expect(Object.keys(nn.InstanceNorm2d(3, { track_running_stats: true }).state_dict())).toEqual(['running_mean', 'running_var', 'num_batches_tracked']);
    expect(() => F.pixel_shuffle(torch.zeros(1, 3, 2, 2), 2)).toThrow("pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor");
  });
});
