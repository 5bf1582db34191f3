// The 2-D padding layers (ZeroPad2d, ConstantPad2d, ReflectionPad2d) on F.pad.
import { parseArgs } from '../args';
import type { Tensor } from '../tensor';
import { pad } from '../ops/padding';
import { Module } from './module';
import { py, pyFloat } from './pyrepr';

type Pad4 = number | [number, number, number, number];
const pad4 = (p: Pad4): number[] => (typeof p === 'number' ? [p, p, p, p] : [...p]);

/** Pads the last two dims with zeros: (left, right, top, bottom). @example nn.ZeroPad2d(1)(torch.ones(1, 2, 2)).shape // torch.Size([1, 4, 4]) */
export class ZeroPad2d extends Module {
  padding: number[];
  constructor(padding: Pad4 | { padding: Pad4 });
  constructor(...args: unknown[]) {
    super();
    this.padding = pad4(parseArgs<{ padding: Pad4 }>('ZeroPad2d', args, ['padding']).padding);
  }
  forward(input: Tensor): Tensor {
    return pad(input, this.padding, { mode: 'constant', value: 0 });
  }
  extra_repr(): string {
    return py(this.padding);
  }
}
/** Pads the last two dims with a constant. @example nn.ConstantPad2d(1, 3.5)(torch.zeros(1, 1, 1)) */
export class ConstantPad2d extends Module {
  padding: number[];
  value: number;
  constructor(padding: Pad4 | { padding: Pad4; value: number }, value?: number);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ padding: Pad4; value: number }>('ConstantPad2d', args, ['padding', 'value']);
    if (o.value === undefined) throw new TypeError("__init__() missing 1 required positional argument: 'value'");
    this.padding = pad4(o.padding);
    this.value = o.value;
  }
  forward(input: Tensor): Tensor {
    return pad(input, this.padding, { mode: 'constant', value: this.value });
  }
  extra_repr(): string {
    return `padding=${py(this.padding)}, value=${Number.isInteger(this.value) ? this.value : pyFloat(this.value)}`;
  }
}
/** Pads the last two dims by reflecting at the edges. @example nn.ReflectionPad2d(1)(torch.arange(9.0).view(1, 3, 3)).shape // torch.Size([1, 5, 5]) */
export class ReflectionPad2d extends Module {
  padding: number[];
  constructor(padding: Pad4 | { padding: Pad4 });
  constructor(...args: unknown[]) {
    super();
    this.padding = pad4(parseArgs<{ padding: Pad4 }>('ReflectionPad2d', args, ['padding']).padding);
  }
  forward(input: Tensor): Tensor {
    return pad(input, this.padding, { mode: 'reflect' });
  }
  extra_repr(): string {
    return py(this.padding);
  }
}
