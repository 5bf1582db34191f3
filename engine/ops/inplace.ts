// In-place ops with PyTorch's autograd rules, shared by the op families: `inplace` (an op
// computed out of place and written back, views through CopySlices) for elementwise ops, and
// `recordInplace`/`checkLeaf` for the kernels that write in place (index_put_, scatter_, …).
import { RuntimeError } from '../errors';
import { isGradEnabled, needsGrad, Node, record } from '../autograd';
import { getKernel } from '../backend/registry';
import { canCast, scalarTypeName } from '../dtype';
import { multiOutputViews, NO_GRAD_VIEW_REBASED, Tensor, type TensorOrScalar } from '../tensor';
import type { DeviceType } from '../device';

type TS = TensorOrScalar;

/**
 * Applies an op in place with PyTorch's autograd rules: a leaf that requires grad refuses; when a
 * graph is being recorded, the op runs out of place on `old` (a copy holding this tensor's
 * previous value and history), the result is written into this tensor's storage, and this
 * tensor takes the result's history. Without a graph, `direct` writes into the storage at once.
 */
export function inplace(self: Tensor, compute: (old: Tensor) => Tensor, direct?: () => void, others: (TS | null | undefined)[] = []): Tensor {
  checkNoInternalOverlap(self);
  const tensors = others.filter((o): o is Tensor => o instanceof Tensor);
  checkNoGradView(self, tensors);
  checkMultiOutputView(self);
  const recording = needsGrad(self, ...tensors);
  // PyTorch's check_inplace, in its order: a view that requires grad whose base is a leaf (the base of
  // `torch.arange(6.).reshape(2, 3).requires_grad_()` need not require grad), then a leaf
  if (recording && self._base && self.requires_grad && self._base.is_leaf)
    throw new RuntimeError('a view of a leaf Variable that requires grad is being used in an in-place operation.');
  if (recording && self.is_leaf && self.requires_grad)
    throw new RuntimeError('a leaf Variable that requires grad is being used in an in-place operation.');
  for (const o of tensors) checkNoPartialOverlap(self, o);
  if (!recording) {
    self._version++;
    if (direct) {
      direct();
      return self;
    }
  }
  if (recording && self._base) return inplaceOnView(self, compute);
  let old = self;
  if (recording) {
    // the previous value and history move to a new tensor object, so backward formulas that
    // saved it see the old values and the graph has no cycle through `self`
    old = getKernel('contiguous', self.device.type)(self) as Tensor;
    old.grad_fn = self.grad_fn;
    old._requires_grad = self._requires_grad;
  }
  const r = compute(old);
  // after the op saved its operands, as PyTorch's: an operand sharing self's memory (`y.mul_(y)`)
  // was saved at the old version, so backward refuses it (it read the overwritten values, silently)
  if (recording) self._version++;
  if (r.ndim !== self.ndim || !r._shape.every((d, i) => d === self._shape[i]))
    throw new RuntimeError(`output with shape [${self._shape.join(', ')}] doesn't match the broadcast shape [${r._shape.join(', ')}]`);
  getKernel('copy_', self.device.type)(self, r.dtype === self.dtype ? r : r.to(self.dtype).detach());
  if (r.grad_fn) {
    self.grad_fn = r.grad_fn;
    self._requires_grad = true;
  }
  return self;
}

/**
 * An in-place op on a view of a tensor in the graph (`y.narrow(1, 0, 2).mul_(2)`): the base's
 * history becomes PyTorch's CopySlices — the gradient outside the view passes through unchanged,
 * inside it flows through the op — and the view becomes a view of the new base.
 */
function inplaceOnView(self: Tensor, compute: (old: Tensor) => Tensor): Tensor {
  const v = viewInGraph(self);
  const oldBase = getKernel('contiguous', v.dev)(v.base) as Tensor;
  oldBase.grad_fn = v.base.grad_fn;
  oldBase._requires_grad = v.base._requires_grad;
  const oldView = record(v.region(oldBase), 'AsStridedBackward0', [oldBase], (g) => [v.embed(g)]);
  const r = compute(oldView);
  self._version++; // after the op saved its operands (see inplace)
  getKernel('copy_', v.dev)(self, r.dtype === self.dtype ? r.detach() : r.to(self.dtype).detach());
  return copySlices(self, v, oldBase, r);
}

/**
 * recordInplace for a view (`y[1:3].copy_(src)`, `y[1][0] = 5`, `v.scatter_(…)`): the op already wrote
 * into the view; its node takes the view's old place in the graph and the base becomes CopySlices, as
 * for `inplace` (the base's history was left alone: its gradient reached the overwritten elements).
 */
