// The variable inspector: names in the kernel's scope, with tensor/module details.
import { useEffect } from 'react';
import { useStore, type StoreApi } from 'zustand';
import type { KernelView } from '../services/runner';
import { Icon } from './Icon';

export function VariableInspector({ kernel, refresh, onClose }: { kernel: StoreApi<KernelView>; refresh(): void; onClose(): void }) {
  const variables = useStore(kernel, (s) => s.variables);
  useEffect(() => refresh(), [refresh]);
  return (
    <aside className="tl-inspector" aria-label="Variables">
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
                <th scope="col">shape</th>
                <th scope="col">dtype</th>
                <th scope="col">device</th>
                <th scope="col" title="requires_grad">grad</th>
                <th scope="col">params</th>
              </tr>
            </thead>
            <tbody>
              {variables.map((v) => (
                <tr key={v.name} title={v.summary}>
                  <th scope="row">{v.name}</th>
                  <td>{v.type}</td>
                  <td>{v.shape ? `[${v.shape.join(', ')}]` : ''}</td>
                  <td>{v.dtype ?? ''}</td>
                  <td>{v.device ?? ''}</td>
                  <td>{v.requires_grad === undefined ? '' : v.requires_grad ? '✓' : '✗'}</td>
                  <td className="num">{v.numel !== undefined ? v.numel.toLocaleString('en-US') : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </aside>
  );
}
