import { describe, expect, it } from "vitest";
import {
  createWorkflowPolicy,
  DEFAULT_POLICY,
  deadlineAfter,
  deadlineStanding,
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

  it("gives the desk 3 Japanese business days to answer a report, by default", () => {
    expect(DEFAULT_POLICY.intakeAcknowledgement).toEqual({ amount: 3, unit: "business_days" });
    expect(() =>
      createWorkflowPolicy({ intakeAcknowledgement: { amount: 0, unit: "business_days" } }),
    ).toThrow(/intakeAcknowledgement/);
  });

  it("says whether a report is within, near or past the desk's target, counting holidays", () => {
    const holidays = new Set(["2026-05-04", "2026-05-05", "2026-05-06"]);
    const calendar = { ...WEEKENDS_ONLY_TOKYO, isHoliday: (date: string) => holidays.has(date) };
    const target = DEFAULT_POLICY.intakeAcknowledgement;
    // Received Thursday 30 April 2026 10:00 JST; business days: 1 May, 7 May, 8 May.
    const since = "2026-04-30T01:00:00.000Z";
    const at = (now: string) => deadlineStanding(since, now, target, calendar);
    expect(at("2026-05-01T01:00:00.000Z")).toEqual({
      dueAt: "2026-05-08T01:00:00.000Z",
      standing: "within",
    });
    // Golden Week: still two business days to go.
    expect(at("2026-05-06T12:00:00.000Z").standing).toBe("within");
    // From 7 May 10:00 JST the last business day has begun.
    expect(at("2026-05-07T00:59:59.999Z").standing).toBe("within");
    expect(at("2026-05-07T01:00:00.000Z").standing).toBe("near");
    expect(at("2026-05-08T00:59:59.999Z").standing).toBe("near");
    expect(at("2026-05-08T01:00:00.000Z").standing).toBe("past");
  });

  it("counts a calendar-day target in whole days", () => {
    const target = { amount: 2, unit: "calendar_days" } as const;
    const since = "2026-11-25T00:00:00.000Z";
    expect(
      deadlineStanding(since, "2026-11-25T23:00:00.000Z", target, WEEKENDS_ONLY_TOKYO),
    ).toEqual({ dueAt: "2026-11-27T00:00:00.000Z", standing: "within" });
    expect(
      deadlineStanding(since, "2026-11-26T00:00:00.000Z", target, WEEKENDS_ONLY_TOKYO).standing,
    ).toBe("near");
    expect(
      deadlineStanding(since, "2026-11-28T00:00:00.000Z", target, WEEKENDS_ONLY_TOKYO).standing,
    ).toBe("past");
  });
});
