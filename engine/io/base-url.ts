// What a relative URL in a cell means: `torch.load('weights/tiny.safetensors')` and the
// pretrained-weights folder resolve against the notebook *page's* base URL, as they would in the
// page. The kernel runs in a worker on a second origin, whose own location is its script
// (…/assets/worker-….js): resolving there pointed `weights: 'DEFAULT'` at /assets/weights/ (a
// 404, issue 17). The kernel passes the app's base URL in at start (app/kernel/worker.ts).

let appBase: string | null = null;

/**
 * Sets the base URL relative URLs resolve against (the kernel calls it once at start with the
 * notebook page's base URL; not for cells: `models.set_weights_base_url` moves the weights folder).
 */
export function _set_app_base_url(url: string | null): void {
  if (url === null) {
    appBase = null;
    return;
  }
  const u = new URL(url);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new TypeError(`the app base URL must be http(s): ${url}`);
  appBase = u.href;
}

/** The base relative URLs resolve against: the app's (set at kernel start), a page's own, or none (Node). */
export function appBaseUrl(): string | null {
  if (appBase !== null) return appBase;
  const doc = (globalThis as { document?: { baseURI?: string } }).document;
  if (doc && typeof doc.baseURI === 'string') return doc.baseURI;
  // In a worker, `location` is the worker script's URL: never what a notebook means by `weights/`.
  return null;
}

/** `url` made absolute against the app's base URL; unchanged when it is absolute or no base is known. */
export function resolveAppUrl(url: string): string {
  const base = appBaseUrl();
  try {
    return base === null ? new URL(url).href : new URL(url, base).href;
  } catch {
    return url;
  }
}
