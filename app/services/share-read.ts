// Unpacks and reads a share link's notebook: the work share-open.ts runs in a worker (or inline).
import { readIpynb, type ReadResult } from '../notebook/ipynb';
import { decodeShare } from './share';

export type OpenedShare = ReadResult;

/** Unpacks and reads a link's notebook; the work is the same in the worker and inline. */
export function openShareInline(packed: string): OpenedShare {
  let text: string | null;
  try {
    text = decodeShare(packed);
  } catch (e) {
    return { ok: false, kind: 'size', error: (e as Error).message, detail: (e as Error).message };
  }
  if (!text) {
    const error = 'This share link is damaged: its notebook could not be decompressed.';
    return { ok: false, kind: 'format', error, detail: error };
  }
  return readIpynb(text);
}

