// Writes by index past scatter/index_put: index_copy, masked_scatter, put, fill_diagonal_,
// scatter_reduce (sum, prod, mean, amax, amin; include_self), sum_to_size and histogram.
// Out-of-place forms are the in-place ones on a clone; gradients are PyTorch's (scatter_reduce's
// by its formulas, the others through scatter/gather).
import { IndexError, RuntimeError } from '../errors';
import { record } from '../autograd';
import { parseArgs } from '../args';
import { bool, int64, scalarTypeName } from '../dtype';
import { normDim } from '../size';
import { Tensor } from '../tensor';
import { inplace } from './inplace';
import { requireCpu } from './lanes';
import { ReturnTypes } from './reduce';
import { sumToShape } from './util';

const named = (t: Tensor, name: string): Tensor => {
  if (t.grad_fn) t.grad_fn._name = name;
  return t;
};

/** `self` with the slices `index[i]` along `dim` replaced by `source`'s i-th slices. @example x.index_copy(0, torch.tensor([2, 0]), rows) */
export function index_copy(self: Tensor, dim: number, index: Tensor, source: Tensor): Tensor {
  const d = normDim(dim, Math.max(self.ndim, 1));
  if (index.dtype !== int64) throw new RuntimeError(`index_copy_(): Expected a long tensor for index, but got ${scalarTypeName(index.dtype)}`);
  if (index.ndim > 1) throw new IndexError('index_copy_(): Index should have dimension 1 or 0 (got ' + index.ndim + ')');
  const n = index.numel(), srcN = source.ndim ? source._shape[d] : 1;
  if (n !== srcN) throw new IndexError(`index_copy_(): Number of indices (${n}) should be equal to source.size(dim) (${srcN})`);
  if (index.device.type === 'cpu') {
    const size = self.ndim ? self._shape[d] : 1;
    for (const v of index._cpuContiguous()) if (v < 0 || v >= size) throw new IndexError(`index_copy_(): index ${v} is out of bounds for dimension ${d} with size ${size}`);
  }
  const view = source._shape.map((_, i) => (i === d ? n : 1));
  const idx = index.reshape(view).expand(source._shape);
  return named(self.scatter(d, idx, source), 'IndexCopyBackward0');
}

/** Copies `source`'s elements, in order, into the positions where `mask` (broadcast) is true. @example x.masked_scatter(mask, values) */
export function masked_scatter(self: Tensor, mask: Tensor, source: Tensor): Tensor {
  requireCpu('masked_scatter', mask);
  const m = (mask.dtype === bool ? mask : mask.ne(0)).expand(self._shape).contiguous();
  const pos = m.reshape([-1]).nonzero().reshape([-1]);
  if (pos.numel() > source.numel()) throw new RuntimeError('Number of elements of source < number of ones in mask');
  const vals = source.reshape([-1]).narrow(0, 0, pos.numel());
  return named(self.reshape([-1]).scatter(0, pos, vals).reshape(self._shape), 'MaskedScatterBackward0');
}

function flatIndex(fn: string, self: Tensor, index: Tensor, source: Tensor): Tensor {
  if (index.dtype !== int64) throw new RuntimeError(`${fn}(): Expected a long tensor for index, but got ${scalarTypeName(index.dtype)}`);
  if (index.numel() !== source.numel())
    throw new IndexError(`${fn}(): Expected source and index to have the same number of elements, but got source.numel() = ${source.numel()}, index.numel() = ${index.numel()}`);
  const n = self.numel();
  requireCpu(fn, index);
  for (const v of index._cpuContiguous()) if (v < -n || v >= n) throw new IndexError(`out of range: tried to access index ${v} on a tensor of ${n} elements.`);
  return index.reshape([-1]).remainder(Math.max(n, 1));
}
/** `self` with `self.flatten()[index] = source` (or `+=` with `accumulate`). @example x.put(torch.tensor([0, -1]), torch.tensor([1., 2.])) */
export function put(self: Tensor, index: Tensor, source: Tensor, ...args: unknown[]): Tensor {
  const { accumulate } = parseArgs<{ accumulate: boolean }>('put', args, ['accumulate'], { accumulate: false });
  const idx = flatIndex('put_', self, index, source);
  const flat = self.reshape([-1]), src = source.reshape([-1]);
  const r = accumulate ? flat.scatter_add(0, idx, src) : flat.scatter(0, idx, src);
  return named(r.reshape(self._shape), 'PutBackward0');
}

