import type { Vec } from "../src/core/vector";

/**
 * Hand-fused minimal loops: the fastest plain JavaScript for one step of each optimizer
 * (PyTorch-convention math, one pass over memory, everything hoisted). They are the bound the
 * library's readable, validated optimizers are measured against.
 */

export function fusedAdam(p: Vec, g: Vec, m: Vec, v: Vec, t: number, lr: number, b1: number, b2: number, eps: number): void {
  const bc1 = 1 - Math.pow(b1, t);
  const invSqrtBc2 = 1 / Math.sqrt(1 - Math.pow(b2, t));
  const stepSize = lr / bc1;
  const n = p.length;
  for (let i = 0; i < n; i++) {
    const gi = g[i];
    const mi = b1 * m[i] + (1 - b1) * gi;
    const vi = b2 * v[i] + (1 - b2) * gi * gi;
    m[i] = mi;
    v[i] = vi;
    p[i] -= (stepSize * mi) / (Math.sqrt(vi) * invSqrtBc2 + eps);
  }
}

export function fusedMomentum(p: Vec, g: Vec, buf: Vec, first: boolean, lr: number, mu: number): void {
  const n = p.length;
  if (first) {
    for (let i = 0; i < n; i++) {
      buf[i] = g[i];
      p[i] -= lr * g[i];
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const b = mu * buf[i] + g[i];
    buf[i] = b;
    p[i] -= lr * b;
  }
}

export function fusedRmsprop(p: Vec, g: Vec, sq: Vec, lr: number, alpha: number, eps: number): void {
  const n = p.length;
  for (let i = 0; i < n; i++) {
    const gi = g[i];
    const s = alpha * sq[i] + (1 - alpha) * gi * gi;
    sq[i] = s;
    p[i] -= (lr * gi) / (Math.sqrt(s) + eps);
  }
}
