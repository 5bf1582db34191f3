// Recurrent layers: RNN, LSTM, GRU (multi-layer, bidirectional, batch_first, dropout between
// layers) and their one-step cells. Built from public ops (one matmul for the input projection
// of the whole sequence, then one per time step), so autograd and every backend come free.
// Parameter names and shapes are PyTorch's (`weight_ih_l0`, `bias_hh_l1_reverse`, …), so a
// PyTorch state_dict loads as is; gates are in PyTorch's order (LSTM i, f, g, o; GRU r, z, n).
import { RuntimeError, ValueError } from '../errors';
import { warn } from '../warnings';
import { parseArgs } from '../args';
import { zeros } from '../ops/creation';
import { cat, stack } from '../ops/join';
import { linear } from '../ops/matmul';
import type { Tensor } from '../tensor';
import { dropout } from './functional';
import * as init from './init';
import { emptyParam, placeModule, type FactoryKw } from './linear';
import { Module } from './module';
import type { Parameter } from './parameter';
import { py } from './pyrepr';

export type Mode = 'RNN_TANH' | 'RNN_RELU' | 'LSTM' | 'GRU';
export const GATES: Record<Mode, number> = { RNN_TANH: 1, RNN_RELU: 1, LSTM: 4, GRU: 3 };
type State = Tensor | [Tensor, Tensor];

/** One time step of the cell: input projection `xi` (W_ih·x + b_ih) and the previous state → the new state. */
export function cellStep(mode: Mode, xi: Tensor, h: Tensor, c: Tensor | null, w_hh: Tensor, b_hh: Tensor | null): [Tensor, Tensor | null] {
  const hh = linear(h, w_hh, b_hh);
  const H = h._shape[h.ndim - 1];
  const gate = (t: Tensor, k: number) => t.narrow(-1, k * H, H);
  if (mode === 'RNN_TANH') return [xi.add(hh).tanh(), null];
  if (mode === 'RNN_RELU') return [xi.add(hh).relu(), null];
  if (mode === 'LSTM') {
    const g = xi.add(hh);
    const i = gate(g, 0).sigmoid(), f = gate(g, 1).sigmoid(), cand = gate(g, 2).tanh(), o = gate(g, 3).sigmoid();
    const c2 = f.mul(c!).add(i.mul(cand));
    return [o.mul(c2.tanh()), c2];
  }
  // GRU: n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)); h' = (1 − z) ⊙ n + z ⊙ h
  const r = gate(xi, 0).add(gate(hh, 0)).sigmoid();
  const z = gate(xi, 1).add(gate(hh, 1)).sigmoid();
  const n = gate(xi, 2).add(r.mul(gate(hh, 2))).tanh();
  return [n.add(z.mul(h.sub(n))), null];
}

interface RNNOptions extends FactoryKw {
  num_layers?: number;
  nonlinearity?: 'tanh' | 'relu';
  bias?: boolean;
  batch_first?: boolean;
  dropout?: number;
  bidirectional?: boolean;
  proj_size?: number;
}

/** The multi-layer recurrent layers' shared machinery (PyTorch's RNNBase). */
export abstract class RNNBase extends Module {
  /** The parameters by PyTorch's names: `rnn.weight_ih_l0`, `rnn.bias_hh_l1_reverse`, … */
  [param: `weight_${string}` | `bias_${string}`]: Parameter;
  mode: Mode;
  input_size: number;
  hidden_size: number;
  num_layers: number;
  bias: boolean;
  batch_first: boolean;
  dropout: number;
  bidirectional: boolean;
  proj_size: number;
  nonlinearity?: 'tanh' | 'relu';