/** In place: fills the main diagonal (all dims equal, or a 2-D tall matrix, wrapping with `wrap`). @example torch.zeros(3, 3).fill_diagonal_(1) */
export function fill_diagonal_(self: Tensor, ...args: unknown[]): Tensor {
  const { fill_value, wrap } = parseArgs<{ fill_value: number; wrap: boolean }>('fill_diagonal_', args, ['fill_value', 'wrap'], { wrap: false });
  if (self.ndim < 2) throw new RuntimeError('dimensions must larger than 1');
  if (self.ndim > 2 && !self._shape.every((d) => d === self._shape[0])) throw new RuntimeError('all dimensions of input must be of equal length');
  const mask = new Uint8Array(self.numel());
  const strides = self._shape.map((_, i) => self._shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const step = strides.reduce((a, b) => a + b, 0);
  const rows = self._shape[0], cols = self._shape[1];
  const count = self.ndim === 2 && wrap && rows > cols ? Math.ceil(self.numel() / step) : Math.min(...self._shape);
  for (let k = 0; k < count && k * step < mask.length; k++) mask[k * step] = 1;
  const m = Tensor._fromData(mask, self._shape, bool);
  return inplace(self, (old) => old.masked_fill(self.device.type === 'cpu' ? m : m.to(self.device), fill_value));
}

/** Sums a (broadcast) tensor down to `size`, which must be expandable to its shape. @example g.sum_to_size(1, 3) */
export function sum_to_size(self: Tensor, ...args: unknown[]): Tensor {
  const size = (args.length === 1 && Array.isArray(args[0]) ? args[0] : args) as number[];
  const s = self._shape, lead = s.length - size.length;
  if (lead < 0 || size.some((d, i) => d !== 1 && d !== s[lead + i]))
    throw new RuntimeError(`size {[${size.join(', ')}]} is not expandable to size {[${s.join(', ')}]}.`);
  return sumToShape(self, size);
}

// ---- scatter_reduce ---------------------------------------------------------------------------------
type Reduce = 'sum' | 'prod' | 'mean' | 'amax' | 'amin';
/** The flat output position of every index element, and the flat source position it reads. */
function positions(self: Tensor, d: number, index: Tensor, src: Tensor): { out: Int32Array; from: Int32Array } {
  const ish = index._shape, n = index.numel();
  const idx = index._cpuContiguous();
  const st = (shape: readonly number[]) => shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const ss = st(self._shape), rs = st(src._shape), is = st(ish);
  const out = new Int32Array(n), from = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    let o = 0, f = 0;
    for (let a = 0; a < ish.length; a++) {
      const c = Math.floor(k / is[a]) % ish[a];
      f += c * rs[a];
      if (a === d) {
        const v = idx[k];
        if (v < 0 || v >= self._shape[d]) throw new RuntimeError(`index ${v} is out of bounds for dimension ${d} with size ${self._shape[d]}`);
        o += v * ss[a];
      } else o += c * ss[a];
    }
    out[k] = o;
    from[k] = f;
  }
  return { out, from };
}

/**
 * Reduces `src` into `self` at `index` along `dim` with `reduce` ('sum', 'prod', 'mean', 'amax',
 * 'amin'); `include_self: false` leaves self's values out where something is scattered (CPU).
 * @example torch.zeros(3).scatter_reduce(0, torch.tensor([0, 1, 0]), torch.tensor([5., 6., 7.]), 'amax')
 */
export function scatter_reduce(self: Tensor, ...args: unknown[]): Tensor {
  const { dim, index, src, reduce, include_self } = parseArgs<{ dim: number; index: Tensor; src: Tensor; reduce: Reduce; include_self: boolean }>(
    'scatter_reduce', args, ['dim', 'index', 'src', 'reduce', 'include_self'], { include_self: true });
  if (reduce === undefined) throw new TypeError('scatter_reduce() missing 1 required positional arguments: "reduce"');
  if (!['sum', 'prod', 'mean', 'amax', 'amin'].includes(reduce)) throw new RuntimeError('reduce argument must be either sum, prod, mean, amax or amin.');
  if (src.dtype !== self.dtype) throw new RuntimeError(`scatter(): Expected self.dtype to be equal to src.dtype`);
  if (index.dtype !== int64) throw new RuntimeError(`scatter(): Expected dtype int64 for index`);
  for (const t of [self, index, src]) requireCpu('scatter_reduce', t);
  const d = normDim(dim, Math.max(self.ndim, 1));
  const { out: pos, from } = positions(self, d, index, src);
  const sv = self.detach()._cpuContiguous(), rv = src.detach()._cpuContiguous();
  const res = Float64Array.from(sv);
  const count = new Float64Array(sv.length).fill(include_self ? 1 : 0);
  const hit = new Uint8Array(sv.length);
  for (let k = 0; k < pos.length; k++) {
    const p = pos[k], v = rv[from[k]];
    if (!hit[p] && !include_self) res[p] = reduce === 'prod' ? 1 : reduce === 'amax' ? -Infinity : reduce === 'amin' ? Infinity : 0;
    hit[p] = 1;
    count[p]++;
    const r = res[p];
    res[p] = reduce === 'prod' ? r * v : reduce === 'amax' ? (r !== r || v !== v ? NaN : Math.max(r, v)) : reduce === 'amin' ? (r !== r || v !== v ? NaN : Math.min(r, v)) : r + v;
  }
  if (reduce === 'mean')
    for (let p = 0; p < res.length; p++) if (hit[p]) res[p] = self.dtype.is_floating_point ? res[p] / count[p] : Math.floor(res[p] / count[p]);
  const out = Tensor._fromData(new self.dtype.array(res), self._shape, self.dtype);
  return record(out, 'ScatterReduceBackward0', [self, src], (g) => scatterReduceGrads(g, { self, src, out, pos, from, hit, count, reduce, include_self, d, index }), [self, src, index, out]);
}

