// Markdown → sanitized HTML: markdown-it, KaTeX math ($…$, $$…$$) and highlighted code blocks.
import MarkdownIt from 'markdown-it';
import katex from 'katex';
import hljs from 'highlight.js/lib/core';
import typescript from 'highlight.js/lib/languages/typescript';
import javascript from 'highlight.js/lib/languages/javascript';
import python from 'highlight.js/lib/languages/python';
import json from 'highlight.js/lib/languages/json';
import bash from 'highlight.js/lib/languages/bash';
import 'katex/dist/katex.min.css';
import { sanitizeWithMath } from './sanitize';
import { findMath } from './math-scan';
import { escapeHtml } from './escape';
import { resolveAttachment, type Attachments } from '../notebook/attachments';

hljs.registerLanguage('typescript', typescript);
hljs.registerLanguage('javascript', javascript);
hljs.registerLanguage('python', python);
hljs.registerLanguage('json', json);
hljs.registerLanguage('bash', bash);
hljs.registerAliases(['ts'], { languageName: 'typescript' });
hljs.registerAliases(['js'], { languageName: 'javascript' });
hljs.registerAliases(['py'], { languageName: 'python' });
hljs.registerAliases(['sh', 'shell'], { languageName: 'bash' });

export function highlight(code: string, lang = 'typescript'): string {
  if (lang && hljs.getLanguage(lang)) {
    try {
      return hljs.highlight(code, { language: lang, ignoreIllegals: true }).value;
    } catch {
      /* fall through */
    }
  }
  return escapeHtml(code);
}

const md = new MarkdownIt({
  html: true,
  linkify: true,
  typographer: false,
  highlight: (code, lang) => `<pre class="hljs"><code>${highlight(code, lang)}</code></pre>`,
});

/** Formulas typeset per Markdown text; the rest show their TeX (each costs KaTeX a fraction of a millisecond). */
export const MAX_FORMULAS = 2000;

const nonce = () => Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(36)).join('');

// Math is cut out before Markdown sees it (so `_` and `*` inside it stay math); code spans and
// fences are skipped (math-scan.ts, linear). KaTeX's output is sanitized on its own (with the
// allowance it needs to place glyphs) and put into the sanitized Markdown where a random token
// stands in a text node: a notebook cannot guess the token, nor move math into an attribute.
/** `attachments`: the cell's (nbformat `cell.attachments`), shown for `attachment:name` images. */
export function renderMarkdown(source: string, attachments?: Attachments): string {
  const token = `TLMATH${nonce()}N`;
  const math: string[] = [];
  let text = '';
  let at = 0;
  for (const m of findMath(source)) {
    text += source.slice(at, m.start);
    at = m.end;
    if (math.length >= MAX_FORMULAS) {
      text += source.slice(m.start, m.end);
      continue;
    }
    let html: string;
    try {
      html = katex.renderToString(m.tex, { displayMode: m.display, throwOnError: false, trust: false, output: 'htmlAndMathml', maxSize: 50, maxExpand: 1000 });
    } catch {
      html = `<code>${escapeHtml(source.slice(m.start, m.end))}</code>`;
    }
    math.push(html);
    text += `${token}${math.length - 1}X`;
  }
  text += source.slice(at);
  return sanitizeWithMath(md.render(text), token, math, attachments ? (url) => resolveAttachment(attachments, url) : undefined);
}
