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
import { sanitizeHtml } from './sanitize';
import { escapeHtml } from './escape';

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

// Math is cut out before Markdown sees it (so `_` and `*` inside it stay math) and put back
// before the whole is sanitized. Code spans and fences are skipped.
const MATH = /(```[\s\S]*?```|~~~[\s\S]*?~~~|`[^`\n]*`)|(\$\$[\s\S]+?\$\$)|(\\\[[\s\S]+?\\\])|(?<![\\$\w])\$(?!\s)([^$\n]+?)(?<!\s)\$(?![\w$])/g;

export function renderMarkdown(source: string): string {
  const math: string[] = [];
  const text = source.replace(MATH, (all, code: string | undefined, display: string | undefined, bracket: string | undefined, inline: string | undefined) => {
    if (code) return all;
    const tex = display ? display.slice(2, -2) : bracket ? bracket.slice(2, -2) : inline!;
    const displayMode = Boolean(display || bracket);
    let html: string;
    try {
      html = katex.renderToString(tex, { displayMode, throwOnError: false, trust: false, output: 'htmlAndMathml' });
    } catch {
      html = `<code>${escapeHtml(all)}</code>`;
    }
    math.push(html);
    return `KATEXMATH${math.length - 1}X`;
  });
  // KaTeX's output (trust off) is put back before sanitizing, so it is checked like the rest.
  return sanitizeHtml(md.render(text).replace(/KATEXMATH(\d+)X/g, (_, i: string) => math[Number(i)] ?? ''));
}
