#!/usr/bin/python3
"""PyTorch peer for `npm run bench`: the same workloads on the same inputs, printed as JSON.

Usage: /usr/bin/python3 bench/peers/torch_bench.py <inputs dir> <plan.json>
The plan lists workload ids and timing options (bench/workloads.ts); inputs are raw float32
files written by bench/inputs.ts. Output: {"torch": version, "threads": n, "results": {id: {"wall": ms, "cpu": ms} | {"missing": reason}}}.
"""
import json
import os
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


def load(d):
    manifest = json.load(open(os.path.join(d, "manifest.json")))
    return {k: torch.from_numpy(np.fromfile(os.path.join(d, k + ".f32"), dtype="<f4").reshape(s)) for k, s in manifest.items()}


def timed(fn, o):
    for _ in range(o["warmup"]):
        fn()
    times, cpu = [], []
    start = time.perf_counter()
    while len(times) < o["reps"] or ((time.perf_counter() - start) * 1000 < o["minMs"] and len(times) < o.get("maxReps", 1000)):
        c0, t0 = time.process_time(), time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return {"wall": statistics.median(times), "cpu": statistics.median(cpu)}


def mm(inp, n):
    a, b = inp[f"mm{n}_a"], inp[f"mm{n}_b"]
    return lambda: torch.matmul(a, b)


def seed_raw(inp, epochs, lr):
    x, y = inp["seed_x"], inp["seed_y"]
    init = [inp[k] for k in ("seed_w1", "seed_b1", "seed_w2", "seed_b2")]

    def run():
        w1, b1, w2, b2 = params = [p.clone().requires_grad_() for p in init]
        for _ in range(epochs):
            p = torch.tanh(x @ w1.t() + b1) @ w2.t() + b2
            loss = ((p - y) ** 2).mean()
            for q in params:
                q.grad = None
            loss.backward()
            with torch.no_grad():
                for q in params:
                    q -= lr * q.grad
    return run


def seed_nn(inp, epochs, lr):
    x, y = inp["seed_x"], inp["seed_y"]
    state = {"0.weight": inp["seed_w1"], "0.bias": inp["seed_b1"], "2.weight": inp["seed_w2"], "2.bias": inp["seed_b2"]}

    def run():
        model = nn.Sequential(nn.Linear(1, 8), nn.Tanh(), nn.Linear(8, 1))
        model.load_state_dict(state)
        opt = torch.optim.SGD(model.parameters(), lr=lr)
        loss_fn = nn.MSELoss()
        for _ in range(epochs):
            loss = loss_fn(model(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
    return run


def seed_lesson(inp, epochs, lr):
    from collections import OrderedDict
    x, y = inp["seed_x"], inp["seed_y"]

    def run():
        torch.manual_seed(0)
        seq_model = nn.Sequential(OrderedDict([
            ("hidden_linear", nn.Linear(1, 13)), ("hidden_activation", nn.Tanh()), ("output_linear", nn.Linear(13, 1))]))
        optimizer = torch.optim.SGD(seq_model.parameters(), lr=lr)
        for _ in range(epochs):
            loss = F.mse_loss(seq_model(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return run


def vgg16_init(inp):
    import torchvision

    def build():
        torch.manual_seed(0)
        torchvision.models.vgg16()
    return build


def train_step(model, x, y, lr):
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()

    def step():
        loss = loss_fn(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        loss.item()
    return step


def mlp(inp, lr):
    model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
    model.load_state_dict({"0.weight": inp["mlp_w1"], "0.bias": inp["mlp_b1"], "2.weight": inp["mlp_w2"], "2.bias": inp["mlp_b2"]})
    return train_step(model, inp["mlp_x"], inp["mlp_y"].long(), lr)


def cnn(inp, lr):
    model = nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(784, 10))
    model.load_state_dict({"0.weight": inp["cnn_w1"], "0.bias": inp["cnn_b1"], "3.weight": inp["cnn_w2"], "3.bias": inp["cnn_b2"],
                           "7.weight": inp["cnn_w3"], "7.bias": inp["cnn_b3"]})
    return train_step(model, inp["cnn_x"], inp["cnn_y"].long(), lr)


def vgg16(inp):
    import torchvision
    model = torchvision.models.vgg16().eval()
    x = inp["vgg_x"]

    def fwd():
        with torch.no_grad():
            model(x)
    return fwd


def main():
    inp = load(sys.argv[1])
    plan = json.load(open(sys.argv[2]))
    consts = plan["constants"]
    makers = {
        "mm256": lambda: mm(inp, 256),
        "mm1024": lambda: mm(inp, 1024),
        "seed_raw": lambda: seed_raw(inp, consts["SEED_EPOCHS"], consts["SEED_LR"]),
        "seed_nn": lambda: seed_nn(inp, consts["SEED_EPOCHS"], consts["SEED_LR"]),
        "seed_lesson": lambda: seed_lesson(inp, consts["SEED_EPOCHS"], consts["SEED_LR"]),
        "vgg16_init": lambda: vgg16_init(inp),
        "mlp": lambda: mlp(inp, consts["SGD_LR"]),
        "cnn": lambda: cnn(inp, consts["SGD_LR"]),
        "vgg16": lambda: vgg16(inp),
    }
    results = {}
    for w in plan["workloads"]:
        try:
            results[w["id"]] = timed(makers[w["id"]](), w["timing"])
        except Exception as e:  # a missing torchvision, say: report, do not fail the table
            results[w["id"]] = {"missing": f"{type(e).__name__}: {e}"[:100]}
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "results": results}))


if __name__ == "__main__":
    main()
