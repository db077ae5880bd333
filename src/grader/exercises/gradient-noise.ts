import { createRng } from "../../core/rng";
import { saltedSeed } from "../../data/salt";
import { createGradientNoise } from "../../train/noise";
import { formatValue } from "../compare";
import type { CallsCaseData } from "../drivers";
import { caseRng, defineExercise, gradientVector, outputMistake } from "../exercise";
import { noiseMutant } from "../mistakes/gradient-noise";
import type { DriverInput, PlainValue, TestCase } from "../types";

/**
 * Exercise 14: annealed Gaussian gradient noise (Neelakantan et al., 2015),
 * g + N(0, sigma_t^2) with sigma_t^2 = eta / (1 + t)^gamma, one standard normal draw per
 * coordinate in order. Reference: src createGradientNoise, whose generator is seeded with
 * saltedSeed(seed, "noise"); the student's `normal` is that same stream.
 */

interface Call {
  grad: number[];
  t: number;
}
interface Data extends CallsCaseData {
  eta: number;
  gamma: number;
  seed: number;
}
const data = (input: DriverInput): Data => input.data as unknown as Data;

export function noiseCase(id: string, title: string, points: number, visible: boolean, eta: number, gamma: number, seed: number, steps: Call[]): TestCase {
  const stream = saltedSeed(seed, "noise");
  const d: Data = {
    eta,
    gamma,
    seed,
    calls: steps.map((s) => [{ $f64: s.grad }, s.t, eta, gamma, { $normal: stream }]),
  };
  return { id, title, points, visible, input: { driver: "calls", exportName: "noisyGradient", data: d as unknown as PlainValue } };
}

export function noiseSteps(id: string, n: number, ts: number[]): Call[] {
  const rng = caseRng("gradient-noise", id);
  return ts.map((t) => ({ grad: gradientVector(rng, n, 1), t }));
}

const CASES: TestCase[] = [
  noiseCase("first-step", "t = 0: variance eta", 1, true, 0.3, 0.55, 1, noiseSteps("first-step", 3, [0])),
  noiseCase("annealed", "the variance shrinks with t", 1, true, 1, 0.55, 2, noiseSteps("annealed", 2, [0, 1, 9, 99])),
];

function run(input: DriverInput, tShift: number, gamma?: number): PlainValue {
  const d = data(input);
  const noise = createGradientNoise({ eta: d.eta, gamma: gamma ?? d.gamma, seed: d.seed });
  return d.calls.map((c) => {
    const g = Float64Array.from((c[0] as { $f64: number[] }).$f64);
    noise.add(g, (c[1] as number) + tShift);
    return Array.from(g);
  });
}

function viaMutant(kind: "variance-as-std" | "shared-draw"): (input: DriverInput) => PlainValue {
  return (input) => {
    const d = data(input);
    const normal = createRng(saltedSeed(d.seed, "noise")).normal;
    return d.calls.map((c) => noiseMutant((c[0] as { $f64: number[] }).$f64, c[1] as number, d.eta, d.gamma, normal, kind));
  };
}

export const GRADIENT_NOISE_EXERCISE = defineExercise({
  name: "gradient-noise",
  file: "14-gradient-noise.ts",
  title: "Annealed gradient noise",
  exports: ["noisyGradient"],
  cases: CASES,
  expected: (input) => run(input, 0),
  describe: (input) => {
    const d = data(input);
    return `eta = ${d.eta}, gamma = ${d.gamma}; calls at t = ${formatValue(d.calls.map((c) => c[1]))}, first grad ${formatValue((d.calls[0][0] as { $f64: number[] }).$f64)}`;
  },
  mistakes: [
    outputMistake("variance-as-std", "variance used as the standard deviation", "sigma_t^2 = eta / (1 + t)^gamma is the VARIANCE: multiply the normal draw by its square root.", viaMutant("variance-as-std")),
    outputMistake("t-off-by-one", "t off by one", "The first step is t = 0, where the variance is eta: use (1 + t)^gamma with the t you are given.", (input) => run(input, 1)),
    outputMistake("no-decay", "variance not annealed", "The variance decays as 1 / (1 + t)^gamma: without the decay the noise never fades.", (input) => run(input, 0, 0)),
    outputMistake("shared-draw", "one draw shared by every coordinate", "Each coordinate gets its own normal draw: call normal() once per entry of grad.", viaMutant("shared-draw")),
  ],
});
