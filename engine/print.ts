// PyTorch's printed forms (torch/_tensor_str.py, 1.13/2.x): `tensor([[1., 2.]], requires_grad=True)`.
// Works on dense row-major data, so it is the same for every backend once values are read back.
import type { Tensor } from './tensor';
import type { TypedArray } from './dtype';
import { state } from './state';

export const printOptions = { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80, sci_mode: null as boolean | null };

/**
 * `torch.set_printoptions({precision, threshold, edgeitems, linewidth, sci_mode})`; leaving `sci_mode` out resets it
 * to automatic, as PyTorch's does.
 * @example torch.set_printoptions({precision: 2})
 */
export function set_printoptions(opts: Partial<typeof printOptions> & { profile?: 'default' | 'short' | 'full' }): void {
  if (opts.profile === 'default') Object.assign(printOptions, { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80 });
  if (opts.profile === 'short') Object.assign(printOptions, { precision: 2, threshold: 1000, edgeitems: 2, linewidth: 80 });
  if (opts.profile === 'full') Object.assign(printOptions, { precision: 4, threshold: Infinity, edgeitems: 3, linewidth: 80 });
  const { profile: _p, ...rest } = opts;
  Object.assign(printOptions, rest);
  // PyTorch assigns sci_mode on every call (`PRINT_OPTS.sci_mode = sci_mode`): a call without it,
  // `set_printoptions(profile='default')` or `(precision=2)`, goes back to automatic (it kept sci_mode=False)
  printOptions.sci_mode = opts.sci_mode ?? null;
}

/** Python's `'{:.Ne}'` (at least two exponent digits). */
export function pyExp(v: number, precision: number): string {
  if (!Number.isFinite(v)) return pyNonFinite(v);
  const s = v.toExponential(precision);
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}
function pyNonFinite(v: number): string {
  return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
}
/** Python's `'{:.Nf}'`. */
export function pyFixed(v: number, precision: number): string {
  if (!Number.isFinite(v)) return pyNonFinite(v);
  const s = v.toFixed(precision);
  return Object.is(v, -0) || (v < 0 && /^0\.?0*$/.test(s)) ? '-' + s : s;
}

class Formatter {
  floating: boolean;
  intMode = true;
  sciMode = false;
  maxWidth = 1;
  isBool: boolean;

  constructor(values: ArrayLike<number>, floating: boolean, isBool: boolean) {
    this.floating = floating;
    this.isBool = isBool;
    const p = printOptions.precision;
    if (!floating) {
      for (let i = 0; i < values.length; i++) this.maxWidth = Math.max(this.maxWidth, this.plain(values[i]).length);
      return;
    }
    const nz: number[] = [];
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (Number.isFinite(v) && v !== 0) nz.push(v);
    }
    if (nz.length === 0) return;
    let mn = Infinity, mx = 0;
    for (const v of nz) {
      const a = Math.abs(v);
      if (a < mn) mn = a;
      if (a > mx) mx = a;
    }
    for (const v of nz)
      if (v !== Math.ceil(v)) {
        this.intMode = false;
        break;
      }
    if (this.intMode) {
      if (mx / mn > 1000 || mx > 1e8) {
        this.sciMode = true;
        for (const v of nz) this.maxWidth = Math.max(this.maxWidth, pyExp(v, p).length);
      } else for (const v of nz) this.maxWidth = Math.max(this.maxWidth, pyFixed(v, 0).length + 1);
    } else if (mx / mn > 1000 || mx > 1e8 || mn < 1e-4) {
      this.sciMode = true;
      for (const v of nz) this.maxWidth = Math.max(this.maxWidth, pyExp(v, p).length);
    } else for (const v of nz) this.maxWidth = Math.max(this.maxWidth, pyFixed(v, p).length);
    if (printOptions.sci_mode !== null) this.sciMode = printOptions.sci_mode;
  }

  private plain(v: number): string {
    return this.isBool ? (v ? 'True' : 'False') : String(v);
  }

  format(v: number): string {
    let r: string;
    const p = printOptions.precision;
    if (this.floating) {
      if (this.sciMode) r = pyExp(v, p);
      else if (this.intMode) r = pyFixed(v, 0) + (Number.isFinite(v) ? '.' : '');
      else r = pyFixed(v, p);
    } else r = this.plain(v);
    return r.padStart(this.maxWidth, ' ');
  }
}

interface Dense {
  data: ArrayLike<number>;
  shape: number[];
  offset: number;
}
const sub = (d: Dense, i: number): Dense => {
  let inner = 1;
  for (let k = 1; k < d.shape.length; k++) inner *= d.shape[k];
  return { data: d.data, shape: d.shape.slice(1), offset: d.offset + i * inner };
};

function summarizedValues(d: Dense, out: number[]): void {
  const e = printOptions.edgeitems;
  if (d.shape.length === 0) {
    out.push(d.data[d.offset]);
    return;
  }
  const n = d.shape[0];
  const idx = n > 2 * e ? [...Array(e).keys(), ...Array.from({ length: e }, (_, k) => n - e + k)] : [...Array(n).keys()];
  if (d.shape.length === 1) for (const i of idx) out.push(d.data[d.offset + i]);
  else for (const i of idx) summarizedValues(sub(d, i), out);
}

