import { createMarkdownProcessor, rehypeHeadingIds } from "@astrojs/markdown-remark";
import { describe, expect, it } from "vitest";
import { formulasOf, mathToPlaceholders, withPlainMath } from "../../site/lib/notebook-math.mjs";
import { rehypeMathMarkers, rehypeMathRender } from "../../site/plugins/rehype-notebook-math.mjs";
import { jupyterFormulas } from "./support/jupyter-math";

/**
 * Notebook math on the site, case by case: tricky markdown that Jupyter renders, through our port
 * of Jupyter's math extraction and Astro's own Markdown pipeline (the one the site builds with,
 * with Starlight's heading-id pass between our two math passes, as in the site). Each case says
 * what Jupyter shows (checked against Jupyter Notebook's own remove_math) and what the HTML must be.
 */

interface Case {
  name: string;
  md: string;
  display: number;
  inline: number;
  /** Extra checks on the HTML. */
  check?: (html: string, text: string) => void;
}

const CASES: Case[] = [
  { name: "$$ on one line, alone", md: "$$\\theta_{t+1} = \\theta_t - \\eta\\, g_t$$", display: 1, inline: 0 },
  {
    name: "$$ on one line inside a sentence, with \\tag",
    md: "The rule $$v_t = \\gamma v_{t-1} + \\eta g_t \\tag{1}$$ is applied to every weight.",
    display: 1,
    inline: 0,
    check: (html, text) => {
      expect(html).toContain('class="tag"');
      expect(text).toContain("is applied to every weight.");
    },
  },
  {
    name: "a multi-line $$ block inside a paragraph, followed by code, a table and more math",
    md: [
      "The update is",
      "$$m_t = (1-\\beta_1)\\sum_{i=1}^{t} \\beta_1^{t-i}\\, g_i = 1 - \\beta_1^t,",
      "\\qquad v_t = 1 - \\beta_2^t,$$",
      "so both start biased towards zero.",
      "",
      "```ts",
      "const lr = 0.1; // no $math$ here",
      "```",
      "",
      "| symbol | meaning |",
      "|---|---|",
      "| $\\beta_1$ | decay of $m$ |",
      "",
      "Then $\\hat m_t$ corrects it.",
    ].join("\n"),
    display: 1,
    inline: 3,
    check: (html, text) => {
      expect(html).toContain("<table>");
      expect(html).toMatch(/<code[^>]*>[^]*no \$math\$ here/);
      expect(text).toContain("so both start biased towards zero.");
      expect(text).toContain("corrects it.");
    },
  },
  {
    name: "aligned with \\tag, three displays in one cell",
    md: "$$\\begin{aligned}m_t &= \\beta_1 m_{t-1} + (1 - \\beta_1)\\, g_t \\\\ v_t &= \\beta_2 v_{t-1} + (1 - \\beta_2)\\, g_t^2\\end{aligned}\\tag{13}$$\n$$\\hat{m}_t = \\frac{m_t}{1 - \\beta_1^t}\\tag{14}$$\n\n$$\\theta_{t+1} = \\theta_t - \\frac{\\eta}{\\sqrt{\\hat{v}_t} + \\epsilon}\\, \\hat{m}_t\\tag{15}$$",
    display: 3,
    inline: 0,
    check: (html) => expect(html.match(/class="tag"/g)).toHaveLength(3),
  },
  {
    name: "\\begin{equation}, \\begin{align} and align* without dollars",
    md: "Energy:\n\\begin{equation}E = \\tfrac12 \\|x\\|^2\\end{equation}\nand\n\n\\begin{align}a &= b \\\\ c &= d\\end{align}\n\n\\begin{align*}x &= 1\\end{align*}",
    display: 3,
    inline: 0,
  },
  {
    name: "escaped dollars are dollars",
    md: "A GPU hour costs \\$2 and a TPU hour \\$5; $\\eta$ is free.",
    display: 0,
    inline: 1,
    check: (_html, text) => expect(text).toContain("costs $2 and a TPU hour $5;"),
  },
  {
    name: "dollars in code spans and fences are code",
    md: "Run `echo $HOME` or `$x$`:\n\n```\nprice = $5 + $6\n```\n\nwhile $x$ is math.",
    display: 0,
    inline: 1,
    check: (html) => {
      expect(html).toContain("<code>echo $HOME</code>");
      expect(html).toContain("<code>$x$</code>");
      expect(html).toContain("price = $5 + $6");
    },
  },
  {
    name: "math in a heading: clean id and text",
    md: "## The effect of $\\gamma$\n\nText.\n\n### When does $\\epsilon$'s place matter?",
    display: 0,
    inline: 2,
    check: (html) => {
      expect(html).toContain('id="the-effect-of-γ"');
      expect(html).toMatch(/id="when-does-ϵs-place-matter"/);
      expect(html).not.toMatch(/id="[^"]*(gamma|epsilon|katex)/);
    },
  },
  {
    name: "underscores and stars inside math are not emphasis",
    md: "Both $a_1 * b_1$ and $c_1 * d_1$ stay math, and so does $x_{i,j}$.",
    display: 0,
    inline: 3,
    check: (html) => expect(html).not.toMatch(/<em>|<strong>/),
  },
  {
    name: "pipes inside math in a table cell",
    md: "| norm | value |\n|---|---|\n| $\\|g\\|$ | $|x| + |y|$ |",
    display: 0,
    inline: 2,
    check: (html) => expect(html.match(/<td>/g)).toHaveLength(2),
  },
  {
    name: "an unclosed dollar stops at the blank line",
    md: "A lone $ sign here\n\nand $y$ after.",
    display: 0,
    inline: 1,
    check: (_html, text) => expect(text).toContain("A lone $ sign here"),
  },
  {
    name: "\\\\( and \\\\[ delimiters",
    md: "Inline \\\\(x^2\\\\) and display \\\\[y^2\\\\] here.",
    display: 1,
    inline: 1,
  },
  {
    name: "display math in a list item",
    md: "- first, with $$a = b$$ inside\n- second, $c$\n\n1. a numbered one\n   $$d = e$$",
    display: 2,
    inline: 1,
    check: (html) => expect(html.match(/<li>/g)).toHaveLength(3),
  },
  {
    name: "\\newcommand holds for later formulas on the page",
    md: "$\\newcommand{\\R}{\\mathbb{R}}$ Let $x \\in \\R^n$.",
    display: 0,
    inline: 2,
  },
  {
    name: "braces must balance before the closing $",
    md: "$\\text{a $b$ c}$ and $d$",
    display: 0,
    inline: 2,
  },
  {
    name: "math inside an HTML block",
    md: "<details><summary>Proof</summary>\n\nThe bound $x \\le 1$ holds.\n\n</details>\n\n<div>and $$y$$</div>",
    display: 1,
    inline: 1,
  },
  {
    name: "cases, operatorname, mathcal",
    md: "$$f_t(x) = \\begin{cases} C\\,x & t \\bmod 3 = 1 \\\\ -x & \\text{otherwise,}\\end{cases}$$ with $\\operatorname{supp}(x)$ and $\\mathcal N(0, 1)$.",
    display: 1,
    inline: 2,
  },
];

