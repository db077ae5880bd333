// The explorables' drawing: small hand-made SVG panels (no Plotly), as strings, so that the build
// (the static figure, site/lib/explorables.mjs) and the page (widget.ts, after each recompute)
// draw with the same code. Colours of axes and text follow the page (currentColor), so both
// themes work; the runs use the course's colour-blind-safe palette.
import { getSurface } from "../../../../src/index";
import type { ExplorableResult } from "./compute";
import { COLORS, type ExplorableSpec } from "./spec";

export const PANEL_W = 320;
export const PANEL_H = 240;
const M = { l: 48, r: 16, t: 10, b: 36 };
const IW = PANEL_W - M.l - M.r;
const IH = PANEL_H - M.t - M.b;

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const r1 = (v: number) => (Math.round(v * 10) / 10).toString();

function niceTicks(a: number, b: number, n = 4): number[] {
  const span = b - a;
  if (!(span > 0)) return [a];
  const raw = span / n;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
  const out: number[] = [];
  for (let v = Math.ceil(a / step - 1e-9) * step; v <= b + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(8)));
  return out;
}
const tickText = (v: number): string => (v !== 0 && (Math.abs(v) < 1e-2 || Math.abs(v) >= 1e4) ? v.toExponential(0).replace("e+", "e") : String(Number(v.toPrecision(4))));
const SUP: Record<string, string> = { "-": "⁻", 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹" };
const decade = (k: number) => (k === 0 ? "1" : `10${String(k).split("").map((c) => SUP[c]).join("")}`);

interface Scale { map(v: number): number; ticks: { v: number; text: string }[]; log: boolean }

function linear(a: number, b: number, lo: number, hi: number): Scale {
  return { map: (v) => lo + ((v - a) / (b - a)) * (hi - lo), ticks: niceTicks(a, b).map((v) => ({ v, text: tickText(v) })), log: false };
}
function logScale(a: number, b: number, lo: number, hi: number): Scale {
  const la = Math.floor(Math.log10(a));
  const lb = Math.ceil(Math.log10(b));
  const span = Math.max(1, lb - la);
  const every = Math.ceil(span / 5);
  const ticks: { v: number; text: string }[] = [];
  for (let k = la; k <= lb; k++) if ((k - la) % every === 0) ticks.push({ v: 10 ** k, text: decade(k) });
  return { map: (v) => lo + ((Math.log10(v) - la) / span) * (hi - lo), ticks, log: true };
}

function frame(x: Scale, y: Scale, xTitle: string, yTitle: string, inner: string, title: string): string {
  const parts: string[] = [];
  for (const t of y.ticks) {
    const py = y.map(t.v);
    parts.push(`<line class="ex-grid" x1="${M.l}" x2="${M.l + IW}" y1="${r1(py)}" y2="${r1(py)}"/><text class="ex-tick" x="${M.l - 4}" y="${r1(py + 3.5)}" text-anchor="end">${esc(t.text)}</text>`);
  }
  for (const t of x.ticks) {
    const px = x.map(t.v);
    parts.push(`<text class="ex-tick" x="${r1(px)}" y="${M.t + IH + 14}" text-anchor="middle">${esc(t.text)}</text>`);
  }
  return (
    `<svg class="ex-panel" viewBox="0 0 ${PANEL_W} ${PANEL_H}" role="img" aria-label="${esc(title)}" xmlns="http://www.w3.org/2000/svg">` +
    `<defs><clipPath id="CLIP"><rect x="${M.l}" y="${M.t}" width="${IW}" height="${IH}"/></clipPath></defs>` +
    parts.join("") +
    `<rect class="ex-box" x="${M.l}" y="${M.t}" width="${IW}" height="${IH}"/>` +
    `<g clip-path="url(#CLIP)">${inner}</g>` +
    `<text class="ex-axis" x="${M.l + IW / 2}" y="${PANEL_H - 6}" text-anchor="middle">${esc(xTitle)}</text>` +
    `<text class="ex-axis" transform="translate(12 ${M.t + IH / 2}) rotate(-90)" text-anchor="middle">${esc(yTitle)}</text></svg>`
  );
}

const drawable = (v: number) => Number.isFinite(v) && Math.abs(v) < 1e12;

/** A polyline through at most ~400 points (a long run drawn at every step costs more than it shows). */
function polyline(xs: number[], ys: number[], x: Scale, y: Scale, color: string, cls = "ex-line"): string {
  const n = Math.min(xs.length, ys.length);
  const stride = Math.max(1, Math.ceil(n / 400));
  const pts: string[] = [];
  for (let k = 0; k < n; k = k < n - 1 && k + stride > n - 1 ? n - 1 : k + stride) {
    if (!drawable(xs[k]) || !drawable(ys[k]) || (y.log && ys[k] <= 0)) break;
    const px = Math.max(-1e4, Math.min(1e4, x.map(xs[k])));
    const py = Math.max(-1e4, Math.min(1e4, y.map(ys[k])));
    pts.push(`${r1(px)},${r1(py)}`);
  }
  return pts.length ? `<polyline class="${cls}" fill="none" stroke="${color}" points="${pts.join(" ")}"/>` : "";
}

// ---- The contour (static: the surface does not change with the sliders) ----------------------

/** Level lines of the surface by marching squares, as one SVG path per level. */
export function contourSvg(spec: ExplorableSpec, n = 34, levels = 9): string {
  const surface = getSurface(spec.surface!, spec.surfaceOptions ?? {});
  const win = spec.window ?? surface.domain;
  const [x0, x1] = win.x;
  const [y0, y1] = win.y;
  const z: number[][] = [];
  for (let j = 0; j <= n; j++) {
    z.push([]);
    for (let i = 0; i <= n; i++) z[j].push(surface.f(x0 + ((x1 - x0) * i) / n, y0 + ((y1 - y0) * j) / n));
  }
  const flat = z.flat().filter(Number.isFinite);
  const lo = Math.min(...flat);
  const hi = Math.max(...flat);
  const positive = lo > 0 || (lo >= 0 && flat.some((v) => v > 0));
  const floor = positive ? Math.max(lo, hi * 1e-4, [...flat].sort((a, b) => a - b)[Math.floor(flat.length * 0.01)]) : lo;
  const ls: number[] = [];
  for (let k = 1; k <= levels; k++) {
    const t = k / (levels + 1);
    ls.push(positive ? floor * (hi / floor) ** t : lo + (hi - lo) * t);
  }
  const px = (i: number) => M.l + (i / n) * IW;
  const py = (j: number) => M.t + IH - (j / n) * IH;
  const out: string[] = [];
  for (const level of ls) {
    const segments: [string, string][] = [];
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const c = [z[j][i], z[j][i + 1], z[j + 1][i + 1], z[j + 1][i]];
        const cx = [i, i + 1, i + 1, i];
        const cy = [j, j, j + 1, j + 1];
        const cross: [number, number][] = [];
        for (let e = 0; e < 4; e++) {
          const a = c[e] - level;
          const b = c[(e + 1) % 4] - level;
          if ((a < 0) !== (b < 0) && Number.isFinite(a) && Number.isFinite(b)) {
            const t = a / (a - b);
            cross.push([px(cx[e] + t * (cx[(e + 1) % 4] - cx[e])), py(cy[e] + t * (cy[(e + 1) % 4] - cy[e]))]);
          }
        }
        for (let k = 0; k + 1 < cross.length; k += 2) segments.push([`${r1(cross[k][0])} ${r1(cross[k][1])}`, `${r1(cross[k + 1][0])} ${r1(cross[k + 1][1])}`]);
      }
    }
    const d = chains(segments);
    if (d) out.push(`<path class="ex-contour" d="${d}"/>`);
  }
  return out.join("");
}

