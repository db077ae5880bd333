import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GradeReport } from "../../src/grader/types";
import { buildSite, launchChromium, REPO, run, startServer, type Server } from "./support/site";

/**
 * Practice agrees with grading (issue 11, section 2): for EVERY exercise, a set of files (the
 * reference solution, the stub, and wrong files: a helper with an implicit any, a type error, a
 * syntax error, a wrong update rule from the mistake catalogue) gets the same verdict on each
 * visible test on the exercise page, in Chromium, as from `descent grade` run as a child
 * process: same pass/fail, same points, same diagnosed mistake, and for a type error the same
 * message. Errors are marked in the editor and console output is shown.
 */

const exerciseFiles = readdirSync(join(REPO, "exercises")).filter((f) => /^\d\d-.*\.ts$/.test(f)).sort();

/** A catalogued mistake written into the reference solution, per exercise (a wrong update rule). */
const MISTAKES: Record<string, [RegExp, string, string]> = {
  "01-sgd.ts": [/params\[i\] -= hyper\.lr/, "params[i] += hyper.lr", "wrong sign"],
  "02-momentum.ts": [/\+ lr \* grad\[i\]/, "+ (1 - gamma) * lr * grad[i]", "averaged gradient"],
  "03-nesterov.ts": [/lookAhead\[i\] = params\[i\] - gamma \* state\.v\[i\]/, "lookAhead[i] = params[i]", "no look-ahead"],
  "04-adagrad.ts": [/Math\.sqrt\(state\.G\[i\] \+ eps\)/, "(Math.sqrt(state.G[i]) + eps)", "eps outside the root"],
  "05-adadelta.ts": [/Math\.sqrt\(state\.Edx2\[i\] \+ eps\) \/ Math\.sqrt\(state\.Eg2\[i\] \+ eps\)/, "Math.sqrt(state.Eg2[i] + eps) / Math.sqrt(state.Edx2[i] + eps)", "accumulators swapped"],
  "06-rmsprop.ts": [/\(1 - gamma\) \* g \* g/, "(1 - gamma) * g", "g not squared"],
  "07-adam.ts": [/const mHat = state\.m\[i\] \/ bc1;\s*const vHat = state\.v\[i\] \/ bc2;/, "const mHat = state.m[i];\n    const vHat = state.v[i];", "no bias correction"],
  "08-adamax.ts": [/Math\.abs\(g\)/, "g", "no abs"],
  "09-nadam.ts": [/\(\(1 - beta1\) \* g\) \/ bc1/, "(1 - beta1) * g", "gradient term uncorrected"],
  "10-amsgrad.ts": [/Math\.max\(state\.vHat\[i\], state\.v\[i\]\)/, "state.v[i]", "no max"],
  "11-schedules.ts": [/Math\.floor\(t \/ stepSize\)/, "t / stepSize", "no floor in step decay"],
  "12-minibatches.ts": [/i > 0; i--/, "i > n; i--", "no shuffle"],
  "13-early-stopping.ts": [/since >= patience/, "since > patience", "stops one epoch late"],
  "14-gradient-noise.ts": [/Math\.sqrt\(eta \/ Math\.pow\(1 \+ t, gamma\)\)/, "eta / Math.pow(1 + t, gamma)", "variance as std"],
  "15-valley-tuning.ts": [/lr: 4 \/ \(k \+ 1\) \*\* 2/, "lr: 0.1", "a rate off the optimum"],
  "16-stable-lr.ts": [/2 \/ 50/, "1 / 50", "half the stable rate"],
  "17-nag-stable-lr.ts": [/return \(2 \* \(1 \+ gamma\)\) \/ \(\(1 \+ 2 \* gamma\) \* 50\);/, "return (2 * (1 + gamma)) / 50;", "momentum's edge"],
  "18-adam-step-factor.ts": [/return \(1 - Math\.pow\(beta1, t\)\) \/ Math\.sqrt\(1 - Math\.pow\(beta2, t\)\);/, "return (1 - Math.pow(beta1, t)) / (1 - Math.pow(beta2, t));", "no root"],
  "19-heavy-ball-optimum.ts": [/momentum: \(\(b - a\) \/ \(b \+ a\)\) \*\* 2 \};/, "momentum: (b - a) / (b + a) };", "rate as momentum"],
  "20-adadelta-lock.ts": [/return 2 \/ h;/, "return 1 / h;", "Newton's step"],
  "21-noise-floor.ts": [/return \(lambda \/ 2\) \* errorVariance;/, "return errorVariance;", "error, not loss"],
  "22-delayed-stable-lr.ts": [/return 2 \* Math\.sin\(Math\.PI \/ \(2 \* \(2 \* tau \+ 1\)\)\);/, "return 2 / (tau + 1);", "averaged delay"],
};

type Variant = "reference" | "stub" | "sq-helper" | "type-error" | "syntax-error" | "mistake";
const VARIANTS: Variant[] = ["reference", "stub", "sq-helper", "type-error", "syntax-error", "mistake"];

function variantSource(file: string, v: Variant): string {
  const solution = readFileSync(join(REPO, "solutions", file), "utf8");
  switch (v) {
    case "reference":
      return `${solution}\nconsole.log("loaded", ${JSON.stringify(file)}, [1, 2]);\n`;
    case "stub":
      return readFileSync(join(REPO, "exercises", file), "utf8");
    case "sq-helper": // the example: fine for a type-stripping runner, an implicit any for the grader
      return `${solution}\nfunction sq(x){return x*x}\n`;
    case "type-error":
      return `${solution}\nexport const label: number = "two";\n`;
    case "syntax-error":
      return `${solution}\nconst broken = ;\n`;
    case "mistake": {
      const [re, by] = MISTAKES[file];
      return solution.replace(re, by);
    }
  }
}

