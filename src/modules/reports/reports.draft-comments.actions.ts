/**
 * The report actions about the case's draft advisory (issue 13 point 10). The finder is outside
 * the case: they comment on the draft on their report, the desk relays the comment to the
 * coordinator as the desk's message on the case, and relays the coordinator's messages for the
 * finder as the desk's message on the report. Nothing reaches the other side before the desk
 * passes it on, and it passes on what it chooses (the finder's identity stays as consented).
 */
import { forbidden, notFound, ProblemError } from "../../platform/http/problem.ts";
import { translator } from "../../platform/i18n/i18n.ts";
import { newId } from "../../platform/ids.ts";
import type { ActionContext } from "../../workflow/actions.ts";
import type { CommandOf } from "../../workflow/machines.ts";
import { rejectionProblem } from "../../workflow/problems.ts";
import { actionsOf, createdIdAnswer } from "../actions/action-table.ts";
import { blank } from "../actions/form-values.ts";
import { finderDraftOf } from "../advisories/finder-draft-view.ts";
import { postCaseMessage } from "../cases/cases.messages.ts";
import { touchCase } from "../cases/cases.repository.ts";
import type { ReportTools } from "./reports.actions.ts";
import type { ReportVisible } from "./reports.context.ts";
import {
  findDraftComment,
  insertDraftComment,
  markRelayed,
} from "./reports.draft-comments.repository.ts";
import {
  changeCreditBody,
  DRAFT_COMMENT_PARTS,
  type DraftCommentPart,
  draftCommentBody,
  relayBody,
  relayParams,
} from "./reports.draft-comments.schemas.ts";
import { appendMessage } from "./reports.messages.ts";
import { tellDesk, tellOfMessage } from "./reports.notifications.ts";
import { canReadReportContent } from "./reports.policy.ts";
import { advisoryIdOfCase } from "./reports.repository.ts";
import { draftCommentRelayedBody, draftCommentBody as sealedBody } from "./reports.sealed.ts";

type Context = ActionContext<"report", ReportVisible> & ReportTools;
const draftAction = actionsOf<"report", ReportVisible, ReportTools>();

/** The case the report was forwarded to, with its state; null before there is one. */
async function caseOf(context: Context) {
  const report = await context.workflow.load(context.tx, "report", context.id);
  const caseId = report?.state.caseId ?? null;
  if (!caseId) return null;
  const kase = await context.workflow.load(context.tx, "case", caseId);
  return kase ? { caseId, state: kase.state } : null;
}

/** The desk relays only what it may read: the report's content needs its assignment. */
function requireContent(context: Context) {
  if (!canReadReportContent(context.visible.user, context.visible.row))
    throw forbidden("Take the report (assignment) to relay between the finder and the case.");
}

/** An entry of this report going the given way, not relayed yet (404 or 409 otherwise). */
async function pendingEntry(
  context: Context,
  id: string,
  direction: "to_coordinator" | "to_finder",
) {
  const row = await findDraftComment(context.tx, context.id, id);
  if (!row || row.direction !== direction) throw notFound();
  if (row.relayed_at) throw new ProblemError(409, "already_relayed", "This was relayed already.");
  return row;
}

/** The words the desk passes on: its own where it gave some, the author's otherwise. */
function relayedText(context: Context, row: { id: string; body_sealed: string }, edited?: string) {
  return edited || sealedBody.open(context.cipher, row.id, row.body_sealed);
}

/** A heading in both languages, so the thread says what the message is whoever reads it. */
export function bilingualHeading(
  key: "draftReview.caseMessage.fromFinder" | "draftReview.caseMessage.forFinder",
  part?: DraftCommentPart | null,
) {
  return (["ja", "en"] as const)
    .map((language) => {
      const t = translator(language);
      return t(key, { part: part ? t(`draftReview.part.${part}`) : "" });
    })
    .join(" / ");
}

/** Runs a command on the case as the desk, in the action's transaction. */
async function executeOnCase(
  context: Context,
  caseId: string,
  command: { type: "post_message"; messageId: string; to: string },
) {
  const result = await context.workflow.execute(context.tx, "case", caseId, {
    ...command,
    commandId: newId(),
    at: context.at,
    actor: { kind: "intake", userId: context.visible.user.userId },
  } as CommandOf<"case">);
  if (!result.ok) throw rejectionProblem(result.rejection);
  return { events: result.events, version: result.version };
}

