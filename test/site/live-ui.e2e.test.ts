import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useSite } from "./support/site";

/**
 * Issue 14, the live cells' UI in Chromium on a lesson page: nothing of the runtime loads before
 * the first click; Edit opens an editor, Shift+Enter runs the edited cell in the page's session
 * (seeing the cells above); Stop ends an infinite loop and the page stays usable; Reset brings
 * back the text, the built outputs and a fresh session; edits survive a reload; a share link
 * carries an edited cell; the toolbar fits 420 px.
 */
const LESSON = "/lessons/03-momentum/";
const SHOTS = "/tmp/shots/live";

const site = useSite(1_800_000);

const state = (page: Page, i: number) => page.locator(`.live-cell[data-cell="${i}"]`).getAttribute("data-state");
const runs = async (page: Page, i: number) => Number((await page.locator(`.live-cell[data-cell="${i}"]`).getAttribute("data-runs")) ?? 0);
/** Does `act`, then waits for the end of the run of cell i that it started. */
async function runAndWait(page: Page, i: number, act: () => Promise<void>, timeout = 300_000): Promise<string | null> {
  const before = await runs(page, i);
  await act();
  await page.waitForFunction(
    ([sel, n]) => {
      const el = document.querySelector<HTMLElement>(sel as string);
      return !!el && Number(el.dataset.runs ?? 0) > (n as number) && ["done", "error", "jupyter-only", "timeout", "stopped"].includes(el.dataset.state ?? "");
    },
    [`.live-cell[data-cell="${i}"]`, before] as const,
    { timeout, polling: 100 },
  );
  return state(page, i);
}
const shiftEnter = (page: Page) => () => page.keyboard.press("Shift+Enter");

async function cellIndices(page: Page): Promise<number[]> {
  return page.$$eval(".live-cell", (els) => els.map((e) => Number((e as HTMLElement).dataset.cell)));
}

async function setEditorText(page: Page, i: number, text: string): Promise<void> {
  const editor = page.locator(`.live-cell[data-cell="${i}"] .cm-content`);
  await editor.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  // insertText types the whole text at once (no auto-indent or bracket closing on the way).
  await page.keyboard.insertText(text);
}

