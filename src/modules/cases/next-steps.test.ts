import { describe, expect, it } from "vitest";
import { type NextStepCase, nextSteps, participantAnchor } from "./next-steps.ts";

const NOW = new Date("2027-01-05T00:00:00.000Z");
const COORDINATOR = { kind: "coordinator", userId: "coord-1" } as const;
const VENDOR = { kind: "vendor", userId: "vendor-user" } as const;
const DESK = { kind: "intake", userId: "desk-user" } as const;
const CSIRT = { kind: "csirt", userId: "csirt-user" } as const;
const quiet = { now: NOW, awaitingReply: false };

function vendor(
  organizationId: string,
  status: string,
  more: Partial<NextStepCase["participants"][number]> = {},
) {
  return { organizationId, name: `Vendor ${organizationId}`, status, ndaOnFile: true, ...more };
}

function caseOf(more: Partial<NextStepCase> = {}): NextStepCase {
  return {
    status: "coordinating",
    participants: [],
    schedule: { publishAt: "2027-02-01T00:00:00.000Z" },
    nextDeadline: null,
    advisory: { status: "none" },
    assigneeUserId: "coord-1",
    scheduleRequests: [],
    directContacts: [],
    ...more,
  };
}

const kinds = (steps: { kind: string }[]) => steps.map((step) => step.kind);

