// Scans along a dim: cumsum, cumprod. CPU: one pass per lane, accumulated in float64 as PyTorch's
// CPU kernel. WebGPU: cumsum of floats is a matmul with an upper-triangular matrix of ones
// (O(n²) per lane, exact to float32 rounding); cumprod has no WebGPU kernel yet.
import { record } from '../autograd';
import { parseArgs } from '../args';
import { int64, toDType, type DType, type DTypeLike } from '../dtype';
import { normDim } from '../size';
import { Tensor } from '../tensor';
import { ones } from './creation';
import { cat } from './join';
import { mapLanes } from './lanes';

function scanArgs(op: string, x: Tensor, args: unknown[]): { d: number; dtype: DType } {
  const { dim, dtype } = parseArgs<{ dim: number; dtype: DTypeLike | null }>(op, args, ['dim', 'dtype'], {});
  if (dim === undefined) throw new TypeError(`${op}() missing 1 required positional arguments: "dim"`);
  const d = x.ndim === 0 ? normDim(dim, 1) : normDim(dim, x.ndim);
  return { d, dtype: toDType(dtype, x.dtype.is_floating_point ? x.dtype : int64) };
}

/**
 * Cumulative sum along `dim`; integers and bools give int64.
 * @example torch.cumsum(torch.tensor([1, 2, 3]), 0)  // tensor([1, 3, 6])
 */
export function cumsum(x: Tensor, ...args: unknown[]): Tensor {
  const { d, dtype } = scanArgs('cumsum', x, args);
  const src = x.dtype === dtype ? x : x.to(dtype);
  let out: Tensor;
  if (x.device.type !== 'cpu' && dtype.is_floating_point && x.ndim > 0) {
    const n = x._shape[d];
    const tri = ones([n, n], { dtype, device: x.device }).triu();
    const last = x.ndim - 1;
    out = src.detach().transpose(d, last).matmul(tri).transpose(d, last).contiguous();
  } else {
    out = mapLanes('cumsum', src.detach(), d, [{ dtype }], (s, [o], n) => {
      let acc = 0;
      for (let i = 0; i < n; i++) o[i] = acc += s[i];
    })[0];
  }
  return record(out, 'CumsumBackward0', [src], (g) => [x.ndim === 0 ? g : g.flip([d]).cumsum(d).flip([d])]);
}

/**
 * Cumulative product along `dim`.
 * @example torch.cumprod(torch.tensor([1., 2., 3.]), 0)  // tensor([1., 2., 6.])
 */
export function cumprod(x: Tensor, ...args: unknown[]): Tensor {
  const { d, dtype } = scanArgs('cumprod', x, args);
  const src = x.dtype === dtype ? x : x.to(dtype);
  const out = mapLanes('cumprod', src.detach(), d, [{ dtype }], (s, [o], n) => {
    let acc = 1;
    for (let i = 0; i < n; i++) o[i] = acc *= s[i];
  })[0];
  return record(out, 'CumprodBackward0', [src], (g) => {
    // d out_j / d x_i = prod_{k<=j, k!=i} x_k: exact with zeros (out / x would be 0 / 0)
    const gl = g.detach().to(dtype).reshape(x.ndim ? x._shape : [1]);
    const xl = src.detach().reshape(x.ndim ? x._shape : [1]);
    // each lane of cat([g, x]) holds g's lane, then x's
    const [gx] = mapLanes('cumprod', cat([gl, xl], d), d, [{ dtype, len: gl._shape[d] }], (lane, [o], n2) => {
      const n = n2 / 2;
      let prefix = 1;
      for (let i = 0; i < n; i++) {
        let acc = prefix, sum = 0;
        for (let j = i; j < n; j++) {
          if (j > i) acc *= lane[n + j];
          sum += lane[j] * acc;
        }
        o[i] = sum;
        prefix *= lane[n + i];
      }
    });
    return [gx.reshape(x._shape).to(g.dtype)];
  });
}

declare module '../tensor' {
  interface Tensor {
    /** Cumulative sum along `dim`. @example t.cumsum(0) */
    cumsum(dim: number | { dim: number; dtype?: DTypeLike }, opts?: { dtype?: DTypeLike }): Tensor;
    /** Cumulative product along `dim`. @example t.cumprod(0) */
    cumprod(dim: number | { dim: number; dtype?: DTypeLike }, opts?: { dtype?: DTypeLike }): Tensor;
  }
}
const P = Tensor.prototype;
P.cumsum = function (...a: unknown[]) { return cumsum(this, ...a); };
P.cumprod = function (...a: unknown[]) { return cumprod(this, ...a); };
