// The playground's animation layer: the paths (and loss curves) growing step by step are drawn
// as SVG polylines over a Plotly plot, in the plot's own coordinates (its axes' c2p), instead of
// asking Plotly to redraw a figure per frame (50-150 ms per frame with a contour underneath:
// long tasks that made typing lag). One cheap attribute write per series per frame; the real
// traces are shown again when the animation ends or is stopped.
type Axis = { c2p(v: number): number; _offset: number };
type PlotDiv = HTMLElement & { _fullLayout?: { xaxis?: Axis; yaxis?: Axis } };

const SVG = "http://www.w3.org/2000/svg";

export class PathOverlay {
  private svg: SVGSVGElement;
  private lines: SVGPolylineElement[] = [];
  private heads: SVGCircleElement[] = [];

  constructor(private plot: PlotDiv, colors: string[]) {
    const host = plot.parentElement!;
    if (getComputedStyle(host).position === "static") host.style.position = "relative";
    this.svg = document.createElementNS(SVG, "svg");
    this.svg.setAttribute("class", "pg-overlay");
    this.svg.setAttribute("aria-hidden", "true");
    Object.assign(this.svg.style, { position: "absolute", pointerEvents: "none", overflow: "visible", left: `${plot.offsetLeft}px`, top: `${plot.offsetTop}px`, width: `${plot.offsetWidth}px`, height: `${plot.offsetHeight}px` });
    for (const c of colors) {
      const line = document.createElementNS(SVG, "polyline");
      line.setAttribute("fill", "none");
      line.setAttribute("stroke", c);
      line.setAttribute("stroke-width", "2.5");
      line.setAttribute("stroke-linejoin", "round");
      const head = document.createElementNS(SVG, "circle");
      head.setAttribute("r", "4");
      head.setAttribute("fill", c);
      head.setAttribute("stroke", "#1f2937");
      this.svg.append(line, head);
      this.lines.push(line);
      this.heads.push(head);
    }
    host.append(this.svg);
  }

  /** Draws series i through point `upto` (inclusive). Points outside the plot are clipped by nothing: the plot's range holds them. */
  draw(series: { xs: readonly number[]; ys: readonly number[] }[], upto: number): void {
    const xa = this.plot._fullLayout?.xaxis;
    const ya = this.plot._fullLayout?.yaxis;
    if (!xa || !ya) return;
    series.forEach((s, i) => {
      const n = Math.min(upto, s.xs.length - 1);
      const pts: string[] = [];
      // At most ~1500 points per line (a 5000-step run drawn at every step would cost more than it shows).
      const stride = Math.max(1, Math.ceil(n / 1500));
      for (let k = 0; k <= n; k = k < n && k + stride > n ? n : k + stride) {
        const px = xa.c2p(s.xs[k]) + xa._offset;
        const py = ya.c2p(s.ys[k]) + ya._offset;
        if (Number.isFinite(px) && Number.isFinite(py)) pts.push(`${px.toFixed(1)},${py.toFixed(1)}`);
      }
      this.lines[i].setAttribute("points", pts.join(" "));
      const last = pts[pts.length - 1]?.split(",");
      if (last) {
        this.heads[i].setAttribute("cx", last[0]);
        this.heads[i].setAttribute("cy", last[1]);
      }
    });
  }

  remove(): void {
    this.svg.remove();
  }
}
