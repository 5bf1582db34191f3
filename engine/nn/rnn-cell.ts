// One-step recurrent cells: RNNCell, LSTMCell, GRUCell (PyTorch's parameter names weight_ih,
// weight_hh, bias_ih, bias_hh). The step itself is rnn.ts's, shared with the sequence layers.
import { RuntimeError } from '../errors';
import { parseArgs } from '../args';
import { zeros } from '../ops/creation';
import { linear } from '../ops/matmul';
import type { Tensor } from '../tensor';
import * as init from './init';
import { emptyParam, placeModule, type FactoryKw } from './linear';
import { Module } from './module';
import type { Parameter } from './parameter';
import { py } from './pyrepr';
import { cellStep, GATES, type Mode } from './rnn';

abstract class RNNCellBase extends Module {
  declare weight_ih: Parameter;
  declare weight_hh: Parameter;
  declare bias_ih: Parameter | null;
  declare bias_hh: Parameter | null;
  input_size: number;
  hidden_size: number;
  bias: boolean;
  nonlinearity?: 'tanh' | 'relu';
  mode: Mode;
  constructor(name: string, args: unknown[]) {
    super();
    const isRNN = name === 'RNNCell';
    const o = parseArgs<{ input_size: number; hidden_size: number; bias: boolean; nonlinearity: 'tanh' | 'relu' } & FactoryKw>(name, args,
      ['input_size', 'hidden_size', 'bias', ...(isRNN ? ['nonlinearity'] : []), 'device', 'dtype'], { bias: true, nonlinearity: 'tanh' });
    if (isRNN && o.nonlinearity !== 'tanh' && o.nonlinearity !== 'relu') throw new RuntimeError(`Unknown nonlinearity: ${o.nonlinearity}`);
    this.mode = isRNN ? (o.nonlinearity === 'relu' ? 'RNN_RELU' : 'RNN_TANH') : name === 'LSTMCell' ? 'LSTM' : 'GRU';
    this.input_size = o.input_size;
    this.hidden_size = o.hidden_size;
    this.bias = o.bias;
    if (isRNN) this.nonlinearity = o.nonlinearity;
    const G = GATES[this.mode] * o.hidden_size;
    this.weight_ih = emptyParam([G, o.input_size], o);
    this.weight_hh = emptyParam([G, o.hidden_size], o);
    if (o.bias) {
      this.bias_ih = emptyParam([G], o);
      this.bias_hh = emptyParam([G], o);
    } else {
      this.register_parameter('bias_ih', null);
      this.register_parameter('bias_hh', null);
    }
    const s = 1 / Math.sqrt(o.hidden_size);
    for (const p of this.parameters()) init.uniform_(p, -s, s);
    placeModule(this, o);
  }
  /** The step on a [B, F] (or [F]) input; states default to zeros. */
  _cell(input: Tensor, h: Tensor | null | undefined, c: Tensor | null | undefined): [Tensor, Tensor | null] {
    const name = this._get_name();
    if (input.ndim !== 1 && input.ndim !== 2) throw new RuntimeError(`${name}: Expected input to be 1D or 2D, got ${input.ndim}D instead`);
    const batched = input.ndim === 2;
    const x = batched ? input : input.unsqueeze(0);
    if (x._shape[1] !== this.input_size) throw new RuntimeError(`input has inconsistent input_size: got ${x._shape[1]} expected ${this.input_size}`);
    const state = (s: Tensor | null | undefined): Tensor => {
      if (!s) return zeros([x._shape[0], this.hidden_size], { dtype: input.dtype, device: input.device });
      const s2 = batched ? s : s.unsqueeze(0);
      if (s2.ndim !== 2 || s2._shape[0] !== x._shape[0] || s2._shape[1] !== this.hidden_size)
        throw new RuntimeError(`hidden has inconsistent size: got [${s._shape.join(', ')}], expected [${batched ? `${x._shape[0]}, ` : ''}${this.hidden_size}]`);
      return s2;
    };
    const xi = linear(x, this.weight_ih, this.bias_ih ?? null);
    const [h2, c2] = cellStep(this.mode, xi, state(h), this.mode === 'LSTM' ? state(c) : null, this.weight_hh, this.bias_hh ?? null);
    return batched ? [h2, c2] : [h2.squeeze(0), c2 ? c2.squeeze(0) : null];
  }
  extra_repr(): string {
    let s = `${this.input_size}, ${this.hidden_size}`;
    if (this.bias !== true) s += `, bias=${py(this.bias)}`;
    if (this.nonlinearity && this.nonlinearity !== 'tanh') s += `, nonlinearity=${this.nonlinearity}`;
    return s;
  }
}

/** One Elman RNN step: h' = tanh(W_ih x + b_ih + W_hh h + b_hh). @example const cell = nn.RNNCell(3, 20); let h = cell(x); h = cell(x, h) */
export class RNNCell extends RNNCellBase {
  constructor(input_size: number, hidden_size: number, bias?: boolean | ({ bias?: boolean; nonlinearity?: 'tanh' | 'relu' } & FactoryKw), ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super('RNNCell', args);
  }
  forward(input: Tensor, hx?: Tensor | null): Tensor {
    return this._cell(input, hx, null)[0];
  }
}
/** One LSTM step: returns `[h', c']`. @example const cell = nn.LSTMCell(3, 20); let [h, c] = cell(x); [h, c] = cell(x, [h, c]) */
export class LSTMCell extends RNNCellBase {
  constructor(input_size: number, hidden_size: number, bias?: boolean | ({ bias?: boolean } & FactoryKw), ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super('LSTMCell', args);
  }
  forward(input: Tensor, hx?: [Tensor, Tensor] | null): [Tensor, Tensor] {
    const [h, c] = this._cell(input, hx?.[0], hx?.[1]);
    return [h, c!];
  }
}
/** One GRU step: h' = (1 − z) ⊙ n + z ⊙ h. @example const cell = nn.GRUCell(3, 20); let h = cell(x); h = cell(x, h) */
export class GRUCell extends RNNCellBase {
  constructor(input_size: number, hidden_size: number, bias?: boolean | ({ bias?: boolean } & FactoryKw), ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super('GRUCell', args);
  }
  forward(input: Tensor, hx?: Tensor | null): Tensor {
    return this._cell(input, hx, null)[0];
  }
}
