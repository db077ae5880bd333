// The exercises as the site sees them, from the grader's own definitions (src/grader/catalogue.ts,
// the visible tests only: name, file, title, cases): one page per exercise at /exercises/<file stem>/. Which lessons an
// exercise belongs to is read from its file's doc comment ("(lesson 08)", "(lessons 01 and 14)").
// This module imports TypeScript: it runs inside Astro (Vite) and under tsx.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO } from "./course.mjs";

let cache;

export async function exerciseEntries() {
  if (cache) return cache;
  if (!existsSync(join(REPO, "src", "grader", "catalogue.ts"))) return (cache = []);
  const { VISIBLE_EXERCISES } = await import("../src/grader/catalogue.ts");
  cache = VISIBLE_EXERCISES.map((spec) => {
    const id = spec.file.replace(/\.ts$/, "");
    const path = join(REPO, "exercises", spec.file);
    const text = existsSync(path) ? readFileSync(path, "utf8") : "";
    const header = (/\/\*\*([\s\S]*?)\*\//.exec(text)?.[1] ?? "").replace(/\n\s*\*/g, " ");
    const lessons = [];
    const m = /lessons? (\d\d(?:(?:,| and|,? or) \d\d)*)/.exec(header);
    if (m) lessons.push(...m[1].match(/\d\d/g));
    return { id, name: spec.name, file: spec.file, title: spec.title, lessons, visible: spec.cases.filter((c) => c.visible).length };
  });
  return cache;
}

/** The exercises of a lesson (NN-topic). */
export async function exercisesForLesson(slug) {
  const nn = slug.slice(0, 2);
  return (await exerciseEntries()).filter((e) => e.lessons.includes(nn));
}
