// The nn names added for coverage past nn.json (golden/nn_breadth.json, from
// scripts/golden/nn_breadth.py): unfold/fold, Conv3d, EmbeddingBag, the Transformer decoder,
// CTCLoss, affine_grid/grid_sample. Values and gradients on every backend, reprs, state_dict keys,
// grad_fn names and PyTorch's error messages; float64 gradchecks on the CPU (modules with their
// parameters swapped for differentiable inputs).
import { describe, it } from 'vitest';
import golden from './golden/nn_breadth.json';
import { gradcheck, type GradInput } from './gradcheck';
import { backends, call, decodeArg, dtypesOf, expectTensor, F, gradchecksHere, knownGap, makeTensor, nn, withKw, type Dyn, type Encoded } from './harness';
import { buildModule, flatOutputs, runNNCase, type NNCase } from './nn_case';
import { ERROR_CALLS_HU, KW_CALLS_HU } from './nn_breadth_hu';

const cases = golden.cases as unknown as NNCase[];
const devices = await backends();
const F64 = { floatAs: 'float64' as const };

/** Cases that run on the CPU only (their pieces have no WebGPU kernels), as docs/pytorch-coverage.md says. */
function cpuOnly(c: NNCase): string | null {
  const name = c.module ?? c.fn ?? '';
  const kw = c.kwargs as Record<string, unknown>;
  if (/^(EmbeddingBag|embedding_bag)$/.test(name) && (c.inputs[0].shape.length === 1 || kw.scale_grad_by_freq || kw.max_norm != null))
    return 'embedding_bag reads offsets (and indices for scale_grad_by_freq/max_norm) on the CPU; 2-D input runs on WebGPU';
  if (/^(CTCLoss|ctc_loss)$/.test(name)) return 'ctc_loss runs its alpha/beta recursions on the CPU';
  if (/^(FractionalMaxPool[23]d|fractional_max_pool[23]d)$/.test(name)) return 'fractional max pooling reads _random_samples on the host: given on WebGPU they raise (the input may be on WebGPU)';
  return null;
}

describe.each(devices)('nn breadth vs PyTorch on %s', (device) => {
  for (const c of cases) {
    const gap = knownGap(device, dtypesOf([...c.inputs, ...c.outputs]), c as { fn?: string }) ?? (device === 'webgpu' ? cpuOnly(c) : null);
    if (gap) it.skip(`${c.id} [known gap: ${gap}]`, () => {});
    else it(c.id, () => runNNCase(c, device));
  }
});

describe('nn breadth: reprs, state_dict keys and grad_fn names vs PyTorch', () => {
  for (const c of cases) {
    it(c.id, () => {
      const xs = c.inputs.map((e, i) => makeTensor(e, { requires_grad: c.requires_grad[i] }));
      let out: Dyn;
      if (c.kind === 'module') {
        const m = buildModule(c, 'cpu');
        const keys = Object.keys(call(m, c.module!, 'state_dict', []) as object);
        if (keys.join(',') !== c.state_dict_keys!.join(',')) throw new Error(`state_dict() keys [${keys.join(', ')}], PyTorch's [${c.state_dict_keys!.join(', ')}]`);
        const want = c.repr_current ?? c.repr;
        if (String(m) !== want) throw new Error(`String(module) is\n${String(m)}\nPyTorch's repr is\n${want}`);
        out = m(...xs, ...(c.forward_kwargs ? [decodeArg(c.forward_kwargs)] : []));
      } else out = call(F, 'F', c.fn!, withKw([...xs, ...(decodeArg(c.args) as unknown[])], decodeArg(c.kwargs) as Record<string, unknown>));
      const name = flatOutputs(out)[0].grad_fn?.name();
      if (c.grad_fn && name !== c.grad_fn) throw new Error(`grad_fn ${name}, PyTorch's ${c.grad_fn}`);
    });
  }
});

