/**
 * Central finite differences, the independent reference every hand-written gradient is checked
 * against: g_j ~ (f(theta + h e_j) - f(theta - h e_j)) / (2h).
 */
export function numericGradient(f: (theta: Float64Array) => number, theta: Float64Array, h = 1e-5): Float64Array {
  const g = new Float64Array(theta.length);
  const probe = Float64Array.from(theta);
  for (let j = 0; j < theta.length; j++) {
    probe[j] = theta[j] + h;
    const up = f(probe);
    probe[j] = theta[j] - h;
    const down = f(probe);
    probe[j] = theta[j];
    g[j] = (up - down) / (2 * h);
  }
  return g;
}

/** max_j |a_j - b_j| / max(1, |b|_inf): small means the analytic gradient matches. */
export function maxRelativeError(a: Float64Array, b: Float64Array): number {
  let scale = 1;
  for (let j = 0; j < b.length; j++) scale = Math.max(scale, Math.abs(b[j]));
  let worst = 0;
  for (let j = 0; j < a.length; j++) worst = Math.max(worst, Math.abs(a[j] - b[j]));
  return worst / scale;
}
