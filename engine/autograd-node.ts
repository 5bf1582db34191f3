// The graph's nodes: `Node` (a grad_fn: its inputs, their edges fixed when it is made, the backward
// closure, the tensors it saved and their versions) and `AccumulateGrad` (where a leaf's gradient
// lands). autograd.ts records them and runs backward through them.
import { RuntimeError } from './errors';
import type { Tensor } from './tensor';

export type BackwardFn = (grad: Tensor) => (Tensor | null | undefined)[];

/** A tensor a backward formula reads, with its version when saved (PyTorch's SavedVariable). */
interface Saved {
  t: Tensor;
  version: number;
  /** The saving node itself for a saved output (PyTorch names it); null for an input, whose grad_fn at the error is named. */
  fn: Node | null;
  /** Whether it was a non-leaf when saved: PyTorch's unpack needs its grad_fn (gone after `detach_()`). */
  nonLeaf: boolean;
}

/** PyTorch's legacy tensor type names by dtype, as its messages print them (`torch.FloatTensor`). */
export const TYPE_NAMES: Record<string, string> = { float32: 'FloatTensor', float64: 'DoubleTensor', int64: 'LongTensor', int32: 'IntTensor', bool: 'BoolTensor', uint8: 'ByteTensor', int8: 'CharTensor', int16: 'ShortTensor' };

/** An edge to a leaf: its gradient accumulates into `.grad` (PyTorch's AccumulateGrad). */
/** An edge to a leaf that requires grad (its AccumulateGrad). */
export const LEAF = 'leaf' as const;

export class Node {
  /** Hooks of the tensor this node produced (null until one is registered: most nodes have none). */
  hooks: ((grad: Tensor) => Tensor | void)[] | null = null;
  retained: Tensor | null = null;
  /** The backward is the learner's code (a custom autograd.Function): it may keep the gradient it is given. */
  _userCode = false;
  /** Tensors the backward formula reads, checked against in-place modification before it runs. */
  saved: Saved[] | null = null;
  /**
   * Where each input's gradient goes, fixed when the node is made, as PyTorch's edges: the input's
   * grad_fn then, LEAF for a leaf that required grad, null for none. An in-place op that later gives
   * an input a new history (`z = y * 2; y.mul_(3)`) must not reroute z's gradient through it.
   */
  readonly edges: (Node | typeof LEAF | null)[];
  constructor(
    /** The PyTorch class name (`AddBackward0`); read it with `name()`, as in PyTorch. */
    public _name: string,
    readonly inputs: readonly Tensor[],
    public backward: BackwardFn | null,
  ) {
    // `_requires_grad`: a view made under no_grad requires grad through its base but has no accumulator (PyTorch's)
    this.edges = inputs.map((t) => (!t ? null : (t.grad_fn ?? (t._requires_grad ? LEAF : null))));
  }
  /** PyTorch's `grad_fn.name()`. @example loss.grad_fn.name() // 'MseLossBackward0' */
  name(): string {
    // PyTorch's CopySlices is a C++ class outside the generated ones: its name() is qualified
    return this._name === 'CopySlices' ? 'torch::autograd::CopySlices' : this._name;
  }
  /** Records the tensors `backward` reads and their versions now. */
  save(tensors: readonly (Tensor | null | undefined)[], output?: Tensor): void {
    for (const t of tensors) if (t) (this.saved ??= []).push({ t, version: t._version, fn: t === output ? this : null, nonLeaf: t.grad_fn !== null });
  }
  /** PyTorch's check: a saved tensor modified in place since would give a wrong gradient. */
  checkSaved(): void {
    if (!this.saved) return;
    for (const s of this.saved) {
      // a saved non-leaf input detached in place since (`z = y * y; y.detach_()`): PyTorch 1.13's unpack asserts
      if (s.nonLeaf && !s.fn && !s.t.grad_fn) throw new RuntimeError('saved_for INTERNAL ASSERT FAILED at "./torch/csrc/autograd/saved_variable.cpp":146, please report a bug to PyTorch. No grad_fn for non-leaf saved tensor');
      if (s.t._version === s.version) continue;
      const desc = `[torch.${TYPE_NAMES[s.t.dtype.name] ?? 'Tensor'} [${s.t._shape.join(', ')}]]`;
      // PyTorch names a saved input's grad_fn as it is now (after `b += 1`, AddBackward0)
      const fn = s.fn ?? s.t.grad_fn;
      throw new RuntimeError(
        `one of the variables needed for gradient computation has been modified by an inplace operation: ${desc}${fn ? `, which is output 0 of ${fn.name()},` : ''} is at version ${s.t._version}; expected version ${s.version} instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).`,
      );
    }
  }
  /** PyTorch's repr without the address, e.g. `<AddBackward0>`. */
  toString(): string {
    return `<${this._name}>`;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
  /**
   * The nodes this one passes gradients to, as PyTorch's `[node, output index]` pairs: an input's
   * grad_fn, an `AccumulateGrad` node for a leaf that requires grad (`.variable` is the leaf), or
   * null for an input outside the graph (a constant).
   * @example loss.grad_fn.next_functions[0][0].name() // 'AddmmBackward0'
   */
  get next_functions(): [Node | AccumulateGrad | null, number][] {
    return this.inputs.map((t, i) => {
      const e = this.edges[i];
      // a split/chunk/unbind output is output i of its node (PyTorch's output_nr)
      return [e === LEAF ? AccumulateGrad.of(t) : e, e !== null && e !== LEAF ? t.output_nr : 0];
    });
  }
}

const ACC = new WeakMap<Tensor, AccumulateGrad>();

/** PyTorch's AccumulateGrad node: where the graph ends at a leaf that requires grad. */
export class AccumulateGrad {
  readonly next_functions: [] = [];
  private constructor(readonly variable: Tensor) {}
  /** One node per leaf, as PyTorch (so `a.next_functions[0][0] === b.next_functions[0][0]` for the same leaf). */
  static of(t: Tensor): AccumulateGrad {
    let n = ACC.get(t);
    if (!n) ACC.set(t, (n = new AccumulateGrad(t)));
    return n;
  }
  name(): string {
    return 'torch::autograd::AccumulateGrad';
  }
  toString(): string {
    return '<AccumulateGrad>';
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}
