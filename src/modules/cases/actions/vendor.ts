import { forbidden, invalidInput } from "../../../platform/http/problem.ts";
import { setCaseMembers } from "../../access/case-membership.ts";
import { blank, repeated, versionList } from "../../actions/form-values.ts";
import { canAssignCaseMembers } from "../cases.policy.ts";
import { insertCountermeasure, insertStatement } from "../cases.repository.ts";
import {
  caseMembersBody,
  countermeasureBody,
  othersAffectedBody,
  statementBody,
  trackingIdBody,
  vendorStatusBody,
} from "../cases.schemas.ts";
import { caseResponses } from "../cases.views.ts";
import { caseAction, ownOrg, VENDOR } from "./shared.ts";

/** A vendor's actions on its own participation: acknowledgement, status, countermeasures, statement, its people (R-SEC-6). */
export const vendorActions = {
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
      schema: caseResponses.countermeasureAdded,
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
      if (!canAssignCaseMembers(visible.user)) {
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
};
