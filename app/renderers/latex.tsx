// text/latex outputs (SymPy, pandas' to_latex, IPython.display.Latex) typeset with KaTeX, as
// JupyterLab typesets them with MathJax. The text goes through the Markdown path, which cuts out
// $…$, $$…$$ and \[…\] for KaTeX and sanitizes the result; text with no delimiters is one
// display formula. KaTeX shows what it cannot typeset in red, never throws.
import { useMemo } from 'react';
import { renderMarkdown } from './markdown';
import type { RendererProps } from './types';

/** The source renderMarkdown should see: delimited math as is, bare TeX as one display formula. */
export function latexSource(data: string): string {
  const s = data.trim();
  if (/\$|\\\[/.test(s)) return s;
  // \( … \) is inline math in Jupyter; the Markdown scanner knows $ … $.
  const inline = /^\\\(([\s\S]*)\\\)$/.exec(s);
  return inline ? `$${inline[1]}$` : `$$\n${s}\n$$`;
}

export function LatexOutput({ data }: RendererProps<string>) {
  const html = useMemo(() => renderMarkdown(latexSource(String(data))), [data]);
  return <div className="tl-latex tl-markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}
