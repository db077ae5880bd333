// Types for references.mjs (site/references.json).
export interface Reference { key: string; type: string; author: string[]; title: string; year: number; lessons: string[]; arxiv?: string; doi?: string; url?: string; [field: string]: unknown }
export function loadReferences(): Reference[];
export function referenceLink(r: Reference): { href: string; label: string } | null;
export function referenceHtml(r: Reference): string;
export function referencesFor(lessonNumber: string, refs?: Reference[]): Reference[];
export function toBibtex(refs?: Reference[]): string;
