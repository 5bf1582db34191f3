// WebGPU 2-D pooling over [P, H, W] planes, from the same window geometry as the CPU kernels
// (per output row/column: start, count, padded length — uploaded once per geometry and cached).
// Max pooling returns flat H·W argmax indices; the backward passes scatter-add with atomics
// (windows may overlap). Tensors larger than one binding run in passes of planes.
import { int64 } from '../../dtype';
import { Tensor } from '../../tensor';
import type { PoolGeom } from '../kernels';
import { registerKernel } from '../registry';
import { acquireBuffer, ELEM } from './buffers';
import { gpu, maxBinding, onDeviceLoss } from './context';
import { checkOutput } from './debug';
import { contiguous, empty, fill } from './memory';
import { dispatch, upload } from './queue';
import { bindWindow } from './strided';
import { FLAT, GID, HEADER, MATH, WG, groupsFor } from './wgsl';


const geomCache = new Map<string, GPUBuffer>();
onDeviceLoss(() => geomCache.clear());

/** [ys.start, ys.count, ys.padded, xs.start, xs.count, xs.padded] as one i32 buffer. */
function geomBuffer(g: PoolGeom): GPUBuffer {
  const parts = [g.ys.start, g.ys.count, g.ys.padded, g.xs.start, g.xs.count, g.xs.padded];
  const key = parts.map((a) => a.join(',')).join('|');
  let buf = geomCache.get(key);
  if (!buf) {
    const data = new Int32Array(3 * g.oH + 3 * g.oW);
    let o = 0;
    for (const a of parts) {
      data.set(a, o);
      o += a.length;
    }
    gpu();
    buf = acquireBuffer(data.byteLength);
    upload(buf, 0, data);
    if (geomCache.size > 256) geomCache.clear();
    geomCache.set(key, buf);
  }
  return buf;
}

// params: 0 n, 1 H, 2 W, 3 oH, 4 oW, 5 ydil, 6 xdil, 7 xoff, 8 mode (avg: 0 count, 1 padded, 2 override), 9 override
const WINDOW = `
  let oW = prm(4u); let oH = prm(3u);
  let ox = gi % oW; let oy = (gi / oW) % oH; let p = gi / (oW * oH);
  let y0 = u32(GM[oy]); let ny = u32(GM[oH + oy]);
  let x0 = u32(GM[3u * oH + ox]); let nx = u32(GM[3u * oH + oW + ox]);
  let plane = p * prm(1u) * prm(2u);`;
const DIVISOR = `
fn divisor(oy: u32, ox: u32, ny: u32, nx: u32) -> f32 {
  let oH = prm(3u);
  if (prm(8u) == 2u) { return f32(prm(9u)); }
  if (prm(8u) == 1u) { return f32(GM[2u * oH + oy] * GM[3u * oH + 2u * prm(4u) + ox]); }
  return f32(ny * nx);
}`;

const MAXPOOL = `${HEADER}${MATH}
@group(0) @binding(1) var<storage, read_write> O: array<f32>;
@group(0) @binding(2) var<storage, read_write> OI: array<i32>;
@group(0) @binding(3) var<storage, read> X: array<f32>;
@group(0) @binding(4) var<storage, read> GM: array<i32>;
@compute @workgroup_size(${WG})
fn main(${GID}) {
  ${FLAT}
  if (gi >= prm(0u)) { return; }
  ${WINDOW}
  var best = bits_(0xff800000u); var bi = -1; var done = false;
  for (var i = 0u; i < ny && !done; i++) {
    let y = y0 + i * prm(5u);
    for (var j = 0u; j < nx; j++) {
      let xx = x0 + j * prm(6u);
      let v = X[prm(7u) + plane + y * prm(2u) + xx];
      if (v > best || isnan_(v) || bi < 0) {
        best = v; bi = i32(y * prm(2u) + xx);
        if (isnan_(v)) { done = true; break; }
      }
    }
  }
  O[prm(10u) + gi] = best; OI[prm(10u) + gi] = bi;
}`;

