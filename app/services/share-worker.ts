// The worker behind share-open.ts: one link in, its notebook (or why not) out.
import { openShareInline } from './share-read';

self.onmessage = (e: MessageEvent<string>) => {
  self.postMessage(openShareInline(String(e.data)));
};
