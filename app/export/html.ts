// "Download as HTML": a static page of the notebook, as `jupyter nbconvert --to html` makes one:
// code with its prompt, outputs in their richest static form (training views as the SVG/HTML
// fallbacks saved with the notebook), Markdown rendered. Everything that is someone else's
// content goes through the app's sanitizer; SVG is embedded as an <img> (no script can run);
// the page carries no script at all. Runs in the browser (DOMPurify needs a DOM).
import { highlight, renderMarkdown } from '../renderers/markdown';
import { sanitizeHtml } from '../renderers/sanitize';
import { parseAnsi } from '../renderers/ansi';

interface AnyOutput {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
  traceback?: string[];
  execution_count?: number | null;
}
interface AnyCell {
  cell_type: string;
  source: string | string[];
  execution_count?: number | null;
  outputs?: AnyOutput[];
  metadata?: Record<string, unknown>;
  attachments?: Record<string, unknown>;
}

const text = (s: unknown) => (Array.isArray(s) ? s.join('') : typeof s === 'string' ? s : '');
export const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** ANSI colours as classes (the same names the app uses), text escaped. */
function ansiHtml(s: string): string {
  return parseAnsi(s)
    .map((seg) => {
      // class names come from the parser's closed set; rgb() colours are validated there
      const style = [seg.color && `color: ${seg.color}`, seg.background && `background-color: ${seg.background}`].filter(Boolean).join('; ');
      if (!seg.classes.length && !style) return escapeHtml(seg.text);
      return `<span${seg.classes.length ? ` class="${seg.classes.join(' ')}"` : ''}${style ? ` style="${style}"` : ''}>${escapeHtml(seg.text)}</span>`;
    })
    .join('');
}

const base64 = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s)));
const b64ok = (s: string) => /^[A-Za-z0-9+/=\s]*$/.test(s);

/** nbconvert's order: the richest static form a browser shows without a kernel. */
const ORDER = ['text/html', 'image/svg+xml', 'image/png', 'image/jpeg', 'image/gif', 'text/markdown', 'text/latex', 'application/json', 'text/plain'];

function dataHtml(data: Record<string, unknown>): string {
  const mime = ORDER.find((m) => m in data && (m === 'application/json' ? data[m] !== undefined : text(data[m]) !== ''));
  if (!mime) return '';
  const v = data[mime];
  switch (mime) {
    case 'text/html':
      return `<div class="output_html">${sanitizeHtml(text(v))}</div>`;
    case 'image/svg+xml':
      return `<img class="output_svg" alt="${escapeHtml(text(data['text/plain']).slice(0, 200))}" src="data:image/svg+xml;base64,${base64(text(v))}">`;
    case 'image/png':
    case 'image/jpeg':
    case 'image/gif':
      return b64ok(text(v)) ? `<img alt="${escapeHtml(text(data['text/plain']).slice(0, 200))}" src="data:${mime};base64,${text(v).replace(/\s/g, '')}">` : '';
    case 'text/markdown':
      return `<div class="output_markdown">${renderMarkdown(text(v))}</div>`;
    case 'text/latex':
      return `<div class="output_latex">${renderMarkdown(`$$${text(v).replace(/^\s*\$+|\$+\s*$/g, '')}$$`)}</div>`;
    case 'application/json':
      return `<pre>${escapeHtml(JSON.stringify(v, null, 2))}</pre>`;
    default:
      return `<pre>${ansiHtml(text(v))}</pre>`;
  }
}

function outputHtml(o: AnyOutput): string {
  if (o.output_type === 'stream') return `<div class="output stream ${o.name === 'stderr' ? 'stderr' : 'stdout'}"><pre>${ansiHtml(text(o.text))}</pre></div>`;
  if (o.output_type === 'error') {
    const trace = (o.traceback ?? []).map(String).join('\n');
    return `<div class="output error"><pre>${ansiHtml(trace || `${o.ename ?? 'Error'}: ${o.evalue ?? ''}`)}</pre></div>`;
  }
  if (o.data) return `<div class="output ${o.output_type === 'execute_result' ? 'result' : 'display'}">${dataHtml(o.data)}</div>`;
  return '';
}

function cellHtml(c: AnyCell): string {
  const src = text(c.source);
  if (c.cell_type === 'markdown') return `<div class="cell markdown">${renderMarkdown(src, c.attachments)}</div>`;
  if (c.cell_type === 'raw') return `<div class="cell raw"><pre>${escapeHtml(src)}</pre></div>`;
  const n = c.execution_count ?? ' ';
  const hidden = c.metadata?.collapsed === true || (c.metadata?.jupyter as { outputs_hidden?: boolean } | undefined)?.outputs_hidden === true;
  const outs = hidden ? '' : (c.outputs ?? []).map(outputHtml).join('');
  return `<div class="cell code"><div class="input"><div class="prompt">In&nbsp;[${n}]:</div><pre class="source hljs"><code>${highlight(src, 'typescript')}</code></pre></div>${outs ? `<div class="outputs">${outs}</div>` : ''}</div>`;
}

const STYLE = `
body { font: 14px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1f2328; background: #fff; max-width: 1000px; margin: 0 auto; padding: 24px; }
pre { margin: 0; font: 13px/1.45 'DejaVu Sans Mono', Menlo, Consolas, monospace; white-space: pre-wrap; word-break: break-word; }
.cell { margin: 10px 0; }
.input { display: flex; gap: 8px; }
.prompt { flex: 0 0 64px; color: #303f9f; font: 12px/20px monospace; text-align: right; }
.source { flex: 1; background: #f7f7f8; border: 1px solid #e0e0e0; border-radius: 3px; padding: 6px 10px; }
.outputs { margin-left: 72px; padding: 4px 0; overflow-x: auto; }
.output { padding: 2px 0; } .stderr { background: #fdf0f0; } .error { background: #fdecea; border-left: 3px solid #c62828; padding-left: 6px; }
.markdown { padding: 0 10px 0 72px; } .markdown code { background: #f1f1f3; padding: 1px 4px; border-radius: 3px; }
table { border-collapse: collapse; } th, td { border: 1px solid #e0e0e0; padding: 3px 8px; }
img { max-width: 100%; }
.katex-html { display: none; }
.hljs-keyword, .hljs-built_in { color: #cf222e; } .hljs-string { color: #0a3069; } .hljs-number, .hljs-literal { color: #0550ae; } .hljs-comment { color: #57606a; } .hljs-title { color: #8250df; }
.tl-ansi-red-fg { color: #c62f2b; } .tl-ansi-green-fg { color: #00753a; } .tl-ansi-yellow-fg { color: #866800; } .tl-ansi-blue-fg { color: #1464c0; } .tl-ansi-magenta-fg { color: #a0329a; } .tl-ansi-cyan-fg { color: #1a7475; } .tl-ansi-bold { font-weight: bold; }
`;

/** The whole page. `nb` is the notebook as saved (nbformat JSON, with the fallbacks). */
export function toHtml(nb: { cells: AnyCell[] }, title = 'notebook'): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="generator" content="Torchlit">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${nb.cells.map(cellHtml).join('\n')}
</main>
</body>
</html>
`;
}
