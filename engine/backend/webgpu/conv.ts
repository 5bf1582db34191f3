// WebGPU conv2d as im2col + the batched matmul kernel (groups and the batch become matmul batch
// dims through strides, so no per-sample loop). Backward: the input gradient is col2im(Wᵀ·gOut),
// written as a gather (each input pixel sums the columns that read it: deterministic, no
// atomics); the weight gradient is one product gOutᵀ·colsᵀ with the batch folded into K, the
// columns laid out [C·kh·kw, N·L] for it. Batches whose input, output or patch columns exceed
// one storage binding run in passes of samples (each binding its window; the weight gradient
// summed over the passes).
import { Tensor } from '../../tensor';
import type { ConvGeom } from '../kernels';
import { getKernel, registerKernel } from '../registry';
import { bufferOf, ELEM } from './buffers';
import { gpu, maxBinding } from './context';
import { checkOutput } from './debug';
import { matmulInto } from './matmul';
import { contiguous, copyInto, empty } from './memory';
import { dispatch } from './queue';
import { bindWindow } from './strided';
import { FLAT, GID, HEADER, WG, groupsFor } from './wgsl';


const IM2COL = `${HEADER}
@group(0) @binding(1) var<storage, read_write> COLS: array<f32>;
@group(0) @binding(2) var<storage, read> X: array<f32>;
@compute @workgroup_size(${WG})
fn main(${GID}) {
  ${FLAT}
  if (gi >= prm(0u)) { return; }
  let L = prm(1u); let R = prm(2u); let C = prm(3u); let H = prm(4u); let W = prm(5u);
  let kh = prm(6u); let kw = prm(7u);
  let l = gi % L; let t = gi / L; let r = t % R; let n = t / R;
  let j = r % kw; let i = (r / kw) % kh; let c = r / (kw * kh);
  let oy = l / prm(14u); let ox = l % prm(14u);
  let iy = i32(oy * prm(8u) + i * prm(12u)) - i32(prm(10u));
  let ix = i32(ox * prm(9u) + j * prm(13u)) - i32(prm(11u));
  var v = 0.0;
  if (iy >= 0 && iy < i32(H) && ix >= 0 && ix < i32(W)) { v = X[prm(15u) + ((n * C + c) * H + u32(iy)) * W + u32(ix)]; }
  COLS[n * prm(16u) + r * prm(17u) + l] = v;
}`;

const COL2IM = `${HEADER}
@group(0) @binding(1) var<storage, read_write> GX: array<f32>;
@group(0) @binding(2) var<storage, read> COLS: array<f32>;
@compute @workgroup_size(${WG})
fn main(${GID}) {
  ${FLAT}
  if (gi >= prm(0u)) { return; }
  let C = prm(1u); let H = prm(2u); let W = prm(3u); let kh = prm(4u); let kw = prm(5u);
  let sh = i32(prm(6u)); let sw = i32(prm(7u)); let oH = i32(prm(12u)); let oW = i32(prm(13u));
  let ix = i32(gi % W); let iy = i32((gi / W) % H); let c = (gi / (W * H)) % C; let n = gi / (W * H * C);
  var s = 0.0;
  for (var i = 0u; i < kh; i++) {
    let ty = iy + i32(prm(8u)) - i32(i * prm(10u));
    if (ty < 0 || ty % sh != 0) { continue; }
    let oy = ty / sh;
    if (oy >= oH) { continue; }
    for (var j = 0u; j < kw; j++) {
      let tx = ix + i32(prm(9u)) - i32(j * prm(11u));
      if (tx < 0 || tx % sw != 0) { continue; }
      let ox = tx / sw;
      if (ox >= oW) { continue; }
      let r = (c * kh + i) * kw + j;
      s += COLS[n * prm(14u) + r * prm(15u) + u32(oy * oW + ox)];
    }
  }
  GX[prm(16u) + gi] = s;
}`;

/**
 * Samples per pass so that each sample-sliced operand (`perSample` elements each) fits one
 * binding: the whole batch when it does (one pass), else chunks of the batch.
 */
function samplesPerPass(N: number, perSample: number[]): number {
  const limit = Math.floor(maxBinding() / ELEM) - gpu().storageAlign / ELEM;
  const most = Math.max(...perSample);
  if (most * N <= limit) return N;
  if (most > limit) throw new Error(`WebGPU conv2d: one sample's ${most * ELEM} bytes (input, output or patch columns) exceed a storage binding (${maxBinding()} bytes)`);
  return Math.max(1, Math.floor(limit / most));
}

/** Patches of x (contiguous) into a fresh buffer: element (n, r, l) at n·sN + r·sR + l. */
function im2col(x: Tensor, g: ConvGeom, sN: number, sR: number): Tensor {
  const R = g.C * g.kh * g.kw, L = g.oH * g.oW;
  const cols = empty([g.N * R * L], x.dtype);
  const n = g.N * R * L;
  const [bx, xoff] = bindWindow(x, g.N * g.C * g.H * g.W);
  dispatch(IM2COL, [{ buffer: bufferOf(cols._storage) }, bx],
    [n, L, R, g.C, g.H, g.W, g.kh, g.kw, g.sh, g.sw, g.pt, g.pl, g.dh, g.dw, g.oW, xoff, sN, sR], groupsFor(n));
  return cols;
}

