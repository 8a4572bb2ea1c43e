import type { Tx } from "../../platform/db/database.ts";
import { decodeCursor, page } from "../../platform/http/pagination.ts";
import { forbidden, unauthenticated } from "../../platform/http/problem.ts";
import { createActionPipeline } from "../../workflow/actions.ts";
import { type Actor, isSignedIn } from "../access/actor.ts";
import type { RecordServiceDeps } from "../actions/action-table.ts";
import { deriveActionMethods } from "../actions/action-table.ts";
import type { AuditType } from "../audit/audit-types.ts";
import { siteCaseActions } from "./site-cases.actions.ts";
import { createSiteCaseClaims } from "./site-cases.claims.ts";
import { createLeakNoticeReads } from "./site-cases.leak-notices.ts";
import { createSiteCaseMembers } from "./site-cases.members.ts";
import { createSiteCaseMessages } from "./site-cases.messages.ts";
import { presentListItem } from "./site-cases.presenter.ts";
import { siteCasesIn } from "./site-cases.repository.ts";
import type { SiteCaseListQuery } from "./site-cases.schemas.ts";
import {
  createSiteCaseSubject,
  loadVisibleSiteCase,
  readsConfidential,
  type VisibleSiteCase,
} from "./site-cases.subject.ts";
import { siteCaseScope } from "./site-cases.visibility.ts";

/**
 * Web-application cases (R-WEB-*): the reads here; the actions derived from the action table
 * (site-cases.actions.ts); the members, messages, public leak notices and claim links each in
 * their own part.
 */
export function createSiteCasesService(deps: RecordServiceDeps) {
  const { db, audit, cipher, clock, workflow } = deps;
  const subject = createSiteCaseSubject({ cipher, workflow, audit });
  const pipeline = createActionPipeline({ workflow, audit, clock }, subject);
  const parts = { ...deps, pipeline };
  const messages = createSiteCaseMessages(parts);

  return {
    /** Intake: every site case; an operator: its organization's, as assigned (R-SEC-6). */
    async list(actor: Actor, query: SiteCaseListQuery) {
      if (!isSignedIn(actor)) throw unauthenticated();
      const scope = siteCaseScope(actor);
      if (scope.kind === "none")
        throw forbidden("Site cases are for the intake desk and site operators.");
      const after = decodeCursor(query.cursor, 2) as [string, string] | null;
      const rows = await siteCasesIn(db, scope, {
        status: query.status,
        after,
        limit: query.limit,
      });
      const result = page(rows, query.limit, (row) => [row.notified_at, row.id]);
      return { items: result.items.map(presentListItem), nextCursor: result.nextCursor };
    },

    async get(actor: Actor, id: string) {
      return db.transaction().execute(async (tx) => {
        const visible = await loadVisibleSiteCase(tx, actor, id);
        return subject.present(tx, actor, visible);
      });
    },

    /** The case page: the case, and the messages when the caller may read them (each read audited). */
    async detail(actor: Actor, id: string) {
      return db.transaction().execute(async (tx) => {
        const visible = await loadVisibleSiteCase(tx, actor, id);
        const view = await subject.present(tx, actor, visible);
        if (!readsConfidential(visible)) return { view, messages: null };
        return { view, messages: await messages.readMessages(tx, visible) };
      });
    },

    /** One method per entry of the action table (site-cases.actions.ts). */
    ...deriveActionMethods(siteCaseActions, pipeline, { cipher }),
    /** The action table itself, from which the routes and the page forms are derived. */
    actionTable: siteCaseActions,

    ...createSiteCaseMembers(deps),
    ...createLeakNoticeReads(deps),
    postMessage: messages.postMessage,
    messages: messages.messages,
    ...createSiteCaseClaims(deps),

    /**
     * Another module's action on a site case the caller may see (404 otherwise), through the
     * action pipeline: one transaction, the case touched, the audit entry written.
     */
    async actOnSiteCase(
      actor: Actor,
      id: string,
      auditType: AuditType,
      work: (tx: Tx, visible: VisibleSiteCase) => Promise<void>,
      details?: Record<string, unknown>,
    ): Promise<void> {
      await pipeline.run(actor, id, {
        audit: auditType,
        details,
        work: ({ tx, visible }) => work(tx, visible),
      });
    },

    /** Another module's read of a site case the caller may see (404 otherwise), audited. */
    async readSiteCase<T>(
      actor: Actor,
      id: string,
      auditType: AuditType,
      work: (tx: Tx, visible: VisibleSiteCase) => Promise<T>,
    ): Promise<T> {
      return db.transaction().execute(async (tx) => {
        const visible = await loadVisibleSiteCase(tx, actor, id);
        const result = await work(tx, visible);
        await audit.record(tx, actor, { type: auditType, subjectType: "site_case", subjectId: id });
        return result;
      });
    },
  };
}

export type SiteCasesService = ReturnType<typeof createSiteCasesService>;
