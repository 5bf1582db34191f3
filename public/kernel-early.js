// Starts the kernel frame while the app's own code is still loading (issue 21: start-up).
//
// The app page can only make its kernel frame once it knows the kernel origin, from config.json;
// done by the app, that came after ~1 MB of the app's JavaScript had loaded and run, and the frame
// (a second process: kernel.html, its trust check, the engine's worker) started ~0.4 s into a warm
// reload. This classic script runs first: it fetches config.json and, when that names a kernel
// origin, appends the same hidden frame the app would (same URL and attributes, the start-up
// device 'cpu') and keeps the frame's messages until the app adopts it
// (app/services/early-kernel.ts). Nothing here decides trust: the app reads the same config.json
// response (fail closed as before), and the frame obeys only the pages its own config.json names.
(function () {
  'use strict';
  if (typeof fetch !== 'function' || typeof window === 'undefined') return;
  var early = { config: null, ready: null, frame: null, url: null, origin: null, messages: [], stop: null, taken: false };
  try {
    early.config = fetch('./config.json', { cache: 'no-store' });
  } catch (e) {
    return;
  }
  window.__torchlitEarlyKernel = early;
  // settles once the frame is made (or not): the app waits for it before adopting or making its own
  early.ready = early.config
    .then(function (res) {
      return res.ok ? res.clone().json() : null;
    })
    .then(function (json) {
      var origin = json && typeof json.kernelOrigin === 'string' ? json.kernelOrigin : '';
      if (!origin || early.taken || !document.body) return;
      // kernelFrameUrl() of app/services/kernel-client.ts; the app adopts the frame only when its
      // own URL for it is the same string
      var base = /\/$|\.html$/.test(origin) ? origin : origin + '/';
      var url = /\.html$/.test(base) ? new URL(base) : new URL('kernel.html', base);
      url.hash = new URLSearchParams({ device: 'cpu', app: new URL('.', document.baseURI).href }).toString();
      var f = document.createElement('iframe');
      f.src = url.href;
      f.title = 'Torchlit kernel';
      f.setAttribute('aria-hidden', 'true');
      f.tabIndex = -1;
      f.allow = 'cross-origin-isolated';
      f.style.cssText = 'position:absolute;width:0;height:0;border:0;visibility:hidden';
      f.dataset.torchlitKernel = '';
      var keep = function (ev) {
        if (ev.source === f.contentWindow && ev.origin === url.origin) early.messages.push(ev);
      };
      window.addEventListener('message', keep);
      early.stop = function () {
        window.removeEventListener('message', keep);
      };
      early.frame = f;
      early.url = url.href;
      early.origin = url.origin;
      document.body.appendChild(f);
    })
    .catch(function () {
      /* the app reads config.json's failure itself */
    });
})();
