import { describe, expect, it } from "vitest";
import { similarity, wordTokens } from "./tokens.ts";

describe("word tokens", () => {
  it("keeps two-character Japanese words whole and splits English words", () => {
    const tokens = wordTokens("管理画面の認証回避 in the Admin Console");
    expect(tokens).toContain("認証");
    expect(tokens).toContain("admin");
    expect(tokens).toContain("console");
    expect(tokens).not.toContain("the");
    expect(tokens).not.toContain("の");
  });

  it("treats full-width and half-width forms alike", () => {
    expect(wordTokens("ＸＳＳ")).toEqual(wordTokens("xss"));
  });

  it("scores near-identical texts high and unrelated texts low", () => {
    const a = "Stored XSS in the device name field of the admin console";
    expect(similarity(a, "Stored XSS in the device name of the admin console")).toBeGreaterThan(
      0.7,
    );
    expect(similarity(a, "SQL injection in the search page of a shop")).toBeLessThan(0.2);
    expect(similarity("", a)).toBe(0);
  });
});
