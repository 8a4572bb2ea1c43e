import type { Db } from "../../platform/db/database.ts";
import { decodeCursor, page } from "../../platform/http/pagination.ts";
import { notFound } from "../../platform/http/problem.ts";
import { presentLeakNotice } from "./site-cases.presenter.ts";
import { findPublicLeakNotice, publicLeakNoticePage } from "./site-cases.repository.ts";

/** R-WEB-4: the operators' personal-data leak notices, the only public output of a site case. */
export function createLeakNoticeReads(deps: { db: Db }) {
  const { db } = deps;

  return {
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
