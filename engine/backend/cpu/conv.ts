// CPU conv2d via im2col + the blocked GEMM: per sample and group, the input patches become a
// [C/g·kh·kw, oH·oW] matrix and the output is W_g · cols. Backward: the weight gradient is
// gOut · colsᵀ (accumulated over the batch), the input gradient is col2im(W_gᵀ · gOut).
import { Device } from '../../device';
import type { TypedArray } from '../../dtype';
import { Tensor } from '../../tensor';
import type { ConvGeom } from '../kernels';
import { getKernel, hasKernel, registerKernel } from '../registry';
import { gemm } from './gemm';

export type { ConvForward, ConvGeom } from '../kernels';

/** Patches of one sample's group for output rows [oy0, oy1): cols[(c·kh + i)·kw + j][(oy − oy0)·oW + ox]. */
function im2col(X: TypedArray, xOff: number, g: ConvGeom, cg: number, cols: TypedArray, oy0: number, oy1: number): void {
  const { H, W, kh, kw, sh, sw, pt, pl, dh, dw, oW } = g;
  const L = (oy1 - oy0) * oW;
  for (let c = 0; c < cg; c++) {
    const plane = xOff + c * H * W;
    for (let i = 0; i < kh; i++)
      for (let j = 0; j < kw; j++) {
        const row = ((c * kh + i) * kw + j) * L;
        // ox range whose input column is inside [0, W)
        const xShift = j * dw - pl;
        const ox0 = Math.min(oW, Math.max(0, Math.ceil(-xShift / sw)));
        const ox1 = Math.max(ox0, Math.min(oW, Math.ceil((W - xShift) / sw)));
        for (let oy = oy0; oy < oy1; oy++) {
          const iy = oy * sh - pt + i * dh;
          const r = row + (oy - oy0) * oW;
          if (iy < 0 || iy >= H) {
            cols.fill(0, r, r + oW);
            continue;
          }
          const src = plane + iy * W + xShift;
          for (let ox = 0; ox < ox0; ox++) cols[r + ox] = 0;
          if (sw === 1) for (let ox = ox0; ox < ox1; ox++) cols[r + ox] = X[src + ox];
          else for (let ox = ox0; ox < ox1; ox++) cols[r + ox] = X[src + ox * sw];
          for (let ox = ox1; ox < oW; ox++) cols[r + ox] = 0;
        }
      }
  }
}

/** Adds a band of cols back into one sample's group of the input gradient (the adjoint of im2col). */
function col2im(cols: TypedArray, g: ConvGeom, cg: number, GX: TypedArray, xOff: number, oy0: number, oy1: number): void {
  const { H, W, kh, kw, sh, sw, pt, pl, dh, dw, oW } = g;
  const L = (oy1 - oy0) * oW;
  for (let c = 0; c < cg; c++) {
    const plane = xOff + c * H * W;
    for (let i = 0; i < kh; i++)
      for (let j = 0; j < kw; j++) {
        const row = ((c * kh + i) * kw + j) * L;
        const xShift = j * dw - pl;
        const ox0 = Math.min(oW, Math.max(0, Math.ceil(-xShift / sw)));
        const ox1 = Math.max(ox0, Math.min(oW, Math.ceil((W - xShift) / sw)));
        for (let oy = oy0; oy < oy1; oy++) {
          const iy = oy * sh - pt + i * dh;
          if (iy < 0 || iy >= H) continue;
          const r = row + (oy - oy0) * oW;
          const dst = plane + iy * W + xShift;
          for (let ox = ox0; ox < ox1; ox++) GX[dst + ox * sw] += cols[r + ox];
        }
      }
  }
}

let bandLimit = 1 << 21;
/** Sets the patch-matrix size limit (elements); tests use a tiny one to run the banded path. Returns the old one. */
export function _setConvBandLimit(n: number): number {
  const old = bandLimit;
  bandLimit = n;
  return old;
}

/** Output rows per im2col band: keeps the patch matrix near 2M elements (cache- and memory-friendly). */
function bandRows(g: ConvGeom, K: number): number {
  return Math.max(1, Math.min(g.oH, Math.floor(bandLimit / Math.max(1, K * g.oW))));
}

const isDirect = (g: ConvGeom) => g.kh === 1 && g.kw === 1 && g.sh === 1 && g.sw === 1 && g.pt === 0 && g.pl === 0 && g.oH === g.H && g.oW === g.W;

