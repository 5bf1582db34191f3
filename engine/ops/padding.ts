// Padding and lookups: F.pad (constant, reflect, replicate, circular), one_hot and embedding.
import { RuntimeError } from '../errors';
import { parseArgs } from '../args';
import { record } from '../autograd';
import { getKernel } from '../backend/registry';
import { int64 } from '../dtype';
import { Tensor } from '../tensor';
import { arange, tensor } from './creation';
import { index_select } from './indexing';
import { checkInterrupt } from './util';
import { embeddingLookup } from './embedding-lookup';

// ---- embedding, one_hot -----------------------------------------------------------------------

/**
 * `torch.embedding(weight, indices, padding_idx=-1, scale_grad_by_freq=False, sparse=False)`, in
 * PyTorch's order (weight first; `F.embedding` takes the indices first). `padding_idx` −1 means none.
 * @example torch.embedding(torch.randn([3, 5]), torch.tensor([[0, 2], [1, 1]])).shape // torch.Size([2, 2, 5])
 */
export function embedding(weight: Tensor, indices: Tensor, padding_idx = -1, scale_grad_by_freq = false, sparse = false): Tensor {
  return embeddingLookup(indices, weight, padding_idx < 0 ? null : padding_idx, scale_grad_by_freq, sparse);
}


/**
 * One-hot encoding of an int64 tensor: int64 [..., num_classes] (num_classes = max + 1 when -1).
 * @example F.one_hot(torch.tensor([0, 2]), 3) // [[1, 0, 0], [0, 0, 1]]
 */
export function one_hot(x: Tensor, num_classes = -1): Tensor {
  if (x.dtype !== int64) throw new RuntimeError('one_hot is only applicable to index tensor.');
  if (x.device.type !== 'cpu') {
    // device values cannot be read synchronously: no range check, and num_classes is required
    if (num_classes === -1) throw new RuntimeError(`one_hot on ${x.device} needs num_classes (the classes cannot be counted without reading the tensor back)`);
    return x.unsqueeze(-1).eq(arange(num_classes, { device: x.device })).to(int64);
  }
  const data = x._cpuContiguous();
  let max = -1, min = 0;
  for (let i = 0; i < data.length; i++) {
    if (data[i] > max) max = data[i];
    if (data[i] < min) min = data[i];
  }
  if (min < 0) throw new RuntimeError('Class values must be non-negative.');
  let c = num_classes;
  if (c === -1) {
    if (data.length === 0) throw new RuntimeError('Can not infer total number of classes from empty tensor.');
    c = max + 1;
  } else if (max >= c) throw new RuntimeError('Class values must be smaller than num_classes.');
  return x.unsqueeze(-1).eq(arange(c, { device: x.device })).to(int64);
}

// ---- pad ---------------------------------------------------------------------------------------------

/**
 * Pads the last dims: `pad = [left, right, top, bottom, …]` (last dim first), as F.pad.
 * Modes: 'constant' (negative pads crop), 'reflect', 'replicate', 'circular'.
 * @example F.pad(x, [1, 1, 2, 0]), F.pad(img, [1, 1, 1, 1], 'reflect')
 */
export function pad(x: Tensor, ...args: unknown[]): Tensor {
  const { pad: p, mode, value } = parseArgs<{ pad: number[]; mode: string; value: number | null }>('pad', args, ['pad', 'mode', 'value'], { mode: 'constant', value: 0 });
  if (p.length % 2 !== 0) throw new RuntimeError('Padding length must be divisible by 2');
  if (p.length / 2 > x.ndim) throw new RuntimeError(`Padding length should be less than or equal to two times the input dimension but got padding length ${p.length} and input of dimension ${x.ndim}`);
  const k = p.length / 2;
  const dims = Array.from({ length: k }, (_, i) => x.ndim - 1 - i);
  if (mode === 'constant') return constantPad(x, dims, p, value ?? 0);
  let r = x;
  dims.forEach((d, i) => {
    const l = p[2 * i], rr = p[2 * i + 1];
    if (l === 0 && rr === 0) return;
    const n = x._shape[d];
    if (mode === 'reflect' && (l >= n || rr >= n))
      throw new RuntimeError(`Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (${l}, ${rr}) at dimension ${d} of input [${x._shape.join(', ')}]`);
    const src: number[] = [];
    for (let j = -l; j < n + rr; j++) {
      if (mode === 'reflect') src.push(j < 0 ? -j : j >= n ? 2 * (n - 1) - j : j);
      else if (mode === 'replicate') src.push(Math.min(Math.max(j, 0), n - 1));
      else if (mode === 'circular') src.push(((j % n) + n) % n);
      else throw new RuntimeError(`Unrecognised padding mode ${mode}`);
    }
    r = index_select(r, d, tensor(src, { dtype: int64, device: x.device }));
  });
  if (r.grad_fn) r.grad_fn._name = mode === 'reflect' ? `ReflectionPad${k}DBackward0` : mode === 'replicate' ? `ReplicationPad${k}DBackward0` : r.grad_fn._name;
  return r;
}

function constantPad(x: Tensor, dims: number[], p: number[], value: number): Tensor {
  const shape = [...x._shape];
  dims.forEach((d, i) => {
    shape[d] = x._shape[d] + p[2 * i] + p[2 * i + 1];
    if (shape[d] < 0)
      throw new RuntimeError(`The input size ${x._shape[d]}, plus negative padding ${p[2 * i]} and ${p[2 * i + 1]} resulted in a negative output size, which is invalid. Check dimension ${d} of your input.`);
  });
  checkInterrupt();
  const out = getKernel('full', x.device.type)(shape, value, x.dtype) as Tensor;
  // the overlap of input and output, per padded dim
  let src = x.detach(), dst = out;
  dims.forEach((d, i) => {
    const l = p[2 * i], r = p[2 * i + 1];
    const s0 = Math.max(0, -l), len = x._shape[d] - s0 - Math.max(0, -r);
    if (len <= 0) {
      src = src.narrow(d, 0, 0);
      dst = dst.narrow(d, 0, 0);
      return;
    }
    src = src.narrow(d, s0, len);
    dst = rawNarrow(dst, d, Math.max(0, l), len);
  });
  if (src.numel() > 0) getKernel('copy_', x.device.type)(dst, src);
  return record(out, 'ConstantPadNdBackward0', [x], (g) => [constantPad(g, dims, p.map((v) => -v), 0)]);
}

function rawNarrow(x: Tensor, d: number, start: number, len: number): Tensor {
  const shape = [...x._shape];
  shape[d] = len;
  const t = new Tensor(x._storage, shape, x._strides, x._offset + start * x._strides[d]);
  t._base = x;
  return t;
}
