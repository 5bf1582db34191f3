// Our engine's peers: with the WASM SIMD kernels on every thread the pool may use (the default:
// one per core), the same on one thread, and with the JS kernels alone; where the engine has
// relaxed SIMD (FMA, the default there) also with the plain mul + add GEMM kernel, for the A/B.
import { oursPeer } from './ours';
import { Missing, type Peer } from './peer';

export async function oursPeers(): Promise<Peer[]> {
  let wasm: typeof import('../../engine/backend/wasm/index') | null = null;
  let threads: typeof import('../../engine/backend/wasm/threads') | null = null;
  try {
    wasm = await import('../../engine/backend/wasm/index');
    threads = await import('../../engine/backend/wasm/threads');
  } catch {
    wasm = null;
  }
  if (!wasm || !threads || !wasm.wasmAvailable()) return [oursPeer('ours (JS)')];
  const w = wasm, th = threads;
  const cores = th.threadsSupported() ? await defaultThreadCount(th) : 1;
  const setup = (kernels: boolean, n: number, p: Peer, fma = true): Peer => ({
    ...p,
    init: async () => {
      w.useWasmKernels(kernels);
      w.useRelaxedSimd(fma);
      th.set_num_threads(n);
      if (n > 1) await th.threadsReady(); // workers up before the warm-up, not during the timing
    },
  });
  const peers: Peer[] = [];
  if (cores > 1) {
    peers.push(setup(true, cores, oursPeer(`ours (wasm, ${cores} threads)`)));
    const one = setup(true, 1, oursPeer('ours (wasm, 1 thread)'));
    // the seed loops, the MLP step and the VGG16 build have no GEMM big enough to split: the same as above
    const prepare = one.prepare;
    const noSplit: string[] = ['seed_raw', 'seed_nn', 'seed_lesson', 'vgg16_init'];
    one.prepare = (id, inputs) => (noSplit.includes(id) ? Promise.reject(new Missing('same as with threads (no GEMM to split)')) : prepare(id, inputs));
    peers.push(one);
  } else peers.push(setup(true, 1, oursPeer('ours (wasm)')));
  if (w.relaxedSimdInUse()) {
    // the columns above multiply-add with f32x4.relaxed_madd (FMA); this one with the plain
    // kernel, on one thread: the like-for-like of 'ours (wasm, 1 thread)', free of the pool's noise
    const plain = setup(true, 1, oursPeer('ours (wasm, no FMA, 1 thread)'), false);
    const prepare = plain.prepare;
    const gemmFree = ['seed_raw', 'seed_nn', 'seed_lesson', 'vgg16_init'];
    plain.prepare = (id, inputs) => (gemmFree.includes(id) ? Promise.reject(new Missing('same as with FMA (no WASM GEMM)')) : prepare(id, inputs));
    peers.push(plain);
  }
  const js = setup(false, 1, oursPeer('ours (JS)'));
  // the JS-kernel column is for comparison; VGG16 on JS kernels alone would take minutes
  const jsPrepare = js.prepare;
  js.prepare = (id, inputs) =>
    id === 'vgg16' ? Promise.reject(new Missing('skipped (JS kernels: minutes)')) : id === 'vgg16_init' ? Promise.reject(new Missing('same as wasm (no kernels)')) : jsPrepare(id, inputs);
  peers.push(js);
  return peers;
}

/** The engine's default thread count (get_num_threads before anyone sets it). */
async function defaultThreadCount(th: typeof import('../../engine/backend/wasm/threads')): Promise<number> {
  await th.threadsReady(); // also waits until Node's core count is known
  return th.get_num_threads();
}
