import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Db, Executor, Tx } from "../../platform/db/database.ts";
import { decodeCursor, page } from "../../platform/http/pagination.ts";
import {
  invalidFromZod,
  notFound,
  ProblemError,
  unauthenticated,
} from "../../platform/http/problem.ts";
import { newId } from "../../platform/ids.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import type { CaseCommand, CaseEvent, CaseState } from "../../workflow/case/index.ts";
import type { WorkflowActor } from "../../workflow/common.ts";
import { rejectionProblem } from "../../workflow/problems.ts";
import type { WorkflowStore } from "../../workflow/store.ts";
import { type Actor, isSignedIn, type UserActor } from "../access/actor.ts";
import { isAssignedToCase, setCaseMembers } from "../access/case-membership.ts";
import type { Audit } from "../audit/audit.ts";
import { unsealReportContent } from "../reports/reports.service.ts";
import {
  audienceKey,
  type CaseViewer,
  caseViewer,
  mayReadCaseContent,
  workflowActorFor,
} from "./cases.policy.ts";
import {
  type CaseRow,
  type CountermeasureContent,
  caseContentContext,
  caseMessageContext,
  countermeasureContext,
  nextDeadline,
  type OpenedCaseContent,
  presentCase,
  type StatementContent,
  statementContext,
  unsealOpenedCase,
} from "./cases.presenter.ts";
import {
  type CountermeasureInput,
  csirtCaseBody,
  type StatementInput,
  selfReportBody,
} from "./cases.schemas.ts";
import { listUnreachableVendors } from "./unreachable-vendors.ts";
import { suggestVendors } from "./vendor-suggestions.ts";

const assignFirst = () =>
  new ProblemError(403, "assignment_required", "Take the case (assign it to yourself) to read it.");

type CommandBody = CaseCommand extends infer C
  ? C extends CaseCommand
    ? Omit<C, "commandId" | "at" | "actor">
    : never
  : never;

interface Visible {
  row: CaseRow;
  state: CaseState;
  viewer: CaseViewer;
  user: UserActor;
  /** R-SEC-1: the report's content and the messages need assignment (coordinator side). */
  fullContent: boolean;
}

