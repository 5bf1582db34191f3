// The backend contract: every kernel a backend may register (backend/registry.ts), by name, with
// its signature, and the geometry types ops and backends share. Ops validate arguments, compute
// shapes and record autograd; a kernel only computes, on its backend's storage. A backend need
// not register every kernel (a missing one is a clear error at dispatch); one it registers has
// the signature below, which the compiler checks at registration and at every call.
import type { DType, TypedArray } from '../dtype';
import type { Storage } from '../storage';
import type { Tensor, TensorOrScalar } from '../tensor';

/** Geometry of one conv2d: padding is per side (top, bottom, left, right) so 'same' can be asymmetric. */
export interface ConvGeom {
  N: number; C: number; H: number; W: number;
  O: number; kh: number; kw: number; groups: number;
  sh: number; sw: number; pt: number; pl: number; dh: number; dw: number;
  oH: number; oW: number;
}

/** Pooling window geometry: output o covers input positions start[o] + i·dil for i < count[o] (count may be 0 at pads). */
export interface PoolAxis {
  start: Int32Array;
  count: Int32Array;
  dil: number;
  /** Divisor contribution of this axis for count_include_pad (window length clipped to the padded input). */
  padded: Int32Array;
}

/** 2-D pooling over [P, H, W] planes (P = N·C). */
export interface PoolGeom {
  P: number; H: number; W: number; oH: number; oW: number;
  ys: PoolAxis; xs: PoolAxis;
}

/**
 * Advanced indexing of `x` (a strided view): `adv` dims are indexed by `indices` (int64, all of
 * shape `bshape`), `before` dims lead the result and `after` dims follow it.
 */
export interface IndexPlan {
  before: number[];
  adv: number[];
  after: number[];
  indices: Tensor[];
  bshape: number[];
}

export type ReduceOp = 'sum' | 'prod' | 'max' | 'min' | 'argmax' | 'argmin' | 'amax' | 'amin' | 'all' | 'any';

/** A strided matrix operand: element (i, j) is `data[off + i*rs + j*cs]`. */
export interface MatOperand {
  data: TypedArray;
  off: number;
  rs: number;
  cs: number;
}

/**
 * C[cOff + i*ldc + j] (+)= Σ_p A(i,p)·B(p,j) for i<M, j<N, p<K; with `accumulate` false, C is
 * overwritten. Every dtype and shape (an accelerated one falls back to the JS GEMM for the rest).
 */
export type Gemm = (M: number, N: number, K: number, A: MatOperand, B: MatOperand, C: TypedArray, cOff: number, ldc: number, accumulate?: boolean) => void;

/** conv2d forward for float32 in one pass (bias, if given, added as C is copied out) (e.g. im2col packed straight into a WASM GEMM). */
export type ConvForward = (X: Float32Array, Wt: Float32Array, Y: Float32Array, g: ConvGeom, bandLimit: number, bias?: Float32Array | null) => void;

/** conv2d's weight gradient for float32 into GW (zeros, [O, C/g, kh, kw]) in one pass over the batch (the WASM GEMM's). */
export type ConvWeightGradFused = (X: Float32Array, G: Float32Array, GW: Float32Array, g: ConvGeom, bandLimit: number) => void;

/** conv2d's input gradient for float32 added into GX (zeros, [N, C, H, W]) per band of the batch (the WASM GEMM's). */
export type ConvInputGradFused = (G: Float32Array, Wt: Float32Array, GX: Float32Array, g: ConvGeom, bandLimit: number) => void;

