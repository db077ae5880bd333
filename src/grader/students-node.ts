import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * The student folders of a class folder: its real subfolders (not starting with "."), sorted.
 * A subfolder that is a symbolic link (a classroom's git repository can hold one, pointing
 * anywhere, solutions/ included) is not followed: it is listed as that student's error, so it
 * shows in the gradebook and the summary instead of being dropped silently.
 */
export function studentFolders(root: string): { students: string[]; refused: Map<string, string> } {
  const students: string[] = [];
  const refused = new Map<string, string>();
  for (const d of readdirSync(root, { withFileTypes: true })) {
    if (d.name.startsWith(".")) continue;
    if (d.isDirectory()) {
      students.push(d.name);
      continue;
    }
    if (!d.isSymbolicLink()) continue;
    let toFolder = false;
    try {
      toFolder = statSync(join(root, d.name)).isDirectory();
    } catch {
      // a dangling link: not a student folder either way
    }
    if (toFolder) {
      students.push(d.name);
      refused.set(d.name, "not graded: the student folder is a symbolic link (only real folders are graded)");
    }
  }
  students.sort();
  return { students, refused };
}
