// ParameterList and ParameterDict: parameters registered under their positions or names, so a
// model can hold a variable number of them (state_dict keys `0`, `1`, … or the names).
import { AttributeError, KeyError, RuntimeError } from '../errors';
import { Tensor } from '../tensor';
import { Module } from './module';
import { isParameter, Parameter } from './parameter';

/** A plain tensor becomes a Parameter (sharing its data), as PyTorch 2's containers do. */
function asParam(v: Tensor): Tensor {
  if (!(v instanceof Tensor)) throw new TypeError(`ParameterList/ParameterDict hold tensors in Torchlit, got ${typeof v}`);
  return isParameter(v) ? v : new Parameter(v);
}

const TYPE: Record<string, string> = { float32: 'FloatTensor', float64: 'DoubleTensor', int64: 'LongTensor', int32: 'IntTensor', bool: 'BoolTensor', uint8: 'ByteTensor', int8: 'CharTensor', int16: 'ShortTensor' };
/** PyTorch's line for one entry: `(0): Parameter containing: [torch.float32 of size 3x4]`. */
function entryLine(k: string, p: Tensor, typeStyle: boolean): string {
  const dt = typeStyle ? `torch.${TYPE[p.dtype.name]}` : String(p.dtype);
  return `  (${k}): Parameter containing: [${dt} of size ${p._shape.join('x')}]`;
}

/**
 * A list of parameters, registered as `0`, `1`, …: index, iterate, `append`, `extend`.
 * @example const weights = nn.ParameterList([nn.Parameter(torch.randn(3, 3)), nn.Parameter(torch.randn(3))]); weights[1].shape
 */
export class ParameterList extends Module {
  [index: number]: Parameter;
  constructor(values?: Iterable<Tensor> | null) {
    super();
    if (values) this.extend(values);
  }
  get length(): number {
    return this._parameters.size;
  }
  _getitem(idx: number): Parameter {
    const n = this._parameters.size;
    const i = idx < 0 ? idx + n : idx;
    if (!Number.isInteger(i) || i < 0 || i >= n) throw Object.assign(new RangeError(`index ${idx} is out of range`), { name: 'IndexError' });
    return this._parameters.get(String(i)) as Parameter;
  }
  /** The parameter at `idx` (negative counts from the end). */
  at(idx: number): Parameter {
    return this._getitem(idx);
  }
  [Symbol.iterator](): Iterator<Parameter> {
    return ([...this._parameters.values()] as Parameter[])[Symbol.iterator]();
  }
  append(value: Tensor): this {
    this.register_parameter(String(this._parameters.size), asParam(value));
    return this;
  }
  extend(values: Iterable<Tensor>): this {
    for (const v of values) this.append(v);
    return this;
  }
  forward(): never {
    throw new RuntimeError('ParameterList is not callable: index it in your forward()');
  }
  extra_repr(): string {
    return [...this._parameters].map(([k, p]) => entryLine(k, p!, false)).join('\n');
  }
}

/**
 * Parameters by name, in insertion order: `get`, `set`, `keys`, `values`, `items`, `update`, `pop`.
 * @example const scales = nn.ParameterDict({a: nn.Parameter(torch.ones(1)), b: nn.Parameter(torch.zeros(1))}); scales.a
 */
export class ParameterDict extends Module {
  constructor(values?: Record<string, Tensor> | Map<string, Tensor> | [string, Tensor][] | null) {
    super();
    if (values) this.update(values);
  }
  get length(): number {
    return this._parameters.size;
  }
  get(key: string, defaultValue?: Tensor | null): Parameter {
    const p = this._parameters.get(key);
    if (!p) {
      if (defaultValue !== undefined) return defaultValue as Parameter;
      throw new KeyError(key);
    }
    return p as Parameter;
  }
  /** Python's `d[key]` (a cell's `d['w']`): the parameter, or PyTorch's AttributeError for a missing key (JavaScript read undefined). */
  __getitem__(key: string): Parameter {
    const p = this._parameters.get(key);
    if (!p) throw new AttributeError(`'ParameterDict' object has no attribute '${key}'`);
    return p as Parameter;
  }
  set(key: string, value: Tensor): this {
    this.register_parameter(key, asParam(value));
    return this;
  }
  has(key: string): boolean {
    return this._parameters.has(key);
  }
  delete(key: string): boolean {
    return this._parameters.delete(key);
  }
  pop(key: string): Parameter {
    const p = this.get(key);
    this._parameters.delete(key);
    return p;
  }
  clear(): void {
    this._parameters.clear();
  }
  keys(): string[] {
    return [...this._parameters.keys()];
  }
  values(): Parameter[] {
    return [...this._parameters.values()] as Parameter[];
  }
  items(): [string, Parameter][] {
    return [...this._parameters] as [string, Parameter][];
  }
  [Symbol.iterator](): Iterator<string> {
    return this.keys()[Symbol.iterator]();
  }
  update(values: Record<string, Tensor> | Map<string, Tensor> | [string, Tensor][]): this {
    const entries = values instanceof Map ? [...values] : Array.isArray(values) ? values : Object.entries(values);
    for (const [k, v] of entries) this.set(k, v);
    return this;
  }
  forward(): never {
    throw new RuntimeError('ParameterDict is not callable: look parameters up by name in your forward()');
  }
  extra_repr(): string {
    // PyTorch prints the dict's entries with the legacy type names (torch.FloatTensor)
    return [...this._parameters].map(([k, p]) => entryLine(k, p!, true)).join('\n');
  }
}
