/**
 * Every action on a product case, one entry each: who may take it, its input, what it runs,
 * its audit entry, the API's answer and the page's form. The service methods, the `/api/v1`
 * routes (cases.routes.ts) and the case page's form handlers (cases.pages.tsx) are derived
 * from this table. Adding an action: an entry here, its rule in the case machine, its strings.
 */
import { z } from "zod";
import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Executor } from "../../platform/db/database.ts";
import { forbidden, invalidInput, notFound } from "../../platform/http/problem.ts";
import { newId } from "../../platform/ids.ts";
import { setCaseMembers } from "../access/case-membership.ts";
import { actionsOf } from "../actions/action-table.ts";
import { blank, formInstant, repeated, versionList } from "../actions/form-values.ts";
import { postCaseMessage } from "./cases.messages.ts";
import { insertCountermeasure, insertStatement, setCaseAssignee } from "./cases.repository.ts";
import {
  addVendorBody,
  assignBody,
  caseMembersBody,
  closeCaseBody,
  committeeBody,
  countermeasureBody,
  created,
  directContactBody,
  messageBody,
  noteBody,
  othersAffectedBody,
  proposalAnswerBody,
  publishUnreachableBody,
  referBody,
  scheduleBody,
  scheduleDecisionBody,
  scheduleProposalBody,
  scheduleRequestBody,
  statementBody,
  trackingIdBody,
  vendorStatusBody,
} from "./cases.schemas.ts";
import type { CaseVisible } from "./cases.visibility.ts";

/** What the case actions use besides the pipeline's context. */
export interface CaseTools {
  cipher: FieldCipher;
}

const caseAction = actionsOf<"case", CaseVisible, CaseTools>();

const id = z.string().trim().min(1).max(100);
const COORDINATOR = ["coordinator"] as const;
const VENDOR = ["vendor"] as const;

/** The answer `{ id }` of an action that makes something new (a request, a message). */
const createdId = { schema: created, body: (result: string) => ({ id: result }) };

async function directoryOrganization(
  executor: Executor,
  organizationId: string,
  type: "vendor" | "csirt",
  path: string,
) {
  const org = await executor
    .selectFrom("organizations")
    .select(["id", "type", "nda_signed_at", "nda_version"])
    .where("id", "=", organizationId)
    .executeTakeFirst();
  if (org?.type !== type) {
    throw invalidInput(
      [{ path, message: `not a ${type} in the directory` }],
      `Choose a ${type} from the directory.`,
    );
  }
  return org;
}

/** The NDA on file for an organization, as the workflow records it. */
function ndaOf(org: { nda_signed_at: string | null; nda_version: string | null }) {
  return org.nda_signed_at && org.nda_version
    ? { signedAt: org.nda_signed_at, version: org.nda_version }
    : null;
}

/** The vendor's own organization: the vendor actions are about its own participation. */
function ownOrg(visible: CaseVisible): string {
  if (visible.viewer.kind !== "vendor") throw forbidden("This is a vendor's action.");
  return visible.viewer.orgId;
}

