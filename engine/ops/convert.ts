// Moving tensors between devices and dtypes: t.to(device | dtype | {device, dtype}), float(), cpu(), …
//
// Moving a WebGPU tensor to the CPU is a GPU readback, which is asynchronous in the browser: there
// `t.to('cpu')` / `t.cpu()` return a Promise of the CPU tensor (`await` it; awaiting a CPU tensor
// is harmless, so `await t.cpu()` works on every device). Notebook cells await these calls for
// you (app/kernel/transpile.ts). Using the Promise as if it were a tensor throws an error that
// says so (docs/differences-from-pytorch.md).
import { isGradEnabled, record, withGradMode } from '../autograd';
import { isOptions } from '../args';
import { RuntimeError } from '../errors';
import { getKernel } from '../backend/registry';
import { Device, toDevice, type DeviceLike } from '../device';
import { DType, isSmallInt, toDType, type DTypeLike, type TypedArray } from '../dtype';
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
  const out = getKernel('from_cpu', device.type)(x.contiguous().detach());
  const from = x.device;
  return record(out, 'ToCopyBackward0', [x], (g) => [g.to(from)]);
}

/** A Promise of the CPU copy of a device tensor (differentiable, as PyTorch's `.cpu()`). */
function readBack(x: Tensor): Promise<Tensor> {
  const from = x.device;
  const grad = isGradEnabled();
  return (getKernel('read', from.type)(x) as Promise<TypedArray>).then((data) =>
    withGradMode(grad, () => record(Tensor._fromData(data, x._shape, x.dtype), 'ToCopyBackward0', [x], (g) => [g.to(from)])),
  );
}

/** Where a pending CPU copy is used as a tensor, say what to do instead of failing obscurely. */
export function pendingTensorMessage(from: unknown, what = "t.to('cpu')"): string {
  return (
    `${what} of a ${from} tensor is a GPU readback, which is asynchronous in the browser: it returns a Promise of the CPU tensor. ` +
    `Await it (\`const c = await t.cpu()\`; in notebook cells this is done for you at the top level and in async functions), ` +
    `or read values with \`await t.item()\` / \`await t.tolist()\` / \`await t.data()\``
  );
}

const PROMISE_KEYS = new Set<PropertyKey>(['then', 'catch', 'finally', Symbol.toStringTag]);

function pendingTensor(p: Promise<Tensor>, from: Device): Promise<Tensor> {
  p.catch(() => {}); // reported where it is awaited; never an unhandled rejection of its own
  return new Proxy(p, {
    get(target, key) {
      if (PROMISE_KEYS.has(key)) {
        const v = Reflect.get(target, key, target);
        return typeof v === 'function' ? v.bind(target) : v;
      }
      if (key === 'constructor') return Promise;
      if (typeof key === 'symbol') return undefined;
      throw new TypeError(pendingTensorMessage(from));
    },
  });
}

function isDtype(v: unknown): v is DTypeLike {
  return v instanceof DType || (typeof v === 'string' && /^(torch\.)?(float|float32|float64|double|int|int32|int64|long|bool|uint8|int8|int16|short)$/.test(v));
}

declare module '../tensor' {
  interface Tensor {
    /** `t.to('webgpu')`, `t.to(torch.float64)`, `t.to({device, dtype})`; returns `this` when nothing changes. */
    to(target: DeviceLike | DTypeLike | Tensor | { device?: DeviceLike; dtype?: DTypeLike }, dtype?: DTypeLike): Tensor;
    /**
     * A CPU copy (`this` when already there). Of a WebGPU tensor: a GPU readback, which the
     * browser only does asynchronously, so it is a Promise of the CPU tensor outside notebook
     * cells (`await t.cpu()`); cells await it for you.
     */
    cpu(): Tensor;
    webgpu(): Tensor;
    /**
     * The elements as a flat typed array: there is no NumPy in the browser. Of a contiguous CPU
     * tensor it shares the tensor's memory, as PyTorch's numpy() does (`t.add_(1)` shows in it, a
     * write to it shows in `t`); otherwise a copy.
     */
    numpy(): Promise<TypedArray>;
    /** `numpy()` of a CPU tensor, synchronously (what a cell's `t.numpy()` runs on the CPU). */
    cpu_numpy(): TypedArray;
    float(): Tensor;
    /** `t.to(torch.uint8)` (CPU only). */
    byte(): Tensor;
    /** `t.to(torch.int8)` (CPU only). */
    char(): Tensor;
    /** `t.to(torch.int16)` (CPU only). */
    short(): Tensor;
    double(): Tensor;
    long(): Tensor;
    int(): Tensor;
    bool(): Tensor;
    /** With no argument, PyTorch's type string (`'torch.FloatTensor'`); with a dtype, the converted tensor. @example torch.tensor([1, 2]).type(torch.float)  // tensor([1., 2.]) */
    type(): string;
    type(dtype: DTypeLike): Tensor;
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
  if (dev !== this.device && dev.type === 'cpu') {
    const from = this.device;
    const grad = isGradEnabled();
    const cast = readBack(this).then((c) => withGradMode(grad, () => castTo(c, dt)));
    return pendingTensor(cast, from) as unknown as Tensor;
  }
  // a uint8/int8/int16 tensor (CPU only) converts on the CPU before it moves
  if (dev !== this.device && isSmallInt(this.dtype)) return moveTo(castTo(this, dt), dev);
  return castTo(moveTo(this, dev), dt);
};
P.cpu = function () { return this.to(Device.cpu); };
P.webgpu = function () { return this.to(Device.webgpu); };
P.numpy = function () {
  if (this.requires_grad) throw new RuntimeError("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.");
  return this.device.type === 'cpu' ? Promise.resolve(this.cpu_numpy()) : this._read();
};
P.cpu_numpy = function () {
  if (this.requires_grad) throw new RuntimeError("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.");
  this._requireCpu('numpy');
  // the Tensors lesson's "Bridge with NumPy": n = t.numpy(); t.add_(1); print(n) shows the 2s
  if (!this.is_contiguous()) return this.cpu_data();
  return this._storage.data!.subarray(this._offset, this._offset + this.numel());
};
P.float = function () { return this.to('float32'); };
P.double = function () { return this.to('float64'); };
P.long = function () { return this.to('int64'); };
P.int = function () { return this.to('int32'); };
P.bool = function () { return this.to('bool'); };
P.byte = function () { return this.to('uint8'); };
P.char = function () { return this.to('int8'); };
P.short = function () { return this.to('int16'); };
P.type = function (this: Tensor, dtype?: DTypeLike) {
  if (dtype === undefined) return ({ float32: 'torch.FloatTensor', float64: 'torch.DoubleTensor', int64: 'torch.LongTensor', int32: 'torch.IntTensor', bool: 'torch.BoolTensor', uint8: 'torch.ByteTensor', int8: 'torch.CharTensor', int16: 'torch.ShortTensor' } as Record<string, string>)[this.dtype.name];
  return this.to(dtype);
} as Tensor['type'];
P.type_as = function (o) { return this.to({ dtype: o.dtype, device: o.device }); };
