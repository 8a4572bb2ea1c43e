import { describe, expect, it } from "vitest";
import {
  hasPartialMark,
  MARK_EVERY,
  markFileName,
  markText,
  newCopyCode,
  readCopyCodes,
  withoutMarks,
} from "./copy-marks.ts";

const BODY =
  "電力会社向け: 公開の5日前です。ファームウェア 1.0.4 を検証環境に準備してください。\nKeep staff ready to deploy the beta patch on substations; details follow.";

describe("copy marks", () => {
  it("reads back the code of a whole marked copy, and the text reads as it was written", () => {
    const code = newCopyCode();
    const marked = markText(BODY, code);
    expect(withoutMarks(marked)).toBe(BODY);
    expect(readCopyCodes(marked)).toEqual([code]);
  });

  it("reads back the code from any fragment of the copy as long as a mark's spacing", () => {
    const code = newCopyCode();
    const marked = markText(BODY, code);
    const chars = [...marked];
    for (let start = 0; start < chars.length; start += 7) {
      // Twice the spacing of marks, plus a mark's own length, always holds one whole mark.
      const fragment = chars.slice(start, start + 2 * MARK_EVERY + 42).join("");
      if (withoutMarks(fragment).length < 2 * MARK_EVERY) continue;
      expect(readCopyCodes(fragment)).toEqual([code]);
    }
  });

  it("tells two copies of the same text apart", () => {
    const a = newCopyCode();
    const b = newCopyCode();
    expect(a).not.toBe(b);
    expect(readCopyCodes(markText(BODY, a).slice(0, 200))).toEqual([a]);
    expect(readCopyCodes(markText(BODY, b).slice(0, 200))).toEqual([b]);
  });

  it("puts the code in a file's name, before its extension, and reads it from there", () => {
    const code = newCopyCode();
    const name = markFileName("beta-patch.zip", code);
    expect(name).toBe(`beta-patch.${code}.zip`);
    expect(readCopyCodes(name)).toEqual([code]);
    expect(markFileName("README", code)).toBe(`README.${code}`);
  });
});

describe("a fragment too short to carry a whole mark", () => {
  it("is told apart from a text with no mark at all", () => {
    const marked = markText("Keep staff ready to deploy firmware 1.0.4 this week.", "PC-ABCD-EFGH");
    expect(hasPartialMark([...marked].slice(3, 20).join(""))).toBe(true);
    expect(hasPartialMark("no mark here")).toBe(false);
    expect(hasPartialMark(marked)).toBe(false);
  });
});
