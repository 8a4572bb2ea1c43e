import type { Generated } from "kysely";

/**
 * Table types. Both databases store the same shapes: ids are opaque text, instants are
 * ISO 8601 UTC text (millisecond precision, so text order is time order), JSON is text and
 * flags are integers 0/1. One code path, no dialect-specific conversions.
 */
export interface JobsTable {
  id: string;
  type: string;
  payload: string;
  due_at: string;
  status: "pending" | "running" | "done" | "failed";
  attempts: Generated<number>;
  max_attempts: number;
  idempotency_key: string | null;
  lease_owner: string | null;
  lease_expires_at: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface MailOutboxTable {
  id: string;
  template: string;
  language: "ja" | "en";
  recipient: string;
  /** Subject and text, sealed by the field cipher: mail can carry one-time links. */
  content_sealed: string;
  status: "pending" | "sent" | "failed";
  attempts: Generated<number>;
  last_error: string | null;
  message_id: string;
  created_at: string;
  sent_at: string | null;
}

export interface Database {
  jobs: JobsTable;
  mail_outbox: MailOutboxTable;
}
