"""nn_breadth.json: the nn names added for coverage past nn.json (issue 15): F.unfold/F.fold and
nn.Unfold/nn.Fold, Conv3d/conv3d, EmbeddingBag/embedding_bag, the Transformer decoder and
nn.Transformer, CTCLoss/ctc_loss, affine_grid/grid_sample, MaxPool3d/AvgPool3d, and (nn_breadth_hu.py, run last) the pooling,
padding, upsampling, normalisation, transposed-convolution, dropout, lazy and margin-loss names past those. Outputs, gradients w.r.t. inputs and
parameters (modules seeded with PyTorch's init; the state is stored and loaded), reprs, state_dict
keys, grad_fn names, and PyTorch's error messages (`errors`). Case format: nn_cases.py.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

from common import enc, enc_arg, write
from nn_cases import NNCases

T = torch.tensor
L = lambda *v: torch.tensor(v, dtype=torch.int64)  # noqa: E731
C = NNCases(seed=9000)
x_, u_ = C.x_, C.u_
errors = []


def err(id, call):
    errors.append(C.error_case(id, call))


# ---- unfold / fold ---------------------------------------------------------------------------
U = x_(2, 3, 5, 6)
C.functional_case('unfold/k2', 'unfold', [U], [2])
C.functional_case('unfold/k2x3_all', 'unfold', [U], [(2, 3)], {'dilation': (1, 2), 'padding': 1, 'stride': (2, 1)})
C.functional_case('unfold/unbatched', 'unfold', [x_(2, 4, 4)], [3], {'padding': 1, 'stride': 2})
C.functional_case('fold/k2', 'fold', [x_(2, 12, 20)], [(5, 6), 2])
C.functional_case('fold/k2x3_all', 'fold', [x_(1, 12, 20)], [(6, 7), (2, 3)], {'dilation': (1, 2), 'padding': 1, 'stride': (2, 1)})
C.functional_case('fold/stride_gap_unbatched', 'fold', [x_(8, 4)], [(5, 5), 2], {'stride': 3})
C.module_case('Unfold/dilation', 'Unfold', [2], {'dilation': 2}, [x_(1, 2, 5, 5)])
C.module_case('Fold/padding', 'Fold', [(4, 5), 2], {'padding': 1}, [x_(1, 8, 30)])
err('unfold/kernel_too_big', lambda: F.unfold(torch.zeros(1, 2, 3, 3), 4))
err('unfold/2d', lambda: F.unfold(torch.zeros(2, 3), 2))
# 2.x calls im2col for every input (1.13 fails in Python with an IndexError first)
errors[-1]['current'] = {'error': 'RuntimeError', 'message': 'Expected 3D or 4D (batch mode) tensor for input with possibly 0 batch size and non-zero dimensions for input, but got: [2, 3]'}
err('fold/blocks_mismatch', lambda: F.fold(torch.zeros(1, 8, 10), (4, 5), 2))
err('fold/not_divisible', lambda: F.fold(torch.zeros(1, 5, 12), (4, 5), 2))
err('fold/4d', lambda: F.fold(torch.zeros(2, 3, 4, 5), (4, 5), 2))

# ---- conv3d ----------------------------------------------------------------------------------
V = x_(2, 2, 5, 6, 5)
C.module_case('Conv3d/basic', 'Conv3d', [2, 3, 3], {}, [V], seed=31)
C.module_case('Conv3d/stride_pad_dil', 'Conv3d', [2, 4, (2, 3, 2)], {'stride': (2, 1, 2), 'padding': (1, 0, 1), 'dilation': (2, 1, 1)}, [V], seed=32)
C.module_case('Conv3d/groups_no_bias', 'Conv3d', [2, 4, 2], {'groups': 2, 'bias': False}, [V], seed=33)
C.module_case('Conv3d/same_even_kernel', 'Conv3d', [2, 2, (2, 3, 4)], {'padding': 'same', 'dilation': (2, 1, 1)}, [V], seed=34)
C.module_case('Conv3d/valid_unbatched', 'Conv3d', [2, 2, 3], {'padding': 'valid'}, [x_(2, 4, 4, 5)], seed=35)
C.module_case('Conv3d/reflect', 'Conv3d', [2, 2, 3], {'padding': 1, 'padding_mode': 'reflect'}, [V], seed=36)
C.functional_case('conv3d/stride_padding', 'conv3d', [x_(1, 2, 4, 5, 5), x_(3, 2, 3, 2, 3), x_(3)], [], {'stride': 2, 'padding': 1})
err('conv3d/channels', lambda: F.conv3d(torch.zeros(2, 3, 4, 4, 4), torch.zeros(4, 2, 3, 3, 3)))
err('conv3d/kernel_too_big', lambda: F.conv3d(torch.zeros(1, 2, 2, 4, 4), torch.zeros(4, 2, 3, 3, 3)))
err('conv3d/3d_input', lambda: F.conv3d(torch.zeros(2, 4, 4), torch.zeros(4, 2, 3, 3, 3)))

# ---- embedding_bag ---------------------------------------------------------------------------
W = x_(10, 3)
I1 = L(1, 2, 4, 5, 4, 3, 2, 9, 0)
O1 = L(0, 3, 3, 7)
PSW = u_(9)
for mode in ['sum', 'mean', 'max']:
    C.functional_case(f'embedding_bag/offsets_{mode}', 'embedding_bag', [I1, W, O1], [], {'mode': mode})
    C.functional_case(f'embedding_bag/2d_padding_idx_{mode}', 'embedding_bag', [L(1, 2, 4, 2, 5, 2, 2, 2).view(2, 4), W], [], {'mode': mode, 'padding_idx': 2})
C.functional_case('embedding_bag/psw_sum', 'embedding_bag', [I1, W, O1], [], {'mode': 'sum', 'per_sample_weights': PSW})
C.functional_case('embedding_bag/include_last_offset', 'embedding_bag', [I1, W, L(0, 2, 6, 9)], [], {'include_last_offset': True})
C.functional_case('embedding_bag/scale_grad_by_freq', 'embedding_bag', [I1, W, O1], [], {'mode': 'sum', 'scale_grad_by_freq': True})
C.functional_case('embedding_bag/max_norm', 'embedding_bag', [I1, W * 2, O1], [], {'max_norm': 1.5})
C.module_case('EmbeddingBag/default_2d', 'EmbeddingBag', [10, 3], {}, [L(1, 2, 4, 5, 4, 3).view(2, 3)], seed=41)
C.module_case('EmbeddingBag/max_offsets', 'EmbeddingBag', [10, 3], {'mode': 'max'}, [I1, O1], seed=42)
C.module_case('EmbeddingBag/sum_psw_padding', 'EmbeddingBag', [10, 3], {'mode': 'sum', 'padding_idx': 4}, [I1, O1, PSW], seed=43)
C.module_case('EmbeddingBag/last_offset_freq', 'EmbeddingBag', [10, 3], {'include_last_offset': True, 'scale_grad_by_freq': True, 'norm_type': 1.0}, [I1, L(0, 4, 9)], seed=44)

EI, EW = L(1, 2, 4, 5, 4, 3, 2, 9), torch.zeros(10, 3)
err('embedding_bag/offsets0', lambda: F.embedding_bag(EI, EW, L(1, 4)))
errors[-1]['message'] = errors[-1]['message'].split('\n')[0]  # (1.13 appends a tensor dump on a second line)
err('embedding_bag/offsets_last', lambda: F.embedding_bag(EI, EW, L(0, 9)))
err('embedding_bag/psw_mean', lambda: F.embedding_bag(EI, EW, L(0, 4), mode='mean', per_sample_weights=torch.ones(8)))
err('embedding_bag/no_offsets', lambda: F.embedding_bag(EI, EW))
err('embedding_bag/2d_offsets', lambda: F.embedding_bag(EI.view(2, 4), EW, L(0, 4)))
err('embedding_bag/mode', lambda: F.embedding_bag(EI, EW, L(0, 4), mode='foo'))
err('embedding_bag/max_freq', lambda: F.embedding_bag(EI, EW, L(0, 4), mode='max', scale_grad_by_freq=True))
err('embedding_bag/psw_shape', lambda: F.embedding_bag(EI, EW, L(0, 4), per_sample_weights=torch.ones(7), mode='sum'))

# ---- Transformer decoder / nn.Transformer (eval mode: dropout off; PyTorch's init, state copied) ---
TG, MEM = x_(4, 2, 8), x_(5, 2, 8)
CAUSAL = nn.Transformer.generate_square_subsequent_mask(4)
KPM = torch.tensor([[False, False, False, True], [False, False, False, False]])
MKPM = torch.tensor([[False, False, False, False, False], [False, False, True, True, False]])
C.module_case('TransformerDecoderLayer/default', 'TransformerDecoderLayer', [8, 2], {'dim_feedforward': 16}, [TG, MEM], seed=51)
C.module_case('TransformerDecoderLayer/masks', 'TransformerDecoderLayer', [8, 2], {'dim_feedforward': 16}, [TG, MEM], seed=52,
              forward_kwargs={'tgt_mask': CAUSAL, 'tgt_key_padding_mask': KPM, 'memory_key_padding_mask': MKPM})
C.module_case('TransformerDecoderLayer/norm_first_gelu_bf', 'TransformerDecoderLayer', [8, 4], {'dim_feedforward': 12, 'activation': 'gelu', 'norm_first': True, 'batch_first': True},
              [x_(2, 3, 8), x_(2, 5, 8)], seed=53, forward_kwargs={'memory_mask': x_(3, 5)})
C.module_case('TransformerDecoderLayer/bool_tgt_mask', 'TransformerDecoderLayer', [8, 2], {'dim_feedforward': 16}, [TG, MEM], seed=54,
              forward_kwargs={'tgt_mask': torch.triu(torch.ones(4, 4, dtype=torch.bool), 1)})


def decoder_case(id, kwargs, inputs, seed, forward_kwargs=None, layers=2, norm=True):
    """TransformerDecoder(layer, layers, norm): built by a closure (its first argument is a module)."""
    torch.manual_seed(seed)
    layer = nn.TransformerDecoderLayer(8, 2, **kwargs)
    m = nn.TransformerDecoder(layer, layers, nn.LayerNorm(8) if norm else None)
    C.module_instance_case(id, 'TransformerDecoder', m, inputs, forward_kwargs=forward_kwargs,
                           build=[{'$module': ['TransformerDecoderLayer', [8, 2], enc_arg(kwargs)]}, layers, {'$module': ['LayerNorm', [8], {}]} if norm else None])


decoder_case('TransformerDecoder/two_layers_norm', {'dim_feedforward': 16}, [TG, MEM], 55, forward_kwargs={'tgt_mask': CAUSAL})
decoder_case('TransformerDecoder/no_norm_bf', {'dim_feedforward': 16, 'batch_first': True}, [x_(2, 3, 8), x_(2, 4, 8)], 56, norm=False)
C.module_case('Transformer/small', 'Transformer', [], {'d_model': 8, 'nhead': 2, 'num_encoder_layers': 2, 'num_decoder_layers': 1, 'dim_feedforward': 16},
              [MEM, TG], seed=57, forward_kwargs={'tgt_mask': CAUSAL, 'src_key_padding_mask': MKPM, 'memory_key_padding_mask': MKPM})
C.module_case('Transformer/norm_first_bf_gelu', 'Transformer', [8, 2, 1, 1, 12], {'activation': 'gelu', 'norm_first': True, 'batch_first': True},
              [x_(2, 5, 8), x_(2, 3, 8)], seed=58, forward_kwargs={'tgt_mask': nn.Transformer.generate_square_subsequent_mask(3)})
err('Transformer/batch_mismatch', lambda: nn.Transformer(8, 2, 1, 1, 16)(torch.zeros(5, 2, 8), torch.zeros(4, 3, 8)))
err('Transformer/d_model', lambda: nn.Transformer(8, 2, 1, 1, 16)(torch.zeros(5, 2, 6), torch.zeros(4, 2, 6)))
masks = {'generate_square_subsequent_mask/4': enc(nn.Transformer.generate_square_subsequent_mask(4))}

# ---- ctc_loss (log_probs are log_softmax outputs, the leaf: PyTorch's gradient w.r.t. them is its own formula) ----
LP = torch.log_softmax(x_(7, 3, 5), 2)
TGP = L(1, 2, 2, 4, 3, 1, 0, 0, 4, 0, 0, 0).view(3, 4)
INL, TGL = L(7, 6, 5), L(4, 2, 1)
for red in ['mean', 'sum', 'none']:
    C.functional_case(f'ctc_loss/padded_{red}', 'ctc_loss', [LP, TGP, INL, TGL], [], {'reduction': red})
C.functional_case('ctc_loss/concat_blank4', 'ctc_loss', [LP, L(1, 2, 2, 0, 3, 1, 0, 1), INL, L(4, 2, 2)], [], {'blank': 4})
C.functional_case('ctc_loss/lists', 'ctc_loss', [LP, TGP], [[7, 7, 3], [4, 2, 1]])
C.functional_case('ctc_loss/impossible_inf', 'ctc_loss', [LP, TGP, L(4, 6, 5), TGL], [], {'reduction': 'none'})
C.functional_case('ctc_loss/zero_infinity', 'ctc_loss', [LP, TGP, L(4, 6, 5), TGL], [], {'zero_infinity': True})
C.functional_case('ctc_loss/unbatched', 'ctc_loss', [torch.log_softmax(x_(6, 4), 1), L(1, 3, 3), T(6), T(3)])
C.functional_case('ctc_loss/empty_target', 'ctc_loss', [LP, TGP, INL, L(4, 0, 1)], [], {'reduction': 'sum'})
C.module_case('CTCLoss/default', 'CTCLoss', [], {}, [LP, TGP, INL, TGL])
C.module_case('CTCLoss/sum_zero_inf', 'CTCLoss', [], {'blank': 0, 'reduction': 'sum', 'zero_infinity': True}, [LP, TGP, L(4, 6, 5), TGL])
err('ctc_loss/input_too_long', lambda: F.ctc_loss(LP, TGP, [7, 8, 5], [4, 2, 1]))
err('ctc_loss/targets_short', lambda: F.ctc_loss(LP, TGP[:, :2], [7, 6, 5], [4, 2, 1]))
err('ctc_loss/concat_size', lambda: F.ctc_loss(LP, L(1, 2, 3, 1), [7, 6, 5], [4, 2, 1]))
err('ctc_loss/reduction', lambda: F.ctc_loss(LP, TGP, [7, 6, 5], [4, 2, 1], reduction='foo'))

# ---- affine_grid / grid_sample -----------------------------------------------------------------
TH = T([[[0.9, -0.3, 0.1], [0.2, 1.1, -0.2]], [[1.3, 0.4, 0.25], [-0.5, 0.7, 0.3]]]) + 0.01 * x_(2, 2, 3)
for ac in [False, True]:
    C.functional_case(f'affine_grid/2d_align{ac}', 'affine_grid', [TH], [[2, 3, 4, 5]], {'align_corners': ac})
C.functional_case('affine_grid/3d', 'affine_grid', [x_(2, 3, 4)], [[2, 1, 2, 3, 4]], {'align_corners': False})
IMG = x_(2, 3, 5, 6)
# grid points spread over [-1.4, 1.4] so every padding mode is exercised outside the image
GRID = (u_(2, 4, 3, 2) * 2.8 - 1.4)
for mode in ['bilinear', 'nearest', 'bicubic']:
    for pm in ['zeros', 'border', 'reflection']:
        for ac in [False, True]:
            if mode != 'bilinear' and ac:
                continue
            C.functional_case(f'grid_sample/{mode}_{pm}_align{ac}', 'grid_sample', [IMG, GRID], [], {'mode': mode, 'padding_mode': pm, 'align_corners': ac},
                              requires_grad=[True, mode != 'nearest'])
C.functional_case('grid_sample/nearest_reflection_alignTrue', 'grid_sample', [IMG, GRID], [], {'mode': 'nearest', 'padding_mode': 'reflection', 'align_corners': True}, requires_grad=[True, False])
C.functional_case('grid_sample/bicubic_border_alignTrue', 'grid_sample', [IMG, GRID], [], {'mode': 'bicubic', 'padding_mode': 'border', 'align_corners': True})
C.functional_case('grid_sample/stn_pipeline', 'grid_sample', [IMG, F.affine_grid(TH, [2, 3, 3, 4], align_corners=False)], [], {'align_corners': False})
err('affine_grid/theta_shape', lambda: F.affine_grid(torch.zeros(2, 3, 3), [2, 3, 4, 5], align_corners=False))
err('affine_grid/size_len', lambda: F.affine_grid(torch.zeros(2, 2, 3), [2, 3, 4], align_corners=False))
err('grid_sample/mode', lambda: F.grid_sample(torch.zeros(1, 1, 2, 2), torch.zeros(1, 2, 2, 2), mode='area', align_corners=False))
err('grid_sample/padding_mode', lambda: F.grid_sample(torch.zeros(1, 1, 2, 2), torch.zeros(1, 2, 2, 2), padding_mode='circular', align_corners=False))
err('grid_sample/batch', lambda: F.grid_sample(torch.zeros(1, 1, 2, 2), torch.zeros(2, 2, 2, 2), align_corners=False))

# ---- max_pool3d / avg_pool3d -------------------------------------------------------------------
PV = x_(2, 2, 5, 6, 7)
C.module_case('MaxPool3d/k2', 'MaxPool3d', [2], {}, [PV])
C.module_case('MaxPool3d/all_options', 'MaxPool3d', [(3, 2, 3)], {'stride': (2, 1, 2), 'padding': (1, 1, 0), 'dilation': (1, 2, 1), 'ceil_mode': True}, [PV])
C.module_case('MaxPool3d/unbatched', 'MaxPool3d', [2], {'stride': 1}, [x_(2, 3, 3, 4)])
C.functional_case('max_pool3d/indices', 'max_pool3d', [PV], [(2, 3, 2)], {'stride': 2, 'padding': 1, 'return_indices': True})
C.module_case('AvgPool3d/k2', 'AvgPool3d', [2], {}, [PV])
C.module_case('AvgPool3d/pad_ceil', 'AvgPool3d', [3], {'stride': 2, 'padding': 1, 'ceil_mode': True}, [PV])
C.module_case('AvgPool3d/no_pad_count_ceil', 'AvgPool3d', [(3, 2, 3)], {'stride': 2, 'padding': (1, 1, 1), 'ceil_mode': True, 'count_include_pad': False}, [PV])
C.functional_case('avg_pool3d/divisor_override', 'avg_pool3d', [PV], [2], {'stride': (1, 2, 2), 'divisor_override': 3})

# ---- the second part (nn_breadth_hu.py): after every case above, so their seeds stay -------------
from nn_breadth_hu import add_cases  # noqa: E402

add_cases(C, err, errors)

write('nn_breadth.json', {'_script': __file__, 'cases': C.cases, 'errors': errors, 'values': masks})
