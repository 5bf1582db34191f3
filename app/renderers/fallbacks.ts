// Static fallbacks added to vendor-MIME outputs when a notebook is saved for others
// (JupyterLab, VS Code, GitHub show the html/svg; we keep showing the rich view).
import type { MimeBundle } from '../protocol/messages';
import { allRenderers } from './registry';

export function withFallbacks(bundle: MimeBundle): MimeBundle {
  if ('text/html' in bundle || 'image/svg+xml' in bundle) return bundle;
  for (const r of allRenderers()) {
    if (!r.fallback || !(r.mime in bundle)) continue;
    try {
      const f = r.fallback(bundle[r.mime]);
      if (f) return { ...bundle, [f.mime]: f.text };
    } catch {
      /* a malformed payload keeps its text/plain */
    }
    return bundle;
  }
  return bundle;
}
