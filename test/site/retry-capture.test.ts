import { describe, expect, it } from "vitest";
import { retryHungCapture } from "./support/site";

// The screenshot tests retry a full-page capture that hangs, and nothing else.
describe("retryHungCapture", () => {
  const hang = () => new Error("page.screenshot: Timeout 90000ms exceeded.\nCall log:\n  - taking page screenshot");

  it("tries again after a hung capture and stops at the first success", async () => {
    let calls = 0;
    await retryHungCapture("x", async () => {
      calls++;
      if (calls < 3) throw hang();
    });
    expect(calls).toBe(3);
  });

  it("throws the last hang once the attempts are spent", async () => {
    let calls = 0;
    await expect(retryHungCapture("x", async () => {
      calls++;
      throw hang();
    }, 2)).rejects.toThrow(/page\.screenshot: Timeout/);
    expect(calls).toBe(2);
  });

  it("throws any other failure at once (a failed check is never retried away)", async () => {
    let calls = 0;
    await expect(retryHungCapture("x", async () => {
      calls++;
      throw new Error("expected 12 to be less than or equal to 0");
    })).rejects.toThrow(/less than or equal/);
    expect(calls).toBe(1);
    calls = 0;
    await expect(retryHungCapture("x", async () => {
      calls++;
      throw new Error("page.waitForFunction: Timeout 60000ms exceeded.");
    })).rejects.toThrow(/waitForFunction/);
    expect(calls).toBe(1);
  });
});
