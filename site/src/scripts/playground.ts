// The playground's behaviour. Every number comes from the library (src/): surfaces, optimizers,
// minimize (which stops a diverging run and says why) and the Plotly figure builders; this file
// only wires controls, URL state and the animation.
import {
  colorFor,
  createOptimizer,
  getSurface,
  isOptimizerName,
  lossCurvesFigure,
  minimize,
  optimizerInfo,
  OPTIMIZER_NAMES,
  SURFACE_NAMES,
  surfaceContourFigure,
  type MinimizeResult,
  type OptimizerName,
  type OptimizerOptions,
  type Surface2D,
} from "../../../src/index";
import { loadPlotly, PLOT_CONFIG } from "./plotly-loader";
import { caretFor } from "./playground-caret";
import { parseState, stateToHash, type PlaygroundState } from "./playground-state";

/** Learning rates that show each method at work in a few hundred steps (a starting point only). */
const DEMO_LR: Record<OptimizerName, number> = {
  sgd: 0.001, momentum: 0.001, nesterov: 0.001, adagrad: 0.5, adadelta: 1, rmsprop: 0.01,
  adam: 0.05, adamax: 0.05, nadam: 0.05, amsgrad: 0.05, adamw: 0.05,
};
/** The second hyperparameter a slider sets, in order of preference, with its range. */
const SECOND: { key: "momentum" | "betas" | "alpha" | "rho"; label: string; min: number; max: number }[] = [
  { key: "momentum", label: "momentum γ", min: 0, max: 0.99 },
  { key: "betas", label: "β₁", min: 0, max: 0.99 },
  { key: "alpha", label: "decay γ (alpha)", min: 0.5, max: 0.999 },
  { key: "rho", label: "decay ρ", min: 0.5, max: 0.999 },
];

interface Run {
  name: OptimizerName;
  result: MinimizeResult | null;
  error: string | null;
}

const $ = <T extends HTMLElement>(root: HTMLElement, id: string) => root.querySelector<T>(`#${id}`)!;

function secondOf(name: OptimizerName, state: PlaygroundState) {
  const info = optimizerInfo(name, state.convention);
  const spec = SECOND.find((s) => info.accepts.includes(s.key) && s.key !== "momentum") ?? SECOND.find((s) => info.accepts.includes(s.key));
  if (!spec) return null;
  const d = info.defaults[spec.key];
  const dflt = Array.isArray(d) ? Number(d[0]) : Number(d ?? 0);
  return { ...spec, default: dflt, beta2: Array.isArray(d) ? Number(d[1]) : 0.999 };
}

function optionsFor(name: OptimizerName, state: PlaygroundState): OptimizerOptions {
  const info = optimizerInfo(name, state.convention);
  const o: OptimizerOptions = { convention: state.convention };
  if (info.accepts.includes("lr")) o.lr = state.lr[name] ?? DEMO_LR[name];
  const sec = secondOf(name, state);
  if (sec && state.p2[name] !== undefined) {
    const v = state.p2[name]!;
    if (sec.key === "betas") o.betas = [v, sec.beta2];
    else o[sec.key] = v;
  }
  if (name === "momentum" || name === "nesterov") o.momentum ??= 0.9;
  return o;
}

