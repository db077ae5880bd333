import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { contrast, readable } from "../../site/lib/eq2code.mjs";
import { figureSvg, niceTicks } from "../../site/lib/figure-svg.mjs";
import { loadReferences, referenceLink, referencesFor, toBibtex } from "../../site/lib/references.mjs";
import { REPO } from "./support/site";

/** The static figures (site/lib/figure-svg.mjs), the bibliography (site/references.json), code colours. */

const numbers = (s: string) => s.split(/[ ,MLHVZ]+/).filter(Boolean).map(Number);

describe("static SVG figures", () => {
  it("places a line where its data are on linear axes with a given range", () => {
    const svg = figureSvg({
      data: [{ type: "scatter", mode: "lines", name: "a", x: [0, 10], y: [0, 10], line: { color: "#123456", width: 2 } }],
      layout: { height: 400, margin: { l: 60, r: 20, t: 30, b: 50 }, xaxis: { range: [0, 10] }, yaxis: { range: [0, 10] }, showlegend: false },
    });
    const d = /<path d="([^"]+)" fill="none" stroke="#123456"/.exec(svg)![1];
    const [x0, y0, x1, y1] = numbers(d);
    // From the plot area's bottom-left corner to its top-right one.
    expect([x0, y0, x1, y1]).toEqual([60, 350, 540, 30]);
    for (const t of ["0", "2", "4", "6", "8", "10"]) expect(svg).toContain(`>${t}</text>`); // 1-2-5 ticks over the range
  });

  it("labels log axes in powers of ten and leaves out points a log axis cannot show", () => {
    const svg = figureSvg({
      data: [{ type: "scatter", mode: "lines", name: "loss", x: [0, 1, 2, 3], y: [1, 0.01, 0, 1e-4] }],
      layout: { yaxis: { type: "log" }, legend: { title: { text: "Loss" } } },
    });
    expect(svg).toContain(">10⁻²</text>");
    expect(svg).toContain(">Loss</text>");
    const d = /<path d="([^"]+)" fill="none" stroke="#222"/.exec(svg)![1];
    expect(d.match(/M/g)).toHaveLength(2); // the line breaks at y = 0
  });

  it("keeps equal aspect (scaleanchor) and draws a contour's level lines", () => {
    const xs = Array.from({ length: 21 }, (_, i) => -2 + i * 0.2);
    const ys = Array.from({ length: 11 }, (_, j) => -1 + j * 0.2);
    const svg = figureSvg({
      data: [{ type: "contour", x: xs, y: ys, z: ys.map((y) => xs.map((x) => x * x + y * y)), ncontours: 5, line: { color: "#999" } }],
      layout: { height: 500, showlegend: false, xaxis: { range: [-2, 2] }, yaxis: { range: [-1, 1], scaleanchor: "x", scaleratio: 1 } },
    });
    const clip = /<clipPath id="c"><rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/.exec(svg)!.slice(1).map(Number);
    expect(clip[2] / clip[3]).toBeCloseTo(2, 1); // 4 units wide, 2 high
    expect((svg.match(/stroke="#999"/g) ?? []).length).toBeGreaterThanOrEqual(4);
  });

  it("picks 1-2-5 ticks", () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6000000000000001, 0.8, 1]);
    expect(niceTicks(-2, 2, 4)).toEqual([-2, -1, 0, 1, 2]);
  });
});

describe("the bibliography (site/references.json)", () => {
  const refs = loadReferences();
  const lessons = readdirSync(join(REPO, "notebooks")).filter((f) => /^\d\d-.*\.ipynb$/.test(f)).map((f) => f.slice(0, 2));

  it("has unique keys, a link for every work that has one online, and only lessons that exist", () => {
    expect(new Set(refs.map((r) => r.key)).size).toBe(refs.length);
    for (const r of refs) {
      if (r.key !== "nesterov1983") expect(referenceLink(r), r.key).not.toBeNull(); // Doklady 1983 has no stable link
      if (r.arxiv) expect(r.arxiv, r.key).toMatch(/^\d{4}\.\d{4,5}$/);
      if (r.doi) expect(r.doi, r.key).toMatch(/^10\.\d{4,}\//);
      for (const l of r.lessons) expect(lessons, `${r.key} cites lesson ${l}`).toContain(l);
    }
  });

  it("gives every lesson its sources, and the optimizer lessons their papers", () => {
    for (const l of lessons) expect(referencesFor(l).length, `lesson ${l}`).toBeGreaterThan(0);
    const keysOf = (l: string) => referencesFor(l).map((r) => r.key);
    expect(keysOf("08")).toContain("kingma2015");
    expect(keysOf("03")).toContain("qian1999");
    expect(keysOf("05")).toContain("duchi2011");
    expect(keysOf("10")).toEqual(expect.arrayContaining(["reddi2018", "loshchilov2019"]));
    expect(keysOf("13")).toEqual(expect.arrayContaining(["recht2011", "dean2012", "mcmahan2014", "zhang2015"]));
  });

  it("exports as BibTeX with one balanced entry per work", () => {
    const bib = toBibtex(refs);
    const entries = bib.split(/\n(?=@)/).map((e) => e.trim()).filter((e) => e.startsWith("@"));
    expect(entries).toHaveLength(refs.length);
    for (const e of entries) {
      expect(e).toMatch(/^@(article|inproceedings|incollection|misc)\{[a-z0-9]+,\n/);
      const opens = (e.match(/(?<!\\)\{/g) ?? []).length;
      const closes = (e.match(/(?<!\\)\}/g) ?? []).length;
      expect(opens, e.slice(0, 40)).toBe(closes);
    }
    expect(bib).toContain("eprint = {1412.6980}");
    expect(bib).toContain("doi = {10.1016/S0893-6080(98)00116-6}");
  });
});

describe("code colours in the equation-to-code boxes", () => {
  it("are darkened to WCAG AA contrast where the theme's colour is too light", () => {
    expect(contrast("#e36209", "#ffffff")).toBeLessThan(4.5); // github-light's orange, as Lighthouse found
    const fixed = readable("#e36209", "#ffffff");
    expect(contrast(fixed, "#ffffff")).toBeGreaterThanOrEqual(4.5);
    expect(readable("#24292e", "#ffffff")).toBe("#24292e"); // already readable: unchanged
    expect(contrast(readable("#6a737d", "#24292e"), "#24292e")).toBeGreaterThanOrEqual(4.5);
  });
});
