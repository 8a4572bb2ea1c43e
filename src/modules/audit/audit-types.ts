import type { AuditTypesOf } from "../actions/action-table.ts";
import type { caseActions } from "../cases/actions/index.ts";
import type { deskActions, finderActions } from "../reports/reports.actions.ts";
import type { siteCaseActions } from "../site-cases/site-cases.actions.ts";

/**
 * Every type of audit entry, as one union: the types the action tables declare (each action's
 * `audit`), and the others, listed here. A misspelt type fails the type check.
 */
export type AuditType =
  | AuditTypesOf<typeof caseActions>
  | AuditTypesOf<typeof deskActions>
  | AuditTypesOf<typeof finderActions>
  | AuditTypesOf<typeof siteCaseActions>
  | (typeof OTHER_AUDIT_TYPES)[number];

/** Audit types outside the action tables: reads, sign-in, accounts, the directory, keys. */
export const OTHER_AUDIT_TYPES = [
  "access.denied",
  "audit.viewed",
  "case.advisory_approved",
  "case.advisory_previewed",
  "case.advisory_saved",
  "case.advisory_suggested",
  "case.direct_contact_viewed",
  "case.embargo_terminated",
  "case.finder_comments_viewed",
  "case.message_posted",
  "case.messages_viewed",
  "case.opened",
  "case.vendor_suggestions_viewed",
  "case.viewed",
  "csaf_signing_key.created",
  "csaf_signing_key.rotated",
  "desk_key.created",
  "desk_key.rotated",
  "nda.text_published",
  "organization.created",
  "organization.member_added",
  "organization.member_removed",
  "organization.nda_accepted",
  "organization.nda_recorded",
  "organization.nda_requested",
  "organization.updated",
  "priority.agreement_recorded",
  "priority.finder_notified",
  "priority.members_set",
  "priority.package_added",
  "priority.package_file_read",
  "priority.package_read",
  "priority.revoked",
  "priority.sent",
  "priority.started",
  "priority.traced",
  "report.attachment_downloaded",
  "report.attachment_uploaded",
  "report.disclosure_consultation_answered",
  "report.disclosure_consultation_filed",
  "report.draft_advisory_viewed",
  "report.draft_comments_viewed",
  "report.duplicates_checked",
  "report.message_posted",
  "report.messages_viewed",
  "report.submitted",
  "report.viewed",
  "signin.failed",
  "signin.locked",
  "signin.password_accepted",
  "signin.succeeded",
  "signout",
  "site_case.claimed",
  "site_case.members_set",
  "site_case.message_posted",
  "site_case.messages_viewed",
  "site_case.viewed",
  "token.created",
  "token.revoked",
  "token.used",
  "user.created",
  "user.email_verified",
  "user.invitation_accepted",
  "user.password_changed",
  "user.password_reset",
  "user.password_reset_requested",
  "user.profile_updated",
  "user.registered",
  "user.totp_enrolled",
  "webhook.created",
  "webhook.deleted",
  "webhook.secret_rotated",
  "webhook.test_sent",
  "webhook.updated",
] as const;
