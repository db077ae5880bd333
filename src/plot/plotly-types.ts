/**
 * The small subset of Plotly's figure schema that Descent's figure builders emit, typed here so
 * src/ needs no plotly dependency. A Figure is plain JSON: notebooks send it as
 * `application/vnd.plotly.v1+json`, the site hands it to `Plotly.newPlot`.
 *
 * Numbers that are not finite must never appear (JSON has no NaN); builders write `null`,
 * which Plotly draws as a gap.
 */
export type Datum = number | null;

export interface Font {
  family?: string;
  size?: number;
  color?: string;
}

export interface Line {
  color?: string;
  width?: number;
  dash?: "solid" | "dot" | "dash" | "dashdot";
  shape?: "linear" | "hv" | "spline";
}

export interface Marker {
  color?: string | string[];
  size?: number | number[];
  symbol?: string | string[];
  /** One colour per point is allowed, e.g. a coloured ring on the start marker and a dark one on the end marker. */
  line?: { color?: string | string[]; width?: number };
}

export interface ScatterTrace {
  type: "scatter";
  mode: "lines" | "markers" | "lines+markers" | "text" | "markers+text";
  name?: string;
  x: Datum[];
  y: Datum[];
  text?: string[];
  line?: Line;
  marker?: Marker;
  showlegend?: boolean;
  legendgroup?: string;
  hovertemplate?: string;
  /** "skip": the trace takes no hover events (a faint guide must not steal the hover label). */
  hoverinfo?: "skip";
  /** Opacity of the whole trace, 0 to 1. */
  opacity?: number;
  connectgaps?: boolean;
}

export interface ContourTrace {
  type: "contour";
  name?: string;
  x: number[];
  /** z[row][col] = f(x[col], y[row]): rows run along y, as Plotly expects. */
  z: Datum[][];
  y: number[];
  colorscale?: string | [number, string][];
  reversescale?: boolean;
  ncontours?: number;
  /** Explicit levels (start, end, size) instead of Plotly's automatic ones. */
  autocontour?: boolean;
  contours?: { coloring?: "fill" | "heatmap" | "lines" | "none"; showlines?: boolean; start?: number; end?: number; size?: number };
  line?: { width?: number; color?: string };
  showscale?: boolean;
  colorbar?: { title?: { text: string } };
  opacity?: number;
  hovertemplate?: string;
}

export interface SurfaceTrace {
  type: "surface";
  name?: string;
  x: number[];
  y: number[];
  z: Datum[][];
  colorscale?: string | [number, string][];
  showscale?: boolean;
  opacity?: number;
  hoverinfo?: "skip" | "all";
  hovertemplate?: string;
  contours?: { z?: { show?: boolean; usecolormap?: boolean; highlightcolor?: string; project?: { z?: boolean }; start?: number; end?: number; size?: number; color?: string; width?: number } };
}

export interface Scatter3dTrace {
  type: "scatter3d";
  mode: "lines" | "markers" | "lines+markers";
  name?: string;
  x: Datum[];
  y: Datum[];
  z: Datum[];
  line?: Line;
  marker?: Marker;
  showlegend?: boolean;
  legendgroup?: string;
  hovertemplate?: string;
}

export type Trace = ScatterTrace | ContourTrace | SurfaceTrace | Scatter3dTrace;

export interface Axis {
  /** standoff: px between the tick labels and the title; with `automargin` Plotly widens the margin to keep it. */
  title?: { text: string; standoff?: number };
  type?: "linear" | "log";
  range?: [number, number];
  autorange?: boolean;
  scaleanchor?: "x" | "y";
  scaleratio?: number;
  constrain?: "range" | "domain";
  zeroline?: boolean;
  showgrid?: boolean;
  exponentformat?: "e" | "power" | "SI" | "none";
  /** Which side keeps its place when `constrain: "domain"` shrinks the axis to keep the aspect ratio. */
  constraintoward?: "left" | "center" | "right" | "top" | "middle" | "bottom";
  /** Tick spacing; on a log axis 1 means one tick per decade. */
  dtick?: number;
  ticks?: "" | "outside" | "inside";
  showline?: boolean;
  linecolor?: string;
  gridcolor?: string;
  mirror?: boolean;
  automargin?: boolean;
  rangemode?: "normal" | "tozero" | "nonnegative";
  nticks?: number;
  /** Explicit tick positions (data values, also on a log axis) and their labels. */
  tickvals?: number[];
  ticktext?: string[];
}

export interface SliderStep {
  label: string;
  method: "animate";
  args: [string[], AnimationOptions];
}

export interface AnimationOptions {
  mode?: "immediate" | "next" | "afterall";
  frame?: { duration: number; redraw: boolean };
  transition?: { duration: number };
  fromcurrent?: boolean;
}

export interface UpdateMenu {
  type: "buttons";
  showactive?: boolean;
  direction?: "left" | "right";
  x?: number;
  y?: number;
  xanchor?: "left" | "right" | "center";
  yanchor?: "top" | "bottom" | "middle";
  pad?: { t?: number; r?: number; l?: number; b?: number };
  font?: Font;
  buttons: { label: string; method: "animate"; args: [(string | null)[] | null, AnimationOptions] }[];
}

export interface Slider {
  active?: number;
  steps: SliderStep[];
  x?: number;
  len?: number;
  pad?: { t?: number; b?: number };
  currentvalue?: { prefix?: string; visible?: boolean; xanchor?: "left" | "right" | "center"; font?: Font };
  y?: number;
  yanchor?: "top" | "bottom" | "middle";
  /** Font of the tick labels under the slider. */
  font?: Font;
  ticklen?: number;
  minorticklen?: number;
}

export interface Layout {
  title?: { text: string; x?: number; xanchor?: "left" | "right" | "center" | "auto"; y?: number; yanchor?: "top" | "bottom" | "middle" | "auto"; font?: Font };
  font?: Font;
  /** Draw the legend even for a single trace (Plotly hides it then by default). */
  showlegend?: boolean;
  xaxis?: Axis;
  yaxis?: Axis;
  scene?: {
    xaxis?: Axis;
    yaxis?: Axis;
    zaxis?: Axis;
    aspectmode?: "auto" | "cube" | "data" | "manual";
    aspectratio?: { x: number; y: number; z: number };
    camera?: { eye: { x: number; y: number; z: number }; center?: { x: number; y: number; z: number } };
  };
  legend?: {
    orientation?: "h" | "v";
    x?: number;
    y?: number;
    xanchor?: "left" | "right" | "center" | "auto";
    yanchor?: "top" | "bottom" | "middle" | "auto";
    font?: Font;
    bgcolor?: string;
    itemwidth?: number;
    title?: { text: string; side?: "top" | "left" | "top left"; font?: Font };
    itemclick?: "toggle" | "toggleothers" | false;
  };
  margin?: { l?: number; r?: number; t?: number; b?: number };
  width?: number;
  height?: number;
  hovermode?: "closest" | "x" | "x unified" | false;
  template?: string;
  paper_bgcolor?: string;
  plot_bgcolor?: string;
  updatemenus?: UpdateMenu[];
  sliders?: Slider[];
}

/** One animation frame: replacement data for the traces listed in `traces`. */
export interface Frame {
  name: string;
  data: Partial<ScatterTrace>[];
  traces: number[];
}

export interface Figure {
  data: Trace[];
  layout: Layout;
  frames?: Frame[];
}
