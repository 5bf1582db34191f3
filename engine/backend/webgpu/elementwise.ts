// WebGPU elementwise kernels, generated from the op table (backend/elementwise-spec.ts): each op's
// `wgsl` expression is compiled per (op, dtypes, dense/strided operands) into a map kernel.
// Integer tensors compute in i32 where the op is exact on integers, else in f32.
import type { DType } from '../../dtype';
import { Tensor, type TensorOrScalar } from '../../tensor';
import { BINARY, UNARY } from '../elementwise-spec';
import { registerKernel } from '../registry';
import { empty } from './memory';
import { broadcastStrides, runMap, type MapInput } from './strided';
import { computeOf, wtype, type WType } from './wgsl';

/** Integer forms of ops whose float WGSL does not type-check (or is not exact) on i32. */
const INT_WGSL: Record<string, string> = {
  neg: '-a', abs: 'abs(a)', sign: 'sign(a)', square: 'a * a', relu: 'max(a, 0)',
  floor: 'a', ceil: 'a', round: 'a', trunc: 'a',
  add: 'a + b', sub: 'a - b', mul: 'a * b', maximum: 'max(a, b)', minimum: 'min(a, b)',
  remainder: 'irem(a, b)', fmod: 'select(a % b, 0, b == 0)',
  eq: 'a == b', ne: 'a != b', lt: 'a < b', le: 'a <= b', gt: 'a > b', ge: 'a >= b',
  logical_and: 'a != 0 && b != 0', logical_or: 'a != 0 || b != 0', logical_xor: '(a != 0) != (b != 0)', logical_not: 'a == 0',
};

function operand(v: TensorOrScalar, shape: readonly number[], compute: WType): MapInput {
  if (v instanceof Tensor) {
    if (v.device.type !== 'webgpu') throw Object.assign(new Error(`Expected all tensors to be on the same device, but found at least two devices, webgpu:0 and ${v.device}!`), { name: 'RuntimeError' }); // PyTorch's error class
    return { kind: 'view', t: v, strides: broadcastStrides(v, shape), offset: v._offset, type: wtype(v.dtype), compute };
  }
  return { kind: 'scalar', value: Number(v), compute };
}

function isFloatish(v: TensorOrScalar): boolean {
  return v instanceof Tensor ? v.dtype.is_floating_point : typeof v === 'number' && !Number.isInteger(v);
}

function expression(name: string, table: Record<string, { wgsl?: string }>, compute: WType): string {
  const e = compute === 'i32' ? INT_WGSL[name] : table[name].wgsl;
  if (!e) throw new Error(`Torchlit: the elementwise op '${name}' has no WGSL form`);
  return e;
}

/** Output must be fresh (or the in-place `out`, contiguous). */
function target(shape: readonly number[], dtype: DType, out?: Tensor): Tensor {
  return out ?? empty(shape, dtype);
}

registerKernel('unary', 'webgpu', (name: string, x: Tensor, outDtype: DType, out?: Tensor) => {
  const spec = UNARY[name];
  const o = target(x._shape, outDtype, out);
  const ot = wtype(outDtype);
  let compute: WType = x.dtype.is_floating_point || !(name in INT_WGSL) ? 'f32' : 'i32';
  if (!spec.predicate && !spec.keepsInt) compute = 'f32';
  let expr = expression(name, UNARY, compute);
  // some GPUs' math builtins map NaN to a number (SwiftShader: exp(NaN) = inf): NaN in, NaN out
  if (compute === 'f32' && !spec.predicate) expr = `select(${expr}, a, isnan_(a))`;
  runMap({
    op: name, expr, names: ['a'], inputs: [operand(x, x._shape, compute)],
    resultType: spec.predicate ? 'bool' : compute, out: o, outStrides: o._strides, outOffset: o._offset, outType: ot,
  });
  return o;
});

registerKernel('binary', 'webgpu', (name: string, a: TensorOrScalar, b: TensorOrScalar, outShape: number[], outDtype: DType, out?: Tensor) => {
  const spec = BINARY[name];
  const o = target(outShape, outDtype, out);
  const ot = wtype(outDtype);
  const anyFloat = isFloatish(a) || isFloatish(b) || (!spec.predicate && outDtype.is_floating_point);
  const compute: WType = anyFloat || !(name in INT_WGSL) ? 'f32' : 'i32';
  let expr = expression(name, BINARY, compute);
  // f32 results written to integer tensors truncate; pow's f32 result is rounded first (exact powers)
  if (name === 'pow' && ot === 'i32') expr = `round(${expr})`;
  runMap({
    op: name, expr, names: ['a', 'b'], inputs: [operand(a, outShape, compute), operand(b, outShape, compute)],
    resultType: spec.predicate ? 'bool' : compute, out: o, outStrides: o._strides, outOffset: o._offset, outType: ot,
  });
  return o;
});

registerKernel('where', 'webgpu', (c: Tensor, x: TensorOrScalar, y: TensorOrScalar, dtype: DType) => {
  const shapes = [c._shape, x instanceof Tensor ? x._shape : [], y instanceof Tensor ? y._shape : []];
  const nd = Math.max(...shapes.map((s) => s.length));
  const shape = new Array<number>(nd).fill(1);
  for (const s of shapes) s.forEach((d, i) => {
    const j = nd - s.length + i;
    if (d !== 1) shape[j] = d;
  });
  const o = empty(shape, dtype);
  const ot = wtype(dtype);
  const ct = computeOf(ot);
  runMap({
    op: 'where', expr: 'select(y, x, c != 0)', names: ['c', 'x', 'y'],
    inputs: [operand(c, shape, 'i32'), operand(x, shape, ct), operand(y, shape, ct)],
    resultType: ct, out: o, outStrides: o._strides, outOffset: 0, outType: ot,
  });
  return o;
});
