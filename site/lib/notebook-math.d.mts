// Types for notebook-math.mjs (plain JavaScript so that Astro's config and the Node scripts load it as is).
export interface Formula { tex: string; display: boolean }
export function removeMath(source: string): { text: string; math: { raw: string; literal: boolean }[] };
export function classify(raw: string): Formula;
export function formulasOf(markdown: string): Formula[];
export function mathToPlaceholders(markdown: string): string;
export function placeholderPattern(): RegExp;
export function decodePlaceholder(kind: string, hex: string): Formula;
export function katexOptions(display: boolean, macros: Record<string, string>): Record<string, unknown>;
export function mathPlainText(tex: string): string;
export function withPlainMath(markdown: string): string;
