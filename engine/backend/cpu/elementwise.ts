// CPU elementwise kernels, generated from the op table (backend/elementwise-spec.ts) as
// monomorphic JS loops: a dense fast path, a tensor-scalar path, and a strided/broadcast path.
import { Device } from '../../device';
import type { DType, TypedArray } from '../../dtype';
import { Tensor } from '../../tensor';
import { BINARY, UNARY } from '../elementwise-spec';
import { registerKernel } from '../registry';
import { broadcastStrides } from './strided';
import { sameShape } from '../../size';

/** erf with fractional error < 1.2e-7 (Chebyshev fit of erfc, Numerical Recipes 6.2). */
export function erf(x: number): number {
  const z = Math.abs(x);
  if (z < 0.5) {
    // Maclaurin series: exact signs of zero and full precision near 0 (the fit's error is absolute)
    const x2 = x * x;
    return 1.1283791670955126 * x * (1 + x2 * (-1 / 3 + x2 * (1 / 10 + x2 * (-1 / 42 + x2 * (1 / 216 + x2 * (-1 / 1320 + x2 / 9360))))));
  }
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - r : r - 1;
}

type Dense = (A: TypedArray, ao: number, O: TypedArray, oo: number, n: number) => void;
type Strided = (A: TypedArray, ao: number, as: number[], O: TypedArray, shape: number[]) => void;
type Dense2 = (A: TypedArray, ao: number, B: TypedArray, bo: number, O: TypedArray, oo: number, n: number) => void;
type Scalar2 = (A: TypedArray, ao: number, s: number, O: TypedArray, oo: number, n: number, swap: boolean) => void;
type Strided2 = (A: TypedArray, ao: number, as: number[], B: TypedArray, bo: number, bs: number[], O: TypedArray, shape: number[]) => void;

const gen = (args: string[], body: string) => new Function('erf', `return function(${args.join(',')}) {${body}}`)(erf);

// Odometer over all but the last dimension; `inner` runs the last dimension.
const odometer = (ptrs: string[], inner: string) => `
  const nd = shape.length; let total = 1; for (let d = 0; d < nd; d++) total *= shape[d];
  if (total === 0) return;
  if (nd === 0) { let i = 0; ${ptrs.map((p) => `let ${p}i = ${p}o;`).join('')} ${inner.replace(/INNER_LOOP/, '')}; return; }
  const n = shape[nd - 1]; ${ptrs.map((p) => `const ${p}s1 = ${p}s[nd - 1];`).join('')}
  const idx = new Array(nd).fill(0); ${ptrs.map((p) => `let ${p}b = ${p}o;`).join('')}
  let i = 0;
  while (i < total) {
    ${ptrs.map((p) => `let ${p}i = ${p}b;`).join('')}
    for (let k = 0; k < n; k++) { ${inner} ${ptrs.map((p) => `${p}i += ${p}s1;`).join('')} i++; }
    let d = nd - 2;
    for (; d >= 0; d--) {
      idx[d]++; ${ptrs.map((p) => `${p}b += ${p}s[d];`).join('')}
      if (idx[d] < shape[d]) break;
      ${ptrs.map((p) => `${p}b -= ${p}s[d] * shape[d];`).join('')} idx[d] = 0;
    }
    if (d < 0) break;
  }`;

const unaryDense = new Map<string, Dense>();
/** Branch-free float32 kernels over Int32Array views (spec.f32), for dense tensors of this size or more. */
const unaryDense32 = new Map<string, Dense>();
const binDense32 = new Map<string, Dense2>();
const F32_MIN = 64;
const bits = (a: TypedArray): Int32Array => new Int32Array(a.buffer, a.byteOffset, a.length);
const unaryStrided = new Map<string, Strided>();
for (const [name, spec] of Object.entries(UNARY)) {
  unaryDense.set(name, gen(['A', 'ao', 'O', 'oo', 'n'], `for (let i = 0; i < n; i++) { const a = A[ao + i]; O[oo + i] = ${spec.js}; }`));
  unaryStrided.set(name, gen(['A', 'ao', 'as', 'O', 'shape'], odometer(['a'], `{ const a = A[ai]; O[i] = ${spec.js}; }`)));
  if (spec.f32) unaryDense32.set(name, gen(['A', 'ao', 'O', 'oo', 'n'], `for (let i = 0; i < n; i++) { const a = A[ao + i]; O[oo + i] = ${spec.f32}; }`));
}
const binDense = new Map<string, Dense2>();
const binScalar = new Map<string, Scalar2>();
const binStrided = new Map<string, Strided2>();
for (const [name, spec] of Object.entries(BINARY)) {
  binDense.set(name, gen(['A', 'ao', 'B', 'bo', 'O', 'oo', 'n'], `for (let i = 0; i < n; i++) { const a = A[ao + i], b = B[bo + i]; O[oo + i] = ${spec.js}; }`));
  binScalar.set(
    name,
    gen(['A', 'ao', 's', 'O', 'oo', 'n', 'swap'], `if (swap) { const b = s; for (let i = 0; i < n; i++) { const a = A[ao + i]; O[oo + i] = ${spec.js.replace(/\ba\b/g, '__x').replace(/\bb\b/g, 'a').replace(/__x/g, 'b')}; } }
      else { const b = s; for (let i = 0; i < n; i++) { const a = A[ao + i]; O[oo + i] = ${spec.js}; } }`),
  );
  binStrided.set(name, gen(['A', 'ao', 'as', 'B', 'bo', 'bs', 'O', 'shape'], odometer(['a', 'b'], `{ const a = A[ai], b = B[bi]; O[i] = ${spec.js}; }`)));
  if (spec.f32) binDense32.set(name, gen(['A', 'ao', 'B', 'bo', 'O', 'oo', 'n'], `for (let i = 0; i < n; i++) { const a = A[ao + i], b = B[bo + i]; O[oo + i] = ${spec.f32}; }`));
}

