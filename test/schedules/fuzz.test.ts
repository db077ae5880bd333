import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DescentInputError } from "../../src/core/errors";
import { constant, cosine, createSchedule, exponential, inverseTime, SCHEDULE_NAMES, scheduledLr, scheduleInfo, sgdr, stepDecay, warmup, type Schedule } from "../../src/schedules/index";

/**
 * Schedules under hostile options (issue 5): every option object either builds a schedule whose
 * rate is a finite number >= 0 at every update, or is refused naming an option; a rate that a
 * hand-written schedule gets wrong is reported naming the schedule and the update.
 */

const KEYS = ["lr", "gamma", "stepSize", "decay", "power", "tMax", "lrMin", "warmupSteps", "warmupStart", "t0", "tMult", "__proto__", "LR", "steps"];
const hostile = fc.oneof(
  fc.double(),
  fc.constantFrom<unknown>(0, -1, 1, 0.5, 1e-300, 1e308, Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 53, "0.1", null, true, {}, [1]),
  fc.integer({ min: -5, max: 1000 }),
);
const optionObject = fc.array(fc.tuple(fc.constantFrom(...KEYS), hostile), { maxLength: 4 }).map((entries) => Object.fromEntries(entries) as Record<string, number>);
const updates = fc.array(fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 2 ** 40 })), { minLength: 1, maxLength: 8 });

describe("fuzz: schedules", () => {
  it("every option object builds a schedule with finite rates >= 0, or is refused naming an option", () => {
    fc.assert(
      fc.property(fc.constantFrom(...SCHEDULE_NAMES), optionObject, fc.boolean(), updates, (name, raw, withLr, ts) => {
        const options = withLr && !("lr" in raw) ? { ...raw, lr: 0.1 } : raw;
        let s: Schedule;
        try {
          s = createSchedule(name, options);
        } catch (error) {
          const e = error as Error;
          expect(e instanceof RangeError || e instanceof DescentInputError, String(e)).toBe(true);
          const keys = [...Object.keys(options), ...scheduleInfo(name).accepts];
          expect(keys.some((k) => e.message.includes(k)), e.message).toBe(true);
          return;
        }
        for (const t of ts) {
          const lr = s.at(t);
          expect(Number.isFinite(lr) && lr >= 0, `${name} ${JSON.stringify(options)} at ${t}: ${lr}`).toBe(true);
          expect(lr).toBeLessThanOrEqual(s.hyper.lr);
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 800) },
    );
  });
});

describe("schedules: options and rates checked (issue 5)", () => {
  it("a factory called without options is a DescentInputError naming the schedule, not a TypeError", () => {
    const factories: [string, (o: never) => Schedule][] = [
      ["constant", constant], ["step", stepDecay], ["exponential", exponential], ["inverse-time", inverseTime],
      ["cosine", cosine], ["warmup", warmup], ["sgdr", sgdr],
    ];
    for (const [name, make] of factories) {
      expect(() => make(undefined as never)).toThrow(DescentInputError);
      expect(() => make(undefined as never)).toThrow(`options for schedule "${name}" must be an object with at least lr, got undefined`);
    }
  });

  it("a __proto__ key is an unknown option; an inherited lr is refused", () => {
    expect(() => createSchedule("constant", JSON.parse('{"lr": 0.1, "__proto__": {"lr": -1}}') as Record<string, number>)).toThrow(/unknown option "__proto__"/);
    expect(() => constant(Object.create({ lr: 0.1 }) as { lr: number })).toThrow(/must be a plain object/);
  });

  it("warmup refuses an `after` schedule whose rate goes negative, naming it and the update", () => {
    const bad: Schedule = { name: "constant", hyper: { lr: 0.1 }, at: (t) => (t < 3 ? 0.1 : -0.1) };
    const w = warmup({ warmupSteps: 5, after: bad });
    expect(w.at(7)).toBe(0.1);
    expect(() => w.at(8)).toThrow(RangeError);
    expect(() => w.at(8)).toThrow('schedule "constant" returned lr -0.1 for update 3; a learning rate must be a finite number >= 0');
    const nan: Schedule = { name: "cosine", hyper: {}, at: () => NaN };
    expect(() => warmup({ warmupSteps: 2, after: nan })).toThrow(/schedule "cosine" returned lr NaN for update 0/);
  });

  it("scheduledLr passes 0 and positive rates through and refuses the rest", () => {
    const make = (v: unknown): Schedule => ({ name: "step", hyper: {}, at: () => v as number });
    expect(scheduledLr(make(0), 4)).toBe(0);
    expect(scheduledLr(make(0.25), 4)).toBe(0.25);
    for (const v of [-1e-9, NaN, Infinity, "0.1", undefined]) {
      expect(() => scheduledLr(make(v), 4)).toThrow(/^schedule "step" returned lr .* for update 4; a learning rate must be a finite number >= 0$/);
    }
  });
});
