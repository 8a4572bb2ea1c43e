import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { notFound } from "../../platform/http/problem.ts";
import type { Actor } from "../access/actor.ts";
import { assignFirst } from "../cases/cases.reads.ts";
import type { CasesService } from "../cases/cases.service.ts";
import {
  type DraftCommentView,
  draftCommentList,
} from "../reports/reports.draft-comments.schemas.ts";
import type { ReportsService } from "../reports/reports.service.ts";

/**
 * Issue 13 point 10, the coordinator's side: the finder's comments on the draft as the desk
 * relayed them, and the coordinator's own messages for the finder with whether the desk passed
 * them on. The staff's alone (a vendor gets 404, like the report behind the case); reading them
 * is audited on the case and, for a coordinator member, needs the case's assignment (R-SEC-1).
 */
export interface FinderCommentsDeps {
  cases: Pick<CasesService, "readCase">;
  reports: Pick<ReportsService, "draftCommentsForCoordinator">;
}

export function finderCommentsOnCase(
  deps: FinderCommentsDeps,
  actor: Actor,
  caseId: string,
): Promise<DraftCommentView[]> {
  return deps.cases.readCase(actor, caseId, "case.finder_comments_viewed", async (tx, visible) => {
    if (visible.viewer.kind !== "coordinator" && visible.viewer.kind !== "intake") throw notFound();
    if (!visible.fullContent) throw assignFirst();
    return deps.reports.draftCommentsForCoordinator(tx, caseId);
  });
}

/** GET /api/v1/cases/{id}/finder-comments. */
export async function registerFinderCommentRoutes(app: FastifyInstance, deps: FinderCommentsDeps) {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/v1/cases/:id/finder-comments",
    {
      config: { access: "signed_in" },
      schema: {
        tags: ["advisories"],
        summary: "The finder's comments on the draft as the desk relayed them (coordinator, desk)",
        params: z.object({ id: z.string().trim().min(1).max(100) }),
        response: { 200: draftCommentList },
      },
    },
    async (request) => ({
      items: await finderCommentsOnCase(deps, request.ctx.actor, request.params.id),
      nextCursor: null,
    }),
  );
}
