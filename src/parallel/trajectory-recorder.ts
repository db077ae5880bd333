/**
 * Snapshots of parameter vectors for plots (a center and its workers on a contour plot).
 * Copies are made only at recording points, never per step, and only when asked for
 * (by default for 2-D problems, where a trajectory can be drawn).
 */
export class TrajectoryRecorder {
  readonly points: Float64Array[] = [];
  constructor(readonly enabled: boolean) {}
  record(theta: Float64Array): void {
    if (this.enabled) this.points.push(Float64Array.from(theta));
  }
}
