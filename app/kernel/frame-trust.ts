// Which pages the kernel frame obeys (issue 22, hole 1). The frame runs cells on its own origin,
// so whoever can post it an `execute` runs code there. It therefore never trusts anything the
// embedding page controls (`location.ancestorOrigins`, a `#parent=` in its URL, the referrer):
// the allow-list comes from `config.json` on the frame's *own* origin, which an attacker page
// cannot supply.
//
//   config.json = { "kernelOrigin": "https://kernel.example", "appOrigins": ["https://app.example"] }
//
// - The frame is on the configured kernel origin → it obeys exactly `appOrigins`.
// - The frame is on any other origin while a kernel origin is configured (the app's own origin in
//   the isolated setup) → it refuses to run: no worker, no messages.
// - No kernel origin configured (or config.json unreadable) → a same-origin kernel that obeys only
//   pages of its own origin (the unisolated kernel the user has to opt into). Pages of that origin
//   can read its storage anyway, so obeying them gives nothing away.
// - Dev server (`npm run dev`): same-origin kernel, obeys only its own origin.

export type FrameTrust =
  | { ok: true; allowed: string[]; isolated: boolean }
  | { ok: false; reason: string };

/** An origin from a configured string ('https://host:port' or a URL under it); null when it is not one. */
export function originOf(s: unknown): string | null {
  if (typeof s !== 'string' || !s) return null;
  try {
    const o = new URL(s).origin;
    return o === 'null' ? null : o;
  } catch {
    return null;
  }
}

/**
 * What the frame on `selfOrigin` may do, given its own origin's config.json (`null`: unreadable)
 * and whether this is the dev server.
 */
export function decideTrust(selfOrigin: string, config: unknown, dev: boolean): FrameTrust {
  if (dev) return { ok: true, allowed: [selfOrigin], isolated: false };
  const cfg = typeof config === 'object' && config !== null ? (config as { kernelOrigin?: unknown; appOrigins?: unknown }) : {};
  if (cfg.kernelOrigin === undefined || cfg.kernelOrigin === '') return { ok: true, allowed: [selfOrigin], isolated: false };
  const kernelOrigin = originOf(cfg.kernelOrigin);
  if (kernelOrigin === null) return { ok: false, reason: `config.json's kernelOrigin is not an origin: ${String(cfg.kernelOrigin)}` };
  if (kernelOrigin !== selfOrigin) return { ok: false, reason: `The kernel runs on ${kernelOrigin}, not on this origin (${selfOrigin}).` };
  const list = Array.isArray(cfg.appOrigins) ? cfg.appOrigins : [];
  const allowed = [...new Set(list.map(originOf).filter((o): o is string => o !== null && o !== selfOrigin))];
  if (allowed.length === 0) return { ok: false, reason: 'config.json on the kernel origin lists no appOrigins: the kernel obeys no page.' };
  return { ok: true, allowed, isolated: true };
}

/**
 * Reads config.json next to the frame's document on its own origin; null when it cannot be read.
 * `embedded`: the copy its own origin wrote into kernel.html (app/services/host-config.ts), read
 * instead of the file when there is one.
 */
export async function readOwnConfig(baseURI: string, fetchFn: typeof fetch = fetch, embedded: string | null = null): Promise<unknown> {
  if (embedded !== null) {
    try {
      return JSON.parse(embedded) as unknown;
    } catch {
      return null;
    }
  }
  try {
    const url = new URL('config.json', baseURI);
    const res = await fetchFn(url.href, { cache: 'no-store', credentials: 'omit', redirect: 'error' });
    if (!res.ok) return null;
    return (await res.json()) as unknown;
  } catch {
    return null;
  }
}
