#!/usr/bin/python3
"""PyTorch CUDA peer for `npm run gpu-check`: the same workloads as bench/webgpu/dawn-workloads.ts.

Usage: python3 bench/peers/torch_cuda.py mm1024,mm4096,mlp,cnn,vgg16
Prints {"device": name or null, "results": {id: ms per call}}; device is null (and results empty)
when torch.cuda.is_available() is False.
"""
import json
import sys
import time

import torch
import torch.nn as nn


def timed(step, warmup, calls):
    for _ in range(warmup):
        step()
    torch.cuda.synchronize()
    t0 = time.perf_counter()
    for _ in range(calls):
        step()
    torch.cuda.synchronize()
    return (time.perf_counter() - t0) * 1000 / calls


def train_step(model, x, y):
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    loss_fn = nn.CrossEntropyLoss()

    def step():
        loss = loss_fn(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return step


def make(wid, dev):
    if wid in ("mm1024", "mm4096"):
        n = int(wid[2:])
        a, b = torch.randn(n, n, device=dev), torch.randn(n, n, device=dev)
        return (lambda: a @ b), 2, (10 if n == 1024 else 5)
    if wid == "mlp":
        m = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10)).to(dev)
        return train_step(m, torch.randn(64, 784, device=dev), torch.randint(0, 10, (64,), device=dev)), 3, 20
    if wid == "cnn":
        m = nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(),
                          nn.MaxPool2d(2), nn.Flatten(), nn.Linear(784, 10)).to(dev)
        return train_step(m, torch.randn(64, 1, 28, 28, device=dev), torch.randint(0, 10, (64,), device=dev)), 2, 10
    if wid == "vgg16":
        import torchvision
        m = torchvision.models.vgg16().to(dev).eval()
        x = torch.randn(1, 3, 224, 224, device=dev)

        def fwd():
            with torch.no_grad():
                m(x)
        return fwd, 1, 3
    raise ValueError(wid)


def main():
    ids = sys.argv[1].split(",")
    if not torch.cuda.is_available():
        print(json.dumps({"device": None, "results": {}}))
        return
    dev = torch.device("cuda")
    torch.manual_seed(0)
    results = {}
    for wid in ids:
        step, warmup, calls = make(wid, dev)
        results[wid] = timed(step, warmup, calls)
    print(json.dumps({"device": f"{torch.cuda.get_device_name(0)}, PyTorch {torch.__version__}", "results": results}))


if __name__ == "__main__":
    main()
