/** SQL of priority provision: its projection, packages, files, copies, members and reads. */
import type { Executor } from "../../platform/db/database.ts";
import type {
  PriorityCopiesTable,
  PriorityPackageFilesTable,
  PriorityPackagesTable,
  PriorityProvisionsTable,
} from "../../platform/db/schema/priority.ts";

export async function upsertProvisionRow(
  executor: Executor,
  row: PriorityProvisionsTable,
): Promise<void> {
  const updated = await executor
    .updateTable("priority_provisions")
    .set({
      status: row.status,
      sectors: row.sectors,
      recipient_org_ids: row.recipient_org_ids,
      sent_at: row.sent_at,
      ended_at: row.ended_at,
      updated_at: row.updated_at,
    })
    .where("id", "=", row.id)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0)
    await executor.insertInto("priority_provisions").values(row).execute();
}

export function provisionRowsOfCase(executor: Executor, caseId: string) {
  return executor
    .selectFrom("priority_provisions")
    .selectAll()
    .where("case_id", "=", caseId)
    .orderBy("started_at")
    .orderBy("id")
    .execute();
}

export function provisionRow(executor: Executor, id: string) {
  return executor
    .selectFrom("priority_provisions")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function insertPackage(executor: Executor, row: PriorityPackagesTable) {
  await executor.insertInto("priority_packages").values(row).execute();
}

export async function insertPackageFile(executor: Executor, row: PriorityPackageFilesTable) {
  await executor.insertInto("priority_package_files").values(row).execute();
}

export function packagesOf(executor: Executor, provisionId: string) {
  return executor
    .selectFrom("priority_packages")
    .selectAll()
    .where("provision_id", "=", provisionId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export function packageRow(executor: Executor, id: string) {
  return executor
    .selectFrom("priority_packages")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
}

export function filesOf(executor: Executor, packageIds: readonly string[]) {
  if (packageIds.length === 0) return Promise.resolve([]);
  return executor
    .selectFrom("priority_package_files")
    .select(["id", "package_id", "position", "name_sealed", "media_type", "size"])
    .where("package_id", "in", packageIds)
    .orderBy("position")
    .execute();
}

export function fileRow(executor: Executor, packageId: string, fileId: string) {
  return executor
    .selectFrom("priority_package_files")
    .selectAll()
    .where("package_id", "=", packageId)
    .where("id", "=", fileId)
    .executeTakeFirst();
}

export async function insertCopyIfMissing(executor: Executor, row: PriorityCopiesTable) {
  const existing = await executor
    .selectFrom("priority_copies")
    .select("id")
    .where("package_id", "=", row.package_id)
    .where("organization_id", "=", row.organization_id)
    .executeTakeFirst();
  if (!existing) await executor.insertInto("priority_copies").values(row).execute();
}

export function copiesOfProvision(executor: Executor, provisionId: string) {
  return executor
    .selectFrom("priority_copies")
    .selectAll()
    .where("provision_id", "=", provisionId)
    .orderBy("delivered_at")
    .orderBy("id")
    .execute();
}

export function copiesOfOrganization(executor: Executor, organizationId: string) {
  return executor
    .selectFrom("priority_copies")
    .innerJoin("priority_packages", "priority_packages.id", "priority_copies.package_id")
    .innerJoin("priority_provisions", "priority_provisions.id", "priority_copies.provision_id")
    .select([
      "priority_copies.id",
      "priority_copies.code",
      "priority_copies.package_id",
      "priority_copies.provision_id",
      "priority_copies.delivered_at",
      "priority_packages.kind",
      "priority_packages.title_sealed",
      "priority_provisions.case_id",
    ])
    .where("priority_copies.organization_id", "=", organizationId)
    .where("priority_provisions.status", "=", "sent")
    .orderBy("priority_copies.delivered_at", "desc")
    .orderBy("priority_copies.id")
    .execute();
}

export function copyOf(executor: Executor, packageId: string, organizationId: string) {
  return executor
    .selectFrom("priority_copies")
    .selectAll()
    .where("package_id", "=", packageId)
    .where("organization_id", "=", organizationId)
    .executeTakeFirst();
}

export function copiesWithCodes(executor: Executor, codes: readonly string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return executor
    .selectFrom("priority_copies")
    .innerJoin("priority_provisions", "priority_provisions.id", "priority_copies.provision_id")
    .innerJoin("organizations", "organizations.id", "priority_copies.organization_id")
    .select([
      "priority_copies.code",
      "priority_copies.package_id",
      "priority_copies.provision_id",
      "priority_copies.organization_id",
      "priority_copies.delivered_at",
      "priority_provisions.case_id",
      "organizations.name",
      "organizations.sector",
    ])
    .where("priority_copies.code", "in", codes)
    .execute();
}

export async function deliveryMemberIds(
  executor: Executor,
  provisionId: string,
  organizationId: string,
): Promise<string[]> {
  const rows = await executor
    .selectFrom("priority_delivery_members")
    .select("user_id")
    .where("provision_id", "=", provisionId)
    .where("organization_id", "=", organizationId)
    .orderBy("user_id")
    .execute();
  return rows.map((row) => row.user_id);
}

export async function setDeliveryMembers(
  executor: Executor,
  input: {
    provisionId: string;
    organizationId: string;
    userIds: string[];
    assignedBy: string;
    at: string;
  },
): Promise<void> {
  await executor
    .deleteFrom("priority_delivery_members")
    .where("provision_id", "=", input.provisionId)
    .where("organization_id", "=", input.organizationId)
    .execute();
  const unique = [...new Set(input.userIds)];
  if (unique.length === 0) return;
  await executor
    .insertInto("priority_delivery_members")
    .values(
      unique.map((userId) => ({
        provision_id: input.provisionId,
        organization_id: input.organizationId,
        user_id: userId,
        assigned_by: input.assignedBy,
        assigned_at: input.at,
      })),
    )
    .execute();
}

export async function insertRead(
  executor: Executor,
  row: { id: string; copy_id: string; user_id: string; file_id: string | null; read_at: string },
) {
  await executor.insertInto("priority_reads").values(row).execute();
}

export function readsOfProvision(executor: Executor, provisionId: string) {
  return executor
    .selectFrom("priority_reads")
    .innerJoin("priority_copies", "priority_copies.id", "priority_reads.copy_id")
    .innerJoin("users", "users.id", "priority_reads.user_id")
    .select([
      "priority_reads.copy_id",
      "priority_reads.user_id",
      "priority_reads.read_at",
      "users.name",
    ])
    .where("priority_copies.provision_id", "=", provisionId)
    .orderBy("priority_reads.read_at")
    .execute();
}

export function organizationsByIds(executor: Executor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return executor
    .selectFrom("organizations")
    .select(["id", "name", "type", "sector", "contact_emails"])
    .where("id", "in", ids)
    .execute();
}

/** The organizations whose admin accepted an NDA in the application (R-PRI-3). */
export async function acceptedNdaInApp(
  executor: Executor,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await executor
    .selectFrom("nda_acceptances")
    .select("organization_id")
    .where("organization_id", "in", ids)
    .where("method", "=", "in_app")
    .execute();
  return new Set(rows.map((row) => row.organization_id));
}

export function membersOfOrganization(executor: Executor, organizationId: string) {
  return executor
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.name", "users.email", "memberships.role"])
    .where("memberships.organization_id", "=", organizationId)
    .orderBy("users.name")
    .execute();
}

export function priorityRecipients(executor: Executor) {
  return executor
    .selectFrom("organizations")
    .select(["id", "name", "sector"])
    .where("type", "=", "priority_recipient")
    .orderBy("sector")
    .orderBy("name")
    .execute();
}

/** The user who started a provision (the actor of its first event), or null. */
export async function provisionStarterId(executor: Executor, provisionId: string) {
  const row = await executor
    .selectFrom("workflow_events")
    .select("data")
    .where("aggregate_id", "=", provisionId)
    .where("type", "=", "priority_provision_started")
    .executeTakeFirst();
  const actor = row ? (JSON.parse(row.data) as { actor?: { userId?: string } }).actor : undefined;
  return actor?.userId ?? null;
}

/** The intake desk's admins and members (never its analysts), for answers about a provision. */
export async function deskMemberIds(executor: Executor): Promise<string[]> {
  const rows = await executor
    .selectFrom("memberships")
    .innerJoin("organizations", "organizations.id", "memberships.organization_id")
    .select("memberships.user_id")
    .where("organizations.type", "=", "intake")
    .where("memberships.role", "in", ["admin", "member"])
    .orderBy("memberships.user_id")
    .execute();
  return [...new Set(rows.map((row) => row.user_id))];
}

/** The name of the organization a user belongs to (the coordinator's, for its answer). */
export async function organizationNameOfUser(executor: Executor, userId: string) {
  const row = await executor
    .selectFrom("memberships")
    .innerJoin("organizations", "organizations.id", "memberships.organization_id")
    .select("organizations.name")
    .where("memberships.user_id", "=", userId)
    .executeTakeFirst();
  return row?.name ?? null;
}

/** What a recipient may know of the case a package concerns: its title and planned publication. */
export function caseSummaries(executor: Executor, caseIds: readonly string[]) {
  if (caseIds.length === 0) return Promise.resolve([]);
  return executor
    .selectFrom("cases")
    .select(["id", "title", "publish_at", "report_id"])
    .where("id", "in", caseIds)
    .execute();
}
