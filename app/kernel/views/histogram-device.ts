// Histograms of device (WebGPU) tensors, binned on the device with tensor ops: only the bins and
// a few statistics are read back, never the values (a VGG16 gradient is 400 MB).
import { torch } from '../../../engine/index';
import type { Tensor } from '../../../engine/index';
import type { Histogram } from './histogram';

const empty = (bins: number, n: number, nonfinite: number): Histogram => ({ lo: 0, hi: 0, counts: new Array<number>(bins).fill(0), mean: NaN, std: NaN, norm: NaN, min: NaN, max: NaN, zeros: 0, nonfinite, n });

/** Device-side: [min, max, lo, hi, sum, sumSq, zeros, finite, counts…] of a non-empty tensor, as one tensor. */
function pack(t: Tensor, bins: number): Tensor {
  return torch.no_grad(() => {
    const x = t.detach().reshape(-1).float();
    const finite = x.isfinite();
    const w = finite.float();
    const xf = x.where(finite, 0);
    const lo = x.where(finite, Infinity).amin();
    const hi = x.where(finite, -Infinity).amax();
    const same = hi.eq(lo).float();
    const pad = lo.abs().mul(0.05).clamp(1e-12, null).mul(same);
    const lo2 = lo.sub(pad), hi2 = hi.add(pad);
    const idx = xf.sub(lo2).div(hi2.sub(lo2)).mul(bins).floor().clamp(0, bins - 1).where(finite, 0).long();
    const counts = torch.zeros(bins, { device: x.device }).scatter_add_(0, idx, w);
    const stats = [lo, hi, lo2, hi2, xf.sum(), xf.mul(xf).sum(), x.eq(0).float().sum(), w.sum()].map((v) => v.reshape(1));
    return torch.cat([...stats, counts]);
  });
}

function unpack(d: ArrayLike<number>, off: number, n: number, bins: number): Histogram {
  const [min, max, lo, hi, sum, sumSq, zeros, finite] = Array.from({ length: 8 }, (_, i) => d[off + i]);
  if (finite === 0) return empty(bins, n, n);
  const counts = Array.from({ length: bins }, (_, i) => Math.round(d[off + 8 + i]));
  const mean = sum / finite;
  return { lo, hi, counts, mean, std: Math.sqrt(Math.max(0, sumSq / finite - mean * mean)), norm: Math.sqrt(sumSq), min, max, zeros: zeros / n, nonfinite: n - finite, n };
}

/** The same histogram as `histogram(values, bins)`, computed where the tensor lives. */
export async function deviceHistogram(t: Tensor, bins = 30): Promise<Histogram> {
  return (await deviceHistograms([t], bins))[0];
}

/** Histograms of several device tensors with a single readback (one per epoch for a whole model). */
export async function deviceHistograms(ts: readonly Tensor[], bins = 30): Promise<Histogram[]> {
  const live = ts.filter((t) => t.numel() > 0);
  const data = live.length ? await torch.cat(live.map((t) => pack(t, bins))).data() : new Float32Array(0);
  let k = 0;
  return ts.map((t) => (t.numel() === 0 ? empty(bins, 0, 0) : unpack(data, (k++) * (8 + bins), t.numel(), bins)));
}
