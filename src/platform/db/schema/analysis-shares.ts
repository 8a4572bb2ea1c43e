/**
 * A case shared with an outside analysis organization (migration 0027, R-ANA-2): a product case
 * or a web-application case; exactly one of `case_id` and `site_case_id` is set.
 */
export interface AnalysisSharesTable {
  id: string;
  case_id: string | null;
  site_case_id: string | null;
  organization_id: string;
  /** JSON: the information classes shown (analysis-shares.schemas.ts `INFORMATION_CLASSES`). */
  classes: string;
  /** Access ends by itself at this instant (checked at every read). */
  until: string;
  /** The consultation with the coordinator and each vendor, or the site's operator, sealed. */
  consultation_sealed: string;
  /** The intake desk member who shared it. */
  created_by: string;
  created_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
}

/** A member of the organization its admin assigned to a share (R-SEC-6). */
export interface AnalysisShareMembersTable {
  share_id: string;
  user_id: string;
  assigned_by: string;
  assigned_at: string;
}

/** One read of a share by a member of the organization: who, when, which classes. */
export interface AnalysisShareReadsTable {
  id: string;
  share_id: string;
  user_id: string;
  /** JSON: the classes the read showed. */
  classes: string;
  read_at: string;
}

/** Outside analysis shares (migration 0027). */
export interface AnalysisShareTables {
  analysis_shares: AnalysisSharesTable;
  analysis_share_members: AnalysisShareMembersTable;
  analysis_share_reads: AnalysisShareReadsTable;
}