export function createCasesService(deps: {
  db: Db;
  audit: Audit;
  cipher: FieldCipher;
  clock: Clock;
  workflow: WorkflowStore;
}) {
  const { db, audit, cipher, clock, workflow } = deps;
  const iso = () => clock.now().toISOString();

  async function loadVisible(executor: Executor, actor: Actor, id: string): Promise<Visible> {
    if (!isSignedIn(actor)) throw unauthenticated();
    const row = await executor
      .selectFrom("cases")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    if (!row) throw notFound();
    const loaded = await workflow.load(executor, "case", id);
    if (!loaded) throw notFound();
    const state = loaded.state as CaseState;
    const participating = state.participants.map((p) => p.orgId);
    const assigned = await isAssignedToCase(executor, actor, id, participating);
    const viewer = caseViewer(actor, state, assigned);
    if (!viewer) throw notFound();
    return { row, state, viewer, user: actor, fullContent: mayReadCaseContent(actor, viewer, row) };
  }

  async function execute(tx: Tx, id: string, user: UserActor, command: CommandBody) {
    const actor: WorkflowActor | null = workflowActorFor(user);
    if (!actor) throw new ProblemError(403, "forbidden", "You may not act on this case.");
    const result = await workflow.execute(tx, "case", id, {
      ...command,
      commandId: newId(),
      at: iso(),
      actor,
    } as CaseCommand);
    if (!result.ok) throw rejectionProblem(result.rejection);
    return result.events as CaseEvent[];
  }

  /**
   * One case action: load what the caller may see, let the work run the workflow and write its
   * records, audit, and answer the case as the caller sees it now — all in one transaction.
   */
  async function actWith<T>(
    actor: Actor,
    id: string,
    auditType: string,
    work: (tx: Tx, visible: Visible) => Promise<T>,
    details?: Record<string, unknown>,
  ): Promise<{ result: T; view: Awaited<ReturnType<typeof presentCase>> }> {
    return workflow.transaction(async (tx) => {
      const visible = await loadVisible(tx, actor, id);
      const result = await work(tx, visible);
      await tx.updateTable("cases").set({ updated_at: iso() }).where("id", "=", id).execute();
      await audit.record(tx, actor, {
        type: auditType,
        subjectType: "case",
        subjectId: id,
        details,
      });
      const after = await loadVisible(tx, actor, id);
      return {
        result,
        view: await presentCase(
          tx,
          cipher,
          after.viewer,
          after.row,
          after.state,
          after.fullContent,
        ),
      };
    });
  }
  async function actOn(
    actor: Actor,
    id: string,
    auditType: string,
    work: (tx: Tx, visible: Visible) => Promise<void>,
    details?: Record<string, unknown>,
  ) {
    return (await actWith(actor, id, auditType, work, details)).view;
  }

  function requireViewer(visible: Visible, ...kinds: CaseViewer["kind"][]) {
    if (!kinds.includes(visible.viewer.kind)) {
      throw new ProblemError(403, "forbidden", "You may not take this action on this case.");
    }
  }

  async function requireOrganization(
    executor: Executor,
    organizationId: string,
    type: "vendor" | "csirt",
    path: string,
  ) {
    const org = await executor
      .selectFrom("organizations")
      .select(["id", "type", "nda_signed_at", "nda_version"])
      .where("id", "=", organizationId)
      .executeTakeFirst();
    if (org?.type !== type) {
      throw new ProblemError(422, "invalid_input", `Choose a ${type} from the directory.`, [
        { path, message: `not a ${type} in the directory` },
      ]);
    }
    return org;
  }

  async function addCountermeasure(
    tx: Tx,
    caseId: string,
    orgId: string,
    userId: string,
    input: CountermeasureInput,
  ): Promise<string> {
    const countermeasureId = newId();
    const content: CountermeasureContent = {
      description: input.description,
      affectedVersions: input.affectedVersions ?? [],
      fixedVersions: input.fixedVersions ?? [],
      url: input.url ?? null,
    };
    await tx
      .insertInto("case_countermeasures")
      .values({
        id: countermeasureId,
        case_id: caseId,
        organization_id: orgId,
        type: input.type,
        content_sealed: cipher.encrypt(
          JSON.stringify(content),
          countermeasureContext(countermeasureId),
        ),
        created_by: userId,
        created_at: iso(),
      })
      .execute();
    return countermeasureId;
  }

  async function addStatement(
    tx: Tx,
    caseId: string,
    orgId: string,
    userId: string,
    input: StatementInput,
  ): Promise<string> {
    const statementId = newId();
    const content: StatementContent = {
      text: input.text,
      advisoryUrl: input.advisoryUrl ?? null,
      contact: input.contact ?? null,
    };
    await tx
      .insertInto("case_statements")
      .values({
        id: statementId,
        case_id: caseId,
        organization_id: orgId,
        content_sealed: cipher.encrypt(JSON.stringify(content), statementContext(statementId)),
        created_by: userId,
        created_at: iso(),
      })
      .execute();
    return statementId;
  }

  function ownOrg(visible: Visible): string {
    requireViewer(visible, "vendor");
    return (visible.viewer as { orgId: string }).orgId;
  }

  return {
    async list(
      actor: Actor,
      query: {
        status?: string | undefined;
        limit?: number | undefined;
        cursor?: string | undefined;
      },
    ) {
      if (!isSignedIn(actor)) throw unauthenticated();
      const limit = query.limit ?? 50;
      const after = decodeCursor(query.cursor, 2);
      const org = actor.organization;
      let select = db
        .selectFrom("cases")
        .innerJoin("workflow_states", "workflow_states.aggregate_id", "cases.id")
        .select([
          "cases.id",
          "cases.title",
          "cases.source",
          "cases.status",
          "cases.publish_at",
          "cases.opened_at",
          "cases.updated_at",
          "cases.assignee_user_id",
          "workflow_states.state",
        ]);
      // Scoped in SQL: each kind of caller reaches only the cases it takes part in.
      switch (org?.type) {
        case "coordinator":
          break;
        case "intake":
          select = select.where((eb) =>
            eb.or([eb("cases.source", "!=", "csirt"), eb("cases.share_with_intake", "=", 1)]),
          );
          break;
        case "vendor": {
          select = select.where((eb) =>
            eb.exists(
              eb
                .selectFrom("case_participants")
                .select("case_participants.case_id")
                .whereRef("case_participants.case_id", "=", "cases.id")
                .where("case_participants.organization_id", "=", org.id)
                .where("case_participants.status", "!=", "identified"),
            ),
          );
          if (actor.role !== "admin") {
            select = select.where((eb) =>
              eb.exists(
                eb
                  .selectFrom("case_members")
                  .select("case_members.case_id")
                  .whereRef("case_members.case_id", "=", "cases.id")
                  .where("case_members.organization_id", "=", org.id)
                  .where("case_members.user_id", "=", actor.userId),
              ),
            );
          }
          break;
        }
        case "csirt":
          select = select.where("cases.opened_by_org_id", "=", org.id);
          break;
        default:
          return { items: [], nextCursor: null };
      }
      if (query.status) select = select.where("cases.status", "=", query.status);
      if (after) {
        const [openedAt, id] = after as [string, string];
        select = select.where((eb) =>
          eb.or([
            eb("cases.opened_at", "<", openedAt),
            eb.and([eb("cases.opened_at", "=", openedAt), eb("cases.id", "<", id)]),
          ]),
        );
      }
      const rows = await select
        .orderBy("cases.opened_at", "desc")
        .orderBy("cases.id", "desc")
        .limit(limit + 1)
        .execute();
      const ownOrgId = org?.type === "vendor" ? org.id : null;
      const result = page(rows, limit, (row) => [row.opened_at, row.id]);
      return {
        nextCursor: result.nextCursor,
        items: result.items.map((row) => {
          const state = JSON.parse(row.state) as CaseState;
          const own = ownOrgId ? state.participants.find((p) => p.orgId === ownOrgId) : undefined;
          const deadline = nextDeadline(state, own ? ownOrgId : null);
          return {
            id: row.id,
            title: row.title,
            source: row.source,
            status: row.status,
            publishAt: row.publish_at,
            openedAt: row.opened_at,
            updatedAt: row.updated_at,
            // A vendor's list tells it where it stands and what is due from it only.
            ...(own
              ? {
                  participantStatus: own.status,
                  nextDeadline: deadline,
                }
              : {
                  nextDeadline: deadline,
                  participantCount: state.participants.length,
                  assigneeUserId: org?.type === "coordinator" ? row.assignee_user_id : undefined,
                }),
          };
        }),
      };
    },

    async get(actor: Actor, id: string) {
      return db.transaction().execute(async (tx) => {
        const visible = await loadVisible(tx, actor, id);
        await audit.record(tx, actor, { type: "case.viewed", subjectType: "case", subjectId: id });
        return presentCase(
          tx,
          cipher,
          visible.viewer,
          visible.row,
          visible.state,
          visible.fullContent,
        );
      });
    },

    /** A CSIRT's case (R-COO-9, R-COO-13) or a vendor's self-report (R-COO-10). */
    async open(actor: Actor, body: unknown) {
      if (!isSignedIn(actor)) throw unauthenticated();
      const type = actor.organization?.type;
      if (type !== "csirt" && type !== "vendor") {
        throw new ProblemError(
          403,
          "forbidden",
          "Only an overseas CSIRT or a vendor opens a case here.",
        );
      }
      const id = newId();
      return workflow.transaction(async (tx) => {
        const at = iso();
        const orgId = (actor.organization as { id: string }).id;
        if (type === "csirt") {
          const parsed = csirtCaseBody.safeParse(body);
          if (!parsed.success) throw invalidFromZod(parsed.error);
          const input = parsed.data;
          const content: OpenedCaseContent = {
            description: input.description,
            vendorNames: input.vendorNames,
            conditions: input.conditions ?? null,
          };
          await insertCaseRow(tx, {
            id,
            source: "csirt",
            orgId,
            title: input.title,
            contentSealed: cipher.encrypt(JSON.stringify(content), caseContentContext(id)),
            shareWithIntake: input.shareWithIntake ?? false,
            at,
          });
          await execute(tx, id, actor, {
            type: "open_csirt_case",
            publishAt: input.publishAt,
            conditions: input.conditions ?? null,
            shareWithIntake: input.shareWithIntake ?? false,
          });
        } else {
          const parsed = selfReportBody.safeParse(body);
          if (!parsed.success) throw invalidFromZod(parsed.error);
          const input = parsed.data;
          const org = await tx
            .selectFrom("organizations")
            .select(["nda_signed_at", "nda_version"])
            .where("id", "=", orgId)
            .executeTakeFirstOrThrow();
          await insertCaseRow(tx, {
            id,
            source: "self_report",
            orgId,
            title: input.title,
            contentSealed: cipher.encrypt(
              JSON.stringify({ description: input.description } satisfies OpenedCaseContent),
              caseContentContext(id),
            ),
            shareWithIntake: true,
            at,
          });
          const countermeasures = [];
          for (const c of input.countermeasures) {
            countermeasures.push({
              countermeasureId: await addCountermeasure(tx, id, orgId, actor.userId, c),
              type: c.type,
            });
          }
          await execute(tx, id, actor, {
            type: "open_self_report",
            nda:
              org.nda_signed_at && org.nda_version
                ? { signedAt: org.nda_signed_at, version: org.nda_version }
                : null,
            countermeasures,
            requestId: newId(),
            proposedPublishAt: input.proposedPublishAt,
          });
          // The member who reported it keeps seeing it (R-SEC-6).
          if (actor.role !== "admin") {
            await tx
              .insertInto("case_members")
              .values({
                case_id: id,
                organization_id: orgId,
                user_id: actor.userId,
                assigned_by: actor.userId,
                assigned_at: at,
              })
              .execute();
          }
        }
        await audit.record(tx, actor, { type: "case.opened", subjectType: "case", subjectId: id });
        return { id };
      });
    },

    async addVendor(
      actor: Actor,
      id: string,
      input: { organizationId: string; reason?: string | undefined },
    ) {
      return actOn(
        actor,
        id,
        "case.vendor_added",
        async (tx, visible) => {
          requireViewer(visible, "coordinator");
          const org = await requireOrganization(
            tx,
            input.organizationId,
            "vendor",
            "organizationId",
          );
          await execute(tx, id, visible.user, {
            type: "add_participant",
            orgId: org.id,
            nda:
              org.nda_signed_at && org.nda_version
                ? { signedAt: org.nda_signed_at, version: org.nda_version }
                : null,
            reason: input.reason ?? null,
          });
        },
        { organizationId: input.organizationId },
      );
    },

    async notifyVendor(actor: Actor, id: string, orgId: string) {
      return actOn(
        actor,
        id,
        "case.vendor_notified",
        async (tx, visible) => {
          requireViewer(visible, "coordinator");
          const org = await requireOrganization(tx, orgId, "vendor", "orgId");
          await execute(tx, id, visible.user, {
            type: "notify_participant",
            orgId,
            nda:
              org.nda_signed_at && org.nda_version
                ? { signedAt: org.nda_signed_at, version: org.nda_version }
                : null,
          });
        },
        { organizationId: orgId },
      );
    },

    async reviseSchedule(
      actor: Actor,
      id: string,
      input: {
        publishAt: string;
        countermeasureDue?: string | null | undefined;
        reason: string;
        exceedReason?: string | undefined;
        csirtProposalId?: string | undefined;
      },
    ) {
      return actOn(actor, id, "case.schedule_revised", async (tx, visible) => {
        requireViewer(visible, "coordinator");
        await execute(tx, id, visible.user, {
          type: "revise_schedule",
          publishAt: input.publishAt,
          countermeasureDue:
            input.countermeasureDue ?? visible.state.schedule?.countermeasureDue ?? null,
          reason: input.reason,
          exceedReason: input.exceedReason ?? null,
          csirtProposalId: input.csirtProposalId ?? null,
        });
      });
    },

    /** W-5: a new date for a CSIRT's case, which the CSIRT answers before it is set. */
    async proposeScheduleToCsirt(
      actor: Actor,
      id: string,
      input: { publishAt: string; countermeasureDue?: string | null | undefined; reason: string },
    ) {
      const { result } = await actWith(
        actor,
        id,
        "case.schedule_proposed_to_csirt",
        async (tx, visible) => {
          requireViewer(visible, "coordinator");
          const proposalId = newId();
          await execute(tx, id, visible.user, {
            type: "propose_schedule_to_csirt",
            proposalId,
            publishAt: input.publishAt,
            countermeasureDue: input.countermeasureDue ?? null,
            reason: input.reason,
          });
          return proposalId;
        },
      );
      return { id: result };
    },

    async answerScheduleProposal(
      actor: Actor,
      id: string,
      proposalId: string,
      input: { decision: "agree" | "refuse"; note?: string | undefined },
    ) {
      return actOn(actor, id, "case.schedule_proposal_answered", async (tx, visible) => {
        requireViewer(visible, "csirt");
        if (!visible.state.csirtProposals.some((p) => p.id === proposalId)) throw notFound();
        await execute(tx, id, visible.user, {
          type: "answer_schedule_proposal",
          proposalId,
          decision: input.decision,
          ...(input.note ? { note: input.note } : {}),
        });
      });
    },

    async decideScheduleRequest(
      actor: Actor,
      id: string,
      requestId: string,
      input: { decision: "accept" | "decline"; reason: string; exceedReason?: string | undefined },
    ) {
      return actOn(actor, id, "case.schedule_request_decided", async (tx, visible) => {
        requireViewer(visible, "coordinator");
        if (!visible.state.scheduleRequests.some((r) => r.id === requestId)) throw notFound();
        await execute(tx, id, visible.user, {
          type: "decide_schedule_request",
          requestId,
          decision: input.decision,
          reason: input.reason,
          exceedReason: input.exceedReason ?? null,
        });
      });
    },

    async assign(actor: Actor, id: string, userId: string) {
      return actOn(
        actor,
        id,
        "case.assigned",
        async (tx, visible) => {
          requireViewer(visible, "coordinator");
          const member = await tx
            .selectFrom("memberships")
            .innerJoin("organizations", "organizations.id", "memberships.organization_id")
            .select("memberships.user_id")
            .where("memberships.user_id", "=", userId)
            .where("organizations.type", "=", "coordinator")
            .executeTakeFirst();
          if (!member) {
            throw new ProblemError(422, "invalid_input", "Assign a member of the coordinator.", [
              { path: "userId", message: "not a coordinator member" },
            ]);
          }
          await tx
            .updateTable("cases")
            .set({ assignee_user_id: userId })
            .where("id", "=", id)
            .execute();
        },
        { userId },
      );
    },

    async close(
      actor: Actor,
      id: string,
      input: {
        reason: "no_action" | "duplicate";
        message: string;
        duplicateOf?: string | undefined;
      },
    ) {
      return actOn(
        actor,
        id,
        "case.closed",
        async (tx, visible) => {
          requireViewer(visible, "coordinator");
          await execute(tx, id, visible.user, {
            type: "close_case",
            reason: input.reason,
            message: input.message,
            duplicateOf: input.duplicateOf ?? null,
          });
        },
        { reason: input.reason },
      );
    },

    async markUnresponsive(actor: Actor, id: string, orgId: string, note: string) {
      return actOn(
        actor,
        id,
        "case.vendor_marked_unresponsive",
        async (tx, visible) => {
          requireViewer(visible, "coordinator");
          await execute(tx, id, visible.user, { type: "mark_unresponsive", orgId, note });
        },
        { organizationId: orgId },
      );
    },

    async publishUnreachable(
      actor: Actor,
      id: string,
      orgId: string,
      input: { stage: "name" | "product"; decision: string },
    ) {
      return actOn(
        actor,
        id,
        "case.vendor_listed_unreachable",
        async (tx, visible) => {
          requireViewer(visible, "coordinator");
          await execute(tx, id, visible.user, {
            type: "list_unreachable",
            orgId,
            stage: input.stage,
            decision: input.decision,
          });
        },
        { organizationId: orgId, stage: input.stage },
      );
    },

    async committeeDecision(
      actor: Actor,
      id: string,
      input: { decision: "publish" | "do_not_publish"; summary: string },
    ) {
      return actOn(
        actor,
        id,
        "case.committee_decided",
        async (tx, visible) => {
          requireViewer(visible, "coordinator");
          await execute(tx, id, visible.user, {
            type: "record_committee_decision",
            decision: input.decision,
            summary: input.summary,
          });
        },
        { decision: input.decision },
      );
    },

    async referToCsirt(
      actor: Actor,
      id: string,
      input: { csirtOrganizationId: string; note: string },
    ) {
      return actOn(
        actor,
        id,
        "case.referred_to_csirt",
        async (tx, visible) => {
          requireViewer(visible, "coordinator");
          await requireOrganization(tx, input.csirtOrganizationId, "csirt", "csirtOrganizationId");
          await execute(tx, id, visible.user, {
            type: "refer_to_csirt",
            csirtOrgId: input.csirtOrganizationId,
            note: input.note,
          });
        },
        { csirtOrganizationId: input.csirtOrganizationId },
      );
    },

    async approveDirectContact(actor: Actor, id: string, requestId: string) {
      return actOn(actor, id, "case.direct_contact_approved", async (tx, visible) => {
        requireViewer(visible, "coordinator", "intake");
        if (!visible.state.directContacts.some((d) => d.id === requestId)) throw notFound();
        await execute(tx, id, visible.user, { type: "approve_direct_contact", requestId });
      });
    },

    async acknowledge(actor: Actor, id: string) {
      return actOn(actor, id, "case.acknowledged", async (tx, visible) => {
        ownOrg(visible);
        await execute(tx, id, visible.user, { type: "acknowledge" });
      });
    },

    async reportStatus(
      actor: Actor,
      id: string,
      input: {
        status: "investigating" | "affected" | "not_affected" | "cannot_reproduce";
        statement?: string | undefined;
      },
    ) {
      return actOn(
        actor,
        id,
        "case.vendor_status_reported",
        async (tx, visible) => {
          const orgId = ownOrg(visible);
          const statementId = input.statement
            ? await addStatement(tx, id, orgId, visible.user.userId, { text: input.statement })
            : null;
          await execute(tx, id, visible.user, {
            type: "report_status",
            status: input.status,
            statementId,
          });
        },
        { status: input.status },
      );
    },

    async addCountermeasure(actor: Actor, id: string, input: CountermeasureInput) {
      const { result, view } = await actWith(
        actor,
        id,
        "case.countermeasure_added",
        async (tx, visible) => {
          const orgId = ownOrg(visible);
          const countermeasureId = await addCountermeasure(
            tx,
            id,
            orgId,
            visible.user.userId,
            input,
          );
          await execute(tx, id, visible.user, {
            type: "add_countermeasure",
            countermeasureId,
            countermeasureType: input.type,
          });
          return countermeasureId;
        },
      );
      return { id: result, case: view };
    },

    async reportOthersAffected(
      actor: Actor,
      id: string,
      input: { vendorName: string; reason: string },
    ) {
      return actOn(actor, id, "case.others_affected_reported", async (tx, visible) => {
        ownOrg(visible);
        await execute(tx, id, visible.user, {
          type: "report_others_affected",
          vendorName: input.vendorName,
          reason: input.reason,
        });
      });
    },

    async requestSchedule(actor: Actor, id: string, input: { publishAt: string; reason: string }) {
      const { result } = await actWith(
        actor,
        id,
        "case.schedule_requested",
        async (tx, visible) => {
          ownOrg(visible);
          const requestId = newId();
          await execute(tx, id, visible.user, {
            type: "request_schedule",
            requestId,
            publishAt: input.publishAt,
            reason: input.reason,
          });
          return requestId;
        },
      );
      return { id: result };
    },

    async setStatement(actor: Actor, id: string, input: StatementInput) {
      return actOn(actor, id, "case.statement_set", async (tx, visible) => {
        const orgId = ownOrg(visible);
        const statementId = await addStatement(tx, id, orgId, visible.user.userId, input);
        await execute(tx, id, visible.user, { type: "set_statement", statementId });
      });
    },

    async setTrackingId(actor: Actor, id: string, trackingId: string) {
      return actOn(actor, id, "case.tracking_id_set", async (tx, visible) => {
        ownOrg(visible);
        await execute(tx, id, visible.user, { type: "set_tracking_id", trackingId });
      });
    },

    /** A vendor admin chooses which of its members see the case (R-SEC-6). */
    async setMembers(actor: Actor, id: string, userIds: string[]) {
      return actOn(
        actor,
        id,
        "case.members_set",
        async (tx, visible) => {
          const orgId = ownOrg(visible);
          if (visible.user.role !== "admin") {
            throw new ProblemError(
              403,
              "forbidden",
              "Your organization's admins choose who sees a case.",
            );
          }
          const { unknownUserIds } = await setCaseMembers(tx, {
            caseId: id,
            organizationId: orgId,
            userIds,
            assignedBy: visible.user.userId,
            at: iso(),
          });
          if (unknownUserIds.length > 0) {
            throw new ProblemError(422, "invalid_input", "Choose members of your organization.", [
              { path: "userIds", message: `not members: ${unknownUserIds.join(", ")}` },
            ]);
          }
        },
        { userIds },
      );
    },

    async requestDirectContact(actor: Actor, id: string, reason: string) {
      const { result } = await actWith(
        actor,
        id,
        "case.direct_contact_requested",
        async (tx, visible) => {
          ownOrg(visible);
          const requestId = newId();
          await execute(tx, id, visible.user, {
            type: "request_direct_contact",
            requestId,
            reason,
          });
          return requestId;
        },
      );
      return { id: result };
    },

    async postMessage(actor: Actor, id: string, input: { body: string; to?: string | undefined }) {
      const { result } = await actWith(actor, id, "case.message_posted", async (tx, visible) => {
        const actorKind = workflowActorFor(visible.user);
        if (!actorKind) throw new ProblemError(403, "forbidden", "You may not act on this case.");
        const messageId = await postCaseMessage(tx, id, {
          author: visible.user,
          actor: actorKind,
          authorKind: visible.viewer.kind,
          to: input.to ?? "coordinator",
          body: input.body,
        });
        return messageId;
      });
      return { id: result };
    },

    /**
     * The finder's side of direct contact (R-COO-6): for the finder's own report, the vendors
     * whose direct contact the finder consented to and the coordinator and desk approved, with
     * the messages exchanged. Nothing else of the case reaches the finder here.
     */
    async finderContacts(actor: Actor, reportId: string) {
      return db.transaction().execute(async (tx) => {
        const { row, state } = await finderCase(tx, actor, reportId);
        // Only contacts that opened (both approvals given): a vendor whose request was never
        // approved stays unknown to the finder (R-COO-5), even once its request is closed.
        const contacts = state.directContacts.filter(
          (d) => d.status === "open" || (d.coordinatorApproved && d.intakeApproved),
        );
        const names = new Map<string, string>();
        if (contacts.length > 0) {
          const orgs = await tx
            .selectFrom("organizations")
            .select(["id", "name"])
            .where(
              "id",
              "in",
              contacts.map((d) => d.orgId),
            )
            .execute();
          for (const org of orgs) names.set(org.id, org.name);
        }
        const messages = await tx
          .selectFrom("case_messages")
          .select([
            "id",
            "author_kind",
            "author_org_id",
            "addressed_to",
            "body_sealed",
            "created_at",
          ])
          .where("case_id", "=", row.id)
          .where("audience", "like", "%|finder|%")
          .orderBy("position")
          .execute();
        await audit.record(tx, actor, {
          type: "case.direct_contact_viewed",
          subjectType: "case",
          subjectId: row.id,
        });
        return {
          items: contacts.map((d) => ({
            organizationId: d.orgId,
            vendorName: names.get(d.orgId) ?? null,
            status: d.status,
            messages: messages
              .filter((m) => m.author_org_id === d.orgId || m.addressed_to === d.orgId)
              .map((m) => ({
                id: m.id,
                from: m.author_kind,
                body: cipher.decrypt(m.body_sealed, caseMessageContext(m.id)),
                createdAt: m.created_at,
              })),
          })),
        };
      });
    },

    async postAsFinder(actor: Actor, reportId: string, orgId: string, body: string) {
      return workflow.transaction(async (tx) => {
        const { row } = await finderCase(tx, actor, reportId);
        const user = actor as UserActor;
        const messageId = await postCaseMessage(tx, row.id, {
          author: user,
          actor: { kind: "finder", userId: user.userId },
          authorKind: "finder",
          to: orgId,
          body,
        });
        await audit.record(tx, actor, {
          type: "case.message_posted",
          subjectType: "case",
          subjectId: row.id,
        });
        return { id: messageId };
      });
    },

    /** The messages the caller is in the audience of (R-COO-5: a vendor sees its own thread). */
    async messages(actor: Actor, id: string) {
      return db.transaction().execute(async (tx) => {
        const visible = await loadVisible(tx, actor, id);
        if (!visible.fullContent) throw assignFirst();
        const rows = await tx
          .selectFrom("case_messages")
          .leftJoin("users", "users.id", "case_messages.author_user_id")
          .select([
            "case_messages.id",
            "case_messages.author_kind",
            "case_messages.author_org_id",
            "case_messages.addressed_to",
            "case_messages.body_sealed",
            "case_messages.created_at",
            "users.name as author_name",
          ])
          .where("case_messages.case_id", "=", id)
          .where("case_messages.audience", "like", `%|${audienceKey(visible.viewer)}|%`)
          .orderBy("case_messages.position")
          .execute();
        await audit.record(tx, actor, {
          type: "case.messages_viewed",
          subjectType: "case",
          subjectId: id,
        });
        // Only messages the viewer is in the audience of: a vendor's own thread, the coordinator's
        // broadcasts to all vendors (R-COO-5).
        return {
          items: rows.map((row) => ({
            id: row.id,
            from: row.author_kind,
            to: row.addressed_to,
            authorName: row.author_kind === visible.viewer.kind ? row.author_name : null,
            // The coordinator reads every vendor's thread and needs to know whose it is.
            ...(visible.viewer.kind === "coordinator" && row.author_kind === "vendor"
              ? { fromOrganizationId: row.author_org_id }
              : {}),
            body: cipher.decrypt(row.body_sealed, caseMessageContext(row.id)),
            createdAt: row.created_at,
          })),
          nextCursor: null,
        };
      });
    },

    /** The public list of unreachable vendors (R-COO-8); no case content. */
    unreachableVendors(query: { limit?: number | undefined; cursor?: string | undefined }) {
      return listUnreachableVendors(db, query);
    },

    /**
     * The directory's vendors that may make the product (R-COO-1), ranked, each with its
     * reasons, from what the report (or the CSIRT's or vendor's own text) says; vendors on the
     * case already are left out. For the coordinator only.
     */
    async suggestions(actor: Actor, id: string) {
      return db.transaction().execute(async (tx) => {
        const visible = await loadVisible(tx, actor, id);
        requireViewer(visible, "coordinator");
        if (!visible.fullContent) throw assignFirst();
        const { row } = visible;
        const input: { productName?: string; vendorName?: string; text: string } = {
          text: row.title,
        };
        if (row.report_id) {
          const report = await tx
            .selectFrom("reports")
            .select(["id", "product_name", "vendor_name", "content_sealed"])
            .where("id", "=", row.report_id)
            .executeTakeFirstOrThrow();
          const content = unsealReportContent(cipher, report);
          if (report.product_name) input.productName = report.product_name;
          if (report.vendor_name) input.vendorName = report.vendor_name;
          input.text = [row.title, content.description].join("\n");
        } else {
          const opened = unsealOpenedCase(cipher, row) ?? { description: "" };
          const names = opened.vendorNames ?? [];
          if (names.length === 1 && names[0]) input.vendorName = names[0];
          input.text = [row.title, opened.description, ...names].join("\n");
        }
        const items = await suggestVendors(tx, cipher, {
          ...input,
          excludeOrgIds: visible.state.participants.map((p) => p.orgId),
        });
        await audit.record(tx, actor, {
          type: "case.vendor_suggestions_viewed",
          subjectType: "case",
          subjectId: id,
        });
        return { items, nextCursor: null };
      });
    },

    /** Who of the vendor's own members are assigned to the case (R-SEC-6), for its admins. */
    async assignedMembers(actor: Actor, id: string): Promise<string[]> {
      const visible = await loadVisible(db, actor, id);
      const orgId = ownOrg(visible);
      const rows = await db
        .selectFrom("case_members")
        .select("user_id")
        .where("case_id", "=", id)
        .where("organization_id", "=", orgId)
        .execute();
      return rows.map((r) => r.user_id);
    },

    /**
     * A case action of another module (advisories): the same steps as the actions above — the
     * caller's view of the case, the work with the workflow, the audit entry — in one
     * transaction, answered with the case as the caller sees it.
     */
    async actOnCase(
      actor: Actor,
      id: string,
      auditType: string,
      work: (
        tx: Tx,
        visible: {
          state: CaseState;
          viewer: CaseViewer;
          execute: (command: CommandBody) => Promise<CaseEvent[]>;
        },
      ) => Promise<void>,
      details?: Record<string, unknown>,
    ) {
      return actOn(
        actor,
        id,
        auditType,
        (tx, visible) =>
          work(tx, {
            state: visible.state,
            viewer: visible.viewer,
            execute: (command) => execute(tx, id, visible.user, command),
          }),
        details,
      );
    },

    /** Another module's read of a case the caller may see (404 otherwise), audited. */
    async readCase<T>(
      actor: Actor,
      id: string,
      auditType: string,
      work: (tx: Tx, visible: { row: CaseRow; state: CaseState; viewer: CaseViewer }) => Promise<T>,
    ): Promise<T> {
      return db.transaction().execute(async (tx) => {
        const visible = await loadVisible(tx, actor, id);
        const result = await work(tx, visible);
        await audit.record(tx, actor, { type: auditType, subjectType: "case", subjectId: id });
        return result;
      });
    },

    /** The coordinator's and the vendor's pages need to know who they are to the case. */
    async viewerOf(actor: Actor, id: string): Promise<CaseViewer> {
      const visible = await loadVisible(db, actor, id);
      return visible.viewer;
    },
  };

  /**
   * Posts a message through the workflow (which decides who may write to whom, R-COO-5) and
   * keeps it sealed with the audience the workflow gave it, in the thread's order.
   */
  async function postCaseMessage(
    tx: Tx,
    caseId: string,
    input: {
      author: UserActor;
      actor: WorkflowActor;
      authorKind: string;
      to: string;
      body: string;
    },
  ): Promise<string> {
    const messageId = newId();
    const result = await workflow.execute(tx, "case", caseId, {
      type: "post_message",
      messageId,
      to: input.to,
      commandId: newId(),
      at: iso(),
      actor: input.actor,
    });
    if (!result.ok) throw rejectionProblem(result.rejection);
    const posted = (result.events as CaseEvent[]).find((e) => e.type === "message_posted");
    await tx
      .insertInto("case_messages")
      .values({
        id: messageId,
        case_id: caseId,
        author_user_id: input.author.userId,
        author_kind: input.authorKind,
        author_org_id:
          input.actor.kind === "finder" ? null : (input.author.organization?.id ?? null),
        addressed_to: input.to,
        audience: `|${(posted?.audience ?? []).map(audienceKey).join("|")}|`,
        body_sealed: cipher.encrypt(input.body, caseMessageContext(messageId)),
        position: result.version,
        created_at: iso(),
      })
      .execute();
    return messageId;
  }

  /** The case of the finder's own report; anyone else, or a report without a case: 404. */
  async function finderCase(executor: Executor, actor: Actor, reportId: string) {
    if (!isSignedIn(actor)) throw unauthenticated();
    const row = await executor
      .selectFrom("cases")
      .innerJoin("reports", "reports.id", "cases.report_id")
      .selectAll("cases")
      .where("cases.report_id", "=", reportId)
      .where("reports.finder_user_id", "=", actor.userId)
      .executeTakeFirst();
    if (!row) throw notFound();
    const loaded = await workflow.load(executor, "case", row.id);
    if (!loaded) throw notFound();
    return { row, state: loaded.state as CaseState };
  }

  async function insertCaseRow(
    tx: Tx,
    input: {
      id: string;
      source: "csirt" | "self_report";
      orgId: string;
      title: string;
      contentSealed: string;
      shareWithIntake: boolean;
      at: string;
    },
  ) {
    await tx
      .insertInto("cases")
      .values({
        id: input.id,
        source: input.source,
        report_id: null,
        opened_by_org_id: input.orgId,
        title: input.title,
        content_sealed: input.contentSealed,
        status: "triage",
        publish_at: null,
        assignee_user_id: null,
        share_with_intake: input.shareWithIntake ? 1 : 0,
        opened_at: input.at,
        updated_at: input.at,
      })
      .execute();
  }
}