  constructor(name: string, args: unknown[]) {
    super();
    const isRNN = name === 'RNN';
    // RNN takes nonlinearity as its 4th positional argument (PyTorch 2), LSTM/GRU do not have it
    const names = ['input_size', 'hidden_size', 'num_layers', ...(isRNN ? ['nonlinearity'] : []), 'bias', 'batch_first', 'dropout', 'bidirectional', ...(isRNN ? [] : ['proj_size']), 'device', 'dtype'];
    const o = parseArgs<{ input_size: number; hidden_size: number } & Required<Omit<RNNOptions, 'device' | 'dtype'>> & FactoryKw>(name, args, names,
      { num_layers: 1, nonlinearity: 'tanh', bias: true, batch_first: false, dropout: 0, bidirectional: false, proj_size: 0 });
    if (!Number.isInteger(o.hidden_size) || o.hidden_size <= 0) throw new ValueError('hidden_size must be greater than zero');
    if (!Number.isInteger(o.num_layers) || o.num_layers <= 0) throw new ValueError('num_layers must be greater than zero');
    if (typeof o.dropout !== 'number' || o.dropout < 0 || o.dropout > 1)
      throw new ValueError('dropout should be a number in range [0, 1] representing the probability of an element being zeroed');
    if (o.dropout > 0 && o.num_layers === 1)
      warn(`dropout option adds dropout after all but last recurrent layer, so non-zero dropout expects num_layers greater than 1, but got dropout=${o.dropout} and num_layers=${o.num_layers}`);
    if (o.proj_size) throw new RuntimeError(`${name}: proj_size is not supported in Torchlit`);
    if (isRNN && o.nonlinearity !== 'tanh' && o.nonlinearity !== 'relu') throw new ValueError(`Unknown nonlinearity '${o.nonlinearity}'. Select from 'tanh' or 'relu'.`);
    this.mode = isRNN ? (o.nonlinearity === 'relu' ? 'RNN_RELU' : 'RNN_TANH') : (name as Mode);
    if (isRNN) this.nonlinearity = o.nonlinearity;
    this.input_size = o.input_size;
    this.hidden_size = o.hidden_size;
    this.num_layers = o.num_layers;
    this.bias = o.bias;
    this.batch_first = o.batch_first;
    this.dropout = o.dropout;
    this.bidirectional = o.bidirectional;
    this.proj_size = 0;
    const G = GATES[this.mode] * o.hidden_size, D = o.bidirectional ? 2 : 1;
    const target = this as unknown as Record<string, Parameter>;
    for (let layer = 0; layer < o.num_layers; layer++)
      for (let d = 0; d < D; d++) {
        const sfx = `_l${layer}${d === 1 ? '_reverse' : ''}`;
        const inSize = layer === 0 ? o.input_size : o.hidden_size * D;
        target[`weight_ih${sfx}`] = emptyParam([G, inSize], o);
        target[`weight_hh${sfx}`] = emptyParam([G, o.hidden_size], o);
        if (o.bias) {
          target[`bias_ih${sfx}`] = emptyParam([G], o);
          target[`bias_hh${sfx}`] = emptyParam([G], o);
        }
      }
    this.reset_parameters();
    placeModule(this, o);
  }
  /** Every weight and bias ~ U(−1/√hidden_size, 1/√hidden_size), as PyTorch. */
  reset_parameters(): void {
    const s = 1 / Math.sqrt(this.hidden_size);
    for (const p of this.parameters()) init.uniform_(p, -s, s);
  }
  /** A no-op (cuDNN's weight packing has no counterpart here); kept so PyTorch code runs. */
  flatten_parameters(): void {}
  /** The parameters per layer and direction: `[[weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0], …]`. */
  get all_weights(): Parameter[][] {
    const D = this.bidirectional ? 2 : 1;
    const p = this as unknown as Record<string, Parameter | undefined>;
    const out: Parameter[][] = [];
    for (let layer = 0; layer < this.num_layers; layer++)
      for (let d = 0; d < D; d++) {
        const sfx = `_l${layer}${d === 1 ? '_reverse' : ''}`;
        out.push(['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh'].map((n) => p[n + sfx]).filter((w): w is Parameter => !!w));
      }
    return out;
  }

