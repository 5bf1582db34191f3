// application/vnd.torchlit.training.v1+json: the live view of `monitor(model)` — the loss (and
// metric) curves, and per parameter the gradient (or weight) histograms across epochs as a
// ridgeline, with an epoch slider. Frozen parameters are listed with no gradient.
import { useMemo, useState } from 'react';
import { escapeHtml, formatNumber } from '../escape';
import type { Fallback, RendererProps } from '../types';
import { UPlotChart, type ChartSeries } from './UPlotChart';
import { histBarsSvg, PALETTE, ridgelineSvg, spansDecades, trainingSvg } from './svg';
import { MIME, type HistogramJson, type TrainingJson, type TrainingParamJson } from '../../protocol/outputs';
import './views.css';

const HINTS: Record<string, string> = {
  vanishing: 'vanishing gradients: this parameter barely changes',
  exploding: 'exploding gradients: try a smaller learning rate or gradient clipping',
  nonfinite: 'NaN/Inf in the gradient',
};

function Stats({ h }: { h: HistogramJson | null }) {
  if (!h) return <span className="tl-muted">no gradient at this epoch</span>;
  return (
    <span className="tl-hist-stats">
      norm <b>{formatNumber(h.norm)}</b> · mean {formatNumber(h.mean)} · std {formatNumber(h.std)} · range [{formatNumber(h.min, 3)}, {formatNumber(h.max, 3)}]
      {h.zeros > 0 && <> · zeros {(h.zeros * 100).toFixed(0)}%</>}
    </span>
  );
}

function ParamCard({ p, which, sel, epochs, color }: { p: TrainingParamJson; which: 'grads' | 'weights'; sel: number; epochs: number[]; color: string }) {
  const hists = p[which];
  const recorded = hists.filter((h) => h !== null).length;
  const show = p.requires_grad || which === 'weights';
  const svg = useMemo(() => (show ? ridgelineSvg(hists, epochs, { width: 260, height: 130, selected: sel, color }) : ''), [hists, epochs, sel, color, show]);
  const bars = useMemo(() => (show ? histBarsSvg(hists[sel] ?? null, { width: 260, height: 70, color }) : ''), [hists, sel, color, show]);
  return (
    <figure className={`tl-param-card${p.requires_grad ? '' : ' tl-frozen'}`} data-param={p.name} data-hist-count={recorded} data-requires-grad={String(p.requires_grad)}>
      <figcaption>
        <code>{p.name}</code> <span className="tl-muted">[{p.shape.join(', ')}]</span>
        {!p.requires_grad && <span className="tl-badge tl-badge-off">frozen</span>}
        {p.hint && p.requires_grad && (
          <span className="tl-badge tl-badge-warn" title={HINTS[p.hint]} role="note">
            ⚠ {p.hint}
          </span>
        )}
      </figcaption>
      {!p.requires_grad && which === 'grads' ? (
        <div className="tl-muted tl-frozen-note">requires_grad=False: no gradient is computed</div>
      ) : (
        <>
          <div className="tl-hist-now" role="img" aria-label={`${p.name} ${which === 'grads' ? 'gradient' : 'weight'} histogram at epoch ${epochs[sel]}`} dangerouslySetInnerHTML={{ __html: bars }} />
          <div className="tl-ridge" role="img" aria-label={`${p.name} ${which === 'grads' ? 'gradient' : 'weight'} histograms over ${recorded} epochs`} dangerouslySetInnerHTML={{ __html: svg }} />
          <Stats h={hists[sel] ?? null} />
        </>
      )}
    </figure>
  );
}

export function TrainingView({ data }: RendererProps<TrainingJson>) {
  const d = data;
  const last = Math.max(0, d.hist_epochs.length - 1);
  const [picked, setPicked] = useState<number | null>(null); // null: follow the latest epoch
  const [which, setWhich] = useState<'grads' | 'weights'>('grads');
  // null: automatic, a log scale when every value is positive and they span two orders of magnitude
  // (a loss falling from 200 to 2 is a flat line on a linear axis); the checkbox then decides
  const [logChoice, setLogy] = useState<boolean | null>(null);
  const autoLog = useMemo(() => spansDecades(Object.values(d.metrics)), [d.metrics]);
  const logy = logChoice ?? autoLog;
  const sel = picked === null ? last : Math.min(picked, last);
  const series: ChartSeries[] = useMemo(() => Object.entries(d.metrics).map(([label, y]) => ({ label, kind: 'line' as const, x: d.epochs, y })), [d.epochs, d.metrics]);
  const lastLoss = Object.entries(d.metrics).map(([k, v]) => [k, v[v.length - 1]] as const);
  const loss = d.metrics.loss ?? [];
  return (
    <section
      className="tl-training"
      aria-label={d.title}
      data-epochs={d.total_epochs}
      data-done={String(d.done)}
      data-first-loss={loss.length ? String(loss[0]) : undefined}
      data-last-loss={loss.length ? String(loss[loss.length - 1]) : undefined}
    >
      <header className="tl-view-head">
        <strong>{d.title}</strong>
        <span className="tl-muted">
          {' '}
          · {d.total_epochs} epoch{d.total_epochs === 1 ? '' : 's'} · {d.elapsed_s.toFixed(1)} s{d.done ? ' · done' : ''}
        </span>
        {lastLoss.map(([k, v]) => (
          <span key={k} className="tl-metric" data-metric={k}>
            {k} <b>{formatNumber(v)}</b>
          </span>
        ))}
      </header>
      {series.length > 0 && (
        <div className="tl-curve">
          <UPlotChart series={series} xlabel="epoch" height={180} logy={logy} />
          <label className="tl-small">
            <input type="checkbox" checked={logy} onChange={(e) => setLogy(e.target.checked)} /> log scale{logChoice === null && logy ? ' (values span orders of magnitude)' : ''}
          </label>
        </div>
      )}
      {d.hist_epochs.length > 0 && (
        <div className="tl-epoch-controls">
          <label>
            epoch <b>{d.hist_epochs[sel]}</b>
            <input
              type="range"
              min={0}
              max={last}
              value={sel}
              aria-label="Epoch"
              aria-valuetext={`epoch ${d.hist_epochs[sel]}`}
              onChange={(e) => {
                const v = Number(e.target.value);
                setPicked(v === last ? null : v);
              }}
            />
          </label>
          <div role="radiogroup" aria-label="Histograms of" className="tl-seg">
            {(['grads', 'weights'] as const).map((w) => (
              <button key={w} type="button" role="radio" aria-checked={which === w} className={which === w ? 'on' : ''} onClick={() => setWhich(w)}>
                {w === 'grads' ? 'gradients' : 'weights'}
              </button>
            ))}
          </div>
        </div>
      )}
      <div className="tl-param-grid">
        {d.params.map((p, i) => (
          <ParamCard key={p.name} p={p} which={which} sel={sel} epochs={d.hist_epochs} color={PALETTE[i % PALETTE.length]} />
        ))}
      </div>
    </section>
  );
}

export function trainingFallback(d: TrainingJson): Fallback {
  return { mime: 'image/svg+xml', text: trainingSvg(d) };
}

export const trainingRenderer = { mime: MIME.training, component: TrainingView, fallback: trainingFallback };
export { escapeHtml };