interface SR { self: Tensor; src: Tensor; out: Tensor; pos: Int32Array; from: Int32Array; hit: Uint8Array; count: Float64Array; reduce: Reduce; include_self: boolean; d: number; index: Tensor }
/** PyTorch's scatter_reduce backward: sum/mean pass the gradient (mean divided by the count), amax/amin share it evenly among the elements equal to the result, prod multiplies by the product of the others. */
function scatterReduceGrads(g: Tensor, c: SR): Tensor[] {
  const n = c.self.numel(), gs = new Float64Array(n), gr = new Float64Array(c.src.numel());
  const G = g.detach().contiguous()._cpuContiguous(), sv = c.self.detach()._cpuContiguous(), rv = c.src.detach()._cpuContiguous(), ov = c.out._cpuContiguous();
  const selfIn = (p: number) => c.include_self || !c.hit[p];
  if (c.reduce === 'sum' || c.reduce === 'mean') {
    const div = (p: number) => (c.reduce === 'mean' && c.hit[p] ? c.count[p] : 1);
    for (let p = 0; p < n; p++) gs[p] = selfIn(p) ? G[p] / div(p) : 0;
    for (let k = 0; k < c.pos.length; k++) gr[c.from[k]] += G[c.pos[k]] / div(c.pos[k]);
  } else if (c.reduce === 'amax' || c.reduce === 'amin') {
    const ties = new Float64Array(n);
    for (let p = 0; p < n; p++) if (selfIn(p) && sv[p] === ov[p]) ties[p]++;
    for (let k = 0; k < c.pos.length; k++) if (rv[c.from[k]] === ov[c.pos[k]]) ties[c.pos[k]]++;
    for (let p = 0; p < n; p++) gs[p] = selfIn(p) && sv[p] === ov[p] ? G[p] / ties[p] : 0;
    for (let k = 0; k < c.pos.length; k++) { const p = c.pos[k]; if (rv[c.from[k]] === ov[p]) gr[c.from[k]] += G[p] / ties[p]; }
  } else {
    // the product of the other contributors, exact with zeros
    const members: number[][] = Array.from({ length: n }, () => []);
    for (let k = 0; k < c.pos.length; k++) members[c.pos[k]].push(k);
    const others = (p: number, skip: number) => {
      let r = skip !== -2 && selfIn(p) ? sv[p] : 1;
      for (const k of members[p]) if (k !== skip) r *= rv[c.from[k]];
      return r;
    };
    for (let p = 0; p < n; p++) {
      if (selfIn(p)) gs[p] = G[p] * others(p, -2); // -2: without self
      for (const k of members[p]) gr[c.from[k]] += G[p] * others(p, k);
    }
  }
  const mk = (a: Float64Array, like: Tensor) => Tensor._fromData(new like.dtype.array(a), like._shape, like.dtype);
  return [mk(gs, c.self), mk(gr, c.src)];
}

// ---- histogram ---------------------------------------------------------------------------------------
/**
 * Counts (or weight sums, or a density) of `input` in `bins` equal bins over `range` (default: the
 * data's min and max) or between the given bin edges: `(hist, bin_edges)` (CPU).
 * @example const [hist, edges] = torch.histogram(x, 4, { range: [0, 1] })
 */
