import { z } from "zod";
import { invalidInput } from "../../../platform/http/problem.ts";
import { blank } from "../../actions/form-values.ts";
import { setCaseAssignee } from "../cases.repository.ts";
import {
  addVendorBody,
  assignBody,
  closeCaseBody,
  committeeBody,
  noteBody,
  publishUnreachableBody,
  referBody,
} from "../cases.schemas.ts";
import { COORDINATOR, caseAction, directoryOrganization, id, ndaOf } from "./shared.ts";

/** The coordinator's actions on who takes part in a case and how it ends: the handler, vendors, the unreachable ladder (R-COO-8), a CSIRT referral (R-COO-9), closing. */
export const participantActions = {
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

  removeVendor: caseAction({
    method: "POST",
    path: "vendors/:orgId/remove",
    summary:
      "Remove a vendor added by mistake, before it was notified (it never learns of the case)",
    params: z.object({ orgId: id }),
    body: z.object({ reason: z.string().trim().min(1).max(2_000) }),
    viewers: COORDINATOR,
    audit: "case.vendor_removed",
    details: (input) => ({ organizationId: input.orgId }),
    run: async ({ execute }, input) => {
      await execute({ type: "remove_participant", orgId: input.orgId, reason: input.reason });
    },
    form: {
      name: "removeVendor",
      path: "remove-vendor",
      done: "vendorRemoved",
      notice: "casePages.notice.vendorRemoved",
      heading: "casePages.removeVendor.heading",
      submit: "casePages.removeVendor.submit",
      section: "vendors",
      rare: true,
      fields: {
        removeOrgId: {
          label: "casePages.removeVendor.vendor",
          kind: "select",
          choices: (view: {
            participants: { organizationId: string; name: string | null; status: string }[];
          }) =>
            view.participants
              .filter((p) => p.status === "identified")
              .map((p) => ({ value: p.organizationId, label: p.name ?? p.organizationId })),
        },
        removeReason: { label: "casePages.removeVendor.reason", kind: "textarea" },
      },
      apiFields: { orgId: "removeOrgId", reason: "removeReason" },
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
};
