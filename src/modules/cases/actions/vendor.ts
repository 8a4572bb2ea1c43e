import { forbidden, invalidInput } from "../../../platform/http/problem.ts";
import { textLanguage } from "../../../platform/text/language.ts";
import { rangesFromLines } from "../../../platform/text/version-range-text.ts";
import { setCaseMembers } from "../../access/case-membership.ts";
import { blank, repeated, versionList } from "../../actions/form-values.ts";
import { canAssignCaseMembers } from "../cases.policy.ts";
import { insertCountermeasure, insertStatement } from "../cases.repository.ts";
import {
  type CountermeasureInput,
  caseMembersBody,
  countermeasureBody,
  othersAffectedBody,
  type StatementInput,
  statementBody,
  trackingIdBody,
  vendorStatusBody,
} from "../cases.schemas.ts";
import type { CountermeasureContent, StatementContent } from "../cases.sealed.ts";
import { caseResponses } from "../cases.views.ts";
import { caseAction, ownOrg, VENDOR } from "./shared.ts";

/**
 * A countermeasure as sealed: its texts with their language (the vendor's, or the one its text is
 * in), and the product it is for with the product's identity when the vendor gave them.
 */
export function countermeasureContentOf(
  input: Omit<CountermeasureInput, "type" | "affectedVersions"> & {
    affectedVersions?: string[] | undefined;
  },
): CountermeasureContent {
  return {
    description: input.description,
    affectedVersions: input.affectedVersions ?? [],
    fixedVersions: input.fixedVersions ?? [],
    url: input.url ?? null,
    language: input.language ?? textLanguage(input.description),
    translation: input.translation || null,
    product: input.product || null,
    cpe: input.cpe ?? null,
    purl: input.purl ?? null,
    ranges: input.ranges ?? [],
  };
}

/** A statement as sealed, with its language and the vendor's translation. */
function statementContentOf(input: StatementInput): StatementContent {
  return {
    text: input.text,
    advisoryUrl: input.advisoryUrl ?? null,
    contact: input.contact ?? null,
    language: input.language ?? textLanguage(input.text),
    translation: input.translation || null,
  };
}

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
            content: statementContentOf({ text: input.statement }),
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
        content: countermeasureContentOf(input),
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
        countermeasureLanguage: { label: "casePages.vendorText.language" },
        countermeasureDescription: { label: "casePages.countermeasure.description" },
        countermeasureTranslation: { label: "casePages.vendorText.translation" },
        countermeasureProduct: { label: "casePages.countermeasure.product" },
        countermeasureCpe: { label: "casePages.countermeasure.cpe" },
        countermeasurePurl: { label: "casePages.countermeasure.purl" },
        affectedVersions: { label: "casePages.countermeasure.affectedVersions" },
        countermeasureRanges: { label: "casePages.countermeasure.ranges" },
        fixedVersions: { label: "casePages.countermeasure.fixedVersions" },
        countermeasureUrl: { label: "casePages.countermeasure.url" },
      },
      apiFields: {
        type: "countermeasureType",
        language: "countermeasureLanguage",
        description: "countermeasureDescription",
        translation: "countermeasureTranslation",
        product: "countermeasureProduct",
        cpe: "countermeasureCpe",
        purl: "countermeasurePurl",
        ranges: "countermeasureRanges",
        url: "countermeasureUrl",
      },
      input: (v) => ({
        type: blank(v.countermeasureType),
        language: blank(v.countermeasureLanguage),
        description: blank(v.countermeasureDescription),
        translation: blank(v.countermeasureTranslation),
        product: blank(v.countermeasureProduct),
        cpe: blank(v.countermeasureCpe),
        purl: blank(v.countermeasurePurl),
        affectedVersions: versionList(v.affectedVersions),
        ranges: rangesFromLines(v.countermeasureRanges),
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
        content: statementContentOf(input),
        at,
      });
      await execute({ type: "set_statement", statementId });
    },
    form: {
      name: "statement",
      done: "statement",
      notice: "casePages.notice.statement",
      fields: {
        statementLanguage: { label: "casePages.vendorText.language" },
        statementText: { label: "casePages.statement.text" },
        statementTranslation: { label: "casePages.vendorText.translation" },
        advisoryUrl: { label: "casePages.statement.advisoryUrl" },
        statementContact: { label: "casePages.statement.contact" },
      },
      apiFields: {
        language: "statementLanguage",
        text: "statementText",
        translation: "statementTranslation",
        contact: "statementContact",
      },
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