/** x [N, C, H, W], w [O, C/g, kh, kw] (both any layout), bias [O] or null → [N, O, oH, oW]. */
registerKernel('conv2d', 'cpu', (x: Tensor, w: Tensor, bias: Tensor | null, g: ConvGeom): Tensor => {
  const X = x._cpuContiguous(), Wt = w._cpuContiguous();
  const out = Tensor._empty([g.N, g.O, g.oH, g.oW], x.dtype, Device.cpu);
  const Y = out._storage.data!;
  const cg = g.C / g.groups, og = g.O / g.groups;
  const K = cg * g.kh * g.kw, L = g.oH * g.oW;
  const direct = isDirect(g);
  // a fused forward (backend/wasm's, installed with its GEMM) packs im2col straight into the GEMM
  const fused = !direct && hasKernel('conv2d_fused', 'cpu') && X instanceof Float32Array && Wt instanceof Float32Array && Y instanceof Float32Array ? getKernel('conv2d_fused', 'cpu') : null;
  // the fused forward adds a float32 bias as it copies the output out (one pass over Y fewer)
  const Bs = bias ? bias._cpuContiguous() : null;
  const fusedBias = fused !== null && Bs instanceof Float32Array;
  if (fused) fused(X as Float32Array, Wt as Float32Array, Y as Float32Array, g, bandLimit, fusedBias ? (Bs as Float32Array) : null);
  const band = bandRows(g, K);
  const cols = direct || fused ? null : new x.dtype.array(K * band * g.oW);
  for (let n = 0; n < g.N && !fused; n++)
    for (let gi = 0; gi < g.groups; gi++) {
      const xOff = (n * g.C + gi * cg) * g.H * g.W;
      const A = { data: Wt, off: gi * og * K, rs: K, cs: 1 };
      const yOff = (n * g.O + gi * og) * L;
      if (!cols) {
        gemm(og, L, K, A, { data: X, off: xOff, rs: L, cs: 1 }, Y, yOff, L);
        continue;
      }
      for (let oy0 = 0; oy0 < g.oH; oy0 += band) {
        const oy1 = Math.min(g.oH, oy0 + band), bl = (oy1 - oy0) * g.oW;
        im2col(X, xOff, g, cg, cols, oy0, oy1);
        gemm(og, bl, K, A, { data: cols, off: 0, rs: bl, cs: 1 }, Y, yOff + oy0 * g.oW, L);
      }
    }
  if (Bs && !fusedBias) {
    for (let n = 0; n < g.N; n++)
      for (let o = 0; o < g.O; o++) {
        const b = Bs[o], base = (n * g.O + o) * L;
        for (let l = 0; l < L; l++) Y[base + l] += b;
      }
  }
  return out;
});

/** dL/dx from gOut [N, O, oH, oW] and w → [N, C, H, W]. */
registerKernel('conv2d_backward_input', 'cpu', (gOut: Tensor, w: Tensor, g: ConvGeom): Tensor => {
  const G = gOut._cpuContiguous(), Wt = w._cpuContiguous();
  const gx = Tensor._empty([g.N, g.C, g.H, g.W], gOut.dtype, Device.cpu);
  const GX = gx._storage.data!;
  const cg = g.C / g.groups, og = g.O / g.groups;
  const K = cg * g.kh * g.kw, L = g.oH * g.oW;
  const direct = isDirect(g);
  // a fused input gradient (backend/wasm's): per band of the batch, col2im straight from WASM memory
  if (!direct && hasKernel('conv2d_backward_input_fused', 'cpu') && G instanceof Float32Array && Wt instanceof Float32Array && GX instanceof Float32Array) {
    getKernel('conv2d_backward_input_fused', 'cpu')(G, Wt, GX, g, bandLimit);
    return gx;
  }
  const band = bandRows(g, K);
  const cols = direct ? null : new gOut.dtype.array(K * band * g.oW);
  for (let n = 0; n < g.N; n++)
    for (let gi = 0; gi < g.groups; gi++) {
      const xOff = (n * g.C + gi * cg) * g.H * g.W;
      const A = { data: Wt, off: gi * og * K, rs: 1, cs: K }; // W_gᵀ: [K, og]
      const gOff = (n * g.O + gi * og) * L;
      if (!cols) {
        gemm(K, L, og, A, { data: G, off: gOff, rs: L, cs: 1 }, GX, xOff, L);
        continue;
      }
      for (let oy0 = 0; oy0 < g.oH; oy0 += band) {
        const oy1 = Math.min(g.oH, oy0 + band), bl = (oy1 - oy0) * g.oW;
        gemm(K, bl, og, A, { data: G, off: gOff + oy0 * g.oW, rs: L, cs: 1 }, cols, 0, bl);
        col2im(cols, g, cg, GX, xOff, oy0, oy1);
      }
    }
  return gx;
});

/** dL/dw from x and gOut → [O, C/g, kh, kw] (summed over the batch). */
registerKernel('conv2d_backward_weight', 'cpu', (x: Tensor, gOut: Tensor, g: ConvGeom): Tensor => {
  const X = x._cpuContiguous(), G = gOut._cpuContiguous();
  const cg = g.C / g.groups, og = g.O / g.groups;
  const K = cg * g.kh * g.kw, L = g.oH * g.oW;
  const gw = Tensor._empty([g.O, cg, g.kh, g.kw], gOut.dtype, Device.cpu);
  const GW = gw._storage.data!;
  const direct = isDirect(g);
  // a fused weight gradient (backend/wasm's): one product over the whole batch, packed from x and gOut
  if (hasKernel('conv2d_backward_weight_fused', 'cpu') && X instanceof Float32Array && G instanceof Float32Array && GW instanceof Float32Array) {
    getKernel('conv2d_backward_weight_fused', 'cpu')(X, G, GW, g, bandLimit);
    return gw;
  }
  const band = bandRows(g, K);
  const cols = direct ? null : new x.dtype.array(K * band * g.oW);
  for (let n = 0; n < g.N; n++)
    for (let gi = 0; gi < g.groups; gi++) {
      const xOff = (n * g.C + gi * cg) * g.H * g.W;
      const gOff = (n * g.O + gi * og) * L;
      if (!cols) {
        gemm(og, K, L, { data: G, off: gOff, rs: L, cs: 1 }, { data: X, off: xOff, rs: 1, cs: L }, GW, gi * og * K, K, n > 0);
        continue;
      }
      for (let oy0 = 0; oy0 < g.oH; oy0 += band) {
        const oy1 = Math.min(g.oH, oy0 + band), bl = (oy1 - oy0) * g.oW;
        im2col(X, xOff, g, cg, cols, oy0, oy1);
        // colsᵀ: [bl, K]
        gemm(og, K, bl, { data: G, off: gOff + oy0 * g.oW, rs: L, cs: 1 }, { data: cols, off: 0, rs: 1, cs: bl }, GW, gi * og * K, K, n > 0 || oy0 > 0);
      }
    }
  return gw;
});
