// "Download as PyTorch notebook": the notebook translated to Python (app/export/), downloaded as
// `<name>.py.ipynb`; the lines that became TODO comments are listed so nothing is lost silently.
import { create } from 'zustand';
import { useNotebook } from '../notebook/store';
import { stringifyIpynb } from '../notebook/ipynb';
import { downloadText, safeFilename } from '../services/files';
import { Dialog } from './Dialog';
import { Icon } from './Icon';

/** The lines the last export could not translate (shown by the toolbar's dialog); null: none to show. */
const useExportWarnings = create<{ warnings: string[] | null }>()(() => ({ warnings: null }));
const setWarnings = (warnings: string[] | null) => useExportWarnings.setState({ warnings });

/** "Download as PyTorch notebook": the toolbar button and the command palette's command run this. */
export async function downloadPytorchNotebook(name: string) {
  const { toPytorchNotebook } = await import('../export/notebook');
  const doc = useNotebook.getState().doc;
  const r = toPytorchNotebook(JSON.parse(stringifyIpynb(doc)), name);
  downloadText(JSON.stringify(r.notebook, null, 1) + '\n', safeFilename(name).replace(/\.ipynb$/, '') + '.py.ipynb');
  setWarnings(r.warnings);
}

export function ExportPytorchButton({ name }: { name: string }) {
  const warnings = useExportWarnings((s) => s.warnings);
  const run = () => downloadPytorchNotebook(name);
  return (
    <>
      <button type="button" className="tl-tool" onClick={() => void run()} title="Download as PyTorch notebook (Python, for Jupyter or Colab)" aria-label="Download as PyTorch notebook">
        <Icon name="download" />
        <span className="tl-tool-label" aria-hidden="true">
          PyTorch
        </span>
      </button>
      {warnings !== null && warnings.length > 0 && (
        <Dialog title="Exported to PyTorch" onClose={() => setWarnings(null)}>
          <p>
            {warnings.length} line{warnings.length === 1 ? '' : 's'} could not be translated and became <code># TODO(torchlit)</code> comments with the original code:
          </p>
          <ul aria-label="Lines to translate by hand">
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </Dialog>
      )}
    </>
  );
}
