import { describe, expect, it } from "vitest";
import { createRng } from "../../src/core/rng";

/**
 * Why the default float32 kernels compute in double lanes (f64x2) and not in float32 lanes
 * (f32x4, twice as many per instruction): JavaScript reads a Float32Array element as a double,
 * evaluates the whole update in doubles and rounds ONCE when it stores. A float32-lane kernel
 * rounds after EVERY operation, and its hyperparameters (0.9, 1e-2) are rounded to float32 too.
 *
 * One operation on float32 values is the same either way: a double has 53 >= 2 x 24 + 2
 * significand bits, so rounding the exact double result of +, -, x, / or sqrt to float32 gives
 * the correctly rounded float32 result (no double-rounding error). A chain of two or more is
 * not: every update rule of the course has a chain with a double scalar, so no rule has a
 * bit-identical f32x4 kernel; setKernels("fast") offers f32x4 with a stated bound instead
 * (fast32.test.ts). Measured here on random float32 data.
 */
const f = Math.fround;

function samples(count: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = rng.normal() * Math.exp(4 * rng.normal());
  return out;
}

describe("float32 lanes vs JavaScript's double arithmetic", () => {
  const a = samples(200_000, 1);
  const b = samples(200_000, 2);

  it("one operation on float32 values: rounding the double result equals WebAssembly's float32 operation", async () => {
    // f32.add etc. are IEEE single-precision operations (what an f32x4 lane computes); JS
    // computes the double result and Math.fround rounds it when it stores. Every sample agrees.
    const wabt = await (await import("wabt")).default();
    const op = (name: string, body: string): string =>
      `(func (export "${name}") (param f32 f32) (result f32) ${body})`;
    const text = `(module ${op("add", "(f32.add (local.get 0) (local.get 1))")} ${op("sub", "(f32.sub (local.get 0) (local.get 1))")}
      ${op("mul", "(f32.mul (local.get 0) (local.get 1))")} ${op("div", "(f32.div (local.get 0) (local.get 1))")}
      ${op("sqrt", "(f32.sqrt (f32.abs (local.get 0)))")})`;
    const mod = wabt.parseWat("ops.wat", text);
    const buffer = mod.toBinary({}).buffer as Uint8Array<ArrayBuffer>;
    mod.destroy();
    const ops = new WebAssembly.Instance(new WebAssembly.Module(buffer)).exports as Record<string, (x: number, y: number) => number>;
    let differ = 0;
    let compared = 0;
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      const y = b[i];
      const viaDouble = [f(x + y), f(x - y), f(x * y), f(x / y), f(Math.sqrt(Math.abs(x)))];
      const viaF32 = [ops.add(x, y), ops.sub(x, y), ops.mul(x, y), ops.div(x, y), ops.sqrt(x, y)];
      for (let k = 0; k < viaDouble.length; k++) {
        compared++;
        if (!Object.is(viaDouble[k], viaF32[k])) differ++;
      }
    }
    expect(compared).toBe(5 * a.length);
    expect(differ).toBe(0);
  });

  it("SGD-momentum's buffer b = mu b + g: rounded once (JS) vs rounded per operation with mu in float32 (f32x4) differ often", () => {
    const mu = 0.9;
    let differ = 0;
    for (let i = 0; i < a.length; i++) {
      const js = f(a[i] * mu + b[i]);
      const lanes = f(f(a[i] * f(mu)) + b[i]);
      if (!Object.is(js, lanes)) differ++;
    }
    // About 3 in 10 elements: not an edge case, the f32x4 kernel cannot be the default.
    expect(differ / a.length).toBeGreaterThan(0.1);
  });

  it("even plain SGD's step p + (-lr) g differs (two roundings, lr not a float32)", () => {
    const negLr = -1e-2;
    let differ = 0;
    for (let i = 0; i < a.length; i++) {
      const js = f(a[i] + negLr * b[i]);
      const lanes = f(a[i] + f(f(negLr) * b[i]));
      if (!Object.is(js, lanes)) differ++;
    }
    expect(differ).toBeGreaterThan(0);
  });
});
