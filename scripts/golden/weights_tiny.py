"""e2e/data/weights/tiny_net.{safetensors,json}: a tiny conv net's weights and its PyTorch logits.

The pretrained-weights e2e test (e2e/weights.spec.ts) serves the .safetensors file from the app's
weights/ folder and loads it in a cell, as a new user loads VGG's (a VGG file is 0.5 GB, too big
for a test). The file is written here by hand in the safetensors format (header length, JSON
header, raw little-endian float32), so no `safetensors` package is needed.
"""
import json
import os
import struct

import torch
import torch.nn as nn

from common import enc

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, '..', '..', 'e2e', 'data', 'weights'))

torch.manual_seed(17)
net = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(4 * 3 * 3, 5))
net.eval()
x = torch.linspace(-1, 1, 3 * 6 * 6).reshape(1, 3, 6, 6)
with torch.no_grad():
    logits = net(x)


def save_safetensors(tensors, path):
    header, blobs, at = {}, [], 0
    for k, t in tensors.items():
        b = t.detach().contiguous().to(torch.float32).numpy().astype('<f4').tobytes()
        header[k] = {'dtype': 'F32', 'shape': list(t.shape), 'data_offsets': [at, at + len(b)]}
        blobs.append(b)
        at += len(b)
    h = json.dumps(header, separators=(',', ':')).encode()
    h += b' ' * (-len(h) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(h)) + h + b''.join(blobs))


os.makedirs(OUT, exist_ok=True)
save_safetensors(net.state_dict(), os.path.join(OUT, 'tiny_net.safetensors'))
with open(os.path.join(OUT, 'tiny_net.json'), 'w') as f:
    json.dump({'torch': torch.__version__, 'input': 'torch.linspace(-1, 1, 3 * 6 * 6).reshape(1, 3, 6, 6)', 'logits': enc(logits)}, f, indent=1)
    f.write('\n')
print('wrote', OUT)
