// The sanitizer's rules against the attack payloads in real Chromium:
// nothing that could cover the app (issue 22, hole 4) and no reference to another site in CSS or
// SVG presentation attributes (hole 5) survives; what plots and math need does.
import { describe, expect, it } from 'vitest';
import { sanitizeHtml, sanitizeSvg } from './sanitize';
import { renderMarkdown } from './markdown';

// The issue-22 payloads of the attack corpus (e2e/data/xss-corpus.ts, which the e2e specs throw
// at the page; app/ may not import e2e/, so they are repeated here).
const EVIL = 'http://evil.invalid';
const overlayPayloads: Record<string, string> = {
  'dialog-open': `<dialog open style="position:fixed;inset:0;margin:0;width:100vw;height:100vh;z-index:2147483647;background:#fff">Kernel crashed: click to re-authenticate</dialog><dialog open>plain open dialog</dialog>`,
  'position-fixed': `<div style="position:fixed;top:0;left:0;width:100vw;height:100vh;z-index:2147483647;background:#fff">fixed fake UI</div>`,
  'position-absolute': `<div style="position:absolute;top:-3000px;left:0;width:100vw;height:4000px;z-index:9999;background:#fff">absolute fake UI</div>`,
  transform: `<div style="transform:translateY(-4000px);height:5000px;background:#fff">transformed fake UI</div><div style="translate:0 -4000px;height:5000px;background:#fff">translate</div><div style="-webkit-transform:scale(50)">scaled</div>`,
  'negative-margin': `<div style="margin-top:-5000px;height:6000px;background:#fff">margin fake UI</div><div style="margin:-3000px 0 0 0;height:4000px;background:#fff">margin shorthand</div><div style="margin-top:calc(0px - 100vh)">calc margin</div>`,
  'z-index-sticky': `<div style="position:sticky;top:0;z-index:2147483647;background:#fff">sticky</div><div style="z-index:99999">z</div>`,
  'float-inset': `<div style="float:left;margin-top:-400px">float</div><div style="inset:0">inset</div><div style="offset-path:path('M0 -3000');offset-distance:0">offset path</div>`,
  popover: `<div popover="manual" id="pop" style="inset:0">popover fake UI</div><button popovertarget="pop">open</button><a interestfor="pop" href="#x">hover</a>`,
  'svg-overflow': `<svg width="10" height="10" style="overflow:visible"><rect transform="translate(0,-4000)" width="6000" height="6000" fill="#fff"/></svg>`,
  'md-math-kern': `$\\kern-3000em\\raisebox{3000em}{fake}$`,
};

const htmlPayloads: Record<string, string> = {
  'svg-presentation-urls': `<svg width="20" height="20"><rect width="5" height="5" fill="url(${EVIL}/svg-fill#a)" stroke="url(${EVIL}/svg-stroke#a)" mask="url(${EVIL}/svg-mask#m)" clip-path="url('${EVIL}/svg-clip#c')" filter="url(${EVIL}/svg-filter#f)" cursor="url(${EVIL}/svg-cursor.png), auto" marker-start="url(${EVIL}/svg-marker-start#m)" marker-mid="url(${EVIL}/svg-marker-mid#m)" marker-end="url(&quot;${EVIL}/svg-marker-end#m&quot;)"/><path d="M0 0L5 5" style="fill:url(${EVIL}/svg-style-fill#a);marker-end:url(${EVIL}/svg-style-marker#m)"/></svg>`,
  'css-url-variants': `<div style="background:URL(${EVIL}/css-url-upper)">u</div><div style="cursor:image-set('${EVIL}/css-cursor-set' 1x), auto">c</div><div style="mask-image:url( '${EVIL}/css-mask' )">m</div><div style="border-image:url(//evil.invalid/css-border) 30">b</div>`,
  'svg-cursor-image-set': `<svg><rect width="5" height="5" cursor="image-set('${EVIL}/svg-cursor-set' 1x), auto"/></svg>`,
  'css-url': `<div style="background:url(${EVIL}/css-url)">css url</div>`,
  'css-url-escaped': `<div style="background-image:u\\72l(${EVIL}/css-url-escaped)">css escaped url</div>`,
  'css-image-set': `<div style="background-image:image-set('${EVIL}/css-image-set' 1x)">image-set</div>`,
  'style-url': `<style>.tl-notebook{background:url(${EVIL}/style-url)}</style>`,
  'svg-use-remote': `<svg><use href="${EVIL}/svg-use.svg#x"/><use xlink:href="${EVIL}/svg-use-xlink.svg#x"/></svg>`,
  'svg-image': `<svg><image href="${EVIL}/svg-image"/><image xlink:href="${EVIL}/svg-image-xlink"/></svg>`,
  'svg-feimage': `<svg><filter id="f"><feImage href="${EVIL}/svg-feimage"/></filter><rect filter="url(#f)" width="10" height="10"/></svg>`,
};

