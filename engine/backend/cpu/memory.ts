// CPU kernels that create or copy storage.
import { Device } from '../../device';
import type { DType } from '../../dtype';
import { numelOf } from '../../size';
import { Tensor } from '../../tensor';
import { registerKernel } from '../registry';
import { gather } from './strided';

registerKernel('full', 'cpu', (shape: number[], value: number, dtype: DType) => {
  const t = Tensor._empty(shape, dtype, Device.cpu);
  if (value !== 0) t._storage.data!.fill(value);
  return t;
});

registerKernel('contiguous', 'cpu', (x: Tensor) => {
  const out = Tensor._empty(x._shape, x.dtype, Device.cpu);
  gather(x._storage.data!, x._shape, x._strides, x._offset, out._storage.data!);
  return out;
});

/** Writes `src` (already broadcast to dst's shape, any strides) into the strided `dst`. */
registerKernel('copy_', 'cpu', (dst: Tensor, src: Tensor) => {
  const n = numelOf(dst._shape);
  const s = src.dtype === dst.dtype && src.is_contiguous() ? src._cpuContiguous() : castCopy(src, dst.dtype);
  const d = dst._storage.data!;
  if (dst.is_contiguous()) {
    if (s.length === n) d.set(s, dst._offset);
    else for (let i = 0; i < n; i++) d[dst._offset + i] = s[i % s.length];
    return dst;
  }
  let i = 0;
  const visit = (dim: number, off: number) => {
    if (dim === dst._shape.length) {
      d[off] = s[i++];
      return;
    }
    for (let k = 0; k < dst._shape[dim]; k++) visit(dim + 1, off + k * dst._strides[dim]);
  };
  visit(0, dst._offset);
  return dst;
});

function castCopy(src: Tensor, dtype: DType) {
  const data = src._cpuContiguous();
  const out = new dtype.array(data.length);
  if (dtype.name === 'bool') for (let i = 0; i < data.length; i++) out[i] = data[i] !== 0 ? 1 : 0;
  else if (!dtype.is_floating_point && src.dtype.is_floating_point) for (let i = 0; i < data.length; i++) out[i] = Math.trunc(data[i]);
  else out.set(data);
  return out;
}

registerKernel('cast', 'cpu', (x: Tensor, dtype: DType) => Tensor._fromData(castCopy(x, dtype), x._shape, dtype));
