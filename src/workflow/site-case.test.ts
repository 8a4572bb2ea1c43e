import { describe, expect, it } from "vitest";
import type { WorkflowActor } from "./common.ts";
import { createWorkflowPolicy, WEEKENDS_ONLY_TOKYO } from "./policy.ts";
import {
  SITE_CASE_STATUSES,
  type SiteCaseCommand,
  type SiteCaseStatus,
  siteCaseTransitions,
} from "./site-case/index.ts";
import { actors, OPERATOR, Scenario, webConsent } from "./testing/fixtures.ts";
import { allows, targets } from "./transitions.ts";

const SITE = "site-1";

function outcome(decision: { ok: boolean; rejection?: { code: string } }): string {
  return decision.ok ? "accepted" : (decision.rejection?.code ?? "?");
}

function siteIn(status: SiteCaseStatus | null): Scenario {
  const s = new Scenario();
  if (status === null) return s;
  s.webCase();
  const op = actors.operator();
  switch (status) {
    case "operator_notified":
      break;
    case "operator_acknowledged":
      s.ok("site_case", SITE, "acknowledge", op);
      break;
    case "fixed":
    case "not_vulnerable":
      s.ok("site_case", SITE, "report_result", op, {
        result: status,
        fixMethod: status === "fixed" ? "app_fixed" : null,
      });
      break;
    case "operator_unreachable":
      s.ok("site_case", SITE, "mark_unreachable", actors.intake);
      break;
    case "closed":
      s.ok("site_case", SITE, "close", actors.intake, {
        reason: "closed_after_warning",
        message: "m",
      });
      break;
  }
  expect(s.state("site_case", SITE).status).toBe(status);
  return s;
}

/** open_site_case is a follow-up: a web report forwarded to the site case id opens it. */
function forwardAnotherReport(s: Scenario) {
  s.ok("report", "report-9", "submit", actors.finder, { kind: "web", consent: webConsent() });
  s.ok("report", "report-9", "accept", actors.intake);
  return s.run("report", "report-9", "forward", actors.intake, {
    target: { kind: "site_case", siteCaseId: SITE, operator: { orgId: OPERATOR } },
  });
}

const COMMANDS: Record<string, [SiteCaseCommand["type"], WorkflowActor, Record<string, unknown>]> =
  {
    open_site_case: [
      "open_site_case",
      actors.intake,
      {
        reportId: "r9",
        reportKind: "web",
        operator: { orgId: OPERATOR },
        finderConsent: webConsent(),
      },
    ],
    acknowledge: ["acknowledge", actors.operator(), {}],
    "report_result (fixed)": [
      "report_result",
      actors.operator(),
      { result: "fixed", fixMethod: "page_removed" },
    ],
    "report_result (not_vulnerable)": [
      "report_result",
      actors.operator(),
      { result: "not_vulnerable" },
    ],
    mark_unreachable: ["mark_unreachable", actors.intake, {}],
    "close (fixed)": ["close", actors.intake, { reason: "fixed", message: "m" }],
    "close (not_vulnerable)": ["close", actors.intake, { reason: "not_vulnerable", message: "m" }],
    "close (unreachable)": ["close", actors.intake, { reason: "unreachable", message: "m" }],
    "close (closed_after_warning)": [
      "close",
      actors.intake,
      { reason: "closed_after_warning", message: "m" },
    ],
  };

describe("site case transition table", () => {
  for (const from of [null, ...SITE_CASE_STATUSES] as (SiteCaseStatus | null)[]) {
    for (const [on, [type, actor, fields]] of Object.entries(COMMANDS)) {
      const [to] = targets(siteCaseTransitions, from, on);
      it(`${on === "open_site_case" ? "open_site_case (forwarding a web report)" : on} from ${from ?? "nothing"} ${to !== undefined ? `leads to ${to}` : "is refused as transition_not_allowed"}`, () => {
        const s = siteIn(from);
        const decision =
          on === "open_site_case"
            ? forwardAnotherReport(s)
            : s.run("site_case", SITE, type, actor, fields);
        if (to === undefined) expect(outcome(decision)).toBe("transition_not_allowed");
        else expect(s.state("site_case", SITE).status).toBe(to);
      });
    }
  }

  it("becomes operator_unreachable after the acknowledgement deadline and its reminders, counted in business days", () => {
    // Wednesday 1 April 2026 (JST 09:00); 29 April (昭和の日) is a holiday in this calendar.
    const calendar = { ...WEEKENDS_ONLY_TOKYO, isHoliday: (date: string) => date === "2026-04-29" };
    const s = new Scenario(createWorkflowPolicy({ calendar }));
    s.webCase();
    const deadline = s.state("site_case", SITE).timers[0];
    // Five business days after Wednesday 1 April: Thursday, Friday, Monday, Tuesday, Wednesday 8 April.
    expect(deadline).toMatchObject({
      kind: "operator_acknowledgement_due",
      dueAt: "2026-04-08T00:00:00.000Z",
    });
    s.advanceDays(7);
    expect(s.fireDue("site_case", SITE).map((e) => e.type)).toContain("operator_reminder_due");
    // +5 business days: 15 April; +5 more: 22 April.
    s.advanceDays(7);
    expect(s.fireDue("site_case", SITE).map((e) => e.type)).toContain("operator_reminder_due");
    s.advanceDays(6);
    expect(s.state("site_case", SITE).status).toBe("operator_notified");
    s.advanceDays(1);
    const last = s.fireDue("site_case", SITE);
    expect(last).toContainEqual(
      expect.objectContaining({
        type: "site_case_status_changed",
        on: "unreachable_after_reminders",
        to: "operator_unreachable",
      }),
    );
    expect(
      allows(
        siteCaseTransitions,
        "operator_notified",
        "unreachable_after_reminders",
        "operator_unreachable",
      ),
    ).toBe(true);
    s.ok("site_case", SITE, "acknowledge", actors.operator());
    expect(s.state("site_case", SITE).status).toBe("operator_acknowledged");
  });
});

