/** Notification preferences and the daily digest (migration 0020). */
export interface NotificationPreferencesTable {
  user_id: string;
  /** One of modules/notifications/kinds.ts. */
  kind: string;
  delivery: "immediate" | "digest" | "none";
  updated_at: string;
}
export interface NotificationDigestItemsTable {
  id: string;
  user_id: string;
  kind: string;
  /** The catalog key that says what happened. */
  what: string;
  /** JSON object: the key's parameters (never report text). */
  params: string;
  /** The receipt or case number. */
  reference: string;
  link: string;
  occurred_at: string;
  sent_at: string | null;
  /** The digest mail that carried it. */
  mail_id: string | null;
}

/** Notification preferences and the digest (migration 0020). */
export interface NotificationTables {
  notification_preferences: NotificationPreferencesTable;
  notification_digest_items: NotificationDigestItemsTable;
}
