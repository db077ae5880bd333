/**
 * One colour per optimizer, the same in every figure of the course, so "Adam is orange" holds
 * from the first lesson to the last. Colours follow the Okabe-Ito palette (colour-blind safe),
 * topped up from Paul Tol's "muted" scheme. Okabe-Ito's yellow (#F0E442) and Tableau's light
 * olive are left out on purpose: seen in the browser they vanished against the pale contour
 * background and the white page.
 */
export const OPTIMIZER_COLORS: Readonly<Record<string, string>> = {
  sgd: "#000000",
  momentum: "#E69F00",
  nesterov: "#56B4E9",
  adagrad: "#009E73",
  adadelta: "#882255",
  rmsprop: "#0072B2",
  adam: "#D55E00",
  adamax: "#CC79A7",
  nadam: "#8C564B",
  amsgrad: "#7F7F7F",
  adamw: "#999933",
  // The parallel lessons' methods.
  hogwild: "#1F77B4",
  locked: "#7F7F7F",
  downpour: "#9467BD",
  easgd: "#2CA02C",
  "adaptive-revision": "#17BECF",
  center: "#000000",
};

/** Colours for names outside the table, chosen by a stable hash of the name. */
const EXTRA = ["#1F77B4", "#FF7F0E", "#2CA02C", "#D62728", "#9467BD", "#8C564B", "#E377C2", "#17BECF", "#BCBD22", "#7F7F7F"];

/**
 * The key a display name maps to: lower case, first word, so "Adam (lr=0.01)", "adam" and
 * "ADAM" share a colour.
 */
export function paletteKey(name: string): string {
  const m = /^[a-z][a-z-]*/.exec(name.trim().toLowerCase());
  return m ? m[0].replace(/-+$/, "") : name.trim().toLowerCase();
}

/**
 * table[key] for the table's own keys only: a plain lookup of "constructor" or "toString"
 * returned Object.prototype's functions (fast-check found a name that did).
 */
export function ownColor(table: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/** The colour of an optimizer (or any series) name; the same name always gets the same colour. */
export function colorFor(name: string): string {
  const known = ownColor(OPTIMIZER_COLORS, paletteKey(name));
  if (known !== undefined) return known;
  let h = 2166136261; // FNV-1a, so the colour does not depend on the order names are seen
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return EXTRA[(h >>> 0) % EXTRA.length];
}

/**
 * One colour per learning-rate schedule (keyed by `Schedule.name`), so the schedule figures of
 * every lesson agree. Okabe-Ito order; "constant" is the grey baseline.
 */
export const SCHEDULE_COLORS: Readonly<Record<string, string>> = {
  constant: "#7F7F7F",
  step: "#E69F00",
  exponential: "#56B4E9",
  "inverse-time": "#009E73",
  cosine: "#0072B2",
  warmup: "#CC79A7",
  sgdr: "#D55E00",
};
