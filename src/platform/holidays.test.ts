import { describe, expect, it } from "vitest";
import { japaneseBusinessCalendar } from "./holidays.ts";

describe("Japanese business calendar", () => {
  it.each([
    ["2026-11-23", true, "勤労感謝の日"],
    ["2027-01-01", true, "元日"],
    ["2026-05-06", true, "振替休日"],
    ["2026-11-25", false, "an ordinary Wednesday"],
    ["2026-12-28", false, "the desk's last working days of the year are not national holidays"],
  ])("says %s is a holiday: %s (%s)", (date, holiday) => {
    expect(japaneseBusinessCalendar.isHoliday(date)).toBe(holiday);
  });

  it("counts in Japan time", () => {
    expect(japaneseBusinessCalendar.utcOffsetMinutes).toBe(540);
  });
});
