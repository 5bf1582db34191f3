// A tiny stand-in for the engine, PyTorch-named, for the kernel's unit tests: they test the
// kernel (scope, operators, output, errors), not the engine, and must not wait for it.
import type { Engine } from './engine-types';

export class FakeTensor {
  requires_grad = false;
  grad: FakeTensor | null = null;
  grad_fn: { name: string } | null = null;
  _isParam = false;
  constructor(
    readonly values: number[],
    readonly shape: number[] = [values.length],
  ) {}
  get dtype() {
    return { name: 'float32', toString: () => 'torch.float32' };
  }
  get device() {
    return { type: 'cpu', toString: () => 'cpu' };
  }
  numel(): number {
    return this.values.length;
  }
  private zip(o: unknown, f: (a: number, b: number) => number, name: string): FakeTensor {
    const ov = o instanceof FakeTensor ? o.values : null;
    const out = new FakeTensor(
      this.values.map((v, i) => f(v, ov ? ov[ov.length === 1 ? 0 : i] : (o as number))),
      this.shape,
    );
    if (this.requires_grad || (o instanceof FakeTensor && o.requires_grad)) {
      out.requires_grad = true;
      out.grad_fn = { name };
    }
    return out;
  }
  add(o: unknown) {
    return this.zip(o, (a, b) => a + b, 'AddBackward0');
  }
  sub(o: unknown) {
    return this.zip(o, (a, b) => a - b, 'SubBackward0');
  }
  mul(o: unknown) {
    return this.zip(o, (a, b) => a * b, 'MulBackward0');
  }
  div(o: unknown) {
    return this.zip(o, (a, b) => a / b, 'DivBackward0');
  }
  pow(o: unknown) {
    return this.zip(o, (a, b) => a ** b, 'PowBackward0');
  }
  remainder(o: unknown) {
    return this.zip(o, (a, b) => a - b * Math.floor(a / b), 'RemainderBackward0');
  }
  neg() {
    return this.zip(0, (a) => -a, 'NegBackward0');
  }
  reciprocal() {
    return this.zip(0, (a) => 1 / a, 'ReciprocalBackward0');
  }
  sub_(o: unknown) {
    const r = this.sub(o);
    this.values.splice(0, this.values.length, ...r.values);
    return this;
  }
  add_(o: unknown) {
    const r = this.add(o);
    this.values.splice(0, this.values.length, ...r.values);
    return this;
  }
  async data(): Promise<Float32Array> {
    await new Promise((r) => setTimeout(r, 5)); // readback is async, and slower than a print
    return Float32Array.from(this.values);
  }
  toString(): string {
    const body = `[${this.values.map((v) => (Number.isInteger(v) ? `${v}.` : String(v))).join(', ')}]`;
    return `tensor(${body}${this.requires_grad ? ', requires_grad=True' : ''})`;
  }
  [Symbol.toPrimitive](hint: string): string {
    if (hint === 'string') return this.toString();
    throw new TypeError('a Tensor cannot be used with JS arithmetic operators here');
  }
}

class Module {
  _parameters: Record<string, FakeTensor> = {};
  _modules: Record<string, Module> = {};
  named_children(): [string, Module][] {
    return Object.entries(this._modules);
  }
  named_parameters(): [string, FakeTensor][] {
    const own = Object.entries(this._parameters);
    return [...own, ...this.named_children().flatMap(([n, c]) => c.named_parameters().map(([k, t]) => [`${n}.${k}`, t] as [string, FakeTensor]))];
  }
  parameters(): FakeTensor[] {
    return this.named_parameters().map(([, t]) => t);
  }
  extra_repr(): string {
    return '';
  }
  toString(): string {
    return `${this.constructor.name}()`;
  }
}

class Linear extends Module {
  constructor(
    readonly in_features: number,
    readonly out_features: number,
  ) {
    super();
    const w = param(new Array(in_features * out_features).fill(0.5), [out_features, in_features]);
    const b = param(new Array(out_features).fill(0), [out_features]);
    this._parameters = { weight: w, bias: b };
  }
  extra_repr(): string {
    return `in_features=${this.in_features}, out_features=${this.out_features}, bias=True`;
  }
}

class Sequential extends Module {
  constructor(...mods: Module[]) {
    super();
    mods.forEach((m, i) => (this._modules[String(i)] = m));
  }
}

function param(values: number[], shape: number[]): FakeTensor {
  const p = new FakeTensor(values, shape);
  p.requires_grad = true;
  p._isParam = true;
  return p;
}

export const fakeEngine = {
  torch: {
    Tensor: FakeTensor,
    tensor: (v: number[] | number, o: { requires_grad?: boolean } = {}) => {
      const t = new FakeTensor(Array.isArray(v) ? v : [v], Array.isArray(v) ? [v.length] : []);
      t.requires_grad = !!o.requires_grad;
      return t;
    },
    set_default_device: (_d: string) => {},
    _set_interrupt_check: (_fn: () => boolean) => {},
    webgpu: {
      is_available: () => false,
      unavailable_reason: () => 'no WebGPU in the unit tests',
      init: async () => false,
      stats: () => ({ submits: 0, dispatches: 0, uploads: 0, bufferAllocations: 0, bufferReuses: 0 }),
      synchronize: async () => {},
    },
    nn: {} as Record<string, unknown>,
  },
  nn: { Linear, Sequential, Module },
  F: {},
  optim: { SGD: class SGD {} },
  models: {},
  datasets: { transforms: {} },
  utils: { data: {} },
};
fakeEngine.torch.nn = fakeEngine.nn;

/** The stand-in typed as the engine, for `new KernelRuntime({ engine: … })`. */
export const fakeEngineTyped = fakeEngine as unknown as Engine;