  /** Runs the sequence; `hx` defaults to zeros. Returns `[output, h_n]` (LSTM: `[output, [h_n, c_n]]`). */
  _run(input: Tensor, hx: State | null | undefined): [Tensor, State] {
    const name = this._get_name();
    if (input.ndim !== 2 && input.ndim !== 3) throw new RuntimeError(`${name}: Expected input to be 2D or 3D, got ${input.ndim}D tensor instead`);
    const batched = input.ndim === 3;
    let x = batched ? (this.batch_first ? input.transpose(0, 1) : input) : input.unsqueeze(1); // [T, B, F]
    if (x._shape[2] !== this.input_size) throw new RuntimeError(`input.size(-1) must be equal to input_size. Expected ${this.input_size}, got ${x._shape[2]}`);
    const D = this.bidirectional ? 2 : 1, L = this.num_layers, B = x._shape[1], H = this.hidden_size, T = x._shape[0];
    const want = [L * D, B, H];
    const isLSTM = this.mode === 'LSTM';
    // PyTorch names LSTM's two states: 'Expected hidden[0] size …' (h_0), 'hidden[1]' (c_0)
    const prep = (s: Tensor | undefined, which = ''): Tensor => {
      if (!s) return zeros(want, { dtype: input.dtype, device: input.device });
      if (s.ndim !== (batched ? 3 : 2))
        throw new RuntimeError(`For ${batched ? 'batched' : 'unbatched'} ${batched ? 3 : 2}-D input, hx should also be ${batched ? 3 : 2}-D but got ${s.ndim}-D tensor`);
      const s3 = batched ? s : s.unsqueeze(1);
      if (s3._shape.join() !== want.join()) throw new RuntimeError(`Expected hidden${which} size (${want.join(', ')}), got [${s3._shape.join(', ')}]`);
      return s3;
    };
    if (isLSTM && hx && !Array.isArray(hx)) throw new TypeError('LSTM: hx must be a pair [h_0, c_0]');
    if (isLSTM && hx) {
      // PyTorch checks h_0 and c_0 together: `… hx and cx should also be 2-D but got (3-D, 2-D) tensors`
      const [h, c] = hx as [Tensor, Tensor], want = batched ? 3 : 2;
      if (h?.ndim !== want || c?.ndim !== want)
        throw new RuntimeError(`For ${batched ? 'batched' : 'unbatched'} ${want}-D input, hx and cx should also be ${want}-D but got (${h?.ndim}-D, ${c?.ndim}-D) tensors`);
    }
    const h0 = prep(isLSTM ? (hx as [Tensor, Tensor] | null)?.[0] : (hx as Tensor | null) ?? undefined, isLSTM ? '[0]' : '');
    const c0 = isLSTM ? prep((hx as [Tensor, Tensor] | null)?.[1], '[1]') : null;
    const hn: Tensor[] = [], cn: Tensor[] = [];
    const p = this as unknown as Record<string, Tensor | undefined>;
    for (let layer = 0; layer < L; layer++) {
      const outs: Tensor[] = [];
      for (let d = 0; d < D; d++) {
        const sfx = `_l${layer}${d === 1 ? '_reverse' : ''}`;
        const xi = linear(x, p[`weight_ih${sfx}`]!, p[`bias_ih${sfx}`] ?? null); // [T, B, G·H], all steps at once
        let h = h0.select(0, layer * D + d);
        let c = c0 ? c0.select(0, layer * D + d) : null;
        const steps: Tensor[] = new Array<Tensor>(T);
        for (let k = 0; k < T; k++) {
          const t = d === 0 ? k : T - 1 - k;
          [h, c] = cellStep(this.mode, xi.select(0, t), h, c, p[`weight_hh${sfx}`]!, p[`bias_hh${sfx}`] ?? null);
          steps[t] = h;
        }
        outs.push(stack(steps, 0));
        hn.push(h);
        if (c) cn.push(c);
      }
      x = D === 2 ? cat(outs, 2) : outs[0];
      if (this.dropout > 0 && this.training && layer < L - 1) x = dropout(x, this.dropout, true);
    }
    const out = batched ? (this.batch_first ? x.transpose(0, 1) : x) : x.squeeze(1);
    // ATen's RNN/GRU transpose their batch_first output in place (`transpose_`: TransposeBackward1); LSTM's is a
    // plain transpose (TransposeBackward0), in 1.13 and 2.x alike
    if (batched && this.batch_first && !isLSTM && out.grad_fn) out.grad_fn._name = 'TransposeBackward1';
    let h_n = stack(hn, 0), c_n = isLSTM ? stack(cn, 0) : null;
    if (!batched) {
      h_n = h_n.squeeze(1);
      c_n = c_n ? c_n.squeeze(1) : null;
    }
    return [out, isLSTM ? [h_n, c_n!] : h_n];
  }
  extra_repr(): string {
    let s = `${this.input_size}, ${this.hidden_size}`;
    if (this.num_layers !== 1) s += `, num_layers=${this.num_layers}`;
    if (this.bias !== true) s += `, bias=${py(this.bias)}`;
    if (this.batch_first !== false) s += `, batch_first=${py(this.batch_first)}`;
    if (this.dropout !== 0) s += `, dropout=${py(this.dropout)}`;
    if (this.bidirectional !== false) s += `, bidirectional=${py(this.bidirectional)}`;
    return s;
  }
}

/**
 * Elman RNN: h_t = tanh(W_ih x_t + b_ih + W_hh h_(t−1) + b_hh) (or relu). Input [T, B, F] ([B, T, F] with batch_first).
 * @example const rnn = nn.RNN(3, 20, 2); const [output, h_n] = rnn(x)
 */
export class RNN extends RNNBase {
  constructor(input_size: number, hidden_size: number, num_layers?: number | RNNOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super('RNN', args);
  }
  forward(input: Tensor, hx?: Tensor | null): [Tensor, Tensor] {
    return this._run(input, hx) as [Tensor, Tensor];
  }
}

/**
 * Long short-term memory. Returns `[output, [h_n, c_n]]`; `hx` is `[h_0, c_0]`.
 * @example const lstm = nn.LSTM(3, 20, {batch_first: true}); const [out, [h, c]] = lstm(x.unsqueeze(0))
 */
export class LSTM extends RNNBase {
  constructor(input_size: number, hidden_size: number, num_layers?: number | Omit<RNNOptions, 'nonlinearity'>, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super('LSTM', args);
  }
  forward(input: Tensor, hx?: [Tensor, Tensor] | null): [Tensor, [Tensor, Tensor]] {
    return this._run(input, hx) as [Tensor, [Tensor, Tensor]];
  }
}

/**
 * Gated recurrent unit. Returns `[output, h_n]`.
 * @example const gru = nn.GRU(3, 20, {num_layers: 2, bidirectional: true}); const [out, h_n] = gru(x)
 */
export class GRU extends RNNBase {
  constructor(input_size: number, hidden_size: number, num_layers?: number | Omit<RNNOptions, 'nonlinearity'>, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super('GRU', args);
  }
  forward(input: Tensor, hx?: Tensor | null): [Tensor, Tensor] {
    return this._run(input, hx) as [Tensor, Tensor];
  }
}
