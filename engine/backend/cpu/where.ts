import { Device } from '../../device';
import type { DType } from '../../dtype';
import { broadcastShapes } from '../../size';
import { Tensor, type TensorOrScalar } from '../../tensor';
import { registerKernel } from '../registry';
import { broadcastStrides, forEachOffset } from './strided';

registerKernel('where', 'cpu', (c: Tensor, x: TensorOrScalar, y: TensorOrScalar, dtype: DType) => {
  const sx = x instanceof Tensor ? x._shape : [], sy = y instanceof Tensor ? y._shape : [];
  const shape = broadcastShapes(broadcastShapes(c._shape, sx), sy);
  const out = Tensor._empty(shape, dtype, Device.cpu);
  const O = out._storage.data!;
  const C = c._storage.data!, cs = broadcastStrides(c._shape, c._strides, shape);
  const read = (v: TensorOrScalar) => {
    if (!(v instanceof Tensor)) {
      const k = Number(v);
      return () => k;
    }
    const vals = new Float64Array(out.numel());
    const D = v._storage.data!;
    forEachOffset(shape, broadcastStrides(v._shape, v._strides, shape), v._offset, (i, off) => (vals[i] = D[off]));
    return (i: number) => vals[i];
  };
  const X = read(x), Y = read(y);
  forEachOffset(shape, cs, c._offset, (i, off) => {
    O[i] = C[off] ? X(i) : Y(i);
  });
  return out;
});
