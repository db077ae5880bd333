import { parse, print } from "./sexpr.mjs";

/**
 * Expands the kernel templates (src/kernels/*.wat) into a plain WebAssembly text module.
 *
 * A template is a list of `(kernel $name (arrays ...) (scalars ...) (flags ...) (locals ...) body...)`.
 * Each kernel becomes two exported functions, `name_f64` (Float64Array data) and `name_f32`
 * (Float32Array data), with parameters: one byte address per array, the element count n, one f64
 * per scalar, one i32 per flag. The body runs once per PAIR of elements, always in f64x2 lanes:
 * a float32 kernel widens two floats to doubles on load and rounds them back on store, exactly
 * what JavaScript does when it reads and writes a Float32Array (its arithmetic is in doubles).
 * So both kernels compute what the JS loop computes, bit for bit. The loop runs the body twice per
 * iteration (two groups of lanes: unrolled, measured faster), and arrays are padded to 32 bytes
 * by the runtime (src/kernels/runtime.ts), so the last group may run on padding lanes.
 *
 * Macros in a body (everything else is WebAssembly text):
 *   $x               the value of local, scalar (splatted to both lanes) or flag $x
 *   (set $x e)       local.set
 *   (load $a)        the pair of elements of array $a at this iteration, as f64x2
 *   (store $a e)     writes the pair (rounded to float32 in the f32 kernel)
 *   (round e)        what storing e and reading it back gives (identity in f64)
 *   (add a b) (sub a b) (mul a b) (div a b) (sqrt a) (abs a) (neg a) (max a b)
 *   (gt a b) (eq a b) f64x2 arithmetic and comparisons (masks); (pick mask a b) = mask ? a : b
 *   (when $flag stmt...)        statements run when the i32 flag is nonzero
 *   (choose $flag a b)          a when the flag is nonzero, else b
 *   (zero)           the constant 0 in every lane
 *
 * A third function, `name_f32fast`, runs the same body on Float32Array data in f32x4 lanes (four
 * elements per iteration, every operation rounded to float32, scalars rounded to float32), as
 * PyTorch's float32 kernels do: faster, and no longer bit-identical to the JS loop (the bound is
 * stated and tested in test/kernels/fast32.test.ts). It runs only when asked (setKernels("fast")).
 */
const OPS = ["add", "sub", "mul", "div", "sqrt", "abs", "neg", "max", "gt", "eq"];

const DTYPES = {
  f64: {
    lanes: "f64x2",
    stride: 16, // bytes per iteration (two doubles)
    size: 8,
    load: (addr) => ["v128.load", addr],
    store: (addr, v) => ["v128.store", addr, v],
    round: (v) => v,
  },
  f32: {
    lanes: "f64x2",
    stride: 8, // two floats
    size: 4,
    load: (addr) => ["f64x2.promote_low_f32x4", ["v128.load64_zero", addr]],
    store: (addr, v) => ["v128.store64_lane", "0", addr, ["f32x4.demote_f64x2_zero", v]],
    round: (v) => ["f64x2.promote_low_f32x4", ["f32x4.demote_f64x2_zero", v]],
  },
  f32fast: {
    lanes: "f32x4",
    stride: 16, // four floats
    size: 4,
    load: (addr) => ["v128.load", addr],
    store: (addr, v) => ["v128.store", addr, v],
    round: (v) => v, // every f32x4 operation already rounds to float32
  },
};

function section(kernel, name) {
  const s = kernel.find((x) => Array.isArray(x) && x[0] === name);
  return s ? s.slice(1) : [];
}

