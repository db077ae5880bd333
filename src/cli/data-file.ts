import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { DescentInputError, show } from "../core/errors";
import { MAX_DATA_BYTES, formatBytes } from "./bounds";

/**
 * Reads a `--data` file as text without ever holding more than MAX_DATA_BYTES + 1 bytes.
 *
 * A regular file whose size is above the limit is refused before any byte is read. Anything else
 * (a pipe, `/dev/stdin`, `/dev/zero`, a process substitution) has no size to check, so it is read
 * in chunks and refused as soon as it passes the limit. The file is opened non-blocking so that
 * opening a FIFO nobody writes to does not hang; reads that find it empty wait briefly and retry.
 * A UTF-8 byte-order mark, which some editors write, is dropped.
 */
export function readDataFile(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw cannotRead(path, error);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new DescentInputError(`cannot read data file ${show(path)}: it is a directory`);
    if (stat.isFile() && stat.size > MAX_DATA_BYTES) throw tooLarge(path, `is ${formatBytes(stat.size)} (${stat.size} bytes)`);
    const text = readBounded(fd, path).toString("utf8");
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } finally {
    closeSync(fd);
  }
}

function readBounded(fd: number, path: string): Buffer {
  const limit = MAX_DATA_BYTES + 1; // one byte more than allowed tells "too large" from "exactly at the limit"
  let buffer = Buffer.allocUnsafe(Math.min(limit, 1 << 16));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length >= limit) throw tooLarge(path, "is longer than that");
      const bigger = Buffer.allocUnsafe(Math.min(limit, buffer.length * 2));
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    let n: number;
    try {
      n = readSync(fd, buffer, length, buffer.length - length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EAGAIN") {
        // An open pipe with nothing in it yet: wait for the writer instead of spinning.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        continue;
      }
      throw cannotRead(path, error);
    }
    if (n === 0) return buffer.subarray(0, length);
    length += n;
  }
}

function tooLarge(path: string, what: string): DescentInputError {
  return new DescentInputError(
    `data file ${show(path)} ${what}; the limit is ${formatBytes(MAX_DATA_BYTES)} (${MAX_DATA_BYTES} bytes)`,
  );
}

function cannotRead(path: string, error: unknown): DescentInputError {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === "ENOENT" ? "no such file"
    : code === "EISDIR" ? "it is a directory"
    : code === "EACCES" ? "permission denied"
    : code ?? "unreadable";
  return new DescentInputError(`cannot read data file ${show(path)}: ${why}`);
}
