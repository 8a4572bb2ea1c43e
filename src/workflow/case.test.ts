import { describe, expect, it } from "vitest";
import {
  CASE_STATUSES,
  type CaseCommand,
  type CaseEvent,
  type CaseStatus,
  caseTransitions,
  decideCase,
  PARTICIPANT_STATUSES,
  type ParticipantStatus,
  participantTransitions,
} from "./case/index.ts";
import type { WorkflowActor } from "./common.ts";
import { createWorkflowPolicy, DEFAULT_POLICY } from "./policy.ts";
import {
  actors,
  NDA,
  productConsent,
  Scenario,
  T0,
  VENDOR_A,
  VENDOR_B,
  VENDOR_C,
} from "./testing/fixtures.ts";
import { allows, targets } from "./transitions.ts";

const CASE = "case-1";

function rejection(decision: { ok: boolean; rejection?: { code: string } }): string {
  return decision.ok ? "accepted" : (decision.rejection?.code ?? "?");
}

function types(events: CaseEvent[]): string[] {
  return events.map((e) => e.type);
}

/** A scenario whose case is in the given status. */
function caseIn(status: CaseStatus | null): Scenario {
  const s = new Scenario();
  if (status === null) return s;
  s.productCase();
  switch (status) {
    case "triage":
      break;
    case "coordinating":
      s.addAndNotify(CASE, VENDOR_A);
      break;
    case "countermeasure_ready":
      s.vendorReady(CASE, VENDOR_A);
      break;
    case "published":
    case "closed":
      s.vendorReady(CASE, VENDOR_A);
      s.approveAdvisory(CASE);
      s.advanceDays(45);
      s.fireDue("case", CASE);
      if (status === "closed") s.ok("case", CASE, "complete_case", actors.coordinator);
      break;
    case "closed_no_action":
    case "closed_duplicate":
      s.ok("case", CASE, "close_case", actors.coordinator, {
        reason: status === "closed_no_action" ? "no_action" : "duplicate",
        message: "why",
      });
      break;
  }
  expect(s.kase().status).toBe(status);
  return s;
}

/** open_case is a follow-up: a product report forwarded to the case id opens it. */
function forwardAnotherReport(s: Scenario) {
  s.ok("report", "report-9", "submit", actors.finder, {
    kind: "product",
    consent: productConsent(),
  });
  s.ok("report", "report-9", "accept", actors.intake);
  return s.run("report", "report-9", "forward", actors.intake, {
    target: { kind: "case", caseId: CASE },
  });
}

const CASE_COMMANDS: Record<string, [CaseCommand["type"], WorkflowActor, Record<string, unknown>]> =
  {
    open_case: [
      "open_case",
      actors.intake,
      { reportId: "r9", reportKind: "product", finderId: "f", finderConsent: productConsent() },
    ],
    open_csirt_case: [
      "open_csirt_case",
      actors.csirt(),
      { publishAt: "2026-06-01T00:00:00.000Z", shareWithIntake: true },
    ],
    open_self_report: [
      "open_self_report",
      actors.vendor(VENDOR_C),
      {
        nda: NDA,
        countermeasures: [{ countermeasureId: "cm", type: "fix" }],
        requestId: "req",
        proposedPublishAt: "2026-06-01T00:00:00.000Z",
      },
    ],
    "close (no_action)": ["close_case", actors.coordinator, { reason: "no_action", message: "m" }],
    "close (duplicate)": ["close_case", actors.coordinator, { reason: "duplicate", message: "m" }],
    complete_case: ["complete_case", actors.coordinator, {}],
  };

