// Matrix products: matmul (PyTorch's 1-D / 2-D / batched broadcasting rules), mm, bmm, mv, dot,
// outer, addmm, linear. One primitive (`product`) dispatches the 'matmul' kernel over equal batch
// dims; everything else is shape logic around it, and every gradient is a product again.
import { parseArgs } from '../args';
import { RuntimeError } from '../errors';
import { record } from '../autograd';
import { getKernel } from '../backend/registry';
import { broadcastShapes } from '../size';
import { scalarTypeName } from '../dtype';
import { Tensor } from '../tensor';
import { binaryRaw } from './raw';
import { checkInterrupt, sameDevice, sumToShape } from './util';

const dims = (t: Tensor) => t._shape.join('x');
const typeName = (t: Tensor) => ({ float32: 'float', float64: 'double', int64: 'long', int32: 'int', bool: 'bool', uint8: 'unsigned char', int8: 'signed char', int16: 'short int' })[t.dtype.name];

function checkDtypes(a: Tensor, b: Tensor): void {
  sameDevice(a, b);
  if (a.dtype !== b.dtype) throw new RuntimeError(`expected m1 and m2 to have the same dtype, but got: ${typeName(a)} != ${typeName(b)}`);
}

/** a [...batch, M, K] · b [...batch, K, N] with identical batch dims; records `name`. */
function product(a: Tensor, b: Tensor, name: string): Tensor {
  checkInterrupt();
  const out = getKernel('matmul', a.device.type)(a, b) as Tensor;
  // as PyTorch: each operand is saved for the other's gradient; an operand that wants none gets
  // none computed (runBackward would drop it unread)
  return record(out, name, [a, b], (g) => [a.requires_grad ? product(g, b.mT, 'MmBackward0') : null, b.requires_grad ? product(a.mT, g, 'MmBackward0') : null], [b.requires_grad ? a : null, a.requires_grad ? b : null]);
}

/**
 * Matrix product of two 2-D tensors.
 * @example torch.mm(torch.ones(2, 3), torch.ones(3, 4)).shape // torch.Size([2, 4])
 */
export function mm(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 2) throw new RuntimeError('self must be a matrix');
  if (b.ndim !== 2) throw new RuntimeError('mat2 must be a matrix');
  if (a._shape[1] !== b._shape[0]) throw new RuntimeError(`mat1 and mat2 shapes cannot be multiplied (${dims(a)} and ${dims(b)})`);
  checkDtypes(a, b);
  return product(a, b, 'MmBackward0');
}

/** Batched matrix product of two 3-D tensors with the same batch size: [B, n, m] · [B, m, p] → [B, n, p]. */
export function bmm(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 3) throw new RuntimeError('batch1 must be a 3D tensor');
  if (b.ndim !== 3) throw new RuntimeError('batch2 must be a 3D tensor');
  if (b._shape[0] !== a._shape[0] || b._shape[1] !== a._shape[2])
    throw new RuntimeError(`Expected size for first two dimensions of batch2 tensor to be: [${a._shape[0]}, ${a._shape[2]}] but got: [${b._shape[0]}, ${b._shape[1]}].`);
  checkDtypes(a, b);
  return product(a, b, 'BmmBackward0');
}

/** Matrix-vector product: [n, m] · [m] → [n]. */
export function mv(a: Tensor, v: Tensor): Tensor {
  if (a.ndim !== 2 || v.ndim !== 1) throw new RuntimeError(`vector + matrix @ vector expected, got 1, ${a.ndim}, ${v.ndim}`);
  if (a._shape[1] !== v._shape[0]) throw new RuntimeError(`size mismatch, got input (${a._shape[0]}), mat (${dims(a)}), vec (${v._shape[0]})`);
  checkDtypes(a, v);
  const out = getKernel('matmul', a.device.type)(a, v.unsqueeze(1)) as Tensor;
  return record(out.view([a._shape[0]]), 'MvBackward0', [a, v], (g) => [outer(g, v), mv(a.t(), g)]);
}

/** Dot product of two 1-D tensors (a 0-d tensor). */
export function dot(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 1 || b.ndim !== 1) throw new RuntimeError(`1D tensors expected, but got ${a.ndim}D and ${b.ndim}D tensors`);
  if (a._shape[0] !== b._shape[0])
    throw new RuntimeError(`inconsistent tensor size, expected tensor [${a._shape[0]}] and src [${b._shape[0]}] to have the same number of elements, but got ${a._shape[0]} and ${b._shape[0]} elements respectively`);
  sameDevice(a, b);
  if (a.dtype !== b.dtype) throw new RuntimeError(`dot : expected both vectors to have same dtype, but found ${scalarTypeName(a.dtype)} and ${scalarTypeName(b.dtype)}`);
  const out = getKernel('matmul', a.device.type)(a.unsqueeze(0), b.unsqueeze(1)) as Tensor;
  return record(out.view([]), 'DotBackward0', [a, b], (g) => [b.mul(g), a.mul(g)]);
}