export function histogram(input: Tensor, ...args: unknown[]): ReturnTypes {
  const { bins, range, weight, density } = parseArgs<{ bins: number | Tensor; range: [number, number] | null; weight: Tensor | null; density: boolean }>(
    'histogram', args, ['bins', 'range', 'weight', 'density'], { bins: 100, range: null, weight: null, density: false });
  if (!input.dtype.is_floating_point) throw new RuntimeError(`"histogramdd" not implemented for '${scalarTypeName(input.dtype)}'`);
  requireCpu('histogram', input);
  const x = input.detach()._cpuContiguous();
  let edges: Float64Array;
  if (bins instanceof Tensor) edges = Float64Array.from(bins.detach()._cpuContiguous());
  else {
    let lo = range ? range[0] : Infinity, hi = range ? range[1] : -Infinity;
    if (!range) for (const v of x) { if (v < lo) lo = v; if (v > hi) hi = v; }
    if (!range && x.length === 0) { lo = 0; hi = 0; }
    if (lo > hi) throw new RuntimeError(`torch.histogramdd: min should not exceed max, but got min ${lo} max ${hi}`);
    if (lo === hi) { lo -= 0.5; hi += 0.5; }
    const e = new input.dtype.array(bins + 1);
    for (let i = 0; i <= bins; i++) e[i] = lo + ((hi - lo) * i) / bins;
    e[bins] = hi;
    edges = Float64Array.from(e);
  }
  const nb = edges.length - 1;
  const hist = new Float64Array(nb);
  const w = weight ? weight.detach()._cpuContiguous() : null;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (!(v >= edges[0] && v <= edges[nb])) continue;
    let a = 0, b = nb; // the last bin is closed on the right
    while (b - a > 1) { const m = (a + b) >> 1; if (v >= edges[m]) a = m; else b = m; }
    hist[a] += w ? w[i] : 1;
  }
  if (density) {
    const total = hist.reduce((s, v) => s + v, 0);
    for (let i = 0; i < nb; i++) hist[i] /= total * (edges[i + 1] - edges[i]);
  }
  const dt = input.dtype;
  const h = Tensor._fromData(new dt.array(hist), [nb], dt), e = Tensor._fromData(new dt.array(edges), [nb + 1], dt);
  const r = new ReturnTypes('histogram', h, e);
  Object.defineProperties(r, { hist: { get: () => h }, bin_edges: { get: () => e } });
  return r;
}
declare module '../tensor' {
  interface Tensor {
    index_copy(dim: number, index: Tensor, source: Tensor): Tensor; index_copy_(dim: number, index: Tensor, source: Tensor): Tensor;
    masked_scatter(mask: Tensor, source: Tensor): Tensor; masked_scatter_(mask: Tensor, source: Tensor): Tensor;
    put(index: Tensor, source: Tensor, accumulate?: boolean | { accumulate?: boolean }): Tensor;
    put_(index: Tensor, source: Tensor, accumulate?: boolean | { accumulate?: boolean }): Tensor;
    /** In place: fills the main diagonal. @example torch.zeros(3, 3).fill_diagonal_(1) */
    fill_diagonal_(fill_value: number, wrap?: boolean | { wrap?: boolean }): Tensor;
    sum_to_size(...size: number[] | [number[]]): Tensor;
    scatter_reduce(dim: number, index: Tensor, src: Tensor, reduce: Reduce, opts?: { include_self?: boolean }): Tensor;
    scatter_reduce_(dim: number, index: Tensor, src: Tensor, reduce: Reduce, opts?: { include_self?: boolean }): Tensor;
    histogram(bins?: number | Tensor | { bins?: number | Tensor; range?: [number, number] | null; weight?: Tensor | null; density?: boolean }, opts?: { range?: [number, number] | null; weight?: Tensor | null; density?: boolean }): ReturnTypes;
  }
}
const P = Tensor.prototype as unknown as Record<string, (this: Tensor, ...a: any[]) => unknown>;
P.index_copy = function (d: number, i: Tensor, s: Tensor) { return index_copy(this, d, i, s); };
P.index_copy_ = function (d: number, i: Tensor, s: Tensor) { return inplace(this, (old) => index_copy(old, d, i, s), undefined, [s]); };
P.masked_scatter = function (m: Tensor, s: Tensor) { return masked_scatter(this, m, s); };
P.masked_scatter_ = function (m: Tensor, s: Tensor) { return inplace(this, (old) => masked_scatter(old, m, s), undefined, [s]); };
P.put = function (i: Tensor, s: Tensor, ...a: unknown[]) { return put(this, i, s, ...a); };
P.put_ = function (i: Tensor, s: Tensor, ...a: unknown[]) { return inplace(this, (old) => put(old, i, s, ...a), undefined, [s]); };
P.fill_diagonal_ = function (...a: unknown[]) { return fill_diagonal_(this, ...a); };
P.sum_to_size = function (...a: unknown[]) { return sum_to_size(this, ...a); };
P.scatter_reduce = function (...a: unknown[]) { return scatter_reduce(this, ...a); };
P.scatter_reduce_ = function (...a: unknown[]) { return inplace(this, (old) => scatter_reduce(old, ...a), undefined, [a[2] as Tensor]); };
P.histogram = function (...a: unknown[]) { return histogram(this, ...a); };
