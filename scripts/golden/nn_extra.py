"""More nn.json cases (imported by nn_layers.py, same case format): the functions and modules added
past the seed for coverage (issue 15 section 3): normalize, cosine_similarity, pairwise_distance,
pixel_shuffle, bilinear, instance_norm, interpolate (nearest, linear, bilinear, align_corners),
scaled_dot_product_attention (PyTorch 2.x's formula, computed here with 1.13's ops), the margin,
embedding, Poisson and Gaussian losses, and their modules with PyTorch's reprs.
"""
import math

import torch
import torch.nn.functional as F

T = torch.tensor


def add(module_case, functional_case, x_, u_):
    A, B = x_(4, 5), x_(4, 5)
    functional_case('normalize/default', 'normalize', [A])
    functional_case('normalize/p1_dim0', 'normalize', [A], [], {'p': 1.0, 'dim': 0})
    functional_case('cosine_similarity/dim1', 'cosine_similarity', [A, B])
    functional_case('cosine_similarity/broadcast_dim0', 'cosine_similarity', [x_(3, 1), x_(3, 4)], [], {'dim': 0})
    functional_case('pairwise_distance/default', 'pairwise_distance', [A, B])
    functional_case('pairwise_distance/p1_keepdim', 'pairwise_distance', [A, B], [], {'p': 1.0, 'keepdim': True})
    functional_case('pixel_shuffle/r2', 'pixel_shuffle', [x_(2, 8, 2, 3)], [2])
    functional_case('bilinear/bias', 'bilinear', [x_(3, 2), x_(3, 4), x_(5, 2, 4), x_(5)])
    functional_case('instance_norm/affine', 'instance_norm', [x_(2, 3, 4, 4)], [], {'weight': T([1.0, 0.5, 2.0]), 'bias': T([0.0, 0.1, -0.2])})
    functional_case('instance_norm/1d', 'instance_norm', [x_(2, 3, 5)])
    I4 = x_(1, 2, 3, 4)
    functional_case('interpolate/nearest_scale2', 'interpolate', [I4], [], {'scale_factor': 2})
    functional_case('interpolate/nearest_size', 'interpolate', [I4], [], {'size': (5, 3)})
    functional_case('interpolate/nearest_scale1.5', 'interpolate', [I4], [], {'scale_factor': 1.5})
    functional_case('interpolate/bilinear_scale2', 'interpolate', [I4], [], {'scale_factor': 2, 'mode': 'bilinear'})
    functional_case('interpolate/bilinear_size_align', 'interpolate', [I4], [], {'size': (5, 7), 'mode': 'bilinear', 'align_corners': True})
    functional_case('interpolate/bilinear_down', 'interpolate', [x_(1, 1, 5, 6)], [], {'size': (2, 4), 'mode': 'bilinear'})
    functional_case('interpolate/linear_1d', 'interpolate', [x_(2, 3, 4)], [], {'scale_factor': 2.5, 'mode': 'linear'})
    functional_case('interpolate/nearest_3d', 'interpolate', [x_(1, 2, 3)], [], {'size': 7})
    Y1 = T([1.0, -1.0, 1.0, -1.0])
    for red in ['mean', 'sum', 'none']:
        functional_case(f'margin_ranking_loss/{red}', 'margin_ranking_loss', [x_(4), x_(4), Y1], [], {'margin': 0.3, 'reduction': red}, requires_grad=[True, True, False])
        functional_case(f'hinge_embedding_loss/{red}', 'hinge_embedding_loss', [x_(2, 4) * 2, Y1.expand(2, 4).clone()], [], {'reduction': red}, requires_grad=[True, False])
        functional_case(f'cosine_embedding_loss/{red}', 'cosine_embedding_loss', [A, B, Y1], [], {'margin': 0.2, 'reduction': red}, requires_grad=[True, True, False])
        functional_case(f'triplet_margin_loss/{red}', 'triplet_margin_loss', [A, B, x_(4, 5)], [], {'reduction': red})
    functional_case('triplet_margin_loss/swap_p1', 'triplet_margin_loss', [A, B, x_(4, 5)], [], {'swap': True, 'p': 1.0, 'margin': 2.0})
    functional_case('poisson_nll_loss/log_input', 'poisson_nll_loss', [x_(3, 4), T([[0.0, 1, 2, 3], [4, 0, 1, 5], [2, 2, 0, 1]])], requires_grad=[True, False])
    functional_case('poisson_nll_loss/rate_full', 'poisson_nll_loss', [torch.rand(3, 4, generator=torch.Generator().manual_seed(11)) + 0.5, T([[0.0, 1, 2, 3], [4, 0, 1, 5], [2, 2, 0, 1]])], [], {'log_input': False, 'full': True, 'reduction': 'sum'}, requires_grad=[True, False])
    V = torch.rand(3, 4, generator=torch.Generator().manual_seed(12)) + 0.1
    V[0, 0] = 1e-8
    functional_case('gaussian_nll_loss/clamped_var', 'gaussian_nll_loss', [x_(3, 4), x_(3, 4), V])
    functional_case('gaussian_nll_loss/full_sum_vec_var', 'gaussian_nll_loss', [x_(3, 4), x_(3, 4), V[:, 1].clone()], [], {'full': True, 'reduction': 'sum'})

    module_case('CosineSimilarity/default', 'CosineSimilarity', [], {}, [A, B])
    module_case('PairwiseDistance/p3', 'PairwiseDistance', [3.0], {}, [A, B])
    module_case('PixelShuffle/r3', 'PixelShuffle', [3], {}, [x_(1, 9, 2, 2)])
    module_case('Bilinear/default', 'Bilinear', [2, 3, 4], {}, [x_(5, 2), x_(5, 3)], seed=3)
    module_case('Bilinear/no_bias', 'Bilinear', [2, 3, 4], {'bias': False}, [x_(5, 2), x_(5, 3)], seed=4)
    module_case('InstanceNorm2d/default', 'InstanceNorm2d', [3], {}, [x_(2, 3, 3, 4)])
    module_case('InstanceNorm2d/affine', 'InstanceNorm2d', [3], {'affine': True}, [x_(2, 3, 3, 4)], state={'weight': T([1.0, 0.5, 2.0]), 'bias': T([0.0, 0.1, -0.2])})
    module_case('BatchNorm3d/train', 'BatchNorm3d', [2], {}, [x_(2, 2, 2, 3, 3)])
    module_case('Upsample/nearest', 'Upsample', [], {'scale_factor': 2}, [I4])
    module_case('Upsample/bilinear_size', 'Upsample', [], {'size': (4, 5), 'mode': 'bilinear'}, [I4])
    module_case('ZeroPad2d/tuple', 'ZeroPad2d', [(1, 1, 2, 0)], {}, [x_(1, 2, 3)])
    module_case('ConstantPad2d/int', 'ConstantPad2d', [2, 3.5], {}, [x_(1, 2, 3)])
    module_case('ReflectionPad2d/int', 'ReflectionPad2d', [1], {}, [x_(1, 3, 3)])
    module_case('MarginRankingLoss/margin', 'MarginRankingLoss', [], {'margin': 0.5}, [x_(4), x_(4), Y1], requires_grad=[True, True, False])
    module_case('HingeEmbeddingLoss/sum', 'HingeEmbeddingLoss', [], {'margin': 2.0, 'reduction': 'sum'}, [x_(4), Y1], requires_grad=[True, False])
    module_case('CosineEmbeddingLoss/default', 'CosineEmbeddingLoss', [], {}, [A, B, Y1], requires_grad=[True, True, False])
    module_case('TripletMarginLoss/default', 'TripletMarginLoss', [], {}, [A, B, x_(4, 5)])
    module_case('PoissonNLLLoss/default', 'PoissonNLLLoss', [], {}, [x_(2, 3), T([[0.0, 1, 2], [3, 0, 1]])], requires_grad=[True, False])
    module_case('GaussianNLLLoss/clamped_var', 'GaussianNLLLoss', [], {}, [x_(3, 2), x_(3, 2), V[:, :2].clone()])


def add_attention(module_case, functional_case, x_, u_):
    """MultiheadAttention and the Transformer encoder with PyTorch's init (seeded), eval mode (no dropout)."""
    X = x_(5, 2, 8)
    module_case('MultiheadAttention/self', 'MultiheadAttention', [8, 2], {}, [X, X, X], seed=21, train=False)
    XB = x_(2, 4, 8)
    module_case('MultiheadAttention/batch_first_kv', 'MultiheadAttention', [8, 4], {'batch_first': True}, [XB, x_(2, 3, 8), x_(2, 3, 8)], seed=22, train=False)
    module_case('TransformerEncoderLayer/default', 'TransformerEncoderLayer', [8, 2], {'dim_feedforward': 16}, [X], seed=23, train=False)
    module_case('TransformerEncoderLayer/norm_first_gelu_bf', 'TransformerEncoderLayer', [8, 2], {'dim_feedforward': 16, 'activation': 'gelu', 'norm_first': True, 'batch_first': True}, [XB], seed=24, train=False)