/** The finder's actions on the draft: a comment for the desk, and their own credit. */
export const draftFinderActions = {
  /**
   * The credit is the finder's consent (R-PUB-6): they change it themselves until publication,
   * and the case (so the draft and the advisory) follows the report's consent.
   */
  changeCredit: draftAction({
    method: "POST",
    path: "credit",
    summary: "The finder changes how the advisory credits them (until publication)",
    body: changeCreditBody,
    viewers: ["finder"],
    audit: "report.credit_changed",
    run: async (context, input) => {
      const consent = (await context.workflow.load(context.tx, "report", context.id))?.state
        .consent;
      if (consent?.kind !== "product") {
        throw new ProblemError(
          409,
          "no_credit",
          "Only a product report's advisory credits its finder.",
        );
      }
      await context.execute({
        type: "update_consent",
        consent: { ...consent, credit: input.credit },
      });
    },
    form: {
      name: "changeCredit",
      done: "creditChanged",
      notice: "draftReview.notice.creditChanged",
      fields: { credit: { label: "draftReview.credit.label" } },
      input: (values) => ({ credit: values.credit?.trim() ? values.credit.trim() : null }),
    },
  }),

  commentOnDraft: draftAction({
    method: "POST",
    path: "draft-comments",
    summary: "The finder comments on the draft advisory's credit or accuracy, for the desk",
    body: draftCommentBody,
    viewers: ["finder"],
    audit: "report.draft_comment_filed",
    answer: createdIdAnswer,
    details: (input, id) => ({ commentId: id, part: input.part }),
    run: async (context, input) => {
      const kase = await caseOf(context);
      const stage = kase
        ? (
            await finderDraftOf(context.tx, context.cipher, kase.caseId, kase.state, (caseId) =>
              advisoryIdOfCase(context.tx, caseId),
            )
          ).stage
        : "none";
      if (!kase || stage !== "draft") {
        throw new ProblemError(
          409,
          "no_draft_to_comment",
          "There is no draft advisory to comment on (none yet, or published already).",
        );
      }
      const id = newId();
      await insertDraftComment(context.tx, {
        id,
        report_id: context.id,
        case_id: kase.caseId,
        direction: "to_coordinator",
        part: input.part,
        author_user_id: context.visible.user.userId,
        body_sealed: sealedBody.seal(context.cipher, id, input.body),
        case_message_id: null,
        created_at: context.at,
        relayed_body_sealed: null,
        relayed_by: null,
        relayed_message_id: null,
        relayed_at: null,
      });
      await tellDesk(context.tx, context, context.visible.row, {
        kind: "finder_message",
        what: "notifications.what.finderDraftComment",
        actorUserId: context.visible.user.userId,
      });
      return id;
    },
    form: {
      name: "draftComment",
      done: "draftComment",
      notice: "draftReview.notice.commented",
      fields: {
        part: {
          label: "draftReview.comment.part",
          kind: "select",
          options: DRAFT_COMMENT_PARTS.map((part) => ({
            value: part,
            label: `draftReview.part.${part}` as const,
          })),
        },
        draftCommentBody: { label: "draftReview.comment.body", kind: "textarea" },
      },
      apiFields: { body: "draftCommentBody" },
    },
  }),
};

/** The desk's actions: relaying each way. */
export const draftDeskActions = {
  relayDraftComment: draftAction({
    method: "POST",
    path: "draft-comments/:cid/relay",
    summary: "Relay the finder's comment on the draft to the coordinator (as the desk)",
    params: relayParams,
    body: relayBody,
    viewers: ["intake"],
    audit: "report.draft_comment_relayed",
    details: (input) => ({ commentId: input.cid, edited: Boolean(input.body) }),
    run: async (context, input) => {
      requireContent(context);
      const row = await pendingEntry(context, input.cid, "to_coordinator");
      const text = relayedText(context, row, input.body);
      // Marked relayed before the message is posted, so the case's mail says what it is.
      const messageId = newId();
      await markRelayed(context.tx, row.id, {
        relayed_body_sealed: draftCommentRelayedBody.seal(context.cipher, row.id, text),
        relayed_by: context.visible.user.userId,
        relayed_message_id: messageId,
        relayed_at: context.at,
      });
      await postCaseMessage(context.tx, context.cipher, {
        caseId: row.case_id,
        messageId,
        author: context.visible.user,
        authorKind: "intake",
        to: "coordinator",
        body: `${bilingualHeading("draftReview.caseMessage.fromFinder", row.part)}\n\n${text}`,
        at: context.at,
        execute: (command) => executeOnCase(context, row.case_id, command),
      });
      await touchCase(context.tx, row.case_id, context.at);
    },
    form: {
      name: "relayDraftComment",
      done: "draftRelayed",
      notice: "draftReview.notice.relayedToCoordinator",
      fields: { relayBody: { label: "draftReview.desk.relayBody", kind: "textarea" } },
      apiFields: { body: "relayBody" },
      input: (values) => ({ body: blank(values.relayBody) }),
    },
  }),

  relayToFinder: draftAction({
    method: "POST",
    path: "finder-messages/:cid/relay",
    summary: "Relay the coordinator's message to the finder (as the desk's message)",
    params: relayParams,
    body: relayBody,
    viewers: ["intake"],
    audit: "report.coordinator_message_relayed",
    details: (input) => ({ messageId: input.cid, edited: Boolean(input.body) }),
    run: async (context, input) => {
      requireContent(context);
      const row = await pendingEntry(context, input.cid, "to_finder");
      const text = relayedText(context, row, input.body);
      const messageId = await appendMessage(
        context.tx,
        context,
        context.id,
        context.visible.user,
        "intake",
        text,
      );
      await markRelayed(context.tx, row.id, {
        relayed_body_sealed: draftCommentRelayedBody.seal(context.cipher, row.id, text),
        relayed_by: context.visible.user.userId,
        relayed_message_id: messageId,
        relayed_at: context.at,
      });
      // The relayed message is the desk's message to the finder, and mailed as one.
      await tellOfMessage(context.tx, context, context.visible.row, {
        side: "intake",
        userId: context.visible.user.userId,
        replyAwaited: false,
      });
    },
    form: {
      name: "relayToFinder",
      done: "finderRelayed",
      notice: "draftReview.notice.relayedToFinder",
      fields: { relayBody: { label: "draftReview.desk.relayBody", kind: "textarea" } },
      apiFields: { body: "relayBody" },
      input: (values) => ({ body: blank(values.relayBody) }),
    },
  }),
};
