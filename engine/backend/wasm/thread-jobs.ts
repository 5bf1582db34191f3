// The GEMM thread pool's shared-memory job format and the code both sides run (threads.ts owns
// the pool). A job is the GEMM block loop's parameters in a small control SharedArrayBuffer; each
// chunk of C (a column or row range in whole micro-tiles) runs RUN_CHUNK, and conv2d's forward
// first packs its chunk's columns of B straight from the image (PACK_IM2COL). The same source
// text runs on the calling thread (`new Function` below) and in the workers (WORKER_SOURCE, a
// plain script with no imports), so both sum every element of C in the same order.

/** Control words (Int32 indices into the control buffer). */
export const GEN = 0; // bumped for every job (workers sleep on it)
export const WORK = 1; // chunks not yet claimed (counts down)
export const DONE = 2; // chunks finished
export const STOP = 3; // 1: workers exit
export const READY = 4; // workers started
export const NCHUNKS = 5;
export const ACTIVE = 6; // workers 0..ACTIVE-1 take chunks (set_num_threads below the pool's size)
export const BY_WORKERS = 7; // chunks run by workers, in total (tests check that the pool did work)
export const DELAY = 8; // tests: ms a worker sleeps before each chunk (a descheduled worker, on demand)
const PARAMS = 9; // Mp, Np, K, aPtr, bPtr, cPtr, mcB, ncB, kcB, MR, NR, splitRows, chunk
const PAGES = PARAMS + 13; // the memory's size in 64 KiB pages when the job was posted
const IM2COL = PARAMS + 14; // 1: pack B from the image (conv), then: Kreal, xPtr, cg, H, W, kh, kw, sh, sw, pt, pl, dh, dw, oW, L, sampleStride, l0, bl
export const CTL_WORDS = IM2COL + 19;

/**
 * One chunk of a job: the GEMM block loop (jc, pc, ic as in ./gemm) over the chunk's columns (or
 * rows) of C. Kept as source text because the workers run it too (`new Function` here).
 */
const RUN_CHUNK = `function runChunk(u, view, macro, c) {
  const Mp = u[${PARAMS}], Np = u[${PARAMS + 1}], K = u[${PARAMS + 2}], a = u[${PARAMS + 3}], b = u[${PARAMS + 4}], cp = u[${PARAMS + 5}];
  const mcB = u[${PARAMS + 6}], ncB = u[${PARAMS + 7}], kcB = u[${PARAMS + 8}], MR = u[${PARAMS + 9}], NR = u[${PARAMS + 10}];
  const rows = u[${PARAMS + 11}], chunk = u[${PARAMS + 12}];
  let i0 = 0, i1 = Mp, j0 = 0, j1 = Np;
  if (rows) { i0 = c * chunk; i1 = Math.min(Mp, i0 + chunk); } else { j0 = c * chunk; j1 = Math.min(Np, j0 + chunk); }
  if (u[${IM2COL}]) packIm2col(u, view(), j0, j1);
  const ldc = Np * 4, kb = K * 4;
  for (let jc = j0; jc < j1; jc += ncB) {
    const nc = Math.min(ncB, j1 - jc);
    for (let pc = 0; pc < K; pc += kcB) {
      const kc = Math.min(kcB, K - pc);
      for (let ic = i0; ic < i1; ic += mcB) {
        const mc = Math.min(mcB, i1 - ic);
        macro(mc, nc, kc, a + (ic * K + pc * MR) * 4, b + (jc * K + pc * NR) * 4, cp + (ic * Np + jc) * 4, ldc, kb, pc === 0 ? 1 : 0);
      }
    }
  }
}`;

/**
 * im2col straight into packed B for the chunk's columns: column l of the band is output position
 * l0 + l over the whole batch (sample, oy, ox), row p = (c·kh + i)·kw + j of the patch; strips of
 * NR columns, k-major (as ./gemm packB lays them out), zero outside the image and past the band.
 */
