// A Torchlit notebook → a PyTorch (Python) notebook, nbformat 4.5 with the python3 kernelspec:
// Markdown cells unchanged, code cells translated (python-stmt.ts), outputs dropped (the user
// reruns), and a first cell with the imports and the notebook helpers the code uses. `toScript`
// gives the same as one .py file with `# %%` cell markers (VS Code, Jupytext, Spyder read them).
import { PY_HELPERS } from './helpers-py';
import { translateCell } from './python-stmt';

interface AnyCell {
  id?: string;
  cell_type: string;
  source: string | string[];
  metadata?: Record<string, unknown>;
  attachments?: unknown;
}
interface AnyNotebook {
  cells: AnyCell[];
  metadata?: Record<string, unknown>;
}

export interface ExportResult {
  notebook: Record<string, unknown>;
  /** `cell N, line M: what could not be translated (the line)`: each became a TODO comment. */
  warnings: string[];
}

const src = (c: AnyCell) => (Array.isArray(c.source) ? c.source.join('') : c.source);
const lines = (s: string) => {
  const parts = s.split('\n');
  return parts.map((l, i) => (i < parts.length - 1 ? l + '\n' : l)).filter((l, i) => l !== '' || i < parts.length - 1);
};

const BASE_IMPORTS = ['import torch', 'from torch import nn, optim', 'import torch.nn.functional as F'];

function setupCell(imports: Set<string>, code: string): string {
  const used = (name: string) => new RegExp(`(^|[^\\w.])${name}\\(`, 'm').test(code);
  const all = [...BASE_IMPORTS, ...[...imports].sort()];
  const helpers = Object.keys(PY_HELPERS).filter((h) => (h === 'display' ? used('display') || used('update_display') : used(h) || (h === 'plot' && /(^|[^\w.])plot\./m.test(code))));
  const parts = ['# Exported from Torchlit (https://github.com/): the imports this notebook needs', ...all];
  if (helpers.length) parts.push('', "# Torchlit's notebook helpers, in Python", ...helpers.map((h) => PY_HELPERS[h].trimEnd()));
  return parts.join('\n');
}

export function toPytorchNotebook(nb: AnyNotebook, name = 'notebook'): ExportResult {
  const imports = new Set<string>();
  const warnings: string[] = [];
  const cells: Record<string, unknown>[] = [];
  let codeAll = '';
  nb.cells.forEach((c, i) => {
    const id = c.id ?? `cell-${i}`;
    if (c.cell_type === 'code') {
      const t = translateCell(src(c), imports);
      for (const w of t.warnings) warnings.push(`cell ${i + 1}, ${w}`);
      codeAll += t.code + '\n';
      cells.push({ id, cell_type: 'code', metadata: {}, execution_count: null, source: lines(t.code), outputs: [] });
    } else if (c.cell_type === 'markdown') {
      cells.push({ id, cell_type: 'markdown', metadata: {}, source: lines(src(c)), ...(c.attachments ? { attachments: c.attachments } : {}) });
    } else cells.push({ id, cell_type: 'raw', metadata: {}, source: lines(src(c)) });
  });
  cells.unshift({ id: 'torchlit-export-setup', cell_type: 'code', metadata: {}, execution_count: null, source: lines(setupCell(imports, codeAll)), outputs: [] });
  return {
    notebook: {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {
        kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
        language_info: { name: 'python' },
        torchlit: { exported_from: name, warnings: warnings.length },
      },
      cells,
    },
    warnings,
  };
}

/** The exported notebook as one Python script, cells marked `# %%` (Markdown as comments). */
export function toScript(r: ExportResult, opts: { echoLast?: boolean } = {}): string {
  const cells = (r.notebook.cells as { cell_type: string; source: string[] }[]).map((c) =>
    c.cell_type === 'code' ? `# %%\n${opts.echoLast ? echoLast(c.source.join('')) : c.source.join('')}` : `# %% [markdown]\n${c.source.join('').split('\n').map((l) => `# ${l}`.trimEnd()).join('\n')}`,
  );
  return cells.join('\n\n') + '\n';
}

/**
 * A notebook shows the value of a cell's last bare expression; a script does not. For running the
 * script as the notebook would (npm run check:export), that line is printed.
 */
function echoLast(code: string): string {
  const lines = code.split('\n');
  const i = lines.length - 1;
  const last = lines[i];
  if (!last || /^\s|^#|^(for|while|if|elif|else|with|def|class|return|import|from|try|except|finally|raise|pass|break|continue)\b/.test(last) || /^[\w.\[\], ]+\s*[-+*/]?=[^=]/.test(last) || /^\w+\(.*\)$/.test(last) && /^(print|display|plot|grads)\b/.test(last)) return code;
  lines[i] = `print(${last})`;
  return lines.join('\n');
}
