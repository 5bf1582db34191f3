// Serves the built app (dist/) on two origins: the app, and the kernel frame on a second port.
// Both get COOP/COEP (cross-origin isolation: SharedArrayBuffer, precise timers) and CORP
// cross-origin so the app's COEP page may embed the kernel frame (docs/platform.md).
import { createServer } from 'node:http';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// TORCHLIT_DIST: another build folder (parallel e2e runs each build and serve their own).
const repo = fileURLToPath(new URL('..', import.meta.url));
const root = process.env.TORCHLIT_DIST ? resolve(repo, process.env.TORCHLIT_DIST) : join(repo, 'dist');
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.ttf': 'font/ttf', '.woff': 'font/woff', '.woff2': 'font/woff2',
  '.ipynb': 'application/x-ipynb+json', '.safetensors': 'application/octet-stream', '.map': 'application/json',
};

export function isolationHeaders() {
  return {
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'cross-origin',
  };
}

/**
 * The app page's Content-Security-Policy (issue 9): defence in depth behind the sanitizer. Only
 * the app's own scripts run (no inline, no eval); images, fonts and media come from the app or
 * data:/blob: URLs, so content that slipped through cannot load from or leak to other sites;
 * frames only from the kernel origin; no plugins, <base> or form posts; the page is not framed.
 * connect-src stays open: "Open from URL" fetches notebooks from anywhere. The kernel frame gets
 * only frame-ancestors (kernelFrameCsp below).
 */
