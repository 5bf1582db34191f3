// Everything that reaches innerHTML goes through here: saved outputs and Markdown come from
// someone else's notebook. Scripts, on* handlers, javascript:/data: links, frames, <base>,
// <meta>, forms and CSS url() are removed; DOM clobbering via id/name is prevented.
import DOMPurify from 'dompurify';

let configured = false;
function configure() {
  if (configured) return;
  configured = true;
  DOMPurify.addHook('uponSanitizeAttribute', (_node, data) => {
    if (data.attrName === 'style' && /url\s*\(|expression\s*\(|@import|behavior\s*:/i.test(data.attrValue)) data.keepAttr = false;
    if ((data.attrName === 'href' || data.attrName === 'xlink:href') && /^\s*data:/i.test(data.attrValue)) data.keepAttr = false;
  });
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A' && node.getAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
}

const common = {
  FORBID_TAGS: ['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'base', 'meta', 'link', 'form', 'input', 'button', 'textarea', 'select', 'foreignObject'],
  FORBID_ATTR: ['srcdoc', 'formaction', 'action', 'ping'],
  SANITIZE_DOM: true,
  SANITIZE_NAMED_PROPS: true,
  ALLOW_DATA_ATTR: false,
};

export function sanitizeHtml(html: string): string {
  configure();
  return DOMPurify.sanitize(html, { ...common, USE_PROFILES: { html: true, svg: true, mathMl: true } });
}

export function sanitizeSvg(svg: string): string {
  configure();
  return DOMPurify.sanitize(svg, { ...common, USE_PROFILES: { svg: true, svgFilters: true } });
}