interface ErrorCase { id: string; error: string; message: string; current?: { error: string; message: string } }
/** The calls of nn_breadth.py's error cases (same ids). */
const ERROR_CALLS: Record<string, () => unknown> = {
  'unfold/kernel_too_big': () => F.unfold(Tz(1, 2, 3, 3), 4),
  'unfold/2d': () => F.unfold(Tz(2, 3), 2),
  'fold/blocks_mismatch': () => F.fold(Tz(1, 8, 10), [4, 5], 2),
  'fold/not_divisible': () => F.fold(Tz(1, 5, 12), [4, 5], 2),
  'fold/4d': () => F.fold(Tz(2, 3, 4, 5), [4, 5], 2),
  'Transformer/batch_mismatch': () => nn.Transformer(8, 2, 1, 1, 16)(Tz(5, 2, 8), Tz(4, 3, 8)),
  'Transformer/d_model': () => nn.Transformer(8, 2, 1, 1, 16)(Tz(5, 2, 6), Tz(4, 2, 6)),
  'ctc_loss/input_too_long': () => F.ctc_loss(LP(), TGP(), [7, 8, 5], [4, 2, 1]),
  'ctc_loss/targets_short': () => F.ctc_loss(LP(), TGP().narrow(1, 0, 2), [7, 6, 5], [4, 2, 1]),
  'ctc_loss/concat_size': () => F.ctc_loss(LP(), Li(1, 2, 3, 1), [7, 6, 5], [4, 2, 1]),
  'ctc_loss/reduction': () => F.ctc_loss(LP(), TGP(), [7, 6, 5], [4, 2, 1], { reduction: 'foo' }),
  'affine_grid/theta_shape': () => F.affine_grid(Tz(2, 3, 3), [2, 3, 4, 5], { align_corners: false }),
  'affine_grid/size_len': () => F.affine_grid(Tz(2, 2, 3), [2, 3, 4], { align_corners: false }),
  'grid_sample/mode': () => F.grid_sample(Tz(1, 1, 2, 2), Tz(1, 2, 2, 2), { mode: 'area', align_corners: false }),
  'grid_sample/padding_mode': () => F.grid_sample(Tz(1, 1, 2, 2), Tz(1, 2, 2, 2), { padding_mode: 'circular', align_corners: false }),
  'grid_sample/batch': () => F.grid_sample(Tz(1, 1, 2, 2), Tz(2, 2, 2, 2), { align_corners: false }),
  'conv3d/channels': () => F.conv3d(Tz(2, 3, 4, 4, 4), Tz(4, 2, 3, 3, 3)),
  'conv3d/kernel_too_big': () => F.conv3d(Tz(1, 2, 2, 4, 4), Tz(4, 2, 3, 3, 3)),
  'conv3d/3d_input': () => F.conv3d(Tz(2, 4, 4), Tz(4, 2, 3, 3, 3)),
  'embedding_bag/offsets0': () => F.embedding_bag(EI(), Tz(10, 3), Li(1, 4)),
  'embedding_bag/offsets_last': () => F.embedding_bag(EI(), Tz(10, 3), Li(0, 9)),
  'embedding_bag/psw_mean': () => F.embedding_bag(EI(), Tz(10, 3), Li(0, 4), { mode: 'mean', per_sample_weights: Tz(8) }),
  'embedding_bag/no_offsets': () => F.embedding_bag(EI(), Tz(10, 3)),
  'embedding_bag/2d_offsets': () => F.embedding_bag(EI().view(2, 4), Tz(10, 3), Li(0, 4)),
  'embedding_bag/mode': () => F.embedding_bag(EI(), Tz(10, 3), Li(0, 4), { mode: 'foo' }),
  'embedding_bag/max_freq': () => F.embedding_bag(EI(), Tz(10, 3), Li(0, 4), { mode: 'max', scale_grad_by_freq: true }),
  'embedding_bag/psw_shape': () => F.embedding_bag(EI(), Tz(10, 3), Li(0, 4), { per_sample_weights: Tz(7), mode: 'sum' }),
  ...ERROR_CALLS_HU,
};
const Li = (...v: number[]): Dyn => makeTensor({ shape: [v.length], dtype: 'int64', data: v });
const EI = () => Li(1, 2, 4, 5, 4, 3, 2, 9);
const LP = () => Tz(7, 3, 5).log_softmax(2);
const TGP = () => makeTensor({ shape: [3, 4], dtype: 'int64', data: [1, 2, 2, 4, 3, 1, 0, 0, 4, 0, 0, 0] });
function Tz(...shape: number[]): Dyn {
  return makeTensor({ shape, dtype: 'float32', data: new Array(shape.reduce((a, b) => a * b, 1)).fill(0) });
}