function vectorStr(d: Dense, indent: number, summarize: boolean, f: Formatter): string {
  const e = printOptions.edgeitems;
  const elementLength = f.maxWidth + 2;
  const perLine = Math.max(1, Math.floor((printOptions.linewidth - indent) / elementLength));
  const n = d.shape[0];
  const val = (i: number) => f.format(d.data[d.offset + i]);
  let items: string[];
  if (summarize && n > 2 * e) {
    items = [];
    for (let i = 0; i < e; i++) items.push(val(i));
    items.push(' ...');
    for (let i = n - e; i < n; i++) items.push(val(i));
  } else items = Array.from({ length: n }, (_, i) => val(i));
  const lines: string[] = [];
  for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(', '));
  return '[' + lines.join(',\n' + ' '.repeat(indent + 1)) + ']';
}

function tensorStrWith(d: Dense, indent: number, summarize: boolean, f: Formatter): string {
  const dim = d.shape.length;
  if (dim === 0) return f.format(d.data[d.offset]);
  if (dim === 1) return vectorStr(d, indent, summarize, f);
  const e = printOptions.edgeitems;
  const n = d.shape[0];
  let slices: string[];
  if (summarize && n > 2 * e) {
    slices = [];
    for (let i = 0; i < e; i++) slices.push(tensorStrWith(sub(d, i), indent + 1, summarize, f));
    slices.push('...');
    for (let i = n - e; i < n; i++) slices.push(tensorStrWith(sub(d, i), indent + 1, summarize, f));
  } else slices = Array.from({ length: n }, (_, i) => tensorStrWith(sub(d, i), indent + 1, summarize, f));
  return '[' + slices.join(',' + '\n'.repeat(dim - 1) + ' '.repeat(indent + 1)) + ']';
}

/** The bracketed body, e.g. `[[1., 2.],\n        [3., 4.]]`, for dense data of a shape. */
export function formatValues(data: ArrayLike<number>, shape: number[], floating: boolean, isBool: boolean, indent: number): string {
  let numel = 1;
  for (const s of shape) numel *= s;
  if (numel === 0) return '[]';
  const summarize = numel > printOptions.threshold;
  const root: Dense = { data, shape, offset: 0 };
  let sample: ArrayLike<number> = data;
  if (summarize) {
    const vals: number[] = [];
    summarizedValues(root, vals);
    sample = vals;
  }
  return tensorStrWith(root, indent, summarize, new Formatter(sample, floating, isBool));
}

function addSuffixes(body: string, suffixes: string[], indent: number): string {
  const parts = [body];
  let lastLineLen = body.length - body.lastIndexOf('\n') + 1;
  for (const s of suffixes) {
    if (lastLineLen + s.length + 2 > printOptions.linewidth) {
      parts.push(',\n' + ' '.repeat(indent) + s);
      lastLineLen = indent + s.length;
    } else {
      parts.push(', ' + s);
      lastLineLen += s.length + 2;
    }
  }
  parts.push(')');
  return parts.join('');
}

/** PyTorch's `repr(t)`. `data` is the tensor's dense values; CPU tensors are read directly. */
export function formatTensor(t: Tensor, data?: TypedArray): string {
  const prefix = 'tensor(';
  const indent = prefix.length;
  const suffixes: string[] = [];
  if (t.device.type !== state.defaultDevice.type) suffixes.push(`device='${t.device}'`);
  const dt = t.dtype;
  const defaultish = dt === state.defaultDtype || dt.name === 'int64' || dt.name === 'bool';
  let body: string;
  if (t.isDisposed) body = '<disposed>';
  else if (t.numel() === 0) {
    if (t.ndim !== 1) suffixes.push(`size=(${t._shape.join(', ')}${t.ndim === 1 ? ',' : ''})`);
    if (dt !== state.defaultDtype) suffixes.push(`dtype=${dt}`);
    body = '[]';
  } else {
    if (!defaultish) suffixes.push(`dtype=${dt}`);
    const values = data ?? (t.device.type === 'cpu' ? t._cpuContiguous() : undefined);
    body = values
      ? formatValues(values, t._shape, dt.is_floating_point, dt.name === 'bool', indent)
      : `<on ${t.device}: ${t._shape.join('×') || 'scalar'}; print(t) or await t.data() reads it>`;
  }
  if (t.grad_fn) suffixes.push(`grad_fn=<${t.grad_fn._name}>`);
  else if (t.requires_grad) suffixes.push('requires_grad=True');
  const s = addSuffixes(prefix + body, suffixes, indent);
  return t._isParam ? 'Parameter containing:\n' + s : s;
}

/** Reads the tensor back (from any device) and formats it. */
export async function formatTensorAsync(t: Tensor): Promise<string> {
  if (t.device.type === 'cpu' || t.numel() === 0 || t.isDisposed) return formatTensor(t);
  return formatTensor(t, await t._read());
}