const PACK_IM2COL = `function packIm2col(u, f, j0, j1) {
  const K = u[${PARAMS + 2}], b = u[${PARAMS + 4}] >> 2, NR = u[${PARAMS + 10}];
  const Kr = u[${IM2COL + 1}], x = u[${IM2COL + 2}] >> 2, cg = u[${IM2COL + 3}], H = u[${IM2COL + 4}], W = u[${IM2COL + 5}];
  const kh = u[${IM2COL + 6}], kw = u[${IM2COL + 7}], sh = u[${IM2COL + 8}], sw = u[${IM2COL + 9}], pt = u[${IM2COL + 10}], pl = u[${IM2COL + 11}];
  const dh = u[${IM2COL + 12}], dw = u[${IM2COL + 13}], oW = u[${IM2COL + 14}], L = u[${IM2COL + 15}], sstride = u[${IM2COL + 16}], l0 = u[${IM2COL + 17}], bl = u[${IM2COL + 18}];
  const HW = H * W, yb = new Int32Array(NR), xb = new Int32Array(NR), base = new Int32Array(NR), segT = new Int32Array(NR), segN = new Int32Array(NR);
  // output position of column j0 (sample n, row oy, column ox); then stepped one column at a time
  const oH = L / oW;
  let l = j0, n = 0, oy = 0, ox = 0;
  if (l < bl) { const g = l0 + l; n = (g / L) | 0; const r = g - n * L; oy = (r / oW) | 0; ox = r - oy * oW; }
  for (let s = j0 / NR; s < j1 / NR; s++) {
    const o = b + s * K * NR;
    // stride 1: the strip is runs of neighbours on one output row each, and each run reads one
    // run of an input row (clipped at the image's left and right edges)
    let nseg = 0;
    for (let t = 0; t < NR; t++, l++) {
      if (l < bl) {
        yb[t] = oy * sh - pt; xb[t] = ox * sw - pl; base[t] = x + n * sstride;
        if (t === 0 || ox === 0) segT[nseg++] = t;
        if (++ox === oW) { ox = 0; if (++oy === oH) { oy = 0; n++; } }
      } else { yb[t] = -0x40000000; xb[t] = 0; base[t] = 0; segT[nseg++] = t; }
      segN[nseg - 1] = t + 1 - segT[nseg - 1];
    }
    if (sw !== 1) nseg = 0;
    let d = o;
    for (let c = 0; c < cg; c++)
      for (let i = 0; i < kh; i++)
        for (let j = 0; j < kw; j++, d += NR) {
          const di = i * dh, dj = j * dw, plane = c * HW;
          if (nseg === 1 && NR === 8) {
            const iy = yb[0] + di, ix = xb[0] + dj;
            if (iy >= 0 && iy < H && ix >= 0 && ix + 7 < W) {
              const r = base[0] + plane + iy * W + ix;
              f[d] = f[r]; f[d + 1] = f[r + 1]; f[d + 2] = f[r + 2]; f[d + 3] = f[r + 3];
              f[d + 4] = f[r + 4]; f[d + 5] = f[r + 5]; f[d + 6] = f[r + 6]; f[d + 7] = f[r + 7];
              continue;
            }
          }
          if (nseg > 0) {
            for (let k = 0; k < nseg; k++) {
              const t0 = segT[k], n = segN[k], iy = yb[t0] + di, ix = xb[t0] + dj, e = d + t0;
              if (iy < 0 || iy >= H) { for (let t = 0; t < n; t++) f[e + t] = 0; continue; }
              const lo = ix < 0 ? Math.min(n, -ix) : 0, hi = Math.max(lo, Math.min(n, W - ix)), r = base[t0] + plane + iy * W + ix;
              for (let t = 0; t < lo; t++) f[e + t] = 0;
              for (let t = lo; t < hi; t++) f[e + t] = f[r + t];
              for (let t = hi; t < n; t++) f[e + t] = 0;
            }
            continue;
          }
          for (let t = 0; t < NR; t++) {
            const iy = yb[t] + di, ix = xb[t] + dj;
            f[d + t] = iy >= 0 && iy < H && ix >= 0 && ix < W ? f[base[t] + plane + iy * W + ix] : 0;
          }
        }
    if (K > Kr) f.fill(0, d, o + K * NR);
  }
}`;

/** Claims and runs chunks until none is left; the one who finishes the last wakes the caller. */
const WORK_LOOP = `function work(ctl, u, view, macro, id) {
  if (id >= 0 && id >= Atomics.load(ctl, ${ACTIVE})) return;
  for (;;) {
    const v = Atomics.load(ctl, ${WORK});
    if (v <= 0) return;
    if (Atomics.compareExchange(ctl, ${WORK}, v, v - 1) !== v) continue;
    const n = ctl[${NCHUNKS}];
    if (id >= 0 && ctl[${DELAY}]) Atomics.wait(ctl, ${STOP}, 0, ctl[${DELAY}]);
    runChunk(u, view, macro, n - v);
    if (id >= 0) Atomics.add(ctl, ${BY_WORKERS}, 1);
    if (Atomics.add(ctl, ${DONE}, 1) + 1 === n) Atomics.notify(ctl, ${DONE});
  }
}`;