function expandKernel(kernel, dtype) {
  const d = DTYPES[dtype];
  const name = kernel[1].slice(1);
  const arrays = section(kernel, "arrays");
  const scalars = section(kernel, "scalars");
  const flags = section(kernel, "flags");
  const locals = section(kernel, "locals");
  const known = new Set([...scalars, ...flags, ...locals]);
  const body = kernel.filter((x, i) => i > 1 && !(Array.isArray(x) && ["arrays", "scalars", "flags", "locals"].includes(x[0])));
  // The body is emitted twice per loop iteration (unrolled: half the loop's compare, branch and
  // flag tests per element); `second` addresses the next group of lanes.
  let second = false;
  const addr = (a) => {
    if (!arrays.includes(a)) throw new Error(`${name}: ${a} is not an array of this kernel`);
    const at = ["i32.add", ["local.get", a], ["local.get", "$off"]];
    return second ? ["i32.add", at, ["i32.const", String(d.stride)]] : at;
  };
  const ex = (n) => {
    if (typeof n === "string") {
      if (n.startsWith("$") && known.has(n)) return ["local.get", n];
      if (n.startsWith("$")) throw new Error(`${name}: unknown name ${n}`);
      return n;
    }
    const [head, ...args] = n;
    if (head === "set") {
      if (!locals.includes(args[0])) throw new Error(`${name}: set of ${args[0]}, not a local`);
      return ["local.set", args[0], ex(args[1])];
    }
    if (head === "load") return d.load(addr(args[0]));
    if (head === "store") return d.store(addr(args[0]), ex(args[1]));
    if (head === "round") return d.round(ex(args[0]));
    if (head === "zero") return d.lanes === "f64x2" ? ["v128.const", "f64x2", "0", "0"] : ["v128.const", "f32x4", "0", "0", "0", "0"];
    if (head === "pick") return ["v128.bitselect", ex(args[1]), ex(args[2]), ex(args[0])];
    if (head === "when") return ["if", ex(args[0]), ["then", ...args.slice(1).map(ex)]];
    if (head === "choose") return ["if", ["result", "v128"], ex(args[0]), ["then", ex(args[1])], ["else", ex(args[2])]];
    if (OPS.includes(head)) return [`${d.lanes}.${head}`, ...args.map(ex)];
    return [head, ...args.map(ex)];
  };
  const fn = [
    "func",
    `$${name}_${dtype}`,
    ["export", `"${name}_${dtype}"`],
    ...arrays.map((a) => ["param", a, "i32"]),
    ["param", "$n", "i32"],
    ...scalars.map((s) => ["param", `${s}.f64`, "f64"]),
    ...flags.map((f) => ["param", f, "i32"]),
    ["local", "$off", "i32"],
    ["local", "$end", "i32"],
    ...scalars.map((s) => ["local", s, "v128"]),
    ...locals.map((l) => ["local", l, "v128"]),
    ...scalars.map((s) =>
      d.lanes === "f64x2"
        ? ["local.set", s, ["f64x2.splat", ["local.get", `${s}.f64`]]]
        : ["local.set", s, ["f32x4.splat", ["f32.demote_f64", ["local.get", `${s}.f64`]]]],
    ),
    ["local.set", "$end", ["i32.mul", ["local.get", "$n"], ["i32.const", String(d.size)]]],
    [
      "block",
      "$done",
      [
        "loop",
        "$pair",
        ["br_if", "$done", ["i32.ge_u", ["local.get", "$off"], ["local.get", "$end"]]],
        ...body.map(ex),
        ...((second = true), body.map(ex)),
        ["local.set", "$off", ["i32.add", ["local.get", "$off"], ["i32.const", String(2 * d.stride)]]],
        ["br", "$pair"],
      ],
    ],
  ];
  return fn;
}

/** The whole module's text from the templates' texts; also returns each kernel's signature. */
export function expandModule(templates) {
  const funcs = [];
  const signatures = {};
  for (const text of templates) {
    for (const form of parse(text)) {
      if (!Array.isArray(form) || form[0] !== "kernel") throw new Error(`expected (kernel ...), got ${print(form)}`);
      const name = form[1].slice(1);
      signatures[name] = {
        arrays: section(form, "arrays").map((s) => s.slice(1)),
        scalars: section(form, "scalars").map((s) => s.slice(1)),
        flags: section(form, "flags").map((s) => s.slice(1)),
      };
      for (const dtype of ["f64", "f32", "f32fast"]) funcs.push(expandKernel(form, dtype));
    }
  }
  const module = ["module", ["import", '"env"', '"memory"', ["memory", "0"]], ...funcs];
  return { text: print(module) + "\n", signatures };
}
