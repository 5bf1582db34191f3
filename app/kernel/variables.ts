// The variable inspector's view of one value (`inspect` → VariableInfo): tensors, parameters,
// modules, and the other objects a lesson keeps (device, optimizer, scheduler, DataLoader,
// dataset, training monitor), each summarised in a line that says what a learner checks first.
import type { VariableInfo } from '../protocol/messages';
import { className, pyName } from '../../engine/pyname';
import { torch } from '../../engine/index';
import { formatValue } from './format';
import { unwrapPyClass } from './py-class';
import { dtypeName, isModule, isTensor, moduleJson } from './mime';
import { Monitor } from './views/monitor';

const clip = (s: string) => (s.length > 120 ? s.slice(0, 119) + '…' : s);
const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
const num = (x: unknown): string => (typeof x === 'number' ? String(Number(x.toPrecision(6))) : Array.isArray(x) ? `(${x.map(num).join(', ')})` : String(x));

type Obj = Record<string, unknown>;
const has = (v: unknown, ...keys: string[]): v is Obj => typeof v === 'object' && v !== null && keys.every((k) => k in (v as object));

/** `cpu` or `webgpu:0 · <adapter>` for a `torch.device`. */
function deviceSummary(v: Obj): string | null {
  if (v.type !== 'cpu' && v.type !== 'webgpu') return null;
  if (typeof (v as { toString?: unknown }).toString !== 'function' || !('index' in v)) return null;
  const s = String(v);
  if (v.type !== 'webgpu') return s;
  let adapter = '';
  try {
    adapter = torch.webgpu.get_device_name();
  } catch {
    /* no adapter yet */
  }
  return adapter && adapter !== 'none' ? `${s} · ${adapter}` : s;
}

/** `SGD · lr 0.001 · momentum 0.9 · 2 param groups`: the hyperparameters that differ from zero/off. */
function optimizerSummary(name: string, v: Obj): string {
  const groups = v.param_groups as Obj[];
  const g = groups[0] ?? {};
  const parts = [name];
  for (const key of ['lr', 'momentum', 'betas', 'alpha', 'weight_decay', 'nesterov', 'amsgrad']) {
    const x = g[key];
    if (x === undefined || x === 0 || x === false) continue;
    parts.push(x === true ? key : `${key} ${num(x)}`);
  }
  const nParams = groups.reduce((s, gr) => s + ((gr.params as unknown[] | undefined)?.length ?? 0), 0);
  parts.push(groups.length === 1 ? count(nParams, 'tensor') : count(groups.length, 'param group'));
  return parts.join(' · ');
}

/** Everything that is not a tensor or a module, by its shape (duck-typed, as the rest of the kernel treats engine objects). */
function objectSummary(v: object): { type: string; summary: string } | null {
  const o = v as Obj;
  const type = pyName(v);
  if (has(o, 'type', 'index')) {
    const d = deviceSummary(o);
    if (d) return { type: 'device', summary: d };
  }
  if (has(o, 'param_groups', 'state') && Array.isArray(o.param_groups) && typeof o.step === 'function') return { type, summary: optimizerSummary(type, o) };
  if (has(o, 'optimizer', 'last_epoch') && typeof o.get_last_lr === 'function') {
    const lrs = (o.get_last_lr as () => number[]).call(o);
    return { type, summary: `${type} · epoch ${num(o.last_epoch)} · lr ${lrs.map(num).join(', ')}` };
  }
  if (has(o, 'dataset', 'batch_size', 'shuffle')) {
    const parts = [o.batch_size === null ? 'no batching' : `batch ${num(o.batch_size)}`];
    const n = (o as { length?: unknown }).length;
    if (typeof n === 'number') parts.push(count(n, 'batch', 'batches'));
    if (o.shuffle) parts.push('shuffle');
    if (o.drop_last) parts.push('drop_last');
    return { type, summary: parts.join(' · ') };
  }
  if (v instanceof Monitor) {
    // its counters are private to the view; the inspector only reads them
    const m = v as unknown as { epochCount: number; params: unknown[] };
    return { type: 'monitor', summary: `${count(m.epochCount, 'epoch')} · ${count(m.params.length, 'parameter')}` };
  }
  if (typeof (o as { get?: unknown }).get === 'function' && typeof (o as { length?: unknown }).length === 'number' && typeof (o as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function')
    return { type, summary: `${type} · ${count((o as { length: number }).length, 'sample')}` };
  return null;
}

export function describeVariable(name: string, v: unknown): VariableInfo {
  try {
    if (isTensor(v)) {
      const t = v as { shape: ArrayLike<number>; dtype: unknown; device: unknown; requires_grad?: boolean; numel?: () => number; _isParam?: boolean };
      const shape = Array.from(t.shape);
      return {
        name,
        type: t._isParam || pyName(v as object) === 'Parameter' ? 'Parameter' : 'Tensor',
        shape,
        dtype: dtypeName(t.dtype),
        device: String(t.device),
        requires_grad: t.requires_grad === true,
        numel: typeof t.numel === 'function' ? t.numel() : shape.reduce((a, b) => a * b, 1),
        summary: `${shape.length ? `[${shape.join(', ')}]` : 'scalar'} ${dtypeName(t.dtype)}${t.requires_grad ? ' · requires_grad' : ''}`,
      };
    }
    if (isModule(v)) {
      const tree = moduleJson(v as object);
      const params = (v as { parameters?: () => Iterable<{ device: unknown; requires_grad?: boolean }> }).parameters?.();
      const first = params ? [...params][0] : undefined;
      const frozen = tree.total_params - tree.trainable_params;
      return {
        name,
        type: `Module(${tree.class})`,
        numel: tree.total_params,
        device: first ? String(first.device) : undefined,
        requires_grad: first ? tree.trainable_params > 0 : undefined,
        summary: clip(
          [tree.class, count(tree.children?.length ?? 0, 'child', 'children'), count(tree.total_params, 'param')]
            .concat(frozen > 0 ? [`${frozen.toLocaleString('en-US')} frozen`] : [])
            .join(' · '),
        ),
      };
    }
    if (typeof v === 'function') {
      const kind = /^class\b/.test(Function.prototype.toString.call(unwrapPyClass(v))) ? 'class' : 'function';
      return { name, type: kind, summary: `${kind} ${className(v) || name}` };
    }
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const known = objectSummary(v);
      if (known) return { name, type: known.type, summary: clip(known.summary) };
    }
    const type = v === null ? 'null' : Array.isArray(v) ? `Array(${v.length})` : typeof v === 'object' ? pyName(v) || 'Object' : typeof v;
    return { name, type, summary: clip(formatValue(v).replace(/\s*\n\s*/g, ' ')) };
  } catch (e) {
    return { name, type: typeof v, summary: `<${(e as Error).message}>` };
  }
}
