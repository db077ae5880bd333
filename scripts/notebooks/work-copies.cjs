/**
 * The student's working copies of the lessons: `npm run notebooks` opens Jupyter on
 * <repo>/my-notebooks/ (git-ignored), never on the tracked notebooks/, so Jupyter's autosave (every
 * two minutes, with outputs) never changes a lesson under git, and a `git pull` never meets a
 * student's edits.
 *
 * Each run brings the folder up to date with notebooks/, never losing a student's work:
 * - a lesson with no copy is copied (first run, a new lesson, or a copy the student deleted to
 *   start over);
 * - a copy whose cells the student has not edited (same code and text as the lesson it was copied
 *   from; outputs do not count) follows a changed lesson: it is replaced by the new version;
 * - a copy the student HAS edited is never touched: when its lesson changed, the run says so and
 *   `--refresh NAME` (or `--refresh all`) replaces it, after renaming the student's copy to
 *   `NAME.mine-YYYYMMDD-HHMMSS.ipynb` beside it. Nothing is ever deleted.
 *
 * What was copied is recorded in my-notebooks/.descent-lessons.json: per lesson, the hash of the
 * lesson file as copied and the hash of its cells' code and text.
 */
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const MANIFEST = ".descent-lessons.json";

const sha256 = (data) => crypto.createHash("sha256").update(data).digest("hex");
const joined = (s) => (Array.isArray(s) ? s.join("") : typeof s === "string" ? s : "");

/** The hash of a notebook's cells' types and sources (outputs, counts and metadata ignored), or null if unreadable. */
function sourcesHash(file) {
  try {
    const nb = JSON.parse(fs.readFileSync(file, "utf8"));
    if (!nb || !Array.isArray(nb.cells)) return null;
    return sha256(JSON.stringify(nb.cells.map((c) => [c.cell_type, joined(c.source)])));
  } catch {
    return null;
  }
}

function readManifest(workDir) {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(workDir, MANIFEST), "utf8"));
    if (m && typeof m.lessons === "object" && m.lessons) return m;
  } catch {
    /* first run, or a damaged file: start a new record (copies on disk are kept) */
  }
  return { version: 1, lessons: {} };
}

/** "20261203-161502" in local time: a name part that sorts by date. */
function stamp(date) {
  const p = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
}

/** A name for the student's copy kept aside that does not exist yet. */
function keptName(workDir, name, date) {
  const stem = name.replace(/\.ipynb$/, "");
  for (let i = 0; ; i++) {
    const candidate = `${stem}.mine-${stamp(date)}${i ? `-${i}` : ""}.ipynb`;
    if (!fs.existsSync(path.join(workDir, candidate))) return candidate;
  }
}

/** The lesson names a `--refresh` value selects: "all", a file name, or a prefix ("03"). */
function selectRefresh(values, lessons) {
  const picked = new Set();
  for (const v of values) {
    if (v === "all") lessons.forEach((l) => picked.add(l));
    else {
      const b = path.basename(v);
      const hits = lessons.filter((l) => l === b || l === `${b}.ipynb` || l.startsWith(b));
      if (hits.length === 0) throw new Error(`--refresh ${v}: no lesson matches (have: ${lessons.join(", ")})`);
      hits.forEach((h) => picked.add(h));
    }
  }
  return picked;
}

/**
 * Brings `workDir` up to date with the lessons of `lessonsDir` (see the file comment). Returns
 * what it did, per lesson name: created, restored, updated, refreshed ({ name, keptAs }), offered,
 * current. Throws (with a clear message) on a `refresh` value that names no lesson.
 */
function syncWorkCopies({ lessonsDir, workDir, refresh = [], now = new Date() }) {
  const lessons = fs.readdirSync(lessonsDir).filter((f) => f.endsWith(".ipynb")).sort();
  const wanted = selectRefresh(refresh, lessons);
  fs.mkdirSync(workDir, { recursive: true });
  const manifest = readManifest(workDir);
  const report = { created: [], restored: [], updated: [], refreshed: [], offered: [], current: [] };
  const record = (name, lessonFile) => {
    manifest.lessons[name] = { lessonHash: sha256(fs.readFileSync(lessonFile)), sourcesHash: sourcesHash(lessonFile) };
  };
  const copyLesson = (name, lessonFile) => {
    fs.copyFileSync(lessonFile, path.join(workDir, name));
    record(name, lessonFile);
  };
  for (const name of lessons) {
    const lessonFile = path.join(lessonsDir, name);
    const copy = path.join(workDir, name);
    const entry = manifest.lessons[name];
    if (!fs.existsSync(copy)) {
      copyLesson(name, lessonFile);
      (entry ? report.restored : report.created).push(name);
      continue;
    }
    const lessonHash = sha256(fs.readFileSync(lessonFile));
    const copySources = sourcesHash(copy);
    // A copy the student has not edited: its cells equal those of the lesson it was copied from
    // (or, with no record, those of the lesson as it is now).
    const unedited = copySources !== null && copySources === (entry ? entry.sourcesHash : sourcesHash(lessonFile));
    const lessonChanged = !entry || entry.lessonHash !== lessonHash;
    if (!lessonChanged && (unedited || !wanted.has(name))) {
      report.current.push(name);
    } else if (unedited) {
      copyLesson(name, lessonFile); // only the lesson's own text (and old outputs) is replaced
      (entry ? report.updated : report.current).push(name);
    } else if (wanted.has(name)) {
      const keptAs = keptName(workDir, name, now);
      fs.renameSync(copy, path.join(workDir, keptAs));
      copyLesson(name, lessonFile);
      report.refreshed.push({ name, keptAs });
    } else {
      report.offered.push(name);
    }
  }
  const tmp = path.join(workDir, `${MANIFEST}.tmp`);
  fs.writeFileSync(tmp, `${JSON.stringify(manifest, null, 1)}\n`);
  fs.renameSync(tmp, path.join(workDir, MANIFEST));
  return report;
}

/** The lines `npm run notebooks` prints about the working copies (empty lines left out). */
function describeSync(report, shownDir) {
  const lines = [];
  const list = (xs) => xs.join(", ");
  if (report.created.length) lines.push(`Copied ${report.created.length} lesson${report.created.length === 1 ? "" : "s"} into ${shownDir}/: ${list(report.created)}`);
  if (report.restored.length) lines.push(`Copied again (your copy was deleted): ${list(report.restored)}`);
  if (report.updated.length) lines.push(`Updated to the new lesson (you had not edited them): ${list(report.updated)}`);
  for (const r of report.refreshed) lines.push(`Refreshed ${r.name}; your previous copy is kept as ${shownDir}/${r.keptAs}`);
  if (report.offered.length) {
    lines.push(`Changed lessons you have edited (your copies are untouched): ${list(report.offered)}`);
    lines.push(`  to take the new version, keeping yours beside it: npm run notebooks -- --refresh ${report.offered.length === 1 ? report.offered[0].replace(/\.ipynb$/, "") : "all"}`);
  }
  return lines;
}

module.exports = { syncWorkCopies, describeSync, sourcesHash, MANIFEST };
