import { mainDiagnosis } from "./checker";
import { quoteStudent } from "./quote";
import type { CaseResult, ExerciseResult, GradeReport } from "./types";

/**
 * Reports from results: text for students (a table, then feedback per failing test), HTML for
 * notebooks and the site, and Gradescope's results.json. Browser-safe. Hidden tests' expected
 * values never reach a report: CaseResult carries none for them (see checker.ts).
 */

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + " ".repeat(n - s.length);
}

export function points(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}

/** Lines of feedback for one failing case. */
export function caseFeedback(c: CaseResult): string[] {
  const lines = [`  x ${c.title} [${c.visible ? "visible" : "hidden"}, ${points(c.score)}/${points(c.points)}]: ${c.message}`];
  if (c.input) lines.push(`      input:    ${c.input}`);
  if (c.expected !== undefined) lines.push(`      expected: ${c.expected}`);
  if (c.got !== undefined) lines.push(`      got:      ${c.got}`);
  if (c.diagnosis) lines.push(`      likely mistake: ${c.diagnosis.title}. ${c.diagnosis.hint}`);
  if (c.logs) lines.push(`      your console output: ${c.logs.split("\n").slice(0, 5).map((l) => quoteStudent(l, 200)).join(" | ")}`);
  return lines;
}

export function exerciseText(e: ExerciseResult, verbose = true): string {
  const lines = [`${e.file} (${e.title}): ${points(e.score)}/${points(e.maxScore)}`];
  for (const c of e.cases) {
    if (c.status === "passed") {
      if (verbose) lines.push(`  ok ${c.title} [${c.visible ? "visible" : "hidden"}, ${points(c.points)}]`);
    } else {
      lines.push(...caseFeedback(c));
    }
  }
  return lines.join("\n");
}

/** The student's text report: a table of scores, then the feedback. */
export function textReport(report: GradeReport): string {
  const width = Math.max(8, ...report.exercises.map((e) => e.file.length));
  const table = [`${pad("exercise", width)}  score`, `${"-".repeat(width)}  -----`];
  for (const e of report.exercises) {
    const diag = mainDiagnosis(e);
    const mark = e.score === e.maxScore ? "" : diag ? `  (${e.cases.find((c) => c.diagnosis?.id === diag)?.diagnosis?.title})` : "";
    table.push(`${pad(e.file, width)}  ${points(e.score)}/${points(e.maxScore)}${mark}`);
  }
  table.push(`${"-".repeat(width)}  -----`, `${pad("total", width)}  ${points(report.score)}/${points(report.maxScore)}`);
  const feedback = report.exercises.filter((e) => e.score < e.maxScore).map((e) => exerciseText(e, false));
  return [...(report.sandbox ? [report.sandbox.summary, ""] : []), table.join("\n"), ...(feedback.length ? ["", "Feedback:", "", feedback.join("\n\n")] : ["", "Every test passes."])].join("\n");
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

/** One exercise as a small HTML fragment (notebooks, the site). Inline styles: no stylesheet needed. */
export function exerciseHtml(e: ExerciseResult): string {
  const ok = e.score === e.maxScore;
  const rows = e.cases
    .map((c) => {
      const mark = c.status === "passed" ? "&#10003;" : "&#10007;";
      const colour = c.status === "passed" ? "#1a7f37" : "#cf222e";
      const detail: string[] = [];
      if (c.status === "failed") {
        detail.push(escapeHtml(c.message));
        if (c.input) detail.push(`<br><b>input</b>: <code>${escapeHtml(c.input)}</code>`);
        if (c.expected !== undefined) detail.push(`<br><b>expected</b>: <code>${escapeHtml(c.expected)}</code>`);
        if (c.got !== undefined) detail.push(`<br><b>got</b>: <code>${escapeHtml(c.got)}</code>`);
        if (c.diagnosis) detail.push(`<br><b>likely mistake: ${escapeHtml(c.diagnosis.title)}</b>. ${escapeHtml(c.diagnosis.hint)}`);
      }
      return `<tr><td style="color:${colour};font-weight:bold;padding:2px 6px">${mark}</td><td style="padding:2px 6px">${escapeHtml(c.title)}</td><td style="padding:2px 6px">${points(c.score)}/${points(c.points)}</td><td style="padding:2px 6px">${detail.join("")}</td></tr>`;
    })
    .join("");
  return `<div class="descent-check"><p style="font-weight:bold;margin:4px 0">${escapeHtml(e.title)}: ${points(e.score)}/${points(e.maxScore)} ${ok ? "&#10003; all visible tests pass" : ""}</p><table style="border-collapse:collapse">${rows}</table></div>`;
}

/** Gradescope's results.json (https://gradescope-autograders.readthedocs.io, "Output format"). */
export interface GradescopeResults {
  score: number;
  execution_time: number;
  output: string;
  visibility: "visible";
  stdout_visibility: "hidden";
  tests: {
    name: string;
    number: string;
    score: number;
    max_score: number;
    status: "passed" | "failed";
    output: string;
    visibility: "visible" | "after_published";
  }[];
}

export function gradescopeResults(report: GradeReport): GradescopeResults {
  const tests: GradescopeResults["tests"] = [];
  report.exercises.forEach((e, i) => {
    e.cases.forEach((c, j) => {
      tests.push({
        name: `${e.file}: ${c.title}`,
        number: `${i + 1}.${j + 1}`,
        score: c.score,
        max_score: c.points,
        status: c.status,
        output: c.status === "passed" ? "" : caseFeedback(c).map((l) => l.trim()).join("\n"),
        // Hidden tests show their score and feedback (never an expected value) once grades are published.
        visibility: c.visible ? "visible" : "after_published",
      });
    });
  });
  return {
    score: report.score,
    execution_time: Math.round(report.seconds * 1000) / 1000,
    output: `Total ${points(report.score)}/${points(report.maxScore)}. Visible tests are those in your handout; hidden tests are graded the same way.`,
    visibility: "visible",
    stdout_visibility: "hidden",
    tests,
  };
}