/**
 * Marching squares' segments ("x y" ends, rounded) joined end to end into as few polylines as
 * possible: "M1 2L3 4M3 4L5 6" becomes "M1 2L3 4 5 6" (each point written once, not twice: the
 * contours were a tenth of a lesson's HTML).
 */
function chains(segments: [string, string][]): string {
  const at = new Map<string, number[]>();
  segments.forEach(([a, b], k) => {
    if (a === b) return;
    for (const p of [a, b]) at.set(p, [...(at.get(p) ?? []), k]);
  });
  const used = new Uint8Array(segments.length);
  const next = (p: string): string | null => {
    for (const k of at.get(p) ?? []) {
      if (used[k]) continue;
      used[k] = 1;
      return segments[k][0] === p ? segments[k][1] : segments[k][0];
    }
    return null;
  };
  let d = "";
  // Open lines first from their ends (a point on one segment only), then the closed loops.
  const order = [...segments.keys()].sort((x, y) => Number((at.get(segments[y][0])?.length ?? 0) === 1) - Number((at.get(segments[x][0])?.length ?? 0) === 1));
  for (const k of order) {
    if (used[k] || segments[k][0] === segments[k][1]) continue;
    used[k] = 1;
    const line = [segments[k][0], segments[k][1]];
    for (let p = next(line[line.length - 1]); p !== null; p = next(line[line.length - 1])) line.push(p);
    for (let p = next(line[0]); p !== null; p = next(line[0])) line.unshift(p);
    d += `M${line[0]}L${line.slice(1).join(" ")}`;
  }
  return d;
}

