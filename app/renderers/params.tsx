// application/vnd.torchlit.params.v1+json: one row per parameter (name, shape, numel, dtype,
// device, requires_grad, gradient norm/mean), totals for all and trainable, frozen rows marked.
// `grads(model)` sends `grads: true` and each gradient's std, min, max and share of zeros too:
// those columns then show (a share of zeros near 100% is a dead ReLU's signature).
import { useMemo, useState } from 'react';
import { MIME, type ParamRow, type ParamsJson } from '../protocol/outputs';
import { escapeHtml, formatCount, formatNumber, formatShape } from './escape';
import type { Fallback, RendererProps } from './types';

const rowsOf = (v: ParamsJson): ParamRow[] => v.rows;
const gradNorm = (r: ParamRow) => r.grad_norm ?? null;
const gradMean = (r: ParamRow) => r.grad_mean ?? null;

export function totals(v: ParamsJson): { total: number; trainable: number } {
  return { total: v.total.numel, trainable: v.total.trainable };
}

type Key = 'index' | 'name' | 'numel' | 'requires_grad' | 'grad_norm' | 'grad_zeros';
type Column = { key: Key | null; label: string; numeric?: boolean };
const columns: Column[] = [
  { key: 'name', label: 'name' },
  { key: null, label: 'shape' },
  { key: 'numel', label: 'numel', numeric: true },
  { key: null, label: 'dtype' },
  { key: null, label: 'device' },
  { key: 'requires_grad', label: 'requires_grad' },
  { key: 'grad_norm', label: 'grad norm', numeric: true },
  { key: null, label: 'grad mean', numeric: true },
];
/** The extra gradient statistics of `grads(model)`: label and how a row shows it. */
const statColumns: (Column & { cell: (r: ParamRow) => string })[] = [
  { key: null, label: 'grad std', numeric: true, cell: (r) => formatNumber(r.grad_std ?? null) },
  { key: null, label: 'grad min', numeric: true, cell: (r) => formatNumber(r.grad_min ?? null) },
  { key: null, label: 'grad max', numeric: true, cell: (r) => formatNumber(r.grad_max ?? null) },
  { key: 'grad_zeros', label: 'zeros', numeric: true, cell: (r) => formatShare(r.grad_zeros) },
];
const formatShare = (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${(v * 100).toFixed(v > 0 && v < 0.001 ? 2 : 1)}%`);
const detailed = (v: ParamsJson) => v.grads === true || rowsOf(v).some((r) => r.grad_std != null);

function sortValue(r: ParamRow & { index: number }, key: Key): number | string {
  if (key === 'name') return r.name;
  if (key === 'numel') return r.numel;
  if (key === 'requires_grad') return r.requires_grad ? 1 : 0;
  if (key === 'grad_norm') return gradNorm(r) ?? -Infinity;
  if (key === 'grad_zeros') return r.grad_zeros ?? -Infinity;
  return r.index;
}

export function ParamsTable({ data }: RendererProps<ParamsJson>) {
  const [sort, setSort] = useState<{ key: Key; dir: 1 | -1 }>({ key: 'index', dir: 1 });
  const rows = useMemo(() => {
    const indexed = rowsOf(data).map((r, index) => ({ ...r, index }));
    return indexed.sort((a, b) => {
      const x = sortValue(a, sort.key);
      const y = sortValue(b, sort.key);
      return (x < y ? -1 : x > y ? 1 : a.index - b.index) * sort.dir;
    });
  }, [data, sort]);
  const { total, trainable } = totals(data);
  const hasGrad = rows.some((r) => gradNorm(r) !== null);
  const stats = detailed(data) ? statColumns : [];
  const toggle = (key: Key) => setSort((s) => (s.key === key ? { key, dir: s.dir === 1 ? -1 : 1 } : { key, dir: key === 'numel' || key === 'grad_norm' || key === 'grad_zeros' ? -1 : 1 }));
  return (
    <div className="tl-params">
      <div className="tl-grid-scroll">
        <table role="table" className="tl-params-table" aria-label="Parameters">
          <thead>
            <tr>
              {[...columns, ...stats].map((c) => {
                const sorted = c.key !== null && sort.key === c.key;
                return (
                  <th key={c.label} scope="col" className={c.numeric ? 'num' : undefined} aria-sort={sorted ? (sort.dir === 1 ? 'ascending' : 'descending') : undefined}>
                    {c.key ? (
                      <button type="button" className="tl-sort" onClick={() => toggle(c.key!)}>
                        {c.label}
                        <span aria-hidden="true">{sorted ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}</span>
                      </button>
                    ) : (
                      c.label
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.name} className={r.requires_grad ? undefined : 'tl-frozen'} data-requires-grad={String(r.requires_grad)}>
                <th scope="row" className="tl-param-name">{r.name}</th>
                <td>{formatShape(r.shape)}</td>
                <td className="num">{formatCount(r.numel)}</td>
                <td>{r.dtype}</td>
                <td>{r.device}</td>
                <td>
                  <span className={r.requires_grad ? 'tl-badge tl-badge-on' : 'tl-badge tl-badge-off'}>{r.requires_grad ? '✓ true' : 'frozen (false)'}</span>
                </td>
                <td className="num">{hasGrad ? formatNumber(gradNorm(r)) : '–'}</td>
                <td className="num">{hasGrad ? formatNumber(gradMean(r)) : '–'}</td>
                {stats.map((c) => (
                  <td key={c.label} className="num">
                    {c.cell(r)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">total</th>
              <td />
              <td className="num">{formatCount(total)}</td>
              <td colSpan={5 + stats.length}>
                trainable <strong>{formatCount(trainable)}</strong>
                {total !== trainable && <> · frozen {formatCount(total - trainable)}</>}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}

export function paramsFallback(v: ParamsJson): Fallback {
  const { total, trainable } = totals(v);
  const stats = detailed(v) ? statColumns : [];
  const head = `<tr><th>name</th><th>shape</th><th>numel</th><th>dtype</th><th>device</th><th>requires_grad</th><th>grad norm</th><th>grad mean</th>${stats.map((c) => `<th>${c.label}</th>`).join('')}</tr>`;
  const body = rowsOf(v)
    .map((r) => `<tr><td>${escapeHtml(r.name)}</td><td>${escapeHtml(formatShape(r.shape))}</td><td>${formatCount(r.numel)}</td><td>${escapeHtml(r.dtype)}</td><td>${escapeHtml(r.device)}</td><td>${r.requires_grad ? 'True' : 'False (frozen)'}</td><td>${formatNumber(gradNorm(r))}</td><td>${formatNumber(gradMean(r))}</td>${stats.map((c) => `<td>${escapeHtml(c.cell(r))}</td>`).join('')}</tr>`)
    .join('');
  const foot = `<tr><td>total</td><td></td><td>${formatCount(total)}</td><td colspan="${5 + stats.length}">trainable ${formatCount(trainable)}</td></tr>`;
  return { mime: 'text/html', text: `<table class="torchlit-params"><thead>${head}</thead><tbody>${body}</tbody><tfoot>${foot}</tfoot></table>` };
}

export const paramsRenderer = { mime: MIME.params, component: ParamsTable, fallback: paramsFallback };
