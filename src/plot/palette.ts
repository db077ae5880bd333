/**
 * One colour per optimizer, the same in every figure of the course, so "Adam is orange" holds
 * from the first lesson to the last. Colours follow the Okabe-Ito and Tableau palettes, which
 * stay distinguishable for the common forms of colour blindness.
 */
export const OPTIMIZER_COLORS: Readonly<Record<string, string>> = {
  sgd: "#000000",
  momentum: "#E69F00",
  nesterov: "#56B4E9",
  adagrad: "#009E73",
  adadelta: "#F0E442",
  rmsprop: "#0072B2",
  adam: "#D55E00",
  adamax: "#CC79A7",
  nadam: "#8C564B",
  amsgrad: "#7F7F7F",
  adamw: "#BCBD22",
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

/** The colour of an optimizer (or any series) name; the same name always gets the same colour. */
export function colorFor(name: string): string {
  const key = paletteKey(name);
  const known = OPTIMIZER_COLORS[key];
  if (known) return known;
  let h = 2166136261; // FNV-1a, so the colour does not depend on the order names are seen
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return EXTRA[(h >>> 0) % EXTRA.length];
}
