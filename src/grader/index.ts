/**
 * The grader's browser-safe entry: exercise definitions, the checker and the report formatters.
 * The site's Web Worker and the notebooks' `check` use this; the sandbox, file handling and class
 * grading are Node-only (`*-node.ts`).
 */
export type * from "./types";
export { VISIBLE_EXERCISES, EXERCISE_NAMES, findIn } from "./catalogue";
export { gradeExercise, inProcessRunner, mainDiagnosis, diagnose, totalReport, FAILURE_TEXT, type CaseRunner, type CaseSelection } from "./checker";
export { runDriver, toPlain } from "./drivers";
export { firstDifference, sameOutput, formatValue, DEFAULT_TOLERANCE, type Tolerance } from "./compare";
export { textReport, exerciseText, exerciseHtml, gradescopeResults, type GradescopeResults } from "./feedback";
export { checkExports } from "./check";
