// Share links carry the notebook compressed in the URL hash (lz-string, as the TypeScript
// playground does). Large notebooks are better shared as a file.
import { compressToEncodedURIComponent } from 'lz-string';
import { MAX_NOTEBOOK_CHARS } from '../notebook/ipynb';
import { decompressBounded, DecompressedTooLarge } from './lz-bounded';

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

/** Thrown by decodeShare for a link that unpacks to more than a notebook file may hold. */
export class ShareTooLargeError extends Error {}

/**
 * The notebook text a link carries, or null when the link is damaged. A link that unpacks to
 * more than the import limit (MAX_NOTEBOOK_CHARS, as for files) is refused while it unpacks,
 * with a ShareTooLargeError that says so: a few kilobytes of link can hold hundreds of megabytes.
 */
export function decodeShare(packed: string, maxChars = MAX_NOTEBOOK_CHARS): string | null {
  try {
    return decompressBounded(packed, maxChars) || null;
  } catch (e) {
    if (e instanceof DecompressedTooLarge) {
      throw new ShareTooLargeError(`This share link is too large to open: it unpacks to more than ${fmtSize(maxChars)} (the most a notebook may hold). Ask for the .ipynb file instead.`);
    }
    return null;
  }
}

const fmtSize = (chars: number) => (chars >= 2 ** 20 ? `${Math.round(chars / 2 ** 20)} MB` : `${Math.round(chars / 1000)} k characters`);

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
