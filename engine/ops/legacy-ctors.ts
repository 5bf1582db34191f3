// PyTorch's legacy typed constructors, `torch.FloatTensor(...)`, `torch.LongTensor(...)`, …: older tutorials
// (and the seq2seq tutorial's `torch.LongTensor(input_ids)`) build tensors with them. A list or typed array
// gives a tensor of that dtype, sizes give one of that shape (PyTorch leaves it uninitialised; Torchlit's
// holds zeros), a tensor of the same dtype is shared (a detached alias), and `x instanceof torch.FloatTensor`
// is PyTorch's `isinstance(x, torch.FloatTensor)`.
import { isOptions } from '../args';
import { bool, float32, float64, int32, int64, uint8, type DType } from '../dtype';
import { Tensor } from '../tensor';
import { Size } from '../size';
import { tensor, zeros, type FactoryOptions } from './creation';

/** C++'s scalar type words in PyTorch's TensorOptions message. */
const CXX: Record<string, string> = { float32: 'float', float64: 'double', int64: 'long int', int32: 'int', bool: 'bool', uint8: 'unsigned char' };
const options = (d: DType) =>
  `TensorOptions(dtype=${CXX[d.name] ?? d.name}, device=cpu, layout=Strided, requires_grad=false (default), pinned_memory=false (default), memory_format=(nullopt))`;

type LegacyCtor = ((...args: unknown[]) => Tensor) & { new (...args: unknown[]): Tensor };

function legacy(name: string, dtype: DType): LegacyCtor {
  const make = (...all: unknown[]): Tensor => {
    const opts: FactoryOptions = { dtype };
    const args = all.length && isOptions(all[all.length - 1]) ? all.slice(0, -1) : all;
    if (args.length < all.length) {
      const given = all[all.length - 1] as Record<string, unknown>;
      if (Object.keys(given).some((k) => k !== 'device'))
        throw new TypeError(`new() received an invalid combination of arguments - got (${Object.keys(given).map((k) => `${k}=`).join(', ')}), but expected one of: (*, torch.device device)`);
      opts.device = given.device as FactoryOptions['device'];
    }
    if (args.length === 0) return zeros([0], opts);
    const a = args[0];
    if (args.length === 1 && a instanceof Tensor) {
      if (a.dtype !== dtype) throw new TypeError(`expected ${options(dtype)} (got ${options(a.dtype)})`);
      return a.detach();
    }
    if (args.length === 1 && a instanceof Size) return zeros([...a], opts);
    if (args.length === 1 && (Array.isArray(a) || ArrayBuffer.isView(a))) return tensor(a as number[], opts);
    if (typeof a === 'string') throw new TypeError("new(): invalid data type 'str'");
    const bad = args.findIndex((v) => typeof v !== 'number' || !Number.isInteger(v));
    if (bad >= 0) {
      const v = args[bad];
      throw new TypeError(`new(): argument 'size' must be tuple of ints, but found element of type ${Array.isArray(v) ? 'list' : typeof v === 'number' ? 'float' : typeof v} at pos ${bad + 1}`);
    }
    return zeros(args as number[], opts);
  };
  const ctor = function (...args: unknown[]) {
    return make(...args);
  } as unknown as LegacyCtor;
  Object.defineProperty(ctor, 'name', { value: name });
  Object.defineProperty(ctor, Symbol.hasInstance, { value: (x: unknown) => x instanceof Tensor && x.dtype === dtype });
  return ctor;
}

/** `torch.FloatTensor([1, 2])` (float32), `torch.FloatTensor(2, 3)` (zeros); `x instanceof torch.FloatTensor`. */
export const FloatTensor = legacy('FloatTensor', float32);
/** `torch.DoubleTensor([1, 2])` (float64). */
export const DoubleTensor = legacy('DoubleTensor', float64);
/** `torch.LongTensor(input_ids)` (int64; floats truncate), as the seq2seq tutorial builds its batches. */
export const LongTensor = legacy('LongTensor', int64);
/** `torch.IntTensor([1, 2])` (int32). */
export const IntTensor = legacy('IntTensor', int32);
/** `torch.BoolTensor([1, 0])` (bool). */
export const BoolTensor = legacy('BoolTensor', bool);
/** `torch.ByteTensor([3])` (uint8, CPU). */
export const ByteTensor = legacy('ByteTensor', uint8);
