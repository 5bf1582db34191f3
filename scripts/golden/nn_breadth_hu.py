"""nn_breadth.json, second part (run by nn_breadth.py after its own cases, so their seeds are
unchanged): the nn modules and F functions tutorials use that were missing — MaxPool with
return_indices and MaxUnpool1d/2d/3d, LPPool1d/2d, AdaptiveMaxPool1d, AdaptiveAvg/MaxPool3d,
LocalResponseNorm, the 1-D/3-D padding layers and ReplicationPad2d, UpsamplingNearest2d/Bilinear2d and
F.upsample*, PixelUnshuffle, ChannelShuffle, InstanceNorm1d/3d, ConvTranspose1d, Softmax2d, the
margin losses (SoftMargin, MultiLabelSoftMargin, MultiMargin, MultiLabelMargin,
TripletMarginWithDistance) — plus existing layers' options checked for silent differences (MaxPool2d
ceil_mode/dilation, AvgPool2d count_include_pad/divisor_override, interpolate align_corners and
fractional scale factors). Case format: nn_cases.py.
"""
import re

import torch
import torch.nn as nn
import torch.nn.functional as F

from common import enc

L = lambda *v: torch.tensor(v, dtype=torch.int64)  # noqa: E731


def add_cases(C, err, errors):
    x_, u_ = C.x_, C.u_
    n0 = len(C.cases)

    # ---- max pooling with indices, max_unpool --------------------------------------------------
    X4 = x_(2, 3, 6, 6)
    C.module_case('MaxPool2d/return_indices', 'MaxPool2d', [2], {'return_indices': True}, [X4])
    C.module_case('MaxPool2d/ceil_dilation_indices', 'MaxPool2d', [3], {'stride': 2, 'padding': 1, 'dilation': 2, 'ceil_mode': True, 'return_indices': True}, [X4])
    C.functional_case('max_pool2d_with_indices/pad', 'max_pool2d_with_indices', [X4], [3], {'stride': 2, 'padding': 1})
    X3 = x_(2, 3, 9)
    C.functional_case('max_pool1d/return_indices', 'max_pool1d', [X3], [3], {'stride': 2, 'padding': 1, 'return_indices': True})
    C.functional_case('max_pool1d_with_indices/ceil', 'max_pool1d_with_indices', [X3], [2], {'ceil_mode': True})
    C.module_case('MaxPool1d/return_indices', 'MaxPool1d', [2], {'return_indices': True}, [X3])
    C.functional_case('max_pool3d_with_indices/k2', 'max_pool3d_with_indices', [x_(1, 2, 4, 4, 4)], [2])
    y2, i2 = F.max_pool2d(X4, 2, return_indices=True)
    C.module_case('MaxUnpool2d/k2', 'MaxUnpool2d', [2], {}, [y2, i2])
    y2s, i2s = F.max_pool2d(x_(1, 2, 5, 5), 2, return_indices=True)
    C.module_case('MaxUnpool2d/output_size', 'MaxUnpool2d', [2], {}, [y2s, i2s], forward_kwargs={'output_size': [5, 5]})
    y2p, i2p = F.max_pool2d(X4, 3, stride=2, padding=1, return_indices=True)
    C.functional_case('max_unpool2d/stride_pad', 'max_unpool2d', [y2p, i2p], [3], {'stride': 2, 'padding': 1, 'output_size': [6, 6]})
    C.functional_case('max_unpool2d/unbatched', 'max_unpool2d', [y2[0], i2[0]], [2])
    y1, i1 = F.max_pool1d(X3, 3, stride=2, return_indices=True)
    C.module_case('MaxUnpool1d/k3s2', 'MaxUnpool1d', [3], {'stride': 2}, [y1, i1])
    C.functional_case('max_unpool1d/output_size', 'max_unpool1d', [y1, i1], [3, 2], {'output_size': [9]})
    y3, i3 = F.max_pool3d(x_(1, 2, 4, 4, 6), (2, 2, 3), return_indices=True)
    C.module_case('MaxUnpool3d/k223', 'MaxUnpool3d', [(2, 2, 3)], {}, [y3, i3])
    err('max_unpool2d/output_size_len', lambda: F.max_unpool2d(y2, i2, 2, output_size=[1, 2, 3]))
    err('max_unpool2d/output_size_range', lambda: F.max_unpool2d(y2, i2, 2, output_size=[9, 6]))
    err('max_unpool2d/indices_shape', lambda: F.max_unpool2d(y2, i2[:, :, :2], 2))
    err('max_unpool2d/bad_index', lambda: F.max_unpool2d(torch.ones(1, 1, 2, 2), L(0, 1, 2, 99).view(1, 1, 2, 2), 2))

    # ---- LPPool, adaptive pools, LocalResponseNorm ----------------------------------------------
    P = x_(2, 3, 7, 6).abs() + 0.1
    C.module_case('LPPool2d/p2_k3', 'LPPool2d', [2, 3], {}, [P])
    C.module_case('LPPool2d/p1.5_stride_ceil', 'LPPool2d', [1.5, (2, 3)], {'stride': (2, 1), 'ceil_mode': True}, [P])
    C.module_case('LPPool1d/p2_k3_s2', 'LPPool1d', [2, 3], {'stride': 2}, [P[:, :, 0]])
    C.functional_case('lp_pool2d/p3', 'lp_pool2d', [x_(1, 2, 4, 4)], [3, 2])
    C.module_case('AdaptiveMaxPool1d/3', 'AdaptiveMaxPool1d', [3], {}, [X3])
    C.module_case('AdaptiveMaxPool1d/indices', 'AdaptiveMaxPool1d', [4], {'return_indices': True}, [X3])
    V = x_(2, 2, 5, 6, 7)
    C.module_case('AdaptiveAvgPool3d/2x3x4', 'AdaptiveAvgPool3d', [(2, 3, 4)], {}, [V])
    C.module_case('AdaptiveAvgPool3d/none_unbatched', 'AdaptiveAvgPool3d', [(3, None, 2)], {}, [V[0]])
    C.functional_case('adaptive_avg_pool3d/1', 'adaptive_avg_pool3d', [V], [1])
    C.module_case('AdaptiveMaxPool3d/indices', 'AdaptiveMaxPool3d', [(2, 3, 3)], {'return_indices': True}, [V])
    C.functional_case('adaptive_max_pool3d/4', 'adaptive_max_pool3d', [V], [4])
    C.module_case('LocalResponseNorm/2', 'LocalResponseNorm', [2], {}, [x_(2, 5, 3, 3)])
    C.module_case('LocalResponseNorm/3_all', 'LocalResponseNorm', [3], {'alpha': 0.01, 'beta': 0.5, 'k': 2.0}, [x_(2, 6, 4)])
    C.functional_case('local_response_norm/5d', 'local_response_norm', [x_(1, 4, 2, 3, 3)], [3])
    err('local_response_norm/2d', lambda: F.local_response_norm(torch.zeros(2, 3), 2))

    # ---- padding layers ----------------------------------------------------------------------------
    S = x_(2, 3, 5)
    C.module_case('ReflectionPad1d/2', 'ReflectionPad1d', [2], {}, [S])
    C.module_case('ReflectionPad1d/tuple_unbatched', 'ReflectionPad1d', [(3, 1)], {}, [S[0]])
    C.module_case('ReplicationPad1d/tuple', 'ReplicationPad1d', [(1, 3)], {}, [S])
    C.module_case('ReplicationPad2d/1', 'ReplicationPad2d', [1], {}, [X4])
    C.module_case('ReplicationPad2d/tuple', 'ReplicationPad2d', [(1, 0, 2, 3)], {}, [X4[0]])
    C.module_case('ReplicationPad3d/tuple', 'ReplicationPad3d', [(1, 2, 0, 1, 2, 0)], {}, [x_(1, 2, 3, 3, 4)])
    C.module_case('ReflectionPad3d/1', 'ReflectionPad3d', [1], {}, [x_(1, 2, 3, 3, 4)])
    C.module_case('ConstantPad1d/value', 'ConstantPad1d', [2, 3.5], {}, [S])
    C.module_case('ConstantPad1d/tuple_negative', 'ConstantPad1d', [(-1, 2)], {'value': -1.25}, [S])
    C.module_case('ConstantPad3d/tuple', 'ConstantPad3d', [(1, 0, 1, 0, 2, 1), 0.5], {}, [x_(1, 2, 2, 3, 3)])
    err('ReflectionPad1d/too_big', lambda: nn.ReflectionPad1d(5)(torch.zeros(1, 2, 5)))

    # ---- upsampling, pixel (un)shuffle, channel shuffle ------------------------------------------
    I = x_(1, 2, 3, 4)
    C.module_case('UpsamplingNearest2d/scale2', 'UpsamplingNearest2d', [], {'scale_factor': 2}, [I])
    C.module_case('UpsamplingNearest2d/size', 'UpsamplingNearest2d', [(5, 7)], {}, [I])
    C.module_case('UpsamplingBilinear2d/scale2', 'UpsamplingBilinear2d', [], {'scale_factor': 2}, [I])
    C.module_case('UpsamplingBilinear2d/size', 'UpsamplingBilinear2d', [], {'size': (4, 7)}, [I])
    C.functional_case('upsample/bilinear_scale', 'upsample', [I], [], {'scale_factor': 2, 'mode': 'bilinear', 'align_corners': False})
    C.functional_case('upsample_nearest/size', 'upsample_nearest', [I], [(6, 6)])
    C.functional_case('upsample_bilinear/scale', 'upsample_bilinear', [I], [], {'scale_factor': 3})
    C.module_case('Upsample/bilinear_align_corners', 'Upsample', [], {'scale_factor': 2, 'mode': 'bilinear', 'align_corners': True}, [I])
    C.module_case('Upsample/nearest_scale1.5', 'Upsample', [], {'scale_factor': 1.5, 'mode': 'nearest'}, [x_(1, 1, 6, 4)])
    C.module_case('Upsample/nearest_scale2.5_1d', 'Upsample', [], {'scale_factor': 2.5}, [x_(1, 2, 6)])
    C.module_case('Upsample/linear_size', 'Upsample', [7], {'mode': 'linear'}, [x_(1, 2, 5)])
    C.functional_case('interpolate/nearest_exact', 'interpolate', [I], [], {'scale_factor': 1.7, 'mode': 'nearest-exact'})
    C.functional_case('interpolate/area', 'interpolate', [x_(1, 2, 6, 7)], [], {'size': (4, 3), 'mode': 'area'})
    C.functional_case('interpolate/nearest_3d', 'interpolate', [x_(1, 1, 2, 3, 2)], [], {'scale_factor': 2})
    C.module_case('PixelUnshuffle/2', 'PixelUnshuffle', [2], {}, [x_(2, 2, 4, 6)])
    C.functional_case('pixel_unshuffle/3_unbatched', 'pixel_unshuffle', [x_(1, 6, 3)], [3])
    C.module_case('ChannelShuffle/2', 'ChannelShuffle', [2], {}, [x_(1, 6, 2, 2)], requires_grad=[False])
    err('pixel_unshuffle/not_divisible', lambda: F.pixel_unshuffle(torch.zeros(1, 1, 5, 4), 2))

    # ---- InstanceNorm1d/3d, ConvTranspose1d, Softmax2d -------------------------------------------
    C.module_case('InstanceNorm1d/default', 'InstanceNorm1d', [3], {}, [S])
    C.module_case('InstanceNorm1d/affine_unbatched', 'InstanceNorm1d', [3], {'affine': True, 'eps': 1e-3}, [S[0]],
                  build=lambda m: (m.weight.data.copy_(torch.tensor([1.5, -0.5, 2.0])), m.bias.data.copy_(torch.tensor([0.1, 0.2, -0.3]))))
    C.module_case('InstanceNorm3d/affine', 'InstanceNorm3d', [2], {'affine': True}, [x_(2, 2, 3, 3, 4)],
                  build=lambda m: (m.weight.data.copy_(torch.tensor([0.7, 1.3])), m.bias.data.copy_(torch.tensor([-0.2, 0.4]))))
    err('InstanceNorm1d/4d', lambda: nn.InstanceNorm1d(3)(torch.zeros(1, 3, 2, 2)))
    C.module_case('ConvTranspose1d/basic', 'ConvTranspose1d', [3, 2, 3], {}, [S], seed=61)
    C.module_case('ConvTranspose1d/all_options', 'ConvTranspose1d', [4, 6, 3], {'stride': 2, 'padding': 1, 'output_padding': 1, 'groups': 2, 'dilation': 2}, [x_(2, 4, 5)], seed=62)
    C.module_case('ConvTranspose1d/no_bias_unbatched', 'ConvTranspose1d', [3, 2, 2], {'stride': 3, 'bias': False}, [S[0]], seed=63)
    C.functional_case('conv_transpose1d/bias_stride', 'conv_transpose1d', [S, x_(3, 2, 3), x_(2)], [], {'stride': 2, 'padding': 1})
    C.module_case('Softmax2d/4d', 'Softmax2d', [], {}, [x_(2, 3, 2, 2)])
    C.module_case('Softmax2d/3d', 'Softmax2d', [], {}, [x_(3, 2, 4)])
    err('Softmax2d/2d', lambda: nn.Softmax2d()(torch.zeros(3, 4)))
    # 2.x raises a ValueError (1.13: AssertionError 'Softmax2d requires a 3D or 4D tensor as input')
    errors[-1]['current'] = {'error': 'ValueError', 'message': 'Softmax2d: expected input to be 3D or 4D, got 2D instead'}

    # ---- the margin losses ---------------------------------------------------------------------------
    Z = x_(4, 5)
    Y = torch.tensor([[1., -1, 1, 1, -1], [-1, -1, 1, -1, 1], [1, 1, 1, -1, -1], [-1, 1, -1, 1, 1]])
    Y01 = (Y + 1) / 2
    for red in ['mean', 'sum', 'none']:
        C.module_case(f'SoftMarginLoss/{red}', 'SoftMarginLoss', [], {'reduction': red}, [Z, Y], requires_grad=[True, False])
        C.module_case(f'MultiLabelSoftMarginLoss/{red}', 'MultiLabelSoftMarginLoss', [], {'reduction': red}, [Z, Y01], requires_grad=[True, False])
        C.module_case(f'MultiMarginLoss/{red}', 'MultiMarginLoss', [], {'reduction': red}, [Z, L(0, 4, 2, 2)])
        C.module_case(f'MultiLabelMarginLoss/{red}', 'MultiLabelMarginLoss', [], {'reduction': red}, [Z, L(3, 0, -1, 1, 2, 4, -1, 0, 0, 0, 1, 2, 3, 4, 0, -1, 4, 1, 0, 3).view(4, 5)])
    C.module_case('MultiLabelSoftMarginLoss/weight', 'MultiLabelSoftMarginLoss', [], {'weight': u_(5) + 0.5}, [Z, Y01], requires_grad=[True, False])
    C.module_case('MultiMarginLoss/p2_margin_weight', 'MultiMarginLoss', [], {'p': 2, 'margin': 0.7, 'weight': u_(5) + 0.5}, [Z, L(1, 3, 0, 4)])
    C.functional_case('multi_margin_loss/1d', 'multi_margin_loss', [Z[0], L(2)], [], {'reduction': 'none'})
    C.functional_case('multi_margin_loss/1d_scalar_target', 'multi_margin_loss', [Z[1], torch.tensor(3)], [], {'reduction': 'none'})
    C.functional_case('multilabel_margin_loss/1d', 'multilabel_margin_loss', [Z[0], L(4, 1, -1, 2, 0)])
    C.functional_case('soft_margin_loss/broadcast', 'soft_margin_loss', [Z, Y[0]], requires_grad=[True, False])
    C.functional_case('multilabel_soft_margin_loss/3d', 'multilabel_soft_margin_loss', [x_(2, 3, 4), (u_(2, 3, 4) > 0.5).float()], [], {'reduction': 'none'}, requires_grad=[True, False])
    A, Pp, N = x_(4, 6), x_(4, 6), x_(4, 6)
    C.module_case('TripletMarginWithDistanceLoss/default', 'TripletMarginWithDistanceLoss', [], {}, [A, Pp, N])
    C.module_case('TripletMarginWithDistanceLoss/swap_margin_sum', 'TripletMarginWithDistanceLoss', [], {'margin': 2.5, 'swap': True, 'reduction': 'sum'}, [A, Pp, N])
    C.functional_case('triplet_margin_with_distance_loss/none', 'triplet_margin_with_distance_loss', [A, Pp, N], [], {'reduction': 'none', 'margin': 3.0})
    err('multi_margin_loss/target_size', lambda: F.multi_margin_loss(torch.zeros(3, 4), L(0, 1)))
    err('multi_margin_loss/p3', lambda: F.multi_margin_loss(torch.zeros(3, 4), L(0, 1, 2), p=3))
    err('multi_margin_loss/target_range', lambda: F.multi_margin_loss(torch.zeros(3, 4), L(0, 1, 4)))
    err('multilabel_margin_loss/target_size', lambda: F.multilabel_margin_loss(torch.zeros(3, 4), L(0, 1, -1, 0, 0, 1, -1, 0).view(2, 4)))
    err('multilabel_margin_loss/target_range', lambda: F.multilabel_margin_loss(torch.zeros(3, 4), L(0, 1, 5, 0).repeat(3, 1)))
    err('soft_margin_loss/shape', lambda: F.soft_margin_loss(torch.zeros(3, 4), torch.ones(3, 3)))

    # ---- existing layers: options checked for silent differences ------------------------------------
    Q = x_(2, 2, 7, 8)
    C.module_case('MaxPool2d/ceil_pad_stride', 'MaxPool2d', [3], {'stride': 2, 'padding': 1, 'ceil_mode': True}, [Q])
    C.module_case('MaxPool2d/dilation_rect', 'MaxPool2d', [(2, 3)], {'stride': (1, 2), 'dilation': (2, 1)}, [Q])
    C.module_case('AvgPool2d/pad_no_count_ceil', 'AvgPool2d', [3], {'stride': 2, 'padding': 1, 'ceil_mode': True, 'count_include_pad': False}, [Q])
    C.module_case('AvgPool2d/pad_count_ceil', 'AvgPool2d', [3], {'stride': 2, 'padding': 1, 'ceil_mode': True}, [Q])
    C.module_case('AvgPool2d/divisor_override', 'AvgPool2d', [(2, 3)], {'stride': 2, 'padding': (1, 1), 'divisor_override': 4}, [Q])
    C.module_case('AvgPool1d/ceil_pad_no_count', 'AvgPool1d', [4], {'stride': 3, 'padding': 2, 'ceil_mode': True, 'count_include_pad': False}, [X3])

    err('ReplicationPad2d/1d_input', lambda: nn.ReplicationPad2d(1)(torch.zeros(2)))
    err('ReplicationPad1d/4d_input', lambda: nn.ReplicationPad1d(1)(torch.zeros(2, 2, 2, 2)))
    err('ReflectionPad3d/3d_input', lambda: nn.ReflectionPad3d(1)(torch.zeros(2, 2, 2)))
    err('adaptive_max_pool1d/4d', lambda: F.adaptive_max_pool1d(torch.zeros(2, 2, 2, 2), 2))
    err('adaptive_avg_pool3d/3d', lambda: F.adaptive_avg_pool3d(torch.zeros(2, 2, 2), 2))
    err('adaptive_max_pool3d/2d', lambda: F.adaptive_max_pool3d(torch.zeros(2, 2), 2))
    err('max_unpool2d/2d', lambda: F.max_unpool2d(torch.zeros(2, 2), torch.zeros(2, 2, dtype=torch.long), 2))
    err('max_unpool3d/3d', lambda: F.max_unpool3d(torch.zeros(2, 2, 2), torch.zeros(2, 2, 2, dtype=torch.long), 1))
    err('max_unpool2d/int32_indices', lambda: F.max_unpool2d(torch.zeros(1, 1, 2, 2), torch.zeros(1, 1, 2, 2, dtype=torch.int32), 2))
    err('conv_transpose1d/4d', lambda: F.conv_transpose1d(torch.zeros(2, 2, 2, 2), torch.zeros(2, 2, 2)))
    err('max_pool1d/4d', lambda: F.max_pool1d(torch.zeros(2, 2, 2, 2), 2))
    err('channel_shuffle/2d', lambda: F.channel_shuffle(torch.zeros(2, 4), 2))
    err('channel_shuffle/groups', lambda: F.channel_shuffle(torch.zeros(1, 3, 2), 2))
    err('pixel_unshuffle/2d', lambda: F.pixel_unshuffle(torch.zeros(2, 2), 2))

    for shape, mode in [((1, 2, 3), 'nearest'), ((1, 2, 2, 2), 'bilinear'), ((1, 2, 2, 2), 'area'), ((1, 2, 2, 2, 2), 'area'), ((1, 2, 3), 'linear')]:
        err(f'interpolate/long_{len(shape)}d_{mode}', lambda: F.interpolate(torch.ones(shape, dtype=torch.long), scale_factor=2, mode=mode))

    # ConvTranspose's forward(input, output_size) picks the output_padding (it was ignored: a smaller output)
    C.module_case('ConvTranspose2d/output_size', 'ConvTranspose2d', [2, 3, 3], {'stride': 2, 'padding': 1}, [x_(1, 2, 4, 4)], seed=64, forward_kwargs={'output_size': [8, 8]})
    C.module_case('ConvTranspose2d/output_size_full_shape', 'ConvTranspose2d', [2, 3, (3, 2)], {'stride': (2, 3)}, [x_(2, 3, 4)], seed=65, forward_kwargs={'output_size': (3, 8, 12)})
    C.module_case('ConvTranspose1d/output_size', 'ConvTranspose1d', [2, 3, 3], {'stride': 3}, [x_(1, 2, 5)], seed=66, forward_kwargs={'output_size': [17]})
    err('ConvTranspose2d/output_size_range', lambda: nn.ConvTranspose2d(2, 3, 3, stride=2, padding=1)(torch.zeros(1, 2, 4, 4), output_size=[10, 10]))
    err('ConvTranspose2d/output_size_len', lambda: nn.ConvTranspose2d(2, 3, 3, stride=2, padding=1)(torch.zeros(1, 2, 4, 4), output_size=[8]))
    err('ConvTranspose1d/output_size_unbatched', lambda: nn.ConvTranspose1d(2, 3, 3, stride=3)(torch.zeros(2, 5), output_size=[20]))

    # ConvTranspose3d (composed of conv3d)
    C.module_case('ConvTranspose3d/basic', 'ConvTranspose3d', [2, 3, 2], {}, [x_(1, 2, 2, 3, 3)], seed=67)
    C.module_case('ConvTranspose3d/all_options', 'ConvTranspose3d', [4, 2, (2, 3, 2)], {'stride': (2, 1, 3), 'padding': (1, 1, 0), 'output_padding': (1, 0, 2),
                  'groups': 2, 'dilation': (1, 2, 1)}, [x_(1, 4, 3, 3, 2)], seed=68)
    C.module_case('ConvTranspose3d/unbatched_no_bias', 'ConvTranspose3d', [2, 2, 2], {'stride': 2, 'bias': False}, [x_(2, 2, 2, 2)], seed=69)
    C.functional_case('conv_transpose3d/bias_stride', 'conv_transpose3d', [x_(1, 2, 2, 2, 3), x_(2, 3, 2, 2, 2), x_(3)], [], {'stride': 2, 'padding': 1})
    err('conv_transpose3d/3d', lambda: F.conv_transpose3d(torch.zeros(2, 2, 2), torch.zeros(2, 2, 2, 2, 2)))
    err('conv_transpose3d/channels', lambda: F.conv_transpose3d(torch.zeros(1, 3, 2, 2, 2), torch.zeros(2, 2, 2, 2, 2)))

    # fractional max pooling with fixed _random_samples (PyTorch's own draws are its RNG's)
    FX = x_(2, 3, 9, 8)
    C.functional_case('fractional_max_pool2d/size', 'fractional_max_pool2d', [FX], [3], {'output_size': (4, 5), '_random_samples': u_(2, 3, 2), 'return_indices': True})
    C.functional_case('fractional_max_pool2d/ratio_unbatched', 'fractional_max_pool2d', [FX[0]], [(2, 3)], {'output_ratio': 0.5, '_random_samples': u_(1, 3, 2)})
    C.module_case('FractionalMaxPool2d/buffer', 'FractionalMaxPool2d', [2], {'output_size': 5, '_random_samples': u_(2, 3, 2)}, [FX])
    C.functional_case('fractional_max_pool3d/size', 'fractional_max_pool3d', [x_(1, 2, 6, 7, 5)], [2], {'output_size': (3, 4, 3), '_random_samples': u_(1, 2, 3), 'return_indices': True})
    err('fractional_max_pool2d/no_size', lambda: F.fractional_max_pool2d(torch.zeros(1, 2, 5, 5), 2))
    err('fractional_max_pool2d/too_large', lambda: F.fractional_max_pool2d(torch.zeros(1, 2, 5, 5), 4, output_size=3))
    err('FractionalMaxPool2d/ratio', lambda: nn.FractionalMaxPool2d(2, output_ratio=1.5))

    # ATen's nearest index is floorf(k · (float)(1/scale)): at k = 39, scale 1.3, float32 gives 30 where float64 gives 29
    C.module_case('Upsample/nearest_scale1.3_float32_index', 'Upsample', [], {'scale_factor': 1.3}, [x_(1, 1, 31)])

    C.module_case('Upsample/bilinear_scale1.7', 'Upsample', [], {'scale_factor': 1.7, 'mode': 'bilinear'}, [x_(1, 2, 5, 4)])
    C.functional_case('interpolate/bilinear_recompute_scale', 'interpolate', [x_(1, 2, 5, 4)], [], {'scale_factor': 1.7, 'mode': 'bilinear', 'recompute_scale_factor': True})
    C.functional_case('interpolate/linear_align_corners_size', 'interpolate', [x_(2, 1, 6)], [], {'size': 9, 'mode': 'linear', 'align_corners': True})
    C.functional_case('interpolate/nearest_tuple_scale', 'interpolate', [x_(1, 1, 3, 5)], [], {'scale_factor': (2.5, 0.6)})

    # bicubic and trilinear
    B4 = x_(2, 2, 5, 6)
    C.functional_case('interpolate/bicubic_scale2', 'interpolate', [B4], [], {'scale_factor': 2, 'mode': 'bicubic'})
    C.functional_case('interpolate/bicubic_align_size', 'interpolate', [B4], [], {'size': (7, 4), 'mode': 'bicubic', 'align_corners': True})
    C.module_case('Upsample/bicubic_scale1.5', 'Upsample', [], {'scale_factor': 1.5, 'mode': 'bicubic'}, [B4])
    T5 = x_(1, 2, 3, 4, 3)
    C.module_case('Upsample/trilinear_scale2', 'Upsample', [], {'scale_factor': 2, 'mode': 'trilinear'}, [T5])
    C.functional_case('interpolate/trilinear_align_size', 'interpolate', [T5], [], {'size': (5, 3, 4), 'mode': 'trilinear', 'align_corners': True})
    err('interpolate/trilinear_4d', lambda: F.interpolate(torch.ones(1, 2, 3, 3), scale_factor=2, mode='trilinear'))
    err('interpolate/bicubic_3d', lambda: F.interpolate(torch.ones(1, 2, 3), scale_factor=2, mode='bicubic'))
    err('interpolate/bicubic_long', lambda: F.interpolate(torch.ones(1, 2, 3, 3, dtype=torch.long), scale_factor=2, mode='bicubic'))

    # InstanceNorm with running statistics: updated in training (state after the forward), used in eval
    held = []
    C.module_case('InstanceNorm2d/track_train', 'InstanceNorm2d', [3], {'track_running_stats': True, 'momentum': 0.3}, [x_(2, 3, 4, 5)], train=True, build=held.append)
    C.cases[-1]['state_after'] = {k: enc(v) for k, v in held[-1].state_dict().items()}

    def set_stats(m):
        m.running_mean.copy_(torch.tensor([0.3, -0.2, 0.1]))
        m.running_var.copy_(torch.tensor([1.5, 0.7, 2.0]))
        m.weight.data.copy_(torch.tensor([1.2, 0.8, -0.5]))
        m.bias.data.copy_(torch.tensor([0.0, 0.1, 0.2]))
    C.module_case('InstanceNorm1d/track_eval_affine', 'InstanceNorm1d', [3], {'track_running_stats': True, 'affine': True}, [x_(2, 3, 6)], build=set_stats)
    C.functional_case('instance_norm/running_stats_eval', 'instance_norm', [x_(2, 3, 4), u_(3), u_(3) + 0.5], [], {'use_input_stats': False}, requires_grad=[True, False, False])
    err('instance_norm/one_spatial', lambda: F.instance_norm(torch.zeros(2, 3, 1)))

    # ConvTranspose1d/2d/3d share one base (engine/nn/conv-transpose1d.ts ConvTransposeNd): its
    # padding_mode check for each, and forward's output_size on the 3-d one
    for d in (1, 2, 3):
        err(f'ConvTranspose{d}d/padding_mode', lambda d=d: getattr(nn, f'ConvTranspose{d}d')(2, 3, 3, padding_mode='reflect'))
    C.module_case('ConvTranspose3d/output_size', 'ConvTranspose3d', [2, 3, 2], {'stride': 2}, [x_(1, 2, 2, 3, 2)], seed=70, forward_kwargs={'output_size': [5, 7, 4]})
    err('ConvTranspose3d/output_size_range', lambda: nn.ConvTranspose3d(2, 3, 2, stride=2)(torch.zeros(1, 2, 2, 3, 2), output_size=[9, 7, 4]))

    # 2.x names the interpolate nodes without the `.vec` overload's suffix (UpsampleNearest2DBackward0)
    for c in C.cases[n0:]:
        if re.match(r'^(_?Upsample\w+)Backward1$', c.get('grad_fn', '')):
            c['grad_fn'] = c['grad_fn'][:-1] + '0'
