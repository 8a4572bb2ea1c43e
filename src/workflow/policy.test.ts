import { describe, expect, it } from "vitest";
import {
  createWorkflowPolicy,
  deadlineAfter,
  isBusinessDay,
  WEEKENDS_ONLY_TOKYO,
} from "./policy.ts";

describe("workflow policy", () => {
  it("counts calendar days as whole days", () => {
    expect(
      deadlineAfter(
        "2026-04-30T15:00:00.000Z",
        { amount: 7, unit: "calendar_days" },
        WEEKENDS_ONLY_TOKYO,
      ),
    ).toBe("2026-05-07T15:00:00.000Z");
  });

  it("counts business days in Asia/Tokyo, skipping weekends and the calendar's holidays", () => {
    const holidays = new Set(["2026-05-04", "2026-05-05", "2026-05-06"]);
    const calendar = { ...WEEKENDS_ONLY_TOKYO, isHoliday: (date: string) => holidays.has(date) };
    // Friday 1 May 2026 18:00 JST is 09:00 UTC; Golden Week and the weekend are skipped.
    expect(
      deadlineAfter("2026-05-01T09:00:00.000Z", { amount: 2, unit: "business_days" }, calendar),
    ).toBe("2026-05-08T09:00:00.000Z");
    // Saturday 2 May 08:30 JST is still Friday 1 May in UTC: the day is Tokyo's.
    expect(isBusinessDay(Date.parse("2026-05-01T23:30:00.000Z"), calendar)).toBe(false);
  });

  it("refuses numbers that do not fit together", () => {
    expect(() => createWorkflowPolicy({ maxEmbargoDays: 0 })).toThrow(/maxEmbargoDays/);
    expect(() =>
      createWorkflowPolicy({
        vendorReminders: { count: -1, interval: { amount: 1, unit: "calendar_days" } },
      }),
    ).toThrow(/vendorReminders/);
    expect(createWorkflowPolicy({ defaultEmbargoDays: 60 }).defaultEmbargoDays).toBe(60);
  });
});