/** Outer product of two 1-D tensors: [n] ⊗ [m] → [n, m]. */
export function outer(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 1 || b.ndim !== 1) throw new RuntimeError(`outer: expected 1D tensors, but got ${a.ndim}D and ${b.ndim}D tensors`);
  return a.unsqueeze(1).mul(b);
}

/**
 * Matrix product with PyTorch's rules: 1-D·1-D is a dot product, 2-D·2-D a matrix product,
 * a 1-D argument gets a dimension prepended (first) or appended (second) and removed after,
 * and batch dimensions broadcast.
 * @example torch.matmul(torch.randn(10, 3, 4), torch.randn(4, 5)).shape // torch.Size([10, 3, 5])
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  const da = a.ndim, db = b.ndim;
  if (da === 0 || db === 0) throw new RuntimeError(`both arguments to matmul need to be at least 1D, but they are ${da}D and ${db}D`);
  if (da === 1 && db === 1) return dot(a, b);
  if (da === 2 && db === 1) return mv(a, b);
  if (da === 1 && db === 2) {
    if (a._shape[0] !== b._shape[0]) throw new RuntimeError(`mat1 and mat2 shapes cannot be multiplied (1x${a._shape[0]} and ${dims(b)})`);
    return mm(a.unsqueeze(0), b).squeeze(0);
  }
  if (da === 2 && db === 2) return mm(a, b);
  const A = da === 1 ? a.unsqueeze(0) : a;
  const B = db === 1 ? b.unsqueeze(1) : b;
  const M = A._shape[A.ndim - 2], K = A._shape[A.ndim - 1], K2 = B._shape[B.ndim - 2], N = B._shape[B.ndim - 1];
  if (K !== K2) {
    if (B.ndim === 2 || db === 1) throw new RuntimeError(`mat1 and mat2 shapes cannot be multiplied (${A.numel() / K}x${K} and ${K2}x${N})`);
    throw new RuntimeError(`Expected size for first two dimensions of batch2 tensor to be: [${A._shape.slice(0, -2).reduce((x, y) => x * y, 1)}, ${K}] but got: [${B._shape.slice(0, -2).reduce((x, y) => x * y, 1)}, ${K2}].`);
  }
  checkDtypes(a, b);
  let out: Tensor;
  if (B.ndim === 2 && A.is_contiguous()) {
    // [..., M, K] · [K, N]: fold the batch into the rows (one big GEMM, no broadcast copies)
    const rows = A.reshape([-1, K]);
    out = product(rows, B, 'MmBackward0').view([...A._shape.slice(0, -1), N]);
  } else {
    const batch = broadcastShapes(A._shape.slice(0, -2), B._shape.slice(0, -2));
    const Ae = A.expand([...batch, M, K]), Be = B.expand([...batch, K, N]);
    out = product(Ae, Be, 'UnsafeViewBackward0');
  }
  // PyTorch's batched matmul ends in a reshape: its grad_fn reads UnsafeViewBackward0
  if (out.grad_fn) out.grad_fn._name = 'UnsafeViewBackward0';
  if (da === 1) out = out.squeeze(-2);
  if (db === 1) out = out.squeeze(-1);
  return out;
}

/**
 * `beta·input + alpha·(mat1 @ mat2)`, input broadcast to the product's shape.
 * @example torch.addmm(bias, x, w)
 */
