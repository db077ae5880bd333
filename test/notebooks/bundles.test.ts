import { describe, expect, it } from "vitest";
import { lossCurvesFigure, surfaceContourFigure } from "../../src/plot/index";
import { getSurface } from "../../src/problems/index";
import { figureBundle, figureSummary, NO_PLOTLY_MESSAGE, PLOTLY_SERVER_PATHS, plotlyLoaderScript } from "../../src/notebook/figure-bundle";
import { escapeHtml, jsonForScript, markdownBundle } from "../../src/notebook/mime-bundle";
import { progressBundle, progressText } from "../../src/notebook/progress-bundle";
import { formatNumber, tableBundle } from "../../src/notebook/table-bundle";

/** The pure MIME bundles behind show/table/markdown/progress (the kernel test covers the sending). */
describe("figure bundles", () => {
  const fig = lossCurvesFigure([{ name: "sgd", values: [1, 0.5] }, { name: "adam", values: [1, 0.1] }], { title: "Loss" });

  it("carries the Plotly JSON, an HTML fallback and one line of text in one bundle", () => {
    const b = figureBundle(fig, { id: "f1" });
    expect(Object.keys(b).sort()).toEqual(["application/vnd.plotly.v1+json", "text/html", "text/plain"]);
    const json = b["application/vnd.plotly.v1+json"] as { data: unknown[]; layout: unknown; config: { responsive: boolean } };
    expect(json.data).toEqual(fig.data);
    expect(json.layout).toEqual(fig.layout);
    expect(json.config.responsive).toBe(true);
    expect(b["text/plain"]).toBe("Plotly figure: Loss (2 traces: sgd, adam)");
    const html = b["text/html"] as string;
    expect(html).toContain('<div id="f1" class="descent-figure"');
    expect(html).toContain("window.Plotly.newPlot");
    expect(html).not.toContain("window.Plotly = Plotly"); // never the library itself
  });

  it("never carries plotly.js: a small loader fetches it once per page from the Jupyter server", () => {
    const html = figureBundle(fig, { id: "f2" })["text/html"] as string;
    expect(html.length).toBeLessThan(6_000);
    expect(html).not.toContain("window.Plotly = Plotly");
    for (const path of PLOTLY_SERVER_PATHS) expect(html).toContain(path);
    expect(html).toContain("data-base-url"); // classic Notebook's base URL
    expect(html).toContain("jupyter-config-data"); // JupyterLab's
    expect(html).toContain("__descentPlotlyQueue");
    expect(/<script[^>]*\ssrc=/i.test(html)).toBe(false); // no fixed script URL, no CDN
    expect(html).toContain(JSON.stringify(NO_PLOTLY_MESSAGE).slice(1, 40));
  });

  it("puts plotly.js in an export's head once, escaped so that it cannot end its script early", () => {
    const head = plotlyLoaderScript("window.Plotly = {}; var s = '</script>';");
    expect(head).toContain("window.Plotly = {}");
    expect(head).not.toContain("'</script>'");
    expect(head.match(/<\/script>/g)).toHaveLength(1);
  });

  it("keeps a title with < and </script> from breaking the page", () => {
    const evil = lossCurvesFigure([{ name: "<b>x</b>", values: [1] }], { title: "a </script><script>alert(1)</script>" });
    const html = figureBundle(evil, { id: 'q"1' })["text/html"] as string;
    expect(html).not.toContain("</script><script>alert(1)");
    expect(html).toContain('id="q&quot;1"');
    expect(jsonForScript({ s: "</script>" })).toBe('{"s":"\\u003c/script>"}');
  });

  it("names animation frames and explains 3-D figures the cartesian bundle cannot draw", () => {
    const contour = surfaceContourFigure({ surface: getSurface("saddle") });
    expect(figureSummary(contour)).toMatch(/^Plotly figure: /);
    const threeD = { data: [{ type: "surface" as const, x: [0, 1], y: [0, 1], z: [[1, 2], [3, 4]] }], layout: {} };
    const html = figureBundle(threeD, { id: "s" })["text/html"] as string;
    expect(html).toContain("needs the full plotly.js bundle");
    expect(html).not.toContain("newPlot");
  });
});

describe("table bundles", () => {
  it("formats numbers for reading: integers whole, 4 significant digits, exponents for tiny ones", () => {
    expect(formatNumber(42)).toBe("42");
    expect(formatNumber(0.123456)).toBe("0.1235");
    expect(formatNumber(1e-7)).toBe("1.000e-7");
    expect(formatNumber(2.5e9)).toBe("2500000000"); // a count stays whole
    expect(formatNumber(2.5e9 + 0.5)).toBe("2.500e+9");
    expect(formatNumber(Number.NaN)).toBe("NaN");
    expect(formatNumber(-Infinity)).toBe("-Infinity");
    expect(formatNumber(0.5, 2)).toBe("0.5");
  });

  it("aligns text columns (numbers right) and escapes HTML", () => {
    const b = tableBundle([{ name: "a<b", loss: 0.5 }, { name: "long name", loss: 12.25, extra: true }], { caption: "T" });
    expect(b["text/plain"]).toBe(["T", "name        loss  extra", "---------  -----  -----", "a<b          0.5       ", "long name  12.25  true "].join("\n"));
    expect(b["text/html"]).toContain("<td style=\"text-align:left\">a&lt;b</td>");
    expect(b["text/html"]).toContain("<caption");
  });

  it("rejects rows that are not an array, naming what it got", () => {
    expect(() => tableBundle("rows" as never)).toThrow("table(rows): rows must be an array of objects, got string");
  });
});

describe("markdown and progress bundles", () => {
  it("shows markdown with itself as text", () => {
    expect(markdownBundle("$x$")).toEqual({ "text/markdown": "$x$", "text/plain": "$x$" });
  });

  it("writes the count, percentage, time and note", () => {
    expect(progressText({ label: "Train", done: 2, total: 8, seconds: 1.26, note: "loss 0.3" })).toBe("Train: 2/8 (25%) 1.3 s loss 0.3");
    expect(progressText({ label: "Scan", done: 5, seconds: 0, finished: true })).toBe("Scan: 5 0.0 s done");
    expect(progressBundle({ label: "<x>", done: 1, total: 2, seconds: 0 })["text/html"]).toContain('<progress value="1" max="2"');
    expect(escapeHtml("<&>")).toBe("&lt;&amp;&gt;");
  });
});