interface CaseVerdict {
  id: string;
  status: string;
  score: number;
  diagnosis: string | null;
  message: string;
}

let server: Server;
let browser: Browser;
let work: string;
const graded = new Map<Variant, GradeReport>();

beforeAll(async () => {
  await buildSite();
  work = mkdtempSync(join(tmpdir(), "descent-parity-"));
  // `descent grade` on one folder per variant (all exercises at once), as a child process, one
  // after another. No variant loops, so a generous time limit only keeps a loaded machine from
  // turning a slow test into a timeout.
  for (const v of VARIANTS) {
    const dir = join(work, v);
    mkdirSync(dir);
    for (const f of exerciseFiles) writeFileSync(join(dir, f), variantSource(f, v));
    const { stdout } = await run(process.execPath, [join(REPO, "bin", "descent.mjs"), "grade", dir, "--format", "json", "--time-limit", "20"]);
    graded.set(v, JSON.parse(stdout) as GradeReport);
  }
  server = await startServer();
  browser = await launchChromium();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function runOnPage(page: Page, code: string): Promise<{ outcome: string; status: string; cases: CaseVerdict[]; marks: number; console: string }> {
  await page.click(".cm-content");
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText(code);
  await page.click(".ex-run");
  await page.waitForFunction(() => !["running", undefined].includes(document.querySelector<HTMLElement>(".exercise")?.dataset.outcome), null, { timeout: 60_000 });
  // The editor's marks are drawn on the next view update.
  await page.waitForTimeout(50);
  return page.evaluate(() => {
    const root = document.querySelector<HTMLElement>(".exercise")!;
    return {
      outcome: root.dataset.outcome!,
      status: root.querySelector(".ex-status")!.textContent ?? "",
      cases: Array.from(root.querySelectorAll<HTMLElement>(".ex-results li")).map((li) => ({
        id: li.dataset.case!,
        status: li.dataset.status!,
        score: Number(li.dataset.score),
        diagnosis: li.dataset.diagnosis ?? null,
        message: li.querySelector(".ex-feedback")!.childNodes[0]?.textContent ?? "",
      })),
      marks: root.querySelectorAll(".cm-lintRange-error").length,
      console: root.querySelector<HTMLElement>(".ex-console")!.hidden ? "" : root.querySelector(".ex-console pre")!.textContent ?? "",
    };
  });
}

describe("the exercise pages agree with descent grade on the visible tests", () => {
  it("has a catalogued mistake for every exercise, and each one changes the solution", () => {
    expect(Object.keys(MISTAKES).sort()).toEqual(exerciseFiles);
    for (const f of exerciseFiles) expect(variantSource(f, "mistake"), f).not.toBe(readFileSync(join(REPO, "solutions", f), "utf8"));
  });

  for (const file of exerciseFiles) {
    it(`${file}: reference, stub, sq helper, type error, syntax error and "${MISTAKES[file]?.[2]}" get the grader's verdicts`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${server.url}/exercises/${file.replace(/\.ts$/, "")}/`);
      await page.waitForSelector(".exercise[data-ready]", { timeout: 30_000 });
      const times: number[] = [];
      for (const v of VARIANTS) {
        const report = graded.get(v)!;
        const ex = report.exercises.find((e) => e.file === file)!;
        const visible = ex.cases.filter((c) => c.visible);
        expect(visible.length, `${file} has visible tests`).toBeGreaterThan(0);
        const t0 = Date.now();
        const got = await runOnPage(page, variantSource(file, v));
        times.push(Date.now() - t0);
        const where = `${file} (${v})`;
        // Same cases, same pass/fail, same points, same diagnosed mistake.
        expect(got.cases.map((c) => c.id), where).toEqual(visible.map((c) => c.id));
        expect(got.cases.map((c) => [c.status, c.score, c.diagnosis]), where).toEqual(visible.map((c) => [c.status, c.score, c.diagnosis?.id ?? null]));
        const compileFailed = visible.every((c) => c.message.startsWith("the file does not compile"));
        if (v === "sq-helper" || v === "type-error") {
          // The grader's exact message: the same check, same options, same wording.
          expect(compileFailed, where).toBe(true);
          expect(got.cases.map((c) => c.message), where).toEqual(visible.map((c) => c.message));
          expect(got.marks, `${where}: the error is marked in the editor`).toBeGreaterThan(0);
          expect(got.outcome, where).toBe("error");
        } else if (v === "syntax-error") {
          expect(compileFailed, where).toBe(true);
          expect(got.cases.every((c) => c.message.startsWith("the file does not compile")), where).toBe(true);
          expect(got.marks, `${where}: the error is marked in the editor`).toBeGreaterThan(0);
          expect(got.status, where).toMatch(/syntax error \(line \d+/);
        } else if (v === "reference") {
          expect(got.outcome, where).toBe("pass");
          expect(got.console, `${where}: console output is shown`).toContain(`loaded ${file} [1, 2]`);
          expect(got.marks, where).toBe(0);
        } else if (v === "stub") {
          expect(got.outcome, where).toBe("fail");
        } else {
          // The wrong rule: whatever the grader says on the visible tests (above); it must fail somewhere.
          expect(ex.score, `${where}: the grader fails the mistake`).toBeLessThan(ex.maxScore);
        }
      }
      // The first Run loads the compiler; the README quotes these.
      console.log(`[figures] ${file}: first Run ${times[0]} ms (compiler load, check, tests), later Runs ${JSON.stringify(times.slice(1))} ms`);
      expect(errors).toEqual([]);
      await context.close();
    }, 180_000);
  }
});
