// CPU 2-D pooling over [P, H, W] planes (P = N·C): max (with flat H·W argmax indices, as
// PyTorch returns), average (count_include_pad, divisor_override) and their adaptive forms.
// Each output cell pools a window given by row and column ranges computed up front.
import { Device } from '../../device';
import { int64, type TypedArray } from '../../dtype';
import { Tensor } from '../../tensor';
import type { PoolAxis, PoolGeom } from '../kernels';
import { registerKernel } from '../registry';

export type { PoolAxis, PoolGeom } from '../kernels';

/** Whether every window is k×k at stride k, inside the input (the common `MaxPool2d(2)`). */
function plainWindows(g: PoolGeom, k: number): boolean {
  const ok = (a: PoolAxis, n: number) => {
    if (a.dil !== 1) return false;
    for (let o = 0; o < n; o++) if (a.count[o] !== k || a.start[o] !== o * k) return false;
    return true;
  };
  return ok(g.ys, g.oH) && ok(g.xs, g.oW);
}

/** 2×2 windows at stride 2: four loads per output, the same choice as the general loop (first NaN wins). */
function maxPool2x2(X: TypedArray, g: PoolGeom, O: TypedArray, I: TypedArray): void {
  const { H, W, oH, oW } = g;
  let o = 0;
  for (let p = 0; p < g.P; p++) {
    const plane = p * H * W;
    for (let oy = 0; oy < oH; oy++) {
      const r0 = 2 * oy * W, r1 = r0 + W;
      for (let ox = 0; ox < oW; ox++, o++) {
        const c = 2 * ox;
        let best = X[plane + r0 + c], bi = r0 + c;
        let v = X[plane + r0 + c + 1];
        if (best === best && (v > best || v !== v)) { best = v; bi = r0 + c + 1; }
        v = X[plane + r1 + c];
        if (best === best && (v > best || v !== v)) { best = v; bi = r1 + c; }
        v = X[plane + r1 + c + 1];
        if (best === best && (v > best || v !== v)) { best = v; bi = r1 + c + 1; }
        O[o] = best;
        I[o] = bi;
      }
    }
  }
}

registerKernel('max_pool2d', 'cpu', (x: Tensor, g: PoolGeom, outShape: number[]): [Tensor, Tensor] => {
  const X = x._cpuContiguous();
  const out = Tensor._empty(outShape, x.dtype, Device.cpu);
  const idx = Tensor._empty(outShape, int64, Device.cpu);
  const O = out._storage.data!, I = idx._storage.data!;
  if (plainWindows(g, 2)) {
    maxPool2x2(X, g, O, I);
    return [out, idx];
  }
  const { H, W, oH, oW, ys, xs } = g;
  let o = 0;
  for (let p = 0; p < g.P; p++) {
    const plane = p * H * W;
    for (let oy = 0; oy < oH; oy++) {
      const y0 = ys.start[oy], ny = ys.count[oy];
      for (let ox = 0; ox < oW; ox++, o++) {
        const x0 = xs.start[ox], nx = xs.count[ox];
        let best = -Infinity, bi = -1;
        for (let i = 0, y = y0; i < ny; i++, y += ys.dil) {
          const row = plane + y * W;
          for (let j = 0, xx = x0; j < nx; j++, xx += xs.dil) {
            const v = X[row + xx];
            if (v > best || v !== v || bi < 0) {
              best = v;
              bi = y * W + xx;
              if (v !== v) break;
            }
          }
          if (best !== best) break;
        }
        O[o] = best;
        I[o] = bi;
      }
    }
  }
  return [out, idx];
});

/** Scatter-adds g into the argmax positions (max pooling's backward, adaptive or not). */
registerKernel('max_pool2d_backward', 'cpu', (gOut: Tensor, indices: Tensor, inShape: number[], H: number, W: number): Tensor => {
  const G = gOut._cpuContiguous(), I = indices._cpuContiguous();
  const gx = Tensor._empty(inShape, gOut.dtype, Device.cpu);
  const GX = gx._storage.data!;
  const per = G.length / Math.max(1, inShape.reduce((a, b) => a * b, 1) / (H * W));
  for (let o = 0, plane = 0, left = per; o < G.length; o++) {
    if (I[o] >= 0) GX[plane + I[o]] += G[o];
    if (--left === 0) {
      plane += H * W;
      left = per;
    }
  }
  return gx;
});

function divisor(g: PoolGeom, oy: number, ox: number, countIncludePad: boolean, override: number | null): number {
  if (override) return override;
  if (countIncludePad) return g.ys.padded[oy] * g.xs.padded[ox];
  return g.ys.count[oy] * g.xs.count[ox];
}

registerKernel('avg_pool2d', 'cpu', (x: Tensor, g: PoolGeom, outShape: number[], countIncludePad: boolean, override: number | null): Tensor => {
  const X = x._cpuContiguous();
  const out = Tensor._empty(outShape, x.dtype, Device.cpu);
  const O = out._storage.data!;
  const { H, W, oH, oW, ys, xs } = g;
  let o = 0;
  for (let p = 0; p < g.P; p++) {
    const plane = p * H * W;
    for (let oy = 0; oy < oH; oy++) {
      const y0 = ys.start[oy], ny = ys.count[oy];
      for (let ox = 0; ox < oW; ox++, o++) {
        const x0 = xs.start[ox], nx = xs.count[ox];
        let s = 0;
        for (let i = 0; i < ny; i++) {
          const row = plane + (y0 + i) * W + x0;
          for (let j = 0; j < nx; j++) s += X[row + j];
        }
        O[o] = s / divisor(g, oy, ox, countIncludePad, override);
      }
    }
  }
  return out;
});

registerKernel('avg_pool2d_backward', 'cpu', (gOut: Tensor, g: PoolGeom, inShape: number[], countIncludePad: boolean, override: number | null): Tensor => {
  const G = gOut._cpuContiguous();
  const gx = Tensor._empty(inShape, gOut.dtype, Device.cpu);
  const GX = gx._storage.data!;
  const { H, W, oH, oW, ys, xs } = g;
  let o = 0;
  for (let p = 0; p < g.P; p++) {
    const plane = p * H * W;
    for (let oy = 0; oy < oH; oy++) {
      const y0 = ys.start[oy], ny = ys.count[oy];
      for (let ox = 0; ox < oW; ox++, o++) {
        const x0 = xs.start[ox], nx = xs.count[ox];
        const v = G[o] / divisor(g, oy, ox, countIncludePad, override);
        for (let i = 0; i < ny; i++) {
          const row = plane + (y0 + i) * W + x0;
          for (let j = 0; j < nx; j++) GX[row + j] += v;
        }
      }
    }
  }
  return gx;
});
