import type { TestCase } from "./types";

/**
 * What the student handout ships in place of hidden/index.ts: no hidden cases. (The handout
 * build copies this file over src/grader/hidden/index.ts; see scripts/handout-build.ts.)
 */
export const HIDDEN_CASES: Readonly<Record<string, readonly TestCase[]>> = {};