describe("case transition table", () => {
  for (const from of [null, ...CASE_STATUSES] as (CaseStatus | null)[]) {
    for (const [on, [type, actor, fields]] of Object.entries(CASE_COMMANDS)) {
      const [to] = targets(caseTransitions, from, on);
      it(`${on === "open_case" ? "open_case (forwarding a product report)" : on} from ${from ?? "nothing"} ${to !== undefined ? `leads to ${to}` : "is refused as transition_not_allowed"}`, () => {
        const s = caseIn(from);
        const decision =
          on === "open_case" ? forwardAnotherReport(s) : s.run("case", CASE, type, actor, fields);
        if (to === undefined) expect(rejection(decision)).toBe("transition_not_allowed");
        else expect(s.kase().status).toBe(to);
      });
    }
    it(`notify_participant from ${from ?? "nothing"} ${
      from === null || from.startsWith("closed")
        ? "is refused"
        : `leaves the case ${targets(caseTransitions, from, "notify_participant")[0] ?? from}`
    }`, () => {
      const s = caseIn(from);
      s.run("case", CASE, "add_participant", actors.coordinator, { orgId: VENDOR_B, nda: NDA });
      const decision = s.run("case", CASE, "notify_participant", actors.coordinator, {
        orgId: VENDOR_B,
      });
      if (from === null || from.startsWith("closed")) {
        expect(rejection(decision)).toBe("transition_not_allowed");
      } else {
        expect(rejection(decision)).toBe("accepted");
        expect(s.kase().status).toBe(
          targets(caseTransitions, from, "notify_participant")[0] ?? from,
        );
      }
    });
  }

  it("moves coordinating → countermeasure_ready when every affected vendor has a countermeasure, and back when one more is affected", () => {
    const s = caseIn("coordinating");
    const a = actors.vendor(VENDOR_A);
    s.ok("case", CASE, "acknowledge", a);
    s.ok("case", CASE, "report_status", a, { status: "affected" });
    expect(s.kase().status).toBe("coordinating");
    const events = s.ok("case", CASE, "add_countermeasure", a, {
      countermeasureId: "w1",
      countermeasureType: "workaround",
    });
    expect(events).toContainEqual(
      expect.objectContaining({
        type: "case_status_changed",
        on: "countermeasures_complete",
        to: "countermeasure_ready",
      }),
    );
    s.addAndNotify(CASE, VENDOR_B);
    s.ok("case", CASE, "acknowledge", actors.vendor(VENDOR_B));
    const back = s.ok("case", CASE, "report_status", actors.vendor(VENDOR_B), {
      status: "affected",
    });
    expect(back).toContainEqual(
      expect.objectContaining({
        type: "case_status_changed",
        on: "countermeasures_incomplete",
        to: "coordinating",
      }),
    );
  });

  it.each(["triage", "coordinating", "countermeasure_ready"] as const)(
    "publishes from %s once the embargo is terminated and the advisory approved",
    (from) => {
      const s = caseIn(from);
      s.approveAdvisory(CASE);
      s.ok("case", CASE, "terminate_embargo", actors.coordinator, {
        reason: "leak",
        note: "posted on a forum",
      });
      expect(s.kase().status).toBe("published");
      expect(allows(caseTransitions, from, "publish", "published")).toBe(true);
    },
  );
});

// ---------------------------------------------------------------------------------------------

function participantIn(status: ParticipantStatus | null): Scenario {
  const s = caseIn("triage");
  if (status === null) return s;
  const a = actors.vendor(VENDOR_A);
  s.ok("case", CASE, "add_participant", actors.coordinator, { orgId: VENDOR_A, nda: NDA });
  if (status === "identified") return s;
  s.ok("case", CASE, "notify_participant", actors.coordinator, { orgId: VENDOR_A });
  if (status === "unresponsive") {
    s.ok("case", CASE, "mark_unresponsive", actors.coordinator, {
      orgId: VENDOR_A,
      note: "no answer",
    });
  } else if (status !== "notified") {
    s.ok("case", CASE, "acknowledge", a);
    if (status !== "acknowledged") s.ok("case", CASE, "report_status", a, { status });
  }
  expect(s.kase().participants[0]?.status).toBe(status);
  return s;
}

const PARTICIPANT_COMMANDS: [
  string,
  CaseCommand["type"],
  WorkflowActor,
  Record<string, unknown>,
][] = [
  ["add_participant", "add_participant", actors.coordinator, { orgId: VENDOR_A, nda: NDA }],
  [
    "remove_participant",
    "remove_participant",
    actors.coordinator,
    { orgId: VENDOR_A, reason: "wrong vendor" },
  ],
  ["notify_participant", "notify_participant", actors.coordinator, { orgId: VENDOR_A }],
  ["acknowledge", "acknowledge", actors.vendor(VENDOR_A), {}],
  ...(["investigating", "affected", "not_affected", "cannot_reproduce"] as const).map(
    (status) =>
      [`report_status → ${status}`, "report_status", actors.vendor(VENDOR_A), { status }] as [
        string,
        CaseCommand["type"],
        WorkflowActor,
        Record<string, unknown>,
      ],
  ),
  [
    "mark_unresponsive",
    "mark_unresponsive",
    actors.coordinator,
    { orgId: VENDOR_A, note: "silent" },
  ],
];

