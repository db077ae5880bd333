import { spawn } from "node:child_process";
import { closeSync, ftruncateSync, mkdtempSync, openSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatBytes, MAX_DATA_BYTES, MAX_RECORDED_VALUES } from "../../src/cli/bounds";

/**
 * The `descent` binary as a real child process, for what only a real process shows: a reader
 * that closes the pipe, a full disk, files the kernel serves (sparse, /dev/zero), and the memory
 * of the longest runs (under a 256 MB heap, a run that kept every point of 50 x 1e6 would crash).
 */

const bin = join(__dirname, "..", "..", "bin", "descent.mjs");
const dir = mkdtempSync(join(tmpdir(), "descent-process-"));

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

type Stdout = "pipe" | number;

/** Starts the command; `onStdout` sees each chunk of stdout and may close it. */
function descent(argv: string[], stdout: Stdout, onStdout?: (chunk: Buffer, close: () => void) => void): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--max-old-space-size=256", bin, ...argv], { stdio: ["ignore", stdout, "pipe"] });
    let stderr = "";
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (t: string) => (stderr += t));
    if (child.stdout && onStdout) {
      const out = child.stdout;
      out.on("data", (chunk: Buffer) => onStdout(chunk, () => out.destroy()));
    }
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stderr }));
  });
}

function oneErrorLine(stderr: string): string {
  const lines = stderr.split("\n");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toBe("");
  expect(stderr).not.toMatch(/\n\s+at /);
  return lines[0];
}

describe("descent as a child process", () => {
  it("ends quietly when the reader closes the pipe after the first line (| head -1)", async () => {
    let first = "";
    let closed = false;
    const ended = await descent(["run", "--steps", "1000000", "--format", "csv"], "pipe", (chunk, close) => {
      if (closed) return;
      first += chunk.toString("utf8");
      if (first.includes("\n")) {
        closed = true;
        close();
      }
    });
    expect(first.split("\n")[0]).toBe("step,x,y,loss");
    expect(ended.stderr).toBe("");
    expect(ended.signal).toBeNull();
    expect(ended.code).toBe(0);
  }, 60_000);

  it("prints one line and exits 1 when the disk is full (> /dev/full)", async () => {
    const full = openSync("/dev/full", "w");
    try {
      const ended = await descent(["run", "--steps", "100"], full);
      expect(ended.code).toBe(1);
      expect(oneErrorLine(ended.stderr)).toBe("descent: error: cannot write output: no space left on device");
    } finally {
      closeSync(full);
    }
  }, 30_000);

  it("refuses a data file one byte above the limit without reading it", async () => {
    const file = join(dir, "limit-plus-one.json");
    const fd = openSync(file, "w");
    ftruncateSync(fd, MAX_DATA_BYTES + 1); // sparse
    closeSync(fd);
    const ended = await descent(["run", "--problem", "least-squares", "--data", file], "pipe");
    expect(ended.code).toBe(2);
    expect(oneErrorLine(ended.stderr)).toBe(
      `descent: error: data file ${JSON.stringify(file)} is 16 MiB (${MAX_DATA_BYTES + 1} bytes); the limit is 16 MiB (${MAX_DATA_BYTES} bytes)`,
    );
  }, 30_000);

  it("stops reading /dev/zero at the limit", async () => {
    const ended = await descent(["run", "--problem", "least-squares", "--data", "/dev/zero"], "pipe");
    expect(ended.code).toBe(2);
    expect(oneErrorLine(ended.stderr)).toMatch(/^descent: error: data file "\/dev\/zero" is longer than that; the limit is 16 MiB/);
  }, 30_000);

  /** Streams the CSV of a least-squares run and checks its shape without keeping it. */
  async function bigCsv(n: number, d: number, steps: number): Promise<{ rows: number; lastStep: number; ended: Ended }> {
    const X = Array.from({ length: n }, (_, i) => Array.from({ length: d }, (_, j) => Math.cos(i + j / d) / d));
    const y = Array.from({ length: n }, (_, i) => i % 2);
    const file = join(dir, `ls-${n}x${d}.json`);
    writeFileSync(file, JSON.stringify({ X, y }));
    let rows = 0;
    let partial = "";
    let header = "";
    let lastLine = "";
    let badWidth = 0;
    const ended = await descent(
      ["run", "--problem", "least-squares", "--data", file, "--optimizer", "sgd", "--lr", "0.1", "--steps", String(steps), "--format", "csv"],
      "pipe",
      (chunk) => {
        const lines = (partial + chunk.toString("utf8")).split("\n");
        partial = lines.pop() ?? "";
        for (const line of lines) {
          if (header === "") header = line;
          else {
            rows++;
            if (line.split(",").length !== d + 2) badWidth++;
            lastLine = line;
          }
        }
      },
    );
    expect(partial).toBe(""); // the output ends with a newline
    expect(badWidth).toBe(0);
    expect(header.split(",")).toEqual(["step", ...Array.from({ length: d }, (_, j) => `theta${j}`), "loss"]);
    return { rows, lastStep: Number(lastLine.split(",")[0]), ended };
  }

  it("runs 50 features x 1e6 steps as CSV within a 256 MB heap, printing one point in every k", async () => {
    const { rows, lastStep, ended } = await bigCsv(5, 50, 1_000_000);
    expect(ended.code).toBe(0);
    // (1e6 + 1) points x 50 = 5.0e7 values: one in every 21 is kept, and the last point.
    expect(oneErrorLine(ended.stderr)).toBe(
      `descent: note: 1000001 points x 50 parameters exceed the ${MAX_RECORDED_VALUES} values a run records; printed one point in every 21 (and the last point), ${rows} rows`,
    );
    expect(rows).toBe(Math.floor(1_000_000 / 21) + 2);
    expect(rows * 50).toBeLessThanOrEqual(MAX_RECORDED_VALUES);
    expect(lastStep).toBe(1_000_000);
  }, 120_000);

  it("runs 2000 features x 2e5 steps as CSV within a 256 MB heap", async () => {
    const { rows, lastStep, ended } = await bigCsv(1, 2000, 200_000);
    expect(ended.code).toBe(0);
    expect(oneErrorLine(ended.stderr)).toMatch(/^descent: note: 200001 points x 2000 parameters exceed .* printed one point in every 161 \(and the last point\), 1244 rows$/);
    expect(rows * 2000).toBeLessThanOrEqual(MAX_RECORDED_VALUES);
    expect(lastStep).toBe(200_000);
  }, 120_000);
});