function recordInplaceOnView(self: Tensor, name: string, others: Tensor[], backward: (g: Tensor) => (Tensor | null)[]): void {
  const v = viewInGraph(self);
  // the graph position only (the values are already overwritten; CopySlices and the view save none)
  const oldBase = new Tensor(v.base._storage, v.base._shape, v.base._strides, v.base._offset);
  oldBase.grad_fn = v.base.grad_fn;
  oldBase._requires_grad = v.base._requires_grad;
  const oldView = record(v.region(oldBase), 'AsStridedBackward0', [oldBase], (g) => [v.embed(g)]);
  const r = record(new Tensor(self._storage, self._shape, self._strides, self._offset), name, [oldView, ...others], backward);
  copySlices(self, v, oldBase, r);
}

// A view's history made anew once its memory was written in place since (Tensor.grad_fn): the base's
// current history, cut to the view (AsStridedBackward0). A base that is not a plain contiguous array
// keeps the view's old node (never made by the engine's ops: a base is an op's fresh output or a leaf).
Tensor._regenViewFn = (view: Tensor): Node | null => {
  const base = view._base!;
  // PyTorch cannot remake the history of a split/chunk/unbind output (or a view of one): an error, not a stale gradient
  if (multiOutputViews.has(view)) throw new RuntimeError(`${multiOutputName(view)} is a view and its base or another view of its base has been modified inplace. ${MULTI_OUTPUT}`);
  // a view made in grad mode of a no_grad view (PyTorch 1.13 fails an internal assertion there)
  if (view._noGradView) throw new RuntimeError(NO_GRAD_VIEW_REBASED);
  if (!base.is_contiguous() || base._offset !== 0 || !base.requires_grad) {
    view._gradFnVersion = view._storage.version;
    return view._gradFn;
  }
  const v = viewInGraph(view);
  view.grad_fn = new Node('AsStridedBackward0', [base], (g) => [v.embed(g)]);
  return view._gradFn;
};

type ViewInGraph = { base: Tensor; dev: DeviceType; region: (t: Tensor) => Tensor; embed: (g: Tensor) => Tensor };

function viewInGraph(self: Tensor): ViewInGraph {
  const base = self._base!;
  if (!base.is_contiguous() || base._offset !== 0)
    throw new RuntimeError('Torchlit: an in-place operation on a view of a non-contiguous tensor that requires grad is not supported; use an out-of-place op');
  const dev = base.device.type;
  const region = (t: Tensor) => new Tensor(t._storage, self._shape, self._strides, self._offset - base._offset + t._offset);
  const embed = (g: Tensor) => {
    const z = getKernel('full', dev)(base._shape, 0, g.dtype) as Tensor;
    getKernel('copy_', dev)(region(z), g);
    return z;
  };
  return { base, dev, region, embed };
}

/** The base's new history (CopySlices of its old one and `r`, the view's new value) and the view's. */
function copySlices(self: Tensor, v: ViewInGraph, oldBase: Tensor, r: Tensor): Tensor {
  const { base, dev, region, embed } = v;
  base.grad_fn = new Node('CopySlices', [oldBase, r], (g) => {
    const outside = getKernel('contiguous', dev)(g) as Tensor;
    const inside = getKernel('contiguous', dev)(region(outside)) as Tensor;
    getKernel('copy_', dev)(region(outside), getKernel('full', dev)(self._shape, 0, g.dtype));
    return [outside, inside];
  });
  base._requires_grad = true;
  self.grad_fn = new Node('AsStridedBackward0', [base], (g) => [embed(g)]);
  self._requires_grad = true;
  return self;
}

/**
 * Records an in-place op on `self`: the old `self` (its graph position) becomes an input, so the
 * gradient reaches what `self` was computed from; on a view, the base's history becomes CopySlices.
 * Call it after the kernel wrote. Throws PyTorch's error for leaves that require grad.
 */
export function recordInplace(self: Tensor, name: string, others: Tensor[], backward: (g: Tensor) => (Tensor | null)[]): void {
  checkNoInternalOverlap(self);
  checkNoGradView(self, others);
  checkMultiOutputView(self);
  self._version++;
  if (!needsGrad(self, ...others)) return;
  if (self._base) return recordInplaceOnView(self, name, others, backward);
  const old = new Tensor(self._storage, self._shape, self._strides, self._offset);
  old.grad_fn = self.grad_fn;
  old._requires_grad = self._requires_grad;
  record(self, name, [old, ...others], backward);
}

const MULTI_OUTPUT = 'This view is the output of a function that returns multiple views. Such functions do not allow the output views to be modified inplace. You should replace the inplace operation by an out-of-place one.';

/** Marks the views one call returned (split, chunk, unbind): PyTorch refuses to modify them in place while recording. */
export function markMultiOutputViews(views: Tensor[], nodeName: string): Tensor[] {
  views.forEach((v, i) => {
    const fn = v._gradFn;
    if (!fn) return;
    fn._name = nodeName;
    multiOutputViews.set(v, i);
  });
  return views;
}