export type CasesService = ReturnType<typeof createCasesService>;

/**
 * Keeps `cases` and `case_participants` equal to each case's workflow state, in the state's own
 * transaction — including cases opened by a report's forwarding and changes made by timers.
 */
export async function projectCase(tx: Tx, id: string, state: CaseState, at: string): Promise<void> {
  const source = state.source;
  if (!source || state.status === null) return;
  let title = "";
  let reportId: string | null = null;
  if (source.kind === "report") {
    reportId = source.reportId;
    const report = await tx
      .selectFrom("reports")
      .select("title")
      .where("id", "=", source.reportId)
      .executeTakeFirst();
    title = report?.title ?? "";
  }
  await tx
    .insertInto("cases")
    .values({
      id,
      source: source.kind,
      report_id: reportId,
      opened_by_org_id:
        source.kind === "csirt"
          ? source.csirtOrgId
          : source.kind === "self_report"
            ? source.vendorOrgId
            : null,
      title,
      content_sealed: null,
      status: state.status,
      publish_at: state.schedule?.publishAt ?? null,
      assignee_user_id: null,
      share_with_intake: source.kind === "csirt" && !source.shareWithIntake ? 0 : 1,
      opened_at: state.openedAt ?? at,
      updated_at: at,
    })
    .onConflict((c) =>
      c.column("id").doUpdateSet({
        status: state.status ?? "triage",
        publish_at: state.schedule?.publishAt ?? null,
        updated_at: at,
      }),
    )
    .execute();
  await tx.deleteFrom("case_participants").where("case_id", "=", id).execute();
  if (state.participants.length > 0) {
    await tx
      .insertInto("case_participants")
      .values(
        state.participants.map((p) => ({
          case_id: id,
          organization_id: p.orgId,
          status: p.status,
          notified_at: p.notifiedAt,
        })),
      )
      .execute();
  }
}
