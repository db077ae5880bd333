import { describe, expect, it } from "vitest";
import { DescentInputError } from "../../src/core/errors";
import {
  createSchedule,
  SCHEDULE_NAMES,
  scheduleInfo,
  sgdr,
  warmup,
  constant,
  type Schedule,
} from "../../src/schedules/index";

describe("createSchedule", () => {
  it("makes every named schedule from lr and its defaults", () => {
    for (const name of SCHEDULE_NAMES) {
      const info = scheduleInfo(name);
      const s = createSchedule(name, { lr: 0.05 });
      expect(s.name).toBe(name);
      expect(s.hyper).toEqual({ lr: 0.05, ...info.defaults });
      expect(s.at(0)).toBeGreaterThan(0);
      expect(s.at(0)).toBeLessThanOrEqual(0.05);
      // Every default is an accepted option, and lr is always accepted.
      expect(info.accepts).toContain("lr");
      for (const key of Object.keys(info.defaults)) expect(info.accepts).toContain(key);
      expect(info.formula.length).toBeGreaterThan(5);
    }
  });

  it("rejects an unknown name with a DescentInputError listing the names", () => {
    expect(() => createSchedule("cosin", { lr: 0.1 })).toThrow(DescentInputError);
    expect(() => createSchedule("cosin", { lr: 0.1 })).toThrow(/"cosin".*"constant".*"sgdr"/);
    expect(() => scheduleInfo("linear")).toThrow(DescentInputError);
  });

  it("rejects an unknown option with a RangeError naming it", () => {
    expect(() => createSchedule("step", { lr: 0.1, stepsize: 3 })).toThrow(RangeError);
    expect(() => createSchedule("step", { lr: 0.1, stepsize: 3 })).toThrow(/"stepsize".*stepSize/);
    expect(() => createSchedule("constant", { lr: 0.1, gamma: 0.5 })).toThrow(/"gamma"/);
  });

  it("passes the hand-over schedule to warmup only", () => {
    const after = constant({ lr: 0.2 });
    const s = createSchedule("warmup", { warmupSteps: 4 }, after);
    expect(s.at(4)).toBe(0.2);
    expect(s.hyper.lr).toBe(0.2);
    expect(() => createSchedule("cosine", { lr: 0.1 }, after)).toThrow(DescentInputError);
  });
});

describe("option validation (RangeError naming the option and the value)", () => {
  const cases: Array<[string, Record<string, number>, RegExp]> = [
    ["constant", {}, /^lr must be a finite number > 0, got undefined$/],
    ["constant", { lr: -0.1 }, /^lr must be .*got -0\.1$/],
    ["constant", { lr: NaN }, /^lr must be .*got NaN$/],
    ["step", { lr: 0.1, gamma: 0 }, /^gamma must be a number in \(0, 1\], got 0$/],
    ["step", { lr: 0.1, gamma: 1.5 }, /^gamma must be .*got 1\.5$/],
    ["step", { lr: 0.1, stepSize: 2.5 }, /^stepSize must be an integer >= 1, got 2\.5$/],
    ["step", { lr: 0.1, stepSize: 0 }, /^stepSize must be an integer >= 1, got 0$/],
    ["exponential", { lr: 0.1, gamma: -1 }, /^gamma must be/],
    ["inverse-time", { lr: 0.1, decay: -0.5 }, /^decay must be a finite number >= 0, got -0\.5$/],
    ["inverse-time", { lr: 0.1, power: 0 }, /^power must be a finite number > 0, got 0$/],
    ["cosine", { lr: 0.1, tMax: 0 }, /^tMax must be an integer >= 1, got 0$/],
    ["cosine", { lr: 0.1, lrMin: 0.2 }, /^lrMin must be <= lr \(0\.1\), got 0\.2$/],
    ["cosine", { lr: 0.1, lrMin: -1 }, /^lrMin must be a finite number >= 0, got -1$/],
    ["warmup", { lr: 0.1, warmupSteps: 0 }, /^warmupSteps must be an integer >= 1, got 0$/],
    ["warmup", { lr: 0.1, warmupStart: 1.5 }, /^warmupStart must be a number in \[0, 1\], got 1\.5$/],
    ["sgdr", { lr: 0.1, t0: 0 }, /^t0 must be an integer >= 1, got 0$/],
    ["sgdr", { lr: 0.1, tMult: 1.5 }, /^tMult must be an integer >= 1, got 1\.5$/],
    ["sgdr", { lr: 0.1, tMult: 0 }, /^tMult must be an integer >= 1, got 0$/],
    ["sgdr", { lr: 0.1, lrMin: 0.5 }, /^lrMin must be <= lr/],
  ];
  for (const [name, options, message] of cases) {
    it(`${name} ${JSON.stringify(options)}`, () => {
      let error: unknown;
      try {
        createSchedule(name, options);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(RangeError);
      expect((error as Error).message).toMatch(message);
    });
  }

  it("at(t) rejects a negative, NaN or infinite t", () => {
    const schedules: Schedule[] = SCHEDULE_NAMES.map((n) => createSchedule(n, { lr: 0.1 }));
    for (const s of schedules) {
      expect(() => s.at(-1)).toThrow(/^t must be a finite number >= 0, got -1$/);
      expect(() => s.at(NaN)).toThrow(RangeError);
      expect(() => s.at(Infinity)).toThrow(RangeError);
    }
  });

  it("factories reject unknown options too (a typo from plain JavaScript)", () => {
    expect(() => sgdr({ lr: 0.1, T0: 5 } as unknown as { lr: number })).toThrow(/"T0".*t0/);
    expect(() => warmup({ lr: 0.1, after: 3 } as unknown as { lr: number })).toThrow(DescentInputError);
  });
});
