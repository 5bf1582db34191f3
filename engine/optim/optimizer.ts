// The Optimizer base: param groups, per-parameter state, zero_grad, state_dict.
// Subclasses implement `_step_group`; every update runs under no_grad, in place.
import { pyFloat } from '../nn/pyrepr';
import { ValueError } from '../errors';
import { pyName } from '../pyname';
import { withGradMode } from '../autograd';
import { float32 } from '../dtype';
import { keep } from '../memory';
import { Tensor } from '../tensor';
import { zeroGradOf } from '../grad';

/** Hyperparameters are numbers, booleans, number pairs (betas) or null. */
export type Hyper = number | boolean | number[] | null;
/** A param group as the user passes it: `{params, lr?, …}`. */
export interface ParamGroupInput {
  params: Iterable<Tensor> | Tensor;
  [hyper: string]: Hyper | Iterable<Tensor> | Tensor | undefined;
}
/** A param group: its parameters and every hyperparameter (defaults filled in). */
export interface ParamGroup {
  params: Tensor[];
  lr: number;
   
  [hyper: string]: any;
}
export type ParamState = Record<string, Tensor | number>;
export type Params = Iterable<Tensor> | ParamGroupInput[];

export interface OptimizerStateDict {
  state: Record<number, Record<string, Tensor | number>>;
  param_groups: Record<string, Hyper | number[]>[];
}

export abstract class Optimizer {
  defaults: Record<string, Hyper>;
  param_groups: ParamGroup[] = [];
  /** Per-parameter state (momentum buffers, Adam moments), keyed by the parameter. */
  state: Map<Tensor, ParamState> = new Map();
  _step_count = 0;

  constructor(params: Params, defaults: Record<string, Hyper>) {
    this.defaults = defaults;
    if (params instanceof Tensor) throw new TypeError(`params argument given to the optimizer should be an iterable of Tensors or dicts, but got ${String(params.type())}`);
    // `optim.Adam(model)` (the module, not model.parameters()): Python's words for a non-iterable
    if (params === null || params === undefined || typeof (params as Iterable<unknown>)[Symbol.iterator] !== 'function') {
      const what = params === null || params === undefined ? 'NoneType' : typeof params === 'number' ? (Number.isInteger(params) ? 'int' : 'float') : pyName(params as object);
      throw new TypeError(`'${what}' object is not iterable`);
    }
    const list = [...(params as Iterable<Tensor | ParamGroupInput>)];
    if (!list.length) throw new ValueError('optimizer got an empty parameter list');
    const groups = list[0] instanceof Tensor ? [{ params: list as Tensor[] }] : (list as ParamGroupInput[]);
    for (const g of groups) this.add_param_group(g);
  }

  /** Adds a group of parameters with its own hyperparameters (the rest from the defaults). */
  add_param_group(group: ParamGroupInput): void {
    const ps = group.params instanceof Tensor ? [group.params] : [...(group.params as Iterable<Tensor>)];
    for (const p of ps) {
      if (!(p instanceof Tensor)) throw new TypeError(`optimizer can only optimize Tensors, but one of the params is ${typeof p}`);
      if (!p.is_leaf) throw new ValueError("can't optimize a non-leaf Tensor");
    }
    const g = { params: ps } as ParamGroup;
    for (const [k, v] of Object.entries(group)) if (k !== 'params' && v !== undefined) g[k] = v;
    for (const [k, v] of Object.entries(this.defaults)) {
      if (!(k in g)) {
        if (v === REQUIRED) throw new ValueError(`parameter group didn't specify a value of required optimization parameter ${k}`);
        g[k] = v;
      }
    }
    const seen = new Set(this.param_groups.flatMap((x) => x.params));
    if (ps.some((p) => seen.has(p))) throw new ValueError('some parameters appear in more than one parameter group');
    this.param_groups.push(g);
  }

  /** Resets gradients: to null (the default, as PyTorch 2) or to zeros with `{set_to_none: false}`. */
  zero_grad(set_to_none: boolean | { set_to_none?: boolean } = true): void {
    const toNone = typeof set_to_none === 'boolean' ? set_to_none : set_to_none.set_to_none ?? true;
    for (const g of this.param_groups)
      for (const p of g.params) {
        zeroGradOf(p, toNone);
      }
  }

