import { positive } from "../core/validate";
import { norm2, type Vec } from "../core/vector";

/**
 * Gradient clipping by global norm (Pascanu et al., 2013): when the gradient is longer than c,
 * rescale it to length c, keeping its direction.
 *
 * $$g \leftarrow g \cdot \min\left(1, \frac{c}{\lVert g \rVert_2}\right)$$
 *
 * Scales `grad` in place and returns the norm BEFORE clipping (what a training curve plots).
 * A non-finite norm is returned as is and the gradient is left alone, so divergence stays visible.
 */
export function clipByGlobalNorm(grad: Vec, maxNorm: number): number {
  // A check per call, not per entry: no allocation, negligible next to the O(dim) loops.
  positive("maxNorm", maxNorm);
  const norm = norm2(grad);
  if (norm > maxNorm && Number.isFinite(norm)) {
    const scale = maxNorm / norm;
    for (let i = 0; i < grad.length; i++) grad[i] *= scale;
  }
  return norm;
}
