"""Regenerate every golden JSON file under engine/test/golden/ (`npm run golden`).

Runs each family's script with the same interpreter (Debian's /usr/bin/python3 with torch 1.13
and torchvision 0.14). Each script is deterministic: running this twice gives identical files.
"""
import os
import subprocess
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPTS = ['ops.py', 'ops_more.py', 'ops_extra.py', 'ops_t.py', 'nn_layers.py', 'optim_traj.py', 'seed.py', 'models.py', 'printing.py', 'errors.py', 'ieee.py', 'semantics.py', 'weights_tiny.py', 'nn_breadth.py', 'linalg.py', 'optim_lbfgs.py', 'tensor_methods.py', 'dtypes_small.py', 'ce_matrix.py', 'lessons.py', 'resnet.py', 'ranges.py', 'sort_ties.py']

if not torch.__version__.startswith('1.13'):
    print(f'warning: golden values are PyTorch 1.13 strings and values; this is torch {torch.__version__}', file=sys.stderr)
torch.set_num_threads(1)
# lessons.py's later families (lessons_<x>.py → lessons_<x>.json): one run each
SCRIPTS += [f'lessons.py {f[len("lessons_"):-3]}' for f in sorted(os.listdir(HERE))
            if f.startswith('lessons_') and f.endswith('.py') and f[len('lessons_'):-3] not in ('basics', 'book', 'qa', 'more')]
failed = [s for s in SCRIPTS if subprocess.call([sys.executable, *[os.path.join(HERE, a) if a.endswith('.py') else a for a in s.split()]], cwd=HERE) != 0]
if failed:
    sys.exit(f'failed: {", ".join(failed)}')
