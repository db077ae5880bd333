import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from "node:fs";

/**
 * Reading what a student submitted: a regular file only, never through a link, never without a
 * bound. The path is looked at with lstat (a symbolic link, a FIFO, a device, a socket or a folder
 * is refused without being opened), then opened with O_NOFOLLOW | O_NONBLOCK (a link swapped in
 * meanwhile fails to open; a FIFO swapped in does not block), and the open descriptor is checked
 * again with fstat before at most `maxBytes` + 1 bytes are read from it. A device reports size 0,
 * so the size is never trusted alone: the read itself stops at the bound.
 */

export type SafeRead =
  | { readonly ok: true; readonly data: Buffer }
  | { readonly ok: false; readonly reason: "missing" | "not-regular" | "too-large" | "unreadable"; readonly message: string };

/** What a non-regular file system entry is, in words. */
export function entryKind(st: Stats): string {
  if (st.isSymbolicLink()) return "a symbolic link";
  if (st.isDirectory()) return "a folder";
  if (st.isFIFO()) return "a FIFO (named pipe)";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isSocket()) return "a socket";
  return "not a regular file";
}

export function readRegularFile(path: string, maxBytes: number, name = path): SafeRead {
  let st: Stats;
  try {
    st = lstatSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { ok: false, reason: "missing", message: `${name} was not found` };
    return { ok: false, reason: "unreadable", message: `${name} could not be read (${code ?? "error"})` };
  }
  if (!st.isFile()) return { ok: false, reason: "not-regular", message: `${name} is ${entryKind(st)}; only regular files are graded` };
  if (st.size > maxBytes) return { ok: false, reason: "too-large", message: `${name} is ${st.size} bytes; the limit is ${maxBytes}` };
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ELOOP") return { ok: false, reason: "not-regular", message: `${name} is a symbolic link; only regular files are graded` };
    return { ok: false, reason: "unreadable", message: `${name} could not be read (${code ?? "error"})` };
  }
  try {
    const now = fstatSync(fd);
    if (!now.isFile()) return { ok: false, reason: "not-regular", message: `${name} is ${entryKind(now)}; only regular files are graded` };
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, Math.max(now.size + 1, 4096)));
    let used = 0;
    let chunk = buffer;
    for (;;) {
      if (used === chunk.length) {
        if (chunk.length > maxBytes) break;
        const bigger = Buffer.alloc(Math.min(maxBytes + 1, chunk.length * 2));
        chunk.copy(bigger, 0, 0, used);
        chunk = bigger;
      }
      const n = readSync(fd, chunk, used, chunk.length - used, null);
      if (n === 0) break;
      used += n;
    }
    if (used > maxBytes) return { ok: false, reason: "too-large", message: `${name} is more than ${maxBytes} bytes; the limit is ${maxBytes}` };
    return { ok: true, data: chunk.subarray(0, used) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: "unreadable", message: `${name} could not be read (${code ?? "error"})` };
  } finally {
    closeSync(fd);
  }
}
