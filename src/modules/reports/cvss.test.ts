import { describe, expect, it } from "vitest";
import { checkCvssVector } from "./cvss.ts";

describe("CVSS vector validation", () => {
  it.each([
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8],
    ["CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N", 5.4],
    ["CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N", 0],
    ["CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3],
  ])("accepts %s and scores it %s", (vector, score) => {
    expect(checkCvssVector(vector)).toEqual({
      ok: true,
      version: vector.slice(5, 8),
      baseScore: score,
    });
  });

  it.each([
    ["CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", /starts with/],
    ["AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", /starts with/],
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", /missing base metric\(s\) A/],
    ["CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", /metric AV has no value X/],
    ["CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", /appears twice/],
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:1", /unknown metric ZZ/],
    ["CVSS:4.0/AV:N/AC:L/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", /missing base metric\(s\) AT/],
  ])("refuses %s", (vector, message) => {
    const result = checkCvssVector(vector);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});
