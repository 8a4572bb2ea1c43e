import type { Executor, Tx } from "../../platform/db/database.ts";
import { forbidden, invalidFromZod, unauthenticated } from "../../platform/http/problem.ts";
import { newId } from "../../platform/ids.ts";
import { type CommandBody, createActionPipeline, type Executed } from "../../workflow/actions.ts";
import type { CaseState } from "../../workflow/case/index.ts";
import { type Actor, isSignedIn } from "../access/actor.ts";
import { addCaseMember } from "../access/case-membership.ts";
import type { RecordServiceDeps } from "../actions/action-table.ts";
import { deriveActionMethods } from "../actions/action-table.ts";
import type { AuditType } from "../audit/audit-types.ts";
import { mayReadCaseRiskReason } from "../risk/risk.reads.ts";
import { caseActions } from "./actions/index.ts";
import { ndaOf, ownOrg } from "./actions/shared.ts";
import { countermeasureContentOf } from "./actions/vendor.ts";
import { postCaseMessage } from "./cases.messages.ts";
import { type CaseViewer, workflowActorFor } from "./cases.policy.ts";
import { presentCase } from "./cases.presenter.ts";
import { createCaseReads } from "./cases.reads.ts";
import {
  type CaseRow,
  insertCountermeasure,
  insertOpenedCase,
  touchCase,
} from "./cases.repository.ts";
import { csirtCaseBody, selfReportBody } from "./cases.schemas.ts";
import { type CaseVisible, loadVisibleCase } from "./cases.visibility.ts";
import { listUnreachableVendors } from "./unreachable-vendors.ts";

