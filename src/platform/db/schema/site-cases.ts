/** The read model of a web-application case; its workflow state is in workflow_states. */
export interface SiteCasesTable {
  id: string;
  report_id: string;
  /** Null until an operator not in the directory claims the case. */
  operator_organization_id: string | null;
  /** As the desk named an operator not in the directory. */
  operator_name: string | null;
  operator_contact_email: string | null;
  /** The operator's account of its verification or fix (R-WEB-2), sealed. */
  result_details_sealed: string | null;
  notified_at: string;
  updated_at: string;
}

/** One-time links to claim a site case (R-WEB-1); only the token's hash is kept. */
export interface SiteCaseClaimsTable {
  token_hash: string;
  site_case_id: string;
  email: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface SiteCaseMessagesTable {
  id: string;
  site_case_id: string;
  author_user_id: string;
  author_side: "intake" | "operator";
  body_sealed: string;
  created_at: string;
}

/** R-WEB-3: the desk's analysts analyse a web report only with the operator's permission. */
export interface SiteCaseAnalysisRequestsTable {
  id: string;
  site_case_id: string;
  requested_by: string;
  reason_sealed: string | null;
  decision: "grant" | "deny" | null;
  answered_by: string | null;
  answered_at: string | null;
  created_at: string;
}

/** R-WEB-4: the operator's personal-data leak notice, public as written. */
export interface LeakNoticesTable {
  id: string;
  site_case_id: string;
  organization_id: string;
  summary: string;
  period: string;
  affected_count: number;
  /** JSON string[] */
  data_kinds: string;
  cause: string;
  contact: string;
  published_at: string;
}

/** The web-application track's tables (migration 0008). */
export interface SiteCaseTables {
  site_cases: SiteCasesTable;
  site_case_claims: SiteCaseClaimsTable;
  site_case_messages: SiteCaseMessagesTable;
  site_case_analysis_requests: SiteCaseAnalysisRequestsTable;
  leak_notices: LeakNoticesTable;
}