describe("live cells' UI", () => {
  it("loads nothing live before the first click, then edits, runs with Shift+Enter, stops a loop, resets, keeps edits, shares", async () => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const scripts: string[] = [];
    page.on("request", (r) => scripts.push(r.url()));
    await page.goto(`${site.server.url}${LESSON}`);
    await page.waitForLoadState("networkidle");
    expect(scripts.filter((u) => /cells|exec-worker|cell-session|codemirror|sucrase/i.test(u)), "runtime requested before any click").toEqual([]);
    const [first, second, third] = await cellIndices(page);
    const builtOut = await page.locator(`.live-cell[data-cell="${second}"] .live-out`).innerHTML();

    // Edit, then Shift+Enter: the cell sees the imports of the cell above (run first, automatically).
    await page.locator(`.live-cell[data-cell="${second}"] .live-btn[data-live="edit"]`).click();
    await page.locator(`.live-cell[data-cell="${second}"] .cm-content`).waitFor();
    await setEditorText(page, second!, 'const answer: number = 6 * 7;\nconsole.log("answer", answer, typeof getSurface);');
    expect(await runAndWait(page, second!, shiftEnter(page))).toBe("done");
    expect(await state(page, first!)).toBe("done");
    await expect.poll(() => page.locator(`.live-cell[data-cell="${second}"] .live-out`).innerText()).toContain("answer 42 function");
    mkdirSync(SHOTS, { recursive: true });
    await page.locator(`.live-cell[data-cell="${second}"]`).screenshot({ path: `${SHOTS}/edited-1280.png` });

    // An error is shown at the cell with its line in the reader's code.
    await setEditorText(page, second!, "const a = 1;\nconst b = a + 1;\nthrow new Error(`boom ${b}`);");
    expect(await runAndWait(page, second!, shiftEnter(page))).toBe("error");
    await expect.poll(() => page.locator(`.live-cell[data-cell="${second}"] .live-out`).innerText()).toMatch(/Error: boom 2 \(line 3 of this cell\)/);

    // An infinite loop: Stop ends it, and the page (and the next run) still work.
    await setEditorText(page, second!, "while (true) {}");
    const stopped = runAndWait(page, second!, shiftEnter(page), 20_000);
    await page.waitForFunction((sel) => document.querySelector<HTMLElement>(sel)?.dataset.state === "running", `.live-cell[data-cell="${second}"]`);
    await page.waitForTimeout(500);
    await page.locator(`.live-cell[data-cell="${second}"] .live-btn[data-live="stop"]`).click();
    expect(await stopped).toBe("stopped");
    expect(await page.evaluate(() => 1 + 1)).toBe(2); // the page answers
    await setEditorText(page, second!, 'console.log("after stop", typeof getSurface);');
    expect(await runAndWait(page, second!, shiftEnter(page))).toBe("done");
    await expect.poll(() => page.locator(`.live-cell[data-cell="${second}"] .live-out`).innerText()).toContain("after stop function");

    // Progress is one output updated in place (display ids), as in Jupyter.
    await setEditorText(page, second!, 'import { progress } from "./src/notebook/display-node";\nconst bar = progress("Work", 3);\nfor (let i = 1; i <= 3; i++) { bar.update(i); await new Promise((r) => setTimeout(r, 150)); }\nbar.finish("all done");');
    expect(await runAndWait(page, second!, shiftEnter(page))).toBe("done");
    expect(await page.locator(`.live-cell[data-cell="${second}"] .live-out .descent-progress`).count()).toBe(1);
    expect(await page.locator(`.live-cell[data-cell="${second}"] .live-out .descent-progress`).innerText()).toMatch(/Work: 3\/3 \(100%\) [\d.]+ s all done done$/);
    await setEditorText(page, second!, 'console.log("after stop", typeof getSurface);');
    expect(await runAndWait(page, second!, shiftEnter(page))).toBe("done");

    // Persistence across a reload: the edited text comes back in an editor.
    await page.waitForTimeout(500);
    await page.reload();
    await page.locator(`.live-cell[data-cell="${second}"] .cm-content`).waitFor({ timeout: 30_000 });
    expect(await page.locator(`.live-cell[data-cell="${second}"] .cm-content`).innerText()).toContain('console.log("after stop"');

    // Share link: opens the lesson with the edited cell's text (in a fresh context: no storage).
    await page.locator(`.live-cell[data-cell="${second}"] .live-btn[data-live="share"]`).click();
    await expect.poll(() => page.url()).toMatch(/#live=\d+\./);
    const link = page.url();
    const other = await site.browser.newContext();
    const shared = await other.newPage();
    await shared.goto(link);
    await shared.locator(`.live-cell[data-cell="${second}"] .cm-content`).waitFor({ timeout: 30_000 });
    expect(await shared.locator(`.live-cell[data-cell="${second}"] .cm-content`).innerText()).toContain('console.log("after stop"');
    await other.close();

    // Reset: the notebook's text and built outputs, the static code block back, storage cleared.
    await page.locator(`.live-cell[data-cell="${second}"] .live-btn[data-live="reset"]`).click();
    expect(await page.locator(`.live-cell[data-cell="${second}"] .cm-content`).count()).toBe(0);
    expect(await page.locator(`.live-cell[data-cell="${second}"] .expressive-code`).isVisible()).toBe(true);
    const restored = await page.locator(`.live-cell[data-cell="${second}"] .live-out`).innerHTML();
    expect(restored.replace(/ data-drawn="[^"]*"/g, "").length).toBeGreaterThan(0);
    expect(restored.includes("after stop")).toBe(false);
    expect(builtOut.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("descent:live:")).length)).toBe(0);
    // The session was reset too: running the third cell runs the ones above first.
    expect(await runAndWait(page, third!, () => page.locator(`.live-cell[data-cell="${third}"] .live-btn[data-live="run"]`).click())).toBe("done");
    expect(await state(page, second!)).toBe("done");
    await page.close();
  }, 600_000);

  it("fits 420 px in both themes, focus visible", async () => {
    for (const theme of ["light", "dark"]) {
      const page = await site.browser.newPage({ viewport: { width: 420, height: 900 } });
      await page.addInitScript((t) => localStorage.setItem("starlight-theme", t), theme);
      await page.goto(`${site.server.url}${LESSON}`);
      const [, second] = await cellIndices(page);
      await page.locator(`.live-cell[data-cell="${second}"] .live-btn[data-live="edit"]`).click();
      await page.locator(`.live-cell[data-cell="${second}"] .cm-content`).waitFor();
      await page.locator(`.live-cell[data-cell="${second}"] .live-btn[data-live="run"]`).focus();
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        return { action: el?.dataset.live, outline: getComputedStyle(el).outlineStyle };
      });
      expect(focused.action).toBe("edit");
      expect(focused.outline).not.toBe("none");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.locator(`.live-cell[data-cell="${second}"]`).screenshot({ path: `${SHOTS}/cell-420-${theme}.png` });
      await page.close();
    }
  }, 300_000);
});
