// `grads(model)`: every parameter's gradient statistics at a glance (norm, mean, std, min, max,
// share of zeros), as a parameter table (`application/vnd.torchlit.params.v1+json` with grad columns).
import type { MimeBundle } from '../../protocol/messages';
import { MIME, type ParamRow, type ParamsJson } from '../../protocol/outputs';
import { histogram } from './histogram';
import { fmt } from './monitor';

type AnyTensor = { shape: ArrayLike<number>; numel(): number; requires_grad: boolean; grad: AnyTensor | null; dtype: unknown; device: unknown; cpu_data?: () => ArrayLike<number>; data?: () => Promise<ArrayLike<number>> };
type Model = { named_parameters(): [string, AnyTensor][] };

const n = (v: number) => (Number.isFinite(v) ? v : null);
const dname = (d: unknown) => String(d).replace(/^torch\./, '');

async function values(t: AnyTensor): Promise<ArrayLike<number>> {
  const dev = (t.device as { type?: string })?.type;
  if (dev === 'cpu' && t.cpu_data) return t.cpu_data();
  return t.data!();
}

/** A displayable table of gradient statistics; `await grads(model).rows()` gives the numbers. */
export class GradsTable {
  constructor(private readonly named: [string, AnyTensor][]) {}

  async rows(): Promise<ParamRow[]> {
    const out: ParamRow[] = [];
    for (const [name, p] of this.named) {
      const row: ParamRow = { name, shape: Array.from(p.shape), numel: p.numel(), dtype: dname(p.dtype), device: String(p.device), requires_grad: p.requires_grad };
      if (p.grad) {
        const h = histogram(await values(p.grad), 1);
        Object.assign(row, { grad_norm: n(h.norm), grad_mean: n(h.mean), grad_std: n(h.std), grad_min: n(h.min), grad_max: n(h.max), grad_zeros: n(h.zeros) });
      }
      out.push(row);
    }
    return out;
  }

  async _repr_mimebundle_(): Promise<MimeBundle> {
    const rows = await this.rows();
    const total = { tensors: rows.length, numel: rows.reduce((a, r) => a + r.numel, 0), trainable: rows.filter((r) => r.requires_grad).reduce((a, r) => a + r.numel, 0) };
    const text = rows
      .map((r) => `${r.name.padEnd(28)} [${r.shape.join(', ')}]`.padEnd(44) + (r.grad_norm !== undefined ? ` norm ${fmt(r.grad_norm ?? NaN)} mean ${fmt(r.grad_mean ?? NaN)} std ${fmt(r.grad_std ?? NaN)} zeros ${((r.grad_zeros ?? 0) * 100).toFixed(1)}%` : r.requires_grad ? ' no gradient' : ' frozen'))
      .join('\n');
    const json: ParamsJson = { rows, total, grads: true };
    return { [MIME.params]: json, 'text/plain': text };
  }
}

export function grads(model: Model | [string, AnyTensor][]): GradsTable {
  const named = Array.isArray(model) ? model : typeof model?.named_parameters === 'function' ? model.named_parameters() : null;
  if (!named) throw new TypeError('grads(model): expected an nn.Module (or a list of [name, parameter] pairs)');
  return new GradsTable(named);
}