export function createCasesService(deps: RecordServiceDeps) {
  const { db, audit, cipher, clock, workflow } = deps;
  const load = (executor: Executor, actor: Actor, id: string) =>
    loadVisibleCase(executor, workflow, actor, id);
  const presentVisible = async (executor: Executor, visible: CaseVisible) =>
    presentCase(
      executor,
      cipher,
      visible.viewer,
      visible.row,
      visible.state,
      visible.fullContent,
      await mayReadCaseRiskReason(executor, visible),
    );

  const pipeline = createActionPipeline(
    { workflow, audit, clock },
    {
      aggregate: "case",
      touch: touchCase,
      subjectType: "case",
      load,
      viewerKind: (visible: CaseVisible) => visible.viewer.kind,
      workflowActor: (visible) => {
        const actor = workflowActorFor(visible.user);
        if (!actor) throw forbidden("You may not act on this case.");
        return actor;
      },
      present: (tx, _actor, visible) => presentVisible(tx, visible),
    },
  );
  const reads = createCaseReads({ db, audit, cipher, workflow, load });

  return {
    /** One method per entry of the action table (cases.actions.ts). */
    ...deriveActionMethods(caseActions, pipeline, { cipher }),
    /** The action table itself, from which the routes and the page forms are derived. */
    actionTable: caseActions,

    list: reads.list,
    messages: reads.messages,
    suggestions: reads.suggestions,
    finderContacts: reads.finderContacts,

    async get(actor: Actor, id: string) {
      return db.transaction().execute(async (tx) => {
        const visible = await load(tx, actor, id);
        await audit.record(tx, actor, { type: "case.viewed", subjectType: "case", subjectId: id });
        return presentVisible(tx, visible);
      });
    },

    /** A CSIRT's case (R-COO-9, R-COO-13) or a vendor's self-report (R-COO-10). */
    async open(actor: Actor, body: unknown) {
      if (!isSignedIn(actor)) throw unauthenticated();
      const org = actor.organization;
      if (org?.type !== "csirt" && org?.type !== "vendor") {
        throw forbidden("Only an overseas CSIRT or a vendor opens a case here.");
      }
      const id = newId();
      const opener = { kind: org.type, userId: actor.userId, orgId: org.id } as const;
      const execute = (tx: Tx, command: CommandBody<"case">) =>
        pipeline.execute(tx, id, opener, command);
      return workflow.transaction(async (tx) => {
        const at = clock.now().toISOString();
        if (org.type === "csirt") {
          const parsed = csirtCaseBody.safeParse(body);
          if (!parsed.success) throw invalidFromZod(parsed.error);
          const input = parsed.data;
          await insertOpenedCase(tx, cipher, {
            id,
            source: "csirt",
            orgId: org.id,
            title: input.title,
            content: {
              description: input.description,
              vendorNames: input.vendorNames,
              conditions: input.conditions ?? null,
            },
            shareWithIntake: input.shareWithIntake ?? false,
            at,
          });
          await execute(tx, {
            type: "open_csirt_case",
            publishAt: input.publishAt,
            conditions: input.conditions ?? null,
            shareWithIntake: input.shareWithIntake ?? false,
          });
        } else {
          const parsed = selfReportBody.safeParse(body);
          if (!parsed.success) throw invalidFromZod(parsed.error);
          const input = parsed.data;
          const nda = await tx
            .selectFrom("organizations")
            .select(["nda_signed_at", "nda_version"])
            .where("id", "=", org.id)
            .executeTakeFirstOrThrow();
          await insertOpenedCase(tx, cipher, {
            id,
            source: "self_report",
            orgId: org.id,
            title: input.title,
            content: { description: input.description },
            shareWithIntake: true,
            at,
          });
          const countermeasures = [];
          for (const c of input.countermeasures) {
            const countermeasureId = await insertCountermeasure(tx, cipher, {
              caseId: id,
              orgId: org.id,
              userId: actor.userId,
              type: c.type,
              content: countermeasureContentOf(c),
              at,
            });
            countermeasures.push({ countermeasureId, type: c.type });
          }
          await execute(tx, {
            type: "open_self_report",
            nda: ndaOf(nda),
            countermeasures,
            requestId: newId(),
            proposedPublishAt: input.proposedPublishAt,
          });
          // The member who reported it keeps seeing it (R-SEC-6).
          if (actor.role !== "admin") {
            await addCaseMember(tx, {
              caseId: id,
              organizationId: org.id,
              userId: actor.userId,
              assignedBy: actor.userId,
              at,
            });
          }
        }
        await audit.record(tx, actor, { type: "case.opened", subjectType: "case", subjectId: id });
        return { id };
      });
    },

    /** The finder writes to a vendor in direct contact (R-COO-6), on the finder's own report. */
    async postAsFinder(actor: Actor, reportId: string, orgId: string, body: string) {
      return workflow.transaction(async (tx) => {
        const { row } = await reads.finderCase(tx, actor, reportId);
        if (!isSignedIn(actor)) throw unauthenticated();
        const messageId = await postCaseMessage(tx, cipher, {
          caseId: row.id,
          author: actor,
          authorKind: "finder",
          to: orgId,
          body,
          at: clock.now().toISOString(),
          execute: (command) =>
            pipeline.execute(tx, row.id, { kind: "finder", userId: actor.userId }, command),
        });
        await audit.record(tx, actor, {
          type: "case.message_posted",
          subjectType: "case",
          subjectId: row.id,
        });
        return { id: messageId };
      });
    },

    /** The public list of unreachable vendors (R-COO-8); no case content. */
    unreachableVendors(query: { limit?: number | undefined; cursor?: string | undefined }) {
      return listUnreachableVendors(db, query);
    },

    /** Who of the vendor's own members are assigned to the case (R-SEC-6), for its admins. */
    async assignedMembers(actor: Actor, id: string): Promise<string[]> {
      const visible = await load(db, actor, id);
      const rows = await db
        .selectFrom("case_members")
        .select("user_id")
        .where("case_id", "=", id)
        .where("organization_id", "=", ownOrg(visible))
        .execute();
      return rows.map((r) => r.user_id);
    },

    /**
     * A case action of another module (advisories) through the same pipeline as the table's:
     * the caller's view of the case, the work with the workflow, the audit entry — in one
     * transaction, answered with the case as the caller sees it.
     */
    async actOnCase(
      actor: Actor,
      id: string,
      auditType: AuditType,
      work: (
        tx: Tx,
        visible: {
          state: CaseState;
          viewer: CaseViewer;
          execute: (command: CommandBody<"case">) => Promise<Executed<"case">>;
        },
      ) => Promise<void>,
      details?: Record<string, unknown>,
    ) {
      const { view } = await pipeline.run(actor, id, {
        audit: auditType,
        details,
        work: ({ tx, visible, execute }) =>
          work(tx, { state: visible.state, viewer: visible.viewer, execute }),
      });
      return view;
    },

    /** Another module's read of a case the caller may see (404 otherwise), audited. */
    async readCase<T>(
      actor: Actor,
      id: string,
      auditType: AuditType,
      work: (
        tx: Tx,
        visible: { row: CaseRow; state: CaseState; viewer: CaseViewer; fullContent: boolean },
      ) => Promise<T>,
    ): Promise<T> {
      return db.transaction().execute(async (tx) => {
        const visible = await load(tx, actor, id);
        const result = await work(tx, visible);
        await audit.record(tx, actor, { type: auditType, subjectType: "case", subjectId: id });
        return result;
      });
    },

    /** The coordinator's and the vendor's pages need to know who they are to the case. */
    async viewerOf(actor: Actor, id: string): Promise<CaseViewer> {
      return (await load(db, actor, id)).viewer;
    },
  };
}

export type CasesService = ReturnType<typeof createCasesService>;
