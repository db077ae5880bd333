/** The formula with a caret under the character a parse error names ("at character 7"). */
export function caretFor(formula: string, message: string): string {
  const m = /at character (\d+)/.exec(message);
  if (!m) return message;
  const at = Math.max(1, Math.min(Number(m[1]), formula.length + 1));
  return `${formula}\n${" ".repeat(at - 1)}^\n${message}`;
}
