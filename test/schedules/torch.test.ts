import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createSchedule } from "../../src/schedules/index";

/**
 * Learning rates recorded from torch.optim.lr_scheduler (PyTorch 1.13, Debian's python3-torch)
 * by scripts/torch_schedules.py: an independent reference for the schedules' semantics.
 */
interface Case {
  name: string;
  options: Record<string, number>;
  torch: number[];
}
const file = JSON.parse(readFileSync(join(__dirname, "fixtures", "torch-schedules.json"), "utf8")) as { cases: Case[] };

describe("schedules agree with torch.optim.lr_scheduler", () => {
  for (const c of file.cases) {
    it(`${c.name} ${JSON.stringify(c.options)}`, () => {
      const sched = createSchedule(c.name, c.options);
      c.torch.forEach((expected, t) => {
        // torch updates some schedules recursively (chainable form), so allow rounding drift.
        expect(Math.abs(sched.at(t) - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
      });
    });
  }
  it("covers SGDR restarts with growing cycles", () => {
    expect(file.cases.filter((c) => c.name === "sgdr" && c.options.tMult > 1).length).toBeGreaterThan(0);
  });
});
