// The calls of nn_breadth_hu.py's error cases (same ids), merged into nn_breadth.test.ts's table, and
// the new names' unknown-keyword checks.
import { F, makeTensor, nn, type Dyn } from './harness';

const Li = (...v: number[]): Dyn => makeTensor({ shape: [v.length], dtype: 'int64', data: v });
function Tz(...shape: number[]): Dyn {
  return makeTensor({ shape, dtype: 'float32', data: new Array(shape.reduce((a, b) => a * b, 1)).fill(0) });
}
const I0 = (...shape: number[]): Dyn => makeTensor({ shape, dtype: 'int64', data: new Array(shape.reduce((a, b) => a * b, 1)).fill(0) });

export const ERROR_CALLS_HU: Record<string, () => unknown> = {
  'max_unpool2d/output_size_len': () => F.max_unpool2d(Tz(2, 3, 3, 3), I0(2, 3, 3, 3), 2, { output_size: [1, 2, 3] }),
  'max_unpool2d/output_size_range': () => F.max_unpool2d(Tz(2, 3, 3, 3), I0(2, 3, 3, 3), 2, { output_size: [9, 6] }),
  'max_unpool2d/indices_shape': () => F.max_unpool2d(Tz(2, 3, 3, 3), I0(2, 3, 2, 3), 2),
  'max_unpool2d/bad_index': () => F.max_unpool2d(makeTensor({ shape: [1, 1, 2, 2], dtype: 'float32', data: [1, 1, 1, 1] }), Li(0, 1, 2, 99).view(1, 1, 2, 2), 2),
  'local_response_norm/2d': () => F.local_response_norm(Tz(2, 3), 2),
  'ReflectionPad1d/too_big': () => nn.ReflectionPad1d(5)(Tz(1, 2, 5)),
  'pixel_unshuffle/not_divisible': () => F.pixel_unshuffle(Tz(1, 1, 5, 4), 2),
  'InstanceNorm1d/4d': () => nn.InstanceNorm1d(3)(Tz(1, 3, 2, 2)),
  'Softmax2d/2d': () => nn.Softmax2d()(Tz(3, 4)),
  'multi_margin_loss/target_size': () => F.multi_margin_loss(Tz(3, 4), Li(0, 1)),
  'multi_margin_loss/p3': () => F.multi_margin_loss(Tz(3, 4), Li(0, 1, 2), { p: 3 }),
  'multi_margin_loss/target_range': () => F.multi_margin_loss(Tz(3, 4), Li(0, 1, 4)),
  'multilabel_margin_loss/target_size': () => F.multilabel_margin_loss(Tz(3, 4), Li(0, 1, -1, 0, 0, 1, -1, 0).view(2, 4)),
  'multilabel_margin_loss/target_range': () => F.multilabel_margin_loss(Tz(3, 4), Li(0, 1, 5, 0).repeat(3, 1)),
  'soft_margin_loss/shape': () => F.soft_margin_loss(Tz(3, 4), Tz(3, 3)),
  'ReplicationPad2d/1d_input': () => nn.ReplicationPad2d(1)(Tz(2)),
  'ReplicationPad1d/4d_input': () => nn.ReplicationPad1d(1)(Tz(2, 2, 2, 2)),
  'ReflectionPad3d/3d_input': () => nn.ReflectionPad3d(1)(Tz(2, 2, 2)),
  'adaptive_max_pool1d/4d': () => F.adaptive_max_pool1d(Tz(2, 2, 2, 2), 2),
  'adaptive_avg_pool3d/3d': () => F.adaptive_avg_pool3d(Tz(2, 2, 2), 2),
  'adaptive_max_pool3d/2d': () => F.adaptive_max_pool3d(Tz(2, 2), 2),
  'max_unpool2d/2d': () => F.max_unpool2d(Tz(2, 2), I0(2, 2), 2),
  'max_unpool3d/3d': () => F.max_unpool3d(Tz(2, 2, 2), I0(2, 2, 2), 1),
  'max_unpool2d/int32_indices': () => F.max_unpool2d(Tz(1, 1, 2, 2), I0(1, 1, 2, 2).int(), 2),
  'conv_transpose1d/4d': () => F.conv_transpose1d(Tz(2, 2, 2, 2), Tz(2, 2, 2)),
  'max_pool1d/4d': () => F.max_pool1d(Tz(2, 2, 2, 2), 2),
  'channel_shuffle/2d': () => F.channel_shuffle(Tz(2, 4), 2),
  'channel_shuffle/groups': () => F.channel_shuffle(Tz(1, 3, 2), 2),
  'pixel_unshuffle/2d': () => F.pixel_unshuffle(Tz(2, 2), 2),
  'ConvTranspose2d/output_size_range': () => nn.ConvTranspose2d(2, 3, 3, { stride: 2, padding: 1 })(Tz(1, 2, 4, 4), [10, 10]),
  'ConvTranspose2d/output_size_len': () => nn.ConvTranspose2d(2, 3, 3, { stride: 2, padding: 1 })(Tz(1, 2, 4, 4), { output_size: [8] }),
  'ConvTranspose1d/output_size_unbatched': () => nn.ConvTranspose1d(2, 3, 3, { stride: 3 })(Tz(2, 5), [20]),
  'conv_transpose3d/3d': () => F.conv_transpose3d(Tz(2, 2, 2), Tz(2, 2, 2, 2, 2)),
  'conv_transpose3d/channels': () => F.conv_transpose3d(Tz(1, 3, 2, 2, 2), Tz(2, 2, 2, 2, 2)),
  'fractional_max_pool2d/no_size': () => F.fractional_max_pool2d(Tz(1, 2, 5, 5), 2),
  'fractional_max_pool2d/too_large': () => F.fractional_max_pool2d(Tz(1, 2, 5, 5), 4, { output_size: 3 }),
  'FractionalMaxPool2d/ratio': () => nn.FractionalMaxPool2d(2, { output_ratio: 1.5 }),
  'interpolate/trilinear_4d': () => F.interpolate(Tz(1, 2, 3, 3), { scale_factor: 2, mode: 'trilinear' }),
  'interpolate/bicubic_3d': () => F.interpolate(Tz(1, 2, 3), { scale_factor: 2, mode: 'bicubic' }),
  'interpolate/bicubic_long': () => F.interpolate(Tz(1, 2, 3, 3).long(), { scale_factor: 2, mode: 'bicubic' }),
  'instance_norm/one_spatial': () => F.instance_norm(Tz(2, 3, 1)),
  'interpolate/long_3d_nearest': () => F.interpolate(Tz(1, 2, 3).long(), { scale_factor: 2, mode: 'nearest' }),
  'interpolate/long_4d_bilinear': () => F.interpolate(Tz(1, 2, 2, 2).long(), { scale_factor: 2, mode: 'bilinear' }),
  'interpolate/long_4d_area': () => F.interpolate(Tz(1, 2, 2, 2).long(), { scale_factor: 2, mode: 'area' }),
  'interpolate/long_5d_area': () => F.interpolate(Tz(1, 2, 2, 2, 2).long(), { scale_factor: 2, mode: 'area' }),
  'interpolate/long_3d_linear': () => F.interpolate(Tz(1, 2, 3).long(), { scale_factor: 2, mode: 'linear' }),
};

