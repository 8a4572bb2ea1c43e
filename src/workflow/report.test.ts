import { describe, expect, it } from "vitest";
import type { WorkflowActor } from "./common.ts";
import { DEFAULT_POLICY } from "./policy.ts";
import {
  decideReport,
  REPORT_STATUSES,
  type ReportCommand,
  type ReportState,
  type ReportStatus,
  reportTransitions,
} from "./report.ts";
import { actors, productConsent, Scenario, T0, webConsent } from "./testing/fixtures.ts";
import { targets } from "./transitions.ts";

/** How each status is reached from nothing. */
function reach(status: ReportStatus | null): { scenario: Scenario; state: ReportState } {
  const s = new Scenario();
  const id = "report-1";
  const steps: Record<
    ReportStatus,
    [ReportCommand["type"], WorkflowActor, Record<string, unknown>][]
  > = {
    submitted: [],
    needs_info: [["request_info", actors.intake, { messageId: "m1" }]],
    accepted: [["accept", actors.intake, {}]],
    rejected: [["reject", actors.intake, { reason: "not enough detail" }]],
    forwarded: [
      ["accept", actors.intake, {}],
      ["forward", actors.intake, { target: { kind: "case", caseId: "case-1" } }],
    ],
    closed: [
      ["accept", actors.intake, {}],
      ["close", actors.intake, { reason: "not_a_vulnerability" }],
    ],
  };
  if (status !== null) {
    s.ok("report", id, "submit", actors.finder, { kind: "product", consent: productConsent() });
    for (const [type, actor, fields] of steps[status]) s.ok("report", id, type, actor, fields);
  }
  return { scenario: s, state: s.state("report", id) };
}

/** A valid command for each arrow label of the table. */
function commandFor(on: string): ReportCommand {
  const base = { commandId: `try-${on}`, at: "2026-04-02T00:00:00.000Z" };
  const byLabel: Record<string, ReportCommand> = {
    submit: {
      ...base,
      type: "submit",
      actor: actors.finder,
      kind: "product",
      consent: productConsent(),
    },
    request_info: { ...base, type: "request_info", actor: actors.intake, messageId: "m2" },
    resubmit: { ...base, type: "resubmit", actor: actors.finder },
    accept: { ...base, type: "accept", actor: actors.intake },
    reject: { ...base, type: "reject", actor: actors.intake, reason: "out of our remit" },
    close: { ...base, type: "close", actor: actors.intake, reason: "withdrawn" },
    forward: {
      ...base,
      type: "forward",
      actor: actors.intake,
      target: { kind: "case", caseId: "case-9" },
    },
    close_with_outcome: {
      ...base,
      type: "close_with_outcome",
      actor: actors.system,
      source: "case",
      linkedId: "case-1",
      outcome: "published",
    },
  };
  const command = byLabel[on];
  if (!command) throw new Error(`no command for ${on}`);
  return command;
}

const LABELS = [...new Set(reportTransitions.map((t) => t.on))];
const FROM: (ReportStatus | null)[] = [null, ...REPORT_STATUSES];

describe("report transition table", () => {
  for (const from of FROM) {
    for (const on of LABELS) {
      const [to] = targets(reportTransitions, from, on);
      it(`${on} from ${from ?? "nothing"} ${to !== undefined ? `leads to ${to}` : "is refused as transition_not_allowed"}`, () => {
        const { state } = reach(from);
        const decision = decideReport(state, commandFor(on), DEFAULT_POLICY);
        if (to === undefined) {
          expect(decision.ok).toBe(false);
          if (!decision.ok) expect(decision.rejection.code).toBe("transition_not_allowed");
        } else {
          expect(decision.ok, decision.ok ? "" : decision.rejection.message).toBe(true);
          const { scenario } = reach(from);
          scenario.world.executeAsFollowUp("report", "report-1", commandFor(on));
          expect(scenario.state("report", "report-1").status).toBe(to);
        }
      });
    }
  }
});

