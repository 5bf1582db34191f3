// More Q&A programs in TypeScript (twins of scripts/golden/lessons_more.py): freezing, lr by hand,
// gradient accumulation, gradients on kinks and ties, reductions over several dims, losses' options, views.
import { torch, nn, F, optim } from '../index';
import type { Tensor } from '../tensor';
import { I, SD, err, type Lesson } from './lessons_io';

const f32 = { dtype: torch.float32 };

function mlp() {
  const m = nn.Sequential(nn.Linear(4, 5), nn.ReLU(), nn.Linear(5, 3));
  m.load_state_dict(SD('mlp'));
  return m;
}
const lin = (m: nn.Sequential, i: number) => m[i] as nn.Linear;

export const MORE: Record<string, Lesson> = {
  more_freeze_and_lr_by_hand() {
    const model = mlp();
    model[0].requires_grad_(false);
    const opt = optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9, weight_decay: 1e-3 });
    const x = I('x6x4');
    const y = I('y6');
    const losses: number[] = [];
    for (let epoch = 0; epoch < 4; epoch++) {
      if (epoch === 2) for (const g of opt.param_groups) g.lr = 0.01;
      opt.zero_grad();
      const loss = F.cross_entropy(model(x), y);
      loss.backward();
      opt.step();
      losses.push(loss.cpu_item());
    }
    const trainable = model.parameters().filter((p) => p.requires_grad).reduce((a, p) => a + p.numel(), 0);
    return {
      losses, frozen_w: lin(model, 0).weight, frozen_grad: lin(model, 0).weight.grad, w2: lin(model, 2).weight, b2: lin(model, 2).bias, trainable,
      lr: opt.param_groups[0].lr,
    };
  },

  more_grad_accumulation() {
    const model = mlp();
    const opt = optim.SGD(model.parameters(), { lr: 0.1 });
    const x = I('x6x4');
    const y = I('y6');
    opt.zero_grad();
    for (let i = 0; i < 6; i += 2) {
      const loss = F.cross_entropy(model(x.index(`${i}:${i + 2}`)), y.index(`${i}:${i + 2}`)).div(3);
      loss.backward();
    }
    const acc_grad = lin(model, 2).weight.grad!.clone();
    opt.step();
    const full = mlp();
    F.cross_entropy(full(x), y).backward();
    return { acc_grad, full_grad: lin(full, 2).weight.grad, w_after: lin(model, 2).weight };
  },

  more_kink_gradients() {
    const x = torch.tensor([-1.0, 0.0, 0.5, 1.0, 2.0], { dtype: torch.float32, requires_grad: true });
    const outs: Record<string, unknown> = {};
    const fns: [string, (t: Tensor) => Tensor][] = [
      ['relu', torch.relu], ['abs', torch.abs], ['clamp', (t) => t.clamp(0.0, 1.0)], ['max0', (t) => torch.maximum(t, torch.zeros_like(t))],
      ['sqrt_relu', (t) => torch.sqrt(torch.relu(t))], ['hardtanh', F.hardtanh], ['leaky', (t) => F.leaky_relu(t, 0.1)], ['sign', torch.sign],
      ['round', torch.round], ['where', (t) => torch.where(t.gt(0), t.mul(t), t.neg())],
    ];
    for (const [name, fn] of fns) {
      x.grad = null;
      const y = fn(x);
      y.sum().backward();
      outs[name] = [y, x.grad!.clone()];
    }
    const m = torch.tensor([1.0, 3.0, 3.0, 2.0], { dtype: torch.float32, requires_grad: true });
    m.max().backward();
    outs.max_tie = m.grad!.clone();
    m.grad = null;
    m.amax(0).backward();
    outs.amax_tie = m.grad!.clone();
    m.grad = null;
    torch.max(m, 0).values.backward();
    outs.max_dim_tie = m.grad;
    return outs;
  },

  more_reductions_over_dims() {
    const x = I('bchw');
    const mean = x.mean({ dim: [0, 2, 3], keepdim: true });
    const v = x.var({ dim: [0, 2, 3], unbiased: false, keepdim: true });
    const by_hand = x.sub(mean).div(torch.sqrt(v.add(1e-5)));
    const bn = nn.BatchNorm2d(3, { affine: false })(x);
    return {
      mean, var: v, same_as_bn: torch.allclose(by_hand, bn, { atol: 1e-5 }), by_hand: by_hand.index(0, 0, 0), sum_dims: x.sum({ dim: [1, 2] }),
      max_keep: x.max({ dim: 1, keepdim: true }).values.shape, amax: x.amax({ dim: [2, 3] }),
      std_one: err(() => torch.tensor([1.0], f32).std({ dim: 0, foo: 1 } as never)), std_single: torch.tensor([1.0], f32).std(),
      norm_dim: x.index(0, 0).norm({ dim: 1 }), normalize: F.normalize(x.index(0, 0), { dim: 1 }), logsumexp: x.index(0, 0).logsumexp(1),
      prod: x.index(0, 0, 0).prod(), argmax_tie: torch.tensor([1, 3, 3, 2]).argmax(), median: x.index(0, 0, 0).median(),
    };
  },

  more_losses_with_options() {
    const x = I('x6x4').index(':', ':3').clone().requires_grad_();
    const y = I('y6');
    const w = torch.tensor([1.0, 2.0, 0.5]);
    const y_ign = torch.tensor([0, 1, -100, 1, 0, 2]);
    const probs = () => F.softmax(I('x6x4').index(':', '1:'), { dim: 1 });
    const out: Record<string, unknown> = {};
    const fns: [string, () => Tensor][] = [
      ['ce_weight', () => F.cross_entropy(x, y, { weight: w })],
      ['ce_smooth', () => F.cross_entropy(x, y, { label_smoothing: 0.1 })],
      ['ce_ignore', () => F.cross_entropy(x, y_ign)],
      ['ce_sum', () => nn.CrossEntropyLoss({ reduction: 'sum' })(x, y)],
      ['ce_none', () => nn.CrossEntropyLoss({ reduction: 'none' })(x, y)],
      ['ce_probs', () => F.cross_entropy(x, probs())],
      ['nll', () => F.nll_loss(F.log_softmax(x, { dim: 1 }), y)],
      ['bce', () => F.binary_cross_entropy(torch.sigmoid(x), x.detach().gt(0).float())],
      ['bce_logits_pw', () => F.binary_cross_entropy_with_logits(x, x.detach().gt(0).float(), { pos_weight: w })],
      ['l1', () => F.l1_loss(x, torch.zeros(6, 3))],
      ['smooth_l1', () => F.smooth_l1_loss(x, torch.zeros(6, 3), { beta: 0.5 })],
      ['huber', () => F.huber_loss(x, torch.zeros(6, 3), { delta: 0.5 })],
      ['kl', () => F.kl_div(F.log_softmax(x, 1), probs(), { reduction: 'batchmean' })],
    ];
    for (const [name, fn] of fns) {
      x.grad = null;
      const loss = fn();
      loss.sum().backward();
      out[name] = [loss, x.grad!.clone()];
    }
    out.mse_shape_warning = F.mse_loss(torch.zeros(3), torch.ones(3, 1));
    out.ce_bad_weight = err(() => F.cross_entropy(x, y, { weight: torch.ones(4) }));
    return out;
  },

  more_expand_repeat_views() {
    const a = torch.tensor([[1.0], [2.0]], f32);
    const e = a.expand(2, 3);
    const r = a.repeat(1, 3);
    const x = torch.arange(12, f32).view(3, 4);
    return {
      expand: e, expand_stride: e.stride(), repeat: r, repeat_stride: r.stride(), expand_as: a.expand_as(r).shape,
      neg_step: err(() => x.index(':', '::-1')), flip: x.flip(1), narrow: x.narrow(1, 1, 2), diag: x.diagonal(), t_contig: x.t().is_contiguous(),
      chunks_view: x.chunk(2, { dim: 1 }).map((c) => c.is_contiguous()), inplace_on_expand: err(() => e.add_(1)),
      masked_fill_: x.clone().masked_fill_(x.gt(5), 0.0), index_fill_: x.clone().index_fill_(1, torch.tensor([0, 2]), -1.0),
      tril: torch.tril(torch.ones(3, 3)), triu_k: torch.triu(torch.ones(3, 3), { diagonal: 1 }), eye_like: torch.eye(3).bool(),
    };
  },
};