const view = (t: Tensor, shape: number[], strides: number[], offset = t._offset) => new Tensor(t._storage, shape, strides, offset);
const dense = (t: Tensor) => (t.is_contiguous() ? t : contiguous(t));

registerKernel('conv2d', 'webgpu', (x: Tensor, w: Tensor, bias: Tensor | null, g: ConvGeom): Tensor => {
  const out = empty([g.N, g.O, g.oH, g.oW], x.dtype);
  if (out.numel() === 0) return out;
  const xc = dense(x), wc = dense(w);
  const G = g.groups, og = g.O / G, K = (g.C / G) * g.kh * g.kw, L = g.oH * g.oW, R = g.C * g.kh * g.kw, CHW = g.C * g.H * g.W;
  const nb = samplesPerPass(g.N, [CHW, R * L, g.O * L]);
  for (let n0 = 0; n0 < g.N; n0 += nb) {
    const m = Math.min(nb, g.N - n0);
    const cols = im2col(view(xc, [m, g.C, g.H, g.W], [CHW, g.H * g.W, g.W, 1], xc._offset + n0 * CHW), { ...g, N: m }, R * L, L);
    matmulInto(
      view(wc, [m, G, og, K], [0, og * K, K, 1]),
      view(cols, [m, G, K, L], [R * L, K * L, L, 1]),
      view(out, [m, G, og, L], [g.O * L, og * L, L, 1], n0 * g.O * L),
    );
    cols.dispose();
  }
  if (bias) getKernel('binary', 'webgpu')('add', out, view(bias, [1, g.O, 1, 1], [0, bias._strides[0], 0, 0]), out._shape, out.dtype, out);
  checkOutput('conv2d', out);
  return out;
});

registerKernel('conv2d_backward_input', 'webgpu', (gOut: Tensor, w: Tensor, g: ConvGeom): Tensor => {
  const gx = empty([g.N, g.C, g.H, g.W], gOut.dtype);
  if (gx.numel() === 0) return gx;
  const gc = dense(gOut), wc = dense(w);
  const G = g.groups, og = g.O / G, K = (g.C / G) * g.kh * g.kw, L = g.oH * g.oW, R = g.C * g.kh * g.kw, CHW = g.C * g.H * g.W;
  const nb = samplesPerPass(g.N, [CHW, R * L, g.O * L]);
  for (let n0 = 0; n0 < g.N; n0 += nb) {
    const m = Math.min(nb, g.N - n0);
    const cols = empty([m * R * L], gOut.dtype);
    matmulInto(
      view(wc, [m, G, K, og], [0, og * K, 1, K]),
      view(gc, [m, G, og, L], [g.O * L, og * L, L, 1], gc._offset + n0 * g.O * L),
      view(cols, [m, G, K, L], [R * L, K * L, L, 1], 0),
    );
    const n = m * CHW;
    const [bg, goff] = bindWindow(view(gx, [n], [1], n0 * CHW), n);
    dispatch(COL2IM, [bg, { buffer: bufferOf(cols._storage) }],
      [n, g.C, g.H, g.W, g.kh, g.kw, g.sh, g.sw, g.pt, g.pl, g.dh, g.dw, g.oH, g.oW, R * L, L, goff], groupsFor(n));
    cols.dispose();
  }
  checkOutput('conv2d_backward_input', gx);
  return gx;
});

registerKernel('conv2d_backward_weight', 'webgpu', (x: Tensor, gOut: Tensor, g: ConvGeom): Tensor => {
  const G = g.groups, og = g.O / G, cg = g.C / G, K = cg * g.kh * g.kw, L = g.oH * g.oW, R = g.C * g.kh * g.kw, CHW = g.C * g.H * g.W;
  const gw = empty([g.O, cg, g.kh, g.kw], gOut.dtype);
  if (gw.numel() === 0) return gw;
  const xc = dense(x), gd = dense(gOut);
  // batches larger than a binding: the weight gradient is summed over passes of samples
  const nb = samplesPerPass(g.N, [CHW, R * L, g.O * L]);
  for (let n0 = 0; n0 < g.N; n0 += nb) {
    const m = Math.min(nb, g.N - n0), NL = m * L;
    const cols = im2col(view(xc, [m, g.C, g.H, g.W], [CHW, g.H * g.W, g.W, 1], xc._offset + n0 * CHW), { ...g, N: m }, L, NL); // [R, m·L]
    // gOut [m, O, L] → [O, m, L]
    const gT = empty([g.O, m, L], gOut.dtype);
    copyInto(gT, view(gd, [g.O, m, L], [L, g.O * L, 1], gd._offset + n0 * g.O * L));
    const target = n0 === 0 ? gw : empty(gw._shape, gw.dtype);
    matmulInto(
      view(gT, [G, og, NL], [og * NL, NL, 1], 0),
      view(cols, [G, NL, K], [K * NL, 1, NL], 0),
      view(target, [G, og, K], [og * K, K, 1], 0),
    );
    if (target !== gw) {
      getKernel('binary', 'webgpu')('add', gw, target, gw._shape, gw.dtype, gw);
      target.dispose();
    }
    cols.dispose();
    gT.dispose();
  }
  checkOutput('conv2d_backward_weight', gw);
  return gw;
});