/** Elementwise unary op into a new contiguous tensor of `outDtype` (or into `out`, same shape, contiguous). */
registerKernel('unary', 'cpu', (name: string, x: Tensor, outDtype: DType, out?: Tensor) => {
  const o = out ?? Tensor._empty(x._shape, outDtype, Device.cpu);
  const A = x._storage.data!, O = o._storage.data!;
  const n = x.numel();
  const f32 = n >= F32_MIN && A instanceof Float32Array && O instanceof Float32Array ? unaryDense32.get(name) : undefined;
  if (f32 && x.is_contiguous()) f32(bits(A), x._offset, bits(O), o._offset, n);
  else if (x.is_contiguous()) unaryDense.get(name)!(A, x._offset, O, o._offset, n);
  else unaryStrided.get(name)!(A, x._offset, x._strides, O, x._shape);
  return o;
});

/**
 * Elementwise binary op. `a`/`b` are tensors (already checked to broadcast to `outShape`) or numbers.
 * With `out` (in-place ops), writes there; `out` must be contiguous with shape `outShape`.
 */
registerKernel('binary', 'cpu', (name: string, a: Tensor | number, b: Tensor | number, outShape: number[], outDtype: DType, out?: Tensor) => {
  const o = out ?? Tensor._empty(outShape, outDtype, Device.cpu);
  const O = o._storage.data!;
  const n = o.numel();
  if (typeof b === 'number' || typeof a === 'number') {
    const swap = typeof a === 'number';
    const t = (swap ? b : a) as Tensor, s = (swap ? a : b) as number;
    if (t.is_contiguous() && t.numel() === n) {
      binScalar.get(name)!(t._storage.data!, t._offset, s, O, o._offset, n, swap);
      return o;
    }
    const tmp = Tensor._fromData(new t.dtype.array(1), [], t.dtype);
    tmp._storage.data![0] = s;
    return binaryTensors(name, swap ? tmp : t, swap ? t : tmp, o);
  }
  return binaryTensors(name, a, b, o);
});


function binaryTensors(name: string, a: Tensor, b: Tensor, o: Tensor): Tensor {
  const O = o._storage.data!;
  const n = o.numel();
  const shape = o._shape;
  const sameA = sameShape(a._shape, shape);
  const sameB = sameShape(b._shape, shape);
  if (sameA && sameB && a.is_contiguous() && b.is_contiguous()) {
    const A = a._storage.data!, B = b._storage.data!;
    const f32 = n >= F32_MIN && A instanceof Float32Array && B instanceof Float32Array && O instanceof Float32Array ? binDense32.get(name) : undefined;
    if (f32) f32(bits(A), a._offset, bits(B), b._offset, bits(O), o._offset, n);
    else binDense.get(name)!(A, a._offset, B, b._offset, O, o._offset, n);
    return o;
  }
  if (b.numel() === 1 && sameA && a.is_contiguous()) {
    binScalar.get(name)!(a._storage.data!, a._offset, b._storage.data![b._offset], O, o._offset, n, false);
    return o;
  }
  if (a.numel() === 1 && sameB && b.is_contiguous()) {
    binScalar.get(name)!(b._storage.data!, b._offset, a._storage.data![a._offset], O, o._offset, n, true);
    return o;
  }
  const as = broadcastStrides(a._shape, a._strides, shape);
  const bs = broadcastStrides(b._shape, b._strides, shape);
  if (o._offset !== 0) throw new Error('internal: strided binary kernel needs a fresh output');
  binStrided.get(name)!(a._storage.data!, a._offset, as, b._storage.data!, b._offset, bs, O, shape);
  return o;
}

// Fused gradient and optimizer kernels (float32/float64, dense, same shape: the callers check). Each
// rounds after every step exactly as the chain of kernels it replaces did, so the values are bit
// for bit those of the unfused ops; what they save is the intermediate tensors (an [11, 13] float32
// is an off-heap ArrayBuffer in V8) and the dispatches.

/** TanhBackward0: g·(1 − y²), as `g.mul(y.mul(y).neg().add(1))` rounds it. */
registerKernel('tanh_backward', 'cpu', (g: Tensor, y: Tensor) => {
  const o = Tensor._empty(g._shape, g.dtype, Device.cpu);
  const G = g._storage.data!, Y = y._storage.data!, O = o._storage.data!;
  const n = o.numel(), go = g._offset, yo = y._offset;
  if (O instanceof Float32Array) {
    for (let i = 0; i < n; i++) {
      const v = Y[yo + i];
      O[i] = G[go + i] * Math.fround(1 - Math.fround(v * v));
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = Y[yo + i];
      O[i] = G[go + i] * (1 - v * v);
    }
  }
  return o;
});

/** `self.add_(other, {alpha})` in place: self + other·alpha, as `self.add_(other.mul(alpha))` rounds it (alpha to float32 first in float32). */
registerKernel('add_scaled_', 'cpu', (self: Tensor, other: Tensor, alpha: number) => {
  const S = self._storage.data!, B = other._storage.data!;
  const n = self.numel(), so = self._offset, bo = other._offset;
  if (S instanceof Float32Array) {
    const s = Math.fround(alpha);
    for (let i = 0; i < n; i++) S[so + i] = S[so + i] + Math.fround(B[bo + i] * s);
  } else {
    for (let i = 0; i < n; i++) S[so + i] = S[so + i] + B[bo + i] * alpha;
  }
  return self; // (what the debug modes' kernel wrapper checks)
});
