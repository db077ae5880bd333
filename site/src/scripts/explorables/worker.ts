// The explorables' Web Worker: it runs the library (compute.ts) and draws the panels (render.ts)
// for a slider's new value, and posts back HTML, so the page itself loads neither the library
// nor any plotting code. One worker serves every explorable on the page; the contour of each
// surface is computed once and kept.
import { computeExplorable } from "./compute";
import { contourSvg, legendHtml, readoutHtml, renderPanels } from "./render";
import type { ExplorableSpec } from "./spec";

export interface ExploreRequest { id: number; uid: string; spec: ExplorableSpec; values: number[] }
export type ExploreReply =
  | { id: number; uid: string; ok: true; panels: string; legend: string; readout: string; ms: number }
  | { id: number; uid: string; ok: false; message: string };

const contours = new Map<string, string>();

self.onmessage = (e: MessageEvent<ExploreRequest>) => {
  const { id, uid, spec, values } = e.data;
  const t0 = performance.now();
  try {
    const res = computeExplorable(spec, values);
    let contour = "";
    if (spec.panels.includes("path")) {
      const key = JSON.stringify([spec.surface, spec.surfaceOptions, spec.window]);
      if (!contours.has(key)) contours.set(key, contourSvg(spec));
      contour = contours.get(key)!;
    }
    const reply: ExploreReply = { id, uid, ok: true, panels: renderPanels(spec, res, contour, uid), legend: legendHtml(res), readout: readoutHtml(spec, res), ms: performance.now() - t0 };
    postMessage(reply);
  } catch (err) {
    postMessage({ id, uid, ok: false, message: err instanceof Error ? err.message : String(err) } satisfies ExploreReply);
  }
};