// ---- Panels ----------------------------------------------------------------------------------

function pathPanel(spec: ExplorableSpec, res: ExplorableResult, contour: string): string {
  const surface = getSurface(spec.surface!, spec.surfaceOptions ?? {});
  const win = spec.window ?? surface.domain;
  const x = linear(win.x[0], win.x[1], M.l, M.l + IW);
  const y = linear(win.y[0], win.y[1], M.t + IH, M.t);
  let inner = `<g class="ex-contours">${contour}</g>`;
  for (const m of surface.minima ?? []) inner += `<path class="ex-min" d="M${r1(x.map(m.x) - 4)} ${r1(y.map(m.y))}h8M${r1(x.map(m.x))} ${r1(y.map(m.y) - 4)}v8"/>`;
  // The first run (the one the sliders are about) is drawn last, on top of the references.
  [...res.runs.entries()].reverse().forEach(([i, r]) => {
    inner += polyline(r.xs, r.ys, x, y, COLORS[i % COLORS.length]);
    const k = lastDrawable(r.xs, r.ys);
    if (k >= 0) inner += `<circle class="ex-head" cx="${r1(x.map(r.xs[k]))}" cy="${r1(y.map(r.ys[k]))}" r="3.5" fill="${COLORS[i % COLORS.length]}"/>`;
  });
  const s = r1(x.map(res.runs[0]?.xs[0] ?? 0));
  inner += `<circle class="ex-start" cx="${s}" cy="${r1(y.map(res.runs[0]?.ys[0] ?? 0))}" r="3"/>`;
  return frame(x, y, "x", "y", inner, `Paths on the ${surface.title} surface`);
}

function lastDrawable(xs: number[], ys: number[]): number {
  let k = -1;
  for (let i = 0; i < xs.length; i++) {
    if (!drawable(xs[i]) || !drawable(ys[i])) break;
    k = i;
  }
  return k;
}

