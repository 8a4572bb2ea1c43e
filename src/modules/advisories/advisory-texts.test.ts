import { describe, expect, it } from "vitest";
import { advisoryTextsIn, vendorTextIn } from "./advisory-texts.ts";

const japanese = {
  title: "ルーターにおけるクロスサイトスクリプティング",
  overview: "概要",
  description: "詳細",
  impact: "影響",
  language: "ja" as const,
};
const english = {
  title: "Cross-site scripting in a router",
  overview: "Overview",
  description: "Description",
  impact: "Impact",
};

describe("advisoryTextsIn", () => {
  it("gives the advisory's own texts to a reader of their language", () => {
    const chosen = advisoryTextsIn({ ...japanese, translation: english }, "ja");
    expect(chosen).toEqual({
      texts: { title: japanese.title, overview: "概要", description: "詳細", impact: "影響" },
      language: "ja",
      available: true,
    });
  });

  it("gives the translation to a reader of the other language", () => {
    expect(advisoryTextsIn({ ...japanese, translation: english }, "en")).toEqual({
      texts: english,
      language: "en",
      available: true,
    });
  });

  it("falls back to the own texts, marked unavailable, when there is no translation", () => {
    const chosen = advisoryTextsIn({ ...japanese, translation: null }, "en");
    expect(chosen.available).toBe(false);
    expect(chosen.language).toBe("ja");
    expect(chosen.texts.title).toBe(japanese.title);
  });
});

describe("vendorTextIn", () => {
  it("uses the vendor's translation only for a reader of the other language", () => {
    const statement = { text: "修正しました", language: "ja" as const, translation: "Fixed." };
    expect(vendorTextIn(statement, "en")).toEqual({ text: "Fixed.", language: "en" });
    expect(vendorTextIn(statement, "ja")).toEqual({ text: "修正しました", language: "ja" });
    expect(vendorTextIn({ ...statement, translation: null }, "en")).toEqual({
      text: "修正しました",
      language: "ja",
    });
  });
});
