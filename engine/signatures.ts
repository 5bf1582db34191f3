// Declared signatures of public ops: PyTorch's positional parameter names and keyword-only names.
// One table, read by the binder at the Tensor.prototype / torch namespace boundary
// (`installSignatures`): a trailing options object may carry only the names declared here, so an
// option the engine does not know or honour throws Python's
// `TypeError: round() got an unexpected keyword argument 'foo'` instead of being ignored.
// Ops that parse their own options with `parseArgs` (engine/args.ts: sum, mean, softmax, flatten,
// cat, conv2d, losses, …) reject unknown names there; this table covers the ops that take no
// options object of their own. Exported for generated docs, `.d.ts` checks and coverage tables.
import { isOptions } from './args';
import { asTorchError } from './errors';
import { checkOut, writeOut } from './out';
import type { Tensor } from './tensor';

/** One op's declared call shape, as PyTorch's: `round(input, *, decimals=0)` → {params: ['input'], kwargs: ['decimals']}. */
export interface OpSignature {
  /** PyTorch's name, as in its error messages. */
  name: string;
  /** Positional-or-keyword parameters after `self`/`input`, in PyTorch's order. */
  params: readonly string[];
  /** Keyword-only parameters (`*, decimals`), honoured by the implementation. */
  kwargs: readonly string[];
  /**
   * How many of `params` the implementation takes positionally (default: all). Those given by name
   * (`t.pow({exponent: 2})`, `x.masked_fill(m, {value: 0})`) move to their positions at the boundary;
   * the rest stay in the options object, which the implementation reads (`backward(g, {retain_graph})`).
   */
  positional?: number;
}

const sig = (name: string, params: string[] = [], kwargs: string[] = [], positional?: number): OpSignature => ({ name, params, kwargs, positional });

// Ops whose implementations take these parameters positionally only: declared here so that the
// keyword form works (an options object once reached them as a number: masked_fill wrote NaN).
const POSITIONAL: Record<string, string[]> = {
  transpose: ['dim0', 'dim1'], swapaxes: ['axis0', 'axis1'], unsqueeze: ['dim'], squeeze: ['dim'], flatten: ['start_dim', 'end_dim'],
  roll: ['shifts', 'dims'], logsumexp: ['dim', 'keepdim'], masked_fill: ['mask', 'value'], index_select: ['dim', 'index'],
  gather: ['dim', 'index'], narrow: ['dim', 'start', 'length'], select: ['dim', 'index'], amax: ['dim', 'keepdim'], amin: ['dim', 'keepdim'],
  all: ['dim', 'keepdim'], any: ['dim', 'keepdim'], movedim: ['source', 'destination'], unflatten: ['dim', 'sizes'], lerp: ['end', 'weight'],
};
const POSITIONAL_METHODS: Record<string, string[]> = {
  masked_fill_: ['mask', 'value'], unsqueeze_: ['dim'], squeeze_: ['dim'], transpose_: ['dim0', 'dim1'], index_fill_: ['dim', 'index', 'value'],
  scatter_add: ['dim', 'index', 'src'], scatter_add_: ['dim', 'index', 'src'], expand_as: ['other'], view_as: ['other'], reshape_as: ['other'],
  type_as: ['other'], expand: ['size'], view: ['size'],
};

const UNARY = ['neg', 'negative', 'abs', 'sign', 'exp', 'log', 'log2', 'log1p', 'expm1', 'sqrt', 'rsqrt', 'square', 'reciprocal', 'tanh', 'sigmoid',
  'relu', 'sin', 'cos', 'floor', 'ceil', 'trunc', 'erf', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'exp2', 'erfinv', 'fliplr', 'flipud', 'logical_not', 'isnan', 'isinf', 'isfinite', 'neg_', 'exp_', 'sqrt_', 'tanh_', 'sigmoid_',
  'relu_', 'abs_', 'zero_', 'log_', 'log2_', 'log1p_', 'sin_', 'cos_', 'tan_', 'floor_', 'ceil_', 'trunc_', 'reciprocal_', 'square_', 'sign_', 'erf_', 'detach', 'detach_', 'numel', 'dim', 'is_contiguous', 'is_floating_point', 'retain_grad', 'clone', 'contiguous', 't'];
const BINARY = ['mul', 'true_divide', 'pow', 'remainder', 'fmod', 'maximum', 'minimum', 'atan2', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'logical_and',
  'logical_or', 'logical_xor', 'mul_', 'pow_', 'maximum_', 'matmul', 'mm', 'bmm', 'dot', 'mv', 'outer', 'kron'];

/** Tensor methods (self implied). */
export const TENSOR_SIGNATURES: Readonly<Record<string, OpSignature>> = Object.freeze({
  ...Object.fromEntries(UNARY.map((n) => [n, sig(n)])),
  ...Object.fromEntries(BINARY.map((n) => [n, sig(n, [n.startsWith('pow') ? 'exponent' : n === 'mm' ? 'mat2' : n === 'mv' ? 'vec' : n === 'outer' ? 'vec2' : 'other'])])),
  round: sig('round', [], ['decimals']),
  add: sig('add', ['other'], ['alpha']),
  sub: sig('sub', ['other'], ['alpha']),
  add_: sig('add_', ['other'], ['alpha']),
  sub_: sig('sub_', ['other'], ['alpha']),
  div: sig('div', ['other'], ['rounding_mode']),
  div_: sig('div_', ['other'], ['rounding_mode']),
  fill_: sig('fill_', ['value']),
  requires_grad_: sig('requires_grad_', ['requires_grad']),
  backward: sig('backward', ['gradient', 'retain_graph', 'create_graph'], [], 1),
  where: sig('where', ['condition', 'other']),
  ...Object.fromEntries(Object.entries({ ...POSITIONAL, ...POSITIONAL_METHODS }).map(([n, ps]) => [n, sig(n, ps)])),
});

