// F.affine_grid and F.grid_sample (spatial transformer networks), as PyTorch's formulas, composed
// of public ops: the grid's [-1, 1] coordinates are unnormalised to pixels (align_corners), mapped
// through the padding mode (border clips, reflection reflects then clips, zeros masks), and the
// neighbouring pixels are gathered from the flattened image and blended (bilinear: 4 corners,
// bicubic: 4×4 taps with A = −0.75, nearest: the rounded pixel). Autograd gives the gradients
// w.r.t. the input and the grid; every piece has CPU and WebGPU kernels.
import { parseArgs } from '../args';
import { fused } from '../autograd';
import { int64 } from '../dtype';
import { NotImplementedError, RuntimeError, ValueError } from '../errors';
import { linspace, ones } from '../ops/creation';
import { stack } from '../ops/join';
import type { Tensor } from '../tensor';
import { warn } from '../warnings';

/** The [-1, 1] sample positions of `n` pixels (pixel centres unless align_corners). */
function base(n: number, align: boolean, like: Tensor): Tensor {
  const l = linspace(-1, 1, n, { dtype: like.dtype, device: like.device });
  return align ? l : l.mul((n - 1) / n);
}

/**
 * The sampling grid of the affine maps `theta` [N, 2, 3] (or [N, 3, 4]) for an output of `size`
 * [N, C, H, W] (or [N, C, D, H, W]): [N, H, W, 2] (x, y) coordinates in [-1, 1] for grid_sample.
 * @example F.affine_grid(torch.tensor([[[1., 0., 0.], [0., 1., 0.]]]), [1, 1, 2, 3], {align_corners: false}).shape // torch.Size([1, 2, 3, 2])
 */
export function affine_grid(theta: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<{ size: number[]; align_corners: boolean | null }>('affine_grid', args, ['size', 'align_corners'], { align_corners: null });
  if (o.align_corners === null)
    warn('Default grid_sample and affine_grid behavior has changed to align_corners=False since 1.3.0. Please specify align_corners=True if the old behavior is desired. See the documentation of grid_sample for details.');
  const align = !!o.align_corners;
  const size = [...o.size];
  if (!theta.dtype.is_floating_point) throw new ValueError(`Expected theta to have floating point type, but got ${String(theta.dtype)}`);
  const sz = `[${size.join(', ')}]`;
  if (size.length === 4) {
    if (theta.ndim !== 3 || theta._shape[1] !== 2 || theta._shape[2] !== 3)
      throw new ValueError(`Expected a batch of 2D affine matrices of shape Nx2x3 for size ${sz}. Got torch.Size([${theta._shape.join(', ')}]).`);
  } else if (size.length === 5) {
    if (theta.ndim !== 3 || theta._shape[1] !== 3 || theta._shape[2] !== 4)
      throw new ValueError(`Expected a batch of 3D affine matrices of shape Nx3x4 for size ${sz}. Got torch.Size([${theta._shape.join(', ')}]).`);
  } else throw new NotImplementedError(`affine_grid only supports 4D and 5D sizes, for 2D and 3D affine transforms, respectively. Got size ${sz}.`);
  if (Math.min(...size) <= 0) throw new ValueError(`Expected non-zero, positive output size. Got ${sz}`);
  if (theta._shape[0] !== size[0]) throw new RuntimeError(`Expected size[0] (${size[0]}) to equal theta's batch size (${theta._shape[0]})`);
  const N = size[0];
  const spatial = size.slice(2); // [H, W] or [D, H, W]
  // base grid [..spatial, k+1]: (x, y[, z], 1), x varying along the last dim
  const k = spatial.length;
  const axes = spatial.map((n) => base(n, align, theta));
  const coords: Tensor[] = [];
  for (let i = 0; i < k; i++) {
    // coordinate i (x first) varies along spatial dim k-1-i
    const d = k - 1 - i;
    const shape = spatial.map((_, j) => (j === d ? spatial[j] : 1));
    coords.push(axes[d].reshape(shape).expand(spatial));
  }
  coords.push(ones(spatial, { dtype: theta.dtype, device: theta.device }));
  const grid0 = stack(coords, -1).reshape([1, -1, k + 1]);
  return fused('AffineGridGeneratorBackward0', [theta], (t) => grid0.matmul(t!.transpose(1, 2)).reshape([N, ...spatial, k]));
}