export function startPlayground(root: HTMLElement): void {
  let state = parseState(location.hash, isOptimizerName);
  const surfaceSel = $<HTMLSelectElement>(root, "pg-surface");
  const formulaBox = $<HTMLElement>(root, "pg-formula-box");
  const formulaIn = $<HTMLInputElement>(root, "pg-formula");
  const formulaErr = $<HTMLElement>(root, "pg-formula-error");
  const convSel = $<HTMLSelectElement>(root, "pg-convention");
  const stepsIn = $<HTMLInputElement>(root, "pg-steps");
  const stepsOut = $<HTMLOutputElement>(root, "pg-steps-out");
  const optList = $<HTMLElement>(root, "pg-opt-list");
  const hyper = $<HTMLElement>(root, "pg-hyper");
  const contourEl = $<HTMLElement>(root, "pg-contour");
  const lossEl = $<HTMLElement>(root, "pg-loss");
  const statusEl = $<HTMLElement>(root, "pg-status");
  const startEl = $<HTMLElement>(root, "pg-start");

  for (const name of [...SURFACE_NAMES, "formula"]) {
    const o = document.createElement("option");
    o.value = name;
    o.textContent = name === "formula" ? "your formula…" : getSurface(name).title;
    surfaceSel.append(o);
  }
  for (const name of OPTIMIZER_NAMES) {
    const label = document.createElement("label");
    label.innerHTML = `<input type="checkbox" value="${name}"><span class="pg-swatch" style="background:${colorFor(name)}"></span> ${name}`;
    optList.append(label);
  }

  let surface: Surface2D | null = null;
  let runs: Run[] = [];
  let animation = 0;

  const save = () => {
    const hash = stateToHash(state);
    if (location.hash !== hash) history.replaceState(null, "", hash);
  };

  const syncControls = () => {
    surfaceSel.value = state.surface;
    formulaBox.hidden = state.surface !== "formula";
    formulaIn.value = state.formula;
    convSel.value = state.convention;
    stepsIn.value = String(state.steps);
    stepsOut.textContent = String(state.steps);
    for (const box of Array.from(optList.querySelectorAll<HTMLInputElement>("input"))) box.checked = state.optimizers.includes(box.value as OptimizerName);
    hyper.textContent = "";
    for (const name of state.optimizers) {
      const info = optimizerInfo(name, state.convention);
      const g = document.createElement("div");
      g.className = "pg-hyper-group";
      g.style.setProperty("--c", colorFor(name));
      g.innerHTML = `<p class="pg-hyper-name">${name}</p>`;
      if (info.accepts.includes("lr")) {
        const lr = state.lr[name] ?? DEMO_LR[name];
        g.insertAdjacentHTML("beforeend", `<label>learning rate η = <output>${lr}</output><input type="range" data-opt="${name}" data-kind="lr" min="-5" max="1" step="0.05" value="${Math.log10(lr)}" aria-label="${name} learning rate (log10)"></label>`);
      } else {
        g.insertAdjacentHTML("beforeend", `<p class="descent-note">${info.refuses.lr ?? "no learning rate"}</p>`);
      }
      const sec = secondOf(name, state);
      if (sec) {
        const v = state.p2[name] ?? sec.default;
        g.insertAdjacentHTML("beforeend", `<label>${sec.label} = <output>${v}</output><input type="range" data-opt="${name}" data-kind="p" min="${sec.min}" max="${sec.max}" step="0.001" value="${v}" aria-label="${name} ${sec.label}"></label>`);
      }
      hyper.append(g);
    }
    startEl.textContent = surface ? `Start: (${(state.start ?? surface.start).map((v) => v.toFixed(3)).join(", ")})` : "";
  };

  const buildSurface = async (): Promise<Surface2D | null> => {
    formulaErr.hidden = true;
    if (state.surface !== "formula") {
      try {
        return getSurface(state.surface);
      } catch {
        state.surface = "rosenbrock";
        return getSurface("rosenbrock");
      }
    }
    // mathjs (the formula parser) is loaded only when a formula is used.
    const { surfaceFromExpression } = await import("../../../src/problems/expression");
    try {
      const opts = state.start ? { start: state.start } : {};
      return surfaceFromExpression(state.formula, opts);
    } catch (e) {
      formulaErr.textContent = caretFor(state.formula, e instanceof Error ? e.message : String(e));
      formulaErr.hidden = false;
      return null;
    }
  };

  const compute = () => {
    if (!surface) return;
    const x0 = state.start ?? surface.start;
    runs = state.optimizers.map((name) => {
      try {
        const opt = createOptimizer(name, optionsFor(name, state));
        return { name, result: minimize(surface!, x0, opt, { steps: state.steps }), error: null };
      } catch (e) {
        return { name, result: null, error: e instanceof Error ? e.message : String(e) };
      }
    });
    statusEl.textContent = "";
    for (const r of runs) {
      const li = document.createElement("li");
      if (r.error) {
        li.className = "diverged";
        li.textContent = `${r.name}: ${r.error}`;
      } else if (r.result!.stopped) {
        li.className = "diverged";
        li.textContent = `${r.name} diverged: ${r.result!.stopped.reason}.`;
      } else {
        const loss = r.result!.loss;
        li.textContent = `${r.name}: loss ${loss[loss.length - 1].toPrecision(4)} after ${loss.length - 1} steps, at (${Array.from(r.result!.final, (v) => v.toFixed(4)).join(", ")}).`;
      }
      statusEl.append(li);
    }
  };

  const draw = async (animate = true) => {
    cancelAnimationFrame(animation);
    const P = await loadPlotly();
    if (!surface) {
      root.dataset.state = "error";
      return;
    }
    const ok = runs.filter((r) => r.result);
    const trajectories = ok.map((r) => ({ name: r.name, points: r.result!.trajectory }));
    const fig = surfaceContourFigure({ surface, trajectories, resolution: 80 });
    const positive = ok.every((r) => r.result!.loss.every((v) => v > 0));
    const lossFig = lossCurvesFigure(ok.map((r) => ({ name: r.name, values: r.result!.loss })), { logY: positive, title: "Loss against step" });
    // The placeholder text goes once; after that Plotly owns these elements (react updates them).
    for (const el of [contourEl, lossEl]) {
      if (el.dataset.drawn !== "yes") el.textContent = "";
      el.dataset.drawn = "yes";
    }
    // The library decides the figure's height (a square plot under a legend that may wrap).
    contourEl.style.height = `${Number(fig.layout.height) > 0 ? Number(fig.layout.height) : 580}px`;
    await P.react(contourEl, fig.data as unknown[], { ...fig.layout, autosize: true }, PLOT_CONFIG);
    await P.react(lossEl, lossFig.data as unknown[], { ...lossFig.layout, autosize: true, height: 300 }, PLOT_CONFIG);
    // Animate: reveal every path and loss curve step by step.
    const k = ok.length;
    const paths = ok.map((_, i) => 1 + i);
    const ends = ok.map((_, i) => fig.data.length - k + i);
    const xs = ok.map((r) => r.result!.trajectory.map((p) => p[0]));
    const ys = ok.map((r) => r.result!.trajectory.map((p) => p[1]));
    const losses = ok.map((r) => r.result!.loss);
    const longest = Math.max(1, ...xs.map((x) => x.length));
    const duration = Math.min(4000, 25 * longest);
    const t0 = performance.now();
    root.dataset.state = "animating";
    root.dataset.frame = "0";
    const frame = async () => {
      const s = Math.min(longest - 1, Math.floor(((performance.now() - t0) / duration) * (longest - 1)));
      const upto = (a: number[]) => a.slice(0, Math.min(s, a.length - 1) + 1);
      await P.restyle(contourEl, { x: xs.map(upto), y: ys.map(upto) }, paths);
      await P.restyle(contourEl, { x: xs.map((x) => [x[0], x[Math.min(s, x.length - 1)]]), y: ys.map((y) => [y[0], y[Math.min(s, y.length - 1)]]) }, ends);
      await P.restyle(lossEl, { x: losses.map((l) => upto(l.map((_, i) => i))), y: losses.map(upto) }, ok.map((_, i) => i));
      root.dataset.frame = String(s);
      if (s < longest - 1) animation = requestAnimationFrame(() => void frame());
      else root.dataset.state = "done";
    };
    // The first view shows the finished paths at once (no animation work while the page loads);
    // every change, a click on the plot and Replay animate.
    if (k && animate) animation = requestAnimationFrame(() => void frame());
    else root.dataset.state = "done";
  };

  const update = async (opts: { surfaceChanged?: boolean; animate?: boolean } = {}) => {
    if (opts.surfaceChanged || !surface || state.surface === "formula") surface = await buildSurface();
    save();
    syncControls();
    compute();
    await draw(opts.animate ?? true);
  };

  surfaceSel.addEventListener("change", () => {
    state.surface = surfaceSel.value;
    state.start = null;
    void update({ surfaceChanged: true });
  });
  let typing = 0;
  formulaIn.addEventListener("input", () => {
    clearTimeout(typing);
    typing = window.setTimeout(() => {
      state.formula = formulaIn.value;
      state.start = null;
      void update({ surfaceChanged: true });
    }, 400);
  });
  convSel.addEventListener("change", () => {
    state.convention = convSel.value === "pytorch" ? "pytorch" : "seed";
    state.lr = {};
    state.p2 = {};
    void update();
  });
  stepsIn.addEventListener("input", () => (stepsOut.textContent = stepsIn.value));
  stepsIn.addEventListener("change", () => {
    state.steps = Number(stepsIn.value);
    void update();
  });
  optList.addEventListener("change", () => {
    state.optimizers = Array.from(optList.querySelectorAll<HTMLInputElement>("input:checked"), (b) => b.value).filter(isOptimizerName);
    void update();
  });
  hyper.addEventListener("input", (e) => {
    const t = e.target as HTMLInputElement;
    const out = t.parentElement?.querySelector("output");
    const v = t.dataset.kind === "lr" ? 10 ** Number(t.value) : Number(t.value);
    if (out) out.textContent = String(Number(v.toPrecision(3)));
  });
  hyper.addEventListener("change", (e) => {
    const t = e.target as HTMLInputElement;
    const name = t.dataset.opt;
    if (!name || !isOptimizerName(name)) return;
    if (t.dataset.kind === "lr") state.lr[name] = Number((10 ** Number(t.value)).toPrecision(3));
    else state.p2[name] = Number(t.value);
    void update();
  });
  $<HTMLButtonElement>(root, "pg-run").addEventListener("click", () => void draw(true));
  $<HTMLButtonElement>(root, "pg-share").addEventListener("click", async (e) => {
    const btn = e.currentTarget as HTMLButtonElement;
    try {
      await navigator.clipboard.writeText(location.href);
      btn.textContent = "Link copied";
    } catch {
      btn.textContent = "Copy the address bar";
    }
  });
  window.addEventListener("hashchange", () => {
    if (location.hash === stateToHash(state)) return;
    state = parseState(location.hash, isOptimizerName);
    void update({ surfaceChanged: true });
  });

  void update({ surfaceChanged: true, animate: false }).then(async () => {
    const P = await loadPlotly();
    (contourEl as HTMLElement & { on(ev: string, f: (d: { points: { x: number; y: number }[] }) => void): void }).on("plotly_click", (d) => {
      const p = d.points[0];
      if (!p || !Number.isFinite(p.x) || !Number.isFinite(p.y)) return;
      state.start = [Number(p.x.toPrecision(4)), Number(p.y.toPrecision(4))];
      void update({ surfaceChanged: state.surface === "formula" });
    });
    void P;
  });
}