/** The worker: instantiate the kernel on the shared memory, then wait for jobs until STOP. */
export const WORKER_SOURCE = `'use strict';
${RUN_CHUNK}
${PACK_IM2COL}
${WORK_LOOP}
function start(d) {
  const macro = new WebAssembly.Instance(d.module, { env: { memory: d.memory } }).exports.macro;
  const ctl = new Int32Array(d.ctl), u = new Uint32Array(d.ctl);
  let f = new Float32Array(d.memory.buffer);
  // the caller's memory size rides with the job (reading memory.buffer makes a new object each time)
  const view = () => { if (f.length < u[${PAGES}] * 16384) f = new Float32Array(d.memory.buffer); return f; };
  Atomics.add(ctl, ${READY}, 1);
  for (;;) {
    const gen = Atomics.load(ctl, ${GEN});
    if (Atomics.load(ctl, ${STOP})) break;
    work(ctl, u, view, macro, d.id);
    // a short spin catches back-to-back GEMMs (conv bands) without a futex round trip
    let spins = 0;
    while (Atomics.load(ctl, ${GEN}) === gen && spins < ${2000}) spins++;
    if (spins >= ${2000}) Atomics.wait(ctl, ${GEN}, gen);
  }
  if (typeof close === 'function') close();
  else require('node:worker_threads').parentPort.close();
}
if (typeof require === 'function' && typeof self === 'undefined') require('node:worker_threads').parentPort.once('message', start);
else self.onmessage = (e) => start(e.data);
`;

export type Macro = (mc: number, nc: number, kc: number, a: number, b: number, c: number, ldc: number, kBytes: number, first: number) => void;
export type View = () => Float32Array;
type RunChunk = (u: Uint32Array, view: View, macro: Macro, c: number) => void;
type Work = (ctl: Int32Array, u: Uint32Array, view: View, macro: Macro, id: number) => void;

export const { runChunk, work } = new Function(`${RUN_CHUNK}\n${PACK_IM2COL}\n${WORK_LOOP}\nreturn { runChunk, work };`)() as { runChunk: RunChunk; work: Work };

/** A GEMM job: the block loop of ./gemm over packed operands already in the shared memory. */
export interface GemmJob {
  Mp: number;
  Np: number;
  K: number;
  aPtr: number;
  bPtr: number;
  cPtr: number;
  mcBlock: number;
  ncBlock: number;
  kcBlock: number;
  MR: number;
  NR: number;
  /** The memory's size in 64 KiB pages (workers refresh their view of it when it grew). */
  pages: number;
  /** Conv forward: pack B by im2col from the image at xPtr (see PACK_IM2COL) instead of reading it packed. */
  im2col?: Im2colParams;
}

/** Where the image is and which columns of the batch's patch matrix the job covers. */
export interface Im2colParams {
  K: number;
  xPtr: number;
  cg: number;
  H: number;
  W: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  pt: number;
  pl: number;
  dh: number;
  dw: number;
  oW: number;
  /** Output positions per sample (oH·oW). */
  L: number;
  /** Elements from one sample's first channel of the group to the next sample's. */
  sampleStride: number;
  /** First column (over the batch) and number of columns of this job. */
  l0: number;
  bl: number;
}

/** Writes a job's parameters into a control or scratch block. */
export function writeJob(u: Uint32Array, job: GemmJob, rows: boolean, chunk: number): void {
  u.set([job.Mp, job.Np, job.K, job.aPtr, job.bPtr, job.cPtr, job.mcBlock, job.ncBlock, job.kcBlock, job.MR, job.NR, rows ? 1 : 0, chunk, job.pages], PARAMS);
  const c = job.im2col;
  if (c) u.set([1, c.K, c.xPtr, c.cg, c.H, c.W, c.kh, c.kw, c.sh, c.sw, c.pt, c.pl, c.dh, c.dw, c.oW, c.L, c.sampleStride, c.l0, c.bl], IM2COL);
  else u[IM2COL] = 0;
}
