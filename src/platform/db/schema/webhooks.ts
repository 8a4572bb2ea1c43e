import type { Generated } from "kysely";

/** An organization's webhook endpoint (migration 0022). */
export interface WebhookEndpointsTable {
  id: string;
  organization_id: string;
  url: string;
  description: string;
  /** JSON: the webhook event types it wants. */
  event_types: string;
  active: number;
  /** The signing secret (`whsec_…`), sealed. */
  secret_sealed: string;
  secret_rotated_at: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}
/** One webhook message in the outbox, and its delivery log (migration 0022). */
export interface WebhookDeliveriesTable {
  /** Also the message's `webhook-id`. */
  id: string;
  endpoint_id: string;
  organization_id: string;
  event_type: string;
  /** The exact JSON body sent: only what the organization may see. */
  payload: string;
  status: "pending" | "delivered" | "failed";
  attempts: Generated<number>;
  /** A short line of the last answer (`HTTP 500`), never its body. */
  last_status: string | null;
  last_error: string | null;
  last_attempt_at: string | null;
  delivered_at: string | null;
  created_at: string;
}

/** Organizations' webhooks (migration 0022). */
export interface WebhookTables {
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
}