describe("site case rules", () => {
  it("records a fix with its method and refuses a method for anything else", () => {
    const s = siteIn("operator_acknowledged");
    const op = actors.operator();
    const noMethod = s.run("site_case", SITE, "report_result", op, { result: "fixed" });
    expect(noMethod.ok ? null : noMethod.rejection).toMatchObject({
      code: "invalid_input",
      details: [{ path: "fixMethod" }],
    });
    const stray = s.run("site_case", SITE, "report_result", op, {
      result: "not_vulnerable",
      fixMethod: "app_fixed",
    });
    expect(outcome(stray)).toBe("invalid_input");
    s.ok("site_case", SITE, "report_result", op, {
      result: "fixed",
      fixMethod: "operational_workaround",
    });
    expect(s.state("site_case", SITE).result).toMatchObject({
      result: "fixed",
      fixMethod: "operational_workaround",
    });
  });

  it("lets only the site's operator act, and an operator without an account claim the case first", () => {
    const s = new Scenario();
    s.webCase({ operatorOrgId: null });
    expect(outcome(s.run("site_case", SITE, "acknowledge", actors.operator("op-x")))).toBe(
      "forbidden",
    );
    s.ok("site_case", SITE, "claim_site_case", actors.operator("op-x"));
    expect(outcome(s.run("site_case", SITE, "claim_site_case", actors.operator("op-y")))).toBe(
      "transition_not_allowed",
    );
    expect(outcome(s.run("site_case", SITE, "acknowledge", actors.operator("op-y")))).toBe(
      "forbidden",
    );
    s.ok("site_case", SITE, "acknowledge", actors.operator("op-x"));
  });

  it("has no public output but the operator's leak notice (R-WEB-4, W-7)", () => {
    const s = siteIn("fixed");
    const [notice] = s.ok("site_case", SITE, "publish_leak_notice", actors.operator(), {
      noticeId: "n1",
    });
    expect(notice?.audience).toContainEqual({ kind: "public", channel: "leak_notice" });
    const publicEvents = s.world.log.filter((l) =>
      l.event.audience.some((r) => r.kind === "public"),
    );
    expect(publicEvents.map((l) => l.event.type)).toEqual(["leak_notice_published"]);
  });

  it("runs analysis only with the operator's permission (R-WEB-3)", () => {
    const s = siteIn("operator_acknowledged");
    s.ok("site_case", SITE, "request_analysis", actors.intake, { requestId: "a1" });
    expect(
      outcome(
        s.run("site_case", SITE, "answer_analysis", actors.intake, {
          requestId: "a1",
          decision: "grant",
        }),
      ),
    ).toBe("forbidden");
    s.ok("site_case", SITE, "answer_analysis", actors.operator(), {
      requestId: "a1",
      decision: "grant",
    });
    expect(s.state("site_case", SITE).analysisRequests).toEqual([{ id: "a1", status: "granted" }]);
  });

  it("tells the operator who the finder is only under the finder's consent (W-8)", () => {
    const s = new Scenario();
    s.webCase({ consent: webConsent({ identityToOperator: false, directContact: true }) });
    expect(s.world.log.some((l) => l.event.type === "finder_identity_shared")).toBe(false);
    expect(outcome(s.run("site_case", SITE, "share_finder_identity", actors.intake))).toBe(
      "forbidden",
    );
    s.ok("site_case", SITE, "request_direct_contact", actors.operator(), { requestId: "d1" });
    const opened = s.ok("site_case", SITE, "approve_direct_contact", actors.intake, {
      requestId: "d1",
    });
    expect(opened.map((e) => e.type)).toEqual([
      "direct_contact_approved",
      "direct_contact_opened",
      "finder_identity_shared",
    ]);
  });
});
