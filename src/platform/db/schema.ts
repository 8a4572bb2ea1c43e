import type { Generated } from "kysely";
import type { CaseStatus } from "../../workflow/case/index.ts";
import type { AnalysisShareTables } from "./schema/analysis-shares.ts";
import type { AnalysisTaskTables } from "./schema/analysis-tasks.ts";
import type { ClassificationTables } from "./schema/classification.ts";
import type { NdaTables } from "./schema/nda.ts";
import type { NotificationTables } from "./schema/notifications.ts";
import type { PriorityTables } from "./schema/priority.ts";
import type { PublicationTables } from "./schema/publication.ts";
import type { RiskTables } from "./schema/risk.ts";
import type { SiteCaseTables } from "./schema/site-cases.ts";
import type { WebhookTables } from "./schema/webhooks.ts";

export type * from "./schema/nda.ts";
export type * from "./schema/notifications.ts";
export type * from "./schema/publication.ts";
export type * from "./schema/site-cases.ts";
export type * from "./schema/webhooks.ts";

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

export type OrganizationType =
  | "intake"
  | "coordinator"
  | "vendor"
  | "site_operator"
  | "csirt"
  | "priority_recipient"
  /** An outside analysis organization under contract (R-ANA-2): sees what a share gives it. */
  | "analysis_org";
export type MemberRole = "admin" | "member" | "analyst";

