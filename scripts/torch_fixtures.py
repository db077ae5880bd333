#!/usr/bin/python3
"""Reference optimizer trajectories from torch.optim, for test/optimizers/torch-fixtures.test.ts.

Run with Debian's Python (it sees python3-torch):  /usr/bin/python3 scripts/torch_fixtures.py

For each case: a torch optimizer class and its keyword arguments, a problem, a start point x0,
and the 201 iterates x0..x200 of 200 steps, in float64, written with repr so that every float
round-trips. Gradients are computed here in plain Python floats with the formulas written in
problems.json, in the same order of operations the TypeScript test uses, so both sides feed the
optimizers bit-identical gradients at identical points; any difference comes from the optimizer.

Each case also says which of our optimizers replays it (`optimizer`, `convention`, `options`):
- convention "pytorch" cases must match torch to rounding;
- convention "seed" cases are the settings where the course's equations coincide with torch
  (seed momentum == SGD(momentum), seed Adadelta == Adadelta(lr=1), seed AdaMax == Adamax(eps=0),
  seed Adam == Adam, seed NAG == SGD(nesterov=True)); they agree up to rounding in a different order.

torch 1.13's NAdam single-tensor path multiplies mu_product by mu twice in the second step size
(mu_product * mu * mu_next, fixed in PyTorch 2.0); its foreach path already uses
mu_product * mu_next, the 2.x formula, so NAdam runs with foreach=True. Everything else uses
foreach=False (the single-tensor path, whose order of operations src/optimizers follows).
The "pytorch" convention targets PyTorch 2.x; this script has only ever run with Debian's torch
1.13 (the version is written to problems.json). What 1.13 cannot show (the NAdam fix above, SGD's
default lr=1e-3 since torch 2.2, which these cases never use since they always pass lr) is checked by
test/optimizers/torch2.test.ts against transcriptions of the 2.x sources; see docs/conventions.md.
"""
import json
import os
import random
import sys

import torch

torch.set_default_dtype(torch.float64)  # NAdam's mu_product and step counters become float64 too

STEPS = 200
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "torch")


# ---------------------------------------------------------------- problems (gradients in plain floats)

def make_least_squares():
    """A fixed 5-D least-squares problem f(w) = ||A w - b||^2 / (2n), n = 12, written into the fixture."""
    rng = random.Random(20240601)
    n, d = 12, 5
    a = [[round(rng.uniform(-1.0, 1.0), 3) for _ in range(d)] for _ in range(n)]
    w_true = [1.0, -2.0, 0.5, 3.0, -1.0]
    b = [round(sum(a[i][j] * w_true[j] for j in range(d)) + rng.uniform(-0.1, 0.1), 3) for i in range(n)]
    return a, b


LSQ_A, LSQ_B = make_least_squares()

PROBLEMS = {
    "rosenbrock": {
        "f": "(1 - x)^2 + 100 (y - x^2)^2",
        "grad": "[-2*(1 - x) - 400*x*(y - x*x), 200*(y - x*x)]",
        "x0": [-1.2, 1.0],
    },
    "beale": {
        "f": "(1.5 - x + x y)^2 + (2.25 - x + x y^2)^2 + (2.625 - x + x y^3)^2",
        "grad": "t1 = 1.5 - x + x*y; t2 = 2.25 - x + x*y*y; t3 = 2.625 - x + x*y*y*y; "
                "[2*t1*(y - 1) + 2*t2*(y*y - 1) + 2*t3*(y*y*y - 1), 2*t1*x + 2*t2*(2*x*y) + 2*t3*(3*x*y*y)]",
        "x0": [2.0, 0.0],
    },
    "quadratic": {
        "f": "0.5 (x^2 + 50 y^2)",
        "grad": "[x, 50*y]",
        "x0": [-2.0, 1.0],
    },
    "least-squares": {
        "f": "sum_i (A_i . w - b_i)^2 / (2 n)",
        "grad": "r_i = (sum_j A[i][j]*w[j], left to right from 0) - b[i]; g_j = (sum_i A[i][j]*r_i, left to right from 0) / n",
        "x0": [0.5, 0.5, 0.5, 0.5, 0.5],
        "A": LSQ_A,
        "b": LSQ_B,
    },
}


def gradient(problem, w):
    if problem == "rosenbrock":
        x, y = w
        return [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)]
    if problem == "beale":
        x, y = w
        t1 = 1.5 - x + x * y
        t2 = 2.25 - x + x * y * y
        t3 = 2.625 - x + x * y * y * y
        return [
            2 * t1 * (y - 1) + 2 * t2 * (y * y - 1) + 2 * t3 * (y * y * y - 1),
            2 * t1 * x + 2 * t2 * (2 * x * y) + 2 * t3 * (3 * x * y * y),
        ]
    if problem == "quadratic":
        x, y = w
        return [x, 50 * y]
    if problem == "least-squares":
        n, d = len(LSQ_A), len(w)
        r = []
        for i in range(n):
            s = 0.0
            for j in range(d):
                s += LSQ_A[i][j] * w[j]
            r.append(s - LSQ_B[i])
        g = []
        for j in range(d):
            s = 0.0
            for i in range(n):
                s += LSQ_A[i][j] * r[i]
            g.append(s / n)
        return g
    raise ValueError(problem)