const AVGPOOL = `${HEADER}
@group(0) @binding(1) var<storage, read_write> O: array<f32>;
@group(0) @binding(2) var<storage, read> X: array<f32>;
@group(0) @binding(3) var<storage, read> GM: array<i32>;
${DIVISOR}
@compute @workgroup_size(${WG})
fn main(${GID}) {
  ${FLAT}
  if (gi >= prm(0u)) { return; }
  ${WINDOW}
  var s = 0.0;
  for (var i = 0u; i < ny; i++) {
    let row = prm(7u) + plane + (y0 + i) * prm(2u) + x0;
    for (var j = 0u; j < nx; j++) { s += X[row + j]; }
  }
  O[prm(10u) + gi] = s / divisor(oy, ox, ny, nx);
}`;

const ATOMIC_ADD = `
@group(0) @binding(1) var<storage, read_write> GX: array<atomic<u32>>;
fn add_at(p: u32, v: f32) {
  var old = atomicLoad(&GX[p]);
  loop {
    let r = atomicCompareExchangeWeak(&GX[p], old, bitcast<u32>(bitcast<f32>(old) + v));
    if (r.exchanged) { break; }
    old = r.old_value;
  }
}`;

const MAXPOOL_BACK = `${HEADER}${ATOMIC_ADD}
@group(0) @binding(2) var<storage, read> G: array<f32>;
@group(0) @binding(3) var<storage, read> I: array<i32>;
@compute @workgroup_size(${WG})
fn main(${GID}) {
  ${FLAT}
  if (gi >= prm(0u)) { return; }
  let idx = I[prm(4u) + gi];
  if (idx < 0) { return; }
  add_at(prm(5u) + (gi / prm(1u)) * prm(2u) + u32(idx), G[prm(3u) + gi]);
}`;

const AVGPOOL_BACK = `${HEADER}${ATOMIC_ADD}
@group(0) @binding(2) var<storage, read> G: array<f32>;
@group(0) @binding(3) var<storage, read> GM: array<i32>;
${DIVISOR}
@compute @workgroup_size(${WG})
fn main(${GID}) {
  ${FLAT}
  if (gi >= prm(0u)) { return; }
  ${WINDOW}
  let v = G[prm(7u) + gi] / divisor(oy, ox, ny, nx);
  for (var i = 0u; i < ny; i++) {
    let row = prm(10u) + plane + (y0 + i) * prm(2u) + x0;
    for (var j = 0u; j < nx; j++) { add_at(row + j, v); }
  }
}`;

const dense = (t: Tensor) => (t.is_contiguous() ? t : contiguous(t));
// params: 0 n, 1 H, 2 W, 3 oH, 4 oW, 5 ydil, 6 xdil, 7 input offset, 8 mode, 9 override, 10 output offset
const params = (n: number, g: PoolGeom, off: number, mode = 0, override = 0, outOff = 0) => [n, g.H, g.W, g.oH, g.oW, g.ys.dil, g.xs.dil, off, mode, override, outOff];

/**
 * Runs `f` over passes of planes whose input and output windows each fit one binding (one pass
 * when the tensors do), with each operand's binding and offset for the pass.
 */
function planePasses(planes: number, inPer: number, outPer: number, f: (p0: number, pc: number) => void): void {
  const limit = Math.floor(maxBinding() / ELEM) - gpu().storageAlign / ELEM;
  const most = Math.max(inPer, outPer);
  if (most * planes <= limit) return f(0, planes);
  if (most > limit) throw new Error(`WebGPU pooling: one ${inPer}-value plane exceeds a storage binding (${maxBinding()} bytes)`);
  const pc = Math.max(1, Math.floor(limit / most));
  for (let p0 = 0; p0 < planes; p0 += pc) f(p0, Math.min(pc, planes - p0));
}
const flat = (t: Tensor, start: number, n: number) => new Tensor(t._storage, [n], [1], t._offset + start);