describe("the next steps of a case", () => {
  it("asks the coordinator to choose a handler before anything else, and tells another member the case is someone else's", () => {
    const unassigned = caseOf({ status: "triage", schedule: null, assigneeUserId: null });
    expect(nextSteps(unassigned, COORDINATOR, quiet)).toEqual([
      { kind: "assign", anchor: "action-assign" },
    ]);
    const others = caseOf({ assigneeUserId: "coord-2" });
    expect(kinds(nextSteps(others, COORDINATOR, quiet))).toEqual(["assignedElsewhere"]);
  });

  it("leads the handler of a new case to identify vendors, then to record an NDA or notify each identified vendor in its own block", () => {
    const fresh = caseOf({ status: "triage", schedule: null });
    expect(nextSteps(fresh, COORDINATOR, quiet)).toEqual([
      { kind: "identifyVendors", anchor: "action-add-vendor" },
    ]);
    const identified = caseOf({
      status: "triage",
      schedule: null,
      participants: [vendor("a", "identified", { ndaOnFile: false }), vendor("b", "identified")],
    });
    expect(nextSteps(identified, COORDINATOR, quiet)).toEqual([
      { kind: "recordNda", anchor: participantAnchor("a"), name: "Vendor a" },
      { kind: "notify", anchor: participantAnchor("b"), name: "Vendor b" },
    ]);
  });

  it("puts a vendor's pending date request first, names a late vendor, and waits for vendors while the draft can be started", () => {
    const view = caseOf({
      participants: [vendor("a", "notified"), vendor("b", "affected")],
      scheduleRequests: [{ status: "pending", organizationId: "b" }],
      nextDeadline: { at: "2027-01-01T00:00:00.000Z", organizationId: "a" },
    });
    expect(nextSteps(view, COORDINATOR, { now: NOW, awaitingReply: true })).toEqual([
      { kind: "decideRequest", anchor: "action-decide", name: "Vendor b" },
      { kind: "chaseVendor", anchor: participantAnchor("a"), name: "Vendor a" },
      { kind: "answerMessages", anchor: "case-messages" },
      { kind: "waitForVendors", anchor: "case-vendors" },
      { kind: "draftAdvisory", anchor: "case-advisory" },
    ]);
  });

  it("does not chase a vendor whose deadline is still ahead", () => {
    const view = caseOf({
      participants: [vendor("a", "notified")],
      nextDeadline: { at: "2027-01-10T00:00:00.000Z", organizationId: "a" },
    });
    expect(kinds(nextSteps(view, COORDINATOR, quiet))).toEqual(["waitForVendors", "draftAdvisory"]);
  });

  it("asks for the advisory's approval once drafted, then points at the publication date once approved", () => {
    const answered = [vendor("a", "affected"), vendor("b", "not_affected")];
    const drafted = caseOf({
      status: "countermeasure_ready",
      participants: answered,
      advisory: { status: "draft" },
    });
    expect(kinds(nextSteps(drafted, COORDINATOR, quiet))).toEqual(["approveAdvisory"]);
    const approved = caseOf({
      status: "countermeasure_ready",
      participants: answered,
      advisory: { status: "approved" },
    });
    expect(nextSteps(approved, COORDINATOR, quiet)).toEqual([
      { kind: "awaitPublication", anchor: "case-schedule", at: "2027-02-01T00:00:00.000Z" },
    ]);
  });

  it("leads a vendor through acknowledging, its status, its countermeasure and its statement, one at a time", () => {
    const own = (status: string, more = {}) =>
      caseOf({ participants: [vendor("a", status, more)] });
    expect(nextSteps(own("notified"), VENDOR, quiet)).toEqual([
      { kind: "acknowledge", anchor: "action-acknowledge" },
    ]);
    expect(kinds(nextSteps(own("unresponsive"), VENDOR, quiet))).toEqual(["acknowledge"]);
    expect(kinds(nextSteps(own("acknowledged"), VENDOR, quiet))).toEqual(["giveStatus"]);
    expect(kinds(nextSteps(own("investigating"), VENDOR, quiet))).toEqual(["giveStatus"]);
    expect(nextSteps(own("affected", { countermeasures: [] }), VENDOR, quiet)).toEqual([
      { kind: "giveCountermeasure", anchor: "action-countermeasure" },
    ]);
    expect(
      nextSteps(own("affected", { countermeasures: [{}], statement: null }), VENDOR, quiet),
    ).toEqual([{ kind: "giveStatement", anchor: "action-statement" }]);
    expect(
      nextSteps(
        own("affected", { countermeasures: [{}], statement: { text: "x" } }),
        VENDOR,
        quiet,
      ),
    ).toEqual([{ kind: "nothingDue", anchor: "case-schedule", at: "2027-02-01T00:00:00.000Z" }]);
  });

  it("asks a vendor to answer the coordinator's message and to review a draft advisory", () => {
    const view = caseOf({
      participants: [vendor("a", "not_affected", { statement: null })],
      advisory: { status: "draft" },
    });
    expect(nextSteps(view, VENDOR, { now: NOW, awaitingReply: true })).toEqual([
      { kind: "answerMessages", anchor: "case-messages" },
      { kind: "reviewAdvisory", anchor: "case-advisory" },
    ]);
  });

  it("tells the desk what it may do: approve a direct contact, answer, review the draft, follow the case", () => {
    const view = caseOf({
      directContacts: [{ status: "pending", coordinatorApproved: true, intakeApproved: false }],
      advisory: { status: "approved" },
    });
    expect(kinds(nextSteps(view, DESK, { now: NOW, awaitingReply: true }))).toEqual([
      "approveContact",
      "answerMessages",
      "reviewAdvisory",
      "follow",
    ]);
    const approvedAlready = caseOf({
      directContacts: [{ status: "pending", coordinatorApproved: false, intakeApproved: true }],
    });
    expect(kinds(nextSteps(approvedAlready, DESK, quiet))).toEqual(["follow"]);
  });

  it("sends the desk to the report's page to relay the coordinator's message for the finder, instead of answering it in the thread", () => {
    const steps = nextSteps(caseOf(), DESK, {
      now: NOW,
      awaitingReply: true,
      finderMessagesToRelay: { reportId: "report-1", count: 1 },
    });
    expect(kinds(steps)).toEqual(["relayToFinder", "follow"]);
    expect(steps[0]?.href).toBe("/reports/report-1#draft-review");
    const relayed = nextSteps(caseOf(), DESK, {
      now: NOW,
      awaitingReply: true,
      finderMessagesToRelay: null,
    });
    expect(kinds(relayed)).toEqual(["answerMessages", "follow"]);
  });

  it("gives a CSIRT the messages to answer, or the case to follow", () => {
    expect(kinds(nextSteps(caseOf(), CSIRT, { now: NOW, awaitingReply: true }))).toEqual([
      "answerMessages",
    ]);
    expect(nextSteps(caseOf(), CSIRT, quiet)).toEqual([
      { kind: "follow", anchor: "case-messages" },
    ]);
  });

  it("leaves nothing to do on a published or closed case, for every viewer", () => {
    for (const viewer of [COORDINATOR, VENDOR, DESK, CSIRT]) {
      const published = caseOf({ status: "published", participants: [vendor("a", "notified")] });
      expect(kinds(nextSteps(published, viewer, { now: NOW, awaitingReply: true }))).toEqual([
        "published",
      ]);
      for (const status of ["closed", "closed_no_action", "closed_duplicate"]) {
        expect(kinds(nextSteps(caseOf({ status }), viewer, quiet))).toEqual(["closed"]);
      }
    }
  });
});
