// Types for site-lessons.mjs (used by the site tests).
export function rewriteLinks(md: string): string;
export function buildLessons(): Promise<void>;
export function tableHeaders(html: string): string;
