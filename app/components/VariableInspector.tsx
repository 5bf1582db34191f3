// The variable inspector: names in the kernel's scope, each with its type and a one-line summary
// (shape and dtype of a tensor, a model's children and parameters, an optimizer's lr, …). The
// panel's width is dragged from its left edge (or set with the arrow keys there) and remembered.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useStore, type StoreApi } from 'zustand';
import type { KernelView } from '../services/runner';
import { Icon } from './Icon';

const WIDTH_KEY = 'torchlit.inspector.width';
const MIN = 280;
const maxWidth = () => Math.max(MIN, Math.round(window.innerWidth * 0.7));
const clamp = (w: number) => Math.min(maxWidth(), Math.max(MIN, Math.round(w)));

function storedWidth(): number {
  const w = Number(globalThis.localStorage?.getItem(WIDTH_KEY));
  return Number.isFinite(w) && w > 0 ? clamp(w) : 480;
}

function useResizableWidth() {
  const [width, setWidth] = useState(storedWidth);
  const drag = useRef<{ x: number; w: number } | null>(null);
  const save = useCallback((w: number) => {
    try {
      localStorage.setItem(WIDTH_KEY, String(w));
    } catch {
      /* storage full or blocked: the width is only a preference */
    }
  }, []);
  const onPointerDown = (e: React.PointerEvent) => {
    drag.current = { x: e.clientX, w: width };
    (e.target as Element).setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: React.PointerEvent) => {
    if (drag.current) setWidth(clamp(drag.current.w + drag.current.x - e.clientX));
  };
  const onPointerUp = () => {
    if (drag.current) save(width);
    drag.current = null;
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    const step = e.shiftKey ? 80 : 20;
    const next = e.key === 'ArrowLeft' ? width + step : e.key === 'ArrowRight' ? width - step : null;
    if (next === null) return;
    e.preventDefault();
    const w = clamp(next);
    setWidth(w);
    save(w);
  };
  return { width, handle: { onPointerDown, onPointerMove, onPointerUp, onKeyDown } };
}

export function VariableInspector({ kernel, refresh, onClose }: { kernel: StoreApi<KernelView>; refresh(): void; onClose(): void }) {
  const variables = useStore(kernel, (s) => s.variables);
  const { width, handle } = useResizableWidth();
  useEffect(() => refresh(), [refresh]);
  return (
    <aside className="tl-inspector" aria-label="Variables" style={{ width }}>
      <div
        className="tl-inspector-resize"
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize variables panel"
        aria-valuenow={width}
        aria-valuemin={MIN}
        tabIndex={0}
        {...handle}
      />
      <div className="tl-panel-head">
        <h2>Variables</h2>
        <button type="button" className="tl-icon-button" aria-label="Refresh variables" onClick={refresh} title="Refresh">
          <Icon name="refresh" size={14} />
        </button>
        <button type="button" className="tl-icon-button" aria-label="Close variables" onClick={onClose} title="Close">
          <Icon name="close" size={14} />
        </button>
      </div>
      {variables.length === 0 ? (
        <p className="tl-muted">No variables yet. Run a cell that declares one.</p>
      ) : (
        <div className="tl-grid-scroll">
          <table className="tl-var-table" aria-label="Variables in the kernel">
            <thead>
              <tr>
                <th scope="col">name</th>
                <th scope="col">type</th>
                <th scope="col">value</th>
                <th scope="col">device</th>
                <th scope="col" title="requires_grad">grad</th>
              </tr>
            </thead>
            <tbody>
              {variables.map((v) => (
                <tr key={v.name}>
                  <th scope="row">{v.name}</th>
                  <td className="tl-var-type" title={v.type}>
                    {v.type}
                  </td>
                  <td className="tl-var-value" title={v.summary}>
                    {v.summary}
                  </td>
                  <td>{v.device ?? ''}</td>
                  <td>{v.requires_grad === undefined ? '' : v.requires_grad ? '✓' : '✗'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </aside>
  );
}