describe("nn breadth: PyTorch's error messages", () => {
  for (const e of golden.errors as ErrorCase[]) {
    it(e.id, () => {
      const want = e.current ?? e;
      const f = ERROR_CALLS[e.id];
      if (!f) throw new Error(`no call for error case ${e.id}`);
      let got: unknown = null;
      try {
        f();
      } catch (err) {
        got = err;
      }
      if (!(got instanceof Error)) throw new Error(`no error; PyTorch raises ${want.error}: ${want.message}`);
      if (got.name !== want.error || got.message !== want.message) throw new Error(`${got.name}: ${got.message}\nPyTorch: ${want.error}: ${want.message}`);
    });
  }
});

const isFloat = (e: Encoded) => e.dtype === 'float32' || e.dtype === 'float64';

/** Sets a (dotted) parameter of a module to `t`. */
function setParam(mod: Dyn, dotted: string, t: Dyn): void {
  const i = dotted.lastIndexOf('.');
  const owner = i < 0 ? mod : mod.get_submodule(dotted.slice(0, i));
  owner._parameters.set(dotted.slice(i + 1), t);
}

/** Cases whose gradient is not the derivative by design (as in PyTorch, whose gradcheck fails there too). */
const UNPOOL_OVERLAP = new Set(['max_unpool2d/stride_pad', 'MaxUnpool1d/k3s2', 'max_unpool1d/output_size']);
function notDifferentiable(c: NNCase): string | null {
  const kw = { ...(c.kwargs as Record<string, unknown>) };
  if (kw.scale_grad_by_freq) return 'scale_grad_by_freq scales the gradient by design';
  if (kw.max_norm != null) return 'max_norm renormalises the weight in place before the forward';
  if (c.outputs.some((o) => o.data.includes('inf'))) return "an infinite loss has a NaN gradient (PyTorch's too; the value suite checks it)";
  if (c.outputs.some((o) => o.data.includes('nan'))) return "a NaN output (lp_pool of negative sums, as PyTorch's) has no finite difference";
  if (UNPOOL_OVERLAP.has(c.id)) return 'overlapping pool windows repeat an index: the unpool keeps one write, its gradient (a gather, as PyTorch\'s) reads every one';
  return null;
}

// Node only (gradchecksHere): in Chromium the same JS float64 code took ~18 s and added no coverage
if (gradchecksHere)
  describe('gradcheck nn breadth (float64, cpu)', () => {
    for (const c of cases.filter((c) => c.grads)) {
      const na = notDifferentiable(c);
      if (na) {
        it.skip(`${c.id} [not applicable: ${na}]`, () => {});
        continue;
      }
      it(c.id, async () => {
        const args = decodeArg(c.args, F64) as unknown[];
        const kw = decodeArg(c.kwargs, F64) as Record<string, unknown>;
        const fkw = c.forward_kwargs ? [decodeArg(c.forward_kwargs, F64)] : [];
        // (float inputs that are not differentiated are float64 too, e.g. grid_sample's grid in nearest mode)
        const data: GradInput[] = c.inputs.map((value, i) => ({ value: isFloat(value) ? { ...value, dtype: 'float64' } : value, differentiable: c.requires_grad[i] && isFloat(value) }));
        // PyTorch's ctc_loss gradient w.r.t. log_probs is the one w.r.t. the logits of a log_softmax: check it through one
        const pre = (xs: Dyn[]) => (/^(ctc_loss|CTCLoss)$/.test(c.fn ?? c.module ?? '') ? [xs[0].log_softmax(-1), ...xs.slice(1)] : xs);
        if (c.kind === 'functional') {
          await gradcheck((xs) => call(F, 'F', c.fn!, withKw([...pre(xs), ...args], kw)), data);
          return;
        }
        const params = Object.keys(c.grads!.params ?? {});
        const n = c.inputs.length;
        const f = (xs: Dyn[]) => {
          const mod = buildModule({ ...c, state: Object.fromEntries(Object.entries(c.state ?? {}).map(([k, v]) => [k, { ...v, dtype: isFloat(v) ? 'float64' : v.dtype }])) }, 'cpu');
          params.forEach((k, i) => setParam(mod, k, xs[n + i]));
          return flatOutputs(mod(...pre(xs).slice(0, n), ...fkw));
        };
        // (a Transformer has dozens of parameters: fewer elements each keeps it within minutes on a loaded machine)
        await gradcheck(f, [...data, ...params.map((k) => ({ value: c.state![k], differentiable: true }))], { maxElements: params.length > 8 ? 6 : 48 });
      }, 600_000);
    }
  });