const svgPayloads: Record<string, string> = {
  'svg-doc-use': `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="${EVIL}/svg-doc-use.svg#a"/></svg>`,
  'svg-doc-image': `<svg xmlns="http://www.w3.org/2000/svg"><image href="${EVIL}/svg-doc-image" width="5" height="5"/></svg>`,
  'svg-doc-style': `<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(${EVIL}/svg-doc-style.css); rect{fill:url(${EVIL}/svg-doc-fill)}</style><rect width="5" height="5" style="fill:url(${EVIL}/svg-doc-inline)"/></svg>`,
  'svg-doc-presentation': `<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><defs><linearGradient id="ok"><stop offset="0" stop-color="red"/></linearGradient></defs><rect width="5" height="5" fill="url(${EVIL}/svg-doc-fill#a)" filter="url(${EVIL}/svg-doc-filter#f)" mask="url(${EVIL}/svg-doc-mask#m)"/><rect x="6" width="5" height="5" fill="url(#ok)"/></svg>`,
};

function parse(html: string): Element[] {
  const box = document.createElement('div');
  box.innerHTML = html;
  return [...box.querySelectorAll('*')];
}

/** Every url() in an attribute (style included) that points anywhere but a #fragment. */
const remoteUrls = (els: Element[]) =>
  els.flatMap((el) => [...el.attributes].filter((a) => /url\s*\(\s*['"]?\s*[^#'"\s]/i.test(a.value) || /image-set/i.test(a.value)).map((a) => `${el.tagName}[${a.name}=${a.value}]`));

/** Elements that could leave their box or enter the top layer. */
const escapes = (els: Element[]) =>
  els.flatMap((el) => {
    const found: string[] = [];
    if (/^dialog$/i.test(el.tagName)) found.push('dialog');
    for (const a of ['popover', 'popovertarget', 'interestfor']) if (el.hasAttribute(a)) found.push(a);
    const st = (el as HTMLElement).style;
    if (!st || el.closest('.katex')) return found;
    if (st.position || st.transform || st.translate || st.zIndex || st.float || st.inset || st.top || st.left || st.offsetPath || st.scale || st.rotate) found.push(`${el.tagName} style="${el.getAttribute('style')}"`);
    for (const side of ['marginTop', 'marginLeft', 'marginRight', 'marginBottom'] as const) if (/-|calc/.test(st[side])) found.push(`${el.tagName} ${side}=${st[side]}`);
    return found;
  });

describe('sanitizer: nothing draws over the app (hole 4)', () => {
  for (const [name, payload] of Object.entries(overlayPayloads)) {
    it(`${name}: as HTML and as Markdown`, () => {
      expect(escapes(parse(sanitizeHtml(payload)))).toEqual([]);
      expect(escapes(parse(renderMarkdown(payload)))).toEqual([]);
    });
  }

  it('keeps ordinary layout styles', () => {
    const out = parse(sanitizeHtml('<div style="color: red; margin: 4px 0; padding-left: 2em; width: 50%">x</div><p style="margin-top:0.5em">y</p>'));
    expect(out[0].getAttribute('style')).toContain('margin: 4px 0');
    expect(out[1].getAttribute('style')).toBe('margin-top:0.5em');
  });

  it('math keeps the positioning KaTeX needs, within bounds', () => {
    const out = parse(renderMarkdown('A fraction $\\frac{a^2_i}{\\sqrt{b}}$ and $$\\int_0^1 x\\,dx$$'));
    const styled = out.filter((el) => el.closest('.katex-html') && /top:/.test(el.getAttribute('style') ?? ''));
    expect(styled.length).toBeGreaterThan(0);
    expect(out.some((el) => /margin-right:-|margin-left:-/.test(el.getAttribute('style') ?? '') || el.classList.contains('vlist'))).toBe(true);
    const huge = parse(renderMarkdown(overlayPayloads['md-math-kern']));
    const offsets = huge.flatMap((el) => (el.getAttribute('style') ?? '').match(/-?\d*\.?\d+/g) ?? []).map(Number);
    expect(offsets.length).toBeGreaterThan(0);
    expect(Math.max(...offsets.map(Math.abs))).toBeLessThanOrEqual(100);
  });

  it('a math token in an attribute stays text (no markup injected into attributes)', () => {
    const out = renderMarkdown('<img alt="$x$" src="data:image/png;base64,AA=="> $y$');
    const img = parse(out).find((e) => e.tagName === 'IMG')!;
    expect(img.getAttribute('alt')).not.toContain('<');
    expect(parse(out).some((e) => e.classList.contains('katex'))).toBe(true);
  });
});

describe('sanitizer: only url(#fragment) in CSS and SVG (hole 5)', () => {
  for (const [name, payload] of Object.entries(htmlPayloads)) {
    it(`html ${name}`, () => {
      expect(remoteUrls(parse(sanitizeHtml(payload)))).toEqual([]);
      expect(remoteUrls(parse(renderMarkdown(payload)))).toEqual([]);
    });
  }
  for (const [name, payload] of Object.entries(svgPayloads)) {
    it(`svg ${name}`, () => expect(remoteUrls(parse(sanitizeSvg(payload)))).toEqual([]));
  }

  it('keeps same-document references that plots use', () => {
    const out = parse(
      sanitizeSvg(
        `<svg xmlns="http://www.w3.org/2000/svg"><defs><linearGradient id="g"/><clipPath id="c"><rect width="1" height="1"/></clipPath><marker id="m"/><filter id="f"/></defs><rect fill="url(#g)" clip-path="url('#c')" marker-end='url("#m")' filter="url(#f)" style="fill:url(#g);stroke:#333" width="5" height="5"/></svg>`,
      ),
    );
    const rect = out.find((e) => e.tagName.toLowerCase() === 'rect' && e.hasAttribute('fill'))!;
    expect(rect.getAttribute('fill')).toMatch(/url\(#.*g\)/);
    expect(rect.getAttribute('clip-path')).toMatch(/url\('#.*c'\)/);
    expect(rect.getAttribute('marker-end')).toMatch(/#.*m/);
    expect(rect.getAttribute('filter')).toMatch(/#.*f/);
    expect(rect.getAttribute('style')).toContain('stroke:#333');
  });

  it('drops CSS escapes, comments and fetching functions in presentation attributes', () => {
    for (const v of ['u\\72l(http://evil.invalid/a)', 'url(#a) /**/', "image-set('http://evil.invalid/x' 1x)", 'url(//evil.invalid/x)', 'url(data:image/svg+xml,<svg/>)']) {
      const out = parse(sanitizeSvg(`<svg><rect fill="${v.replace(/"/g, '&quot;')}" cursor="${v.replace(/"/g, '&quot;')}"/></svg>`));
      const rect = out.find((e) => e.tagName.toLowerCase() === 'rect')!;
      expect([rect.getAttribute('fill'), rect.getAttribute('cursor')], v).toEqual([null, null]);
    }
  });
});
