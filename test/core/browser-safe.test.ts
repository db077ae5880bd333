import { build } from "esbuild";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * src/index.ts is the part of Descent the site's playground and in-browser exercises load.
 * Bundling it for the browser with esbuild fails on any Node built-in (fs, worker_threads, ...)
 * that slipped in, so this proves the split between browser-safe files and `*-node.ts`.
 */
describe("the browser-safe library", () => {
  it("bundles for the browser with no Node built-in", async () => {
    const result = await build({
      entryPoints: [join(__dirname, "..", "..", "src", "index.ts")],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((f) => f.endsWith("src/optimizers/adam.ts"))).toBe(true);
    expect(inputs.filter((f) => f.includes("-node.ts") || f.includes("src/cli/"))).toEqual([]);
  });

  it("refuses the Node-only entry, which needs worker_threads and fs", async () => {
    const attempt = build({
      entryPoints: [join(__dirname, "..", "..", "src", "node.ts")],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      logLevel: "silent",
    });
    await expect(attempt).rejects.toThrow(/node:|worker_threads|fs/);
  });
});
