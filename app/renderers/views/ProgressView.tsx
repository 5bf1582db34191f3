// application/vnd.torchlit.progress.v1+json: a progress bar with count, rate and ETA (tqdm-like).
import type { Fallback, RendererProps } from '../types';
import { progressHtml } from './svg';
import { MIME, type ProgressJson } from '../../protocol/outputs';
import './views.css';

const clock = (s: number | null) => {
  if (s === null || !Number.isFinite(s)) return '?';
  const t = Math.round(s);
  const m = Math.floor(t / 60), sec = t % 60;
  return `${m}:${String(sec).padStart(2, '0')}`;
};

export function ProgressView({ data: d, bundle }: RendererProps<ProgressJson>) {
  const frac = d.total ? Math.min(1, d.n / d.total) : null;
  return (
    <div className="tl-progress" data-done={String(d.done)}>
      {d.desc && <span className="tl-progress-desc">{d.desc}</span>}
      <div
        role="progressbar"
        aria-label={d.desc || 'progress'}
        aria-valuemin={0}
        aria-valuemax={d.total ?? undefined}
        aria-valuenow={d.n}
        className={`tl-progress-track${frac === null ? ' indeterminate' : ''}`}
      >
        <div className="tl-progress-fill" style={{ width: `${(frac ?? 1) * 100}%` }} />
      </div>
      <span className="tl-progress-text">
        {d.n}
        {d.total !== null && `/${d.total}`} · {d.rate ? (d.rate >= 1 ? `${d.rate.toFixed(1)} it/s` : `${(1 / d.rate).toFixed(2)} s/it`) : '– it/s'} · {clock(d.elapsed_s)}
        {!d.done && d.eta_s !== null && <> · ETA {clock(d.eta_s)}</>}
        {Object.entries(d.postfix).map(([k, v]) => (
          <span key={k}>
            {' '}
            · {k}={v}
          </span>
        ))}
      </span>
      <span hidden>{String(bundle['text/plain'] ?? '')}</span>
    </div>
  );
}

export function progressFallback(d: ProgressJson): Fallback {
  const frac = d.total ? Math.min(1, d.n / d.total) : null;
  return { mime: 'text/html', text: progressHtml(`${d.desc ? d.desc + ': ' : ''}${d.n}${d.total !== null ? '/' + d.total : ''} in ${d.elapsed_s.toFixed(1)} s`, frac) };
}

export const progressRenderer = { mime: MIME.progress, component: ProgressView, fallback: progressFallback };