let processor: Awaited<ReturnType<typeof createMarkdownProcessor>> | undefined;
async function render(md: string): Promise<string> {
  processor ??= await createMarkdownProcessor({
    rehypePlugins: [rehypeMathMarkers, rehypeHeadingIds, rehypeMathRender],
    syntaxHighlight: false,
  });
  return (await processor.render(mathToPlaceholders(md))).code;
}

/** Visible prose: the HTML without KaTeX's markup, tags and entities. */
function proseText(html: string): string {
  let out = "";
  let depth = 0;
  // Drop every element whose class list starts with katex (balanced span nesting).
  for (const tok of html.split(/(<span[^>]*>|<\/span>)/)) {
    if (depth > 0) {
      if (tok.startsWith("<span")) depth++;
      else if (tok === "</span>") depth--;
      continue;
    }
    if (/^<span[^>]*class="katex/.test(tok)) { depth = 1; continue; }
    out += tok;
  }
  return out.replace(/<[^>]+>/g, "").replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

describe("notebook math, case by case, as Jupyter shows it", () => {
  for (const c of CASES) {
    it(c.name, async () => {
      // What Jupyter shows: its own remove_math, and our port agreeing with it.
      const jupyter = jupyterFormulas(c.md);
      expect({ display: jupyter.filter((f) => f.display).length, inline: jupyter.filter((f) => !f.display).length }).toEqual({ display: c.display, inline: c.inline });
      expect(formulasOf(c.md).map((f) => f.display)).toEqual(jupyter.map((f) => f.display));
      const html = await render(c.md);
      expect(html).not.toContain("katex-error");
      expect(html).not.toContain("KATEXMATH");
      const displays = (html.match(/class="katex-display"/g) ?? []).length;
      const all = (html.match(/class="katex"/g) ?? []).length;
      expect({ display: displays, inline: all - displays }).toEqual({ display: c.display, inline: c.inline });
      // No TeX left in the prose: no TeX command, no $$ pair.
      const text = proseText(html);
      expect(text).not.toMatch(/\\(frac|begin|end|tag|gamma|beta|eta|theta|hat|text|sum|newcommand|mathcal)\b/);
      expect(text).not.toContain("$$");
      c.check?.(html, text);
    });
  }

  it("a formula KaTeX cannot render fails the build, naming the page and the formula", async () => {
    await expect(render("Fine $x$, broken $\\nosuchmacro{x}$")).rejects.toThrow(/KaTeX cannot render the inline formula "\\\\nosuchmacro\{x\}"/);
  });

  it("titles read formulas as plain text", () => {
    expect(withPlainMath("The effect of $\\gamma$")).toBe("The effect of γ");
    expect(withPlainMath("Costs \\$5")).toBe("Costs $5");
  });
});
