// The autograd tape, micrograd-style: every differentiable op gives its output a `grad_fn`
// Node that knows its inputs and how to turn the output's gradient into theirs.
// `backward()` sorts the graph topologically and walks it in reverse, accumulating.
import { NotImplementedError, RuntimeError } from './errors';
import type { Tensor } from './tensor';
import { state } from './state';
import { lastStorageSerial, POOL_MIN_BYTES, recycleStorage } from './storage';
import { LEAF, Node, type BackwardFn } from './autograd-node';

export { AccumulateGrad, Node, TYPE_NAMES, type BackwardFn } from './autograd-node';

let gradEnabled = true;
export const isGradEnabled = (): boolean => gradEnabled;
export function setGradEnabled(v: boolean): void {
  gradEnabled = v;
}

/** Runs `fn` with gradient recording switched to `enabled`; works for sync and async functions. */
export function withGradMode<T>(enabled: boolean, fn: () => T): T {
  const prev = gradEnabled;
  gradEnabled = enabled;
  let r: T;
  try {
    r = fn();
  } catch (e) {
    gradEnabled = prev;
    throw e;
  }
  if (r instanceof Promise) return r.finally(() => (gradEnabled = prev)) as T;
  gradEnabled = prev;
  return r;
}

/** Whether an op over these inputs must be recorded. */
export function needsGrad(...inputs: (Tensor | number | null | undefined)[]): boolean {
  if (!gradEnabled) return false;
  for (const t of inputs) if (t && typeof t === 'object' && t.requires_grad) return true;
  return false;
}

/**
 * Attaches a grad_fn to `out` when any input requires grad. Returns `out`. `saved` lists the
 * tensors `backward` reads (inputs, or `out` itself), as PyTorch's formula for the op saves them:
 * modifying one in place before `backward()` is then an error instead of a wrong gradient.
 */
export function record(out: Tensor, name: string, inputs: Tensor[], backward: BackwardFn, saved?: readonly (Tensor | null | undefined)[]): Tensor {
  if (!gradEnabled) return out;
  let any = false;
  for (let i = 0; i < inputs.length && !any; i++) any = !!inputs[i] && inputs[i].requires_grad;
  if (!any) return out;
  out.grad_fn = new Node(name, inputs, backward);
  if (saved) out.grad_fn.save(saved, out);
  out._requires_grad = true;
  return out;
}

/**
 * An op PyTorch runs as one fused kernel with one backward node (`MseLossBackward0`,
 * `NllLossBackward0`, …) that Torchlit composes from public ops: `f` runs on stand-ins of the
 * inputs that require grad, and the result gets a single node named `name` whose backward
 * differentiates that inner graph. So `grad_fn.name()` and `next_functions` read as PyTorch's.
 * With `create_graph`, backward recomputes `f` on the real inputs so a second derivative reaches them.
 */
export function fused(name: string, inputs: readonly (Tensor | null | undefined)[], f: (...xs: (Tensor | null | undefined)[]) => Tensor): Tensor {
  const present = inputs.filter((t): t is Tensor => !!t);
  if (!needsGrad(...present)) return f(...inputs);
  const diff = present.filter((t) => t.requires_grad);
  const stand = new Map<Tensor, Tensor>(diff.map((t) => [t, t.detach().requires_grad_(true)]));
  const inner = f(...inputs.map((t) => (t ? (stand.get(t) ?? t) : t)));
  const out = inner.detach();
  return record(out, name, diff, (g) => {
    if (gradEnabled) {
      const again = withGradMode(true, () => f(...inputs));
      return grad([again], diff, [g], { create_graph: true, allow_unused: true });
    }
    return grad([inner], diff.map((t) => stand.get(t)!), [g], { retain_graph: true, allow_unused: true });
  });
}

/**
 * A tensor hook's answer: a tensor replaces the gradient; anything else (Python's None, and what a JS
 * arrow returns by accident, `(g) => seen.push(g)`'s length) leaves it. A number once became the gradient.
 */
function hookResult(r: unknown, g: Tensor): Tensor {
  return r !== null && typeof r === 'object' && typeof (r as Tensor).add === 'function' && 'grad_fn' in r ? (r as Tensor) : g;
}

function topoSort(roots: Node[]): Node[] {
  const order: Node[] = [];
  const seen = new Set<Node>();
  // Iterative DFS: deep graphs (long training unrolls) must not overflow the JS stack. Two
  // parallel stacks (node, next input to visit), not a [node, i] pair per node.
  const nodes: Node[] = [], next: number[] = [];
  for (const root of roots) {
    if (seen.has(root)) continue;
    seen.add(root);
    nodes.push(root);
    next.push(0);
    while (nodes.length) {
      const top = nodes.length - 1, node = nodes[top], i = next[top];
      if (i < node.inputs.length) {
        next[top] = i + 1;
        const n = node.edges[i];
        if (n && n !== LEAF && !seen.has(n)) {
          seen.add(n);
          nodes.push(n);
          next.push(0);
        }
      } else {
        order.push(node);
        nodes.pop();
        next.pop();
      }
    }
  }
  return order.reverse();
}

