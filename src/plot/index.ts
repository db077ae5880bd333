/** Plotly figure builders: pure functions returning plain-JSON figure specs (no plotly dependency). */
export * from "./plotly-types";
export { colorFor, paletteKey, ownColor, OPTIMIZER_COLORS, SCHEDULE_COLORS } from "./palette";
export { contourGrid, levelGrid, prefersLogLevels, LOG_LEVEL_THRESHOLD, MAX_MARKED_STEPS, SURFACE_COLORSCALE, surfaceContourFigure, type LevelScale, type Domain2D, type Grid, type Resolution, type SurfaceLike, type Trajectory2D, type SurfaceContourOptions } from "./contour";
export { lossCurvesFigure, decadeTicks, oneTwoFiveTicks, type LossSeries, type LossCurvesOptions } from "./loss-curves";
export { trajectoryAnimationFigure, frameSteps, type TrajectoryAnimationOptions } from "./animation";
export { scheduleFigure, MAX_STAIRCASE_STEPS, type ScheduleLike, type ScheduleFigureOptions } from "./schedule-figure";
export { surface3dFigure, meshHeight, type Surface3dOptions } from "./surface3d";
export { titleOf } from "./style";
