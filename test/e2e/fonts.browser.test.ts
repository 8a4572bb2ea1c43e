import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createCast } from "../support/actors.ts";
import { advisoryPeople, publishedCase } from "../support/advisories.ts";
import { browserAvailable, browserTestbed, openPage, visit } from "../support/browser.ts";

const available = browserAvailable();

/** Kana and kanji: what a machine without Japanese system fonts cannot draw on its own. */
const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;

/**
 * Every element whose own text has Japanese characters, with how many glyphs the page's web
 * fonts drew and how many Japanese characters there were. Chromium tells which fonts drew an
 * element's text (DevTools CSS.getPlatformFontsForNode); a Japanese character drawn by a system
 * font is one the page left to the machine, an empty box where it has none.
 */
async function japaneseDrawnOutsideWebFonts(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("DOM.enable");
  await cdp.send("CSS.enable");
  const { root } = await cdp.send("DOM.getDocument", { depth: -1 });
  const { nodeIds } = await cdp.send("DOM.querySelectorAll", {
    nodeId: root.nodeId,
    selector: "body *",
  });
  const problems: string[] = [];
  for (const nodeId of nodeIds) {
    const { node } = await cdp.send("DOM.describeNode", { nodeId, depth: 1 });
    const ownText = (node.children ?? [])
      .filter((child) => child.nodeType === 3)
      .map((child) => child.nodeValue)
      .join("");
    const japanese = ownText.match(JAPANESE)?.length ?? 0;
    if (japanese === 0) continue;
    const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
    const drawnByWebFonts = fonts
      .filter((font) => font.isCustomFont)
      .reduce((sum, font) => sum + font.glyphCount, 0);
    if (drawnByWebFonts < japanese) {
      problems.push(
        `<${node.localName}> "${ownText.trim().slice(0, 40)}": ${fonts
          .map((f) => `${f.familyName}${f.isCustomFont ? " (web font)" : ""} ×${f.glyphCount}`)
          .join(", ")}`,
      );
    }
  }
  await cdp.detach();
  return problems;
}

/** The fonts Chromium drew the first element matching `selector` with. */
async function fontsOf(page: Page, selector: string) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("DOM.enable");
  await cdp.send("CSS.enable");
  const { root } = await cdp.send("DOM.getDocument");
  const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector });
  const result = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
  await cdp.detach();
  return result;
}

describe.skipIf(!available)("the page fonts in Chromium", () => {
  const bed = browserTestbed();

  it("draws every Japanese character of an advisory page, monospace places included, with the page's own fonts", async () => {
    const { runtime } = bed.server;
    const cast = await createCast(runtime);
    const people = await advisoryPeople(runtime, cast);
    // No CVE ID: the CVE row says なし in the monospace style.
    const { advisoryId } = await publishedCase(runtime, cast, people, {
      draft: { references: [] },
    });
    const { page } = await openPage(bed.browser, "fonts-advisory-ja", { locale: "ja-JP" });
    await visit(page, `${bed.server.url}/advisories/${encodeURIComponent(advisoryId)}`);
    await page.evaluate(() => document.fonts.ready);
    await expect(page.locator("dd.mono").first().textContent()).resolves.toContain("なし");
    expect(await japaneseDrawnOutsideWebFonts(page)).toEqual([]);
    // Latin in the same monospace places stays in a monospace font where the machine has one.
    const { fonts } = await fontsOf(page, ".advisory-id");
    expect(fonts.map((font) => font.familyName)).not.toContain("Noto Sans JP");
  });
});