describe("report rules", () => {
  it("gives the submission its received instant and records the status history with reasons", () => {
    const s = new Scenario();
    s.ok("report", "r", "submit", actors.finder, { kind: "web", consent: webConsent() });
    s.advanceDays(1);
    s.ok("report", "r", "reject", actors.intake, { reason: "no reproduction steps" });
    const report = s.state("report", "r");
    expect(report.receivedAt).toBe(T0);
    expect(report.history).toEqual([
      { at: T0, status: "submitted", reason: null },
      { at: "2026-04-02T00:00:00.000Z", status: "rejected", reason: "no reproduction steps" },
    ]);
  });

  it("lets only the report's own finder resubmit or change consent", () => {
    const s = new Scenario();
    s.ok("report", "r", "submit", actors.finder, { kind: "product", consent: productConsent() });
    s.ok("report", "r", "request_info", actors.intake, { messageId: "m" });
    for (const actor of [actors.otherFinder, actors.intake, actors.vendor("v")]) {
      const decision = s.run("report", "r", "resubmit", actor);
      expect(decision.ok ? "accepted" : decision.rejection.code).toBe("forbidden");
    }
    expect(s.run("report", "r", "resubmit", actors.finder).ok).toBe(true);
  });

  it("refuses a rejection without a reason and a duplicate closure without what it duplicates", () => {
    const s = new Scenario();
    s.ok("report", "r", "submit", actors.finder, { kind: "product", consent: productConsent() });
    const reject = s.run("report", "r", "reject", actors.intake, { reason: " " });
    expect(reject.ok ? null : reject.rejection).toMatchObject({
      code: "invalid_input",
      details: [{ path: "reason" }],
    });
    s.ok("report", "r", "accept", actors.intake);
    const close = s.run("report", "r", "close", actors.intake, { reason: "duplicate" });
    expect(close.ok ? null : close.rejection).toMatchObject({
      code: "invalid_input",
      details: [{ path: "duplicateOf" }],
    });
    s.ok("report", "r", "close", actors.intake, {
      reason: "duplicate",
      duplicateOf: "CVE-2026-0001",
    });
    expect(s.state("report", "r")).toMatchObject({
      closeReason: "duplicate",
      duplicateOf: "CVE-2026-0001",
    });
  });

  it("changes the kind only before forwarding, with a reason, and drops the consent of the old kind", () => {
    const s = new Scenario();
    s.ok("report", "r", "submit", actors.finder, {
      kind: "product",
      consent: productConsent({ identityToVendor: true }),
    });
    const noReason = s.run("report", "r", "change_kind", actors.intake, {
      kind: "web",
      reason: "",
    });
    expect(noReason.ok).toBe(false);
    s.ok("report", "r", "change_kind", actors.intake, {
      kind: "web",
      reason: "the application is built for this one site and not distributed",
    });
    expect(s.state("report", "r")).toMatchObject({
      kind: "web",
      consent: { kind: "web", identityToOperator: false, directContact: false },
    });
    s.ok("report", "r", "accept", actors.intake);
    s.ok("report", "r", "forward", actors.intake, {
      target: { kind: "site_case", siteCaseId: "s", operator: { orgId: "op" } },
    });
    const late = s.run("report", "r", "change_kind", actors.intake, {
      kind: "product",
      reason: "x",
    });
    expect(late.ok ? null : late.rejection.code).toBe("transition_not_allowed");
  });

  it("forwards a product report only as a case and a web report only as a site case (W-7)", () => {
    const s = new Scenario();
    s.ok("report", "w", "submit", actors.finder, { kind: "web", consent: webConsent() });
    s.ok("report", "w", "accept", actors.intake);
    const asCase = s.run("report", "w", "forward", actors.intake, {
      target: { kind: "case", caseId: "c" },
    });
    expect(asCase.ok ? null : asCase.rejection).toMatchObject({
      code: "invalid_input",
      details: [{ path: "target.kind" }],
    });
    expect(s.world.ids("case")).toEqual([]);
    s.ok("report", "p", "submit", actors.finder, { kind: "product", consent: productConsent() });
    s.ok("report", "p", "accept", actors.intake);
    const asSite = s.run("report", "p", "forward", actors.intake, {
      target: { kind: "site_case", siteCaseId: "s", operator: { orgId: "op" } },
    });
    expect(asSite.ok).toBe(false);
    expect(s.world.ids("site_case")).toEqual([]);
  });

  it("opens the case on forwarding and closes the report with its case's outcome (R-INT-9)", () => {
    const s = new Scenario();
    const { reportId, caseId } = s.productCase();
    expect(s.state("report", reportId)).toMatchObject({ status: "forwarded", caseId });
    expect(s.kase(caseId)).toMatchObject({
      status: "triage",
      source: { kind: "report", reportId, finderId: "finder-1" },
    });
    s.ok("case", caseId, "close_case", actors.coordinator, {
      reason: "no_action",
      message: "every vendor has a fix already",
    });
    expect(s.state("report", reportId)).toMatchObject({
      status: "closed",
      closeReason: "no_action",
    });
  });

  it("closes a web report with its site case's outcome (R-INT-9)", () => {
    const s = new Scenario();
    const { reportId, siteCaseId } = s.webCase();
    s.ok("site_case", siteCaseId, "acknowledge", actors.operator());
    s.ok("site_case", siteCaseId, "report_result", actors.operator(), {
      result: "fixed",
      fixMethod: "page_removed",
    });
    expect(s.state("report", reportId).status).toBe("forwarded");
    s.ok("site_case", siteCaseId, "close", actors.intake, { reason: "fixed", message: "fixed" });
    expect(s.state("report", reportId)).toMatchObject({
      status: "closed",
      closeReason: "fixed",
      history: expect.arrayContaining([
        expect.objectContaining({ status: "closed", reason: "fixed" }),
      ]),
    });
  });

  it("takes a case's outcome only from the case itself (a follow-up), never from a service", () => {
    const s = new Scenario();
    const { reportId, caseId } = s.productCase();
    for (const actor of [actors.intake, actors.system]) {
      const direct = s.run("report", reportId, "close_with_outcome", actor, {
        source: "case",
        linkedId: caseId,
        outcome: "published",
      });
      expect(direct.ok ? null : direct.rejection.code).toBe("forbidden");
    }
    expect(s.state("report", reportId).status).toBe("forwarded");
  });

  it("refuses an outcome from a case the report was not forwarded to", () => {
    const s = new Scenario();
    const { reportId } = s.productCase();
    const decision = s.world.executeAsFollowUp("report", reportId, {
      type: "close_with_outcome",
      commandId: "x",
      at: s.now,
      actor: actors.system,
      source: "case",
      linkedId: "some-other-case",
      outcome: "published",
    } as never);
    expect(decision.ok ? null : decision.rejection).toMatchObject({
      code: "invalid_input",
      details: [{ path: "linkedId" }],
    });
  });

  it("passes a consent change on to the forwarded case", () => {
    const s = new Scenario();
    const { reportId, caseId } = s.productCase({
      consent: productConsent({ identityToVendor: false }),
    });
    s.ok("report", reportId, "update_consent", actors.finder, {
      consent: productConsent({ identityToVendor: true, credit: null }),
    });
    expect(s.kase(caseId).finderConsent).toMatchObject({ identityToVendor: true, credit: null });
  });

  it("refuses a consent of the wrong kind or with missing flags", () => {
    const s = new Scenario();
    const decision = s.run("report", "r", "submit", actors.finder, {
      kind: "product",
      consent: { kind: "product", identityToCoordinator: true },
    });
    expect(decision.ok ? null : decision.rejection.details?.map((d) => d.path)).toEqual([
      "consent.identityToVendor",
      "consent.directContact",
      "consent.credit",
    ]);
  });
});
