"""PyTorch side of bench/mlp-epoch.bench.ts: the same MLP, batches and optimizer, one thread.

Run by the bench with Debian's /usr/bin/python3 (python3-torch 1.13):
    /usr/bin/python3 scripts/torch_mlp_bench.py <folder written by the bench>
The folder holds config.json, X.f64 (n x d pixels), labels.i32, params.f64 (Descent's initial
parameters in its layout: W1 [h x d] row-major, b1, W2 [K x h], b2, which is nn.Linear's layout)
and perms.i32 (one permutation of 0..n-1 per epoch). Every epoch is timed inside Python with
perf_counter (wall) and process_time (CPU), so starting Python and reading the files are not counted.
Prints one JSON object: {"torch": version, "threads": 1, "blas": [loaded BLAS files],
"results": {"<opt>/<dtype>": {...}}}.
"""
import json
import os
import sys
import time

import numpy as np
import torch

torch.set_num_threads(1)
folder = sys.argv[1]
with open(os.path.join(folder, "config.json")) as f:
    cfg = json.load(f)
n, sizes, batch, epochs = cfg["n"], cfg["sizes"], cfg["batchSize"], cfg["epochs"]
d, h, K = sizes
X64 = torch.from_numpy(np.fromfile(os.path.join(folder, "X.f64"), dtype=np.float64).reshape(n, d))
y = torch.from_numpy(np.fromfile(os.path.join(folder, "labels.i32"), dtype=np.int32).astype(np.int64))
p0 = torch.from_numpy(np.fromfile(os.path.join(folder, "params.f64"), dtype=np.float64))
perms = torch.from_numpy(np.fromfile(os.path.join(folder, "perms.i32"), dtype=np.int32).astype(np.int64)).reshape(epochs, n)


def make_net(dtype):
    net = torch.nn.Sequential(torch.nn.Linear(d, h), torch.nn.ReLU(), torch.nn.Linear(h, K)).to(dtype)
    off = 0
    with torch.no_grad():
        for layer in (net[0], net[2]):
            w = layer.weight.numel()
            layer.weight.copy_(p0[off:off + w].reshape(layer.weight.shape))
            off += w
            b = layer.bias.numel()
            layer.bias.copy_(p0[off:off + b])
            off += b
    assert off == p0.numel(), "parameter layout mismatch"
    return net


def make_opt(name, params):
    o = cfg["optimizers"][name]
    if o["kind"] == "sgd":
        return torch.optim.SGD(params, lr=o["lr"], momentum=o["momentum"])
    return torch.optim.Adam(params, lr=o["lr"], betas=tuple(o["betas"]), eps=o["eps"])


def run(name, dtype):
    X = X64.to(dtype)
    net = make_net(dtype)
    opt = make_opt(name, net.parameters())
    loss_fn = torch.nn.CrossEntropyLoss()  # mean over the batch, like Descent's MLP
    times, cpu_times, epoch_loss = [], [], []
    for e in range(epochs):
        perm = perms[e]
        total = 0.0
        t0 = time.perf_counter()
        c0 = time.process_time()
        for start in range(0, n, batch):
            idx = perm[start:start + batch]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(net(X[idx]), y[idx])
            loss.backward()
            opt.step()
            total += loss.item()
        times.append((time.perf_counter() - t0) * 1000)
        cpu_times.append((time.process_time() - c0) * 1000)
        epoch_loss.append(total / ((n + batch - 1) // batch))
    with torch.no_grad():
        final = loss_fn(net(X), y).item()
    return {"epochMs": times, "epochCpuMs": cpu_times, "epochBatchLoss": epoch_loss, "finalLoss": final}


def blas_libraries():
    """The BLAS this process really loaded (Debian's reference libblas unless told otherwise)."""
    found = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1]
            if "blas" in os.path.basename(path).lower():
                found.add(os.path.realpath(path))
    return sorted(found)


results = {}
for dtype_name, dtype in (("float64", torch.float64), ("float32", torch.float32)):
    for name in cfg["optimizers"]:
        results[f"{name}/{dtype_name}"] = run(name, dtype)
print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "blas": blas_libraries(), "results": results}))
