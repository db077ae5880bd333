// The playground's page half: controls, URL state, drawing and the animation. Every number comes
// from the library (src/), computed in a Web Worker (playground-worker.ts through
// playground-compute.ts): the page never evaluates f, so a slow formula cannot freeze it.
// Controls are built once and updated in place (a slider keeps keyboard focus while it moves);
// only the set of hyperparameter groups is rebuilt when the ticked optimizers change.
import { colorFor, isOptimizerName, optimizerInfo, OPTIMIZER_NAMES, SURFACE_NAMES, getSurface, type Convention, type OptimizerName, type OptimizerOptions } from "../../../src/index";
import { loadPlotly, PLOT_CONFIG } from "./plotly-loader";
import { caretFor } from "./playground-caret";
import { PlaygroundCompute } from "./playground-compute";
import { PathOverlay } from "./playground-overlay";
import type { ResultMessage } from "./playground-protocol";
import { MAX_STEPS, MIN_STEPS, parseState, stateToHash, STEP_STEP, type PlaygroundState } from "./playground-state";

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
/** The whole animation lasts at most this long, whatever the number of steps. */
const ANIMATION_MS = 4000;
const COPIED_MS = 2500;

const $ = <T extends HTMLElement>(root: HTMLElement, id: string) => root.querySelector<T>(`#${id}`)!;
const short = (v: number) => String(Number(v.toPrecision(4)));

function secondOf(name: OptimizerName, convention: Convention) {
  const info = optimizerInfo(name, convention);
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
  const sec = secondOf(name, state.convention);
  if (sec && state.p2[name] !== undefined) {
    const v = state.p2[name]!;
    if (sec.key === "betas") o.betas = [v, sec.beta2];
    else o[sec.key] = v;
  }
  if (name === "momentum" || name === "nesterov") o.momentum ??= 0.9;
  return o;
}

type PlotEl = HTMLElement & { data?: { name?: string; x: unknown[] }[]; on?(ev: string, f: (d: { points: { x: number; y: number }[] }) => void): void };

