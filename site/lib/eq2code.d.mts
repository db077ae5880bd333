// Types for eq2code.mjs (used by the site tests).
export interface TermSpec { id: string; label: string; code: string[] }
export interface ConventionSpec { from: string; file?: string; latex: string; terms: TermSpec[] }
export interface EquationMapping {
  optimizer: string;
  title: string;
  file: string;
  compare: { surface: string; steps: number; options: Record<string, unknown>; pytorchOptions?: Record<string, unknown> };
  seed: ConventionSpec;
  pytorch?: ConventionSpec;
}
export function equationMappings(): Map<string, EquationMapping>;
export function functionLines(source: string, from: string, file: string): { start: number; end: number; lines: string[] };
export function locateTerms(fnLines: string[], terms: TermSpec[], file: string): Map<string, number[]>;
export function eq2codeHtml(mapping: EquationMapping, convention: "seed" | "pytorch"): Promise<string>;
export function tokenCss(): string;
export function contrast(a: string, b: string): number;
export function readable(color: string, bg: string, target?: number): string;
