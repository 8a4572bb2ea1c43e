import { z } from "zod";

/** One entry of the audit log as its readers get it (GET /api/v1/audit, the audit page). */
export const auditEntryView = z.object({
  seq: z.number().int(),
  at: z.string(),
  type: z.string(),
  outcome: z.string(),
  actor: z
    .object({
      userId: z.string(),
      name: z.string().nullable(),
      organizationId: z.string().nullable(),
    })
    .nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  /** The subject's human number: a case's `C-…`, a report's or web case's receipt `R-…`. */
  subjectNumber: z.string().nullable(),
  /** References and field names only: never confidential content. */
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntryView = z.infer<typeof auditEntryView>;

export const auditLogPage = z.object({
  items: z.array(auditEntryView),
  nextCursor: z.string().nullable(),
});
