import type { Db } from "../../platform/db/database.ts";
import { forbidden, invalidInput } from "../../platform/http/problem.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import type { Actor } from "../access/actor.ts";
import { setCaseMembers } from "../access/case-membership.ts";
import type { Audit } from "../audit/audit.ts";
import { canAssignMembers } from "./site-cases.policy.ts";
import { loadVisibleSiteCase } from "./site-cases.subject.ts";

/** R-SEC-6: the operator's admin chooses which of its members see the case (admins always do). */
export function createSiteCaseMembers(deps: { db: Db; audit: Audit; clock: Clock }) {
  const { db, audit, clock } = deps;

  return {
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
