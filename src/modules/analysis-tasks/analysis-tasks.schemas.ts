/** The analysis tasks' input and output (R-ANA-1): what the API takes and answers. */
import { z } from "zod";
import { attachmentSummary } from "../reports/reports.schemas.ts";

export const ANALYSIS_TASK_KINDS = [
  "reproduce",
  "impact",
  "affected_versions",
  "exploitability",
  "detection",
] as const;
export type AnalysisTaskKindName = (typeof ANALYSIS_TASK_KINDS)[number];

/** An instant with its offset (`2026-05-01T18:00:00+09:00`); stored as UTC. */
const instant = z
  .string()
  .trim()
  .refine(
    (value) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value),
    {
      message: "an ISO 8601 date and time with its offset",
    },
  )
  .transform((value) => new Date(value).toISOString());

/** POST /api/v1/reports/{id}/analysis-tasks and /api/v1/cases/{id}/analysis-tasks. */
export const assignTaskBody = z.object({
  kind: z.enum(ANALYSIS_TASK_KINDS),
  assigneeId: z.string().trim().min(1).max(100),
  due: instant,
  note: z.string().trim().max(10_000).optional(),
});
export type AssignTaskInput = z.output<typeof assignTaskBody>;

/** POST /api/v1/analysis-tasks/{tid}/findings. */
export const findingBodySchema = z.object({
  body: z.string().trim().min(1).max(50_000),
  shareWithVendors: z.boolean(),
});
export type FindingInput = z.output<typeof findingBodySchema>;

export const taskParams = z.object({ tid: z.string().trim().min(1).max(100) });
export const relayParams = z.object({
  id: z.string().trim().min(1).max(100),
  fid: z.string().trim().min(1).max(100),
});

export const createdId = z.object({ id: z.string() });

/** A finding as staff see it. */
export const findingView = z.object({
  id: z.string(),
  taskId: z.string(),
  kind: z.enum(ANALYSIS_TASK_KINDS),
  /** Where the finding was made: the report (carried over to its case) or the case. */
  subjectType: z.enum(["report", "case"]),
  body: z.string(),
  shareWithVendors: z.boolean(),
  createdAt: z.string(),
  /** When the coordinator relayed it to this case's vendors; null on a report or before. */
  relayedAt: z.string().nullable(),
});
export type FindingView = z.infer<typeof findingView>;

/** A finding as a case's vendor sees it: only one relayed to its case. */
export const vendorFindingView = z.object({
  id: z.string(),
  kind: z.enum(ANALYSIS_TASK_KINDS),
  body: z.string(),
  relayedAt: z.string(),
});
export type VendorFindingView = z.infer<typeof vendorFindingView>;

/** A task's metadata: what the queue and the desk's lists show. */
export const taskSummaryView = z.object({
  id: z.string(),
  kind: z.enum(ANALYSIS_TASK_KINDS),
  subjectType: z.enum(["report", "case"]),
  subjectId: z.string(),
  /** The report's receipt number or the case's number. */
  reference: z.string(),
  assigneeId: z.string(),
  assigneeName: z.string(),
  due: z.string(),
  status: z.enum(["open", "completed"]),
  overdue: z.boolean(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  findingCount: z.number().int(),
});
export type TaskSummaryView = z.infer<typeof taskSummaryView>;

export const taskList = z.object({ items: z.array(taskSummaryView) });

/** What the task is about, as the assigned analyst reads it while the task is open. */
export const subjectContentView = z.object({
  title: z.string(),
  productName: z.string().nullable(),
  productVersion: z.string().nullable(),
  vendorName: z.string().nullable(),
  cwe: z.string().nullable(),
  cvssVector: z.string().nullable(),
  /** Labelled text parts (description, reproduction, verification and attack methods, …). */
  parts: z.array(z.object({ name: z.string(), text: z.string() })),
});
export type SubjectContentView = z.infer<typeof subjectContentView>;

/** GET /api/v1/analysis-tasks/{tid}: the task, its note, its findings and its subject's content. */
export const taskDetailView = taskSummaryView.extend({
  note: z.string().nullable(),
  findings: z.array(findingView),
  /** Null once the task is completed (the grant ends) or for desk staff who may not read it. */
  content: subjectContentView.nullable(),
  /**
   * The files of the report (or of the case's report) for the task's analyst while it is open,
   * downloaded from `/api/v1/analysis-tasks/{tid}/attachments/{attachmentId}`; null otherwise.
   */
  attachments: z.array(attachmentSummary).nullable(),
});
export type TaskDetailView = z.infer<typeof taskDetailView>;

export const findingList = z.object({ items: z.array(findingView) });
export const vendorFindingList = z.object({ items: z.array(vendorFindingView) });
/** GET /api/v1/cases/{id}/analysis-findings: staff get every finding, vendors the relayed ones. */
export const caseFindingList = z.object({
  items: z.array(z.union([findingView, vendorFindingView])),
});