export const caseActions = {
  // --- The coordinator ------------------------------------------------------------------------
  assign: caseAction({
    method: "POST",
    path: "assign",
    summary: "Assign the case to a coordinator member (the handler)",
    body: assignBody,
    viewers: COORDINATOR,
    audit: "case.assigned",
    details: (input) => ({ userId: input.userId }),
    run: async ({ tx, id: caseId }, input) => {
      const member = await tx
        .selectFrom("memberships")
        .innerJoin("organizations", "organizations.id", "memberships.organization_id")
        .select("memberships.user_id")
        .where("memberships.user_id", "=", input.userId)
        .where("organizations.type", "=", "coordinator")
        .executeTakeFirst();
      if (!member) {
        throw invalidInput(
          [{ path: "userId", message: "not a coordinator member" }],
          "Assign a member of the coordinator.",
        );
      }
      await setCaseAssignee(tx, caseId, input.userId);
    },
    form: {
      name: "assign",
      done: "assigned",
      notice: "casePages.notice.assigned",
      fields: { assigneeUserId: { label: "casePages.assign.user" } },
      apiFields: { userId: "assigneeUserId" },
    },
  }),
  addVendor: caseAction({
    method: "POST",
    path: "vendors",
    summary: "Add a vendor (identified)",
    body: addVendorBody,
    viewers: COORDINATOR,
    audit: "case.vendor_added",
    details: (input) => ({ organizationId: input.organizationId }),
    answer: "createdView",
    run: async ({ tx, execute }, input) => {
      const org = await directoryOrganization(tx, input.organizationId, "vendor", "organizationId");
      await execute({
        type: "add_participant",
        orgId: org.id,
        nda: ndaOf(org),
        reason: input.reason ?? null,
      });
    },
    form: {
      name: "addVendor",
      done: "vendorAdded",
      notice: "casePages.notice.vendorAdded",
      fields: {
        organizationId: { label: "casePages.addVendor.vendor" },
        addReason: { label: "casePages.addVendor.reason" },
      },
      apiFields: { reason: "addReason" },
    },
  }),
  notifyVendor: caseAction({
    method: "POST",
    path: "vendors/:orgId/notify",
    summary: "Notify a vendor (needs its NDA)",
    params: z.object({ orgId: id }),
    viewers: COORDINATOR,
    audit: "case.vendor_notified",
    details: (input) => ({ organizationId: input.orgId }),
    run: async ({ tx, execute }, input) => {
      const org = await directoryOrganization(tx, input.orgId, "vendor", "orgId");
      await execute({ type: "notify_participant", orgId: input.orgId, nda: ndaOf(org) });
    },
    form: { name: "notify", done: "notified", notice: "casePages.notice.notified", fields: {} },
  }),
  reviseSchedule: caseAction({
    method: "POST",
    path: "schedule",
    summary: "Set or revise the schedule (publication date, countermeasure due date)",
    body: scheduleBody,
    viewers: COORDINATOR,
    audit: "case.schedule_revised",
    run: async ({ execute, visible }, input) => {
      await execute({
        type: "revise_schedule",
        publishAt: input.publishAt,
        countermeasureDue:
          input.countermeasureDue ?? visible.state.schedule?.countermeasureDue ?? null,
        reason: input.reason,
        exceedReason: input.exceedReason ?? null,
        csirtProposalId: input.csirtProposalId ?? null,
      });
    },
    form: {
      name: "schedule",
      done: "scheduleRevised",
      notice: "casePages.notice.scheduleRevised",
      fields: {
        publishAt: { label: "casePages.schedule.publishAt", kind: "datetime" },
        countermeasureDue: { label: "casePages.schedule.countermeasureDue", kind: "datetime" },
        scheduleReason: { label: "casePages.revise.reason" },
        exceedReason: { label: "casePages.revise.exceedReason" },
      },
      apiFields: { reason: "scheduleReason" },
      input: (v) => ({
        publishAt: formInstant(v.publishAt),
        // An emptied field clears the countermeasure date.
        countermeasureDue: formInstant(v.countermeasureDue) ?? null,
        reason: blank(v.scheduleReason),
        exceedReason: blank(v.exceedReason),
      }),
    },
  }),
  proposeScheduleToCsirt: caseAction({
    method: "POST",
    path: "schedule-proposals",
    summary: "Propose a new date to the CSIRT of a CSIRT's case, which answers first (W-5)",
    body: scheduleProposalBody,
    viewers: COORDINATOR,
    audit: "case.schedule_proposed_to_csirt",
    answer: createdId,
    run: async ({ execute }, input) => {
      const proposalId = newId();
      await execute({
        type: "propose_schedule_to_csirt",
        proposalId,
        publishAt: input.publishAt,
        countermeasureDue: input.countermeasureDue ?? null,
        reason: input.reason,
      });
      return proposalId;
    },
  }),
  decideScheduleRequest: caseAction({
    method: "POST",
    path: "schedule-requests/:rid/decide",
    summary: "Accept or decline a vendor's schedule request",
    params: z.object({ rid: id }),
    body: scheduleDecisionBody,
    viewers: COORDINATOR,
    audit: "case.schedule_request_decided",
    run: async ({ execute, visible }, input) => {
      if (!visible.state.scheduleRequests.some((r) => r.id === input.rid)) throw notFound();
      await execute({
        type: "decide_schedule_request",
        requestId: input.rid,
        decision: input.decision,
        reason: input.reason,
        exceedReason: input.exceedReason ?? null,
      });
    },
    form: {
      name: "decide",
      path: "schedule-requests/decide",
      done: "requestDecided",
      notice: "casePages.notice.requestDecided",
      fields: {
        requestId: { label: "casePages.decide.request" },
        decision: { label: "casePages.decide.decision" },
        decisionReason: { label: "casePages.decide.reason" },
        decisionExceedReason: { label: "casePages.revise.exceedReason" },
      },
      apiFields: {
        rid: "requestId",
        reason: "decisionReason",
        exceedReason: "decisionExceedReason",
      },
    },
  }),
  markUnresponsive: caseAction({
    method: "POST",
    path: "vendors/:orgId/mark-unresponsive",
    summary: "Mark a notified vendor unresponsive (R-COO-8)",
    params: z.object({ orgId: id }),
    body: noteBody,
    viewers: COORDINATOR,
    audit: "case.vendor_marked_unresponsive",
    details: (input) => ({ organizationId: input.orgId }),
    run: async ({ execute }, input) => {
      await execute({ type: "mark_unresponsive", orgId: input.orgId, note: input.note });
    },
    form: {
      name: "unresponsive",
      path: "mark-unresponsive",
      done: "unresponsive",
      notice: "casePages.notice.unresponsive",
      fields: {
        unresponsiveOrgId: { label: "casePages.unresponsive.vendor" },
        unresponsiveNote: { label: "casePages.unresponsive.note" },
      },
      apiFields: { orgId: "unresponsiveOrgId", note: "unresponsiveNote" },
    },
  }),
  publishUnreachable: caseAction({
    method: "POST",
    path: "vendors/:orgId/publish-unreachable",
    summary: "List an unresponsive vendor as unreachable: its name, later the product (R-COO-8)",
    params: z.object({ orgId: id }),
    body: publishUnreachableBody,
    viewers: COORDINATOR,
    audit: "case.vendor_listed_unreachable",
    details: (input) => ({ organizationId: input.orgId, stage: input.stage }),
    run: async ({ execute }, input) => {
      await execute({
        type: "list_unreachable",
        orgId: input.orgId,
        stage: input.stage,
        decision: input.decision,
      });
    },
    form: {
      name: "unreachable",
      path: "publish-unreachable",
      done: "unreachable",
      notice: "contactPages.unreachable.notice",
      fields: {
        unreachableOrgId: { label: "contactPages.unreachable.vendor" },
        unreachableStage: { label: "contactPages.unreachable.stage" },
        unreachableDecision: { label: "contactPages.unreachable.decision" },
      },
      apiFields: {
        orgId: "unreachableOrgId",
        stage: "unreachableStage",
        decision: "unreachableDecision",
      },
    },
  }),
  committeeDecision: caseAction({
    method: "POST",
    path: "committee-decision",
    summary: "Record the committee's decision on publishing without the vendor (R-COO-8)",
    body: committeeBody,
    viewers: COORDINATOR,
    audit: "case.committee_decided",
    details: (input) => ({ decision: input.decision }),
    run: async ({ execute }, input) => {
      await execute({
        type: "record_committee_decision",
        decision: input.decision,
        summary: input.summary,
      });
    },
    form: {
      name: "committee",
      done: "committee",
      notice: "casePages.notice.committee",
      fields: {
        committeeDecision: { label: "casePages.committee.decision" },
        committeeSummary: { label: "casePages.committee.summary" },
      },
      apiFields: { decision: "committeeDecision", summary: "committeeSummary" },
    },
  }),
  referToCsirt: caseAction({
    method: "POST",
    path: "refer-to-csirt",
    summary: "Refer the case to an overseas CSIRT (R-COO-9)",
    body: referBody,
    viewers: COORDINATOR,
    audit: "case.referred_to_csirt",
    details: (input) => ({ csirtOrganizationId: input.csirtOrganizationId }),
    run: async ({ tx, execute }, input) => {
      await directoryOrganization(tx, input.csirtOrganizationId, "csirt", "csirtOrganizationId");
      await execute({
        type: "refer_to_csirt",
        csirtOrgId: input.csirtOrganizationId,
        note: input.note,
      });
    },
    form: {
      name: "refer",
      done: "referred",
      notice: "casePages.notice.referred",
      fields: {
        csirtOrganizationId: { label: "casePages.refer.csirt" },
        referNote: { label: "casePages.refer.note" },
      },
      apiFields: { note: "referNote" },
    },
  }),
  close: caseAction({
    method: "POST",
    path: "close",
    summary: "Close the case without publication (no action, duplicate)",
    body: closeCaseBody,
    viewers: COORDINATOR,
    audit: "case.closed",
    details: (input) => ({ reason: input.reason }),
    run: async ({ execute }, input) => {
      await execute({
        type: "close_case",
        reason: input.reason,
        message: input.message,
        duplicateOf: input.duplicateOf ?? null,
      });
    },
    form: {
      name: "close",
      done: "closed",
      notice: "casePages.notice.closed",
      fields: {
        closeReason: { label: "casePages.close.reason" },
        duplicateOf: { label: "casePages.close.duplicateOf" },
        closeMessage: { label: "casePages.close.message" },
      },
      apiFields: { reason: "closeReason", message: "closeMessage" },
      input: (v) => ({
        reason: blank(v.closeReason),
        message: blank(v.closeMessage),
        duplicateOf: v.closeReason === "duplicate" ? blank(v.duplicateOf) : undefined,
      }),
    },
  }),
  approveDirectContact: caseAction({
    method: "POST",
    path: "direct-contact-requests/:rid/approve",
    summary: "Approve a vendor's request to talk to the finder directly (R-COO-6)",
    params: z.object({ rid: id }),
    viewers: ["coordinator", "intake"],
    audit: "case.direct_contact_approved",
    run: async ({ execute, visible }, input) => {
      if (!visible.state.directContacts.some((d) => d.id === input.rid)) throw notFound();
      await execute({ type: "approve_direct_contact", requestId: input.rid });
    },
    form: {
      name: "approveContact",
      done: "contactApproved",
      notice: "contactPages.approve.notice",
      fields: {},
    },
  }),

  // --- The CSIRT of a CSIRT's case ------------------------------------------------------------
  answerScheduleProposal: caseAction({
    method: "POST",
    path: "schedule-proposals/:pid/answer",
    summary: "The CSIRT agrees to or refuses the coordinator's proposed date (W-5)",
    params: z.object({ pid: id }),
    body: proposalAnswerBody,
    viewers: ["csirt"],
    audit: "case.schedule_proposal_answered",
    run: async ({ execute, visible }, input) => {
      if (!visible.state.csirtProposals.some((p) => p.id === input.pid)) throw notFound();
      await execute({
        type: "answer_schedule_proposal",
        proposalId: input.pid,
        decision: input.decision,
        ...(input.note ? { note: input.note } : {}),
      });
    },
  }),

  // --- A vendor, on its own participation -----------------------------------------------------
  acknowledge: caseAction({
    method: "POST",
    path: "acknowledge",
    summary: "Acknowledge the notification",
    viewers: VENDOR,
    audit: "case.acknowledged",
    run: async ({ execute }) => {
      await execute({ type: "acknowledge" });
    },
    form: {
      name: "acknowledge",
      done: "acknowledged",
      notice: "casePages.notice.acknowledged",
      fields: {},
    },
  }),
  reportStatus: caseAction({
    method: "POST",
    path: "status",
    summary: "Report the vendor's status (investigating, affected, not affected, …)",
    body: vendorStatusBody,
    viewers: VENDOR,
    audit: "case.vendor_status_reported",
    details: (input) => ({ status: input.status }),
    run: async ({ tx, cipher, execute, visible, id: caseId, at }, input) => {
      const statementId = input.statement
        ? await insertStatement(tx, cipher, {
            caseId,
            orgId: ownOrg(visible),
            userId: visible.user.userId,
            content: { text: input.statement, advisoryUrl: null, contact: null },
            at,
          })
        : null;
      await execute({ type: "report_status", status: input.status, statementId });
    },
    form: {
      name: "status",
      done: "status",
      notice: "casePages.notice.status",
      fields: {
        status: { label: "casePages.vendorStatus.field" },
        statement: { label: "casePages.vendorStatus.statement" },
      },
    },
  }),
  addCountermeasure: caseAction({
    method: "POST",
    path: "countermeasures",
    summary: "Register a countermeasure (workaround or fix)",
    body: countermeasureBody,
    viewers: VENDOR,
    audit: "case.countermeasure_added",
    answer: {
      schema: z.object({ id: z.string(), case: z.unknown() }),
      body: (result: string, view: unknown) => ({ id: result, case: view }),
    },
    run: async ({ tx, cipher, execute, visible, id: caseId, at }, input) => {
      const countermeasureId = await insertCountermeasure(tx, cipher, {
        caseId,
        orgId: ownOrg(visible),
        userId: visible.user.userId,
        type: input.type,
        content: {
          description: input.description,
          affectedVersions: input.affectedVersions ?? [],
          fixedVersions: input.fixedVersions ?? [],
          url: input.url ?? null,
        },
        at,
      });
      await execute({
        type: "add_countermeasure",
        countermeasureId,
        countermeasureType: input.type,
      });
      return countermeasureId;
    },
    form: {
      name: "countermeasure",
      done: "countermeasure",
      notice: "casePages.notice.countermeasure",
      fields: {
        countermeasureType: { label: "casePages.countermeasure.type" },
        countermeasureDescription: { label: "casePages.countermeasure.description" },
        affectedVersions: { label: "casePages.countermeasure.affectedVersions" },
        fixedVersions: { label: "casePages.countermeasure.fixedVersions" },
        countermeasureUrl: { label: "casePages.countermeasure.url" },
      },
      apiFields: {
        type: "countermeasureType",
        description: "countermeasureDescription",
        url: "countermeasureUrl",
      },
      input: (v) => ({
        type: blank(v.countermeasureType),
        description: blank(v.countermeasureDescription),
        affectedVersions: versionList(v.affectedVersions),
        fixedVersions: versionList(v.fixedVersions),
        url: blank(v.countermeasureUrl),
      }),
    },
  }),
  reportOthersAffected: caseAction({
    method: "POST",
    path: "others-affected",
    summary: "Tell the coordinator of another vendor that may be affected",
    body: othersAffectedBody,
    viewers: VENDOR,
    audit: "case.others_affected_reported",
    run: async ({ execute }, input) => {
      await execute({
        type: "report_others_affected",
        vendorName: input.vendorName,
        reason: input.reason,
      });
    },
    form: {
      name: "others",
      done: "others",
      notice: "casePages.notice.others",
      fields: {
        otherVendorName: { label: "casePages.others.vendorName" },
        otherReason: { label: "casePages.others.reason" },
      },
      apiFields: { vendorName: "otherVendorName", reason: "otherReason" },
    },
  }),
  requestSchedule: caseAction({
    method: "POST",
    path: "schedule-requests",
    summary: "Ask the coordinator for another publication date",
    body: scheduleRequestBody,
    viewers: VENDOR,
    audit: "case.schedule_requested",
    answer: createdId,
    run: async ({ execute }, input) => {
      const requestId = newId();
      await execute({
        type: "request_schedule",
        requestId,
        publishAt: input.publishAt,
        reason: input.reason,
      });
      return requestId;
    },
    form: {
      name: "scheduleRequest",
      done: "scheduleRequested",
      notice: "casePages.notice.scheduleRequested",
      fields: {
        requestPublishAt: { label: "casePages.scheduleRequest.publishAt", kind: "datetime" },
        requestReason: { label: "casePages.scheduleRequest.reason" },
      },
      apiFields: { publishAt: "requestPublishAt", reason: "requestReason" },
      input: (v) => ({
        publishAt: formInstant(v.requestPublishAt),
        reason: blank(v.requestReason),
      }),
    },
  }),
  setStatement: caseAction({
    method: "PUT",
    path: "statement",
    summary: "Set the vendor's statement for the advisory",
    body: statementBody,
    viewers: VENDOR,
    audit: "case.statement_set",
    run: async ({ tx, cipher, execute, visible, id: caseId, at }, input) => {
      const statementId = await insertStatement(tx, cipher, {
        caseId,
        orgId: ownOrg(visible),
        userId: visible.user.userId,
        content: {
          text: input.text,
          advisoryUrl: input.advisoryUrl ?? null,
          contact: input.contact ?? null,
        },
        at,
      });
      await execute({ type: "set_statement", statementId });
    },
    form: {
      name: "statement",
      done: "statement",
      notice: "casePages.notice.statement",
      fields: {
        statementText: { label: "casePages.statement.text" },
        advisoryUrl: { label: "casePages.statement.advisoryUrl" },
        statementContact: { label: "casePages.statement.contact" },
      },
      apiFields: { text: "statementText", contact: "statementContact" },
    },
  }),
  setTrackingId: caseAction({
    method: "PUT",
    path: "tracking-id",
    summary: "Set the vendor's own tracking id of the case",
    body: trackingIdBody,
    viewers: VENDOR,
    audit: "case.tracking_id_set",
    run: async ({ execute }, input) => {
      await execute({ type: "set_tracking_id", trackingId: input.trackingId });
    },
    form: {
      name: "tracking",
      done: "tracking",
      notice: "casePages.notice.tracking",
      fields: { trackingId: { label: "casePages.tracking.field" } },
    },
  }),
  setMembers: caseAction({
    method: "PUT",
    path: "members",
    summary: "Choose which of the vendor's members see the case (its admins; R-SEC-6)",
    body: caseMembersBody,
    viewers: VENDOR,
    audit: "case.members_set",
    details: (input) => ({ userIds: input.userIds }),
    run: async ({ tx, visible, id: caseId, at }, input) => {
      const orgId = ownOrg(visible);
      if (visible.user.role !== "admin") {
        throw forbidden("Your organization's admins choose who sees a case.");
      }
      const { unknownUserIds } = await setCaseMembers(tx, {
        caseId,
        organizationId: orgId,
        userIds: input.userIds,
        assignedBy: visible.user.userId,
        at,
      });
      if (unknownUserIds.length > 0) {
        throw invalidInput(
          [{ path: "userIds", message: `not members: ${unknownUserIds.join(", ")}` }],
          "Choose members of your organization.",
        );
      }
    },
    form: {
      name: "members",
      done: "members",
      notice: "casePages.notice.members",
      fields: { userIds: { label: "casePages.members.legend" } },
      input: (_v, raw) => ({ userIds: repeated(raw, "userIds").slice(0, 500) }),
    },
  }),
  requestDirectContact: caseAction({
    method: "POST",
    path: "direct-contact-requests",
    summary: "Ask to talk to the finder directly (R-COO-6); the coordinator and desk approve",
    body: directContactBody,
    viewers: VENDOR,
    audit: "case.direct_contact_requested",
    answer: createdId,
    run: async ({ execute }, input) => {
      const requestId = newId();
      await execute({ type: "request_direct_contact", requestId, reason: input.reason });
      return requestId;
    },
  }),

  // --- Everyone on the case -------------------------------------------------------------------
  postMessage: caseAction({
    method: "POST",
    path: "messages",
    summary: "Post a message; the coordinator relays between vendors (R-COO-5)",
    body: messageBody,
    viewers: ["coordinator", "intake", "vendor", "csirt"],
    audit: "case.message_posted",
    answer: createdId,
    run: ({ tx, cipher, execute, visible, id: caseId, at }, input) =>
      postCaseMessage(tx, cipher, {
        caseId,
        author: visible.user,
        authorKind: visible.viewer.kind,
        to: input.to ?? "coordinator",
        body: input.body,
        at,
        execute,
      }),
    form: {
      name: "message",
      done: "message",
      notice: "casePages.notice.message",
      fields: {
        to: { label: "casePages.messages.to" },
        body: { label: "casePages.messages.body" },
      },
    },
  }),
};

export type CaseActions = typeof caseActions;
