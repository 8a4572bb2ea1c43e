/**
 * Issue 13 point 10, the reads: the draft advisory as the finder may read it on their report,
 * and the comments between the finder and the coordinator as each side may see them. The writes
 * are the action tables' (reports.draft-comments.actions.ts); the coordinator's message for the
 * finder is a case action that records its entry here (`recordMessageForFinder`).
 */
import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Executor } from "../../platform/db/database.ts";
import { forbidden, notFound } from "../../platform/http/problem.ts";
import type { Actor } from "../access/actor.ts";
import { type FinderDraftStatus, finderDraftOf } from "../advisories/finder-draft-view.ts";
import { loadVisibleReport, type ReportsContext, type ReportVisible } from "./reports.context.ts";
import {
  type DraftCommentRow,
  draftCommentsOfCase,
  draftCommentsOfReport,
  insertDraftComment,
  unrelayedFinderMessages,
} from "./reports.draft-comments.repository.ts";
import type { DraftCommentView } from "./reports.draft-comments.schemas.ts";
import { canReadReportContent, isIntakeStaff } from "./reports.policy.ts";
import { advisoryIdOfCase } from "./reports.repository.ts";
import { draftCommentRelayedBody, draftCommentBody as sealedBody } from "./reports.sealed.ts";

type Side = "finder" | "intake";

/**
 * The report's finder, or a desk member who may read it (403 for one who must take the report
 * first, as for its messages); 404 for anyone else.
 */
function sideOf(visible: ReportVisible): Side {
  if (visible.row.finder_user_id === visible.user.userId) return "finder";
  if (canReadReportContent(visible.user, visible.row)) return "intake";
  if (isIntakeStaff(visible.user)) throw forbidden("Take the report (assignment) to read this.");
  throw notFound();
}

const opened = (cipher: FieldCipher, row: DraftCommentRow) =>
  sealedBody.open(cipher, row.id, row.body_sealed);
const relayed = (cipher: FieldCipher, row: DraftCommentRow) =>
  row.relayed_body_sealed
    ? draftCommentRelayedBody.open(cipher, row.id, row.relayed_body_sealed)
    : null;

/** An entry as the finder (their own comments only) or the desk (everything) sees it. */
function entryFor(side: Side, cipher: FieldCipher, row: DraftCommentRow): DraftCommentView | null {
  const common = {
    id: row.id,
    direction: row.direction,
    part: row.part,
    createdAt: row.created_at,
    relayedAt: row.relayed_at,
  };
  if (side === "finder") {
    // The coordinator's messages reach the finder only as the desk's message on the report.
    return row.direction === "to_coordinator" ? { ...common, body: opened(cipher, row) } : null;
  }
  return { ...common, body: opened(cipher, row), relayedBody: relayed(cipher, row) };
}

/**
 * The entries of a case as the coordinator sees them: the finder's comments only as the desk
 * relayed them (never before, never the finder's own words), and its own messages for the finder.
 */
export async function draftCommentsForCoordinator(
  executor: Executor,
  cipher: FieldCipher,
  caseId: string,
): Promise<DraftCommentView[]> {
  return (await draftCommentsOfCase(executor, caseId)).flatMap((row): DraftCommentView[] => {
    const common = {
      id: row.id,
      direction: row.direction,
      part: row.part,
      createdAt: row.created_at,
      relayedAt: row.relayed_at,
    };
    if (row.direction === "to_finder") return [{ ...common, body: opened(cipher, row) }];
    return row.relayed_at ? [{ ...common, relayedBody: relayed(cipher, row) }] : [];
  });
}

/** The coordinator's message for the finder, waiting for the desk (a case action writes it). */
export async function recordMessageForFinder(
  tx: Executor,
  cipher: FieldCipher,
  entry: {
    id: string;
    reportId: string;
    caseId: string;
    authorUserId: string;
    body: string;
    caseMessageId: string;
    at: string;
  },
): Promise<void> {
  await insertDraftComment(tx, {
    id: entry.id,
    report_id: entry.reportId,
    case_id: entry.caseId,
    direction: "to_finder",
    part: null,
    author_user_id: entry.authorUserId,
    body_sealed: sealedBody.seal(cipher, entry.id, entry.body),
    case_message_id: entry.caseMessageId,
    created_at: entry.at,
    relayed_body_sealed: null,
    relayed_by: null,
    relayed_message_id: null,
    relayed_at: null,
  });
}

export function createDraftCommentReads(context: ReportsContext) {
  const { db, audit, cipher, workflow } = context;
  return {
    /**
     * GET /api/v1/reports/{id}/draft-advisory: the draft's public parts for the report's finder
     * (and the desk, to see what the finder sees); 404 for anyone else.
     */
    async draftAdvisory(actor: Actor, id: string): Promise<FinderDraftStatus> {
      return db.transaction().execute(async (tx) => {
        const visible = await loadVisibleReport(tx, actor, id);
        sideOf(visible);
        const caseId = (await workflow.load(tx, "report", id))?.state.caseId ?? null;
        const kase = caseId ? await workflow.load(tx, "case", caseId) : null;
        const status: FinderDraftStatus =
          caseId && kase
            ? await finderDraftOf(tx, cipher, caseId, kase.state, (c) => advisoryIdOfCase(tx, c))
            : { stage: "none", advisoryId: null, draft: null };
        if (status.stage === "draft") {
          await audit.record(tx, visible.user, {
            type: "report.draft_advisory_viewed",
            subjectType: "report",
            subjectId: id,
          });
        }
        return status;
      });
    },

    /** GET /api/v1/reports/{id}/draft-comments: the finder's own; the desk's, both ways. */
    async draftComments(actor: Actor, id: string): Promise<DraftCommentView[]> {
      return db.transaction().execute(async (tx) => {
        const visible = await loadVisibleReport(tx, actor, id);
        const side = sideOf(visible);
        const rows = await draftCommentsOfReport(tx, id);
        if (rows.length > 0) {
          await audit.record(tx, visible.user, {
            type: "report.draft_comments_viewed",
            subjectType: "report",
            subjectId: id,
          });
        }
        return rows.flatMap((row) => entryFor(side, cipher, row) ?? []);
      });
    },

    /**
     * For the desk's case page: the coordinator's messages for the finder waiting to be relayed
     * on the report; null for anyone else or when none waits.
     */
    async finderMessagesToRelay(actor: Actor, caseId: string) {
      if (!isIntakeStaff(actor)) return null;
      return unrelayedFinderMessages(db, caseId);
    },

    /** The entries of a case for the coordinator; the caller checked that it may see them. */
    draftCommentsForCoordinator: (executor: Executor, caseId: string) =>
      draftCommentsForCoordinator(executor, cipher, caseId),
  };
}
