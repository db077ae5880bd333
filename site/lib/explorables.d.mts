// Types for explorables.mjs.
export const EXPLORABLE_MARKER: RegExp;
export function explorableHtml(json: string, where: { slug: string; index: number }): string;
export function expandExplorables(md: string, ctx: { slug: string; explorables?: number }): string;