export function startPlayground(root: HTMLElement): void {
  let state = parseState(location.hash, isOptimizerName);
  const surfaceSel = $<HTMLSelectElement>(root, "pg-surface");
  const formulaBox = $<HTMLElement>(root, "pg-formula-box");
  const formulaIn = $<HTMLInputElement>(root, "pg-formula");
  const formulaErr = $<HTMLElement>(root, "pg-formula-error");
  const convSel = $<HTMLSelectElement>(root, "pg-convention");
  const convNote = $<HTMLElement>(root, "pg-convention-note");
  const stepsIn = $<HTMLInputElement>(root, "pg-steps");
  const stepsOut = $<HTMLOutputElement>(root, "pg-steps-out");
  const optList = $<HTMLElement>(root, "pg-opt-list");
  const hyper = $<HTMLElement>(root, "pg-hyper");
  const hyperCount = $<HTMLElement>(root, "pg-hyper-count");
  const contourEl = $<PlotEl>(root, "pg-contour");
  const lossEl = $<PlotEl>(root, "pg-loss");
  const statusEl = $<HTMLElement>(root, "pg-status");
  const noteEl = $<HTMLElement>(root, "pg-note");
  const progressBox = $<HTMLElement>(root, "pg-progress");
  const progressBar = progressBox.querySelector("progress")!;
  const progressText = progressBox.querySelector("span")!;
  const startX = $<HTMLInputElement>(root, "pg-x0");
  const startY = $<HTMLInputElement>(root, "pg-y0");
  const startReset = $<HTMLButtonElement>(root, "pg-x0-reset");
  const startEl = $<HTMLElement>(root, "pg-start");
  const runBtn = $<HTMLButtonElement>(root, "pg-run");
  const stopBtn = $<HTMLButtonElement>(root, "pg-stop");
  const shareBtn = $<HTMLButtonElement>(root, "pg-share");

  stepsIn.min = String(MIN_STEPS);
  stepsIn.max = String(MAX_STEPS);
  stepsIn.step = String(STEP_STEP);
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

  const compute = new PlaygroundCompute();
  let result: ResultMessage | null = null;
  let animation = 0;
  let animating = false;
  // Tuned rates of the convention not shown, so that switching back restores them.
  const tuned: Record<Convention, { lr: PlaygroundState["lr"]; p2: PlaygroundState["p2"] }> = { seed: { lr: {}, p2: {} }, pytorch: { lr: {}, p2: {} } };

  const save = () => {
    const hash = stateToHash(state);
    if (location.hash !== hash) history.replaceState(null, "", hash);
  };
  const setBusy = () => {
    stopBtn.disabled = !(compute.running || animating);
    runBtn.disabled = compute.running || !result || result.runs.every((r) => r.xs.length === 0);
  };

  // ------------------------------------------------------------------ controls, in place
  let panelKey = "";
  const buildHyperPanel = () => {
    const key = `${state.convention}:${state.optimizers.join(",")}`;
    if (key === panelKey) return;
    panelKey = key;
    hyper.textContent = "";
    hyperCount.textContent = state.optimizers.length ? `(${state.optimizers.length})` : "";
    if (state.optimizers.length === 0) {
      hyper.innerHTML = `<p class="pg-empty">No optimizer is ticked: tick one or more above to race them on this surface.</p>`;
      return;
    }
    for (const name of state.optimizers) {
      const info = optimizerInfo(name, state.convention);
      const g = document.createElement("div");
      g.className = "pg-hyper-group";
      g.style.setProperty("--c", colorFor(name));
      g.innerHTML = `<p class="pg-hyper-name">${name}</p>`;
      if (info.accepts.includes("lr")) {
        g.insertAdjacentHTML("beforeend", `<label>η = <output></output><input type="range" data-opt="${name}" data-kind="lr" min="-5" max="1" step="0.05" aria-label="${name} learning rate (log10)"></label>`);
      } else {
        g.insertAdjacentHTML("beforeend", `<p class="descent-note">${info.refuses.lr ?? "no learning rate"}</p>`);
      }
      const sec = secondOf(name, state.convention);
      if (sec) {
        g.insertAdjacentHTML("beforeend", `<label>${sec.label} = <output></output><input type="range" data-opt="${name}" data-kind="p" min="${sec.min}" max="${sec.max}" step="0.001" aria-label="${name} ${sec.label}"></label>`);
      }
      hyper.append(g);
    }
  };

  /** Sets every control from the state; a control that has focus is not rewritten. */
  const syncControls = () => {
    const active = document.activeElement;
    surfaceSel.value = state.surface;
    formulaBox.hidden = state.surface !== "formula";
    if (active !== formulaIn) formulaIn.value = state.formula;
    convSel.value = state.convention;
    if (active !== stepsIn) stepsIn.value = String(state.steps);
    stepsOut.textContent = String(state.steps);
    for (const box of Array.from(optList.querySelectorAll<HTMLInputElement>("input"))) box.checked = state.optimizers.includes(box.value as OptimizerName);
    buildHyperPanel();
    for (const input of Array.from(hyper.querySelectorAll<HTMLInputElement>("input[type=range]"))) {
      const name = input.dataset.opt as OptimizerName;
      const out = input.parentElement!.querySelector("output")!;
      const v = input.dataset.kind === "lr" ? (state.lr[name] ?? DEMO_LR[name]) : (state.p2[name] ?? secondOf(name, state.convention)!.default);
      out.textContent = String(v);
      if (input !== active) input.value = String(input.dataset.kind === "lr" ? Math.log10(v) : v);
    }
    const start = state.start ?? result?.start ?? null;
    if (active !== startX) startX.value = start ? short(start[0]) : "";
    if (active !== startY) startY.value = start ? short(start[1]) : "";
    startReset.disabled = state.start === null;
    startEl.textContent = start ? `Start: (${start.map((v) => v.toFixed(3)).join(", ")}).` : "";
  };

  // ------------------------------------------------------------------ drawing
  // The first view needs no Plotly: the worker's figures are drawn as static SVG (site/lib/
  // figure-svg.mjs, the lessons' print figures) as soon as they are computed. Plotly (1.3 MB, one
  // ~1 s task on a phone) loads on the reader's first move in the playground (pointer, touch,
  // focus, key, a changed setting or link), or 3 s after the first view once the tab is idle, and
  // then replaces the SVG with the interactive figure. A phone user sees the result at once and
  // the page answers input while Plotly loads.
  let wantPlotly: () => void = () => {};
  const plotlyWanted = new Promise<void>((ok) => (wantPlotly = ok));
  let plotlyReady = false;
  const plotly = () => plotlyWanted.then(loadPlotly).then((P) => ((plotlyReady = true), P));
  for (const ev of ["pointerover", "pointerdown", "touchstart", "focusin", "keydown"]) root.addEventListener(ev, () => wantPlotly(), { once: true, passive: true });
  const idle = (f: () => void) => ("requestIdleCallback" in window ? window.requestIdleCallback(f, { timeout: 2000 }) : window.setTimeout(f, 0));
  const drawStatic = (el: HTMLElement, svgText: string, height: number, fitWidth: boolean) => {
    if (plotlyReady) return;
    el.innerHTML = svgText;
    // The drawing is 560 units wide (figure-svg.mjs) and scales evenly: in a narrow box the
    // equal-aspect contour takes only the height its width allows, as the Plotly figure does (the
    // loss plot keeps its height, as Plotly's does).
    const h = fitWidth && el.clientWidth > 0 ? Math.min(height, Math.round((el.clientWidth * height) / 560)) : height;
    el.querySelector("svg")?.setAttribute("style", "width:100%;height:100%");
    el.style.height = `${h}px`;
    el.dataset.drawn = "static";
  };

  const showProgress = (fraction: number | null, text: string) => {
    progressBox.hidden = false;
    if (fraction === null) progressBar.removeAttribute("value");
    else progressBar.value = fraction;
    progressText.textContent = text;
  };
  const hideProgress = () => {
    progressBox.hidden = true;
  };

  const clearPlots = async (message: string) => {
    const P = plotlyReady ? await loadPlotly() : null;
    for (const el of [contourEl, lossEl]) {
      P?.purge(el);
      el.dataset.drawn = "no";
      delete el.dataset.clicks;
      el.textContent = el === contourEl ? message : "";
    }
  };


  const drawnRuns = () => (result ? result.runs.filter((r) => r.xs.length > 0) : []);
  /** Indices of the animated traces: in the contour, the paths (after the contour) and the end markers (last); in the loss plot, all. */
  const animatedTraces = (nContour: number, k: number) => ({
    contour: [...Array.from({ length: k }, (_, i) => 1 + i), ...Array.from({ length: k }, (_, i) => nContour - k + i)],
    loss: Array.from({ length: k }, (_, i) => i),
  });
  let overlays: PathOverlay[] = [];

  /** Shows (or hides, during an animation) the real traces the overlay stands in for. One Plotly style update per plot. */
  const showTraces = async (visible: boolean) => {
    const P = await plotly();
    const k = drawnRuns().length;
    if (k === 0 || !contourEl.data) return;
    const t = animatedTraces(contourEl.data.length, k);
    await Promise.all([
      drawTimed(contourEl, () => P.restyle(contourEl, { opacity: visible ? 1 : 0 }, t.contour)),
      drawTimed(lossEl, () => P.restyle(lossEl, { opacity: visible ? 1 : 0 }, t.loss)),
    ]);
  };

  const stopAnimation = (finished = false) => {
    cancelAnimationFrame(animation);
    animation = 0;
    for (const o of overlays) o.remove();
    overlays = [];
    if (animating) {
      animating = false;
      void showTraces(true).then(() => {
        if (!animating && !compute.running) root.dataset.state = finished ? "done" : "stopped";
      });
    }
    setBusy();
  };

  /** Races the paths and loss curves step by step on overlays: one cheap update per frame, no Plotly redraw. */
  const animate = async (tracesHidden = false) => {
    stopAnimation();
    const ok = drawnRuns();
    if (ok.length === 0) return;
    animating = true;
    root.dataset.state = "animating";
    root.dataset.frame = "0";
    setBusy();
    if (!tracesHidden) await showTraces(false);
    if (!animating) return;
    const colors = ok.map((r) => colorFor(r.name));
    const pathOverlay = new PathOverlay(contourEl, colors);
    const lossOverlay = new PathOverlay(lossEl, colors);
    overlays = [pathOverlay, lossOverlay];
    const lossSeries = ok.map((r) => ({ xs: r.loss.map((_, i) => i), ys: r.loss }));
    const longest = Math.max(...ok.map((r) => r.xs.length));
    const duration = Math.min(ANIMATION_MS, 25 * longest);
    const t0 = performance.now();
    const frame = () => {
      if (!animating) return;
      const s = Math.min(longest - 1, Math.floor(((performance.now() - t0) / duration) * (longest - 1)));
      pathOverlay.draw(ok, s);
      lossOverlay.draw(lossSeries, s);
      root.dataset.frame = String(s);
      if (s < longest - 1) animation = requestAnimationFrame(frame);
      else stopAnimation(true);
    };
    animation = requestAnimationFrame(frame);
  };

  /**
   * A Plotly draw, measured: the first one in an element pays Plotly's one-time set-up (a few
   * hundred ms on the main thread, whatever the figure); the measures let the browser tests and
   * the README tell that apart from the playground's own work.
   */
  const drawTimed = async (el: HTMLElement, draw: () => Promise<unknown>) => {
    const first = el.dataset.everDrawn !== "yes";
    const t0 = performance.now();
    await draw();
    el.dataset.everDrawn = "yes";
    performance.measure(first ? `playground:first-draw:${el.id}` : `playground:draw:${el.id}`, { start: t0, end: performance.now() });
  };

  const drawContour = async (fig: ResultMessage["contour"]) => {
    const P = await plotly();
    if (contourEl.dataset.drawn !== "yes") contourEl.textContent = "";
    contourEl.dataset.drawn = "yes";
    // The library decides the figure's height (a square plot under a legend that may wrap).
    contourEl.style.height = `${Number(fig.layout.height) > 0 ? Number(fig.layout.height) : 580}px`;
    await drawTimed(contourEl, () => P.react(contourEl, fig.data as unknown[], { ...fig.layout, autosize: true }, PLOT_CONFIG));
    // That height fits the widest figure; in a narrow box (a phone) the equal-aspect plot is
    // shorter than the room left for it, which would leave an empty band under it: give the
    // figure only the height its plot takes (Plotly measured it).
    const size = (contourEl as HTMLElement & { _fullLayout?: { _size?: { h: number }; yaxis?: { _length?: number } } })._fullLayout;
    const slack = (size?._size?.h ?? 0) - (size?.yaxis?._length ?? Infinity);
    if (slack > 24) {
      const height = Math.round(parseFloat(contourEl.style.height) - slack + 8);
      contourEl.style.height = `${height}px`;
      await drawTimed(contourEl, () => P.relayout(contourEl, { height }));
    }
    // Plotly gives the element its event API on the first plot (and purge removes the handlers).
    if (contourEl.dataset.clicks !== "wired" && contourEl.on) {
      contourEl.dataset.clicks = "wired";
      contourEl.on("plotly_click", (d) => {
        const p = d.points[0];
        if (!p || !Number.isFinite(p.x) || !Number.isFinite(p.y)) return;
        state.start = [Number(p.x.toPrecision(4)), Number(p.y.toPrecision(4))];
        recompute();
      });
    }
  };

  const report = (r: ResultMessage) => {
    statusEl.textContent = "";
    for (const run of r.runs) {
      const li = document.createElement("li");
      if (run.error) {
        li.className = "diverged";
        li.textContent = `${run.name}: ${run.error}`;
      } else if (run.stopped) {
        li.className = "diverged";
        li.textContent = `${run.name} diverged: ${run.stopped}.`;
      } else {
        li.textContent = `${run.name}: loss ${run.loss[run.loss.length - 1].toPrecision(4)} after ${run.loss.length - 1} steps, at (${run.final!.map((v) => v.toFixed(4)).join(", ")}).`;
      }
      statusEl.append(li);
    }
    if (r.runs.length === 0 && state.optimizers.length === 0) {
      const li = document.createElement("li");
      li.textContent = "No optimizer is ticked: the surface alone is shown. Tick one or more optimizers to race them.";
      statusEl.append(li);
    }
    const notes = [r.startNote, r.slowNote, r.resolution < 80 ? `Contour drawn on a ${r.resolution} x ${r.resolution} grid (the formula is slow to evaluate).` : null].filter(Boolean);
    noteEl.textContent = notes.join(" ");
    noteEl.hidden = notes.length === 0;
  };

  // ------------------------------------------------------------------ computing
  let animateNext = false;
  const recompute = (opts: { animate?: boolean; first?: boolean } = {}) => {
    if (!opts.first) wantPlotly();
    stopAnimation();
    animateNext = opts.animate ?? true;
    save();
    syncControls();
    formulaErr.hidden = true;
    root.dataset.state = "computing";
    delete root.dataset.contour;
    showProgress(null, state.surface === "formula" ? "Reading the formula…" : "Computing…");
    compute.request(
      { surface: state.surface, formula: state.formula, start: state.start, runs: state.optimizers.map((name) => ({ name, options: optionsFor(name, state) })), steps: state.steps, staticSvg: !plotlyReady },
      {
        // The worker words each phase ("Reading the formula", "Computing the contour: 32 of 6400 points").
        onProgress: (m) => showProgress(m.phase === "surface" ? null : m.fraction, `${m.text}…`),
        onContour: (m) => {
          void drawContour(m.contour).then(() => {
            root.dataset.contour = "drawn";
            performance.mark("playground:contour-drawn");
          });
        },
        onResult: (r) => {
          result = r;
          root.dataset.surface = r.title;
          // A start outside the window was moved onto its edge (the note says so): the link says where.
          if (r.startNote && state.start) {
            state.start = [Number(r.start[0].toPrecision(4)), Number(r.start[1].toPrecision(4))];
            save();
          }
          hideProgress();
          syncControls();
          report(r);
          if (!plotlyReady && r.svg) {
            drawStatic(contourEl, r.svg.contour, Number(r.contour.layout.height) > 0 ? Number(r.contour.layout.height) : 580, true);
            drawStatic(lossEl, r.svg.loss, 300, false);
            performance.mark("playground:first-view");
            window.setTimeout(() => idle(wantPlotly), 3000);
          }
          void (async () => {
            const P = await plotly();
            // When an animation follows, the paths are drawn hidden (the overlay races them) so
            // that no Plotly redraw is needed until it ends.
            const k = r.runs.filter((x) => x.xs.length > 0).length;
            const hide = animateNext && k > 0;
            const t = animatedTraces(r.contour.data.length, k);
            const hidden = <T extends object>(data: T[], idx: number[]) => data.map((d, i) => (hide && idx.includes(i) ? { ...d, opacity: 0 } : d));
            await drawContour({ ...r.contour, data: hidden(r.contour.data, t.contour) });
            if (lossEl.dataset.drawn !== "yes") lossEl.textContent = "";
            lossEl.dataset.drawn = "yes";
            await drawTimed(lossEl, () => P.react(lossEl, hidden(r.loss.data, t.loss) as unknown[], { ...r.loss.layout, autosize: true, height: 300 }, PLOT_CONFIG));
            if (compute.running || result !== r) return; // a newer request has started
            setBusy();
            if (hide) void animate(true);
            else root.dataset.state = "done";
          })();
          setBusy();
        },
        onFormulaError: (message) => {
          result = null;
          hideProgress();
          formulaErr.textContent = caretFor(state.formula, message);
          formulaErr.hidden = false;
          statusEl.textContent = "";
          noteEl.hidden = true;
          void clearPlots("No plot: the formula above cannot be used yet.").then(() => (root.dataset.state = "error"));
          setBusy();
        },
        onFailure: (message) => {
          result = null;
          hideProgress();
          statusEl.textContent = "";
          noteEl.textContent = message;
          noteEl.hidden = false;
          void clearPlots(message).then(() => (root.dataset.state = "error"));
          setBusy();
        },
      },
    );
    setBusy();
  };

  // ------------------------------------------------------------------ events
  surfaceSel.addEventListener("change", () => {
    state.surface = surfaceSel.value;
    state.start = null;
    result = null;
    recompute();
  });
  let typing = 0;
  formulaIn.addEventListener("input", () => {
    clearTimeout(typing);
    typing = window.setTimeout(() => {
      if (state.formula === formulaIn.value) return;
      state.formula = formulaIn.value;
      state.start = null;
      recompute();
    }, 400);
  });
  convSel.addEventListener("change", () => {
    const from = state.convention;
    const to: Convention = convSel.value === "pytorch" ? "pytorch" : "seed";
    if (to === from) return;
    // A rate tuned for one form means something else in the other (e.g. momentum's η scales the
    // velocity in one and the gradient in the other): each convention keeps its own tuned values.
    tuned[from] = { lr: state.lr, p2: state.p2 };
    state.convention = to;
    state.lr = tuned[to].lr;
    state.p2 = tuned[to].p2;
    const hadTuned = Object.keys(tuned[from].lr).length + Object.keys(tuned[from].p2).length > 0;
    const restored = Object.keys(state.lr).length + Object.keys(state.p2).length > 0;
    const name = (c: Convention) => (c === "pytorch" ? "PyTorch" : "course (seed)");
    convNote.textContent = hadTuned || restored
      ? `${restored ? `Your ${name(to)} settings are back.` : `${name(to)} form: default settings.`}${hadTuned ? ` Your ${name(from)} settings are kept and come back when you switch back (a rate tuned for one form means something else in the other).` : ""}`
      : "";
    convNote.hidden = convNote.textContent === "";
    recompute();
  });
  stepsIn.addEventListener("input", () => (stepsOut.textContent = stepsIn.value));
  stepsIn.addEventListener("change", () => {
    state.steps = Number(stepsIn.value);
    recompute();
  });
  optList.addEventListener("change", () => {
    state.optimizers = Array.from(optList.querySelectorAll<HTMLInputElement>("input:checked"), (b) => b.value).filter(isOptimizerName);
    recompute();
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
    recompute();
  });
  const setStartFromFields = () => {
    const x = startX.valueAsNumber;
    const y = startY.valueAsNumber;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    if (state.start && state.start[0] === x && state.start[1] === y) return;
    state.start = [x, y];
    recompute();
  };
  startX.addEventListener("change", setStartFromFields);
  startY.addEventListener("change", setStartFromFields);
  startReset.addEventListener("click", () => {
    state.start = null;
    recompute();
  });
  runBtn.addEventListener("click", () => void animate());
  stopBtn.addEventListener("click", () => {
    if (compute.running) {
      compute.cancel();
      hideProgress();
      noteEl.textContent = "Stopped. Change a setting to compute again.";
      noteEl.hidden = false;
      root.dataset.state = "stopped";
    }
    if (animating) stopAnimation(); // the finished paths come back
    setBusy();
  });
  let copiedTimer = 0;
  shareBtn.addEventListener("click", async () => {
    clearTimeout(copiedTimer);
    try {
      await navigator.clipboard.writeText(location.href);
      shareBtn.textContent = "Link copied";
    } catch {
      shareBtn.textContent = "Copy the address bar";
    }
    copiedTimer = window.setTimeout(() => (shareBtn.textContent = "Copy link"), COPIED_MS);
  });
  window.addEventListener("hashchange", () => {
    if (location.hash === stateToHash(state)) return;
    state = parseState(location.hash, isOptimizerName);
    result = null;
    recompute();
  });

  root.dataset.ready = "true";
  // The first view shows the finished paths at once; every change, and Animate, animates.
  recompute({ animate: false, first: true });
  // Plotly loads when wanted (see drawStatic above). Marks for the browser tests and the README's
  // figures (its 1.3 MB script is parsed in one long task; see the site section).
  void plotly().then(() => performance.mark("playground:plotly-loaded"));
}
