// The course site: Starlight (docs theme, search, dark/light) with KaTeX math. Lessons are
// generated from notebooks/ by scripts/site-lessons.mjs into src/content/docs/lessons/ (ignored);
// the playground and the exercise pages are Astro pages that run ../src in the browser.
import { defineConfig } from "astro/config";
import starlight from "@astrojs/starlight";
import remarkMath from "remark-math";
import rehypeKatex from "rehype-katex";
import { rehypeMathOutOfSearch } from "./plugins/rehype-math-out-of-search.mjs";
import { REPO } from "./course.mjs";
import { sidebar } from "./sidebar.mjs";

export default defineConfig({
  // Relative asset URLs are not supported by Astro; the site is served from the root of its host.
  outDir: "./dist",
  trailingSlash: "always",
  markdown: {
    remarkPlugins: [remarkMath],
    rehypePlugins: [[rehypeKatex, { strict: false }], rehypeMathOutOfSearch],
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
      customCss: ["katex/dist/katex.min.css", "./src/styles/site.css"],
      sidebar: await sidebar(),
      lastUpdated: false,
      pagination: true,
      tableOfContents: { minHeadingLevel: 2, maxHeadingLevel: 2 },
      components: {
        // Adds the lesson widgets' script (plots, equation to code, convention switch) to every page.
        MarkdownContent: "./src/components/MarkdownContent.astro",
      },
      expressiveCode: { themes: ["github-dark", "github-light"] },
    }),
  ],
});
