/**
 * The lessons an exercise links: its stub's doc comment names them as "(lesson 08)", "(lessons 01
 * and 14)" or "a sweep in notebook 02". The per-assignment handout ships exactly these notebooks.
 */
export function linkedLessons(source: string): string[] {
  const header = (/\/\*\*([\s\S]*?)\*\//.exec(source)?.[1] ?? "").replace(/\n\s*\*/g, " ");
  const found = new Set<string>();
  for (const m of header.matchAll(/\b(?:lessons?|notebooks?) (\d\d(?:(?:,| and|,? or) \d\d)*)/g)) {
    for (const nn of m[1].match(/\d\d/g) ?? []) found.add(nn);
  }
  return [...found].sort();
}
