import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Db } from "../../platform/db/database.ts";
import { forbidden, invalidInput } from "../../platform/http/problem.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import type { Actor } from "../access/actor.ts";
import { setCaseMembers } from "../access/case-membership.ts";
import type { Audit } from "../audit/audit.ts";
import { canAssignMembers } from "./site-cases.policy.ts";
import { updateSiteCase } from "./site-cases.repository.ts";
import type { ResultInput } from "./site-cases.schemas.ts";
import { resultDetails } from "./site-cases.sealed.ts";
import { loadVisibleSiteCase, OPERATOR, type SiteCasePipeline } from "./site-cases.subject.ts";

/** The site operator's answers to the case (R-WEB-2) and its admin's choice of members (R-SEC-6). */
export function createOperatorActions(deps: {
  db: Db;
  audit: Audit;
  cipher: FieldCipher;
  clock: Clock;
  pipeline: SiteCasePipeline;
}) {
  const { db, audit, cipher, clock, pipeline } = deps;

  return {
    async acknowledge(actor: Actor, id: string) {
      const { view } = await pipeline.run(actor, id, {
        viewers: OPERATOR,
        audit: "site_case.acknowledged",
        work: ({ execute }) => execute({ type: "acknowledge" }),
      });
      return view;
    },

    async reportResult(actor: Actor, id: string, input: ResultInput) {
      const { view } = await pipeline.run(actor, id, {
        viewers: OPERATOR,
        audit: "site_case.result_reported",
        details: { result: input.result, fixMethod: input.fixMethod ?? null },
        work: async ({ tx, at, execute }) => {
          await updateSiteCase(tx, id, {
            result_details_sealed: resultDetails.seal(cipher, id, input.details),
            updated_at: at,
          });
          return execute({
            type: "report_result",
            result: input.result,
            fixMethod: input.result === "fixed" ? (input.fixMethod ?? null) : null,
          });
        },
      });
      return view;
    },

    /** R-SEC-6: the operator's admin chooses which members see the case (admins always do). */
    async setMembers(actor: Actor, id: string, userIds: string[]) {
      return db.transaction().execute(async (tx) => {
        const visible = await loadVisibleSiteCase(tx, actor, id);
        if (!canAssignMembers(visible.user, visible.row))
          throw forbidden("The operator organization's admin chooses who sees the case.");
        const { unknownUserIds } = await setCaseMembers(tx, {
          caseId: id,
          organizationId: visible.row.operator_organization_id as string,
          userIds,
          assignedBy: visible.user.userId,
          at: clock.now().toISOString(),
        });
        if (unknownUserIds.length > 0)
          throw invalidInput(
            unknownUserIds.map((userId) => ({
              path: "userIds",
              message: `${userId} is not a member`,
            })),
            "Assign members of the organization.",
          );
        await audit.record(tx, visible.user, {
          type: "site_case.members_set",
          subjectType: "site_case",
          subjectId: id,
          details: { userIds },
        });
        return { userIds: [...new Set(userIds)] };
      });
    },
  };
}
