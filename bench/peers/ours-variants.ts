// Our engine's peers: with the WASM SIMD kernels when they load, and with the JS kernels alone.
import { oursPeer } from './ours';
import { Missing, type Peer } from './peer';

export async function oursPeers(): Promise<Peer[]> {
  let wasm: typeof import('../../engine/backend/wasm/index') | null = null;
  try {
    wasm = await import('../../engine/backend/wasm/index');
  } catch {
    wasm = null;
  }
  if (!wasm || !wasm.wasmAvailable()) return [oursPeer('ours (JS)')];
  const w = wasm;
  const withKernels = (on: boolean, p: Peer): Peer => ({ ...p, init: async () => w.useWasmKernels(on) });
  const js = withKernels(false, oursPeer('ours (JS)'));
  // the JS-kernel column is for comparison; VGG16 on JS kernels alone would take minutes
  const jsPrepare = js.prepare;
  js.prepare = (id, inputs) => (id === 'vgg16' ? Promise.reject(new Missing('skipped (JS kernels: minutes)')) : jsPrepare(id, inputs));
  return [withKernels(true, oursPeer('ours (wasm)')), js];
}
