import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs build script without type declarations
import { buildKernels, buildProducts } from "../../scripts/wasm/build.mjs";
import { KERNEL_SIGNATURES } from "../../src/kernels/optimizers-wasm";

/** The committed kernel binary is what the committed source builds to, with wabt from npm. */
describe("kernel build", () => {
  it("src/kernels/optimizers-wasm.ts matches a fresh build of src/kernels/optimizers.wat", async () => {
    const { ts, bytes } = (await buildKernels()) as { ts: string; bytes: Uint8Array<ArrayBuffer> };
    expect(readFileSync("src/kernels/optimizers-wasm.ts", "utf8")).toBe(ts);
    expect(WebAssembly.validate(bytes)).toBe(true);
    // Every kernel exists in both float types with the parameters its signature lists.
    const mod = new WebAssembly.Module(bytes);
    const exported = WebAssembly.Module.exports(mod).map((e) => e.name).sort();
    const expected = Object.keys(KERNEL_SIGNATURES).flatMap((k) => [`${k}_f32`, `${k}_f32fast`, `${k}_f64`]).sort();
    expect(exported).toEqual(expected);
  });

  it("src/kernels/products-wasm.ts matches a fresh build of src/kernels/products.wat", async () => {
    const { ts, bytes } = (await buildProducts()) as { ts: string; bytes: Uint8Array<ArrayBuffer> };
    expect(readFileSync("src/kernels/products-wasm.ts", "utf8")).toBe(ts);
    expect(WebAssembly.validate(bytes)).toBe(true);
    const exported = WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name).sort();
    expect(exported).toEqual(["input_gradient", "sparse_affine", "to_columns", "transpose_pad", "weight_gradient"]);
  });
});
