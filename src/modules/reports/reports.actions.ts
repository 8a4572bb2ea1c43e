/**
 * Every action on a report, one entry each: who may take it, its input, what it runs, its audit
 * entry and the page's form. The service methods (reports.service.ts), the `/api/v1` routes
 * (reports.routes.ts) and the report page's form handlers (reports.forms.pages.tsx) are derived
 * from these tables. Adding an action: an entry here, its rule in the report machine, its
 * strings in the catalogs.
 *
 * Two tables, because a report has two sides that act as different workflow actors: the desk's
 * actions run as `intake` (the caller must be a member of the desk), the finder's as `finder`
 * (the caller must be the report's finder) — a desk member who filed a report may take each side.
 */
import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import { invalidInput } from "../../platform/http/problem.ts";
import { newId } from "../../platform/ids.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import type { MailOutbox } from "../../platform/mail/outbox.ts";
import { FIELD_LABELS, TEXT_FIELDS } from "../../web/pages/reports/shared.tsx";
import type { ActionContext } from "../../workflow/actions.ts";
import type { WorkflowStore } from "../../workflow/store.ts";
import { actionsOf } from "../actions/action-table.ts";
import { blank } from "../actions/form-values.ts";
import type { ReportVisible } from "./reports.context.ts";
import { draftDeskActions, draftFinderActions } from "./reports.draft-comments.actions.ts";
import { appendMessage } from "./reports.messages.ts";
import { isIntakeMember, organizationType, updateReport } from "./reports.repository.ts";
import {
  assignBody,
  changeKindBody,
  closeBody,
  type ForwardInput,
  forwardBody,
  rejectBody,
  requestInfoBody,
  resubmitBody,
} from "./reports.schemas.ts";
import { resubmitReport } from "./reports.submission.ts";

/** What the report actions use besides the pipeline's context. */
export interface ReportTools {
  cipher: FieldCipher;
  clock: Clock;
  mail: MailOutbox;
  publicUrl: string;
  /** The draft comments relay to the report's case (reports.draft-comments.actions.ts). */
  workflow: WorkflowStore;
}

type ReportActionContext = ActionContext<"report", ReportVisible> & ReportTools;

const reportAction = actionsOf<"report", ReportVisible, ReportTools>();
const INTAKE = ["intake"] as const;
const FINDER = ["finder"] as const;

/** After every action of the page: back to the report with "done". */
const DONE = { done: "1", notice: "reports.notice.done" } as const;

/** A message from the desk to the finder, written with the action in its transaction. */
const deskMessage = (context: ReportActionContext, body: string) =>
  appendMessage(context.tx, context, context.id, context.visible.user, "intake", body);

/** Where a forwarded web report goes: a directory's operator, or one the desk names. */
async function siteOperatorOf(context: ReportActionContext, input: ForwardInput) {
  if (input.operatorOrganizationId) {
    if ((await organizationType(context.tx, input.operatorOrganizationId)) !== "site_operator") {
      throw invalidInput(
        [{ path: "operatorOrganizationId", message: "not a site operator" }],
        "Choose a site operator from the directory.",
      );
    }
    return { orgId: input.operatorOrganizationId };
  }
  if (input.operatorName && input.operatorContactEmail)
    return { name: input.operatorName, contactEmail: input.operatorContactEmail };
  throw invalidInput(
    [
      {
        path: "operatorOrganizationId",
        message: "give operatorOrganizationId, or operatorName and operatorContactEmail",
      },
    ],
    "Name the site operator.",
  );
}

