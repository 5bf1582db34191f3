// application/vnd.torchlit.tensor.v1+json: PyTorch's text form plus a compact summary and,
// for 1-D/2-D values, a scrollable grid.
import { MIME, type TensorJson } from '../protocol/outputs';
import { escapeHtml, formatNumber, formatShape } from './escape';
import type { Fallback, RendererProps } from './types';

/** Rows of a 1-D or 2-D value, or null when it is neither. */
export function gridRows(t: TensorJson): unknown[][] | null {
  const v: unknown[] = t.values; // a file may hold nested rows too
  if (!Array.isArray(v) || !Array.isArray(t.shape) || t.shape.length > 2 || t.shape.length === 0) return null;
  if (v.every((x) => !Array.isArray(x))) {
    if (t.shape.length === 1) return [v];
    const cols = t.shape[1];
    if (!cols) return null;
    const rows: unknown[][] = [];
    for (let i = 0; i < v.length; i += cols) rows.push(v.slice(i, i + cols));
    return rows;
  }
  if (v.every((r) => Array.isArray(r) && r.every((x) => !Array.isArray(x)))) return v as unknown[][];
  return null;
}

function summaryItems(t: TensorJson): [string, string][] {
  const items: [string, string][] = [
    ['shape', formatShape(t.shape)],
    ['dtype', String(t.dtype ?? '–')],
    ['device', String(t.device ?? 'cpu')],
    ['requires_grad', String(Boolean(t.requires_grad))],
  ];
  if (t.grad_fn) items.push(['grad_fn', t.grad_fn]);
  if (t.min !== undefined && t.min !== null) items.push(['min', formatNumber(t.min)], ['max', formatNumber(t.max)], ['mean', formatNumber(t.mean)]);
  return items;
}

const cell = (x: unknown) => (typeof x === 'number' ? formatNumber(x) : x === 'NaN' ? 'nan' : x === 'Infinity' ? 'inf' : x === '-Infinity' ? '-inf' : String(x));

export function TensorOutput({ data, bundle }: RendererProps<TensorJson>) {
  const text = typeof bundle['text/plain'] === 'string' ? (bundle['text/plain'] as string) : '';
  const rows = gridRows(data);
  return (
    <div className="tl-tensor">
      {text && <pre className="tl-text">{text}</pre>}
      <dl className="tl-tensor-summary">
        {summaryItems(data).map(([k, v]) => (
          <div key={k} className={k === 'requires_grad' && v === 'true' ? 'tl-flag-on' : undefined}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {rows && rows.length > 0 && rows.length * (rows[0]?.length ?? 0) > 1 && (
        <div className="tl-grid-scroll">
          <table className="tl-grid" aria-label={`values, shape ${formatShape(data.shape)}`}>
            <tbody>
              {rows.slice(0, 200).map((r, i) => (
                <tr key={i}>
                  <th scope="row">{i}</th>
                  {r.slice(0, 200).map((x, j) => (
                    <td key={j}>{cell(x)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {data.truncated && <p className="tl-muted">Showing the first {(data.values as unknown[]).length.toLocaleString('en-US')} values.</p>}
        </div>
      )}
    </div>
  );
}

export function tensorFallback(t: TensorJson): Fallback {
  const items = summaryItems(t).map(([k, v]) => `<b>${escapeHtml(k)}</b> ${escapeHtml(v)}`).join(' &middot; ');
  return { mime: 'text/html', text: `<div class="torchlit-tensor"><p>${items}</p></div>` };
}

export const tensorRenderer = { mime: MIME.tensor, component: TensorOutput, fallback: tensorFallback };
