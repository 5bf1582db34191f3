// Common Q&A snippets in TypeScript (twins of scripts/golden/lessons_qa.py).
import { torch, nn, F, optim } from '../index';
import { I, err, type Lesson } from './lessons_io';

const f32 = { dtype: torch.float32 };

export const QA: Record<string, Lesson> = {
  qa_argmax_accuracy() {
    const logits = I('logits5x3');
    const y = I('y5');
    const pred = logits.argmax({ dim: 1 });
    const correct = pred.eq(y);
    return {
      pred, correct, acc: correct.float().mean(), acc_item: correct.sum().cpu_item() / y.shape[0], max_vals: torch.max(logits, 1)[0],
      max_all: logits.max(), softmax_sum: F.softmax(logits, { dim: 1 }).sum(1), eq_dtype: String(correct.dtype),
    };
  },

  qa_one_hot_gather_scatter() {
    const y = I('y5');
    const logits = I('logits5x3');
    const oh = F.one_hot(y, { num_classes: 3 });
    const picked = logits.gather(1, y.unsqueeze(1));
    const z = torch.zeros(5, 3).scatter_(1, y.view(-1, 1), 1.0);
    const s = torch.zeros(3).scatter_add_(0, y, torch.ones(5));
    const bad = err(() => logits.gather(1, y));
    return {
      one_hot: oh, one_hot_dtype: String(oh.dtype), picked, scattered: z, counts: s, bincount: torch.bincount(y), gather_bad: bad,
      index_select: logits.index_select(0, torch.tensor([4, 0])),
    };
  },

  qa_clamp_where_topk_sort() {
    const m = I('m4x5');
    const [v, i] = m.topk(2, { dim: 1 });
    const [sv, si] = torch.sort(m.index(0), { descending: true });
    return {
      clamp: m.clamp({ min: -0.5, max: 0.5 }), clamp_min: torch.clamp(m, { min: 0 }), where: torch.where(m.gt(0), m, torch.zeros_like(m)),
      where_scalar: torch.where(m.gt(0), m, 0.0), topk_v: v, topk_i: i, sort_v: sv, sort_i: si, argsort: m.index(1).argsort(),
      relu_eq: torch.equal(m.clamp({ min: 0 }), F.relu(m)), abs_max: m.abs().max({ dim: 0 }).indices, cumsum: m.index(0).cumsum(0),
      round: m.mul(10).round().div(10),
    };
  },

  qa_cat_stack_split() {
    const a = torch.arange(6, f32).view(2, 3);
    const b = a.add(10);
    return {
      cat0: torch.cat([a, b], { dim: 0 }).shape, cat1: torch.cat([a, b], 1), stack0: torch.stack([a, b]).shape,
      stack1: torch.stack([a, b], { dim: 1 }), stack_2: torch.stack([a, b], { dim: -1 }).shape, chunk: torch.chunk(a, 3, { dim: 1 }),
      split: a.split([1, 2], { dim: 1 }).map((t) => t.shape), unbind: a.unbind(1), hstack: torch.hstack([a, b]).shape,
      cat_bad: err(() => torch.cat([a, torch.zeros(2, 2)], { dim: 0 })), stack_bad: err(() => torch.stack([a, torch.zeros(3, 2)])),
    };
  },

  qa_int_division_and_promotion() {
    const i = torch.tensor([5, 3, -7]);
    const f = torch.tensor([0.5, 1.5, 2.5]);
    return {
      true_div: i.div(2), floor_div: torch.floor_divide(i, 2), floor_divide: torch.floor_divide(i, 2), remainder: i.remainder(3),
      int_plus_half: i.add(0.5), int_times_float_t: i.mul(f), int_sum: i.sum(), int_sum_dtype: String(i.sum().dtype), int_mean: err(() => i.mean()),
      float_mean: i.float().mean(), bool_sum: i.gt(0).sum(), bool_plus_int: torch.tensor([true, false]).add(1),
      f64_plus_f32: torch.ones(2, { dtype: torch.float64 }).add(torch.ones(2)),
      f32_plus_0d_f64: torch.ones(2).add(torch.tensor(1, { dtype: torch.float64 })),
      i32_plus_i64: torch.ones(2, { dtype: torch.int32 }).add(torch.ones(2, { dtype: torch.long })), pow_int: i.pow(2), pow_half: i.abs().pow(0.5),
      int_div_: err(() => i.clone().div_(2)), mul_bool: i.gt(0).mul(2.5), softmax_int: err(() => F.softmax(i, { dim: 0 })), float_of_int: torch.tensor(3).float(),
      long_of_float: torch.tensor([2.7, -2.7]).long(),
    };
  },

  qa_inplace_leaf_and_backward_errors() {
    const w = torch.ones(3, { requires_grad: true });
    const leaf_error = err(() => w.add_(1));
    torch.no_grad(() => w.sub_(0.5));
    w.data.mul_(2);
    const x = torch.tensor([1.0, 2.0, 3.0], { dtype: torch.float32, requires_grad: true });
    const y = x.mul(x);
    y.sum().backward();
    const twice = err(() => y.sum().backward());
    const nonscalar = err(() => x.mul(2).backward());
    const no_grad_t = torch.ones(2);
    const no_req = err(() => no_grad_t.mul(2).sum().backward());
    return { leaf_error, w, w_is_leaf: w.is_leaf, x_grad: x.grad, twice, nonscalar, no_req, y_is_leaf: y.is_leaf, detach_leaf: y.detach().is_leaf };
  },

  qa_item_tolist_sizes() {
    const t = torch.tensor([[1.5, 2.0, 3.0], [4.0, 5.0, 6.25]]);
    return {
      item: t.index(1, 2).cpu_item(), item_error: err(() => t.index(0).cpu_item()), tolist: t.cpu_tolist(), row_tolist: t.index(0).cpu_tolist(),
      scalar_tolist: t.index(0, 0).cpu_tolist(), numel: t.numel(), size: t.size(), size1: t.size(1), size_neg: t.size(-1), shape0: t.shape[0],
      dim: t.dim(), ndim: t.ndim, len: t.__len__(), int_item: torch.tensor([7]).cpu_item(), bool_item: torch.tensor(true).cpu_item(),
      index_error: err(() => t.index(2)), dim_error: err(() => t.sum(2)),
    };
  },

  qa_shape_errors() {
    const lin = nn.Linear(2, 5);
    return {
      linear: err(() => lin(torch.zeros(4, 3))), broadcast: err(() => torch.zeros(2, 3).add(torch.zeros(2, 4))),
      matmul: err(() => torch.zeros(2, 3).matmul(torch.zeros(2, 3))), view: err(() => torch.zeros(2, 3).view(4)),
      ce_float_target: err(() => F.cross_entropy(torch.zeros(2, 3), torch.tensor([0.0, 1.0], f32))),
      ce_out_of_bounds: err(() => F.cross_entropy(torch.zeros(2, 3), torch.tensor([0, 5]))),
      conv_channels: err(() => nn.Conv2d(3, 4, 3)(torch.zeros(1, 1, 5, 5))), bn_features: err(() => nn.BatchNorm1d(3)(torch.zeros(2, 4))),
      mse_broadcast_ok: F.mse_loss(torch.zeros(3, 1), torch.ones(3, 1)), squeeze: torch.zeros(3, 1, 2).squeeze().shape,
      unsqueeze: torch.zeros(3).unsqueeze(0).shape,
    };
  },

  qa_no_grad_detach_flags() {
    const x = torch.ones(2, { requires_grad: true });
    const y = torch.no_grad(() => x.mul(2));
    torch.set_grad_enabled(false);
    const z = x.mul(2);
    torch.set_grad_enabled(true);
    const w = x.mul(2);
    const d = w.detach();
    d.index_put_([0], 5.0);
    return {
      y: y.requires_grad, z: z.requires_grad, w: w.requires_grad, w_fn: w.grad_fn!.name(), w_after: w, is_grad_enabled: torch.is_grad_enabled(),
      x_requires: x.requires_grad, clone_fn: x.clone().grad_fn!.name(), detach_version: w._version,
    };
  },

  qa_adam_quadratic() {
    const p = torch.tensor([1.0, -2.0, 3.0], { dtype: torch.float32, requires_grad: true });
    const opt = optim.Adam([p], { lr: 0.1, betas: [0.9, 0.99], weight_decay: 0.01 });
    const sched = optim.lr_scheduler.StepLR(opt, { step_size: 2, gamma: 0.5 });
    const trace: number[][] = [];
    for (let k = 0; k < 5; k++) {
      opt.zero_grad();
      const loss = p.pow(2).sum().add(p.prod());
      loss.backward();
      opt.step();
      sched.step();
      trace.push([loss.cpu_item(), opt.param_groups[0].lr as number]);
    }
    const st = opt.state.get(p)!;
    const step = opt.state_dict().state[0].step;
    opt.zero_grad();
    return { p, trace, exp_avg: st.exp_avg, repr: String(opt), step, grad_after_zero: p.grad };
  },
};
