// Share links carry the notebook compressed in the URL hash (lz-string, as the TypeScript
// playground does). Large notebooks are better shared as a file.
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';

/** Links longer than this are refused in favour of the file download. */
export const SHARE_LIMIT = 64_000;

export type ShareLink =
  | {
      ok: true;
      url: string;
      length: number;
      /** The notebook with outputs was too long for a link: this one carries code and Markdown only (its full length, for the message). */
      withoutOutputs?: { fullLength: number };
    }
  | { ok: false; length: number; reason: string };

export function shareLink(ipynbText: string, base: string): ShareLink {
  const packed = compressToEncodedURIComponent(ipynbText);
  const url = `${base}#/share/${packed}`;
  if (url.length > SHARE_LIMIT) {
    return { ok: false, length: url.length, reason: `This notebook is too large for a link (${Math.round(url.length / 1000)} k characters, limit ${SHARE_LIMIT / 1000} k). Share the .ipynb file instead.` };
  }
  return { ok: true, url, length: url.length };
}

export function decodeShare(packed: string): string | null {
  try {
    return decompressFromEncodedURIComponent(packed) || null;
  } catch {
    return null;
  }
}

/**
 * The link for a notebook: with its outputs when that fits, else without them (a training view's
 * histograms can make a small notebook's outputs megabytes long), else a reason to share the file.
 */
export function shareLinkFor(withOutputs: () => string, withoutOutputs: () => string, base: string): ShareLink {
  const full = shareLink(withOutputs(), base);
  if (full.ok) return full;
  const bare = shareLink(withoutOutputs(), base);
  return bare.ok ? { ...bare, withoutOutputs: { fullLength: full.length } } : full;
}
