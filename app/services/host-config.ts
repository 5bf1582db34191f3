// The host's config.json: the kernel origin, the app origins the kernel obeys, a served folder's
// notebooks. `npm start` (scripts/serve.mjs) also writes it into index.html and kernel.html
// (app/protocol/embedded-config.ts); the app takes its page's copy out as main.js starts, and so
// creates the kernel frame without first waiting for a request (0.05–0.15 s on a busy machine; the
// frame does the same with kernel.html's copy before it starts its worker). A host that serves
// only the file (any static host) works as before: config.json is fetched.

import { takeEmbeddedConfig } from '../protocol/embedded-config';

const embedded = takeEmbeddedConfig(typeof document === 'undefined' ? undefined : document);

/**
 * The config as a Response: the embedded copy when the page had one, else `./config.json` fetched
 * past every cache (a host may change it at any time).
 * @example const res = await hostConfig(); if (res.ok) console.log(await res.json());
 */
export function hostConfig(fetchFn: typeof fetch = fetch, copy: string | null = embedded): Promise<Response> {
  if (copy !== null) return Promise.resolve(new Response(copy, { status: 200, headers: { 'Content-Type': 'application/json' } }));
  return fetchFn('./config.json', { cache: 'no-store' });
}