export function appCsp(kernelOrigin) {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' data: blob:",
    "connect-src 'self' https: http:",
    `frame-src 'self' ${kernelOrigin}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The kernel frame's Content-Security-Policy: only `frame-ancestors` (issue 22, hole 1). On the
 * kernel origin only the app may embed kernel.html; on the app origin only the app itself (its
 * frame there refuses to run while a kernel origin is configured: app/kernel/frame-trust.ts).
 * Nothing else: the frame runs cells (eval) and fetches datasets, and holds none of the user's data.
 */
export function kernelFrameCsp(ancestors) {
  return `frame-ancestors ${ancestors}`;
}

/** What config.json says on an origin: the app's also names a served folder's notebooks. */
function appConfig(role, config, notebooks) {
  return role === 'app' && notebooks.size ? { ...config, notebooks: [...notebooks.keys()] } : config;
}

/**
 * index.html with `config` in its <head> as a JSON data block (never run; `<` escaped so that no
 * value can close the element), which app/services/host-config.ts reads instead of fetching.
 */
export function embedConfig(html, config) {
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return html.replace('</head>', `<script type="application/json" id="torchlit-config">${json}</script></head>`);
}

/**
 * One origin: `role` 'app' (index.html with the app's CSP, kernel.html embeddable only by itself)
 * or 'kernel' (kernel.html embeddable only by the app origin). Both serve the same config.json:
 * the app reads kernelOrigin from it, the kernel frame reads which app origins it obeys.
 */
function serve(port, host, { role, config, notebooks }) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${host}:${port}`);
    const headers = { ...isolationHeaders(), 'Cache-Control': 'no-cache' };
    if (url.pathname === '/config.json') {
      res.writeHead(200, { ...headers, 'Content-Type': 'application/json' });
      res.end(JSON.stringify(appConfig(role, config, notebooks)));
      return;
    }
    // a served folder's notebook, read from disk at each request (only the listed files: no path is taken from the URL)
    if (role === 'app' && url.pathname.startsWith('/folder/')) {
      const name = decodeURIComponent(url.pathname.slice('/folder/'.length)).replace(/\.ipynb$/, '');
      const file = notebooks.get(name);
      if (!file || !existsSync(file)) { res.writeHead(404, headers); res.end('not found'); return; }
      res.writeHead(200, { ...headers, 'Content-Type': types['.ipynb'] });
      createReadStream(file).pipe(res);
      return;
    }
    // Pretrained weights live on the app origin (public/weights/ → /weights/) and the kernel, on its
    // own origin, fetches them: CORS lets it read them, 404s included (so it can say which file is
    // missing instead of "the request failed"). Readable by the kernel origin only (issue 17).
    if (role === 'app' && url.pathname.startsWith('/weights/')) Object.assign(headers, { 'Access-Control-Allow-Origin': config.kernelOrigin, Vary: 'Origin' });
    let path = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, path);
    if (!file.startsWith(root)) { res.writeHead(403, headers); res.end(); return; }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) { res.writeHead(404, headers); res.end('not found'); return; }
    // Vite's hashed assets never change under their name: cached for good, so a reload or the
    // next start fetches nothing and V8 reuses its code cache. Everything else (HTML,
    // config.json, notebooks) is revalidated each time, cheaply: 304 when the file is unchanged.
    const st = statSync(file);
    if (path.replace(/\\/g, '/').startsWith('/assets/')) headers['Cache-Control'] = 'public, max-age=31536000, immutable';
    const etag = `"${st.size.toString(36)}-${Math.floor(st.mtimeMs).toString(36)}"`;
    headers.ETag = etag;
    let csp = {};
    if (file.endsWith('kernel.html')) csp = { 'Content-Security-Policy': kernelFrameCsp(role === 'kernel' ? config.appOrigins.join(' ') : "'self'") };
    else if (file.endsWith('.html')) csp = { 'Content-Security-Policy': role === 'app' ? appCsp(config.kernelOrigin) : "frame-ancestors 'none'" };
    if ((role === 'app' && file === join(root, 'index.html')) || file === join(root, 'kernel.html')) {
      // this origin's config.json embedded in the page (app/services/host-config.ts): the app starts
      // its kernel frame, and the frame its worker, without waiting for another request
      const body = Buffer.from(embedConfig(readFileSync(file, 'utf8'), appConfig(role, config, notebooks)));
      const tag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`;
      if (req.headers['if-none-match'] === tag) { res.writeHead(304, { ...headers, ETag: tag, ...csp }); res.end(); return; }
      res.writeHead(200, { ...headers, ETag: tag, ...csp, 'Content-Type': types['.html'], 'Content-Length': body.length });
      res.end(body);
      return;
    }
    if (req.headers['if-none-match'] === etag) { res.writeHead(304, { ...headers, ...csp }); res.end(); return; }
    res.writeHead(200, { ...headers, ...csp, 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

/**
 * `notebooks`: a folder's notebooks to list on the start page instead of the tutorials
 * (`torchlit start <folder>`, `torchlit test`), as [{ name, file }] (name: the path without .ipynb).
 */
export async function startServers({ port = 5173, kernelPort = port + 1, host = 'localhost', notebooks = [] } = {}) {
  if (!existsSync(root)) throw new Error('dist/ is missing: run `npx vite build` first');
  // The kernel frame is served from another *site* than the app, not just another port: the
  // browser then gives it its own process, so a cell that exhausts the JS heap takes down the
  // kernel's process and not the app's (the page notices and starts a fresh kernel).
  const kernelHost = host === 'localhost' ? '127.0.0.1' : host;
  const kernelOrigin = `http://${kernelHost}:${kernelPort}`;
  const appOrigin = `http://${host}:${port}`;
  // The app answers on 127.0.0.1 too when it listens on localhost: the kernel obeys both names.
  const appOrigins = host === 'localhost' ? [appOrigin, `http://127.0.0.1:${port}`] : [appOrigin];
  const config = { kernelOrigin, appOrigins };
  const served = new Map(notebooks.map((n) => [n.name, n.file]));
  const app = await serve(port, host, { role: 'app', config, notebooks: served });
  const kernel = await serve(kernelPort, kernelHost, { role: 'kernel', config, notebooks: new Map() });
  return { app, kernel, url: `${appOrigin}/`, kernelOrigin };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 5173);
  const { url, kernelOrigin } = await startServers({ port, kernelPort: Number(process.env.KERNEL_PORT ?? port + 1) });
  console.log(`Torchlit is running at ${url}  (kernel origin ${kernelOrigin})`);
}
