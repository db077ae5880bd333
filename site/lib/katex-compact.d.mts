// Types for katex-compact.mjs (plain JavaScript so that Astro's config and the Node scripts load it as is).
export interface KatexSheet { styles: Map<string, string>; paths: Map<string, string>; icons: Map<string, string> }
export const UNSELECTED_CLASSES: string[];
export function katexSheet(): KatexSheet;
export function compactKatex(html: string, sheet: KatexSheet, options?: { keepTex?: boolean }): string;
export function compactKatexIn(html: string, sheet: KatexSheet, options?: { keepTex?: boolean }): string;
export function compactKatexTree(node: unknown, sheet: KatexSheet, options?: { keepTex?: boolean }): void;
export function shareIconPath(node: unknown, sheet: KatexSheet): boolean;
export function katexSheetHtml(sheet: KatexSheet): string;