/** The intake desk's actions. */
export const deskActions = {
  requestInfo: reportAction({
    method: "POST",
    path: "request-info",
    summary: "Ask the finder for more (→ needs_info)",
    body: requestInfoBody,
    viewers: INTAKE,
    audit: "report.info_requested",
    run: async (context, input) => {
      const messageId = await deskMessage(context, input.message);
      await context.execute({ type: "request_info", messageId });
    },
    form: {
      name: "requestInfo",
      ...DONE,
      fields: { infoMessage: { label: "reports.actions.requestInfoMessage", kind: "textarea" } },
      apiFields: { message: "infoMessage" },
    },
  }),

  accept: reportAction({
    method: "POST",
    path: "accept",
    summary: "Accept (→ accepted)",
    viewers: INTAKE,
    audit: "report.accepted",
    run: async (context) => {
      await context.execute({ type: "accept" });
    },
    form: { name: "accept", ...DONE, fields: {} },
  }),

  reject: reportAction({
    method: "POST",
    path: "reject",
    summary: "Reject with a reason the finder is told (→ rejected)",
    body: rejectBody,
    viewers: INTAKE,
    audit: "report.rejected",
    run: async (context, input) => {
      await context.execute({ type: "reject", reason: input.reason });
    },
    form: {
      name: "reject",
      ...DONE,
      fields: { rejectReason: { label: "reports.actions.rejectReason", kind: "textarea" } },
      apiFields: { reason: "rejectReason" },
    },
  }),

  close: reportAction({
    method: "POST",
    path: "close",
    summary: "Close an accepted report with a reason (→ closed)",
    body: closeBody,
    viewers: INTAKE,
    audit: "report.closed",
    run: async (context, input) => {
      if (input.reason === "duplicate" && !input.duplicateOf) {
        throw invalidInput(
          [{ path: "duplicateOf", message: "required when the reason is duplicate" }],
          "Name the earlier report, advisory, CVE ID or URL.",
        );
      }
      if (input.message) await deskMessage(context, input.message);
      await context.execute({
        type: "close",
        reason: input.reason,
        duplicateOf: input.duplicateOf ?? null,
      });
    },
    form: {
      name: "close",
      ...DONE,
      fields: {
        closeReason: { label: "reports.actions.closeReason", kind: "select" },
        duplicateOf: { label: "reports.actions.duplicateOf" },
        closeMessage: { label: "reports.actions.closeMessage", kind: "textarea" },
      },
      apiFields: { reason: "closeReason", message: "closeMessage" },
      // The earlier finding is named only for a duplicate.
      input: (values) => ({
        reason: blank(values.closeReason),
        duplicateOf: values.closeReason === "duplicate" ? blank(values.duplicateOf) : undefined,
        message: blank(values.closeMessage),
      }),
    },
  }),

  /** R-INT-8: product ⇄ web before forwarding (a web report has no CVSS vector). */
  changeKind: reportAction({
    method: "POST",
    path: "kind",
    summary: "Change product ⇄ web before forwarding (R-INT-8)",
    body: changeKindBody,
    viewers: INTAKE,
    audit: "report.kind_changed",
    run: async ({ tx, id, execute }, input) => {
      await updateReport(tx, id, {
        kind: input.kind,
        ...(input.kind === "web" ? { cvss_vector: null } : {}),
      });
      await execute({ type: "change_kind", kind: input.kind, reason: input.reason });
    },
    form: {
      name: "kind",
      ...DONE,
      fields: {
        newKind: { label: "reports.actions.newKind", kind: "select" },
        kindReason: { label: "reports.actions.kindReason" },
      },
      apiFields: { kind: "newKind", reason: "kindReason" },
    },
  }),

  forward: reportAction({
    method: "POST",
    path: "forward",
    summary: "Forward: product → a case; web → a site case for the operator (→ forwarded)",
    body: forwardBody,
    viewers: INTAKE,
    audit: "report.forwarded",
    run: async (context, input) => {
      if (input.message) await deskMessage(context, input.message);
      const target =
        context.visible.row.kind === "product"
          ? { kind: "case" as const, caseId: newId() }
          : {
              kind: "site_case" as const,
              siteCaseId: newId(),
              operator: await siteOperatorOf(context, input),
            };
      await context.execute({ type: "forward", target });
    },
    form: {
      name: "forward",
      ...DONE,
      fields: {
        operatorOrganizationId: { label: "desk.forward.operator.legend" },
        operatorName: { label: "reports.actions.operatorName" },
        operatorContactEmail: { label: "reports.actions.operatorContactEmail" },
        forwardMessage: { label: "desk.forward.message", kind: "textarea" },
      },
      apiFields: { message: "forwardMessage" },
    },
  }),

  /** The report page's form assigns the caller (reports.forms.pages.tsx). */
  assign: reportAction({
    method: "POST",
    path: "assign",
    summary: "Assign the report to an intake member",
    body: assignBody,
    viewers: INTAKE,
    audit: "report.assigned",
    run: async ({ tx, id }, input) => {
      if (!(await isIntakeMember(tx, input.userId)))
        throw invalidInput(
          [{ path: "userId", message: "not an intake member" }],
          "Assign a member of the intake desk.",
        );
      await updateReport(tx, id, { assignee_user_id: input.userId });
    },
  }),

  ...draftDeskActions,
};

/** The finder's actions. */
export const finderActions = {
  /** The finder answers a request for information: the changed fields, back to the desk. */
  resubmit: reportAction({
    method: "POST",
    path: "resubmit",
    summary: "The finder answers a request for information (→ submitted)",
    body: resubmitBody,
    viewers: FINDER,
    audit: "report.resubmitted",
    run: async (context, input) => {
      await resubmitReport(context.tx, context.cipher, context.visible.row, input);
      await context.execute({ type: "resubmit" });
    },
    form: {
      name: "resubmit",
      ...DONE,
      // The report's kind decides which of these its page shows; a blank one is left as it was.
      fields: Object.fromEntries(
        [...new Set([...TEXT_FIELDS.product, ...TEXT_FIELDS.web])].map((field) => [
          field,
          { label: FIELD_LABELS[field] },
        ]),
      ),
    },
  }),

  ...draftFinderActions,
};

export type DeskActions = typeof deskActions;
export type FinderActions = typeof finderActions;
