// The host's config.json embedded in a page (index.html, kernel.html) by the server: a JSON data
// block no browser runs, `<script type="application/json" id="torchlit-config">`, written before
// `</head>` (scripts/serve.mjs `embedConfig`). The app (app/services/host-config.ts) and the
// kernel frame (app/kernel/frame.ts) each take their page's copy out once, as their script starts.

export const EMBEDDED_CONFIG_ID = 'torchlit-config';

/**
 * The embedded copy's text, removed from the page (null when it has none). Only the element the
 * host wrote in `<head>` counts, never one added to the body later.
 * @example const text = takeEmbeddedConfig(document); // '{"kernelOrigin": …}' or null
 */
export function takeEmbeddedConfig(doc: Document | undefined): string | null {
  if (!doc) return null;
  const el = doc.getElementById(EMBEDDED_CONFIG_ID);
  if (!el || el.tagName !== 'SCRIPT' || el.getAttribute('type') !== 'application/json' || el.parentElement !== doc.head) return null;
  el.remove();
  return el.textContent;
}
