/**
 * What needs doing next on a case, for the one who looks at it: the case page leads with the
 * first of these steps and links each to the section or form where it is done. Pure: it reads
 * the case as that viewer sees it, nothing else.
 */

/** The kinds of step, each with its words in the catalogs (`casePages.next.<kind>`). */
export const NEXT_STEP_KINDS = [
  // The coordinator
  "assign",
  "assignedElsewhere",
  "identifyVendors",
  "recordNda",
  "notify",
  "decideRequest",
  "chaseVendor",
  "setSchedule",
  "waitForVendors",
  "draftAdvisory",
  "approveAdvisory",
  "awaitPublication",
  // A vendor
  "acknowledge",
  "giveStatus",
  "giveCountermeasure",
  "giveStatement",
  "reviewAdvisory",
  "nothingDue",
  // The desk and a CSIRT
  "approveContact",
  "relayToFinder",
  "follow",
  // Everyone
  "answerMessages",
  "published",
  "closed",
] as const;
export type NextStepKind = (typeof NEXT_STEP_KINDS)[number];

/** Where on the case page each section and form is (the page's element ids). */
export const CASE_ANCHORS = {
  overview: "case-overview",
  vendors: "case-vendors",
  schedule: "case-schedule",
  messages: "case-messages",
  advisory: "case-advisory",
  history: "case-history",
  directContacts: "case-direct-contacts",
  assign: "action-assign",
  addVendor: "action-add-vendor",
  schedule_form: "action-schedule",
  decide: "action-decide",
  acknowledge: "action-acknowledge",
  status: "action-status",
  countermeasure: "action-countermeasure",
  statement: "action-statement",
} as const;

/** A vendor's block on the case page. */
export const participantAnchor = (organizationId: string) => `participant-${organizationId}`;

export interface NextStep {
  kind: NextStepKind;
  /** The id of the element on the case page where the step is taken. */
  anchor: string;
  /** The vendor the step is about, by name. */
  name?: string;
  /** Where the step is taken when it is not on the case page (the report's page). */
  href?: string;
  /** When it happens (a publication date). */
  at?: string;
}

/** What of the case the steps depend on; the case page's view has all of it. */
export interface NextStepCase {
  status: string | null;
  participants: readonly {
    organizationId: string;
    name: string | null;
    status: string;
    ndaOnFile: boolean;
    countermeasures?: readonly unknown[] | undefined;
    statement?: unknown;
  }[];
  schedule: { publishAt: string } | null;
  nextDeadline: { at: string; organizationId: string | null } | null;
  advisory?: { status: string } | undefined;
  assigneeUserId?: string | null | undefined;
  scheduleRequests?: readonly { status: string; organizationId: string }[] | undefined;
  directContacts?:
    | readonly { status: string; coordinatorApproved: boolean; intakeApproved: boolean }[]
    | undefined;
}

export interface NextStepViewer {
  kind: "coordinator" | "intake" | "vendor" | "csirt";
  userId: string;
}

export interface NextStepContext {
  now: Date;
  /** The latest message of the thread this viewer reads came from someone else. */
  awaitingReply: boolean;
  /** The desk: the coordinator's messages for the finder waiting to be relayed on the report. */
  finderMessagesToRelay?: { reportId: string; count: number } | null;
}

const ACTIVE = ["triage", "coordinating", "countermeasure_ready"];
/** A vendor that has not answered yet, or is still looking. */
const UNANSWERED = ["notified", "acknowledged", "investigating", "unresponsive"];

/** The steps for this viewer, the most pressing first; never empty. */
export function nextSteps(
  view: NextStepCase,
  viewer: NextStepViewer,
  context: NextStepContext,
): NextStep[] {
  if (view.status === "published") return [{ kind: "published", anchor: CASE_ANCHORS.advisory }];
  if (view.status === null || !ACTIVE.includes(view.status)) {
    return [{ kind: "closed", anchor: CASE_ANCHORS.overview }];
  }
  const steps = stepsOf(view, viewer, context);
  return steps.length > 0 ? steps : [{ kind: "follow", anchor: CASE_ANCHORS.messages }];
}

function stepsOf(view: NextStepCase, viewer: NextStepViewer, context: NextStepContext) {
  switch (viewer.kind) {
    case "coordinator":
      return coordinatorSteps(view, viewer, context);
    case "vendor":
      return vendorSteps(view, context);
    case "intake":
      return deskSteps(view, context);
    case "csirt":
      return context.awaitingReply
        ? [{ kind: "answerMessages" as const, anchor: CASE_ANCHORS.messages }]
        : [];
  }
}