registerKernel('max_pool2d', 'webgpu', (x: Tensor, g: PoolGeom, outShape: number[]): [Tensor, Tensor] => {
  const out = empty(outShape, x.dtype), idx = empty(outShape, int64);
  const n = out.numel();
  if (n === 0) return [out, idx];
  const xc = dense(x);
  const hw = g.H * g.W, ohw = g.oH * g.oW;
  planePasses(n / ohw, hw, ohw, (p0, pc) => {
    const [bx, xo] = bindWindow(flat(xc, p0 * hw, pc * hw), pc * hw);
    const [bo, oo] = bindWindow(flat(out, p0 * ohw, pc * ohw), pc * ohw);
    const [bi] = bindWindow(flat(idx, p0 * ohw, pc * ohw), pc * ohw);
    dispatch(MAXPOOL, [bo, bi, bx, { buffer: geomBuffer(g) }], params(pc * ohw, g, xo, 0, 0, oo), groupsFor(pc * ohw));
  });
  checkOutput('max_pool2d', out);
  return [out, idx];
});

registerKernel('max_pool2d_backward', 'webgpu', (gOut: Tensor, indices: Tensor, inShape: number[], H: number, W: number): Tensor => {
  const gx = fill(inShape, 0, gOut.dtype);
  const n = gOut.numel();
  if (n === 0) return gx;
  const planes = inShape.reduce((a, b) => a * b, 1) / (H * W);
  const per = n / Math.max(1, planes);
  const gc = dense(gOut), ic = dense(indices);
  planePasses(planes, H * W, per, (p0, pc) => {
    const [bx, xo] = bindWindow(flat(gx, p0 * H * W, pc * H * W), pc * H * W);
    const [bg, go] = bindWindow(flat(gc, p0 * per, pc * per), pc * per);
    const [bi, io] = bindWindow(flat(ic, p0 * per, pc * per), pc * per);
    dispatch(MAXPOOL_BACK, [bx, bg, bi], [pc * per, per, H * W, go, io, xo], groupsFor(pc * per));
  });
  return gx;
});

registerKernel('avg_pool2d', 'webgpu', (x: Tensor, g: PoolGeom, outShape: number[], countIncludePad: boolean, override: number | null): Tensor => {
  const out = empty(outShape, x.dtype);
  const n = out.numel();
  if (n === 0) return out;
  const xc = dense(x);
  const hw = g.H * g.W, ohw = g.oH * g.oW;
  planePasses(n / ohw, hw, ohw, (p0, pc) => {
    const [bx, xo] = bindWindow(flat(xc, p0 * hw, pc * hw), pc * hw);
    const [bo, oo] = bindWindow(flat(out, p0 * ohw, pc * ohw), pc * ohw);
    dispatch(AVGPOOL, [bo, bx, { buffer: geomBuffer(g) }], params(pc * ohw, g, xo, override ? 2 : countIncludePad ? 1 : 0, override ?? 0, oo), groupsFor(pc * ohw));
  });
  checkOutput('avg_pool2d', out);
  return out;
});

registerKernel('avg_pool2d_backward', 'webgpu', (gOut: Tensor, g: PoolGeom, inShape: number[], countIncludePad: boolean, override: number | null): Tensor => {
  const gx = fill(inShape, 0, gOut.dtype);
  const n = gOut.numel();
  if (n === 0) return gx;
  const gc = dense(gOut);
  const hw = g.H * g.W, ohw = g.oH * g.oW;
  planePasses(n / ohw, hw, ohw, (p0, pc) => {
    const [bx, xo] = bindWindow(flat(gx, p0 * hw, pc * hw), pc * hw);
    const [bg, go] = bindWindow(flat(gc, p0 * ohw, pc * ohw), pc * ohw);
    dispatch(AVGPOOL_BACK, [bx, bg, { buffer: geomBuffer(g) }], params(pc * ohw, g, go, override ? 2 : countIncludePad ? 1 : 0, override ?? 0, xo), groupsFor(pc * ohw));
  });
  return gx;
});
