// The course's sources (site/references.json) as HTML for the lessons and the bibliography page,
// and as BibTeX (/references.bib). One file of data; nothing here names a paper.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SITE_DIR } from "../course.mjs";

export function loadReferences() {
  return JSON.parse(readFileSync(join(SITE_DIR, "references.json"), "utf8")).references;
}

const escapeHtml = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The entry's link: arXiv, else DOI, else its URL. */
export function referenceLink(r) {
  if (r.arxiv) return { href: `https://arxiv.org/abs/${r.arxiv}`, label: `arXiv:${r.arxiv}` };
  if (r.doi) return { href: `https://doi.org/${r.doi}`, label: `doi:${r.doi}` };
  if (r.url) return { href: r.url, label: new URL(r.url).hostname.replace(/^www\./, "") };
  return null;
}

const authors = (list) => (list.length <= 2 ? list.join(" and ") : `${list.slice(0, -1).join(", ")} and ${list[list.length - 1]}`);

/** One reference as an HTML list item: authors (year). Title. Venue. Link. */
export function referenceHtml(r) {
  const venue = r.journal ? `${r.journal}${r.volume ? ` ${r.volume}` : ""}${r.number ? `(${r.number})` : ""}${r.pages ? `, ${r.pages.replace("--", "–")}` : ""}` : r.booktitle ?? r.howpublished ?? (r.arxiv ? "Preprint" : "");
  const link = referenceLink(r);
  return (
    `<li id="ref-${r.key}">${escapeHtml(authors(r.author))} (${r.year}). <cite>${escapeHtml(r.title)}</cite>.` +
    (venue ? ` ${escapeHtml(venue)}.` : "") +
    (r.note ? ` ${escapeHtml(r.note)}.` : "") +
    (link ? ` <a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a>` : "") +
    `</li>`
  );
}

/** The references a lesson cites, by its number ("08"). */
export function referencesFor(lessonNumber, refs = loadReferences()) {
  return refs.filter((r) => r.lessons.includes(lessonNumber));
}

const bibValue = (v) => `{${String(v).replace(/([{}])/g, "\\$1")}}`;

/** The whole bibliography as BibTeX. */
export function toBibtex(refs = loadReferences()) {
  return refs
    .map((r) => {
      const fields = { author: r.author.join(" and "), title: r.title };
      for (const k of ["journal", "booktitle", "series", "volume", "number", "pages", "publisher", "howpublished", "year", "doi", "note"]) if (r[k] !== undefined) fields[k] = r[k];
      if (r.arxiv) Object.assign(fields, { eprint: r.arxiv, archivePrefix: "arXiv" });
      const link = referenceLink(r);
      if (link) fields.url = link.href;
      const body = Object.entries(fields).map(([k, v]) => `  ${k} = ${k === "title" ? `{${bibValue(v)}}` : bibValue(v)}`).join(",\n");
      return `@${r.type}{${r.key},\n${body}\n}`;
    })
    .join("\n\n") + "\n";
}