/** PyTorch's words for a multi-output view (or a view of one): `Output 1 of SplitBackward0`, `Output 0 of SliceBackward0`. */
const multiOutputName = (t: Tensor): string => `Output ${multiOutputViews.get(t)} of ${t._gradFn?.name()}`;

function checkMultiOutputView(self: Tensor): void {
  if (multiOutputViews.has(self) && isGradEnabled()) throw new RuntimeError(`${multiOutputName(self)} is a view and is being modified inplace. ${MULTI_OUTPUT}`);
}

/** PyTorch's is_non_overlapping_and_dense: the dims longer than 1, by stride, tile memory exactly. */
function isDense(t: Tensor): boolean {
  const dims = t._shape.map((n, i) => [n, t._strides[i]]).filter(([n]) => n !== 1).sort((a, b) => a[1] - b[1]);
  let expect = 1;
  for (const [n, st] of dims) {
    if (st !== expect) return false;
    expect *= n;
  }
  return true;
}

/**
 * PyTorch's assert_no_partial_overlap between an in-place op's output and an operand: the same
 * memory laid out the same way is fine (`y.mul_(y)`), part of it is an error (`y.mul_(y[:1])`
 * read elements it had already overwritten, silently).
 */
export function checkNoPartialOverlap(self: Tensor, other: Tensor): void {
  if (overlapOf(self, other) === 'partial') throw new RuntimeError(OVERLAP);
}

/** PyTorch's assert_no_overlap (index_add_, scatter_, index_put_ with index tensors): the source may share no memory at all with the output. */
export function checkNoOverlap(self: Tensor, other: Tensor): void {
  if (overlapOf(self, other) !== 'no') throw new RuntimeError(OVERLAP);
}

const OVERLAP = 'unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location. Please clone() the tensor before performing the operation.';

/** PyTorch's get_overlap_status (element offsets instead of bytes; 'no' also where it cannot tell). */
function overlapOf(a: Tensor, b: Tensor): 'no' | 'full' | 'partial' {
  if (a === b) return 'full';
  if (a._storage !== b._storage || a.numel() === 0 || b.numel() === 0 || !isDense(a) || !isDense(b)) return 'no';
  const a0 = a._offset, a1 = a0 + a.numel(), b0 = b._offset, b1 = b0 + b.numel();
  if (a0 === b0 && a1 === b1) return a._strides.length === b._strides.length && a._strides.every((s, i) => s === b._strides[i]) ? 'full' : 'partial';
  return a0 < b1 && b0 < a1 ? 'partial' : 'no';
}

/**
 * PyTorch refuses to write in place into a tensor whose elements share memory (an `expand`ed view:
 * a stride of 0 over a dim longer than 1); writing would change several elements, and the base, at once.
 */
export function checkNoInternalOverlap(self: Tensor): void {
  for (let i = 0; i < self._shape.length; i++)
    if (self._strides[i] === 0 && self._shape[i] > 1)
      throw new RuntimeError('unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.');
}

const NO_GRAD_VIEW = 'A view was created in no_grad mode and is being modified inplace with grad mode enabled. Given that this use case is ambiguous and error-prone, it is forbidden. You can clarify your code by moving both the view and the inplace either both inside the no_grad block (if you don\'t want the inplace to be tracked) or both outside (if you want the inplace to be tracked).';

/**
 * PyTorch refuses an in-place op, with grad mode on, on a view made under no_grad when the result
 * would need a gradient (its base requires grad, or an operand does): whether the write should be
 * tracked is ambiguous. Without this check the write was silently untracked (a leaf changed unseen).
 */
export function checkNoGradView(self: Tensor, others: readonly Tensor[] = []): void {
  if (!self._noGradView || !self._base || !isGradEnabled()) return;
  if (self._base.requires_grad || self.requires_grad || others.some((o) => o.requires_grad)) throw new RuntimeError(NO_GRAD_VIEW);
}

export function checkLeaf(self: Tensor): void {
  if (!isGradEnabled()) return;
  checkNoGradView(self);
  checkMultiOutputView(self);
  if (self._base && self.requires_grad && self._base.is_leaf)
    throw new RuntimeError('a view of a leaf Variable that requires grad is being used in an in-place operation.');
  if (self.is_leaf && self.requires_grad) throw new RuntimeError('a leaf Variable that requires grad is being used in an in-place operation.');
}

/** An in-place form (`x.log_()`): the op out of place, written back, refusing a result that cannot be cast back (int64 → float). */
export function inplaceOf(self: Tensor, f: (t: Tensor) => Tensor): Tensor {
  const probe = f(self.detach());
  if (!canCast(probe.dtype, self.dtype))
    throw new RuntimeError(`result type ${scalarTypeName(probe.dtype)} can't be cast to the desired output type ${scalarTypeName(self.dtype)}`);
  return inplace(self, (old) => f(old), undefined);
}
