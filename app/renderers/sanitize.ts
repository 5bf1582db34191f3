// Everything that reaches innerHTML goes through here: saved outputs and Markdown come from
// someone else's notebook (e2e/security.spec.ts throws a corpus at it). Nothing may run, nothing
// may be fetched from outside the app, and nothing may restyle or overlay the app:
// - scripts, on* handlers, frames, <object>/<embed>, <base>, <meta>, <link>, <style>, forms,
//   SVG <foreignObject>/<animate>/<set> are removed;
// - links keep http(s)/mailto/relative/#fragment targets only and open in a new tab without an
//   opener; javascript:, vbscript: and data: links are removed;
// - resources load only from data: URLs of images/audio/video (as Jupyter embeds plots); a
//   remote image becomes a visible "not loaded" placeholder, other remote resources are dropped
//   (srcset, poster, background, ping, SVG <image>/<feImage>/<use> to anything but a #fragment);
// - CSS (style attributes and SVG presentation attributes such as fill, mask, filter, cursor)
//   may reference only `url(#fragment)`; image-set/@import/expression/CSS escapes are dropped;
// - nothing may cover the app: <dialog> and popovers (the top layer escapes every clip) are
//   removed, and styles that position, transform, float or pull a box with negative margins are
//   dropped (css-policy.ts; the output box clips and isolates as well, app/styles/app.css);
// - id/name are prefixed (DOM clobbering); trust is never read from the notebook.
import DOMPurify from 'dompurify';
import { CSS_VALUED_ATTRS, cssValueSafe, styleAllowed, urlsAreFragments } from './css-policy';

