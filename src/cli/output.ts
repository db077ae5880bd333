import { writeSync } from "node:fs";

/**
 * Where the `descent` command writes, and what happens when it cannot.
 *
 * The command writes through `CliIo` so tests run it in-process; the real process writes with
 * `fs.writeSync` on file descriptors 1 and 2 rather than through `process.stdout`: a synchronous
 * write reports a closed pipe (EPIPE) or a full disk (ENOSPC) as an exception at the call, where
 * `main` turns it into a quiet end or one line, instead of an asynchronous 'error' event that Node
 * prints as a stack trace after the run. Blocking writes also give natural back-pressure, so a
 * long CSV never piles up in memory: what is printed is bounded by one buffer of `CHUNK` bytes.
 */
export interface CliIo {
  /** Writes one line to standard output (the newline is added). May throw OutputError. */
  out(line: string): void;
  /** Writes one line to standard error (the newline is added). */
  err(line: string): void;
  /** Pushes buffered output out; `main` calls it before returning. May throw OutputError. */
  flush?(): void;
}

/** Standard output could not be written: `code` is the system's (EPIPE, ENOSPC, EBADF, ...). */
export class OutputError extends Error {
  override readonly name = "OutputError";
  constructor(readonly code: string) {
    super(`cannot write output: ${describeCode(code)}`);
  }
}

const WHY: Readonly<Record<string, string>> = {
  ENOSPC: "no space left on device",
  EPIPE: "the reader closed the pipe",
  EBADF: "standard output is closed",
  EIO: "input/output error",
  EFBIG: "file too large",
  EDQUOT: "disk quota exceeded",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
};

function describeCode(code: string): string {
  return WHY[code] ?? code;
}

/** Bytes gathered before one write(2); large enough that a million CSV rows take few system calls. */
const CHUNK = 1 << 16;

/** Sleeps without spinning the CPU (used only when a descriptor is non-blocking and full). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Writes all of `data` to `fd`, retrying on EAGAIN: a descriptor shared with a parent may be in
 * non-blocking mode, where a full pipe is "try again", not an error.
 */
function writeAll(fd: number, data: Buffer): void {
  let offset = 0;
  while (offset < data.length) {
    try {
      offset += writeSync(fd, data, offset, data.length - offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "EIO";
      if (code === "EAGAIN") {
        pause(1);
        continue;
      }
      throw new OutputError(code);
    }
  }
}

/** The CliIo of the real process: buffered stdout, unbuffered stderr. */
export function processIo(): CliIo {
  let pending: string[] = [];
  let pendingLength = 0;
  const flush = (): void => {
    if (pending.length === 0) return;
    const data = Buffer.from(pending.join(""), "utf8");
    pending = [];
    pendingLength = 0;
    writeAll(1, data);
  };
  return {
    out(line: string): void {
      pending.push(line, "\n");
      pendingLength += line.length + 1;
      if (pendingLength >= CHUNK) flush();
    },
    err(line: string): void {
      try {
        writeAll(2, Buffer.from(`${line}\n`, "utf8"));
      } catch {
        // Nowhere left to report a failure to report: stderr itself is closed or full.
      }
    },
    flush,
  };
}

/**
 * Makes any message one line: a message from a parser or the system may hold newlines (a JSON
 * error quoting two lines of a file), and the CLI promises one line per error.
 */
export function oneLine(message: string): string {
  return message.replace(/\s*[\r\n\u2028\u2029]+\s*/g, " ").trim();
}
