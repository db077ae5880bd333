"""Times torch.optim steps on N parameters, single-threaded, for bench/optimizer-step.bench.ts.

Run with Debian's /usr/bin/python3 (python3-torch). A server, so the bench can interleave PyTorch
with the other contestants round by round: it prints one JSON line {"torch", "threads"} when
ready, then answers each request line "NAME DTYPE STEPS" (e.g. "adam float32 7") with one JSON
line {"wall": ..., "cpu": ...}, the medians of STEPS timed steps in milliseconds (wall clock, and
this process's CPU time). The same optimizer and buffers are kept across requests.
"""
import json
import sys
import time

import torch

torch.set_num_threads(1)
N = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000

MAKERS = {
    "adam": lambda p: torch.optim.Adam([p], lr=1e-3),
    "momentum": lambda p: torch.optim.SGD([p], lr=1e-2, momentum=0.9),
    "rmsprop": lambda p: torch.optim.RMSprop([p], lr=1e-2, alpha=0.99),
}
DTYPES = {"float32": torch.float32, "float64": torch.float64}

made = {}
gen = torch.Generator().manual_seed(0)


def optimizer(name, dtype_name):
    key = (name, dtype_name)
    if key not in made:
        dtype = DTYPES[dtype_name]
        p = torch.nn.Parameter(torch.randn(N, generator=gen, dtype=dtype))
        p.grad = torch.randn(N, generator=gen, dtype=dtype)
        opt = MAKERS[name](p)
        for _ in range(5):  # warm-up: allocates the state buffers
            opt.step()
        made[key] = opt
    return made[key]


print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads()}), flush=True)
for line in sys.stdin:
    name, dtype_name, steps = line.split()
    opt = optimizer(name, dtype_name)
    wall, cpu = [], []
    for _ in range(int(steps)):
        c0 = time.process_time()
        t0 = time.perf_counter()
        opt.step()
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    wall.sort()
    cpu.sort()
    print(json.dumps({"wall": wall[len(wall) // 2], "cpu": cpu[len(cpu) // 2]}), flush=True)
