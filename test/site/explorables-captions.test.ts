import { describe, expect, it } from "vitest";
import { computeExplorable, type ExplorableResult } from "../../site/src/scripts/explorables/compute";
import { parseSpec, type ExplorableSpec } from "../../site/src/scripts/explorables/spec";
import { markersOf } from "./support/explorables";

/**
 * What each explorable's caption tells the reader to notice, measured: every number a caption
 * states is recomputed here by src/ (the code the page runs), and the caption must still contain
 * it. A change to the library that moves a number fails here, naming the caption to rewrite.
 */

const spec = (file: string, k = 0): ExplorableSpec => parseSpec(markersOf(file)[k].json, file);
const run = (s: ExplorableSpec, values: number[]): ExplorableResult => computeExplorable(s, values);
const last = (a: number[]) => a[a.length - 1];
const firstBelowHalf = (loss: number[]) => loss.findIndex((v) => v < loss[0] / 2);
const sig = (v: number, n = 2) => Number(v.toPrecision(n));

interface Claim { text: string[]; check(s: ExplorableSpec): void }
const claims: Record<string, Claim[]> = {
  "02-challenges.ipynb#0": [
    { text: ["0.59 at η = 0.005", "0.0008 at η = 0.039"], check: (s) => { expect(sig(last(run(s, [0.005]).runs[0].loss))).toBe(0.59); expect(sig(last(run(s, [0.039]).runs[0].loss), 1)).toBe(0.0008); } },
    { text: ["J never falls below 6.25"], check: (s) => { const l = run(s, [0.04]).runs[0].loss; expect(Math.min(...l)).toBeGreaterThan(6.25 - 1e-9); expect(sig(last(l), 3)).toBe(6.25); } },
    { text: ["J is 10⁵ after 100 steps"], check: (s) => expect(Math.floor(Math.log10(last(run(s, [0.041]).runs[0].loss)))).toBe(5) },
  ],
  "02-challenges.ipynb#1": [
    { text: ["after 700 steps J = 5.8·10⁻⁴ against 2.2·10⁻³"], check: (s) => { const r = run(s, [100, 2]).runs; expect(sig(last(r[0].loss))).toBe(5.8e-4); expect(sig(last(r[1].loss))).toBe(2.2e-3); } },
    { text: ["The first, short cycle ends above the constant rate", "the longer ones end below its noise floor"], check: (s) => {
      // The noisy losses compared over the last 10 steps of each cycle (steps 100, 300 and 700).
      const r = run(s, [100, 2]).runs;
      const mean = (l: number[], end: number) => l.slice(end - 10, end).reduce((a, b) => a + b, 0) / 10;
      expect(mean(r[0].loss, 100)).toBeGreaterThan(mean(r[1].loss, 100));
      for (const end of [300, 700]) expect(mean(r[0].loss, end)).toBeLessThan(mean(r[1].loss, end));
    } },
    { text: ["J = 2.0·10⁻³ against 2.2·10⁻³"], check: (s) => { const r = run(s, [175, 2]).runs; expect(sig(last(r[0].loss))).toBe(2.0e-3); expect(last(r[0].loss)).toBeLessThan(last(r[1].loss)); } },
  ],
  "03-momentum.ipynb#0": [
    { text: ["235 steps", "42 steps, at γ = 0.70", "121 steps at γ = 0.9", "245 at 0.95", "at 0.99 it is still swinging after 300 steps"], check: (s) => {
      expect(run(s, [0]).runs[0].reached).toBe(235);
      const counts = Array.from({ length: 100 }, (_, i) => ({ g: i / 100, n: run(s, [i / 100]).runs[0].reached ?? Infinity }));
      const best = counts.reduce((a, b) => (b.n < a.n ? b : a));
      expect(best).toEqual({ g: 0.7, n: 42 });
      expect(run(s, [0.9]).runs[0].reached).toBe(121);
      expect(run(s, [0.95]).runs[0].reached).toBe(245);
      expect(run(s, [0.99]).runs[0].reached).toBeNull();
    } },
  ],
  "04-nesterov.ipynb#0": [
    { text: ["step 85 against 106"], check: (s) => { const r = run(s, [0.02, 0.9]).runs; expect([r[0].reached, r[1].reached]).toEqual([85, 106]); } },
    { text: ["At η = 0.03 Nesterov's path flies off the walls while momentum still converges", "at 0.08 both diverge"], check: (s) => {
      const a = run(s, [0.03, 0.9]).runs;
      expect(last(a[0].loss) > 1e10 || a[0].stopped !== null).toBe(true);
      expect(a[1].reached).not.toBeNull();
      for (const r of run(s, [0.08, 0.9]).runs) expect(last(r.loss) > r.loss[0] || r.stopped !== null).toBe(true);
    } },
    { text: ["at γ = 0 they are the same method"], check: (s) => { const r = run(s, [0.02, 0]).runs; expect(r[0].loss).toEqual(r[1].loss); } },
  ],
  "05-adagrad.ipynb#0": [
    { text: ["201 steps", "30 steps from the default start", "206 from three times as far", "1972 from ten times", "does not get there in 5000 steps from thirty times", "η = 5 takes 30 steps again"], check: (s) => {
      for (const scale of [1, 3, 10, 30, 100]) expect(run(s, [scale, 0.5]).runs[1].reached).toBe(201);
      expect([1, 3, 10, 30].map((k) => run(s, [k, 0.5]).runs[0].reached)).toEqual([30, 206, 1972, null]);
      expect(run(s, [10, 5]).runs[0].reached).toBe(30);
    } },
  ],
  "06-adadelta.ipynb#0": [
    { text: ["step 369 for ε = 10⁻⁸, step 55 for the lesson's 10⁻⁶ and step 6 for 10⁻⁴", "(about 61) is above where it started (7.9)"], check: (s) => {
      expect([1e-8, 1e-6, 1e-4].map((e) => firstBelowHalf(run(s, [e, 0.9]).runs[0].loss))).toEqual([369, 55, 6]);
      const l = run(s, [1e-2, 0.9]).runs[0].loss;
      expect(Math.round(last(l))).toBe(61);
      expect(sig(l[0])).toBe(7.9);
    } },
  ],
  "07-rmsprop.ipynb#0": [
    { text: ["y ends at ±0.0005", "±0.005 at η = 0.01, ±0.05 at η = 0.1", "for γ from 0.5 to 0.99", "At γ = 0.999 (and η ≥ 0.001)"], check: (s) => {
      for (const lr of [0.001, 0.01, 0.1]) for (const g of [0.5, 0.9, 0.99]) {
        const ys = run(s, [lr, g]).runs[0].ys;
        expect(Math.abs(Math.max(...ys.slice(-100).map(Math.abs)) / (lr / 2) - 1), `η = ${lr}, γ = ${g}`).toBeLessThan(0.2);
      }
      for (const lr of [0.001, 0.003, 0.01, 0.03, 0.1]) expect(Math.max(...run(s, [lr, 0.999]).runs[0].ys.slice(-100).map(Math.abs)), `η = ${lr}, γ = 0.999`).toBeLessThan(1e-6);
    } },
  ],
  "08-adam.ipynb#0": [
    { text: ["J ≈ 0.16 with β₂ = 0.999", "J ≈ 0.016", "about 600 times lower (J ≈ 2.6·10⁻⁵)"], check: (s) => {
      const none = last(run(s, [0, 0.999]).runs[0].loss), dflt = last(run(s, [0.9, 0.999]).runs[0].loss), short = last(run(s, [0.9, 0.99]).runs[0].loss);
      expect([sig(none), sig(dflt), sig(short)]).toEqual([0.16, 0.016, 2.6e-5]);
      expect(Math.round(dflt / short / 100) * 100).toBe(600);
    } },
  ],
  "09-adamax-nadam.ipynb#0": [
    { text: ["Nadam gets there first (step 252, Adam 276) and AdaMax not within 500 steps", "at η = 0.3 the order is the same", "At η = 1 AdaMax is first (118 steps)"], check: (s) => {
      expect(run(s, [0.1]).runs.map((r) => r.reached)).toEqual([276, null, 252]);
      const b = run(s, [0.3]).runs.map((r) => r.reached);
      expect(b[1]).toBeNull();
      expect(b[2]!).toBeLessThan(b[0]!);
      const c = run(s, [1]).runs.map((r) => r.reached!);
      expect(c[1]).toBe(118);
      expect(Math.min(...c)).toBe(118);
    } },
  ],
  "10-amsgrad-adamw.ipynb#0": [
    { text: ["Adam drifts to x = +1", "average regret stays near 0.67", "AMSGrad goes to −1", "at β₂ = 0.3 Adam still ends at +1", "at 0.5 it ends near −0.92", "from 0.7 on both end near −0.99"], check: (s) => {
      const a = run(s, [0.1]).runs;
      expect(last(a[0].xs)).toBe(1);
      expect(sig(last(a[0].loss))).toBe(0.67);
      expect(sig(last(a[1].xs))).toBe(-0.99);
      expect(last(run(s, [0.3]).runs[0].xs)).toBe(1);
      expect(sig(last(run(s, [0.5]).runs[0].xs))).toBe(-0.92);
      for (const b2 of [0.7, 0.9, 0.99, 0.999]) for (const r of run(s, [b2]).runs) expect(sig(last(r.xs))).toBe(-0.99);
    } },
  ],
  "11-visualisation.ipynb#0": [
    { text: ["gradient descent needs 349 steps, momentum 72, RMSprop 75, Adam 80", "gradient descent always last", "at η = 0.001 none of them escapes within 400 steps"], check: (s) => {
      expect(run(s, [0.01]).runs.map((r) => r.reached)).toEqual([349, 72, 75, 80]);
      let prev = run(s, [0.01]).runs.map((r) => r.reached!);
      for (const lr of [0.03, 0.1]) {
        const now = run(s, [lr]).runs.map((r) => r.reached!);
        now.forEach((n, i) => expect(n).toBeLessThan(prev[i]));
        expect(Math.max(...now)).toBe(now[0]);
        prev = now;
      }
      expect(run(s, [0.001]).runs.every((r) => r.reached === null)).toBe(true);
    } },
  ],
  "14-additional-strategies.ipynb#0": [
    { text: ["for 218 steps", "escapes at step 43", "with η = 1 at step 18", "cuts the stall to 67 steps", "43 to 47 steps at η = 0.01"], check: (s) => {
      const seeded = run(s, [0.01, 0.55]).runs;
      expect([seeded[0].reached, seeded[1].reached]).toEqual([43, 218]);
      expect(run(s, [1, 0.55]).runs[0].reached).toBe(18);
      expect(run(s, [1e-4, 0.55]).runs[0].reached).toBe(67);
      expect([0, 0.55, 1, 2].map((g) => run(s, [0.01, g]).runs[0].reached)).toEqual([42, 43, 44, 47]);
    } },
  ],
};

describe("explorables' captions say what src/ computes", () => {
  for (const [key, list] of Object.entries(claims)) {
    const [file, k] = key.split("#");
    it(key, () => {
      const s = spec(file, Number(k));
      for (const c of list) {
        for (const t of c.text) expect(s.caption, `${key}: the caption no longer says "${t}"`).toContain(t);
        c.check(s);
      }
    });
  }
  it("covers every explorable", () => {
    const all = ["02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "14"].length + 1; // lesson 02 has two
    expect(Object.keys(claims)).toHaveLength(all);
  });
});
