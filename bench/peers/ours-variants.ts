// Our engine's peers: with the WASM SIMD kernels when they load, and with the JS kernels alone.
import { oursPeer } from './ours';
import type { Peer } from './peer';

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
  return [withKernels(true, oursPeer('ours (wasm)')), withKernels(false, oursPeer('ours (JS)'))];
}