/**
 * The nodes whose PyTorch formula saves no tensor (only sizes or scalars), so a second `backward()`
 * through them without `retain_graph` works in PyTorch (`y = (x + 1).sum(); y.backward(); y.backward()`);
 * checked against torch 1.13 one by one.
 */
const SAVES_NOTHING = new Set([
  'AddBackward0', 'AddBackward1', 'SubBackward0', 'SubBackward1', 'RsubBackward0', 'RsubBackward1', 'NegBackward0',
  'SumBackward0', 'SumBackward1', 'MeanBackward0', 'ViewBackward0', 'ReshapeAliasBackward0', 'UnsafeViewBackward0',
  'AliasBackward0', 'UnsqueezeBackward0', 'SqueezeBackward0', 'SqueezeBackward1', 'TBackward0', 'TransposeBackward0',
  'PermuteBackward0', 'ExpandBackward0', 'CloneBackward0', 'CatBackward0', 'StackBackward0', 'SelectBackward0',
  'SliceBackward0', 'ToCopyBackward0', 'SplitBackward0', 'UnbindBackward0', 'RepeatBackward0', 'FlipBackward0',
  'RollBackward0', 'ConstantPadNdBackward0', 'DiagonalBackward0', 'TraceBackward0', 'CumsumBackward0',
]);

interface RunOptions {
  retain_graph: boolean;
  create_graph: boolean;
  /** When given, gradients of these tensors are returned instead of accumulated into leaves. */
  capture?: Tensor[];
}

/** One backward pass's state (module-level helpers instead of closures: the bundles keep names, and a closure per call cost an Object.defineProperty). */
interface Pass {
  opts: RunOptions;
  pending: Map<Node, Tensor>;
  captured: Map<Tensor, Tensor>;
  captureSet: Set<Tensor>;
  /** Storages made after this serial were made by this pass (-1: recycle nothing in this pass). */
  serial0: number;
  /** Storages of gradients that something outside the pass may hold (a hook, a retained grad). */
  escaped: Set<unknown> | null;
}

/**
 * After `node` ran: the gradient it was given is dead when this pass made it, the node's code is
 * the engine's, nothing outside the pass was shown it (hooks, retain_grad), and neither the node's
 * results nor another pending gradient share its storage. Then its array is reused for the next
 * allocation of its size (storage.ts, `recycleStorage`): a training step's backward and the next
 * forward make the same sizes again without touching fresh memory.
 */
function recycleDeadGrad(p: Pass, node: Node, g: Tensor, inGrads: readonly (Tensor | null | undefined)[]): void {
  const s = g._storage;
  if (!s._owned || s.serial <= p.serial0 || node._userCode || p.escaped?.has(s)) return;
  for (const ig of inGrads) if (ig && ig._storage === s) return;
  if (p.pending.size > 64) return;
  for (const other of p.pending.values()) if (other._storage === s) return;
  recycleStorage(s);
}

/** `fn`: where the gradient goes (the edge's node; null for a leaf), the tensor's grad_fn for a root. */
function accumulate(p: Pass, t: Tensor, g: Tensor, fn: Node | null = t.grad_fn): void {
  if (!fn && t._leafHooks) {
    (p.escaped ??= new Set()).add(g._storage);
    for (const h of t._leafHooks) g = hookResult(h(g), g);
  }
  if (p.captureSet.has(t)) {
    const prev = p.captured.get(t);
    p.captured.set(t, prev ? prev.add(g) : g);
    if (!fn) return;
  }
  if (fn) {
    const prev = p.pending.get(fn);
    p.pending.set(fn, prev ? prev.add(g) : g);
  } else if (t._requires_grad && !p.opts.capture) {
    // with create_graph the gradient keeps its graph (PyTorch: x.grad has grad_fn=<CopyBackwards>, and
    // x.grad.backward() differentiates again); otherwise it is a plain tensor
    const gd = p.opts.create_graph ? g : g.detach();
    const prev = t.grad;
    if (prev && !p.opts.create_graph && sameLayout(prev, t)) {
      // as PyTorch's AccumulateGrad: into the existing .grad in place (no new buffer per step;
      // a reference to it sees the sum, as in PyTorch)
      const was = gradEnabled;
      gradEnabled = false;
      try {
        prev.add_(gd);
      } finally {
        gradEnabled = was;
      }
    } else {
      // a fresh copy: the same gradient tensor may flow to several leaves, and users mutate .grad in place
      const ng = prev ? prev.add(gd) : gd.clone();
      ng._storage.keep = true;
      t._grad = ng;
    }
  }
}

