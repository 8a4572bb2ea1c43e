import type { Db } from "../../platform/db/database.ts";
import { decodeCursor, page } from "../../platform/http/pagination.ts";
import { notFound } from "../../platform/http/problem.ts";
import { newId } from "../../platform/ids.ts";
import type { Actor } from "../access/actor.ts";
import { presentLeakNotice } from "./site-cases.presenter.ts";
import {
  findPublicLeakNotice,
  insertLeakNotice,
  publicLeakNoticePage,
} from "./site-cases.repository.ts";
import type { LeakNoticeInput } from "./site-cases.schemas.ts";
import { OPERATOR, type SiteCasePipeline } from "./site-cases.subject.ts";

/** R-WEB-4: the operator's personal-data leak notices, the only public output of a site case. */
export function createLeakNotices(deps: { db: Db; pipeline: SiteCasePipeline }) {
  const { db, pipeline } = deps;

  return {
    /** Public from now on. */
    async publishLeakNotice(actor: Actor, id: string, input: LeakNoticeInput) {
      const noticeId = newId();
      await pipeline.run(actor, id, {
        viewers: OPERATOR,
        audit: "site_case.leak_notice_published",
        details: { noticeId },
        work: async ({ tx, at, visible, execute }) => {
          await insertLeakNotice(tx, {
            id: noticeId,
            site_case_id: id,
            organization_id: visible.row.operator_organization_id as string,
            summary: input.summary,
            period: input.period,
            affected_count: input.affectedCount,
            data_kinds: JSON.stringify(input.dataKinds),
            cause: input.cause,
            contact: input.contact,
            published_at: at,
          });
          return execute({ type: "publish_leak_notice", noticeId });
        },
      });
      return { id: noticeId };
    },

    /** Public, newest first. */
    async leakNotices(query: { limit: number; cursor?: string | undefined }) {
      const after = decodeCursor(query.cursor, 2) as [string, string] | null;
      const rows = await publicLeakNoticePage(db, { after, limit: query.limit });
      const result = page(rows, query.limit, (row) => [row.published_at, row.id]);
      return { items: result.items.map(presentLeakNotice), nextCursor: result.nextCursor };
    },

    async leakNotice(id: string) {
      const row = await findPublicLeakNotice(db, id);
      if (!row) throw notFound();
      return presentLeakNotice(row);
    },
  };
}
