// "Download as HTML" / "Download as TypeScript": the notebook as a static HTML page (like `nbconvert --to html`) or as a
// TypeScript script (like `nbconvert --to script`); see app/export/html.ts and typescript.ts.
import { useNotebook } from '../notebook/store';
import { stringifyIpynb } from '../notebook/ipynb';
import { withFallbacks } from '../renderers';
import { downloadText, safeFilename } from '../services/files';
import { Icon } from './Icon';

const saved = () => JSON.parse(stringifyIpynb(useNotebook.getState().doc, { withFallbacks })) as { cells: [] };
const stem = (name: string) => safeFilename(name).replace(/\.ipynb$/, '');

/** "Download as HTML": the toolbar button and the command palette's command run this. */
export async function downloadHtml(name: string) {
  const { toHtml } = await import('../export/html');
  downloadText(toHtml(saved(), name), `${stem(name)}.html`, 'text/html');
}

/** "Download as TypeScript": the toolbar button and the command palette's command run this. */
export async function downloadTypeScript(name: string) {
  const { toTypeScript } = await import('../export/typescript');
  downloadText(toTypeScript(saved(), name), `${stem(name)}.ts`, 'text/plain');
}

/** Two toolbar buttons, "Download as HTML" and "Download as TypeScript". */
export function ExportMenu({ name }: { name: string }) {
  const html = () => downloadHtml(name);
  const ts = () => downloadTypeScript(name);
  const button = (label: string, text: string, title: string, f: () => Promise<void>) => (
    <button type="button" className="tl-tool" aria-label={label} title={title} onClick={() => void f()}>
      <Icon name="download" />
      <span className="tl-tool-label" aria-hidden="true">
        {text}
      </span>
    </button>
  );
  return (
    <>
      {button('Download as HTML', 'HTML', 'Download as HTML (a static page with the outputs, like nbconvert --to html)', html)}
      {button('Download as TypeScript', 'TS', 'Download as TypeScript (.ts, Markdown as comments)', ts)}
    </>
  );
}
