"""Times one torch.optim step on N parameters, single-threaded, for the Descent benchmark.

Run by bench/optimizer-step.bench.ts with Debian's /usr/bin/python3 (python3-torch).
Prints one JSON object: {"torch": version, "results": {"adam/float32": median_ms, ...}}.
"""
import json
import sys
import time

import torch

torch.set_num_threads(1)
N = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
REPEATS = int(sys.argv[2]) if len(sys.argv) > 2 else 30

MAKERS = {
    "adam": lambda p: torch.optim.Adam([p], lr=1e-3),
    "momentum": lambda p: torch.optim.SGD([p], lr=1e-2, momentum=0.9),
    "rmsprop": lambda p: torch.optim.RMSprop([p], lr=1e-2, alpha=0.99),
}

results = {}
gen = torch.Generator().manual_seed(0)
for dtype_name, dtype in (("float32", torch.float32), ("float64", torch.float64)):
    for name, make in MAKERS.items():
        p = torch.nn.Parameter(torch.randn(N, generator=gen, dtype=dtype))
        p.grad = torch.randn(N, generator=gen, dtype=dtype)
        opt = make(p)
        for _ in range(5):  # warm-up: allocates the state buffers
            opt.step()
        times = []
        for _ in range(REPEATS):
            t0 = time.perf_counter()
            opt.step()
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        results[f"{name}/{dtype_name}"] = times[len(times) // 2]

print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "results": results}))
