// softmax and log_softmax along a dim, numerically stable, with their gradients in public ops:
//   softmax:     dx = y · (g − Σ g·y)
//   log_softmax: dx = g − exp(y) · Σ g
import { RuntimeError } from '../errors';
import { record } from '../autograd';
import { parseArgs } from '../args';
import { getKernel } from '../backend/registry';
import { toDType, type DTypeLike } from '../dtype';
import { normDim } from '../size';
import { Tensor } from '../tensor';
import { checkInterrupt } from './util';

const typeNames: Record<string, string> = { int64: 'Long', int32: 'Int', bool: 'Bool' };

function run(kind: 'softmax' | 'log_softmax', x: Tensor, args: unknown[]): Tensor {
  const { dim, dtype } = parseArgs<{ dim: number | null; dtype: DTypeLike | null }>(kind, args, ['dim', 'dtype'], { dim: null, dtype: null });
  if (dim === null || dim === undefined) throw new TypeError(`${kind}() missing required argument 'dim' (PyTorch's implicit dim choice is deprecated)`);
  const d = normDim(dim, x.ndim);
  let input = x;
  if (dtype) input = x.to(toDType(dtype));
  if (!input.dtype.is_floating_point) throw new RuntimeError(`"${kind}_lastdim_kernel_impl" not implemented for '${typeNames[input.dtype.name]}'`);
  checkInterrupt();
  const log = kind === 'log_softmax';
  const out = getKernel('softmax', input.device.type)(input, d, log, input.dtype) as Tensor;
  const keep = { keepdim: true };
  // both formulas read the output: PyTorch saves it (an in-place change to it is caught by backward)
  if (log) return record(out, 'LogSoftmaxBackward0', [input], (g) => [g.sub(out.detach().exp().mul(g.sum(d, keep)))], [out]);
  return record(out, 'SoftmaxBackward0', [input], (g) => {
    const y = out.detach();
    return [y.mul(g.sub(g.mul(y).sum(d, keep)))];
  }, [out]);
}

/**
 * `exp(x) / Σ exp(x)` along `dim` (computed stably).
 * @example torch.softmax(logits, 1), logits.softmax(-1)
 */
export function softmax(x: Tensor, ...args: unknown[]): Tensor {
  return run('softmax', x, args);
}

/**
 * `log(softmax(x))` along `dim`, computed without overflow.
 * @example F.nll_loss(torch.log_softmax(logits, 1), target)
 */
export function log_softmax(x: Tensor, ...args: unknown[]): Tensor {
  return run('log_softmax', x, args);
}

declare module '../tensor' {
  interface Tensor {
    /** Softmax along `dim`. @example logits.softmax(1) */
    softmax(dim: number, opts?: { dtype?: DTypeLike }): Tensor;
    /** Log-softmax along `dim`. @example logits.log_softmax(1) */
    log_softmax(dim: number, opts?: { dtype?: DTypeLike }): Tensor;
  }
}
const P = Tensor.prototype;
P.softmax = function (...a: unknown[]) { return softmax(this, ...a); };
P.log_softmax = function (...a: unknown[]) { return log_softmax(this, ...a); };