/** `torch.*` functions (input first); `out` is PyTorch's `out=` (written by engine/out.ts). */
export const TORCH_SIGNATURES: Readonly<Record<string, OpSignature>> = Object.freeze({
  ...Object.fromEntries(UNARY.filter((n) => !n.endsWith('_') && !['detach', 'numel', 'dim', 'is_contiguous', 'is_floating_point', 'retain_grad', 'contiguous', 't', 'negative', 'clone', 'fliplr', 'flipud'].includes(n)).map((n) => [n, sig(n, ['input'], ['out'])])),
  clone: sig('clone', ['input']),
  fliplr: sig('fliplr', ['input']),
  flipud: sig('flipud', ['input']),
  ...Object.fromEntries(BINARY.filter((n) => !n.endsWith('_') && n !== 'true_divide').map((n) => [n, sig(n, ['input', n === 'pow' ? 'exponent' : n === 'mm' ? 'mat2' : n === 'mv' ? 'vec' : n === 'outer' ? 'vec2' : 'other'], ['out'])])),
  round: sig('round', ['input'], ['decimals', 'out']),
  add: sig('add', ['input', 'other'], ['alpha', 'out']),
  sub: sig('sub', ['input', 'other'], ['alpha', 'out']),
  rsub: sig('rsub', ['input', 'other'], ['alpha']),
  div: sig('div', ['input', 'other'], ['rounding_mode', 'out']),
  where: sig('where', ['condition', 'input', 'other']),
  result_type: sig('result_type', ['tensor1', 'tensor2']),
  promote_types: sig('promote_types', ['type1', 'type2']),
  can_cast: sig('can_cast', ['from_', 'to']),
  ...Object.fromEntries(Object.entries(POSITIONAL).map(([n, ps]) => [n, sig(n, ['input', ...ps])])),
});

/** Throws Python's TypeError when the trailing options object names a keyword `s` does not declare. */
export function checkKeywords(s: OpSignature, args: readonly unknown[]): void {
  const last = args[args.length - 1];
  if (!args.length || !isOptions(last)) return;
  for (const k of Object.keys(last)) if (!s.params.includes(k) && !s.kwargs.includes(k)) throw new TypeError(`${s.name}() got an unexpected keyword argument '${k}'`);
}

/** Moves the positional parameters given by name in the trailing options object to their positions. */
export function namedToPositional(s: OpSignature, args: unknown[]): unknown[] {
  const last = args[args.length - 1];
  if (!args.length || !isOptions(last)) return args;
  const n = s.positional ?? s.params.length;
  let upto = -1;
  for (let i = 0; i < n; i++) if (s.params[i] in last) upto = i;
  if (upto < 0) return args;
  const pos = args.slice(0, -1);
  const rest: Record<string, unknown> = { ...last };
  for (let i = 0; i <= upto; i++) {
    const p = s.params[i];
    if (!(p in rest)) {
      if (i >= pos.length) pos.push(undefined);
      continue;
    }
    if (i < pos.length) throw new TypeError(`${s.name}() got multiple values for argument '${p}'`);
    pos.push(rest[p]);
    delete rest[p];
  }
  return Object.keys(rest).length ? [...pos, rest] : pos;
}

function bound<F extends (...a: any[]) => unknown>(s: OpSignature, f: F): F {
  // Engine kernels call numel(), is_contiguous(), dim(), contiguous(), … with no arguments on every
  // op: that call takes a fast path (no rest array, no keyword check; nothing to check), so the
  // boundary check costs only the calls that pass arguments.
  const g = function (this: unknown) {
    if (arguments.length === 0) {
      try {
        return f.call(this);
      } catch (e) {
        throw asTorchError(e);
      }
    }
    // eslint-disable-next-line prefer-rest-params
    let args = Array.prototype.slice.call(arguments) as unknown[];
    checkKeywords(s, args);
    args = namedToPositional(s, args);
    try {
      const last = args[args.length - 1];
      if (isOptions(last) && 'out' in last && s.kwargs.includes('out')) {
        const { out, ...rest } = last as Record<string, unknown>;
        args = Object.keys(rest).length ? [...args.slice(0, -1), rest] : args.slice(0, -1);
        if (out != null) {
          checkOut(s.name, out, args);
          return writeOut(out as Tensor, f.apply(this, args) as Tensor);
        }
      }
      return f.apply(this, args);
    } catch (e) {
      throw asTorchError(e);
    }
  };
  Object.defineProperty(g, 'name', { value: f.name || s.name });
  return g as unknown as F;
}

/** Wraps the declared Tensor methods in place (once) and returns `ns` with its declared functions wrapped. */
export function installSignatures<N extends Record<string, unknown>>(proto: object, ns: N): N {
  const p = proto as Record<string, unknown>;
  if (!Object.prototype.hasOwnProperty.call(p, INSTALLED)) {
    for (const [k, s] of Object.entries(TENSOR_SIGNATURES)) {
      const d = Object.getOwnPropertyDescriptor(p, k);
      if (d && typeof d.value === 'function') p[k] = bound(s, d.value as (...a: unknown[]) => unknown);
    }
    Object.defineProperty(p, INSTALLED, { value: true });
  }
  const out: Record<string, unknown> = { ...ns };
  for (const [k, s] of Object.entries(TORCH_SIGNATURES)) if (typeof out[k] === 'function') out[k] = bound(s, out[k] as (...a: unknown[]) => unknown);
  return out as N;
}
const INSTALLED = Symbol.for('torchlit.signatures');