const k = (t: unknown) => t as any; // a keyword form the editor's types may not list yet

MORE.more_keyword_forms = () => {
  const x = torch.tensor([[3.0, 4.0], [6.0, 8.0]], f32);
  const g = torch.ones(4, { requires_grad: true });
  g.sum().mul(3).backward();
  return {
    fill_: k(x.clone()).fill_({ value: 2 }), add_alpha_scalar: x.add(1, { alpha: 2 }), sub_alpha_: x.clone().sub_(1, { alpha: 2 }),
    lerp_weight: k(x).lerp(torch.zeros(2, 2), { weight: 0.25 }), torch_lerp: k(torch).lerp(x, torch.zeros(2, 2), { weight: 0.5 }),
    full_like: torch.full_like(x, { fill_value: 7 }), new_full: x.new_full([2], { fill_value: 3 }),
    zeros_size: k(torch).zeros({ size: [2] }), ones_size: k(torch).ones({ size: [2, 1] }), arange_end: k(torch).arange({ end: 3 }),
    repeat_interleave: k(x.flatten()).repeat_interleave({ repeats: 2 }), randint_size: k(torch).randint(0, 10, { size: [3] }).shape,
    randint_high_size: k(torch).randint(10, { size: [3] }).shape, linear_bias: F.linear(x, torch.eye(2), { bias: torch.ones(2) }),
    masked_fill: k(x).masked_fill(x.gt(4), { value: 0.0 }), pow: k(x).pow({ exponent: 2 }), transpose: k(x).transpose({ dim0: 0, dim1: 1 }),
    unsqueeze: k(x).unsqueeze({ dim: 0 }).shape, flatten: k(x).flatten({ start_dim: 0 }), narrow: k(torch).narrow(x, { dim: 1, start: 1, length: 1 }),
    triu: torch.triu(x, { diagonal: 1 }), scatter_value: torch.zeros(3).scatter_(0, torch.tensor([1]), { value: 1.0 }),
    new_ones: x.new_ones(2, 3).shape, index_select: k(x).index_select({ dim: 0, index: torch.tensor([1]) }), logsumexp: k(x).logsumexp({ dim: 1 }),
    clip_norm: k(nn.utils).clip_grad_norm_([g], { max_norm: 1.0 }),
  };
};