  /** One update of every parameter with a gradient. `closure` re-evaluates the loss (returned). */
  step(closure?: () => Tensor): Tensor | undefined {
    const loss = closure ? withGradMode(true, closure) : undefined;
    withGradMode(false, () => {
      for (const g of this.param_groups) this._step_group(g);
    });
    this._step_count++;
    return loss;
  }
  abstract _step_group(group: ParamGroup): void;

  /** State for `p`, created on first use. */
  _state(p: Tensor): ParamState {
    let s = this.state.get(p);
    if (!s) this.state.set(p, (s = {}));
    return s;
  }

  /** `{state, param_groups}` with parameters as indices, as PyTorch. */
  state_dict(): OptimizerStateDict {
    const index = new Map<Tensor, number>();
    let i = 0;
    const param_groups = this.param_groups.map((g) => {
      const packed: Record<string, Hyper | number[]> = {};
      for (const [k, v] of Object.entries(g)) if (k !== 'params') packed[k] = v as Hyper;
      packed.params = g.params.map((p) => {
        if (!index.has(p)) index.set(p, i++);
        return index.get(p)!;
      });
      return packed;
    });
    const state: Record<number, Record<string, Tensor | number>> = {};
    for (const [p, s] of this.state) {
      const id = index.get(p);
      if (id === undefined) continue;
      state[id] = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, k === 'step' && typeof v === 'number' ? Tensor._fromData(new Float32Array([v]), [], float32) : v]));
    }
    return { state, param_groups };
  }

  load_state_dict(sd: OptimizerStateDict): void {
    if (sd.param_groups.length !== this.param_groups.length) throw new ValueError('loaded state dict has a different number of parameter groups');
    sd.param_groups.forEach((g, gi) => {
      if ((g.params as number[]).length !== this.param_groups[gi].params.length)
        throw new ValueError("loaded state dict contains a parameter group that doesn't match the size of optimizer's group");
    });
    const byId = new Map<number, Tensor>();
    sd.param_groups.forEach((g, gi) => (g.params as number[]).forEach((id, k) => byId.set(id, this.param_groups[gi].params[k])));
    this.state = new Map();
    for (const [id, s] of Object.entries(sd.state)) {
      const p = byId.get(Number(id));
      if (!p) continue;
      const st: ParamState = {};
      for (const [k, v] of Object.entries(s)) {
        if (k === 'step') st[k] = v instanceof Tensor ? Number(v.cpu().cpu_item()) : v;
        else if (v instanceof Tensor) st[k] = keep(v.detach().to({ device: p.device, dtype: p.dtype }).clone());
        else st[k] = v;
      }
      this.state.set(p, st);
    }
    sd.param_groups.forEach((g, gi) => {
      for (const [k, v] of Object.entries(g)) if (k !== 'params') this.param_groups[gi][k] = v;
    });
  }

  toString(): string {
    let s = pyName(this) + ' (';
    this.param_groups.forEach((g, i) => {
      s += `\nParameter Group ${i}`;
      for (const k of Object.keys(g).filter((k) => k !== 'params').sort()) s += `\n    ${k}: ${fmt(g[k])}`;
    });
    return s + '\n)';
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

function fmt(v: unknown): string {
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (v === null) return 'None';
  // Python's repr of a float (eps 1e-08, not JavaScript's 1e-8); whole numbers print as Python ints
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : pyFloat(v);
  if (Array.isArray(v)) return `(${v.map(fmt).join(', ')})`;
  return String(v);
}

/** Marks a hyperparameter that has no default (SGD's lr in PyTorch 1.x). */
export const REQUIRED = -Infinity;

/** A zero tensor like `p` (as PyTorch's torch.zeros_like: zero even where p holds inf or NaN), kept across `tidy`. */
export function zerosLike(p: Tensor): Tensor {
  return keep(p.detach().clone().zero_());
}