function coordinatorSteps(
  view: NextStepCase,
  viewer: NextStepViewer,
  context: NextStepContext,
): NextStep[] {
  // Nothing moves without a handler; a case another member handles is theirs to move.
  if (!view.assigneeUserId) return [{ kind: "assign", anchor: CASE_ANCHORS.assign }];
  if (view.assigneeUserId !== viewer.userId) {
    return [{ kind: "assignedElsewhere", anchor: CASE_ANCHORS.assign }];
  }
  const steps: NextStep[] = [];
  const name = (p: { name: string | null; organizationId: string }) => p.name ?? p.organizationId;
  for (const request of view.scheduleRequests ?? []) {
    if (request.status !== "pending") continue;
    const vendor = view.participants.find((p) => p.organizationId === request.organizationId);
    steps.push({
      kind: "decideRequest",
      anchor: CASE_ANCHORS.decide,
      ...(vendor ? { name: name(vendor) } : {}),
    });
  }
  if (view.participants.length === 0) {
    steps.push({ kind: "identifyVendors", anchor: CASE_ANCHORS.addVendor });
  }
  for (const p of view.participants) {
    if (p.status !== "identified") continue;
    steps.push({
      kind: p.ndaOnFile ? "notify" : "recordNda",
      anchor: participantAnchor(p.organizationId),
      name: name(p),
    });
  }
  const deadline = view.nextDeadline;
  const late = deadline && Date.parse(deadline.at) <= context.now.getTime();
  const lateVendor =
    late && deadline.organizationId
      ? view.participants.find((p) => p.organizationId === deadline.organizationId)
      : undefined;
  if (lateVendor) {
    steps.push({
      kind: "chaseVendor",
      anchor: participantAnchor(lateVendor.organizationId),
      name: name(lateVendor),
    });
  }
  if (context.awaitingReply) steps.push({ kind: "answerMessages", anchor: CASE_ANCHORS.messages });
  const informed = view.participants.filter((p) => p.status !== "identified");
  if (!view.schedule && informed.length > 0) {
    steps.push({ kind: "setSchedule", anchor: CASE_ANCHORS.schedule_form });
  }
  const waiting = informed.filter((p) => UNANSWERED.includes(p.status));
  const advisory = view.advisory?.status ?? "none";
  if (informed.length > 0) {
    if (advisory === "approved") {
      steps.push({
        kind: "awaitPublication",
        anchor: CASE_ANCHORS.schedule,
        ...(view.schedule ? { at: view.schedule.publishAt } : {}),
      });
    } else {
      // The vendors' answers come first; the draft can be started while they are awaited.
      if (waiting.length > 0) steps.push({ kind: "waitForVendors", anchor: CASE_ANCHORS.vendors });
      steps.push({
        kind: advisory === "draft" ? "approveAdvisory" : "draftAdvisory",
        anchor: CASE_ANCHORS.advisory,
      });
    }
  }
  return steps;
}

function vendorSteps(view: NextStepCase, context: NextStepContext): NextStep[] {
  const own = view.participants[0];
  if (!own) return [];
  const steps: NextStep[] = [];
  if (own.status === "notified" || own.status === "unresponsive") {
    steps.push({ kind: "acknowledge", anchor: CASE_ANCHORS.acknowledge });
  } else if (own.status === "acknowledged" || own.status === "investigating") {
    steps.push({ kind: "giveStatus", anchor: CASE_ANCHORS.status });
  } else if (own.status === "affected" && (own.countermeasures ?? []).length === 0) {
    steps.push({ kind: "giveCountermeasure", anchor: CASE_ANCHORS.countermeasure });
  } else if (own.status === "affected" && !own.statement) {
    steps.push({ kind: "giveStatement", anchor: CASE_ANCHORS.statement });
  }
  if (context.awaitingReply) steps.push({ kind: "answerMessages", anchor: CASE_ANCHORS.messages });
  const advisory = view.advisory?.status ?? "none";
  if (advisory === "draft" || advisory === "approved") {
    steps.push({ kind: "reviewAdvisory", anchor: CASE_ANCHORS.advisory });
  }
  if (steps.length === 0) {
    steps.push({
      kind: "nothingDue",
      anchor: CASE_ANCHORS.schedule,
      ...(view.schedule ? { at: view.schedule.publishAt } : {}),
    });
  }
  return steps;
}

function deskSteps(view: NextStepCase, context: NextStepContext): NextStep[] {
  const steps: NextStep[] = [];
  if ((view.directContacts ?? []).some((d) => d.status === "pending" && !d.intakeApproved)) {
    steps.push({ kind: "approveContact", anchor: CASE_ANCHORS.directContacts });
  }
  const relay = context.finderMessagesToRelay;
  if (relay && relay.count > 0) {
    // The coordinator's latest message is for the finder: the desk answers it by relaying it,
    // on the report's page, not in this thread.
    steps.push({
      kind: "relayToFinder",
      anchor: CASE_ANCHORS.messages,
      href: `/reports/${encodeURIComponent(relay.reportId)}#draft-review`,
    });
  } else if (context.awaitingReply) {
    steps.push({ kind: "answerMessages", anchor: CASE_ANCHORS.messages });
  }
  const advisory = view.advisory?.status ?? "none";
  if (advisory === "draft" || advisory === "approved") {
    steps.push({ kind: "reviewAdvisory", anchor: CASE_ANCHORS.advisory });
  }
  steps.push({ kind: "follow", anchor: CASE_ANCHORS.messages });
  return steps;
}
