// The label on a notebook written for another kernel (a Python notebook from JupyterLab): its
// outputs show, its code cells do not run (the runner refuses), and its kernelspec is saved as
// it came. "Convert to Torchlit" is the explicit switch: Torchlit's kernelspec and language_info.
import { useNotebook } from '../notebook/store';
import { foreignKernel, foreignMessage } from '../notebook/foreign';
import { KERNELSPEC, LANGUAGE_INFO } from '../notebook/ipynb';

export function ForeignNotebookBanner() {
  const kernel = useNotebook((s) => s.doc.metadata.kernelspec);
  const setMeta = useNotebook((s) => s.actions.setNotebookMetadata);
  const foreign = foreignKernel({ kernelspec: kernel });
  if (!foreign) return null;
  const convert = () => {
    setMeta('kernelspec', { ...KERNELSPEC });
    setMeta('language_info', { ...LANGUAGE_INFO });
  };
  return (
    <div className="tl-banner tl-banner-warning" role="status" data-foreign-kernel={foreign.name}>
      <span>
        {foreignMessage(foreign)} It is shown as it was saved and keeps its kernel ({foreign.name}) when saved.
      </span>
      <button type="button" className="tl-button" onClick={convert} title="Switch this notebook to Torchlit's TypeScript kernel (its code stays as it is)">
        Convert to Torchlit
      </button>
    </div>
  );
}
