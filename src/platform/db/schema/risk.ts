/** The current risk of a report or a case (migration 0024, R-RISK-1). */
export interface RiskAssessmentsTable {
  subject_type: "report" | "case";
  subject_id: string;
  /** CVSS 3.1 base vector, as checked by reports/cvss.ts. */
  cvss_v3: string | null;
  cvss_v4: string | null;
  /** The higher base score of the two vectors; null without either. */
  cvss_score: number | null;
  ssvc_exploitation: string | null;
  ssvc_automatable: string | null;
  ssvc_technical_impact: string | null;
  ssvc_mission_wellbeing: string | null;
  ssvc_decision: string | null;
  /** 0 without SSVC, 1 track … 4 act. */
  ssvc_rank: number;
  urgency: "low" | "normal" | "high" | "critical";
  /** 1 low … 4 critical. */
  urgency_rank: number;
  /** The desk's reason (may quote the report): sealed. */
  reason_sealed: string;
  updated_at: string;
  updated_by: string;
}

/** One change of a risk: each changed field's old and new value. */
export interface RiskChangesTable {
  id: string;
  subject_type: "report" | "case";
  subject_id: string;
  changed_at: string;
  changed_by: string;
  /** 1, 2, … among the subject's changes. */
  position: number;
  /** JSON `[{ field, old, new }]` of the fields other than the reason. */
  changes: string;
  /** The reason's old and new text, sealed; null when the reason did not change. */
  reason_sealed: string | null;
}

export interface RiskTables {
  risk_assessments: RiskAssessmentsTable;
  risk_changes: RiskChangesTable;
}
