"""More nn.json cases (imported by nn_layers.py, same case format): the activations beyond the
seed (ELU, PReLU, Softplus, Hardtanh, SiLU, Mish, Hardswish, LogSigmoid, Softmin, …), the losses
SmoothL1/Huber/KLDiv and spatial NLL/CrossEntropy, AdaptiveMaxPool2d, and the recurrent layers
RNN/LSTM/GRU and their cells with every structural option. Weights come from PyTorch's seeded
init and are stored in each case's `state`, so the engine loads them explicitly.
Inputs include the activations' kinks exactly (±3 for hardswish, the hardtanh bounds, 0), where
PyTorch's one-sided gradient is the reference.
"""
import torch

T = torch.tensor
L = lambda *v: torch.tensor(v, dtype=torch.int64)
KINKS = T([[-4.0, -3.0, -2.0, -1.0, -0.5, 0.0], [0.5, 1.0, 2.0, 3.0, 4.0, 25.0]])


def add(module_case, functional_case, x_, u_):
    A = x_(3, 4) * 3
    # ---- activations: modules ------------------------------------------------------------------
    for name, args, kw in [('ELU', [], {}), ('ELU', [0.5], {}), ('CELU', [], {'alpha': 2.0}), ('SELU', [], {}),
                           ('SiLU', [], {}), ('Mish', [], {}), ('Hardswish', [], {}), ('Hardsigmoid', [], {}),
                           ('LogSigmoid', [], {}), ('Softsign', [], {}), ('Tanhshrink', [], {}), ('ReLU6', [], {}),
                           ('Hardtanh', [], {}), ('Hardtanh', [-2.0, 2.0], {}), ('Threshold', [0.1, 20.0], {})]:
        tag = '_'.join(str(a) for a in args + list(kw.values())) or 'default'
        module_case(f'{name}/{tag}', name, args, kw, [A])
        module_case(f'{name}/{tag}_kinks', name, args, kw, [KINKS])
    module_case('ELU/inplace_repr', 'ELU', [], {'inplace': True}, [A], requires_grad=[False])
    module_case('SiLU/inplace_repr', 'SiLU', [], {'inplace': True}, [A], requires_grad=[False])
    module_case('Softplus/default', 'Softplus', [], {}, [A], repr_current='Softplus(beta=1.0, threshold=20.0)')
    module_case('Softplus/beta2_threshold1', 'Softplus', [], {'beta': 2.0, 'threshold': 1.0}, [A])
    module_case('Softplus/large', 'Softplus', [], {}, [T([-100.0, -20.0, 0.0, 19.5, 20.0, 20.5, 100.0])], repr_current='Softplus(beta=1.0, threshold=20.0)')
    module_case('LogSigmoid/large', 'LogSigmoid', [], {}, [T([-100.0, -30.0, 0.0, 30.0, 100.0])])
    module_case('PReLU/default', 'PReLU', [], {}, [A])
    module_case('PReLU/channels', 'PReLU', [], {'num_parameters': 3, 'init': 0.1}, [x_(2, 3, 4)])
    module_case('PReLU/channels_4d', 'PReLU', [3], {}, [x_(2, 3, 2, 2)], state={'weight': T([0.1, -0.2, 0.3])})
    module_case('Softmin/dim1', 'Softmin', [], {'dim': 1}, [A])
    module_case('Softmin/dim0', 'Softmin', [0], {}, [A])

    # ---- activations: functions ------------------------------------------------------------------
    functional_case('elu/alpha', 'elu', [A], [], {'alpha': 0.7})
    functional_case('prelu/channels', 'prelu', [x_(2, 3, 4), T([0.25, -0.5, 1.5])])
    functional_case('softplus/beta_threshold', 'softplus', [A], [], {'beta': 0.5, 'threshold': 2.0})
    functional_case('hardtanh/bounds', 'hardtanh', [KINKS], [], {'min_val': -2.0, 'max_val': 3.0})
    functional_case('relu6/kinks', 'relu6', [KINKS * 2])
    functional_case('silu/basic', 'silu', [A])
    functional_case('gelu/tanh', 'gelu', [A], [], {'approximate': 'tanh'})
    functional_case('mish/basic', 'mish', [A])
    functional_case('hardswish/kinks', 'hardswish', [KINKS])
    functional_case('hardsigmoid/kinks', 'hardsigmoid', [KINKS])
    functional_case('logsigmoid/basic', 'logsigmoid', [A])
    functional_case('softmin/dim', 'softmin', [A], [], {'dim': 1})
    functional_case('selu/basic', 'selu', [A])
    functional_case('celu/alpha', 'celu', [A], [], {'alpha': 0.5})
    functional_case('threshold/basic', 'threshold', [A], [0.5, -1.0])
    functional_case('leaky_relu/kinks', 'leaky_relu', [KINKS], [0.2])
    functional_case('softsign/basic', 'softsign', [A])
    functional_case('tanhshrink/basic', 'tanhshrink', [A])

    # ---- losses ----------------------------------------------------------------------------------
    P, Y = x_(4, 3) * 2, x_(4, 3) * 2
    for red in ['mean', 'sum', 'none']:
        module_case(f'SmoothL1Loss/{red}', 'SmoothL1Loss', [], {'reduction': red}, [P, Y], requires_grad=[True, True])
        module_case(f'SmoothL1Loss/beta0.5_{red}', 'SmoothL1Loss', [], {'reduction': red, 'beta': 0.5}, [P, Y], requires_grad=[True, False])
        module_case(f'HuberLoss/{red}', 'HuberLoss', [], {'reduction': red}, [P, Y], requires_grad=[True, True])
        module_case(f'HuberLoss/delta0.5_{red}', 'HuberLoss', [], {'reduction': red, 'delta': 0.5}, [P, Y], requires_grad=[True, False])
    module_case('SmoothL1Loss/beta0', 'SmoothL1Loss', [], {'beta': 0.0}, [P, Y], requires_grad=[True, False])
    module_case('SmoothL1Loss/at_beta', 'SmoothL1Loss', [], {'reduction': 'none'}, [T([0.0, 1.0, -1.0, 2.0, 0.5]), T([0.0, 0.0, 0.0, 1.0, 0.0])], requires_grad=[True, False])
    module_case('HuberLoss/at_delta', 'HuberLoss', [], {'reduction': 'none', 'delta': 2.0}, [T([0.0, 2.0, -2.0, 3.0, 0.5]), T([0.0, 0.0, 0.0, 1.0, 0.0])], requires_grad=[True, False])
    LOGQ = torch.log_softmax(x_(3, 5), 1)
    PT = torch.softmax(x_(3, 5) * 2, 1)
    PT0 = PT.clone()
    PT0[0, 1] = 0.0
    for red in ['mean', 'sum', 'none', 'batchmean']:
        module_case(f'KLDivLoss/{red}', 'KLDivLoss', [], {'reduction': red}, [LOGQ, PT0], requires_grad=[True, False])
        module_case(f'KLDivLoss/log_target_{red}', 'KLDivLoss', [], {'reduction': red, 'log_target': True}, [LOGQ, torch.log(PT)], requires_grad=[True, True])
    functional_case('kl_div/batchmean', 'kl_div', [LOGQ, PT], [], {'reduction': 'batchmean'}, requires_grad=[True, True])
    functional_case('smooth_l1_loss/beta', 'smooth_l1_loss', [P, Y], [], {'beta': 2.0}, requires_grad=[True, False])
    functional_case('huber_loss/delta', 'huber_loss', [P, Y], [], {'delta': 1.5}, requires_grad=[True, False])
    # NLLLoss2d style: [N, C, H, W] log-probabilities, [N, H, W] targets
    LP4 = torch.log_softmax(x_(2, 3, 2, 3), 1)
    T3 = L(0, 2, 1, 1, 0, 2, 2, 2, 0, 1, 1, 0).view(2, 2, 3)
    W3 = T([0.3, 1.0, 2.0])
    for red in ['mean', 'sum', 'none']:
        module_case(f'NLLLoss/spatial_weight_ignore_{red}', 'NLLLoss', [], {'weight': W3, 'ignore_index': 1, 'reduction': red}, [LP4, T3])
    module_case('NLLLoss2d/basic', 'NLLLoss2d', [], {}, [LP4, T3])
    module_case('CrossEntropyLoss/spatial_weight_ignore_smoothing', 'CrossEntropyLoss', [],
                {'weight': W3, 'ignore_index': 2, 'label_smoothing': 0.1}, [x_(2, 3, 2, 3), T3])

    # ---- layers --------------------------------------------------------------------------------------
    PI = x_(2, 3, 5, 7)
    module_case('AdaptiveMaxPool2d/2x3', 'AdaptiveMaxPool2d', [(2, 3)], {}, [PI])
    module_case('AdaptiveMaxPool2d/int_1', 'AdaptiveMaxPool2d', [1], {}, [PI])
    module_case('AdaptiveMaxPool2d/none_keeps_dim', 'AdaptiveMaxPool2d', [(None, 2)], {}, [PI])
    module_case('Dropout2d/eval', 'Dropout2d', [0.3], {}, [x_(2, 3, 2, 2)], train=False)
    functional_case('adaptive_max_pool2d/3', 'adaptive_max_pool2d', [x_(1, 2, 5, 5)], [3])

    # ---- recurrent layers -------------------------------------------------------------------------------
    S, B = 5, 2
    X = x_(S, B, 4)
    XB = x_(B, S, 4)
    module_case('RNN/basic', 'RNN', [4, 3], {}, [X], seed=1)
    module_case('RNN/relu_2layers_batch_first', 'RNN', [4, 3], {'num_layers': 2, 'nonlinearity': 'relu', 'batch_first': True}, [XB], seed=2)
    module_case('RNN/bidirectional_h0', 'RNN', [4, 3], {'bidirectional': True}, [X, x_(2, B, 3)], seed=3)
    module_case('RNN/no_bias_unbatched', 'RNN', [4, 3], {'bias': False}, [x_(S, 4)], seed=4)
    module_case('RNN/dropout_eval', 'RNN', [4, 3, 2], {'dropout': 0.5}, [X], seed=5, train=False)
    module_case('LSTM/basic', 'LSTM', [4, 3], {}, [X], seed=6)
    module_case('LSTM/2layers_bidirectional_batch_first', 'LSTM', [4, 3], {'num_layers': 2, 'bidirectional': True, 'batch_first': True}, [XB], seed=7)
    module_case('LSTM/with_state', 'LSTM', [4, 3], {}, [X, x_(1, B, 3), x_(1, B, 3)], seed=8, hx_pair=True)
    module_case('LSTM/no_bias_unbatched', 'LSTM', [4, 3], {'bias': False}, [x_(S, 4)], seed=9)
    module_case('GRU/basic', 'GRU', [4, 3], {}, [X], seed=10)
    module_case('GRU/2layers_bidirectional_batch_first', 'GRU', [4, 3], {'num_layers': 2, 'bidirectional': True, 'batch_first': True}, [XB], seed=11)
    module_case('GRU/with_h0', 'GRU', [4, 3, 2], {}, [X, x_(2, B, 3)], seed=12)
    module_case('RNNCell/basic', 'RNNCell', [4, 3], {}, [x_(B, 4), x_(B, 3)], seed=13)
    module_case('RNNCell/relu_no_h', 'RNNCell', [4, 3], {'nonlinearity': 'relu'}, [x_(B, 4)], seed=14)
    module_case('LSTMCell/with_state', 'LSTMCell', [4, 3], {}, [x_(B, 4), x_(B, 3), x_(B, 3)], seed=15, hx_pair=True)
    module_case('LSTMCell/unbatched_no_state', 'LSTMCell', [4, 3], {}, [x_(4)], seed=16)
    module_case('GRUCell/basic', 'GRUCell', [4, 3], {}, [x_(B, 4), x_(B, 3)], seed=17)
    module_case('GRUCell/no_bias', 'GRUCell', [4, 3], {'bias': False}, [x_(B, 4)], seed=18)
