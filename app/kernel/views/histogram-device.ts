// Histograms of device (WebGPU) tensors, binned on the device with tensor ops: only the bins and
// a few statistics are read back, never the values (a VGG16 gradient is 400 MB).
import { torch } from '../../../engine/index';
import type { Tensor } from '../../../engine/index';
import type { Histogram } from './histogram';

/** The same histogram as `histogram(values, bins)`, computed where the tensor lives. */
export async function deviceHistogram(t: Tensor, bins = 30): Promise<Histogram> {
  const n = t.numel();
  const counts0 = new Array<number>(bins).fill(0);
  if (n === 0) return { lo: 0, hi: 0, counts: counts0, mean: NaN, std: NaN, norm: NaN, min: NaN, max: NaN, zeros: 0, nonfinite: 0, n: 0 };
  const x = torch.no_grad(() => t.detach().reshape(-1).float());
  const packed = torch.no_grad(() => {
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
    const stats = [lo, hi, lo2, hi2, xf.sum(), xf.mul(xf).sum(), x.eq(0).float().sum(), w.sum()].map((s) => s.reshape(1));
    return torch.cat([...stats, counts]);
  });
  const d = await packed.data();
  const [min, max, lo, hi, sum, sumSq, zeros, finite] = Array.from(d.subarray(0, 8));
  const counts = Array.from(d.subarray(8), Math.round);
  if (finite === 0) return { lo: 0, hi: 0, counts: counts0, mean: NaN, std: NaN, norm: NaN, min: NaN, max: NaN, zeros: 0, nonfinite: n, n };
  const mean = sum / finite;
  return { lo, hi, counts, mean, std: Math.sqrt(Math.max(0, sumSq / finite - mean * mean)), norm: Math.sqrt(sumSq), min, max, zeros: zeros / n, nonfinite: n - finite, n };
}
