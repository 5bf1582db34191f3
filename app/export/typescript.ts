// "Download as TypeScript": the notebook as one `.ts` script, as `jupyter nbconvert --to script`
// writes a Python one: code cells in order under `// In[n]:` markers, Markdown (and raw) cells
// as `//` comments, outputs left out.

interface AnyCell {
  cell_type: string;
  source: string | string[];
  execution_count?: number | null;
}

const text = (s: string | string[]) => (Array.isArray(s) ? s.join('') : s);

/** `// ` before every line (an empty line becomes `//`), as nbconvert's `# ` for Markdown. */
export const commentLines = (s: string) =>
  s
    .replace(/\s+$/, '')
    .split('\n')
    .map((l) => (l.trim() ? `// ${l}` : '//'))
    .join('\n');

export function toTypeScript(nb: { cells: AnyCell[] }, name = 'notebook'): string {
  const parts = [`// ${name}: exported from Torchlit (TypeScript notebook cells; torch, nn, optim, print … are the notebook's globals)`];
  for (const c of nb.cells) {
    const src = text(c.source);
    if (!src.trim()) continue;
    if (c.cell_type === 'code') parts.push(`// In[${c.execution_count ?? ' '}]:\n\n\n${src.replace(/\s+$/, '')}`);
    else parts.push(commentLines(src));
  }
  return parts.join('\n\n\n') + '\n';
}
