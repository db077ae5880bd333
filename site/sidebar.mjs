// The sidebar in course order, computed from the repository: lessons from notebooks/,
// exercises from exercises/. Nothing here names a lesson or an exercise.
import { exerciseEntries } from "./exercises.mjs";
import { notebookFiles, notebookTitle, slugOf } from "./course.mjs";

export async function sidebar() {
  const lessons = notebookFiles().map((f) => ({ label: notebookTitle(f), link: `/lessons/${slugOf(f)}/` }));
  const exercises = (await exerciseEntries()).map((e) => ({ label: `${e.id.slice(0, 2)} · ${e.title}`, link: `/exercises/${e.id}/` }));
  return [
    { label: "Start here", link: "/" },
    { label: "Lessons", items: lessons.length ? lessons : [{ label: "No lessons yet", link: "/" }] },
    { label: "Playground", link: "/playground/" },
    ...(exercises.length ? [{ label: "Exercises", collapsed: true, items: [{ label: "All exercises", link: "/exercises/" }, ...exercises] }] : []),
    { label: "For instructors", link: "/instructors/" },
    { label: "Bibliography", link: "/reference/bibliography/" },
  ];
}