type Padding = 'zeros' | 'border' | 'reflection';

/** PyTorch's reflect_coordinates: reflects `x` into [low/2, high/2] (twice_low, twice_high as there). */
function reflect(x: Tensor, twiceLow: number, twiceHigh: number): Tensor {
  if (twiceLow === twiceHigh) return x.mul(0);
  const min = twiceLow / 2, span = (twiceHigh - twiceLow) / 2;
  const a = x.sub(min).abs();
  const extra = a.fmod(span);
  const flips = a.div(span).floor();
  const even = flips.remainder(2).eq(0);
  return extra.add(min).where(even, extra.neg().add(span + min));
}

/** A pixel coordinate through the padding mode (border and reflection keep it inside [0, n-1]). */
function pad(x: Tensor, n: number, padding: Padding, align: boolean): Tensor {
  if (padding === 'zeros') return x;
  const r = padding === 'reflection' ? (align ? reflect(x, 0, 2 * (n - 1)) : reflect(x, -1, 2 * n - 1)) : x;
  return r.clamp(0, n - 1);
}

/**
 * Samples `input` [N, C, H, W] at the [-1, 1] positions of `grid` [N, Ho, Wo, 2] ((x, y) pairs):
 * [N, C, Ho, Wo]. `mode` 'bilinear' (default), 'nearest' or 'bicubic'; `padding_mode` 'zeros',
 * 'border' or 'reflection'; `align_corners` (default false) maps ±1 to the corner pixels' centres.
 * @example F.grid_sample(imgs, F.affine_grid(torch.tensor([[[0.5, 0., 0.], [0., 0.5, 0.]]]).expand(2, 2, 3), [2, 3, 4, 4], {align_corners: false}), {align_corners: false}).shape // torch.Size([2, 3, 4, 4])
 */
