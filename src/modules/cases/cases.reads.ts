import { sql } from "kysely";
import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Db, Executor } from "../../platform/db/database.ts";
import { decodeCursor, page } from "../../platform/http/pagination.ts";
import { notFound, ProblemError, unauthenticated } from "../../platform/http/problem.ts";
import type { CaseState, CaseStatus } from "../../workflow/case/index.ts";
import type { WorkflowStore } from "../../workflow/store.ts";
import { type Actor, isSignedIn, isStaff } from "../access/actor.ts";
import type { Audit } from "../audit/audit.ts";
import { unsealReportContent } from "../reports/reports.service.ts";
import type { Urgency } from "../risk/risk.schemas.ts";
import {
  keysetAfter,
  type RiskFilters,
  type RiskSort,
  riskColumns,
  riskConditions,
  sortKey,
} from "../risk/risk.sorting.ts";
import type { SsvcDecision } from "../risk/ssvc.ts";
import { audienceKey } from "./cases.policy.ts";
import { nextDeadline, unsealOpenedCase } from "./cases.presenter.ts";
import { caseMessageBody } from "./cases.sealed.ts";
import { type CaseVisible, caseVisibleTo } from "./cases.visibility.ts";
import { suggestVendors } from "./vendor-suggestions.ts";

export const assignFirst = () =>
  new ProblemError(403, "assignment_required", "Take the case (assign it to yourself) to read it.");

/** The reads of the cases module that are not one case's view: lists, threads, suggestions. */
export function createCaseReads(deps: {
  db: Db;
  audit: Audit;
  cipher: FieldCipher;
  workflow: WorkflowStore;
  load: (executor: Executor, actor: Actor, id: string) => Promise<CaseVisible>;
}) {
  const { db, audit, cipher, workflow, load } = deps;

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
    return { row, state: loaded.state };
  }

  return {
    finderCase,

    /** The cases the caller may see (`caseVisibleTo`), newest first. */
    async list(
      actor: Actor,
      query: {
        status?: string | undefined;
        limit?: number | undefined;
        cursor?: string | undefined;
        sort?: "newest" | RiskSort | undefined;
      } & RiskFilters,
    ) {
      if (!isSignedIn(actor)) throw unauthenticated();
      const limit = query.limit ?? 50;
      const org = actor.organization;
      // Risk is staff's (R-RISK-1): a vendor's or a CSIRT's query cannot sort or filter by it.
      const staff = isStaff(actor);
      const risk = riskColumns("case_risk", "report_risk");
      const riskKey =
        staff && query.sort && query.sort !== "newest" ? sortKey(risk, query.sort) : null;
      const after = decodeCursor(query.cursor, riskKey ? 3 : 2);
      let select = db
        .selectFrom("cases")
        .innerJoin("workflow_states", "workflow_states.aggregate_id", "cases.id")
        .leftJoin("risk_assessments as case_risk", (join) =>
          join
            .onRef("case_risk.subject_id", "=", "cases.id")
            .on("case_risk.subject_type", "=", "case"),
        )
        .leftJoin("risk_assessments as report_risk", (join) =>
          join
            .onRef("report_risk.subject_id", "=", "cases.report_id")
            .on("report_risk.subject_type", "=", "report"),
        )
        .select([
          risk.urgency.as("risk_urgency"),
          risk.ssvcDecision.as("risk_ssvc_decision"),
          risk.cvssScore.as("risk_cvss_score"),
          (riskKey ?? sql<number>`0`).as("risk_key"),
          "cases.id",
          "cases.case_number",
          "cases.title",
          "cases.source",
          "cases.status",
          "cases.publish_at",
          "cases.opened_at",
          "cases.updated_at",
          "cases.assignee_user_id",
          "workflow_states.state",
        ])
        .where((eb) => caseVisibleTo(eb, actor));
      // An unknown status matches no case (an empty list), as the API has always answered.
      if (query.status) select = select.where("cases.status", "=", query.status as CaseStatus);
      if (staff) {
        for (const condition of riskConditions(risk, query)) select = select.where(condition);
      }
      if (after && riskKey) {
        const [key, openedAt, id] = after as [number, string, string];
        select = select.where(
          keysetAfter(
            [
              { key: riskKey, value: key },
              { key: sql.ref("cases.opened_at"), value: openedAt },
              { key: sql.ref("cases.id"), value: id },
            ],
            "<",
          ),
        );
      } else if (after) {
        const [openedAt, id] = after as [string, string];
        select = select.where((eb) =>
          eb.or([
            eb("cases.opened_at", "<", openedAt),
            eb.and([eb("cases.opened_at", "=", openedAt), eb("cases.id", "<", id)]),
          ]),
        );
      }
      if (riskKey) select = select.orderBy(riskKey, "desc");
      const rows = await select
        .orderBy("cases.opened_at", "desc")
        .orderBy("cases.id", "desc")
        .limit(limit + 1)
        .execute();
      const ownOrgId = org?.type === "vendor" ? org.id : null;
      const result = page(rows, limit, (row) =>
        riskKey ? [Number(row.risk_key), row.opened_at, row.id] : [row.opened_at, row.id],
      );
      return {
        nextCursor: result.nextCursor,
        items: result.items.map((row) => {
          const state = JSON.parse(row.state) as CaseState;
          const own = ownOrgId ? state.participants.find((p) => p.orgId === ownOrgId) : undefined;
          const deadline = nextDeadline(state, own ? ownOrgId : null);
          return {
            id: row.id,
            caseNumber: row.case_number,
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
                  ...(staff
                    ? {
                        urgency: row.risk_urgency as Urgency | null,
                        ssvcDecision: row.risk_ssvc_decision as SsvcDecision | null,
                        cvssScore:
                          row.risk_cvss_score === null ? null : Number(row.risk_cvss_score),
                      }
                    : {}),
                }),
          };
        }),
      };
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
              .flatMap((m) =>
                // The finder's threads hold the finder's and the vendor's messages only.
                m.author_kind === "finder" || m.author_kind === "vendor"
                  ? [{ ...m, author_kind: m.author_kind }]
                  : [],
              )
              .map((m) => ({
                id: m.id,
                from: m.author_kind,
                body: caseMessageBody.open(cipher, m.id, m.body_sealed),
                createdAt: m.created_at,
              })),
          })),
        };
      });
    },

    /** The messages the caller is in the audience of (R-COO-5: a vendor sees its own thread). */
    async messages(actor: Actor, id: string) {
      return db.transaction().execute(async (tx) => {
        const visible = await load(tx, actor, id);
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
            body: caseMessageBody.open(cipher, row.id, row.body_sealed),
            createdAt: row.created_at,
          })),
          nextCursor: null,
        };
      });
    },

    /**
     * The directory's vendors that may make the product (R-COO-1), ranked, each with its
     * reasons, from what the report (or the CSIRT's or vendor's own text) says; vendors on the
     * case already are left out. For the coordinator only.
     */
    async suggestions(actor: Actor, id: string) {
      return db.transaction().execute(async (tx) => {
        const visible = await load(tx, actor, id);
        if (visible.viewer.kind !== "coordinator") {
          throw new ProblemError(403, "forbidden", "You may not take this action on this case.");
        }
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
  };
}
