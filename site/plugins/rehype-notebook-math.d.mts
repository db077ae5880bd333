// Types for rehype-notebook-math.mjs (unified plugins: attacher functions returning a transformer).
import type { Root } from "hast";
import type { VFile } from "vfile";
export function rehypeMathMarkers(): (tree: Root) => void;
export function rehypeMathRender(): (tree: Root, file: VFile) => void;
export function notebookMath(): { name: string; hooks: Record<string, (options: { updateConfig: (c: unknown) => void }) => void> };
