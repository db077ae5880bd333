import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DescentInputError } from "../../src/core/errors";
import { findAssignment } from "../../src/grader/assignments";
import { loadCourse } from "../../src/grader/assignments-node";
import { VISIBLE_EXERCISES } from "../../src/grader/catalogue";
import { linkedLessons } from "../../src/grader/lesson-links";

/**
 * The per-assignment part of `npm run handout` (handout-build.ts): `--assignment ID` picks the
 * assignment (from assignments.json, or `--config FILE`); the handout then holds only its stubs,
 * their visible tests and the notebooks they link, and its own assignments.json names that
 * assignment as the default, so `npx descent grade` in the handout grades exactly it.
 */

export interface HandoutAssignment {
  readonly id: string;
  readonly title: string;
  readonly notes?: string;
  readonly course?: string;
  /** Exercise names. */
  readonly names: ReadonlySet<string>;
  /** Paths relative to the repository that go in: exercises/NN-x.ts and notebooks/NN-y.ipynb. */
  readonly files: ReadonlySet<string>;
  readonly lessons: readonly string[];
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const value = process.argv[i + 1];
  if (value === undefined || value.startsWith("--")) throw new DescentInputError(`--${name} needs a value`);
  return value;
}

export function handoutAssignment(root: string): HandoutAssignment | undefined {
  const id = arg("assignment");
  const config = arg("config");
  if (id === undefined) {
    if (config !== undefined) throw new DescentInputError("--config goes with --assignment ID");
    return undefined;
  }
  // Resolved against the visible exercises: the same ids and names as the grader's registry.
  const course = loadCourse(config, root, VISIBLE_EXERCISES);
  const a = findAssignment(course, id);
  const specs = a.exercises.map((x) => VISIBLE_EXERCISES.find((e) => e.name === x.name)!);
  const notebooks = readdirSync(join(root, "notebooks")).filter((f) => f.endsWith(".ipynb"));
  const lessons = [...new Set(specs.flatMap((s) => linkedLessons(readFileSync(join(root, "exercises", s.file), "utf8"))))].sort();
  const lessonFiles = lessons.flatMap((nn) => notebooks.filter((f) => f.startsWith(`${nn}-`)).map((f) => `notebooks/${f}`));
  return {
    id: a.id,
    title: a.title,
    ...(a.notes !== undefined ? { notes: a.notes } : {}),
    ...(course.title !== undefined ? { course: course.title } : {}),
    names: new Set(specs.map((s) => s.name)),
    files: new Set([...specs.map((s) => `exercises/${s.file}`), ...lessonFiles]),
    lessons: lessonFiles.map((f) => f.slice("notebooks/".length)),
  };
}

/** The handout's own assignments.json and README, and the summary line. */
export function writeAssignmentHandout(out: string, a: HandoutAssignment): void {
  const exercises = [...a.files].filter((f) => f.startsWith("exercises/")).map((f) => f.slice("exercises/".length));
  // No point weights here: the handout has only the visible tests, graded with their own points.
  const config = {
    ...(a.course !== undefined ? { course: a.course } : {}),
    default: a.id,
    assignments: [{ id: a.id, title: a.title, exercises: [...a.names], ...(a.notes !== undefined ? { notes: a.notes } : {}) }],
  };
  const example = VISIBLE_EXERCISES.find((e) => a.names.has(e.name))!;
  writeFileSync(join(out, "assignments.json"), `${JSON.stringify(config, null, 2)}\n`);
  writeFileSync(
    join(out, "README.md"),
    [
      `# ${a.title}`,
      "",
      ...(a.notes !== undefined ? [a.notes, ""] : []),
      `Assignment \`${a.id}\`${a.course !== undefined ? ` of ${a.course}` : ""}. Your exercises:`,
      "",
      ...exercises.map((f) => `- \`exercises/${f}\``),
      "",
      ...(a.lessons.length > 0 ? ["The lessons they build on (open them with `npm run notebooks`):", "", ...a.lessons.map((f) => `- \`notebooks/${f}\``), ""] : []),
      "```sh",
      "npm install                              # once",
      `npx descent grade                        # grade this assignment's exercises (visible tests)`,
      `npx descent grade exercises/${exercises[0]}   # one exercise`,
      "```",
      "",
      "Each file states its equation, the function's signature and the task; replace",
      '`throw new Error("TODO")` with your code. The visible tests are listed in',
      "`exercises/VISIBLE-TESTS.md`; your grade also counts hidden tests on other inputs.",
      `In a notebook: \`import { check } from "./src/grader/check-node";\` then \`await check("${example.name}", ${example.exports.length === 1 ? example.exports[0] : `{ ${example.exports.join(", ")} }`})\`.`,
      "",
      `Submit the files of \`exercises/\` (your instructor says where: Gradescope or a folder).`,
      "",
    ].join("\n"),
  );
  process.stdout.write(`${out}: assignment ${a.id} (${a.title}): ${exercises.length} exercise${exercises.length === 1 ? "" : "s"} (${exercises.join(", ")}), ${a.lessons.length} notebook${a.lessons.length === 1 ? "" : "s"}; no solutions, no hidden tests\n`);
}
