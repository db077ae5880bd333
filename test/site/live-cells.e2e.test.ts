import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { cellOutputs, compareOutputs, type OutputSummary } from "./support/live-outputs";
import { sitePages, useSite } from "./support/site";

/**
 * Issue 14: every code cell of every lesson runs live in Chromium, in the page, in order (each
 * cell's own Run button, as a reader clicks them), and its outputs match the built page's (the
 * notebook executed by tslab in Node): the same kinds of output in the same order, the same
 * numbers within one unit of their last printed digit (numbers in a sentence, line or table row
 * about time or speed are wall-clock measurements and are not compared: support/live-outputs.ts
 * TIMING), and figures with the same traces (count, names, types, lengths).
 *
 * Cells that cannot run in the browser are listed here with the reason; the test fails if one of
 * them starts working (then take it off the list) or if any other cell fails.
 */
const CANNOT_RUN: Record<string, { cells: number[]; reason: string }> = {
};

/**
 * Cells whose numbers cannot match Node's: Chromium's V8 rounds Math.exp, Math.log and Math.pow
 * differently from Node 20's in the last bit (about one input in ten: measured by the first test
 * below), and these cells amplify that: they train a network or tune a rate over a grid, where a
 * last-bit difference changes which rate wins or when a run counts as diverged. Their outputs are
 * compared by structure (kinds in order; figures' trace count, types and lengths).
 */
const ENGINE_SENSITIVE: Record<string, { cells: number[]; reason: string }> = {
  "09-adamax-nadam": { cells: [8], reason: "tunes η over a grid on three surfaces: the winner moves with last-bit differences" },
  "12-which-optimizer": { cells: [6, 7, 8, 10], reason: "trains MLPs over η grids and seeds (tanh, softmax: exp/log)" },
  "13-parallel-sgd": {
    cells: [5, 6, 8, 16],
    reason:
      "cell 5 runs Hogwild! on real threads (Web Workers here, worker_threads in the build): thread scheduling decides its numbers, in two Node runs too; " +
      "cells 6, 8 and 16 run seeded simulations of stale and delayed updates up to the divergence edge on data drawn with Gaussian noise (Math.log/cos)",
  },
  "14-additional-strategies": { cells: [6], reason: "trains a deep tanh MLP at rates up to 30, at the edge of divergence" },
};

const DONE_STATES = ["done", "error", "jupyter-only", "timeout", "stopped", "idle"];

const site = useSite(1_800_000);

async function runEveryCell(page: Page): Promise<Record<number, string>> {
  const indices = await page.$$eval(".live-cell", (els) => els.map((e) => Number((e as HTMLElement).dataset.cell)));
  const states: Record<number, string> = {};
  for (const [k, i] of indices.entries()) {
    const cell = page.locator(`.live-cell[data-cell="${i}"]`);
    await cell.locator('.live-btn[data-live="run"]').click();
    if (k === 0) {
      await page.waitForFunction(() => "__live" in window);
      await page.evaluate(() => (window as unknown as { __live: { setLimit(s: number): void } }).__live.setLimit(600));
    }
    await page.waitForFunction(
      ([sel, done]) => {
        const el = document.querySelector<HTMLElement>(sel as string);
        return !!el && (done as string[]).includes(el.dataset.state ?? "") && !el.querySelector("[data-pending]");
      },
      [`.live-cell[data-cell="${i}"]`, DONE_STATES] as const,
      { timeout: 620_000, polling: 200 },
    );
    states[i] = (await cell.getAttribute("data-state")) ?? "";
  }
  return states;
}

const lessons = () => sitePages().filter((p) => /^\/lessons\/\d\d-/.test(p));

describe("every lesson's code cells run live and match the built outputs", () => {
  it("has lessons with live cells", () => {
    expect(lessons().length).toBeGreaterThanOrEqual(16);
  });

  it("Chromium's Math.exp/log/pow differ from Node's in the last bit (the reason for ENGINE_SENSITIVE)", async () => {
    const probe = `(() => { let s = 7; const r = () => (s = (s * 16807) % 2147483647) / 2147483647; const out = [];
      for (let i = 0; i < 5000; i++) { const a = (r() - 0.5) * 20, b = (r() - 0.5) * 6; out.push(Math.exp(a), Math.log(Math.abs(a)), Math.pow(Math.abs(a), b)); }
      return out; })()`;
    const node = eval(probe) as number[];
    const page = await site.browser.newPage();
    const web = (await page.evaluate(probe)) as number[];
    await page.close();
    const differ = node.filter((x, i) => !Object.is(x, web[i])).length;
    const worst = Math.max(...node.map((x, i) => (x === 0 ? 0 : Math.abs(x - web[i]!) / Math.abs(x))));
    expect(differ).toBeGreaterThan(0);
    expect(worst).toBeLessThan(1e-15); // last-bit differences, not a different function
  });


  const all = (process.env.DESCENT_LIVE_LESSONS ?? "").split(",").filter(Boolean);
  const slugs = all.length ? all : ["00-introduction", "01-gradient-descent-variants", "02-challenges", "03-momentum", "04-nesterov", "05-adagrad", "06-adadelta", "07-rmsprop", "08-adam", "09-adamax-nadam", "10-amsgrad-adamw", "11-visualisation", "12-which-optimizer", "13-parallel-sgd", "14-additional-strategies", "15-outlook"];
  for (const slug of slugs) {
    it(`${slug}: every cell`, async () => {
      const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      const external: string[] = [];
      page.on("request", (r) => {
        if (!r.url().startsWith(site.server.url) && !r.url().startsWith("data:") && !r.url().startsWith("blob:")) external.push(r.url());
      });
      await page.goto(`${site.server.url}/lessons/${slug}/`);
      const built = await cellOutputs(page);
      expect(Object.keys(built).length, "live cells on the page").toBeGreaterThan(0);
      const states = await runEveryCell(page);
      const live = await cellOutputs(page);
      await page.close();
      const expectedOff = new Set(CANNOT_RUN[slug]?.cells ?? []);
      const problems: string[] = [];
      let exact = 0;
      for (const [i, state] of Object.entries(states)) {
        const n = Number(i);
        if (expectedOff.has(n)) {
          if (state === "done") problems.push(`cell ${n} is listed as unable to run (${CANNOT_RUN[slug]!.reason}) but ran: take it off the list`);
          else if (state !== "jupyter-only") problems.push(`cell ${n} (listed: ${CANNOT_RUN[slug]!.reason}) must say it runs only in Jupyter, but ended "${state}"`);
          continue;
        }
        if (state !== "done") {
          problems.push(`cell ${n} ended "${state}": ${(live[n] ?? []).filter((o: OutputSummary) => o.kind === "stderr" || o.kind === "note").map((o) => o.text).join(" | ").slice(0, 600)}`);
          continue;
        }
        const structureOnly = ENGINE_SENSITIVE[slug]?.cells.includes(n) ?? false;
        const diffs = compareOutputs(built[n] ?? [], live[n] ?? [], structureOnly);
        for (const m of diffs) problems.push(`cell ${n}: ${m}`);
        if (!diffs.length && !structureOnly) exact++;
      }
      expect(external, "requests to another server").toEqual([]);
      expect(errors, "uncaught page errors").toEqual([]);
      expect(problems).toEqual([]);
      // Kept for the report: how many cells matched number for number.
      console.log(`${slug}: ${Object.keys(states).length} cells, ${exact} matched exactly, ${(ENGINE_SENSITIVE[slug]?.cells ?? []).length} by structure, ${expectedOff.size} listed as unable to run`);
    }, 1_800_000);
  }
});
