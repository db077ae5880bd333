// The course site: Starlight (docs theme, search, dark/light) with KaTeX math. Lessons are
// generated from notebooks/ by scripts/site/lessons.mjs into src/content/docs/lessons/ (ignored);
// the playground and the exercise pages are Astro pages that run ../src in the browser.
import { defineConfig } from "astro/config";
import starlight from "@astrojs/starlight";
import { notebookMath, rehypeMathMarkers } from "./plugins/rehype-notebook-math.mjs";
import { codeClasses } from "./plugins/rehype-code-classes.mjs";
import { editUrlFor, REPO } from "./course.mjs";
import { sidebar } from "./sidebar.mjs";

export default defineConfig({
  // Relative asset URLs are not supported by Astro; the site is served from the root of its host.
  outDir: "./dist",
  trailingSlash: "always",
  // Math: the lesson generator replaces each formula, found by Jupyter's rules, with a placeholder
  // (site/lib/notebook-math.mjs); these two passes render them with KaTeX (remark-math's rules
  // differ from Jupyter's: see site/plugins/rehype-notebook-math.mjs).
  markdown: {
    rehypePlugins: [rehypeMathMarkers],
  },
  vite: {
    // The library lives one level up (../src); the dev server must be allowed to read it.
    server: { fs: { allow: [REPO] } },
    worker: { format: "es" },
    build: { chunkSizeWarningLimit: 4000 },
  },
  integrations: [
    starlight({
      title: "Descent",
      description: "Optimization for deep learning, where every equation runs, is plotted and is graded.",
      favicon: "/favicon.svg",
      logo: { src: "./src/assets/logo.svg", alt: "" , replacesTitle: false },
      customCss: ["./src/styles/site.css"],
      sidebar: await sidebar(),
      // Dates from git (generated pages carry their source's date in their front matter); "Edit
      // page" opens the source file when package.json names the repository (or DESCENT_REPO_URL).
      lastUpdated: true,
      ...(editUrlFor("site/src/content/docs/") ? { editLink: { baseUrl: editUrlFor("site/src/content/docs/") } } : {}),
      pagination: true,
      tableOfContents: { minHeadingLevel: 2, maxHeadingLevel: 2 },
      components: {
        // Adds the lesson widgets' script (plots, equation to code, convention switch) to every page.
        MarkdownContent: "./src/components/MarkdownContent.astro",
        // Adds KaTeX's stylesheet on the pages that have math.
        Head: "./src/components/Head.astro",
        // Starlight's search, with Pagefind's UI loaded on first use instead of on every page.
        Search: "./src/components/Search.astro",
      },
      expressiveCode: { themes: ["github-dark", "github-light"] },
    }),
    notebookMath(),
    // Code tokens get classes instead of inline styles (a third of a lesson's HTML).
    codeClasses(),
  ],
});
