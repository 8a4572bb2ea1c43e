/** The intake desk's analysis tasks, their findings and the relays of findings (migration 0025). */

export type AnalysisTaskKind =
  | "reproduce"
  | "impact"
  | "affected_versions"
  | "exploitability"
  | "detection";

/** One task the desk gave an analyst, on a report or a case (R-ANA-1). */
export interface AnalysisTasksTable {
  id: string;
  subject_type: "report" | "case";
  subject_id: string;
  kind: AnalysisTaskKind;
  assignee_user_id: string;
  assigned_by: string;
  /** ISO instant. */
  due_at: string;
  /** The desk's note to the analyst, sealed; null without one. */
  note_sealed: string | null;
  status: "open" | "completed";
  created_at: string;
  completed_at: string | null;
}

/** What an analyst found; the body is sealed like report text. */
export interface AnalysisFindingsTable {
  id: string;
  task_id: string;
  /** The task's subject, copied so a case's findings are one query. */
  subject_type: "report" | "case";
  subject_id: string;
  author_user_id: string;
  body_sealed: string;
  share_with_vendors: number;
  created_at: string;
}

/** A shared finding the coordinator relayed to a case's vendors. */
export interface AnalysisFindingRelaysTable {
  finding_id: string;
  case_id: string;
  relayed_by: string;
  relayed_at: string;
}

export interface AnalysisTaskTables {
  analysis_tasks: AnalysisTasksTable;
  analysis_findings: AnalysisFindingsTable;
  analysis_finding_relays: AnalysisFindingRelaysTable;
}