function runBackward(outputs: Tensor[], grads: Tensor[], opts: RunOptions): (Tensor | null)[] {
  // gradients are recycled only where no one can see them: not into a new graph, not captured
  const serial0 = opts.create_graph || opts.capture ? -1 : lastStorageSerial();
  const pass: Pass = { opts, pending: new Map<Node, Tensor>(), captured: new Map<Tensor, Tensor>(), captureSet: new Set(opts.capture ?? []), serial0, escaped: null };
  const { pending, captured } = pass;
  const roots: Node[] = [];
  const prevMode = gradEnabled;
  gradEnabled = opts.create_graph;
  try {
    for (let i = 0; i < outputs.length; i++) {
      const o = outputs[i];
      if (o.grad_fn) roots.push(o.grad_fn);
      accumulate(pass, o, grads[i]);
    }
    for (const node of topoSort(roots)) {
      let g = pending.get(node);
      pending.delete(node);
      if (!g) continue;
      if (node.hooks || node.retained) (pass.escaped ??= new Set()).add(g._storage);
      if (node.hooks) {
        for (const h of node.hooks) g = hookResult(h(g), g);
        (pass.escaped ??= new Set()).add(g._storage);
      }
      if (node.retained) node.retained._grad = node.retained._grad ? node.retained._grad.add(g.detach()) : g.detach();
      if (!node.backward)
        throw new RuntimeError('Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.');
      node.checkSaved();
      state.backwardNode = node._name;
      let inGrads: (Tensor | null | undefined)[];
      const reattached = inPlaceDetaches ? reattach(node) : null;
      try {
        inGrads = node.backward(g);
      } finally {
        state.backwardNode = null;
        if (reattached) for (const t of reattached) t._requires_grad = false;
      }
      // a node that saves no tensor in PyTorch (AddBackward0, SumBackward0, views, …) can run again
      if (!opts.retain_graph && !SAVES_NOTHING.has(node._name)) node.backward = null;
      for (let i = 0; i < node.inputs.length; i++) {
        const inp = node.inputs[i], ig = inGrads[i], e = node.edges[i];
        // as PyTorch's engine (validate_outputs): a gradient takes its input's dtype (a float32 leaf
        // used with a float64 tensor gets a float32 .grad)
        if (ig && e) accumulate(pass, inp, ig.dtype === inp.dtype ? ig : ig.to(inp.dtype), e === LEAF ? null : e);
      }
      if (serial0 >= 0 && g._storage.nbytes >= POOL_MIN_BYTES) recycleDeadGrad(pass, node, g, inGrads);
    }
  } finally {
    gradEnabled = prevMode;
  }
  return (opts.capture ?? []).map((t) => captured.get(t) ?? null);
}

/** Whether a non-leaf was ever detached in place: only then can a node's input stop requiring grad after the node was made. */
let inPlaceDetaches = false;

/** `y.detach_()` on a non-leaf (tensor.ts): the nodes that already read `y` keep their edges, as PyTorch's. */
export function noteInPlaceDetach(): void {
  inPlaceDetaches = true;
}

/**
 * A node's inputs detached in place after it was made, marked as requiring grad while its backward
 * runs: the formulas compute an input's gradient only when it requires grad, and PyTorch's follow
 * the node's edges (`z = y * 3; y.detach_(); z.sum().backward()` still reaches x through y's old node).
 */
function reattach(node: Node): Tensor[] | null {
  let out: Tensor[] | null = null;
  for (let i = 0; i < node.inputs.length; i++) {
    const t = node.inputs[i], e = node.edges[i];
    if (e instanceof Node && !t.requires_grad) {
      t._requires_grad = true;
      (out ??= []).push(t);
    }
  }
  return out;
}

type BackwardOpts = { gradient?: Tensor | null; retain_graph?: boolean | null; create_graph?: boolean; inputs?: unknown };

/** Python's keyword call as an options object: `{gradient, retain_graph}` alone, or after the gradient. */
function keywordsOf(fn: string, names: readonly string[], o: Record<string, unknown>): void {
  for (const k of Object.keys(o)) if (!names.includes(k)) throw new TypeError(`${fn}() got an unexpected keyword argument '${k}'`);
}
const isKeywords = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