export function addmm(input: Tensor, mat1: Tensor, mat2: Tensor, opts: { beta?: number; alpha?: number } = {}): Tensor {
  const { beta = 1, alpha = 1 } = opts;
  if (mat1.ndim !== 2) throw new RuntimeError('mat1 must be a matrix, got ' + mat1.ndim + '-D tensor');
  if (mat2.ndim !== 2) throw new RuntimeError('mat2 must be a matrix, got ' + mat2.ndim + '-D tensor');
  if (mat1._shape[1] !== mat2._shape[0]) throw new RuntimeError(`mat1 and mat2 shapes cannot be multiplied (${dims(mat1)} and ${dims(mat2)})`);
  sameDevice(mat1, mat2);
  // addmm's own words (nn.Linear on an int64 batch: 1.13 "mat1 and mat2 must have the same dtype", 2.x adds the types)
  if (mat1.dtype !== mat2.dtype) throw new RuntimeError(`mat1 and mat2 must have the same dtype, but got ${scalarTypeName(mat1.dtype)} and ${scalarTypeName(mat2.dtype)}`);
  const shape = [mat1._shape[0], mat2._shape[1]];
  const bshape = broadcastShapes(input._shape, shape);
  if (bshape.length !== 2 || bshape[0] !== shape[0] || bshape[1] !== shape[1])
    throw new RuntimeError(`The expanded size of the tensor (${shape[1]}) must match the existing size (${input._shape[input.ndim - 1]}) at non-singleton dimension 1.  Target sizes: [${shape.join(', ')}].  Tensor sizes: [${input._shape.join(', ')}]`);
  checkInterrupt();
  let out = getKernel('matmul', mat1.device.type)(mat1, mat2) as Tensor;
  if (alpha !== 1) binaryRaw('mul', out, alpha, out);
  binaryRaw('add', out, beta === 1 ? input.detach() : binaryRaw('mul', input.detach(), beta), out);
  const inShape = input._shape;
  // (only the gradients wanted: the input batch of a first layer needs none)
  out = record(out, 'AddmmBackward0', [input, mat1, mat2], (g) => [
    input.requires_grad ? sumToShape(beta === 1 ? g : g.mul(beta), inShape) : null,
    // (a `.mul(1)` here put a MulBackward0 over the MmBackward0 of a create_graph gradient)
    !mat1.requires_grad ? null : alpha === 1 ? product(g, mat2.t(), 'MmBackward0') : product(g, mat2.t(), 'MmBackward0').mul(alpha),
    !mat2.requires_grad ? null : alpha === 1 ? product(mat1.t(), g, 'MmBackward0') : product(mat1.t(), g, 'MmBackward0').mul(alpha),
  ], [mat2.requires_grad ? mat1 : null, mat1.requires_grad ? mat2 : null]);
  return out;
}

/**
 * `F.linear(input, weight, bias?)`: `input @ weight.T + bias`, input [..., in], weight [out, in].
 * @example F.linear(x, layer.weight, layer.bias)
 */
export function linear(input: Tensor, weight: Tensor, bias?: Tensor | null | { bias?: Tensor | null }): Tensor {
  if (bias && !(bias instanceof Tensor)) bias = parseArgs<{ bias?: Tensor | null }>('linear', [bias], ['bias']).bias;
  if (input.ndim === 2 && bias && bias.ndim <= 2) {
    if (input._shape[1] !== weight._shape[weight.ndim - 1])
      throw new RuntimeError(`mat1 and mat2 shapes cannot be multiplied (${dims(input)} and ${weight._shape[weight.ndim - 1]}x${weight._shape[0]})`);
    return addmm(bias, input, weight.t());
  }
  const K = input._shape[input.ndim - 1];
  if (weight.ndim === 2 && K !== weight._shape[1])
    throw new RuntimeError(`mat1 and mat2 shapes cannot be multiplied (${input.numel() / Math.max(K, 1)}x${K} and ${weight._shape[1]}x${weight._shape[0]})`);
  if (input.ndim > 2 && bias && bias.ndim <= 1 && weight.ndim === 2) {
    // as PyTorch: rows folded into one addmm, then viewed back (grad_fn ViewBackward0 → AddmmBackward0)
    const N = weight._shape[0];
    return addmm(bias, input.reshape([-1, K]), weight.t()).view([...input._shape.slice(0, -1), N]);
  }
  const out = matmul(input, weight.t());
  return bias ? out.add(bias) : out;
}

declare module '../tensor' {
  interface Tensor {
    /** Matrix product with broadcasting (PyTorch's `a @ b`). @example x.matmul(w) */
    matmul(other: Tensor): Tensor;
    mm(mat2: Tensor): Tensor;
    bmm(mat2: Tensor): Tensor;
    mv(vec: Tensor): Tensor;
    dot(other: Tensor): Tensor;
    outer(other: Tensor): Tensor;
    addmm(mat1: Tensor, mat2: Tensor, opts?: { beta?: number; alpha?: number }): Tensor;
  }
}
const P = Tensor.prototype;
P.matmul = function (o) { return matmul(this, o); };
P.mm = function (o) { return mm(this, o); };
P.bmm = function (o) { return bmm(this, o); };
P.mv = function (o) { return mv(this, o); };
P.dot = function (o) { return dot(this, o); };
P.outer = function (o) { return outer(this, o); };
P.addmm = function (m1, m2, opts) { return addmm(this, m1, m2, opts); };


