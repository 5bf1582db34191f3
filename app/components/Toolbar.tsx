// The notebook's main toolbar (test contract: role="toolbar" named "Notebook").
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand';
import type { KernelView } from '../services/runner';
import type { Backend } from '../protocol/messages';
import type { Commands } from './useCommands';
import { ExportPytorchButton } from './ExportPytorch';
import { ThemeSelect } from './ThemeSelect';
import { ExportMenu } from './ExportMenu';
import { Icon, type IconName } from './Icon';
import type { NotebookCommand } from './commandList';
import { ToolbarMenu } from './ToolbarMenu';

interface Props {
  commands: Commands;
  /** The command registry (the Kernel menu's items). */
  registry: readonly NotebookCommand[];
  kernel: StoreApi<KernelView>;
  device: Backend;
  onDevice(d: Backend): void;
  onShare(): void;
  onHelp(): void;
  /** Run all (a checkpoint is made first). */
  onRunAll?: () => void;
  onCheckpoints?: () => void;
  inspectorOpen: boolean;
  onToggleInspector(): void;
  /** The notebook's name (for exported files). */
  name?: string;
}

function Button({ label, icon, onClick, shortcut, pressed, text }: { label: string; icon: IconName; onClick(): void; shortcut?: string; pressed?: boolean; text?: string }) {
  return (
    <button type="button" className="tl-tool" onClick={onClick} title={shortcut ? `${label} (${shortcut})` : label} aria-label={label} aria-pressed={pressed}>
      <Icon name={icon} />
      {text && <span className="tl-tool-label" aria-hidden="true">{text}</span>}
    </button>
  );
}

export function KernelStatusBadge({ kernel }: { kernel: StoreApi<KernelView> }) {
  const status = useStore(kernel, (s) => s.status);
  const state = status?.status ?? 'starting';
  const backend = status?.backend ?? 'cpu';
  const isolated = status?.isolated ?? false;
  const title = status?.status === 'dead' && status.webgpu.reason ? status.webgpu.reason : isolated ? 'The kernel runs on its own origin: cells cannot reach your stored notebooks.' : 'The kernel runs on this page’s origin.';
  return (
    <div className={`tl-kernel-status tl-kernel-${state}`} data-kernel-status={state} data-backend={backend} data-isolated={String(isolated)} role="status" aria-label={`Kernel ${state}, ${backend === 'webgpu' ? 'WebGPU' : 'CPU'}, ${isolated ? 'isolated' : 'not isolated'}`} title={title}>
      <span className="tl-dot" aria-hidden="true" />
      <span>Kernel {state}</span>
      <span className="tl-sep">·</span>
      <span>{backend === 'webgpu' ? 'WebGPU' : 'CPU'}</span>
      <span className="tl-sep">·</span>
      <span>{isolated ? 'isolated' : 'not isolated'}</span>
    </div>
  );
}

/** The Kernel menu, as JupyterLab's Kernel and Edit menus name them. */
const KERNEL_MENU = ['notebook:interrupt-kernel', 'notebook:restart-kernel', 'notebook:restart-clear-output', 'notebook:restart-run-all', '-', 'notebook:clear-all-cell-outputs', 'notebook:run-all-cells', '-', 'apputils:activate-command-palette'];

export function Toolbar({ commands, registry, kernel, device, onDevice, onShare, onHelp, onRunAll, onCheckpoints, inspectorOpen, onToggleInspector, name = 'notebook' }: Props) {
  const webgpu = useStore(kernel, (s) => s.status?.webgpu);
  const webgpuOk = webgpu?.available ?? false;
  return (
    <div className="tl-toolbar-row">
      <div role="toolbar" aria-label="Notebook" className="tl-toolbar">
        <div className="tl-tool-group">
          <Button label="Run cell" icon="run" text="Run" shortcut="Shift+Enter" onClick={() => commands.runCell(undefined, 'advance')} />
          <Button label="Run all" icon="runAll" onClick={onRunAll ?? commands.runAll} />
          <Button label="Interrupt" icon="stop" shortcut="I I" onClick={commands.interrupt} />
          <Button label="Restart kernel" icon="restart" shortcut="0 0" onClick={() => void commands.restart()} />
          <ToolbarMenu label="Kernel" items={KERNEL_MENU} registry={registry} />
        </div>
        <div className="tl-tool-group">
          <Button label="Add code cell" icon="add" text="Code" shortcut="B" onClick={() => commands.addCell('code')} />
          <Button label="Add markdown cell" icon="markdown" text="Markdown" onClick={() => commands.addCell('markdown')} />
        </div>
        <div className="tl-tool-group">
          <Button label="Share" icon="share" text="Share" onClick={onShare} />
          <Button label="Download .ipynb" icon="download" onClick={commands.download} />
          <ExportPytorchButton name={name} />
          <ExportMenu name={name} />
          <Button label="Open" icon="open" onClick={() => void commands.open()} />
          {onCheckpoints && <Button label="Checkpoints" icon="history" onClick={onCheckpoints} />}
        </div>
        <div className="tl-tool-group">
          <Button label="Variables" icon="variables" text="Variables" onClick={onToggleInspector} pressed={inspectorOpen} />
          <Button label="Keyboard shortcuts" icon="keyboard" shortcut="H" onClick={onHelp} />
        </div>
      </div>
      <div className="tl-toolbar-end">
        <ThemeSelect />
        <label className="tl-device">
          <span>Device</span>
          <select value={device} onChange={(e) => onDevice(e.target.value as Backend)} aria-describedby={webgpuOk ? undefined : 'tl-webgpu-reason'} title={webgpuOk ? 'The default device for new tensors in this notebook' : `WebGPU unavailable: ${webgpu?.reason ?? 'not reported yet'}`}>
            <option value="cpu">CPU</option>
            <option value="webgpu" disabled={!webgpuOk}>
              WebGPU{webgpuOk ? '' : ' (unavailable)'}
            </option>
          </select>
        </label>
        {!webgpuOk && (
          <span id="tl-webgpu-reason" className="tl-visually-hidden">
            WebGPU unavailable: {webgpu?.reason ?? 'the kernel has not reported it yet'}
          </span>
        )}
        <KernelStatusBadge kernel={kernel} />
      </div>
    </div>
  );
}