export function grid_sample(input: Tensor, grid: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<{ mode: string; padding_mode: string; align_corners: boolean | null }>('grid_sample', args, ['mode', 'padding_mode', 'align_corners'], { mode: 'bilinear', padding_mode: 'zeros', align_corners: null });
  if (!['bilinear', 'nearest', 'bicubic'].includes(o.mode))
    throw new ValueError(`nn.functional.grid_sample(): expected mode to be 'bilinear', 'nearest' or 'bicubic', but got: '${o.mode}'`);
  if (!['zeros', 'border', 'reflection'].includes(o.padding_mode))
    throw new ValueError(`nn.functional.grid_sample(): expected padding_mode to be 'zeros', 'border', or 'reflection', but got: '${o.padding_mode}'`);
  if (o.align_corners === null)
    warn('Default grid_sample and affine_grid behavior has changed to align_corners=False since 1.3.0. Please specify align_corners=True if the old behavior is desired. See the documentation of grid_sample for details.');
  const align = !!o.align_corners;
  if (input.ndim === 5) throw new NotImplementedError('grid_sample of 5-D (volumetric) input is not implemented in Torchlit (see docs/pytorch-coverage.md)');
  if (input.ndim !== 4) throw new RuntimeError(`grid_sampler(): expected 4D or 5D input and grid with same number of dimensions, but got input with sizes [${input._shape.join(', ')}] and grid with sizes [${grid._shape.join(', ')}]`);
  if (grid.ndim !== 4) throw new RuntimeError(`grid_sampler(): expected 4D or 5D input and grid with same number of dimensions, but got input with sizes [${input._shape.join(', ')}] and grid with sizes [${grid._shape.join(', ')}]`);
  if (grid._shape[0] !== input._shape[0])
    throw new RuntimeError(`grid_sampler(): expected grid and input to have same batch size, but got input with sizes [${input._shape.join(', ')}] and grid with sizes [${grid._shape.join(', ')}]`);
  if (grid._shape[3] !== 2) throw new RuntimeError(`grid_sampler(): expected grid to have size 2 in last dimension, but got grid with sizes [${grid._shape.join(', ')}]`);
  if (input.dtype !== grid.dtype) throw new RuntimeError(`grid_sampler(): expected input and grid to have same dtype, but input has ${input.dtype} and grid has ${grid.dtype}`);
  const [N, C, H, W] = input._shape;
  const [, Ho, Wo] = grid._shape;
  const P = Ho * Wo;
  const padding = o.padding_mode as Padding;
  return fused('GridSampler2DBackward0', [input, grid], (inp, gr) => {
    const flat = inp!.reshape([N, C, H * W]);
    const g = gr!.reshape([N, P, 2]);
    // grid_sampler_unnormalize: [-1, 1] → pixel coordinates
    const un = (v: Tensor, n: number) => (align ? v.add(1).mul((n - 1) / 2) : v.add(1).mul(n).sub(1).div(2));
    const gx = un(g.select(2, 0), W), gy = un(g.select(2, 1), H);
    /** The value at integer pixel (xi, yi) [N, P] (float tensors), 0 outside the image; [N, C, P]. */
    const tap = (xi: Tensor, yi: Tensor): Tensor => {
      const inside = xi.ge(0).logical_and(xi.le(W - 1)).logical_and(yi.ge(0)).logical_and(yi.le(H - 1));
      const idx = yi.clamp(0, H - 1).mul(W).add(xi.clamp(0, W - 1)).to(int64);
      const v = flat.gather(2, idx.unsqueeze(1).expand([N, C, P]));
      return v.mul(inside.unsqueeze(1).to(v.dtype));
    };
    let out: Tensor;
    if (o.mode === 'bicubic') {
      // taps at floor(x)-1 … floor(x)+2, each through the padding mode (PyTorch's get_value_bounded)
      const x0 = gx.floor(), y0 = gy.floor();
      const tx = gx.sub(x0), ty = gy.sub(y0);
      const A = -0.75;
      const cubic = (t: Tensor): Tensor[] => {
        const t1 = t.add(1), u = t.neg().add(1), u1 = u.add(1);
        const far = (s: Tensor) => s.mul(A).sub(5 * A).mul(s).add(8 * A).mul(s).sub(4 * A);
        const near = (s: Tensor) => s.mul(A + 2).sub(A + 3).mul(s).mul(s).add(1);
        return [far(t1), near(t), near(u), far(u1)];
      };
      const wx = cubic(tx), wy = cubic(ty);
      out = flat.new_zeros([N, C, P]);
      for (let i = 0; i < 4; i++)
        for (let j = 0; j < 4; j++) {
          const xi = pad(x0.add(j - 1), W, padding, align).detach(), yi = pad(y0.add(i - 1), H, padding, align).detach();
          out = out.add(tap(xi.round(), yi.round()).mul(wx[j].mul(wy[i]).unsqueeze(1)));
        }
    } else {
      const ix = pad(gx, W, padding, align), iy = pad(gy, H, padding, align);
      if (o.mode === 'nearest') out = tap(ix.round().detach(), iy.round().detach());
      else {
        const x0 = ix.floor().detach(), y0 = iy.floor().detach();
        const fx = ix.sub(x0), fy = iy.sub(y0);
        const gxw = fx.neg().add(1), gyw = fy.neg().add(1);
        const w = (a: Tensor, b: Tensor) => a.mul(b).unsqueeze(1);
        out = tap(x0, y0).mul(w(gxw, gyw))
          .add(tap(x0.add(1), y0).mul(w(fx, gyw)))
          .add(tap(x0, y0.add(1)).mul(w(gxw, fy)))
          .add(tap(x0.add(1), y0.add(1)).mul(w(fx, fy)));
      }
    }
    return out.reshape([N, C, Ho, Wo]);
  });
}
