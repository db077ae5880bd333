// Explorables in the lessons' prose (issue 14): a marker line in a notebook's markdown cell,
//
//   <!-- explorable: {"surface":"long-valley","steps":300,"runs":[...],"sliders":[...],"panels":["path","loss"],"caption":"..."} -->
//
// which Jupyter does not show (an HTML comment), becomes a compact interactive figure on the
// lesson page: one or two labelled sliders, small SVG panels computed by the library, a readout,
// a caption and a link to the playground with the same state. The JSON is an ExplorableSpec
// (site/src/scripts/explorables/spec.ts documents every field). Put the marker right after the
// paragraph that discusses the hyperparameter, seeded with the values the lesson's code uses there.
//
// Here, at build time, the seeded state is computed and drawn as static SVG (the figure readers
// without JavaScript, and everyone until it scrolls into view, see); widget.ts makes it live.
import { computeExplorable, seededValues } from "../src/scripts/explorables/compute.ts";
import { contourSvg, legendHtml, readoutHtml, renderPanels } from "../src/scripts/explorables/render.ts";
import { parseSpec, showValue, sliderPosition } from "../src/scripts/explorables/spec.ts";
import { resolve } from "../src/scripts/explorables/params.ts";
import { playgroundHref, playgroundLinkText } from "../src/scripts/explorables/link.ts";

/** A marker on a line of its own. */
export const EXPLORABLE_MARKER = /^[ \t]*<!--\s*explorable:\s*(\{.*\})\s*-->[ \t]*$/gm;

const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The figure's HTML for one marker's JSON (one line: Markdown would end a raw HTML block at a blank line). */
export function explorableHtml(json, { slug, index }) {
  const uid = `explorable-${slug.slice(0, 2)}-${index}`;
  const spec = parseSpec(json, `${slug}: explorable ${index}`);
  const values = seededValues(spec);
  const res = computeExplorable(spec, values);
  const contour = spec.panels.includes("path") ? contourSvg(spec) : "";
  const { options, startScale } = resolve(spec, values);
  const href = playgroundHref(spec, options, startScale);
  const sliders = spec.sliders
    .map((s, k) => {
      const pos = sliderPosition(s, s.value);
      const range = s.values ? `min="0" max="${s.values.length - 1}" step="1"` : `min="${s.min}" max="${s.max}" step="${s.step ?? 0.01}"`;
      const id = `${uid}-s${k}`;
      return (
        `<div class="ex-slider"><label for="${id}">${esc(s.label)}</label>` +
        `<input class="ex-input" id="${id}" type="range" ${range} value="${pos}" aria-valuetext="${esc(showValue(s.value))}" data-param="${esc(s.param)}">` +
        `<output for="${id}">${esc(showValue(s.value))}</output></div>`
      );
    })
    .join("");
  const play = href
    ? ` <a class="ex-play" href="${esc(href)}">${esc(playgroundLinkText(spec))}</a>`
    : "";
  return (
    `<figure class="explorable" id="${uid}" data-spec="${esc(JSON.stringify(spec))}" data-values="${esc(JSON.stringify(values))}" data-pagefind-ignore="all">` +
    `<fieldset class="ex-controls" disabled><legend class="sr-only">Explorable figure: its settings</legend>${sliders}</fieldset>` +
    `<div class="ex-figure">${renderPanels(spec, res, contour, uid)}</div>` +
    `<div class="ex-legend">${legendHtml(res)}</div>` +
    `<p class="ex-readout" aria-live="polite">${readoutHtml(spec, res)}</p>` +
    `<p class="ex-error" role="status"></p>` +
    `<figcaption>${esc(spec.caption)}${play}</figcaption>` +
    `</figure>`
  );
}

/** Replaces every marker of a markdown cell by its figure; `ctx.explorables` counts them per lesson. */
export function expandExplorables(md, ctx) {
  return md.replace(EXPLORABLE_MARKER, (_, json) => {
    ctx.explorables = (ctx.explorables ?? 0) + 1;
    return "\n" + explorableHtml(json, { slug: ctx.slug, index: ctx.explorables }) + "\n";
  });
}
