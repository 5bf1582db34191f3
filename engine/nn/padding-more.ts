// The 1-D and 3-D padding layers (and ReplicationPad2d): ConstantPad1d/3d, ReflectionPad1d/3d,
// ReplicationPad1d/2d/3d, on F.pad with PyTorch's reprs (`ReplicationPad1d((1, 2))`,
// `ConstantPad1d(padding=(2, 2), value=3.5)`) and its input checks.
import { parseArgs } from '../args';
import { NotImplementedError, RuntimeError } from '../errors';
import type { Tensor } from '../tensor';
import { pad } from '../ops/padding';
import { Module } from './module';
import { py, pyFloat } from './pyrepr';

type Pad = number | number[];

/** An int is every side; a tuple must have 2·n entries (PyTorch's _ntuple). */
function sides(p: Pad, n: number): number[] {
  return typeof p === 'number' ? new Array<number>(2 * n).fill(p) : [...p];
}

abstract class PadNd extends Module {
  padding: number[];
  readonly #mode: 'constant' | 'reflect' | 'replicate';
  readonly #n: number;
  constructor(n: number, mode: 'constant' | 'reflect' | 'replicate', padding: Pad) {
    super();
    this.padding = sides(padding, n);
    this.#mode = mode;
    this.#n = n;
  }
  protected padValue(): number { return 0; }
  forward(input: Tensor): Tensor {
    const n = this.#n;
    if (this.#mode !== 'constant') {
      // F.pad's non-constant modes pad the last n dims of an (n+1)- or (n+2)-D input
      if (n > input.ndim) throw new RuntimeError('Padding length too large');
      if (input.ndim !== n + 1 && input.ndim !== n + 2) throw new NotImplementedError('Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now');
    }
    return pad(input, this.padding, { mode: this.#mode, value: this.padValue() });
  }
  extra_repr(): string {
    return py(this.padding);
  }
}

abstract class ConstantPadNd extends PadNd {
  value: number;
  constructor(name: string, n: number, args: unknown[]) {
    const o = parseArgs<{ padding: Pad; value: number }>(name, args, ['padding', 'value']);
    super(n, 'constant', o.padding);
    if (o.value === undefined) throw new TypeError("__init__() missing 1 required positional argument: 'value'");
    this.value = o.value;
  }
  protected padValue(): number { return this.value; }
  extra_repr(): string {
    return `padding=${py(this.padding)}, value=${Number.isInteger(this.value) ? this.value : pyFloat(this.value)}`;
  }
}

type PadKw = { padding: Pad };
type ConstKw = { padding: Pad; value: number };

/** Pads the last dim with a constant: (left, right). @example nn.ConstantPad1d(2, 3.5)(torch.zeros(1, 2, 3)).shape // torch.Size([1, 2, 7]) */
export class ConstantPad1d extends ConstantPadNd {
  constructor(padding: Pad | ConstKw, value?: number);
  constructor(...args: unknown[]) { super('ConstantPad1d', 1, args); }
}
/** Pads the last three dims with a constant: (left, right, top, bottom, front, back). @example nn.ConstantPad3d(1, 0.5)(torch.zeros(1, 1, 2, 2, 2)).shape // torch.Size([1, 1, 4, 4, 4]) */
export class ConstantPad3d extends ConstantPadNd {
  constructor(padding: Pad | ConstKw, value?: number);
  constructor(...args: unknown[]) { super('ConstantPad3d', 3, args); }
}
/** Pads the last dim by reflecting at the edges. @example nn.ReflectionPad1d(2)(torch.tensor([[[0.0, 1, 2, 3]]])) // tensor([[[2., 1., 0., 1., 2., 3., 2., 1.]]]) */
export class ReflectionPad1d extends PadNd {
  constructor(padding: Pad | PadKw);
  constructor(...args: unknown[]) { super(1, 'reflect', parseArgs<PadKw>('ReflectionPad1d', args, ['padding']).padding); }
}
/** Pads the last three dims by reflecting at the edges. @example nn.ReflectionPad3d(1)(torch.randn(1, 1, 2, 2, 2)).shape // torch.Size([1, 1, 4, 4, 4]) */
export class ReflectionPad3d extends PadNd {
  constructor(padding: Pad | PadKw);
  constructor(...args: unknown[]) { super(3, 'reflect', parseArgs<PadKw>('ReflectionPad3d', args, ['padding']).padding); }
}
/** Pads the last dim by repeating the edge values. @example nn.ReplicationPad1d([1, 2])(torch.tensor([[[0.0, 1, 2]]])) // tensor([[[0., 0., 1., 2., 2., 2.]]]) */
export class ReplicationPad1d extends PadNd {
  constructor(padding: Pad | PadKw);
  constructor(...args: unknown[]) { super(1, 'replicate', parseArgs<PadKw>('ReplicationPad1d', args, ['padding']).padding); }
}
/** Pads the last two dims by repeating the edge values: (left, right, top, bottom). @example nn.ReplicationPad2d(1)(torch.randn(1, 1, 2, 2)).shape // torch.Size([1, 1, 4, 4]) */
export class ReplicationPad2d extends PadNd {
  constructor(padding: Pad | PadKw);
  constructor(...args: unknown[]) { super(2, 'replicate', parseArgs<PadKw>('ReplicationPad2d', args, ['padding']).padding); }
}
/** Pads the last three dims by repeating the edge values. @example nn.ReplicationPad3d(1)(torch.randn(1, 1, 2, 2, 2)).shape // torch.Size([1, 1, 4, 4, 4]) */
export class ReplicationPad3d extends PadNd {
  constructor(padding: Pad | PadKw);
  constructor(...args: unknown[]) { super(3, 'replicate', parseArgs<PadKw>('ReplicationPad3d', args, ['padding']).padding); }
}
