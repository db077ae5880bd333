// A static SVG of a notebook figure, from its Plotly JSON, made at build time with Node alone (no
// browser): what a printed lesson, a reader without JavaScript, and everyone until the interactive
// figure loads, sees. It draws what the library's figures use (src/plot/): scatter traces (lines,
// markers, lines+markers; dashes; hv steps), contour traces (their level lines, by marching
// squares), linear and log axes with their ranges, equal aspect (scaleanchor), tick values and
// texts, grids, axis titles, and the horizontal legend with its title. Animations show their first
// frame (the figure's data). Not a Plotly clone: hover, zoom and sliders are the live figure's job.

const W = 560; // the drawing's width in SVG units; it scales to the column (small enough that its text stays legible on a phone)

const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const plain = (s) => String(s ?? "").replace(/<br\s*\/?>/gi, " ").replace(/<[^>]+>/g, "");
const r1 = (v) => Math.round(v * 10) / 10;
const textOf = (t) => plain(typeof t === "string" ? t : t?.text ?? "");

/** "Nice" ticks (1, 2, 5 times a power of ten) covering [a, b], about n of them. */
export function niceTicks(a, b, n = 6) {
  const span = b - a;
  if (!(span > 0)) return [a];
  const raw = span / n;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
  const out = [];
  for (let v = Math.ceil(a / step - 1e-9) * step; v <= b + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

const SUP = { "-": "⁻", 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹" };
const fmt = (v) => {
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(0).replace("e+", "e");
  return String(Number(v.toPrecision(6)));
};

/** One axis: its scale (data -> pixels) and ticks, from the layout and the data it shows. */
function axis(spec, values, lo, hi, flip) {
  const log = spec.type === "log";
  let range = Array.isArray(spec.range) ? spec.range.slice() : null;
  if (!range) {
    const vs = values.filter((v) => Number.isFinite(v) && (!log || v > 0)).map((v) => (log ? Math.log10(v) : v));
    let a = vs.length ? Math.min(...vs) : 0;
    let b = vs.length ? Math.max(...vs) : 1;
    if (spec.rangemode === "tozero" && !log) { a = Math.min(0, a); b = Math.max(0, b); }
    if (a === b) { a -= 1; b += 1; }
    const pad = (b - a) * 0.05;
    range = [spec.rangemode === "tozero" && a === 0 ? 0 : a - pad, b + pad];
  }
  const [a, b] = range;
  const map = (v) => {
    const u = log ? Math.log10(v) : v;
    const t = (u - a) / (b - a);
    return flip ? hi - t * (hi - lo) : lo + t * (hi - lo);
  };
  let ticks;
  if (Array.isArray(spec.tickvals)) {
    ticks = spec.tickvals.map((v, i) => ({ v, label: plain(spec.ticktext?.[i] ?? fmt(v)) }));
  } else if (log) {
    let decades = [];
    for (let k = Math.ceil(a - 1e-9); k <= b + 1e-9; k++) decades.push(k);
    const every = Math.max(1, Number(spec.dtick) || 1, Math.ceil(decades.length / 8));
    decades = decades.filter((k) => k % every === 0);
    ticks = decades.map((k) => ({ v: 10 ** k, label: k === 0 ? "1" : `10${String(k).split("").map((c) => SUP[c]).join("")}` }));
  } else ticks = niceTicks(a, b).map((v) => ({ v, label: fmt(v) }));
  const inside = (v) => Number.isFinite(v) && (!log || v > 0) && (log ? Math.log10(v) : v) >= Math.min(a, b) - 1e-9 && (log ? Math.log10(v) : v) <= Math.max(a, b) + 1e-9;
  return { map, ticks: ticks.filter((t) => inside(t.v)), ok: (v) => Number.isFinite(v) && (!log || v > 0), log };
}

/** Legend items laid out in rows across the width; returns the rows and the height they take. */
function legendLayout(fig, items) {
  const title = textOf(fig.layout?.legend?.title);
  const titleSize = fig.layout?.legend?.title?.font?.size ?? 16;
  const size = fig.layout?.legend?.font?.size ?? 12;
  const rows = [[]];
  let x = 0;
  for (const it of items) {
    const w = 36 + it.name.length * size * 0.56 + 14;
    if (x + w > W - 20 && rows[rows.length - 1].length) { rows.push([]); x = 0; }
    rows[rows.length - 1].push({ ...it, x });
    x += w;
  }
  const titleLines = title ? wrap(title, Math.floor((W - 20) / (titleSize * 0.55))) : [];
  const height = titleLines.length || items.length ? titleLines.length * (titleSize + 6) + (items.length ? rows.length * (size + 8) : 0) + 6 : 0;
  return { rows, titleLines, titleSize, size, height };
}

function wrap(text, width) {
  const lines = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && (line + " " + word).length > width) { lines.push(line); line = word; }
    else line = line ? line + " " + word : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Level lines of a contour trace (marching squares), as one SVG path per level. */
function contourPaths(t, X, Y) {
  const z = t.z;
  const flat = z.flat().filter(Number.isFinite);
  if (!flat.length) return "";
  const zmin = Math.min(...flat);
  const zmax = Math.max(...flat);
  const n = t.ncontours ?? 15;
  const start = t.contours?.start ?? zmin;
  const end = t.contours?.end ?? zmax;
  const size = t.contours?.size ?? (end - start) / (n + 1);
  const color = t.line?.color ?? "rgba(60,72,90,0.35)";
  const width = t.line?.width ?? 0.5;
  const out = [];
  for (let level = start + size; level < end; level += size) {
    let d = "";
    for (let j = 0; j + 1 < t.y.length; j++) {
      for (let i = 0; i + 1 < t.x.length; i++) {
        const c = [z[j][i], z[j][i + 1], z[j + 1][i + 1], z[j + 1][i]];
        if (!c.every(Number.isFinite)) continue;
        const px = [t.x[i], t.x[i + 1], t.x[i + 1], t.x[i]];
        const py = [t.y[j], t.y[j], t.y[j + 1], t.y[j + 1]];
        const pts = [];
        for (let e = 0; e < 4; e++) {
          const a = c[e] - level;
          const b = c[(e + 1) % 4] - level;
          if ((a < 0) !== (b < 0)) {
            const s = a / (a - b);
            pts.push([px[e] + s * (px[(e + 1) % 4] - px[e]), py[e] + s * (py[(e + 1) % 4] - py[e])]);
          }
        }
        for (let k = 0; k + 1 < pts.length; k += 2) d += `M${r1(X(pts[k][0]))} ${r1(Y(pts[k][1]))}L${r1(X(pts[k + 1][0]))} ${r1(Y(pts[k + 1][1]))}`;
      }
    }
    if (d) out.push(`<path d="${d}" fill="none" stroke="${esc(color)}" stroke-width="${width}"/>`);
  }
  return out.join("");
}

const DASH = { dot: "2 4", dash: "7 5", dashdot: "7 4 2 4", longdash: "12 5" };

function marker(symbol, x, y, size, fill, stroke, strokeWidth) {
  const r = size / 2;
  const paint = `fill="${esc(fill)}"${stroke ? ` stroke="${esc(stroke)}" stroke-width="${strokeWidth}"` : ""}`;
  if (symbol === "diamond") return `<path d="M${r1(x)} ${r1(y - r)}L${r1(x + r)} ${r1(y)}L${r1(x)} ${r1(y + r)}L${r1(x - r)} ${r1(y)}Z" ${paint}/>`;
  if (symbol === "star") {
    let d = "";
    for (let k = 0; k < 10; k++) {
      const rad = k % 2 ? r * 0.45 : r;
      const a = -Math.PI / 2 + (k * Math.PI) / 5;
      d += `${k ? "L" : "M"}${r1(x + rad * Math.cos(a))} ${r1(y + rad * Math.sin(a))}`;
    }
    return `<path d="${d}Z" ${paint}/>`;
  }
  if (symbol === "x-thin") return `<path d="M${r1(x - r)} ${r1(y - r)}L${r1(x + r)} ${r1(y + r)}M${r1(x - r)} ${r1(y + r)}L${r1(x + r)} ${r1(y - r)}" stroke="${esc(fill)}" stroke-width="1.5"/>`;
  return `<circle cx="${r1(x)}" cy="${r1(y)}" r="${r1(r)}" ${paint}/>`;
}

const pick = (v, i) => (Array.isArray(v) ? v[i] : v);

/** The SVG of one figure. */
export function figureSvg(fig) {
  const layout = fig.layout ?? {};
  const data = fig.data ?? [];
  const H = Number(layout.height) > 0 ? Number(layout.height) : 450;
  const font = layout.font?.family ?? "sans-serif";
  const ink = layout.font?.color ?? "#222";
  const m = { l: 60, r: 20, t: 30, b: 50, ...(layout.margin ?? {}) };
  const items = data
    .filter((t) => t.showlegend !== false && layout.showlegend !== false && t.name && t.type === "scatter")
    .map((t) => ({ name: plain(t.name), color: t.line?.color ?? pick(t.marker?.color, 0) ?? ink, dash: t.line?.dash, mode: t.mode ?? "lines", symbol: pick(t.marker?.symbol, 0) }));
  const legend = legendLayout(fig, items);
  const yLong = Math.max(0, ...(layout.yaxis?.ticktext ?? []).map((s) => plain(s).length)) * 7;
  let left = m.l + Math.max(0, yLong - 30);
  let right = W - m.r;
  let top = m.t + legend.height;
  let bottom = H - m.b;
  // Equal aspect: shrink one direction, as Plotly's constrain: "domain" does.
  const xs = data.flatMap((t) => (t.type === "contour" ? t.x : t.x ?? []));
  const ys = data.flatMap((t) => (t.type === "contour" ? t.y : t.y ?? []));
  if (layout.yaxis?.scaleanchor === "x" && Array.isArray(layout.xaxis?.range) && Array.isArray(layout.yaxis?.range)) {
    const ratio = layout.yaxis.scaleratio ?? 1;
    const ux = (right - left) / (layout.xaxis.range[1] - layout.xaxis.range[0]);
    const uy = (bottom - top) / ((layout.yaxis.range[1] - layout.yaxis.range[0]) * ratio);
    if (ux > uy) {
      const w = uy * (layout.xaxis.range[1] - layout.xaxis.range[0]);
      left += (right - left - w) / 2;
      right = left + w;
    } else {
      const h = ux * (layout.yaxis.range[1] - layout.yaxis.range[0]) * ratio;
      bottom = top + h; // constraintoward: top
    }
  }
  const xa = axis(layout.xaxis ?? {}, xs, left, right, false);
  const ya = axis(layout.yaxis ?? {}, ys, top, bottom, true);
  const parts = [];
  parts.push(`<rect width="${W}" height="${H}" fill="${esc(layout.paper_bgcolor ?? "#fff")}"/>`);
  // Legend title and items.
  let ly = m.t * 0.4;
  for (const line of legend.titleLines) {
    ly += legend.titleSize + 2;
    parts.push(`<text x="10" y="${r1(ly)}" font-size="${legend.titleSize}">${esc(line)}</text>`);
    ly += 4;
  }
  for (const row of legend.rows) {
    if (!row.length) continue;
    ly += legend.size + 8;
    for (const it of row) {
      const x = 10 + it.x;
      if (it.mode.includes("lines")) parts.push(`<line x1="${r1(x)}" y1="${r1(ly - 4)}" x2="${r1(x + 30)}" y2="${r1(ly - 4)}" stroke="${esc(it.color)}" stroke-width="2.5"${DASH[it.dash] ? ` stroke-dasharray="${DASH[it.dash]}"` : ""}/>`);
      if (it.mode.includes("markers")) parts.push(marker(it.symbol, x + 15, ly - 4, 9, it.color));
      parts.push(`<text x="${r1(x + 36)}" y="${r1(ly)}" font-size="${legend.size}">${esc(it.name)}</text>`);
    }
  }
  // Grid, then data clipped to the plot area, then axes on top.
  const grid = [];
  if (layout.xaxis?.showgrid !== false && layout.xaxis?.gridcolor) for (const t of xa.ticks) grid.push(`M${r1(xa.map(t.v))} ${r1(top)}V${r1(bottom)}`);
  if (layout.yaxis?.showgrid !== false && layout.yaxis?.gridcolor) for (const t of ya.ticks) grid.push(`M${r1(left)} ${r1(ya.map(t.v))}H${r1(right)}`);
  if (grid.length) parts.push(`<path d="${grid.join("")}" stroke="${esc(layout.xaxis?.gridcolor ?? "#e6e6e6")}" stroke-width="1"/>`);
  const plot = [];
  for (const t of data) {
    if (t.type === "contour" && Array.isArray(t.z)) plot.push(contourPaths(t, xa.map, ya.map));
    if (t.type !== "scatter" || !Array.isArray(t.x) || !Array.isArray(t.y)) continue;
    const mode = t.mode ?? "lines";
    if (mode.includes("lines")) {
      let d = "";
      let pen = false;
      for (let i = 0; i < t.x.length; i++) {
        if (!xa.ok(t.x[i]) || !ya.ok(t.y[i])) { pen = false; continue; }
        const X = r1(xa.map(t.x[i]));
        const Y = r1(ya.map(t.y[i]));
        if (pen && t.line?.shape === "hv") d += `H${X}V${Y}`;
        else d += `${pen ? "L" : "M"}${X} ${Y}`;
        pen = true;
        }
      const dash = DASH[t.line?.dash];
      if (d) plot.push(`<path d="${d}" fill="none" stroke="${esc(t.line?.color ?? ink)}" stroke-width="${t.line?.width ?? 2}" stroke-linejoin="round"${dash ? ` stroke-dasharray="${dash}"` : ""}/>`);
    }
    if (mode.includes("markers")) {
      const mk = t.marker ?? {};
      for (let i = 0; i < t.x.length; i++) {
        if (!xa.ok(t.x[i]) || !ya.ok(t.y[i])) continue;
        const lineColor = pick(mk.line?.color, i);
        plot.push(marker(pick(mk.symbol, i), xa.map(t.x[i]), ya.map(t.y[i]), pick(mk.size, i) ?? 6, pick(mk.color, i) ?? t.line?.color ?? ink, lineColor, pick(mk.line?.width, i) ?? 1));
      }
    }
  }
  parts.push(`<clipPath id="c"><rect x="${r1(left)}" y="${r1(top)}" width="${r1(right - left)}" height="${r1(bottom - top)}"/></clipPath><g clip-path="url(#c)">${plot.join("")}</g>`);
  // Axes: lines, ticks, labels, titles.
  const axisInk = layout.xaxis?.linecolor ?? "#888";
  const frame = layout.xaxis?.mirror ? `M${r1(left)} ${r1(top)}H${r1(right)}V${r1(bottom)}H${r1(left)}Z` : `M${r1(left)} ${r1(top)}V${r1(bottom)}H${r1(right)}`;
  parts.push(`<path d="${frame}" fill="none" stroke="${esc(axisInk)}"/>`);
  for (const t of xa.ticks) {
    const x = r1(xa.map(t.v));
    parts.push(`<path d="M${x} ${r1(bottom)}v5" stroke="${esc(axisInk)}"/><text x="${x}" y="${r1(bottom + 20)}" font-size="12" text-anchor="middle">${esc(t.label)}</text>`);
  }
  for (const t of ya.ticks) {
    const y = r1(ya.map(t.v));
    parts.push(`<path d="M${r1(left)} ${y}h-5" stroke="${esc(axisInk)}"/><text x="${r1(left - 8)}" y="${r1(y + 4)}" font-size="12" text-anchor="end">${esc(t.label)}</text>`);
  }
  const xt = textOf(layout.xaxis?.title);
  const yt = textOf(layout.yaxis?.title);
  if (xt) parts.push(`<text x="${r1((left + right) / 2)}" y="${r1(Math.min(H - 6, bottom + 42))}" font-size="14" text-anchor="middle">${esc(xt)}</text>`);
  if (yt) parts.push(`<text transform="translate(${r1(Math.max(14, left - 46 - Math.max(0, yLong - 30)))} ${r1((top + bottom) / 2)}) rotate(-90)" font-size="14" text-anchor="middle">${esc(yt)}</text>`);
  const title = textOf(layout.legend?.title) || textOf(layout.title) || "Figure";
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(title)}" font-family="${esc(font)}" fill="${esc(ink)}">` +
    `<title>${esc(title)} (static rendering)</title>${parts.join("")}</svg>`
  );
}