/** data: URLs a resource may load from (never HTML, SVG or script). */
const SAFE_DATA = /^data:(image\/(png|jpe?g|gif|webp|bmp|avif)|video\/(mp4|webm|ogg)|audio\/(mpeg|mp3|wav|ogg|webm|x-wav))[;,]/i;
/** Link targets a user may follow (in a new tab). */
const SAFE_LINK = /^(https?:|mailto:|#|\/|\.{0,2}\/|[^:]*$)/i;
/** Attributes that fetch or navigate; each element keeps only what `urlAllowed` lets through. */
const URL_ATTRS = ['src', 'srcset', 'href', 'xlink:href', 'poster', 'background', 'action', 'formaction', 'data', 'codebase', 'cite', 'longdesc', 'lowsrc', 'dynsrc', 'ping', 'manifest', 'imagesrcset'];

const compact = (v: string) => v.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');

function urlAllowed(tag: string, attr: string, value: string): boolean {
  const v = compact(value);
  if (attr === 'href' || attr === 'xlink:href') {
    if (tag === 'a' || tag === 'area') return SAFE_LINK.test(v) && !/^(javascript|vbscript|data):/i.test(v);
    if (tag === 'use' || tag === 'textpath' || tag === 'mpath' || tag === 'tref' || tag === 'altglyph' || tag === 'glyphref') return v.startsWith('#');
    if (tag === 'image' || tag === 'feimage') return SAFE_DATA.test(v);
    return false;
  }
  if (attr === 'src') return (tag === 'img' || tag === 'video' || tag === 'audio' || tag === 'source') && SAFE_DATA.test(v);
  if (attr === 'poster') return tag === 'video' && SAFE_DATA.test(v);
  return false;
}

/** Which style rules the running sanitize call applies (DOMPurify's hooks are global). */
let stylePolicy: 'content' | 'math' = 'content';
/**
 * While a Markdown cell is sanitized: its attachments' data: URLs by `attachment:` URL
 * (app/notebook/attachments.ts resolves only image types; an SVG one is only ever an <img>).
 */
let attachmentUrl: ((url: string) => string | null) | null = null;

let configured = false;
function configure() {
  if (configured) return;
  configured = true;
  DOMPurify.addHook('uponSanitizeAttribute', (node, data) => {
    const name = data.attrName.toLowerCase();
    const value = data.attrValue;
    if (name === 'src' && attachmentUrl && node.nodeName.toLowerCase() === 'img' && /^attachment:/i.test(compact(value))) {
      // DOMPurify then checks the data: URL itself (allowed on <img> only).
      const url = attachmentUrl(compact(value));
      if (url) data.attrValue = url;
      else data.keepAttr = false;
      return;
    }
    if (name === 'style') {
      if (!styleAllowed(value, stylePolicy)) data.keepAttr = false;
    } else if (CSS_VALUED_ATTRS.has(name) ? !cssValueSafe(value) : !urlsAreFragments(value)) {
      data.keepAttr = false;
    }
    if (URL_ATTRS.includes(name)) {
      const tag = node.nodeName.toLowerCase();
      if (!urlAllowed(tag, name, data.attrValue)) {
        // A remote image is kept as a visible placeholder (see afterSanitizeAttributes).
        if (tag === 'img' && name === 'src' && /^https?:|^\/\//i.test(compact(data.attrValue))) (node as Element).setAttribute('data-tl-blocked', compact(data.attrValue).slice(0, 500));
        data.keepAttr = false;
      }
    }
  });
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    const tag = node.nodeName.toLowerCase();
    if ((tag === 'a' || tag === 'area') && (node.hasAttribute('href') || node.hasAttribute('xlink:href'))) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
}

const common = {
  FORBID_TAGS: ['script', 'style', 'dialog', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'meta', 'link', 'form', 'input', 'button', 'textarea', 'select', 'option', 'foreignObject', 'animate', 'set', 'animateMotion', 'animateTransform', 'animateColor', 'portal', 'noscript', 'template', 'track'],
  // popover*/interestfor/commandfor open the top layer, above the app and outside every clip.
  FORBID_ATTR: ['srcdoc', 'formaction', 'action', 'ping', 'srcset', 'imagesrcset', 'background', 'autofocus', 'popover', 'popovertarget', 'popovertargetaction', 'interestfor', 'interesttarget', 'commandfor', 'command', 'anchor'],
  SANITIZE_DOM: true,
  SANITIZE_NAMED_PROPS: true,
  ALLOW_DATA_ATTR: false,
  RETURN_DOM_FRAGMENT: true as const,
};

/**
 * Turns the images whose remote source was removed into a visible "not loaded" note: a link that
 * opens the image in a new tab when the reader chooses to (no request leaves until then, and
 * then without a referrer or an opener).
 */
function finish(frag: DocumentFragment): string {
  for (const img of Array.from(frag.querySelectorAll('img[data-tl-blocked]'))) {
    const url = img.getAttribute('data-tl-blocked') ?? '';
    const linkable = /^(https?:)?\/\//i.test(url);
    const note = document.createElement(linkable ? 'a' : 'span');
    note.className = 'tl-blocked-resource';
    note.title = `Remote image not loaded (notebooks do not fetch from other sites)${linkable ? '; click to open it in a new tab' : ''}: ${url}`;
    note.textContent = `[image${img.getAttribute('alt') ? `: ${img.getAttribute('alt')}` : ''} — not loaded from ${hostOf(url)}${linkable ? ' ↗' : ''}]`;
    if (linkable) {
      note.setAttribute('href', url);
      note.setAttribute('target', '_blank');
      note.setAttribute('rel', 'noopener noreferrer');
      note.setAttribute('referrerpolicy', 'no-referrer');
    }
    note.setAttribute('style', 'display:inline-block;padding:1px 6px;border:1px dashed #999;border-radius:3px;color:#666;font-size:0.9em');
    img.replaceWith(note);
  }
  const box = document.createElement('div');
  box.appendChild(frag);
  return box.innerHTML;
}

function hostOf(url: string): string {
  try {
    return new URL(url, 'http://x.invalid').host || 'another site';
  } catch {
    return 'another site';
  }
}

export function sanitizeHtml(html: string): string {
  configure();
  return finish(DOMPurify.sanitize(html, { ...common, USE_PROFILES: { html: true, svg: true, svgFilters: true, mathMl: true } }));
}

/**
 * Sanitizes rendered Markdown and puts each formula (KaTeX's HTML, sanitized with the math style
 * allowance) where `${token}${i}X` stands in a text node. Tokens in attributes stay text.
 */
export function sanitizeWithMath(html: string, token: string, math: string[], attachments?: (url: string) => string | null): string {
  configure();
  attachmentUrl = attachments ?? null;
  let frag: DocumentFragment;
  try {
    frag = DOMPurify.sanitize(html, { ...common, USE_PROFILES: { html: true, svg: true, svgFilters: true, mathMl: true } });
  } finally {
    attachmentUrl = null;
  }
  if (math.length === 0) return finish(frag);
  const pattern = new RegExp(`${token}(\\d+)X`, 'g');
  const walker = document.createTreeWalker(frag, NodeFilter.SHOW_TEXT);
  const hits: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if ((n as Text).data.includes(token)) hits.push(n as Text);
  for (const node of hits) {
    const parts = document.createDocumentFragment();
    let at = 0;
    for (const m of node.data.matchAll(pattern)) {
      parts.append(node.data.slice(at, m.index), sanitizeMath(math[Number(m[1])] ?? ''));
      at = m.index! + m[0].length;
    }
    parts.append(node.data.slice(at));
    node.replaceWith(parts);
  }
  return finish(frag);
}

function sanitizeMath(html: string): DocumentFragment {
  stylePolicy = 'math';
  try {
    return DOMPurify.sanitize(html, { ...common, USE_PROFILES: { html: true, svg: true, mathMl: true } });
  } finally {
    stylePolicy = 'content';
  }
}

export function sanitizeSvg(svg: string): string {
  configure();
  return finish(DOMPurify.sanitize(svg, { ...common, USE_PROFILES: { svg: true, svgFilters: true } }));
}
