#!/usr/bin/env python3
"""Turn torchvision's pretrained weights (or any state dict) into the safetensors file Torchlit loads.

    python3 scripts/convert_weights.py vgg16                  # downloads vgg16-397923af.pth, writes vgg16.safetensors
    python3 scripts/convert_weights.py vgg16_bn --out weights/
    python3 scripts/convert_weights.py --pth my_model.pth --out my_model.safetensors
    python3 scripts/convert_weights.py vgg16 --random         # torchvision's random init (for the opt-in full-size test)

Needs Python 3 with torch (and torchvision for model names); internet for the download (torchvision
caches it under ~/.cache/torch). The safetensors package is used when installed; otherwise the
format (8-byte header length, JSON header, raw little-endian data) is written here directly.
Serve the result next to the app at weights/<model>.safetensors, or load it with
`models.vgg16({weights: 'DEFAULT', weights_file: file})` / `weights_url`.
"""
import argparse
import json
import os
import struct
import sys

DTYPES = {'torch.float32': 'F32', 'torch.float64': 'F64', 'torch.float16': 'F16', 'torch.bfloat16': 'BF16',
          'torch.int64': 'I64', 'torch.int32': 'I32', 'torch.int16': 'I16', 'torch.int8': 'I8', 'torch.uint8': 'U8', 'torch.bool': 'BOOL'}


def save_safetensors(state_dict, path, metadata=None):
    """Writes tensors (in state-dict order) as safetensors, with the data section 8-byte aligned."""
    try:
        from safetensors.torch import save_file  # type: ignore
        save_file({k: v.contiguous() for k, v in state_dict.items()}, path, metadata=metadata)
        return
    except ImportError:
        pass
    header, chunks, off = {}, [], 0
    if metadata:
        header['__metadata__'] = metadata
    for name, t in state_dict.items():
        t = t.detach().cpu().contiguous()
        data = t.numpy().tobytes() if t.dtype != __import__('torch').bfloat16 else t.view(__import__('torch').int16).numpy().tobytes()
        header[name] = {'dtype': DTYPES[str(t.dtype)], 'shape': list(t.shape), 'data_offsets': [off, off + len(data)]}
        chunks.append(data)
        off += len(data)
    hb = json.dumps(header, separators=(',', ':')).encode()
    hb += b' ' * ((8 - len(hb) % 8) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(hb)))
        f.write(hb)
        for c in chunks:
            f.write(c)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('model', nargs='?', help='a torchvision model name, e.g. vgg16, vgg16_bn, vgg19')
    ap.add_argument('--pth', help='convert this .pth state dict instead of downloading')
    ap.add_argument('--out', default='.', help='output file or folder (default: current folder)')
    ap.add_argument('--random', action='store_true', help="torchvision's random initialisation instead of the pretrained weights")
    args = ap.parse_args()
    import torch

    if args.pth:
        sd = torch.load(args.pth, map_location='cpu')
        if isinstance(sd, dict) and 'state_dict' in sd:
            sd = sd['state_dict']
        name = os.path.splitext(os.path.basename(args.pth))[0]
    elif args.model:
        import torchvision.models as tvm
        builder = getattr(tvm, args.model, None)
        if builder is None:
            sys.exit(f'unknown torchvision model {args.model!r}')
        if args.random:
            torch.manual_seed(0)
            model = builder(weights=None)
        else:
            model = builder(weights='DEFAULT')  # downloads torchvision's .pth (cached in ~/.cache/torch)
        sd = model.state_dict()
        name = args.model
    else:
        ap.error('give a model name or --pth')
    out = args.out
    if os.path.isdir(out) or out.endswith('/'):
        os.makedirs(out, exist_ok=True)
        out = os.path.join(out, f'{name}.safetensors')
    meta = {'format': 'pt', 'source': args.pth or f'torchvision.models.{name}'}
    if args.random:
        meta['init'] = 'torch.manual_seed(0), weights=None'
    save_safetensors(sd, out, metadata=meta)
    n = sum(v.numel() for v in sd.values() if v.dtype.is_floating_point)
    print(f'wrote {out}: {len(sd)} tensors, {n:,} floats, {os.path.getsize(out) / 1e6:.1f} MB')


if __name__ == '__main__':
    main()