describe("nn breadth: unknown keywords raise Python's TypeError", () => {
  const calls: [string, (kw: Record<string, unknown>) => unknown][] = [
    ['unfold', (kw) => F.unfold(Tz(1, 1, 3, 3), 2, kw)],
    ['fold', (kw) => F.fold(Tz(1, 4, 4), [3, 3], 2, kw)],
    ['conv3d', (kw) => F.conv3d(Tz(1, 1, 3, 3, 3), Tz(1, 1, 2, 2, 2), kw)],
    ['embedding_bag', (kw) => F.embedding_bag(EI(), Tz(10, 3), Li(0, 4), kw)],
    ['ctc_loss', (kw) => F.ctc_loss(LP(), TGP(), [7, 6, 5], [4, 2, 1], kw)],
    ['affine_grid', (kw) => F.affine_grid(Tz(1, 2, 3), [1, 1, 2, 2], { align_corners: false, ...kw })],
    ['grid_sample', (kw) => F.grid_sample(Tz(1, 1, 2, 2), Tz(1, 2, 2, 2), { align_corners: false, ...kw })],
    ['max_pool3d', (kw) => F.max_pool3d(Tz(1, 1, 2, 2, 2), 2, kw)],
    ['avg_pool3d', (kw) => F.avg_pool3d(Tz(1, 1, 2, 2, 2), 2, kw)],
    ['Unfold', (kw) => nn.Unfold(2, kw)],
    ['Fold', (kw) => nn.Fold([3, 3], 2, kw)],
    ['Conv3d', (kw) => nn.Conv3d(1, 1, 2, kw)],
    ['EmbeddingBag', (kw) => nn.EmbeddingBag(10, 3, kw)],
    ['TransformerDecoderLayer', (kw) => nn.TransformerDecoderLayer(8, 2, kw)],
    ['Transformer', (kw) => nn.Transformer({ d_model: 8, nhead: 2, num_encoder_layers: 1, num_decoder_layers: 1, dim_feedforward: 4, ...kw })],
    ['CTCLoss', (kw) => nn.CTCLoss(kw)],
    ['MaxPool3d', (kw) => nn.MaxPool3d(2, kw)],
    ['AvgPool3d', (kw) => nn.AvgPool3d(2, kw)],
    ...KW_CALLS_HU,
  ];
  for (const [name, f] of calls)
    it(name, () => {
      f({}); // the call itself is valid
      let err: unknown = null;
      try {
        f({ foo: 1 });
      } catch (e) {
        err = e;
      }
      if (!(err instanceof TypeError) || err.message !== `${name}() got an unexpected keyword argument 'foo'`) throw new Error(`${name}({foo: 1}): ${String(err)}`);
    });
});

describe('nn breadth: values', () => {
  it('nn.Transformer.generate_square_subsequent_mask(4)', () =>
    expectTensor(nn.Transformer.generate_square_subsequent_mask(4), (golden.values as Record<string, Encoded>)['generate_square_subsequent_mask/4'], { rtol: 0, atol: 0 }, 'mask'));
});
