import { createHash, randomBytes } from "node:crypto";
import { closeSync, constants, lstatSync, openSync, readlinkSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync, type Stats } from "node:fs";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import { DescentInputError } from "../core/errors";
import { EXERCISES } from "./registry";
import { entryKind, readRegularFile } from "./safe-read-node";

/** File helpers for grading: atomic writes and fingerprints that decide whether a grade is current. */

/**
 * Writes `text` to `path` without ever destroying what is there:
 * - a new path, or an existing regular file: atomically (a temporary file in the same folder, then
 *   rename), so a reader never sees half a file and a crash never leaves one;
 * - a symbolic link: the same, at the file it points to (the link stays a link);
 * - a character device or a FIFO (`/dev/null`, `/dev/stdout`, a pipe): written through, never
 *   replaced;
 * - a folder, a missing parent folder, a block device or a socket: refused with one clear line
 *   (a DescentInputError), before anything is written.
 */
export function writeAtomic(path: string, text: string): void {
  const target = outputTarget(path);
  if (target.through) {
    let fd: number | undefined;
    try {
      fd = openSync(target.path, constants.O_WRONLY | constants.O_NOCTTY);
      writeSync(fd, text);
    } catch (error) {
      throw new DescentInputError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    return;
  }
  const temp = join(dirname(target.path), `.${basename(target.path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    writeFileSync(temp, text, { flag: "wx" });
    renameSync(temp, target.path);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // never created, or already renamed
    }
    throw new DescentInputError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/**
 * Where `writeAtomic` will write and how; throws the one-line DescentInputError when it would
 * refuse. Callers check an output path before long work (a class's gradebook) with it.
 */
export function outputTarget(path: string, hops = 0): { path: string; through: boolean } {
  if (path === "") throw new DescentInputError("the output path is empty");
  let st: Stats | undefined;
  try {
    st = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw new DescentInputError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code}`);
  }
  if (st === undefined) {
    const parent = dirname(resolve(path));
    let pst: Stats | undefined;
    try {
      pst = statSync(parent);
    } catch {
      // missing: refused below
    }
    if (!pst) throw new DescentInputError(`cannot write ${path}: the folder ${parent} does not exist`);
    if (!pst.isDirectory()) throw new DescentInputError(`cannot write ${path}: ${parent} is not a folder`);
    return { path, through: false };
  }
  if (st.isSymbolicLink()) {
    if (hops > 16) throw new DescentInputError(`cannot write ${path}: too many symbolic links`);
    const link = readlinkSync(path);
    return outputTarget(isAbsolute(link) ? link : join(dirname(path), link), hops + 1);
  }
  if (st.isFile()) return { path, through: false };
  if (st.isDirectory()) throw new DescentInputError(`cannot write ${path}: it is a folder; give a file path such as ${join(path, "report.txt")}`);
  if (st.isCharacterDevice() || st.isFIFO()) return { path, through: true };
  throw new DescentInputError(`cannot write ${path}: it is ${entryKind(st)}; give a regular file path`);
}

/** What the grader is: every exercise's cases and points. A change re-grades everything. */
export function graderFingerprint(options: object = {}): string {
  const h = createHash("sha256");
  // Options that change a grade (the time limit, memory limits) are part of what the grader is.
  h.update(`${JSON.stringify(Object.entries(options).sort(([a], [b]) => (a < b ? -1 : 1)))}\n`);
  for (const e of EXERCISES) {
    h.update(`${e.name}:${e.file}\n`);
    for (const c of e.cases) h.update(`${c.id}:${c.points}:${JSON.stringify(c.input)}\n`);
  }
  return h.digest("hex").slice(0, 16);
}

/** The largest exercise file graded (a larger one is refused with its size). */
export const MAX_SOURCE_BYTES = 512 * 1024;

/** A submission's fingerprint: the grader's and the contents of its exercise files. */
export function submissionFingerprint(dir: string, grader: string): string {
  const h = createHash("sha256").update(grader);
  for (const e of EXERCISES) {
    h.update(`\n${e.file}\n`);
    // The same bounded, regular-files-only read as grading: a FIFO or a device never blocks here.
    const read = readRegularFile(join(dir, e.file), MAX_SOURCE_BYTES, e.file);
    if (read.ok) h.update(read.data);
    else h.update(`(${read.message})`);
  }
  return h.digest("hex").slice(0, 24);
}
