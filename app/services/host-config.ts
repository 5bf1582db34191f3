// The host's config.json: the kernel origin, the app origins the kernel obeys, a served folder's
// notebooks. `npm start` (scripts/serve.mjs) also writes it into index.html and kernel.html as
// <script type="application/json" id="torchlit-config">, a data block no browser runs; the page
// takes it out once, as its script starts, and so the app creates the kernel frame, and the frame
// its worker, without first waiting for a request (0.05–0.15 s each on a busy machine). A host that
// serves only the file (any static host) works as before: config.json is fetched.

export const EMBEDDED_CONFIG_ID = 'torchlit-config';

/** The embedded copy's text, taken out of the page before anything renders (null: none). */
function takeEmbedded(): string | null {
  if (typeof document === 'undefined') return null;
  const el = document.getElementById(EMBEDDED_CONFIG_ID);
  // only the one the host wrote in the page's <head>, never anything rendered later
  if (!(el instanceof HTMLScriptElement) || el.type !== 'application/json' || el.parentElement !== document.head) return null;
  el.remove();
  return el.textContent;
}

const embedded = takeEmbedded();

/**
 * The copy the host embedded in this page (index.html, or kernel.html for the kernel frame), taken
 * out as the page's script started; null when there was none.
 */
export const embeddedConfig = (): string | null => embedded;

/**
 * The config as a Response: the embedded copy when the page had one, else `./config.json` fetched
 * past every cache (a host may change it at any time).
 * @example const res = await hostConfig(); if (res.ok) console.log(await res.json());
 */
export function hostConfig(fetchFn: typeof fetch = fetch, copy: string | null = embedded): Promise<Response> {
  if (copy !== null) return Promise.resolve(new Response(copy, { status: 200, headers: { 'Content-Type': 'application/json' } }));
  return fetchFn('./config.json', { cache: 'no-store' });
}
