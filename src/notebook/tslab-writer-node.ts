import { createRequire } from "module";
import { join } from "path";
import type { MimeBundle } from "./mime-bundle";

/**
 * Writes one Jupyter output carrying several MIME types. tslab's public `display.raw` sends one
 * type per output, so this calls the display-data writer that tslab's kernel keeps for the cell
 * being executed (`lastWriteDisplayData` in tslab/dist/jupyter.js; it is what `display.raw`
 * calls, with the same message shape). It is looked up in Node's module cache so the instance the
 * running kernel loaded is used, whichever tslab install that is.
 */
type WriteDisplayData = (
  data: { data: MimeBundle; metadata: Record<string, unknown>; transient: { display_id?: string } },
  update: boolean,
) => void;

interface TslabJupyterModule {
  lastWriteDisplayData: WriteDisplayData | null;
}

function nodeRequire(): NodeRequire {
  // `require` exists under CommonJS (tslab, tsx); ESM runners get one made from the working directory.
  return typeof require === "function" ? require : createRequire(join(process.cwd(), "package.json"));
}

function loadedTslabJupyter(): TslabJupyterModule | undefined {
  const r = nodeRequire();
  for (const [file, mod] of Object.entries(r.cache)) {
    if (/[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(file) && mod) {
      const exported = mod.exports as Partial<TslabJupyterModule>;
      if (typeof exported.lastWriteDisplayData === "function") return exported as TslabJupyterModule;
    }
  }
  return undefined;
}

/** Whether this code runs inside a tslab kernel (so outputs can be displayed). */
export function inKernel(): boolean {
  return loadedTslabJupyter() !== undefined;
}

/**
 * Sends `bundle` as one output. With `displayId`, the output can later be replaced in place by
 * calling again with `update: true` (Jupyter's update_display_data).
 */
export function writeBundle(bundle: MimeBundle, displayId?: string, update = false): void {
  const jupyter = loadedTslabJupyter();
  if (!jupyter || !jupyter.lastWriteDisplayData) {
    // Outside a kernel (a script, a test): the plain text is the honest rendering.
    const text = bundle["text/plain"];
    console.log(typeof text === "string" ? text : JSON.stringify(bundle));
    return;
  }
  jupyter.lastWriteDisplayData({ data: bundle, metadata: {}, transient: displayId ? { display_id: displayId } : {} }, update);
}
