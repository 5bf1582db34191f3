import { useState } from 'react';
import type { ShareLink } from '../services/share';
import { Dialog } from './Dialog';

export function ShareDialog({ link, onDownload, onClose }: { link: ShareLink; onDownload(): void; onClose(): void }) {
  const [copied, setCopied] = useState(false);
  return (
    <Dialog title="Share this notebook" onClose={onClose}>
      {link.ok ? (
        <>
          {link.withoutOutputs ? (
            <p role="status">
              With its outputs this notebook is too large for a link ({(link.withoutOutputs.fullLength / 1000).toFixed(0)} k characters), so this link carries its code and text only: whoever opens it runs the cells to see the outputs. To share the outputs too, download the .ipynb file.
            </p>
          ) : (
            <p>Anyone with this link sees the notebook with its saved outputs. Nothing runs until they run it.</p>
          )}
          <div className="tl-share-row">
            <input className="tl-share-url" aria-label="Share link" readOnly value={link.url} onFocus={(e) => e.target.select()} data-autofocus />
            <button
              type="button"
              className="tl-primary"
              onClick={() => {
                void navigator.clipboard?.writeText(link.url).then(() => setCopied(true), () => setCopied(false));
              }}
            >
              {copied ? 'Copied' : 'Copy link'}
            </button>
          </div>
          <p className="tl-muted">{(link.length / 1000).toFixed(1)} k characters. For large notebooks, share the .ipynb file.</p>
        </>
      ) : (
        <>
          <p role="alert">{link.reason}</p>
          <button type="button" className="tl-primary" onClick={onDownload} data-autofocus>
            Download .ipynb instead
          </button>
        </>
      )}
    </Dialog>
  );
}
