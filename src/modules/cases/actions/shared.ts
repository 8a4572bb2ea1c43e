/** What the case action table's entries share: the entry maker, the common lookups. */
import { z } from "zod";
import type { FieldCipher } from "../../../platform/crypto/cipher.ts";
import type { Executor } from "../../../platform/db/database.ts";
import { forbidden, invalidInput } from "../../../platform/http/problem.ts";
import { actionsOf } from "../../actions/action-table.ts";
import type { CaseVisible } from "../cases.visibility.ts";

/** What the case actions use besides the pipeline's context. */
export interface CaseTools {
  cipher: FieldCipher;
}

export const caseAction = actionsOf<"case", CaseVisible, CaseTools>();

export const id = z.string().trim().min(1).max(100);
export const COORDINATOR = ["coordinator"] as const;
export const VENDOR = ["vendor"] as const;

/** The answer `{ id }` of an action that makes something new (a request, a message). */
export { createdIdAnswer as createdId } from "../../actions/action-table.ts";

export async function directoryOrganization(
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
    throw invalidInput(
      [{ path, message: `not a ${type} in the directory` }],
      `Choose a ${type} from the directory.`,
    );
  }
  return org;
}

/** The NDA on file for an organization, as the workflow records it. */
export function ndaOf(org: { nda_signed_at: string | null; nda_version: string | null }) {
  return org.nda_signed_at && org.nda_version
    ? { signedAt: org.nda_signed_at, version: org.nda_version }
    : null;
}

/** The vendor's own organization: the vendor actions are about its own participation. */
export function ownOrg(visible: CaseVisible): string {
  if (visible.viewer.kind !== "vendor") throw forbidden("This is a vendor's action.");
  return visible.viewer.orgId;
}