MORE.more_diff_view_pool = () => {
  const a = torch.tensor([1.0, 4.0, 9.0, 16.0], { requires_grad: true });
  const b = torch.tensor([[1.0, 2.0, 4.0], [7.0, 11.0, 16.0]], { requires_grad: true });
  const d1 = torch.diff(b, { dim: 1 });
  d1.mul(torch.tensor([[1.0, 2.0], [3.0, 4.0]])).sum().backward();
  const a2 = a.diff({ n: 2 });
  a2.sum().backward();
  const img = torch.arange(16).reshape(1, 1, 4, 4);
  return {
    diff: torch.diff(a), diff_n2: a2, diff_dim0: torch.diff(b, { dim: 0 }), diff_n2_dim1: torch.diff(b, { n: 2, dim: 1 }),
    b_grad: b.grad, a_grad: a.grad, diff_n0: torch.diff(b, { n: 0 }), diff_n_big: torch.diff(b, { n: 5 }),
    prepend_append: torch.diff(a, { prepend: torch.tensor([0.0]), append: torch.tensor([20.0, 30.0]) }),
    prepend_2d: torch.diff(b, { dim: 0, prepend: torch.zeros(1, 3) }), int: torch.diff(torch.tensor([1, 3, 7])),
    bool: torch.diff(torch.tensor([true, false, false, true])), int_float_prepend: torch.diff(torch.tensor([1, 2, 3]), { prepend: torch.tensor([1.0], f32) }),
    err_0d: err(() => torch.diff(torch.tensor(1.0))), err_dim: err(() => torch.diff(b, { dim: 2 })),
    err_prepend_ndim: err(() => torch.diff(b, { prepend: torch.zeros(3) })),
    err_prepend_shape: err(() => torch.diff(b, { prepend: torch.zeros(3, 2) })),
    view_size: k(torch.arange(6, f32)).view({ size: [2, 3] }), view_size_neg: k(torch.arange(6, f32)).view({ size: [-1, 2] }),
    avg_pool_long: F.avg_pool2d(img, 2), avg_pool_long_neg: F.avg_pool2d(torch.tensor([[[[-3, -2], [1, 1]]]]), 2),
    avg_pool_long_pad: F.avg_pool2d(torch.arange(9).reshape(1, 3, 3), 2, 1, { padding: 1, count_include_pad: false }),
    avg_pool_int_err: err(() => F.avg_pool2d(torch.arange(9, { dtype: torch.int32 }).reshape(1, 3, 3), 2)),
    neg_n: err(() => torch.diff(torch.tensor([1.0, 2.0], f32), { n: -1 })),
  };
};

MORE.more_relu_inplace = () => {
  const w = torch.tensor([[0.5, -1.0], [1.5, 2.0], [-0.5, 0.25]], { requires_grad: true });
  const x = torch.tensor([[1.0, 2.0], [-1.0, 0.5]], f32);
  const h = x.matmul(w.t());
  const v0 = h._version;
  const o = F.relu(h, { inplace: true });
  const same = o === h;
  const bumped = h._version - v0;
  o.mul(torch.tensor([1.0, 2.0, 3.0], f32)).sum().backward();
  const leaf = torch.tensor([-1.0, 1.0], { requires_grad: true });
  const m = nn.Sequential(nn.Linear(2, 3), nn.ReLU({ inplace: true }));
  const lin0 = m[0] as nn.Linear;
  torch.no_grad(() => {
    lin0.weight.copy_(w);
    lin0.bias!.fill_(-0.5);
  });
  const y = m(x);
  y.sum().backward();
  const t = torch.tensor([-2.0, 3.0], f32);
  F.relu(t, { inplace: true });
  const s = torch.tensor([0.0, 1.0], { requires_grad: true }).sigmoid();
  const s2 = F.relu(s, { inplace: true });
  return {
    out: o, h, same, version_bump: bumped, w_grad: w.grad, mod_out: y, mod_w_grad: lin0.weight.grad, mod_b_grad: lin0.bias!.grad, plain: t,
    leaf_err: err(() => F.relu(leaf, { inplace: true })), after_sigmoid_err: err(() => s2.sum().backward()), out_of_place_input: x, repr: String(m),
    F_relu_: F.relu_(torch.tensor([-1.0, 2.0], f32)), torch_relu_: torch.relu_(torch.tensor([3.0, -4.0], f32)),
  };
};
