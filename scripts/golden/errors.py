"""errors.json: PyTorch 1.13's error messages for common mistakes (DESIGN.md: errors read like
PyTorch's). Case: {id, op, inputs, args, kwargs, error} with `op` from ops.py's table; the test
expects the engine to throw and its message to contain `error` (the first line of PyTorch's).
"""
import torch

from common import enc, enc_arg, randn, write
from ops import OPS

cases = []


def err(id, op, inputs, args=(), kwargs=None, match=None):
    try:
        OPS[op](inputs, list(args), kwargs or {})
    except Exception as e:  # noqa: BLE001 - any PyTorch error is the golden value
        msg = str(e).split('\n')[0]
        cases.append({'id': id, 'op': op, 'inputs': [enc(x) for x in inputs], 'args': enc_arg(list(args)),
                      'kwargs': enc_arg(kwargs or {}), 'error': match or msg, 'pytorch_error': msg})
        return
    raise AssertionError(f'{id}: no error raised')


z = lambda *s: torch.zeros(*s)
err('mm/shape_mismatch', 'mm', [z(2, 3), z(4, 5)])
err('matmul/shape_mismatch', 'matmul', [z(2, 3), z(4, 5)])
err('add/broadcast_mismatch', 'add', [z(2, 3), z(2, 5)])
err('mul/broadcast_mismatch_dim0', 'mul', [z(4, 3), z(2, 3)])
err('view/bad_shape', 'view', [z(2, 3)], [4, 2])
err('view/non_contiguous', 'chain', [z(2, 3)], [[{'op': 't'}, {'op': 'view', 'args': [-1]}]],
    match='view size is not compatible with input tensor\'s size and stride')
err('sum/dim_out_of_range', 'sum', [z(2, 3)], [2])
err('index/out_of_range', 'index', [z(2, 3)], [5])
err('cat/size_mismatch', 'cat', [z(2, 3), z(2, 4)])
err('bmm/batch_mismatch', 'bmm', [z(2, 3, 4), z(3, 4, 5)])

# `-` and unary `-` with bool tensors (added 2026-12-07: the engine used to wrap silently)
b = lambda *v: torch.tensor(v, dtype=torch.bool)
err('sub/bool_tensors', 'sub', [b(True, False), b(True, True)])
err('sub/bool_and_float', 'sub', [z(2), b(True, False)])
err('neg/bool', 'neg', [b(True, False)])

write('errors.json', {'_script': __file__, 'cases': cases})