/** [name, a valid call taking a trailing options object] for the unknown-keyword test. */
export const KW_CALLS_HU: [string, (kw: Record<string, unknown>) => unknown][] = [
  ['max_unpool2d', (kw) => F.max_unpool2d(Tz(1, 1, 2, 2), I0(1, 1, 2, 2), 2, kw)],
  ['lp_pool2d', (kw) => F.lp_pool2d(Tz(1, 1, 2, 2), 2, 2, kw)],
  ['adaptive_avg_pool3d', (kw) => F.adaptive_avg_pool3d(Tz(1, 1, 2, 2, 2), 1, kw)],
  ['local_response_norm', (kw) => F.local_response_norm(Tz(1, 2, 2, 2), 2, kw)],
  ['multi_margin_loss', (kw) => F.multi_margin_loss(Tz(2, 3), Li(0, 1), kw)],
  ['multilabel_soft_margin_loss', (kw) => F.multilabel_soft_margin_loss(Tz(2, 3), Tz(2, 3), kw)],
  ['triplet_margin_with_distance_loss', (kw) => F.triplet_margin_with_distance_loss(Tz(2, 3), Tz(2, 3), Tz(2, 3), kw)],
  ['alpha_dropout', (kw) => F.alpha_dropout(Tz(2, 3), 0.5, kw)],
  ['pixel_unshuffle', (kw) => F.pixel_unshuffle(Tz(1, 1, 2, 2), 2, kw)],
  ['MaxUnpool2d', (kw) => nn.MaxUnpool2d(2, kw)],
  ['LPPool2d', (kw) => nn.LPPool2d(2, 2, kw)],
  ['LocalResponseNorm', (kw) => nn.LocalResponseNorm(2, kw)],
  ['ReplicationPad2d', (kw) => nn.ReplicationPad2d(1, kw)],
  ['ConstantPad1d', (kw) => nn.ConstantPad1d(1, 0.5, kw)],
  ['UpsamplingBilinear2d', (kw) => nn.UpsamplingBilinear2d({ scale_factor: 2, ...kw })],
  ['InstanceNorm1d', (kw) => nn.InstanceNorm1d(3, kw)],
  ['ConvTranspose1d', (kw) => nn.ConvTranspose1d(2, 2, 3, kw)],
  ['MultiMarginLoss', (kw) => nn.MultiMarginLoss(kw)],
  ['TripletMarginWithDistanceLoss', (kw) => nn.TripletMarginWithDistanceLoss(kw)],
  ['LazyLinear', (kw) => nn.LazyLinear(3, kw)],
];