# Learning rates per problem: "gd" for the SGD family, "adaptive" for the rest (chosen so every
# trajectory moves a lot in 200 steps without diverging).
LR = {
    "rosenbrock": {"gd": 1e-3, "adaptive": 0.02},
    "beale": {"gd": 0.01, "adaptive": 0.02},
    "quadratic": {"gd": 0.02, "adaptive": 0.05},
    "least-squares": {"gd": 0.1, "adaptive": 0.05},
}
ALL = list(PROBLEMS)


def two(i):
    """Two problems per extra case, rotating, to keep the fixtures small but every problem used."""
    return [ALL[i % 4], ALL[(i + 1) % 4]]


# ---------------------------------------------------------------- cases
# (our optimizer, our convention, torch class, torch kwargs (no lr), lr kind or fixed lr, problems)
# Our options are derived from the torch kwargs (camelCase); lr is added per problem.

CASES = [
    # sgd
    ("sgd", "pytorch", "SGD", {}, "gd", ALL),
    ("sgd", "pytorch", "SGD", {"momentum": 0.9}, "gd", two(0)),
    ("sgd", "pytorch", "SGD", {"momentum": 0.9, "dampening": 0.5}, "gd", two(1)),
    ("sgd", "pytorch", "SGD", {"momentum": 0.9, "nesterov": True}, "gd", two(2)),
    ("sgd", "pytorch", "SGD", {"momentum": 0.5, "weight_decay": 0.1}, "gd", two(3)),
    # momentum, nesterov (torch SGD under our names)
    ("momentum", "pytorch", "SGD", {"momentum": 0.9}, "gd", ALL),
    ("momentum", "pytorch", "SGD", {"momentum": 0.8, "dampening": 0.1, "weight_decay": 0.01}, "gd", two(1)),
    ("nesterov", "pytorch", "SGD", {"momentum": 0.9, "nesterov": True}, "gd", ALL),
    ("nesterov", "pytorch", "SGD", {"momentum": 0.7, "nesterov": True, "weight_decay": 0.05}, "gd", two(2)),
    # adagrad (larger lr: its step shrinks like 1/sqrt(t))
    ("adagrad", "pytorch", "Adagrad", {}, 0.3, ALL),
    ("adagrad", "pytorch", "Adagrad", {"lr_decay": 0.01, "initial_accumulator_value": 0.1}, 0.3, two(0)),
    ("adagrad", "pytorch", "Adagrad", {"weight_decay": 0.1, "eps": 1e-6}, 0.3, two(2)),
    # adadelta
    ("adadelta", "pytorch", "Adadelta", {}, 1.0, ALL),
    ("adadelta", "pytorch", "Adadelta", {"rho": 0.95, "eps": 1e-5}, 0.5, two(1)),
    ("adadelta", "pytorch", "Adadelta", {"weight_decay": 0.1}, 1.0, two(3)),
    # rmsprop
    ("rmsprop", "pytorch", "RMSprop", {}, "adaptive", ALL),
    ("rmsprop", "pytorch", "RMSprop", {"centered": True, "alpha": 0.9}, "adaptive", two(0)),
    ("rmsprop", "pytorch", "RMSprop", {"momentum": 0.9}, "adaptive", two(1)),
    ("rmsprop", "pytorch", "RMSprop", {"centered": True, "momentum": 0.5, "eps": 1e-6}, "adaptive", two(2)),
    ("rmsprop", "pytorch", "RMSprop", {"weight_decay": 0.1}, "adaptive", two(3)),
    # adam
    ("adam", "pytorch", "Adam", {}, "adaptive", ALL),
    ("adam", "pytorch", "Adam", {"amsgrad": True, "betas": (0.8, 0.99)}, "adaptive", two(0)),
    ("adam", "pytorch", "Adam", {"weight_decay": 0.1, "eps": 1e-6}, "adaptive", two(2)),
    # adamax
    ("adamax", "pytorch", "Adamax", {}, "adaptive", ALL),
    ("adamax", "pytorch", "Adamax", {"weight_decay": 0.05, "betas": (0.8, 0.99)}, "adaptive", two(1)),
    # nadam
    ("nadam", "pytorch", "NAdam", {}, "adaptive", ALL),
    ("nadam", "pytorch", "NAdam", {"momentum_decay": 0.01, "weight_decay": 0.05}, "adaptive", two(2)),
    # amsgrad (torch Adam(amsgrad=True))
    ("amsgrad", "pytorch", "Adam", {"amsgrad": True}, "adaptive", ALL),
    # adamw
    ("adamw", "pytorch", "AdamW", {}, "adaptive", ALL),
    ("adamw", "pytorch", "AdamW", {"weight_decay": 0.1, "amsgrad": True}, "adaptive", two(3)),
    # seed convention where it coincides with torch
    ("sgd", "seed", "SGD", {}, "gd", two(0)),
    ("sgd", "seed", "SGD", {"momentum": 0.9}, "gd", two(2)),
    ("momentum", "seed", "SGD", {"momentum": 0.9}, "gd", ALL),
    ("nesterov", "seed", "SGD", {"momentum": 0.9, "nesterov": True}, "gd", ALL),
    ("adadelta", "seed", "Adadelta", {}, 1.0, ALL),
    ("adam", "seed", "Adam", {}, "adaptive", ALL),
    ("adam", "seed", "Adam", {"amsgrad": True}, "adaptive", two(1)),
    ("adamax", "seed", "Adamax", {"eps": 0.0}, "adaptive", ALL),
    ("adamw", "seed", "AdamW", {}, "adaptive", two(3)),
]