export function backward(t: Tensor, gradient?: Tensor | null | BackwardOpts, opts: BackwardOpts = {}): void {
  // `loss.backward({retain_graph: true})`: the options object in the gradient's place once reached
  // `g.shape.equals` (a TypeError from inside the engine)
  if (isKeywords(gradient)) {
    opts = gradient;
    gradient = opts.gradient;
  }
  keywordsOf('backward', ['gradient', 'retain_graph', 'create_graph', 'inputs'], opts);
  if (opts.inputs != null) throw new NotImplementedError("backward(inputs=...) is not supported in Torchlit; use torch.autograd.grad(outputs, inputs)");
  if (!t.requires_grad) throw new RuntimeError('element 0 of tensors does not require grad and does not have a grad_fn');
  let g = gradient as Tensor | null | undefined;
  if (g == null) {
    if (t.numel() !== 1) throw new RuntimeError('grad can be implicitly created only for scalar outputs');
    g = t._onesLike();
  } else if (!g.shape.equals(t.shape)) {
    throw new RuntimeError(`Mismatch in shape: grad_output[0] has a shape of ${g.shape} and output[0] has a shape of ${t.shape}.`);
  }
  runBackward([t], [g], { retain_graph: opts.retain_graph ?? opts.create_graph ?? false, create_graph: opts.create_graph ?? false });
}

/** `torch.autograd.grad(outputs, inputs, grad_outputs?, {retain_graph, create_graph, allow_unused})`. */
type GradOpts = { outputs?: Tensor | Tensor[]; inputs?: Tensor | Tensor[]; grad_outputs?: Tensor | (Tensor | null)[] | null; retain_graph?: boolean | null;
  create_graph?: boolean; allow_unused?: boolean; only_inputs?: boolean };
const GRAD_KEYWORDS = ['outputs', 'inputs', 'grad_outputs', 'retain_graph', 'create_graph', 'allow_unused', 'only_inputs'];

export function grad(
  outputs: Tensor | Tensor[] | GradOpts,
  inputs?: Tensor | Tensor[] | GradOpts,
  grad_outputs?: Tensor | (Tensor | null)[] | null | GradOpts,
  opts: GradOpts = {},
): (Tensor | null)[] {
  // Python's keywords: `grad(y, x, {create_graph: true})` or all of them by name, as the gradient
  // penalty idiom writes it (`grad({outputs: d, inputs: x, grad_outputs: torch.ones_like(d), create_graph: true})`)
  const args = [outputs, inputs, grad_outputs].filter((a) => a !== undefined);
  const last = args[args.length - 1];
  if (isKeywords(last)) {
    opts = { ...last, ...opts };
    const given = [...args.slice(0, -1), undefined, undefined, undefined] as unknown[];
    outputs = given[0] as Tensor | Tensor[];
    inputs = given[1] as Tensor | Tensor[] | undefined;
    grad_outputs = given[2] as Tensor | null | undefined;
  }
  keywordsOf('grad', GRAD_KEYWORDS, opts);
  outputs = (outputs ?? opts.outputs) as Tensor | Tensor[];
  inputs = (inputs ?? opts.inputs) as Tensor | Tensor[];
  grad_outputs = (grad_outputs ?? opts.grad_outputs) as Tensor | (Tensor | null)[] | null;
  if (outputs == null || inputs == null) throw new TypeError(`grad() missing 1 required positional argument: '${outputs == null ? 'outputs' : 'inputs'}'`);
  const outs = Array.isArray(outputs) ? outputs : [outputs];
  const ins = Array.isArray(inputs) ? inputs : [inputs];
  const gos = grad_outputs == null ? [] : Array.isArray(grad_outputs) ? grad_outputs : [grad_outputs];
  const gs = outs.map((o, i) => {
    if (!o.requires_grad) throw new RuntimeError(`element ${i} of tensors does not require grad and does not have a grad_fn`);
    const g = gos[i];
    if (g) return g.dtype === o.dtype ? g : g.to(o.dtype); // PyTorch casts grad_outputs to the output's dtype
    if (o.numel() !== 1) throw new RuntimeError('grad can be implicitly created only for scalar outputs');
    return o._onesLike();
  });
  const res = runBackward(outs, gs, {
    retain_graph: opts.retain_graph ?? opts.create_graph ?? false,
    create_graph: opts.create_graph ?? false,
    capture: ins,
  });
  res.forEach((r) => {
    if (!r && !opts.allow_unused)
      throw new RuntimeError(`One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.`);
  });
  return res;
}

/** Whether an existing .grad can take a new gradient in place: same shape, dtype and device as its tensor, and no graph of its own. */
function sameLayout(grad: Tensor, t: Tensor): boolean {
  if (grad.grad_fn || grad.requires_grad || grad.dtype !== t.dtype || grad.device !== t.device || grad._shape.length !== t._shape.length) return false;
  for (let i = 0; i < t._shape.length; i++) if (grad._shape[i] !== t._shape[i]) return false;
  return true;
}
