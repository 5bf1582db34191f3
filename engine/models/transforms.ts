// torchvision's ImageClassification preset as a function on image tensors: resize the shorter
// side (bilinear, half-pixel centres), centre-crop, scale to [0, 1] if integer, normalise.
import { RuntimeError } from '../errors';
import { withGradMode } from '../autograd';
import { float32 } from '../dtype';
import { Tensor } from '../tensor';

export interface ImageClassificationOptions {
  crop_size: number;
  resize_size?: number;
  mean?: number[];
  std?: number[];
}

/** Bilinear resize of a [C, H, W] CPU float tensor (align_corners=False, no antialias). */
function resizeBilinear(x: Tensor, oh: number, ow: number): Tensor {
  const [C, H, W] = x._shape;
  const src = x.contiguous()._cpuContiguous();
  const out = Tensor._empty([C, oh, ow], float32);
  const d = out._storage.data!;
  const sy = H / oh, sx = W / ow;
  for (let y = 0; y < oh; y++) {
    const fy = Math.max(0, (y + 0.5) * sy - 0.5);
    const y0 = Math.min(H - 1, Math.floor(fy)), y1 = Math.min(H - 1, y0 + 1), wy = fy - y0;
    for (let xx = 0; xx < ow; xx++) {
      const fx = Math.max(0, (xx + 0.5) * sx - 0.5);
      const x0 = Math.min(W - 1, Math.floor(fx)), x1 = Math.min(W - 1, x0 + 1), wx = fx - x0;
      for (let c = 0; c < C; c++) {
        const o = c * H * W;
        const top = src[o + y0 * W + x0] * (1 - wx) + src[o + y0 * W + x1] * wx;
        const bot = src[o + y1 * W + x0] * (1 - wx) + src[o + y1 * W + x1] * wx;
        d[c * oh * ow + y * ow + xx] = top * (1 - wy) + bot * wy;
      }
    }
  }
  return out;
}

/**
 * Returns the preprocessing function of a weights entry: `[3, H, W]` (or `[N, 3, H, W]`) image
 * tensor, uint8-range integers or floats in [0, 1] → normalised `[3, crop, crop]` float tensor.
 */
export function imageClassification(o: ImageClassificationOptions): (img: Tensor) => Tensor {
  const resize = o.resize_size ?? 256;
  const mean = o.mean ?? [0.485, 0.456, 0.406];
  const std = o.std ?? [0.229, 0.224, 0.225];
  const one = (img: Tensor): Tensor => {
    let x = img.cpu();
    if (!x.dtype.is_floating_point) x = x.to(float32).div(255);
    else if (x.dtype !== float32) x = x.to(float32);
    const [, H, W] = x._shape;
    const [nh, nw] = H <= W ? [resize, Math.floor((resize * W) / H)] : [Math.floor((resize * H) / W), resize];
    x = nh === H && nw === W ? x : resizeBilinear(x, nh, nw);
    const top = Math.round((nh - o.crop_size) / 2), left = Math.round((nw - o.crop_size) / 2);
    x = x.narrow(1, top, o.crop_size).narrow(2, left, o.crop_size);
    const m = Tensor._fromData(new Float32Array(mean), [mean.length, 1, 1], float32);
    const s = Tensor._fromData(new Float32Array(std), [std.length, 1, 1], float32);
    const r = x.sub(m).div(s);
    return img.device.type === 'cpu' ? r : r.to(img.device);
  };
  return (img: Tensor) =>
    withGradMode(false, () => {
      if (img.ndim === 3) return one(img);
      if (img.ndim === 4) {
        const outs = Array.from({ length: img._shape[0] }, (_, i) => one(img.select(0, i)).unsqueeze(0));
        return outs.reduce(catDim0);
      }
      throw new RuntimeError(`transforms(): expected an image tensor [3, H, W] or [N, 3, H, W], got [${img._shape.join(', ')}]`);
    });
}

function catDim0(a: Tensor, b: Tensor): Tensor {
  const out = Tensor._empty([a._shape[0] + b._shape[0], ...a._shape.slice(1)], float32);
  const d = out._storage.data!;
  d.set(a._cpuContiguous());
  d.set(b._cpuContiguous(), a.numel());
  return out;
}