function expectedParticipantOutcome(
  from: ParticipantStatus | null,
  label: string,
  type: string,
): string {
  const on = label.startsWith("report_status") ? "report_status" : label;
  const to = label.startsWith("report_status") ? label.split(" → ")[1] : undefined;
  const allowed = to
    ? allows(participantTransitions, from, on, to as ParticipantStatus)
    : targets(participantTransitions, from, on).length > 0;
  if (allowed) return "accepted";
  const vendorAction = type === "acknowledge" || type === "report_status";
  if (vendorAction && (from === null || from === "identified")) return "forbidden";
  if (type === "add_participant" || (from === null && !vendorAction)) return "invalid_input";
  return "transition_not_allowed";
}

describe("participant transition table", () => {
  for (const from of [null, ...PARTICIPANT_STATUSES] as (ParticipantStatus | null)[]) {
    for (const [label, type, actor, fields] of PARTICIPANT_COMMANDS) {
      const outcome = expectedParticipantOutcome(from, label, type);
      const to =
        outcome === "accepted"
          ? label.startsWith("report_status")
            ? label.split(" → ")[1]
            : (targets(participantTransitions, from, label)[0] ?? "(removed)")
          : null;
      it(`${label} from ${from ?? "nothing"} ${to ? `leads to ${to}` : `is refused as ${outcome}`}`, () => {
        const s = participantIn(from);
        const decision = s.run("case", CASE, type, actor, fields);
        expect(rejection(decision)).toBe(outcome);
        if (to) expect(s.kase().participants[0]?.status ?? "(removed)").toBe(to);
      });
    }
  }

  it("starts a self-reporting vendor as affected", () => {
    const s = caseIn(null);
    const [type, actor, fields] = CASE_COMMANDS.open_self_report as [
      CaseCommand["type"],
      WorkflowActor,
      Record<string, unknown>,
    ];
    s.ok("case", CASE, type, actor, fields);
    expect(s.kase().participants).toMatchObject([{ orgId: VENDOR_C, status: "affected" }]);
    expect(allows(participantTransitions, null, "open_self_report", "affected")).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------

describe("case rules", () => {
  it("refuses to notify a vendor whose NDA is not recorded (nda_required), and notifies once it is", () => {
    const s = caseIn("triage");
    s.ok("case", CASE, "add_participant", actors.coordinator, { orgId: VENDOR_A });
    const blocked = s.run("case", CASE, "notify_participant", actors.coordinator, {
      orgId: VENDOR_A,
    });
    expect(blocked.ok ? null : blocked.rejection).toMatchObject({
      code: "nda_required",
      state: "identified",
    });
    const message = s.run("case", CASE, "post_message", actors.coordinator, {
      messageId: "m",
      to: VENDOR_A,
    });
    expect(rejection(message)).toBe("nda_required");
    expect(s.kase().firstContactAt).toBeNull();
    s.ok("case", CASE, "notify_participant", actors.coordinator, { orgId: VENDOR_A, nda: NDA });
    expect(s.kase().participants[0]).toMatchObject({
      status: "notified",
      nda: NDA,
      notifiedAt: T0,
    });
  });

  it("fixes firstContactAt at the first notification and sets the default date 45 days later, once", () => {
    const s = caseIn("triage");
    s.advanceDays(2);
    s.addAndNotify(CASE, VENDOR_A);
    const first = "2026-04-03T00:00:00.000Z";
    expect(s.kase()).toMatchObject({
      firstContactAt: first,
      schedule: { publishAt: "2026-05-18T00:00:00.000Z", countermeasureDue: null, revision: 1 },
    });
    expect(s.kase().scheduleRevisions[0]).toMatchObject({ setBy: "default", old: null });
    s.advanceDays(3);
    s.addAndNotify(CASE, VENDOR_B);
    expect(s.kase().firstContactAt).toBe(first);
    expect(s.kase().scheduleRevisions).toHaveLength(1);
  });

  it("takes the default embargo from the policy it is given", () => {
    const s = new Scenario(createWorkflowPolicy({ defaultEmbargoDays: 30 }));
    s.productCase();
    s.addAndNotify(CASE, VENDOR_A);
    expect(s.kase().schedule?.publishAt).toBe("2026-05-01T00:00:00.000Z");
    expect(() => createWorkflowPolicy({ defaultEmbargoDays: 120, maxEmbargoDays: 90 })).toThrow(
      /maxEmbargoDays/,
    );
  });

  it("lets a vendor's schedule request change nothing until the coordinator accepts it", () => {
    const s = caseIn("coordinating");
    const before = s.kase().schedule;
    const a = actors.vendor(VENDOR_A);
    const forbidden = s.run("case", CASE, "revise_schedule", a, {
      publishAt: "2026-05-30T00:00:00.000Z",
      reason: "we need more time",
    });
    expect(rejection(forbidden)).toBe("forbidden");
    s.ok("case", CASE, "request_schedule", a, {
      requestId: "rq1",
      publishAt: "2026-05-30T00:00:00.000Z",
      reason: "we need more time",
    });
    expect(s.kase().schedule).toEqual(before);
    s.ok("case", CASE, "decide_schedule_request", actors.coordinator, {
      requestId: "rq1",
      decision: "decline",
      reason: "the finder's talk is on 20 May",
    });
    expect(s.kase().schedule).toEqual(before);
    s.ok("case", CASE, "request_schedule", a, {
      requestId: "rq2",
      publishAt: "2026-05-25T00:00:00.000Z",
      reason: "a release on 24 May",
    });
    s.ok("case", CASE, "decide_schedule_request", actors.coordinator, {
      requestId: "rq2",
      decision: "accept",
      reason: "the release date is reasonable",
    });
    expect(s.kase().schedule?.publishAt).toBe("2026-05-25T00:00:00.000Z");
    expect(s.kase().scheduleRevisions.at(-1)).toMatchObject({
      old: { publishAt: "2026-05-16T00:00:00.000Z" },
      new: { publishAt: "2026-05-25T00:00:00.000Z" },
      reason: "the release date is reasonable",
      setBy: "coordinator",
      requestedBy: { kind: "vendor_request", requestId: "rq2" },
    });
  });

  it("tells every informed vendor of a revision without naming the vendor that asked for it", () => {
    const s = caseIn("coordinating");
    s.addAndNotify(CASE, VENDOR_B);
    s.ok("case", CASE, "add_participant", actors.coordinator, { orgId: VENDOR_C, nda: NDA });
    const events = s.ok("case", CASE, "revise_schedule", actors.coordinator, {
      publishAt: "2026-05-20T00:00:00.000Z",
      reason: "vendor B's release",
    });
    const revision = events.find((e) => e.type === "schedule_set");
    expect(revision?.audience).toEqual(
      expect.arrayContaining([
        { kind: "vendor", orgId: VENDOR_A },
        { kind: "vendor", orgId: VENDOR_B },
        { kind: "finder" },
      ]),
    );
    expect(revision?.audience).not.toContainEqual({ kind: "vendor", orgId: VENDOR_C });
  });

  it("requires a recorded reason for a date beyond the maximum embargo", () => {
    const s = caseIn("coordinating");
    const late = { publishAt: "2026-07-15T00:00:00.000Z", reason: "a hardware fix" };
    const refused = s.run("case", CASE, "revise_schedule", actors.coordinator, late);
    expect(refused.ok ? null : refused.rejection).toMatchObject({
      code: "invalid_input",
      details: [{ path: "exceedReason" }],
    });
    s.ok("case", CASE, "revise_schedule", actors.coordinator, {
      ...late,
      exceedReason: "firmware for field devices needs a recall cycle",
    });
    expect(s.kase().scheduleRevisions.at(-1)?.exceedReason).toBe(
      "firmware for field devices needs a recall cycle",
    );
    const inPast = s.run("case", CASE, "revise_schedule", actors.coordinator, {
      publishAt: "2026-03-01T00:00:00.000Z",
      reason: "x",
    });
    expect(rejection(inPast)).toBe("invalid_input");
  });

  it("keeps a CSIRT's date until the CSIRT agrees to the change", () => {
    const s = new Scenario();
    s.ok("case", CASE, "open_csirt_case", actors.csirt(), {
      publishAt: "2026-06-01T00:00:00.000Z",
      shareWithIntake: false,
    });
    expect(s.kase().schedule?.publishAt).toBe("2026-06-01T00:00:00.000Z");
    s.addAndNotify(CASE, VENDOR_A);
    expect(s.kase().schedule?.revision).toBe(1);
    const change = { publishAt: "2026-06-10T00:00:00.000Z", reason: "vendor asked" };
    expect(rejection(s.run("case", CASE, "revise_schedule", actors.coordinator, change))).toBe(
      "transition_not_allowed",
    );
    s.ok("case", CASE, "propose_schedule_to_csirt", actors.coordinator, {
      proposalId: "p1",
      ...change,
    });
    expect(
      rejection(
        s.run("case", CASE, "answer_schedule_proposal", actors.csirt("csirt-other"), {
          proposalId: "p1",
          decision: "agree",
        }),
      ),
    ).toBe("forbidden");
    expect(
      rejection(
        s.run("case", CASE, "revise_schedule", actors.coordinator, {
          ...change,
          csirtProposalId: "p1",
        }),
      ),
    ).toBe("transition_not_allowed");
    s.ok("case", CASE, "answer_schedule_proposal", actors.csirt(), {
      proposalId: "p1",
      decision: "agree",
    });
    s.ok("case", CASE, "revise_schedule", actors.coordinator, { ...change, csirtProposalId: "p1" });
    expect(s.kase().schedule?.publishAt).toBe("2026-06-10T00:00:00.000Z");
    const again = s.run("case", CASE, "revise_schedule", actors.coordinator, {
      publishAt: "2026-06-12T00:00:00.000Z",
      reason: "again",
      csirtProposalId: "p1",
    });
    expect(rejection(again)).toBe("transition_not_allowed");
  });

  it("keeps the intake desk out of a CSIRT case that does not share with it", () => {
    const s = new Scenario();
    const events = s.ok("case", CASE, "open_csirt_case", actors.csirt(), {
      publishAt: "2026-06-01T00:00:00.000Z",
      shareWithIntake: false,
    });
    for (const event of events) expect(event.audience).not.toContainEqual({ kind: "intake" });
    expect(rejection(s.run("case", CASE, "post_message", actors.intake, { messageId: "m" }))).toBe(
      "forbidden",
    );
  });

  it("does not publish before the scheduled instant, and publishes everything at it, once", () => {
    const s = caseIn("countermeasure_ready");
    s.addAndNotify(CASE, VENDOR_B);
    s.ok("case", CASE, "set_statement", actors.vendor(VENDOR_B), { statementId: "stmt-b" });
    s.approveAdvisory(CASE);
    expect(s.kase().publication).toBeNull();
    const timer = s.kase().timers.find((t) => t.kind === "publication_due");
    expect(timer?.dueAt).toBe("2026-05-16T00:00:00.000Z");
    const early = s.run("case", CASE, "fire_timer", actors.system, { timerId: timer?.id });
    expect(rejection(early)).toBe("transition_not_allowed");
    s.advanceDays(45).advance(5_000);
    s.fireDue("case", CASE);
    expect(s.kase().publication).toMatchObject({
      publishedAt: "2026-05-16T00:00:00.000Z",
      at: "2026-05-16T00:00:05.000Z",
      statements: [
        { orgId: VENDOR_A, statementId: `statement-${VENDOR_A}` },
        { orgId: VENDOR_B, statementId: "stmt-b" },
      ],
      countermeasures: [{ orgId: VENDOR_A, countermeasureId: `fix-${VENDOR_A}` }],
      credit: "Taro Yamada",
      terminationReason: null,
    });
    const later = s.ok("case", CASE, "set_statement", actors.vendor(VENDOR_B), {
      statementId: "stmt-b2",
    });
    expect(later[0]?.audience).toContainEqual({ kind: "public", channel: "advisory" });
    expect(s.world.log.filter((l) => l.event.type === "case_published")).toHaveLength(1);
  });

  it("never skips a due publication silently: it raises an overdue alert and publishes once unblocked", () => {
    const s = caseIn("countermeasure_ready");
    s.ok("case", CASE, "add_participant", actors.coordinator, { orgId: VENDOR_B });
    s.advanceDays(38);
    const alert = s.fireDue("case", CASE).find((e) => e.type === "publication_alert");
    expect(alert).toMatchObject({
      problems: [
        { kind: "advisory_not_approved" },
        { kind: "participants_not_notified", orgIds: [VENDOR_B] },
      ],
    });
    s.advanceDays(7);
    const due = s.fireDue("case", CASE);
    expect(types(due)).toContain("publication_overdue");
    s.approveAdvisory(CASE);
    expect(s.kase().publication).toBeNull();
    s.advanceDays(1);
    s.ok("case", CASE, "remove_participant", actors.coordinator, {
      orgId: VENDOR_B,
      reason: "not their product",
    });
    expect(s.kase().publication).toMatchObject({ publishedAt: "2026-05-17T00:00:00.000Z" });
  });

  it("tries a blocked publication again each day and dates it when it finally happens", () => {
    const s = caseIn("countermeasure_ready");
    s.ok("case", CASE, "update_advisory", actors.coordinator);
    s.advanceDays(45);
    expect(types(s.fireDue("case", CASE))).toContain("publication_overdue");
    // An approval that arrives late, dated before the publication instant, publishes nothing…
    const late = s.run(
      "case",
      CASE,
      "approve_advisory",
      actors.coordinator,
      {},
      { at: "2026-05-15T12:00:00.000Z" },
    );
    expect(rejection(late)).toBe("accepted");
    expect(s.kase().publication).toBeNull();
    // … but the next retry does, dated when it happens.
    s.advanceDays(1);
    s.fireDue("case", CASE);
    expect(s.kase().publication).toMatchObject({
      publishedAt: "2026-05-17T00:00:00.000Z",
      at: "2026-05-17T00:00:00.000Z",
    });
  });

  it("ends an embargo only for a recorded reason and then publishes at the termination instant", () => {
    const s = caseIn("coordinating");
    s.approveAdvisory(CASE);
    const bad = s.run("case", CASE, "terminate_embargo", actors.coordinator, {
      reason: "impatience",
      note: "",
    });
    expect(bad.ok ? null : bad.rejection).toMatchObject({
      code: "invalid_input",
      details: [{ path: "reason" }],
    });
    s.advanceDays(3);
    expect(
      rejection(
        s.run("case", CASE, "terminate_embargo", actors.vendor(VENDOR_A), {
          reason: "leak",
          note: "",
        }),
      ),
    ).toBe("forbidden");
    s.ok("case", CASE, "terminate_embargo", actors.coordinator, {
      reason: "exploited",
      note: "attacks seen",
    });
    expect(s.kase().publication).toMatchObject({
      publishedAt: "2026-04-04T00:00:00.000Z",
      terminationReason: "exploited",
    });
  });

  it("publishes a case whose every vendor is unreachable only after the committee decides to", () => {
    const s = caseIn("coordinating");
    s.approveAdvisory(CASE);
    s.ok("case", CASE, "mark_unresponsive", actors.coordinator, {
      orgId: VENDOR_A,
      note: "no reply",
    });
    s.advanceDays(45);
    expect(types(s.fireDue("case", CASE))).toContain("publication_overdue");
    s.ok("case", CASE, "record_committee_decision", actors.coordinator, {
      decision: "publish",
      summary: "the vendor had a chance to respond",
    });
    expect(s.kase().status).toBe("published");
  });

  it("lists an unreachable vendor by name, its product only after the delay, and takes it off when it answers", () => {
    const s = caseIn("coordinating");
    const list = (stage: string) =>
      s.run("case", CASE, "list_unreachable", actors.coordinator, {
        orgId: VENDOR_A,
        stage,
        decision: "d",
      });
    expect(rejection(list("name"))).toBe("transition_not_allowed");
    s.ok("case", CASE, "mark_unresponsive", actors.coordinator, {
      orgId: VENDOR_A,
      note: "no reply",
    });
    expect(rejection(list("product"))).toBe("transition_not_allowed");
    const named = list("name");
    expect(named.ok && named.events[0]?.audience).toContainEqual({
      kind: "public",
      channel: "unreachable_list",
    });
    s.advanceDays(DEFAULT_POLICY.unreachableProductDelayDays - 1);
    expect(rejection(list("product"))).toBe("transition_not_allowed");
    s.advanceDays(1);
    expect(rejection(list("product"))).toBe("accepted");
    const answer = s.ok("case", CASE, "acknowledge", actors.vendor(VENDOR_A));
    expect(types(answer)).toContain("unreachable_vendor_delisted");
    expect(s.kase().participants[0]).toMatchObject({
      status: "acknowledged",
      unreachableListing: null,
    });
  });

  it("keeps each vendor's messages and statements between it and the coordinator (R-COO-5)", () => {
    const s = caseIn("coordinating");
    s.addAndNotify(CASE, VENDOR_B);
    s.ok("case", CASE, "add_participant", actors.coordinator, { orgId: VENDOR_C, nda: NDA });
    const a = actors.vendor(VENDOR_A);
    const [message] = s.ok("case", CASE, "post_message", a, { messageId: "m1" });
    expect(message?.audience).toEqual([
      { kind: "coordinator" },
      { kind: "vendor", orgId: VENDOR_A },
    ]);
    expect(
      rejection(s.run("case", CASE, "post_message", a, { messageId: "m2", to: VENDOR_B })),
    ).toBe("forbidden");
    expect(
      rejection(s.run("case", CASE, "post_message", a, { messageId: "m3", to: "vendors" })),
    ).toBe("forbidden");
    const [statement] = s.ok("case", CASE, "set_statement", a, { statementId: "s1" });
    expect(statement?.audience).not.toContainEqual({ kind: "vendor", orgId: VENDOR_B });
    const [broadcast] = s.ok("case", CASE, "post_message", actors.coordinator, {
      messageId: "m4",
      to: "vendors",
    });
    expect(broadcast?.audience).toEqual([
      { kind: "coordinator" },
      { kind: "vendor", orgId: VENDOR_A },
      { kind: "vendor", orgId: VENDOR_B },
    ]);
    expect(
      rejection(
        s.run("case", CASE, "set_statement", actors.vendor(VENDOR_C), { statementId: "s" }),
      ),
    ).toBe("forbidden");
  });

  it("shares the finder's identity only as consented (W-8)", () => {
    const s = new Scenario();
    s.productCase({
      consent: productConsent({ identityToCoordinator: false, identityToVendor: false }),
    });
    expect(s.world.log.some((l) => l.event.type === "finder_identity_shared")).toBe(false);
    s.addAndNotify(CASE, VENDOR_A);
    expect(
      rejection(s.run("case", CASE, "share_finder_identity", actors.intake, { to: VENDOR_A })),
    ).toBe("forbidden");
    expect(
      rejection(s.run("case", CASE, "share_finder_identity", actors.intake, { to: "coordinator" })),
    ).toBe("forbidden");
    s.ok("report", "report-1", "update_consent", actors.finder, {
      consent: productConsent({ identityToCoordinator: false, identityToVendor: true }),
    });
    const [shared] = s.ok("case", CASE, "share_finder_identity", actors.intake, { to: VENDOR_A });
    expect(shared).toMatchObject({
      type: "finder_identity_shared",
      to: [{ kind: "vendor", orgId: VENDOR_A }],
    });
  });

  it("opens finder–vendor direct contact only with the finder's consent and both approvals (R-COO-6)", () => {
    const s = new Scenario();
    s.productCase({ consent: productConsent({ directContact: false }) });
    s.addAndNotify(CASE, VENDOR_A);
    const a = actors.vendor(VENDOR_A);
    s.ok("case", CASE, "request_direct_contact", a, {
      requestId: "dc1",
      reason: "reproduction questions",
    });
    expect(
      rejection(
        s.run("case", CASE, "approve_direct_contact", actors.coordinator, { requestId: "dc1" }),
      ),
    ).toBe("forbidden");
    s.ok("report", "report-1", "update_consent", actors.finder, {
      consent: productConsent({ directContact: true }),
    });
    s.ok("case", CASE, "approve_direct_contact", actors.coordinator, { requestId: "dc1" });
    expect(
      rejection(s.run("case", CASE, "post_message", a, { messageId: "m", to: "finder" })),
    ).toBe("forbidden");
    const opened = s.ok("case", CASE, "approve_direct_contact", actors.intake, {
      requestId: "dc1",
    });
    expect(types(opened)).toEqual([
      "direct_contact_approved",
      "direct_contact_opened",
      "finder_identity_shared",
    ]);
    expect(
      rejection(s.run("case", CASE, "post_message", a, { messageId: "m", to: "finder" })),
    ).toBe("accepted");
    s.ok("report", "report-1", "update_consent", actors.finder, {
      consent: productConsent({ directContact: false }),
    });
    expect(
      rejection(s.run("case", CASE, "post_message", a, { messageId: "m2", to: "finder" })),
    ).toBe("forbidden");
  });

  it("reminds a silent vendor, then escalates to the coordinator, and starts over when it answers", () => {
    const s = caseIn("triage");
    s.addAndNotify(CASE, VENDOR_A);
    s.advanceDays(7);
    const first = s.fireDue("case", CASE).filter((e) => e.type === "participant_reminder_due");
    expect(first).toMatchObject([{ orgId: VENDOR_A, ladder: "acknowledgement", step: 1 }]);
    expect(first[0]?.audience).toEqual([
      { kind: "coordinator" },
      { kind: "vendor", orgId: VENDOR_A },
    ]);
    // 2026-04-08 is a Wednesday: 3 business days later is Monday 13 April.
    s.advanceDays(5);
    expect(types(s.fireDue("case", CASE))).toContain("participant_reminder_due");
    s.advanceDays(3);
    expect(types(s.fireDue("case", CASE))).toContain("participant_escalation_due");
    s.advanceDays(30);
    expect(types(s.fireDue("case", CASE)).filter((t) => t.startsWith("participant_"))).toEqual([]);
    s.ok("case", CASE, "acknowledge", actors.vendor(VENDOR_A));
    expect(s.kase().participants[0]?.ladder).toMatchObject({
      kind: "status",
      reminders: 0,
      exhaustedAt: null,
    });
  });

  it("opens a vendor's self-report with its countermeasures, under its NDA, and its date as a request", () => {
    const s = new Scenario();
    const [, actor, fields] = CASE_COMMANDS.open_self_report as [
      unknown,
      WorkflowActor,
      Record<string, unknown>,
    ];
    expect(
      rejection(s.run("case", CASE, "open_self_report", actor, { ...fields, nda: null })),
    ).toBe("nda_required");
    s.ok("case", CASE, "open_self_report", actor, fields);
    expect(s.kase()).toMatchObject({
      status: "countermeasure_ready",
      firstContactAt: T0,
      schedule: { publishAt: "2026-05-16T00:00:00.000Z" },
      scheduleRequests: [{ id: "req", publishAt: "2026-06-01T00:00:00.000Z", status: "pending" }],
    });
  });

  it("refuses commands on a closed case but lets its timers fire harmlessly", () => {
    const s = caseIn("coordinating");
    s.ok("case", CASE, "close_case", actors.coordinator, {
      reason: "duplicate",
      message: "see KKHVU#1",
      duplicateOf: "KKHVU#1",
    });
    expect(rejection(s.run("case", CASE, "acknowledge", actors.vendor(VENDOR_A)))).toBe(
      "transition_not_allowed",
    );
    s.advanceDays(60);
    const fired = s.fireDue("case", CASE);
    expect(new Set(types(fired))).toEqual(new Set(["timer_fired"]));
  });

  it("refuses the commands only follow-ups send, from anyone", () => {
    const s = caseIn("triage");
    for (const actor of [actors.intake, actors.coordinator, actors.system]) {
      const open = s.run("case", "case-2", "open_case", actor, {
        reportId: "report-1",
        reportKind: "product",
        finderId: "finder-1",
        finderConsent: productConsent(),
      });
      expect(open.ok ? null : open.rejection).toMatchObject({
        code: "forbidden",
        command: "open_case",
      });
      const consent = s.run("case", CASE, "update_finder_consent", actor, {
        consent: productConsent(),
      });
      expect(rejection(consent)).toBe("forbidden");
    }
    expect(s.world.ids("case")).toEqual([CASE]);
  });

  it("refuses to forward a second report to a case that exists, and changes nothing", () => {
    const s = caseIn("coordinating");
    const before = s.kase();
    const decision = forwardAnotherReport(s);
    expect(decision.ok ? null : decision.rejection).toMatchObject({
      code: "transition_not_allowed",
    });
    expect(s.state("report", "report-9").status).toBe("accepted");
    expect(s.kase()).toBe(before);
  });

  it("is a pure function: it never changes the state it is given", () => {
    const s = caseIn("countermeasure_ready");
    const state = s.kase();
    const snapshot = JSON.stringify(state);
    decideCase(
      state,
      { type: "approve_advisory", commandId: "x", at: T0, actor: actors.coordinator },
      DEFAULT_POLICY,
    );
    decideCase(
      state,
      { type: "update_advisory", commandId: "y", at: T0, actor: actors.coordinator },
      DEFAULT_POLICY,
    );
    expect(JSON.stringify(state)).toBe(snapshot);
  });
});