function curvePanel(spec: ExplorableSpec, res: ExplorableResult, what: "loss" | "lr" | "x"): string {
  const series = res.runs.map((r) => (what === "loss" ? r.loss : what === "lr" ? r.lr : r.xs));
  const all = series.flat().filter(drawable);
  const n = Math.max(...series.map((s) => s.length), 2);
  const xs = Array.from({ length: n }, (_, t) => t);
  const x = linear(0, n - 1, M.l, M.l + IW);
  let y: Scale;
  if (what === "x" && spec.kind === "reddi") y = linear(-1.05, 1.05, M.t + IH, M.t);
  else if (what === "loss" && spec.lossRange) y = (spec.lossScale ?? "log") === "log" ? logScale(spec.lossRange[0], spec.lossRange[1], M.t + IH, M.t) : linear(spec.lossRange[0], spec.lossRange[1], M.t + IH, M.t);
  else {
    const pos = all.filter((v) => v > 0);
    const useLog = what === "loss" && spec.lossScale !== "linear" && pos.length === all.length && pos.length > 0;
    if (useLog) y = logScale(Math.max(Math.min(...pos), Math.max(...pos) * 1e-16), Math.max(...pos), M.t + IH, M.t);
    else {
      let lo = all.length ? Math.min(...all) : 0;
      let hi = all.length ? Math.max(...all) : 1;
      if (what === "lr") lo = 0;
      if (lo === hi) { lo -= 1; hi += 1; }
      const pad = (hi - lo) * 0.05;
      y = linear(what === "lr" ? 0 : lo - pad, hi + pad, M.t + IH, M.t);
    }
  }
  let inner = "";
  [...series.entries()].reverse().forEach(([i, s]) => { inner += polyline(xs, s, x, y, COLORS[i % COLORS.length]); });
  const yTitle = what === "loss" ? (spec.kind === "reddi" ? "average regret" : "loss J") : what === "lr" ? "learning rate η" : "x";
  return frame(x, y, "step t", yTitle, inner, what === "loss" ? "Loss against step" : what === "lr" ? "Learning rate against step" : "x against step");
}

/** Every panel of the figure, plus the legend, as HTML. `contour` is contourSvg(spec) (made once). */
export function renderPanels(spec: ExplorableSpec, res: ExplorableResult, contour: string, uid: string): string {
  const panels = spec.panels.map((p, k) => {
    const svg = p === "path" ? pathPanel(spec, res, contour) : curvePanel(spec, res, p);
    return svg.replace(/CLIP/g, `${uid}-clip${k}`);
  });
  return panels.join("");
}

export function legendHtml(res: ExplorableResult): string {
  return res.runs.map((r, i) => `<span class="ex-key"><span class="ex-swatch" style="background:${COLORS[i % COLORS.length]}"></span>${esc(r.label)}</span>`).join("");
}

const sci = (v: number) => (v === 0 ? "0" : Math.abs(v) < 1e-3 || Math.abs(v) >= 1e4 ? v.toExponential(2) : v.toPrecision(3));

/** One line per run: where it ended (and when it reached the tolerance), in words. */
export function readoutHtml(spec: ExplorableSpec, res: ExplorableResult): string {
  return res.runs
    .map((r) => {
      const last = r.loss[r.loss.length - 1];
      let s: string;
      if (spec.kind === "reddi") s = `x after ${r.xs.length - 1} steps = ${sci(r.xs[r.xs.length - 1])}`;
      else if (r.stopped) s = `diverged (${r.stopped.replace(/\s*\(.*$/, "")})`;
      else {
        s = `J after ${r.loss.length - 1} steps = ${sci(last)}`;
        if (spec.panels.includes("path") && r.ys.length) s += ` at (${sci(r.xs[r.xs.length - 1])}, ${sci(r.ys[r.ys.length - 1])})`;
        const tol = spec.tol === undefined ? "" : spec.tolRelative ? `${sci(spec.tol)} J₀` : sci(spec.tol);
        if (tol) s += r.reached === null ? `; never below ${tol}` : `; below ${tol} at step ${r.reached}`;
      }
      return `<span class="ex-read" data-run="${esc(r.label)}" data-loss="${r.loss[r.loss.length - 1]}" data-x="${r.xs[r.xs.length - 1]}" data-y="${r.ys[r.ys.length - 1] ?? ""}" data-reached="${r.reached ?? ""}">${esc(r.label)}: ${esc(s)}</span>`;
    })
    .join("");
}
