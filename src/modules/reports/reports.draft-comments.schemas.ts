/** The draft comments' input and output (issue 13 point 10): what the API takes and answers. */
import { z } from "zod";

export const DRAFT_COMMENT_PARTS = ["credit", "accuracy", "other"] as const;
export type DraftCommentPart = (typeof DRAFT_COMMENT_PARTS)[number];

const body = z.string().trim().min(1).max(10_000);

/** POST /api/v1/reports/{id}/draft-comments: the finder on the draft's credit or accuracy. */
export const draftCommentBody = z.object({
  part: z.enum(DRAFT_COMMENT_PARTS),
  body,
});

/**
 * POST /api/v1/reports/{id}/credit: how the finder is credited in the advisory (R-PUB-6), their
 * own choice until publication; null: not credited.
 */
export const changeCreditBody = z.object({
  credit: z.string().trim().min(1).max(200).nullable(),
});

/** The desk passes an entry on, in its own words where it gives them (blank: as written). */
export const relayBody = z.object({
  body: z.string().trim().max(10_000).optional(),
});
export const relayParams = z.object({ cid: z.string().trim().min(1).max(100) });

/** POST /api/v1/cases/{id}/finder-messages: the coordinator writes for the finder. */
export const finderMessageBody = z.object({ body });

/**
 * One entry as its reader sees it. The finder sees their own comments (never the coordinator's
 * messages before the desk relays them, and then only as the desk's message on the report); the
 * desk sees both directions, with what it relayed; the coordinator sees the finder's comments
 * only as the desk relayed them, and its own messages.
 */
export const draftCommentView = z.object({
  id: z.string(),
  direction: z.enum(["to_coordinator", "to_finder"]),
  part: z.enum(DRAFT_COMMENT_PARTS).nullable(),
  /** The text as written (the finder's own, or the coordinator's); absent where not for you. */
  body: z.string().optional(),
  /** What the desk passed on; absent where not for you. */
  relayedBody: z.string().nullable().optional(),
  createdAt: z.string(),
  relayedAt: z.string().nullable(),
});
export type DraftCommentView = z.infer<typeof draftCommentView>;
export const draftCommentList = z.object({
  items: z.array(draftCommentView),
  nextCursor: z.null(),
});