export interface UsersTable {
  id: string;
  /** Lower-cased. */
  email: string;
  name: string;
  language: "ja" | "en";
  /** argon2id; null until an invited member sets a password. */
  password_hash: string | null;
  email_verified_at: string | null;
  totp_secret_sealed: string | null;
  totp_enabled_at: string | null;
  /** The last accepted TOTP time step: a code is accepted once. */
  totp_last_step: number | null;
  failed_signins: Generated<number>;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface OrganizationsTable {
  id: string;
  type: OrganizationType;
  name: string;
  /** JSON string[] */
  contact_emails: string;
  pgp_public_key: string | null;
  pgp_fingerprint: string | null;
  /** JSON { name, cpe? }[] */
  products: string;
  /** JSON string[] */
  keywords: string;
  /** JSON string[] */
  domains: string;
  sector: string | null;
  nda_signed_at: string | null;
  nda_version: string | null;
  nda_recorded_by: string | null;
  nda_recorded_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface MembershipsTable {
  user_id: string;
  organization_id: string;
  role: MemberRole;
  created_at: string;
}

export interface OrganizationChangesTable {
  id: string;
  organization_id: string;
  changed_by: string;
  changed_at: string;
  /** JSON { field: { from, to } } */
  changes: string;
}

export interface CaseMembersTable {
  case_id: string;
  organization_id: string;
  user_id: string;
  assigned_by: string;
  assigned_at: string;
}

export interface EmailTokensTable {
  token_hash: string;
  user_id: string;
  purpose: "verify_email" | "invitation" | "password_reset";
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  /** 1 once the second factor was given in this session (or none is needed). */
  second_factor_done: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: string;
  token_hash: string;
  user_id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface RecoveryCodesTable {
  code_hash: string;
  user_id: string;
  used_at: string | null;
  created_at: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  type: string;
  outcome: "ok" | "denied" | "failed";
  actor_user_id: string | null;
  actor_organization_id: string | null;
  ip: string | null;
  user_agent: string | null;
  subject_type: string | null;
  subject_id: string | null;
  /** JSON object; never confidential content, only references to it. */
  details: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface CountersTable {
  name: string;
  value: number;
}

export interface ReportsTable {
  id: string;
  receipt_number: string;
  kind: "product" | "web";
  finder_user_id: string;
  received_at: string;
  title: string;
  product_name: string | null;
  product_version: string | null;
  vendor_name: string | null;
  site_url: string | null;
  cwe: string | null;
  cvss_vector: string | null;
  assignee_user_id: string | null;
  /** JSON of the report's text fields (description, reproduction, …), sealed. */
  content_sealed: string;
  verification_method_sealed: string | null;
  attack_method_sealed: string | null;
  updated_at: string;
  /** JSON of the finder's decrypted PGP message (text, key, signed), sealed; null without one. */
  pgp_message_sealed: string | null;
}

export interface ReportMessagesTable {
  id: string;
  report_id: string;
  author_user_id: string;
  author_side: "finder" | "intake";
  body_sealed: string;
  created_at: string;
}

/** A finder's file on a report (migration 0006). */
export interface ReportAttachmentsTable {
  id: string;
  report_id: string;
  /** 1, 2, 3, … per report, in the order the files were added. */
  position: number;
  class: "attack_method" | "verification_method";
  /** The file's name as the finder gave it, sealed (names can tell what a file shows). */
  name_sealed: string;
  /** Sniffed from the content; the client's declared type is never kept. */
  media_type: string;
  /** Bytes of the plaintext. */
  size: number;
  /** The field cipher's binary envelope (blob on SQLite, bytea on PostgreSQL). */
  content_sealed: Buffer;
  uploaded_by: string;
  uploaded_at: string;
}

export interface DisclosureConsultationsTable {
  id: string;
  report_id: string;
  planned_at: string;
  venue: string;
  /** What the finder means to disclose: confidential until publication, sealed. */
  scope_sealed: string;
  decision: "no_objection" | "defer_until" | null;
  until: string | null;
  reason: string | null;
  answered_by: string | null;
  answered_at: string | null;
  created_at: string;
}

/** The projection of a product case's workflow state (migration 0011). */
export interface CasesTable {
  id: string;
  source: "report" | "csirt" | "self_report";
  report_id: string | null;
  opened_by_org_id: string | null;
  title: string;
  content_sealed: string | null;
  status: CaseStatus;
  publish_at: string | null;
  assignee_user_id: string | null;
  share_with_intake: number;
  /** `C-<year>-<six digits>` (0019, which numbered the cases opened before it). */
  case_number: string;
  opened_at: string;
  updated_at: string;
}
export interface CaseParticipantsTable {
  case_id: string;
  organization_id: string;
  status: string;
  notified_at: string | null;
}
/** The CSIRTs a case involves: the one that opened it, those it was referred to (0014). */
export interface CaseCsirtsTable {
  case_id: string;
  organization_id: string;
}
export interface CaseCountermeasuresTable {
  id: string;
  case_id: string;
  organization_id: string;
  type: "workaround" | "fix";
  content_sealed: string;
  created_by: string;
  created_at: string;
}
export interface CaseStatementsTable {
  id: string;
  case_id: string;
  organization_id: string;
  content_sealed: string;
  created_by: string;
  created_at: string;
}
export interface CaseMessagesTable {
  id: string;
  case_id: string;
  author_user_id: string;
  author_kind: "intake" | "coordinator" | "vendor" | "csirt" | "finder";
  author_org_id: string | null;
  addressed_to: string;
  audience: string;
  body_sealed: string;
  position: number;
  created_at: string;
}
/** The intake desk's OpenPGP key pairs: one current, the others retired (still decrypting). */
export interface DeskKeysTable {
  id: string;
  /** Upper-case hex, as GnuPG prints it. */
  fingerprint: string;
  public_key: string;
  private_key_sealed: string;
  /** "current" for the one current key (unique), null once retired. */
  current_slot: "current" | null;
  created_at: string;
  retired_at: string | null;
}

/** R-COO-8: the public list of unreachable vendors (migration 0013). */
export interface UnreachableVendorsTable {
  listing_id: string;
  case_id: string;
  organization_id: string;
  vendor_name: string;
  product_name: string | null;
  name_listed_at: string;
  product_listed_at: string | null;
  delisted_at: string | null;
}

/** Append-only; one row per workflow event, numbered per aggregate (src/workflow/store.ts). */
export interface WorkflowEventsTable {
  aggregate_id: string;
  /** 1, 2, 3, … per aggregate; (aggregate_id, version) is unique. */
  version: number;
  aggregate_type: string;
  type: string;
  /** The instant the command carried. */
  at: string;
  command_id: string;
  actor_kind: string;
  /** JSON: the whole event (envelope, audience and fields); never confidential content. */
  data: string;
  /** When the row was written (the clock). */
  recorded_at: string;
}

/** The state after the aggregate's latest event; `kakehashi replay --check` rebuilds it. */
export interface WorkflowStatesTable {
  aggregate_id: string;
  aggregate_type: string;
  version: number;
  status: string | null;
  /** JSON: the machine's state. */
  state: string;
  updated_at: string;
}

/** What passes between the finder and the coordinator about the draft, via the desk (0023). */
export interface DraftCommentsTable {
  id: string;
  report_id: string;
  case_id: string;
  /** `to_coordinator`: the finder's comment; `to_finder`: the coordinator's message. */
  direction: "to_coordinator" | "to_finder";
  /** Which part of the draft a finder's comment is about; null for the coordinator's. */
  part: "credit" | "accuracy" | "other" | null;
  author_user_id: string;
  body_sealed: string;
  /** The coordinator's message as posted to the desk on the case. */
  case_message_id: string | null;
  created_at: string;
  /** What the desk passed on (its own words where it edited), sealed. */
  relayed_body_sealed: string | null;
  relayed_by: string | null;
  /** The case message (to the coordinator) or report message (to the finder) it became. */
  relayed_message_id: string | null;
  relayed_at: string | null;
}

/**
 * Every table, by name. The tables of the web track, of publication and of the organizations'
 * NDAs, webhooks and notifications have their files in schema/; this is the one entry point.
 */
export interface Database
  extends SiteCaseTables,
    PublicationTables,
    NdaTables,
    WebhookTables,
    NotificationTables,
    AnalysisShareTables,
    RiskTables,
    AnalysisTaskTables,
    PriorityTables,
    ClassificationTables {
  desk_keys: DeskKeysTable;
  disclosure_consultations: DisclosureConsultationsTable;
  counters: CountersTable;
  reports: ReportsTable;
  report_messages: ReportMessagesTable;
  report_attachments: ReportAttachmentsTable;
  jobs: JobsTable;
  mail_outbox: MailOutboxTable;
  users: UsersTable;
  organizations: OrganizationsTable;
  memberships: MembershipsTable;
  organization_changes: OrganizationChangesTable;
  case_members: CaseMembersTable;
  email_tokens: EmailTokensTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  recovery_codes: RecoveryCodesTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  workflow_events: WorkflowEventsTable;
  workflow_states: WorkflowStatesTable;
  cases: CasesTable;
  case_participants: CaseParticipantsTable;
  case_csirts: CaseCsirtsTable;
  case_countermeasures: CaseCountermeasuresTable;
  case_statements: CaseStatementsTable;
  case_messages: CaseMessagesTable;
  unreachable_vendors: UnreachableVendorsTable;
  draft_comments: DraftCommentsTable;
}
