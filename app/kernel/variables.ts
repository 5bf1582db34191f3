// The variable inspector's view of one value (`inspect` → VariableInfo): tensors, parameters,
// modules and everything else, summarised in a line.
import type { VariableInfo } from '../protocol/messages';
import { formatValue } from './format';
import { dtypeName, isModule, isTensor, moduleJson } from './mime';

export function describeVariable(name: string, v: unknown): VariableInfo {
  const summary = (s: string) => (s.length > 120 ? s.slice(0, 119) + '…' : s);
  try {
    if (isTensor(v)) {
      const t = v as { shape: ArrayLike<number>; dtype: unknown; device: unknown; requires_grad?: boolean; numel?: () => number; _isParam?: boolean };
      const shape = Array.from(t.shape);
      return {
        name,
        type: t._isParam || (v as object).constructor?.name === 'Parameter' ? 'Parameter' : 'Tensor',
        shape,
        dtype: dtypeName(t.dtype),
        device: String(t.device),
        requires_grad: t.requires_grad === true,
        numel: typeof t.numel === 'function' ? t.numel() : shape.reduce((a, b) => a * b, 1),
        summary: `${shape.length ? `[${shape.join(', ')}]` : 'scalar'} ${dtypeName(t.dtype)}`,
      };
    }
    if (isModule(v)) {
      const tree = moduleJson(v as object);
      const params = (v as { parameters?: () => Iterable<{ device: unknown; requires_grad?: boolean }> }).parameters?.();
      const first = params ? [...params][0] : undefined;
      return {
        name,
        type: `Module(${tree.class})`,
        numel: tree.total_params,
        device: first ? String(first.device) : undefined,
        requires_grad: first ? tree.trainable_params > 0 : undefined,
        summary: summary(`${tree.class}: ${tree.total_params.toLocaleString('en-US')} parameters`),
      };
    }
    const type = v === null ? 'null' : Array.isArray(v) ? `Array(${v.length})` : typeof v === 'object' ? ((v as object).constructor?.name ?? 'Object') : typeof v;
    return { name, type, summary: summary(formatValue(v).replace(/\s*\n\s*/g, ' ')) };
  } catch (e) {
    return { name, type: typeof v, summary: `<${(e as Error).message}>` };
  }
}