/** The kernels, by name. */
export interface Kernels {
  // memory
  /** Storage for `n` elements of `dtype` on the device (the CPU allocates in Tensor itself). */
  alloc: (dtype: DType, n: number) => Storage;
  /** Dense row-major values, read back asynchronously (device backends). */
  read: (x: Tensor) => Promise<TypedArray>;
  /** A CPU tensor's copy on this backend's device. */
  from_cpu: (x: Tensor) => Tensor;
  /** Synchronous copy to the CPU (device backends refuse: a readback is async). */
  to_cpu: (x: Tensor) => Tensor;
  full: (shape: number[], value: number, dtype: DType) => Tensor;
  contiguous: (x: Tensor) => Tensor;
  copy_: (dst: Tensor, src: Tensor) => unknown;
  cast: (x: Tensor, dtype: DType) => Tensor;
  // elementwise (ops named in backend/elementwise-spec.ts)
  unary: (name: string, x: Tensor, outDtype: DType, out?: Tensor) => Tensor;
  binary: (name: string, a: Tensor | number, b: Tensor | number, outShape: number[], outDtype: DType, out?: Tensor) => Tensor;
  where: (cond: Tensor, x: TensorOrScalar, y: TensorOrScalar, dtype: DType) => Tensor;
  /** Optional (CPU): TanhBackward0's g·(1 − y²) in one pass (float32/float64, g and y dense, same shape and dtype), rounded as the three kernels it replaces. */
  tanh_backward: (g: Tensor, y: Tensor) => Tensor;
  /** Optional (CPU): `self.add_(other, {alpha})` without the temporary other·alpha (float32/float64, both dense, same shape and dtype, separate storages). */
  add_scaled_: (self: Tensor, other: Tensor, alpha: number) => Tensor;
  // reductions
  reduce: (op: ReduceOp, x: Tensor, dims: number[], outShape: number[], outDtype: DType) => Tensor;
  /** Values and int64 indices of max/min along `dim`. */
  reduce_with_indices: (op: 'max' | 'min', x: Tensor, dim: number, outShape: number[]) => [Tensor, Tensor];
  softmax: (x: Tensor, dim: number, log: boolean, dtype: DType) => Tensor;
  // linear algebra, convolution, pooling
  matmul: (a: Tensor, b: Tensor) => Tensor;
  /** The CPU's matrix-multiply core under matmul and conv (the JS one, or WASM SIMD). */
  gemm: Gemm;
  /** Optional (CPU): a fused conv2d forward (float32, no bias) that conv2d uses instead of im2col + `gemm`; installed with the GEMM it is tied to. */
  conv2d_fused: ConvForward;
  /** Optional (CPU): a fused conv2d weight gradient (float32) used instead of im2col + `gemm` per sample; installed with its GEMM. */
  conv2d_backward_weight_fused: ConvWeightGradFused;
  /** Optional (CPU): a fused conv2d input gradient (float32) used instead of GEMM + col2im per sample; installed with its GEMM. */
  conv2d_backward_input_fused: ConvInputGradFused;
  conv2d: (x: Tensor, w: Tensor, bias: Tensor | null, g: ConvGeom) => Tensor;
  conv2d_backward_input: (gOut: Tensor, w: Tensor, g: ConvGeom) => Tensor;
  conv2d_backward_weight: (x: Tensor, gOut: Tensor, g: ConvGeom) => Tensor;
  /** Output values and flat H·W argmax indices. */
  max_pool2d: (x: Tensor, g: PoolGeom, outShape: number[]) => [Tensor, Tensor];
  max_pool2d_backward: (gOut: Tensor, indices: Tensor, inShape: number[], H: number, W: number) => Tensor;
  avg_pool2d: (x: Tensor, g: PoolGeom, outShape: number[], countIncludePad: boolean, override: number | null) => Tensor;
  avg_pool2d_backward: (gOut: Tensor, g: PoolGeom, inShape: number[], countIncludePad: boolean, override: number | null) => Tensor;
  // indexing
  index: (x: Tensor, plan: IndexPlan) => Tensor;
  index_put_: (x: Tensor, plan: IndexPlan, values: Tensor, accumulate: boolean) => Tensor;
  gather: (x: Tensor, dim: number, index: Tensor) => Tensor;
  scatter_: (self: Tensor, dim: number, index: Tensor, src: Tensor | number, reduce: 'set' | 'add') => Tensor;
  nonzero: (x: Tensor) => Tensor;
  // statistics
  /**
   * Histograms of many tensors of this backend at once (the training monitor's per-epoch gradient
   * and weight histograms): for each, `bins` equal-width bins over its finite range and its
   * statistics (min, max, Σx, Σx², Σ(x − mean)², zeros, finite count), as one int32 tensor on this
   * backend's device of `ts.length × (HIST_HDR + bins)` words in the format of
   * backend/histogram-words.ts (decode with `decodeHistograms`). Sums are stored as float32; `bins`
   * is a positive integer (WebGPU: at most MAX_HIST_BINS). The CPU bins an evenly strided sample of a tensor over 2²⁰ values (each
   * sampled value counts for the stride; the statistics stay exact); WebGPU bins every value.
   * With `out` (a dense int32 tensor on this device, large enough, validated by the op), the words
   * are written there and `out` is returned: a caller that keeps one allocates nothing per call.
   */
  histograms: (ts: readonly Tensor[], bins: number, out?: Tensor) => Tensor;
  // the same CPU kernels on the JS GEMM while WASM SIMD is installed (the reference in tests; backend/wasm)
  matmul_js: Kernels['matmul'];
  conv2d_js: Kernels['conv2d'];
  conv2d_backward_input_js: Kernels['conv2d_backward_input'];
  conv2d_backward_weight_js: Kernels['conv2d_backward_weight'];
}

export type KernelName = keyof Kernels;