CAMEL = {
    "weight_decay": "weightDecay",
    "lr_decay": "lrDecay",
    "initial_accumulator_value": "initialAccumulatorValue",
    "momentum_decay": "momentumDecay",
}


def our_options(optimizer, convention, kwargs, lr):
    opts = {}
    for k, v in kwargs.items():
        if optimizer in ("momentum", "nesterov") and k == "nesterov":
            continue  # implied by our optimizer's name
        if optimizer == "amsgrad" and k == "amsgrad":
            continue
        if optimizer == "adamax" and convention == "seed" and k == "eps":
            continue  # the seed's AdaMax has no eps; torch runs with eps=0
        opts[CAMEL.get(k, k)] = list(v) if isinstance(v, tuple) else v
    if not (optimizer == "adadelta" and convention == "seed"):
        opts["lr"] = lr
    return opts


def run(torch_class, kwargs, lr, problem):
    x0 = PROBLEMS[problem]["x0"]
    p = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    extra = {"foreach": True} if torch_class == "NAdam" else {"foreach": False}
    opt = getattr(torch.optim, torch_class)([p], lr=lr, **kwargs, **extra)
    rows = [list(x0)]
    for _ in range(STEPS):
        w = p.detach().tolist()
        p.grad = torch.tensor(gradient(problem, w), dtype=torch.float64)
        opt.step()
        rows.append(p.detach().tolist())
    for row in rows:
        for v in row:
            if v != v or v in (float("inf"), float("-inf")):
                raise SystemExit(f"{torch_class} {kwargs} on {problem} diverged")
    return rows


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    by_optimizer = {}
    counter = {}
    for optimizer, convention, torch_class, kwargs, lr_kind, problems in CASES:
        for problem in problems:
            lr = LR[problem][lr_kind] if isinstance(lr_kind, str) else lr_kind
            key = f"{optimizer}-{convention}-{problem}"
            counter[key] = counter.get(key, 0) + 1
            rows = run(torch_class, kwargs, lr, problem)
            moved = max(abs(a - b) for a, b in zip(rows[0], rows[-1]))
            if moved < 1e-3:
                raise SystemExit(f"{key}: trajectory barely moves ({moved}); pick another lr")
            by_optimizer.setdefault(optimizer, []).append({
                "id": f"{key}-{counter[key]}",
                "optimizer": optimizer,
                "convention": convention,
                "options": our_options(optimizer, convention, kwargs, lr),
                "torch": {"class": torch_class, "kwargs": {"lr": lr, **{k: list(v) if isinstance(v, tuple) else v for k, v in kwargs.items()}}},
                "problem": problem,
                "trajectory": rows,
            })
    meta = {
        "generatedBy": "scripts/torch_fixtures.py",
        "torch": torch.__version__,
        "python": sys.version.split()[0],
        "steps": STEPS,
        "problems": PROBLEMS,
    }
    with open(os.path.join(OUT_DIR, "problems.json"), "w") as f:
        json.dump(meta, f, indent=1)
        f.write("\n")
    total = 0
    for optimizer, cases in by_optimizer.items():
        path = os.path.join(OUT_DIR, f"{optimizer}.json")
        with open(path, "w") as f:
            # One trajectory row per line: diffable, and still compact.
            f.write('{"cases": [\n')
            for ci, case in enumerate(cases):
                head = {k: v for k, v in case.items() if k != "trajectory"}
                f.write(json.dumps(head)[:-1] + ', "trajectory": [\n')
                f.write(",\n".join(json.dumps(r) for r in case["trajectory"]))
                f.write("\n]}" + (",\n" if ci < len(cases) - 1 else "\n"))
            f.write("]}\n")
        total += os.path.getsize(path)
        print(f"{optimizer}: {len(cases)} trajectories, {os.path.getsize(path)} bytes")
    print(f"total {total} bytes in {OUT_DIR}")


if __name__ == "__main__":
    main()
