// Opening a share link off the main thread: unpacking (lz-string) and reading the notebook
// (JSON.parse and validation) of a link that carries tens of megabytes took seconds, in one task,
// on the page's thread (issue 22, hole 6). A module worker does both and posts back the notebook
// (or the reason it cannot be opened); where workers are missing (Node tests) the same code runs
// inline.
import { openShareInline, type OpenedShare } from './share-read';

/** The link's notebook, read in a worker when the browser has one. */
export function openShare(packed: string): Promise<OpenedShare> {
  if (typeof Worker === 'undefined') return Promise.resolve(openShareInline(packed));
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./share-worker.ts', import.meta.url), { type: 'module' });
    } catch {
      resolve(openShareInline(packed));
      return;
    }
    worker.onmessage = (e: MessageEvent<OpenedShare>) => {
      worker.terminate();
      resolve(e.data);
    };
    worker.onerror = () => {
      worker.terminate();
      resolve(openShareInline(packed)); // a worker that cannot start (a CSP, a host): read it here
    };
    worker.postMessage(packed);
  });
}
