import { addDays, DAY_MS, type Instant } from "./common.ts";

/**
 * The numbers of the framework, passed to every `decide` (never read from globals), so a
 * deployment, a test or a simulation can change them. Deadlines say whether they count calendar
 * or business days (R-COO-15).
 */
export interface Deadline {
  amount: number;
  unit: "calendar_days" | "business_days";
}

/**
 * Japanese business days: Monday to Friday in Asia/Tokyo that are not holidays. The holiday
 * list is supplied (the composition root passes `@holiday-jp/holiday_jp`'s), so the machines stay
 * free of I/O and data files.
 */
export interface BusinessCalendar {
  /** Minutes east of UTC of the calendar's zone (Asia/Tokyo: 540, no daylight saving). */
  utcOffsetMinutes: number;
  /** `date` is `YYYY-MM-DD` in the calendar's zone. */
  isHoliday(date: string): boolean;
}

export interface WorkflowPolicy {
  /** R-COO-3 / W-6: default publication = first vendor contact + this many calendar days. */
  defaultEmbargoDays: number;
  /** W-6: a publication date later than the embargo start + this many days needs a recorded reason. */
  maxEmbargoDays: number;
  /** R-COO-8: a notified vendor acknowledges within this. */
  vendorAcknowledgement: Deadline;
  /** R-COO-8: a vendor reports its status at least this often. */
  vendorStatusInterval: Deadline;
  /** Reminders after a missed vendor deadline, then an escalation to the coordinator. */
  vendorReminders: { count: number; interval: Deadline };
  /** R-COO-16: the coordinator is alerted this many days before `publishAt` when something is missing. */
  publicationAlertDays: number;
  /** R-COO-16: a due publication that something blocks is tried again (and alerted) this often. */
  publicationRetry: Deadline;
  /** R-COO-8: the product of an unreachable vendor is listed this many days after its name. */
  unreachableProductDelayDays: number;
  /** R-WEB-6: a notified site operator acknowledges within this. */
  operatorAcknowledgement: Deadline;
  /** R-WEB-6: reminders to the operator; after the last one the case is `operator_unreachable`. */
  operatorReminders: { count: number; interval: Deadline };
  /**
   * The desk's own target (SPEC names none): a report awaiting the desk — new, or resubmitted
   * after a request for information — gets its answer (accept, request-info, reject) within this.
   */
  intakeAcknowledgement: Deadline;
  calendar: BusinessCalendar;
}

/** Weekends in Asia/Tokyo only; the composition root replaces it with the holiday calendar. */
export const WEEKENDS_ONLY_TOKYO: BusinessCalendar = {
  utcOffsetMinutes: 9 * 60,
  isHoliday: () => false,
};

export const DEFAULT_POLICY: WorkflowPolicy = {
  defaultEmbargoDays: 45,
  maxEmbargoDays: 90,
  vendorAcknowledgement: { amount: 7, unit: "calendar_days" },
  vendorStatusInterval: { amount: 7, unit: "calendar_days" },
  vendorReminders: { count: 2, interval: { amount: 3, unit: "business_days" } },
  publicationAlertDays: 7,
  publicationRetry: { amount: 1, unit: "calendar_days" },
  unreachableProductDelayDays: 90,
  operatorAcknowledgement: { amount: 5, unit: "business_days" },
  operatorReminders: { count: 2, interval: { amount: 5, unit: "business_days" } },
  intakeAcknowledgement: { amount: 3, unit: "business_days" },
  calendar: WEEKENDS_ONLY_TOKYO,
};

/** A policy from the defaults and some overrides; refuses numbers that make no sense together. */
export function createWorkflowPolicy(overrides: Partial<WorkflowPolicy> = {}): WorkflowPolicy {
  const policy = { ...DEFAULT_POLICY, ...overrides };
  const problems: string[] = [];
  const positive = (name: string, n: number) => {
    if (!Number.isInteger(n) || n <= 0) problems.push(`${name} must be a positive whole number`);
  };
  positive("defaultEmbargoDays", policy.defaultEmbargoDays);
  positive("maxEmbargoDays", policy.maxEmbargoDays);
  positive("publicationAlertDays", policy.publicationAlertDays);
  positive("unreachableProductDelayDays", policy.unreachableProductDelayDays);
  for (const [name, deadline] of [
    ["vendorAcknowledgement", policy.vendorAcknowledgement],
    ["vendorStatusInterval", policy.vendorStatusInterval],
    ["publicationRetry", policy.publicationRetry],
    ["vendorReminders.interval", policy.vendorReminders.interval],
    ["operatorAcknowledgement", policy.operatorAcknowledgement],
    ["operatorReminders.interval", policy.operatorReminders.interval],
    ["intakeAcknowledgement", policy.intakeAcknowledgement],
  ] as const) {
    positive(name, deadline.amount);
  }
  if (!Number.isInteger(policy.vendorReminders.count) || policy.vendorReminders.count < 0) {
    problems.push("vendorReminders.count must be zero or more");
  }
  if (!Number.isInteger(policy.operatorReminders.count) || policy.operatorReminders.count < 0) {
    problems.push("operatorReminders.count must be zero or more");
  }
  if (policy.maxEmbargoDays < policy.defaultEmbargoDays) {
    problems.push("maxEmbargoDays must not be shorter than defaultEmbargoDays");
  }
  if (problems.length > 0) throw new Error(`invalid workflow policy: ${problems.join("; ")}`);
  return policy;
}

function localDate(ms: number, calendar: BusinessCalendar): { date: string; weekday: number } {
  const local = new Date(ms + calendar.utcOffsetMinutes * 60_000);
  return { date: local.toISOString().slice(0, 10), weekday: local.getUTCDay() };
}

export function isBusinessDay(ms: number, calendar: BusinessCalendar): boolean {
  const { date, weekday } = localDate(ms, calendar);
  return weekday !== 0 && weekday !== 6 && !calendar.isHoliday(date);
}

/**
 * The instant a deadline falls due: calendar days are whole days; business days step day by
 * day in the calendar's zone, skipping weekends and holidays, and keep the local time of day.
 */
export function deadlineAfter(
  at: Instant,
  deadline: Deadline,
  calendar: BusinessCalendar,
): Instant {
  if (deadline.unit === "calendar_days") return addDays(at, deadline.amount);
  let ms = Date.parse(at);
  let left = deadline.amount;
  while (left > 0) {
    ms += DAY_MS;
    if (isBusinessDay(ms, calendar)) left -= 1;
  }
  return new Date(ms).toISOString();
}

/** Where an instant stands against a deadline: before its last day, in it, or after it. */
export type DeadlineStanding = "within" | "near" | "past";

/**
 * The due instant of a deadline counted from `since`, and where `now` stands: `past` once due,
 * `near` from one unit before (the last calendar or business day), `within` before that.
 */
export function deadlineStanding(
  since: Instant,
  now: Instant,
  deadline: Deadline,
  calendar: BusinessCalendar,
): { dueAt: Instant; standing: DeadlineStanding } {
  const dueAt = deadlineAfter(since, deadline, calendar);
  const nearAt = deadlineAfter(since, { ...deadline, amount: deadline.amount - 1 }, calendar);
  const at = Date.parse(now);
  const standing = at >= Date.parse(dueAt) ? "past" : at >= Date.parse(nearAt) ? "near" : "within";
  return { dueAt, standing };
}
