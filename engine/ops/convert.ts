// Moving tensors between devices and dtypes: t.to(device | dtype | {device, dtype}), float(), cpu(), …
import { record } from '../autograd';
import { isOptions } from '../args';
import { getKernel } from '../backend/registry';
import { Device, toDevice, type DeviceLike } from '../device';
import { DType, toDType, type DTypeLike } from '../dtype';
import { Tensor } from '../tensor';

function castTo(x: Tensor, dtype: DType): Tensor {
  if (x.dtype === dtype) return x;
  const out = getKernel('cast', x.device.type)(x, dtype) as Tensor;
  if (!dtype.is_floating_point) return out;
  const from = x.dtype;
  return record(out, 'ToCopyBackward0', [x], (g) => [g.to(from)]);
}

function moveTo(x: Tensor, device: Device): Tensor {
  if (x.device === device) return x;
  let out: Tensor;
  if (device.type === 'cpu') out = getKernel('to_cpu', x.device.type)(x);
  else out = getKernel('from_cpu', device.type)(x.contiguous().detach());
  const from = x.device;
  return record(out, 'ToCopyBackward0', [x], (g) => [g.to(from)]);
}

function isDtype(v: unknown): v is DTypeLike {
  return v instanceof DType || (typeof v === 'string' && /^(torch\.)?(float|float32|float64|double|int|int32|int64|long|bool)$/.test(v));
}

declare module '../tensor' {
  interface Tensor {
    /** `t.to('webgpu')`, `t.to(torch.float64)`, `t.to({device, dtype})`; returns `this` when nothing changes. */
    to(target: DeviceLike | DTypeLike | Tensor | { device?: DeviceLike; dtype?: DTypeLike }, dtype?: DTypeLike): Tensor;
    cpu(): Tensor;
    webgpu(): Tensor;
    float(): Tensor;
    double(): Tensor;
    long(): Tensor;
    int(): Tensor;
    bool(): Tensor;
    type(dtype?: DTypeLike): Tensor | string;
    /** Same data, as this tensor's dtype/device. */
    type_as(other: Tensor): Tensor;
  }
}
const P = Tensor.prototype;
P.to = function (target: any, dtype?: DTypeLike) {
  let dev: Device = this.device, dt: DType = this.dtype;
  if (target instanceof Tensor) {
    dev = target.device;
    dt = target.dtype;
  } else if (isOptions(target)) {
    if (target.device != null) dev = toDevice(target.device as DeviceLike, dev);
    if (target.dtype != null) dt = toDType(target.dtype as DTypeLike);
  } else if (isDtype(target)) dt = toDType(target);
  else dev = toDevice(target, dev);
  if (dtype) dt = toDType(dtype);
  return castTo(moveTo(this, dev), dt);
};
P.cpu = function () { return this.to(Device.cpu); };
P.webgpu = function () { return this.to(Device.webgpu); };
P.float = function () { return this.to('float32'); };
P.double = function () { return this.to('float64'); };
P.long = function () { return this.to('int64'); };
P.int = function () { return this.to('int32'); };
P.bool = function () { return this.to('bool'); };
P.type = function (dtype?: DTypeLike) {
  if (dtype === undefined) return ({ float32: 'torch.FloatTensor', float64: 'torch.DoubleTensor', int64: 'torch.LongTensor', int32: 'torch.IntTensor', bool: 'torch.BoolTensor' } as Record<string, string>)[this.dtype.name];
  return this.to(dtype);
};
P.type_as = function (o) { return this.to({ dtype: o.dtype, device: o.device }); };
