/** Plotly figure builders: pure functions returning plain-JSON figure specs (no plotly dependency). */
export * from "./plotly-types";
export { colorFor, paletteKey, OPTIMIZER_COLORS } from "./palette";
export { contourGrid, levelGrid, surfaceContourFigure, type Domain2D, type Grid, type Resolution, type SurfaceLike, type Trajectory2D, type SurfaceContourOptions } from "./contour";
export { lossCurvesFigure, type LossSeries, type LossCurvesOptions } from "./loss-curves";
export { trajectoryAnimationFigure, frameSteps, type TrajectoryAnimationOptions } from "./animation";
export { scheduleFigure, type ScheduleLike, type ScheduleFigureOptions } from "./schedule-figure";
export { surface3dFigure, type Surface3dOptions } from "./surface3d";
