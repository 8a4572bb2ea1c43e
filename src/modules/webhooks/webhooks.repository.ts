import type { Insertable, Selectable, Updateable } from "kysely";
import type { Executor } from "../../platform/db/database.ts";
import type { WebhookDeliveriesTable, WebhookEndpointsTable } from "../../platform/db/schema.ts";

/** SQL only: the webhooks module owns `webhook_endpoints` and `webhook_deliveries`. */
export type EndpointRow = Selectable<WebhookEndpointsTable>;
export type DeliveryRow = Selectable<WebhookDeliveriesTable>;

export function insertEndpoint(executor: Executor, row: Insertable<WebhookEndpointsTable>) {
  return executor.insertInto("webhook_endpoints").values(row).execute();
}

export function updateEndpoint(
  executor: Executor,
  id: string,
  changes: Updateable<WebhookEndpointsTable>,
) {
  return executor.updateTable("webhook_endpoints").set(changes).where("id", "=", id).execute();
}

export async function deleteEndpoint(executor: Executor, id: string): Promise<void> {
  await executor.deleteFrom("webhook_deliveries").where("endpoint_id", "=", id).execute();
  await executor.deleteFrom("webhook_endpoints").where("id", "=", id).execute();
}

export function endpointsOf(executor: Executor, organizationId: string): Promise<EndpointRow[]> {
  return executor
    .selectFrom("webhook_endpoints")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** The endpoint, if it belongs to the organization (another's reads as missing). */
export function endpointOf(
  executor: Executor,
  organizationId: string,
  id: string,
): Promise<EndpointRow | undefined> {
  return executor
    .selectFrom("webhook_endpoints")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export function endpointById(executor: Executor, id: string): Promise<EndpointRow | undefined> {
  return executor
    .selectFrom("webhook_endpoints")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
}

/** The active endpoints of these organizations (the caller checks their event types). */
export function activeEndpointsOf(
  executor: Executor,
  organizationIds: readonly string[],
): Promise<EndpointRow[]> {
  if (organizationIds.length === 0) return Promise.resolve([]);
  return executor
    .selectFrom("webhook_endpoints")
    .selectAll()
    .where("organization_id", "in", [...organizationIds])
    .where("active", "=", 1)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export function insertDelivery(executor: Executor, row: Insertable<WebhookDeliveriesTable>) {
  return executor.insertInto("webhook_deliveries").values(row).execute();
}

export function findDelivery(executor: Executor, id: string): Promise<DeliveryRow | undefined> {
  return executor
    .selectFrom("webhook_deliveries")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
}

export function updateDelivery(
  executor: Executor,
  id: string,
  changes: Updateable<WebhookDeliveriesTable>,
) {
  return executor.updateTable("webhook_deliveries").set(changes).where("id", "=", id).execute();
}

/** The newest deliveries of an endpoint first. */
export function deliveriesOf(
  executor: Executor,
  endpointId: string,
  limit: number,
): Promise<DeliveryRow[]> {
  return executor
    .selectFrom("webhook_deliveries")
    .selectAll()
    .where("endpoint_id", "=", endpointId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

export async function siteCaseReference(
  executor: Executor,
  siteCaseId: string,
): Promise<string | null> {
  const row = await executor
    .selectFrom("site_cases")
    .innerJoin("reports", "reports.id", "site_cases.report_id")
    .select("reports.receipt_number")
    .where("site_cases.id", "=", siteCaseId)
    .executeTakeFirst();
  return row?.receipt_number ?? null;
}
