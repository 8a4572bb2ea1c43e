/**
 * Analysis tasks (R-ANA-1): the desk assigns a task on a report or a case to one of its analysts
 * with a due date; the analyst reads what the task is about, adds findings (each marked whether
 * it may be shared with the vendors) and completes it; the coordinator relays shared findings to
 * a case's vendors. Every write is one transaction with its audit entry and its mail.
 */
import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Db, Executor } from "../../platform/db/database.ts";
import {
  forbidden,
  invalidFromZod,
  notFound,
  ProblemError,
  unauthenticated,
} from "../../platform/http/problem.ts";
import { newId } from "../../platform/ids.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import type { MailOutbox } from "../../platform/mail/outbox.ts";
import { informedVendors } from "../../workflow/case/queries.ts";
import type { WorkflowStore } from "../../workflow/store.ts";
import { type Actor, isSignedIn, type UserActor } from "../access/actor.ts";
import type { Audit } from "../audit/audit.ts";
import type { CaseVisible } from "../cases/cases.visibility.ts";
import { attachmentSummaries, auditedAttachmentDownload } from "../reports/attachments.service.ts";
import { canReadReportContent, isDeskStaff, isIntakeAnalyst } from "../reports/reports.policy.ts";
import { createAnalysisNotices } from "./analysis-tasks.notifications.ts";
import { scheduleOverdueRound } from "./analysis-tasks.overdue.ts";
import { assignedVendorPeople } from "./analysis-tasks.people.ts";
import {
  analystMayReadSubject,
  isTaskAssignee,
  mayViewTask,
  mayWorkOnTask,
} from "./analysis-tasks.policy.ts";
import {
  countFindings,
  type FindingWithKind,
  findFinding,
  findingsOfSubjects,
  findingsOfTask,
  findTask,
  insertFinding,
  insertRelay,
  insertTask,
  intakeAnalysts,
  isIntakeAnalyst as isAnalystMember,
  markCompleted,
  queueOf,
  relayedFindingsOfCase,
  relaysOfCase,
  type Subject,
  type TaskListRow,
  type TaskRow,
  tasksOfSubjects,
} from "./analysis-tasks.repository.ts";
import {
  assignTaskBody,
  type FindingView,
  findingBodySchema,
  type TaskDetailView,
  type TaskSummaryView,
  type VendorFindingView,
} from "./analysis-tasks.schemas.ts";
import { findingBody, taskNote } from "./analysis-tasks.sealed.ts";
import {
  findingSubjectsOf,
  loadVisibleSubject,
  referenceOf,
  reportOfSubject,
  subjectContent,
  type VisibleSubject,
} from "./analysis-tasks.subjects.ts";

export interface AnalysisTasksDeps {
  db: Db;
  audit: Audit;
  cipher: FieldCipher;
  clock: Clock;
  workflow: WorkflowStore;
  mail: MailOutbox;
  publicUrl: string;
}

/** What the desk's report page and the case page show of tasks and findings. */
export interface TaskSection {
  subject: Subject;
  /** Desk staff may assign (and are given the analysts to choose from). */
  mayAssign: boolean;
  analysts: { id: string; name: string }[];
  tasks: TaskSummaryView[];
  /** Null where the caller may not read findings. */
  findings: FindingView[] | null;
  /** The coordinator may relay shared findings to the case's vendors. */
  mayRelay: boolean;
  /**
   * A coordinator not assigned to the case (and not its admin): it sees the tasks and how many
   * findings each has, and reads the findings (and relays them) once assigned to the case.
   */
  findingsAwaitAssignment: boolean;
  /** A vendor's view: the findings relayed to its case. */
  relayed: VendorFindingView[] | null;
}

const summaryOf = (row: TaskListRow, reference: string, now: Date): TaskSummaryView => ({
  id: row.id,
  kind: row.kind,
  subjectType: row.subject_type,
  subjectId: row.subject_id,
  reference,
  assigneeId: row.assignee_user_id,
  assigneeName: row.assignee_name,
  due: row.due_at,
  status: row.status,
  overdue: row.status === "open" && new Date(row.due_at).getTime() < now.getTime(),
  createdAt: row.created_at,
  completedAt: row.completed_at,
  findingCount: row.finding_count,
});

/** A vendor viewer that was notified of the case under an NDA (the only ones findings reach). */
const informedVendor = (visible: CaseVisible): boolean => {
  const viewer = visible.viewer;
  return (
    viewer.kind === "vendor" &&
    informedVendors(visible.state).some((r) => r.kind === "vendor" && r.orgId === viewer.orgId)
  );
};

const signedIn = (actor: Actor): UserActor => {
  if (!isSignedIn(actor)) throw unauthenticated();
  return actor;
};

export function createAnalysisTasksService(deps: AnalysisTasksDeps) {
  const { db, audit, cipher, clock, workflow } = deps;
  const notices = createAnalysisNotices(deps);

  const findingOf = (row: FindingWithKind, relays: Map<string, string>): FindingView => ({
    id: row.id,
    taskId: row.task_id,
    kind: row.kind,
    subjectType: row.subject_type,
    body: findingBody.open(cipher, row.id, row.body_sealed),
    shareWithVendors: row.share_with_vendors === 1,
    createdAt: row.created_at,
    relayedAt: relays.get(row.id) ?? null,
  });

  async function summaries(executor: Executor, rows: TaskListRow[]) {
    const now = clock.now();
    const references = new Map<string, string>();
    for (const row of rows) {
      const key = `${row.subject_type}:${row.subject_id}`;
      if (!references.has(key)) {
        references.set(
          key,
          await referenceOf(executor, { type: row.subject_type, id: row.subject_id }),
        );
      }
    }
    return rows.map((row) =>
      summaryOf(row, references.get(`${row.subject_type}:${row.subject_id}`) ?? "", now),
    );
  }

  /**
   * Whether the caller, who may see the record, may read its findings: the desk where it may
   * read the report's content (on a case, as the desk), the coordinator with the case's content.
   */
  function mayReadFindings(subject: VisibleSubject): boolean {
    if (subject.type === "report") {
      return (
        isDeskStaff(subject.visible.user) &&
        canReadReportContent(subject.visible.user, subject.visible.row)
      );
    }
    const { viewer, user, fullContent } = subject.visible;
    if (viewer.kind === "intake") return isDeskStaff(user);
    return viewer.kind === "coordinator" && fullContent;
  }

  async function assign(actor: Actor, subject: Subject, raw: unknown): Promise<{ id: string }> {
    const parsed = assignTaskBody.safeParse(raw);
    if (!parsed.success) throw invalidFromZod(parsed.error);
    const input = parsed.data;
    return db.transaction().execute(async (tx) => {
      const visible = await loadVisibleSubject(tx, workflow, actor, subject);
      const user = visible.visible.user;
      // The desk assigns; an analyst or the coordinator who may see the record may not.
      if (!isDeskStaff(user)) throw forbidden("Only the intake desk assigns analysis tasks.");
      if (!(await isAnalystMember(tx, input.assigneeId))) {
        throw new ProblemError(422, "invalid_input", "Choose one of the desk's analysts.", [
          {
            path: "assigneeId",
            message: "not an analyst of the intake desk",
            code: "not_an_analyst",
          },
        ]);
      }
      const id = newId();
      const at = clock.now().toISOString();
      await insertTask(tx, {
        id,
        subject_type: subject.type,
        subject_id: subject.id,
        kind: input.kind,
        assignee_user_id: input.assigneeId,
        assigned_by: user.userId,
        due_at: input.due,
        note_sealed: input.note ? taskNote.seal(cipher, id, input.note) : null,
        status: "open",
        created_at: at,
        completed_at: null,
      });
      await audit.record(tx, user, {
        type:
          subject.type === "report"
            ? "report.analysis_task_assigned"
            : "case.analysis_task_assigned",
        subjectType: subject.type,
        subjectId: subject.id,
        details: { taskId: id, kind: input.kind, assigneeId: input.assigneeId, due: input.due },
      });
      // The analyst is reminded daily from the first reminder time after the deadline.
      await scheduleOverdueRound(tx, clock, new Date(input.due));
      await notices.assigned(tx, {
        taskId: id,
        analystId: input.assigneeId,
        reference: await referenceOf(tx, subject),
      });
      return { id };
    });
  }

  /** The task the caller may work on (404 for anyone else; 409 once it is completed). */
  async function workableTask(executor: Executor, actor: Actor, taskId: string): Promise<TaskRow> {
    const task = await findTask(executor, taskId);
    if (!task || !isTaskAssignee(actor, task)) throw notFound();
    if (!mayWorkOnTask(actor, task)) {
      throw new ProblemError(409, "task_completed", "This task is already completed.");
    }
    return task;
  }

  return {
    /** POST /api/v1/reports/{id}/analysis-tasks */
    assignOnReport: (actor: Actor, reportId: string, raw: unknown) =>
      assign(actor, { type: "report", id: reportId }, raw),
    /** POST /api/v1/cases/{id}/analysis-tasks */
    assignOnCase: (actor: Actor, caseId: string, raw: unknown) =>
      assign(actor, { type: "case", id: caseId }, raw),

    /** GET /api/v1/analysis-tasks: the caller's own tasks, open first, by due date. */
    async queue(actor: Actor): Promise<TaskSummaryView[]> {
      const user = signedIn(actor);
      if (!isIntakeAnalyst(user)) return [];
      return summaries(db, await queueOf(db, user.userId));
    },

    /** GET /api/v1/{reports|cases}/{id}/analysis-tasks: the desk's and coordinator's list. */
    async tasksOf(actor: Actor, subject: Subject): Promise<TaskSummaryView[]> {
      return db.transaction().execute(async (tx) => {
        const visible = await loadVisibleSubject(tx, workflow, actor, subject);
        const user = visible.visible.user;
        const coordinator =
          visible.type === "case" && visible.visible.viewer.kind === "coordinator";
        if (!isDeskStaff(user) && !coordinator) {
          if (isIntakeAnalyst(user)) throw forbidden("The desk's list of tasks is the desk's.");
          throw notFound();
        }
        return summaries(tx, await tasksOfSubjects(tx, findingSubjectsOf(visible)));
      });
    },

    /**
     * GET /api/v1/analysis-tasks/{tid}: the task for its analyst (with the content of its
     * subject while it is open) or the desk; 404 for anyone else.
     */
    async task(actor: Actor, taskId: string): Promise<TaskDetailView> {
      return db.transaction().execute(async (tx) => {
        const user = signedIn(actor);
        const task = await findTask(tx, taskId);
        if (!task || !mayViewTask(user, task)) throw notFound();
        const subject: Subject = { type: task.subject_type, id: task.subject_id };
        const visible = await loadVisibleSubject(tx, workflow, user, subject);
        const own = isTaskAssignee(user, task);
        const readsFindings = own || mayReadFindings(visible);
        const [row] = await tasksOfSubjects(tx, [subject]).then((rows) =>
          rows.filter((r) => r.id === task.id),
        );
        if (!row) throw notFound();
        const [summary] = await summaries(tx, [row]);
        const content = analystMayReadSubject(user, task)
          ? await subjectContent(tx, cipher, subject)
          : null;
        const relays = visible.type === "case" ? await relaysOfCase(tx, subject.id) : new Map();
        const findings = readsFindings
          ? (await findingsOfTask(tx, task.id)).map((f) => findingOf(f, relays))
          : [];
        if (content || findings.length > 0) {
          await audit.record(tx, user, {
            type: "analysis_task.viewed",
            subjectType: subject.type,
            subjectId: subject.id,
            details: { taskId: task.id, content: content !== null },
          });
        }
        const reportId = content ? await reportOfSubject(tx, subject) : null;
        return {
          ...(summary as TaskSummaryView),
          attachments: content
            ? reportId
              ? await attachmentSummaries(tx, cipher, reportId)
              : []
            : null,
          note:
            readsFindings && task.note_sealed
              ? taskNote.open(cipher, task.id, task.note_sealed)
              : null,
          findings,
          content,
        };
      });
    },

    /**
     * GET /api/v1/analysis-tasks/{tid}/attachments/{attachmentId}: a file of the task's report
     * (or its case's report) for the task's analyst while the task is open, audited as the report
     * page's downloads are; 404 for anyone else, after completion, or for another report's file.
     */
    async attachment(actor: Actor, taskId: string, attachmentId: string) {
      const user = signedIn(actor);
      return db.transaction().execute(async (tx) => {
        const task = await findTask(tx, taskId);
        if (!task || !analystMayReadSubject(user, task)) throw notFound();
        const reportId = await reportOfSubject(tx, {
          type: task.subject_type,
          id: task.subject_id,
        });
        const file = reportId
          ? await auditedAttachmentDownload(tx, { audit, cipher }, user, {
              reportId,
              attachmentId,
              details: { taskId: task.id },
            })
          : null;
        if (!file) throw notFound();
        return file;
      });
    },

    /** POST /api/v1/analysis-tasks/{tid}/findings: the task's analyst, while it is open. */
    async addFinding(actor: Actor, taskId: string, raw: unknown): Promise<{ id: string }> {
      const parsed = findingBodySchema.safeParse(raw);
      return db.transaction().execute(async (tx) => {
        const task = await workableTask(tx, actor, taskId);
        if (!parsed.success) throw invalidFromZod(parsed.error);
        const input = parsed.data;
        const id = newId();
        const at = clock.now().toISOString();
        await insertFinding(tx, {
          id,
          task_id: task.id,
          subject_type: task.subject_type,
          subject_id: task.subject_id,
          author_user_id: task.assignee_user_id,
          body_sealed: findingBody.seal(cipher, id, input.body),
          share_with_vendors: input.shareWithVendors ? 1 : 0,
          created_at: at,
        });
        await audit.record(tx, actor, {
          type: "analysis_task.finding_added",
          subjectType: task.subject_type,
          subjectId: task.subject_id,
          details: { taskId: task.id, findingId: id, shareWithVendors: input.shareWithVendors },
        });
        await notices.findingAdded(tx, {
          taskId: task.id,
          deskUserId: task.assigned_by,
          reference: await referenceOf(tx, { type: task.subject_type, id: task.subject_id }),
        });
        return { id };
      });
    },

    /** POST /api/v1/analysis-tasks/{tid}/complete: only with a finding (409 `no_finding`). */
    async complete(actor: Actor, taskId: string): Promise<TaskSummaryView> {
      return db.transaction().execute(async (tx) => {
        const task = await workableTask(tx, actor, taskId);
        if ((await countFindings(tx, task.id)) === 0) {
          throw new ProblemError(409, "no_finding", "Add a finding before completing the task.");
        }
        const at = clock.now().toISOString();
        if (!(await markCompleted(tx, task.id, at))) {
          throw new ProblemError(409, "task_completed", "This task is already completed.");
        }
        await audit.record(tx, actor, {
          type: "analysis_task.completed",
          subjectType: task.subject_type,
          subjectId: task.subject_id,
          details: { taskId: task.id },
        });
        await notices.completed(tx, {
          taskId: task.id,
          deskUserId: task.assigned_by,
          reference: await referenceOf(tx, { type: task.subject_type, id: task.subject_id }),
        });
        const rows = await tasksOfSubjects(tx, [{ type: task.subject_type, id: task.subject_id }]);
        const [summary] = await summaries(
          tx,
          rows.filter((r) => r.id === task.id),
        );
        return summary as TaskSummaryView;
      });
    },

    /**
     * GET /api/v1/reports/{id}/analysis-findings and /api/v1/cases/{id}/analysis-findings: staff
     * who may read them get every finding (a case's include its report's); a case's vendor only
     * those relayed to that case; anyone else 404 (the finder never sees findings).
     */
    async findingsOf(actor: Actor, subject: Subject): Promise<FindingView[] | VendorFindingView[]> {
      return db.transaction().execute(async (tx) => {
        const visible = await loadVisibleSubject(tx, workflow, actor, subject);
        if (visible.type === "case" && visible.visible.viewer.kind === "vendor") {
          const relayed = informedVendor(visible.visible) ? await relayedFor(tx, subject.id) : [];
          if (relayed.length > 0) {
            await audit.record(tx, visible.visible.user, {
              type: "analysis_task.findings_viewed",
              subjectType: "case",
              subjectId: subject.id,
            });
          }
          return relayed;
        }
        if (!mayReadFindings(visible)) throw notFound();
        const relays = visible.type === "case" ? await relaysOfCase(tx, subject.id) : new Map();
        const rows = await findingsOfSubjects(tx, findingSubjectsOf(visible));
        if (rows.length > 0) {
          await audit.record(tx, visible.visible.user, {
            type: "analysis_task.findings_viewed",
            subjectType: subject.type,
            subjectId: subject.id,
          });
        }
        return rows.map((row) => findingOf(row, relays));
      });
    },

    /**
     * POST /api/v1/cases/{id}/analysis-findings/{fid}/relay: the coordinator (with the case's
     * content) relays a finding marked shareable, made on this case or its report, to the case's
     * vendors; 409 `finding_not_shared` for one that is not, `already_relayed` the second time.
     */
    async relay(
      actor: Actor,
      caseId: string,
      findingId: string,
    ): Promise<{ id: string; relayedAt: string }> {
      return db.transaction().execute(async (tx) => {
        const visible = await loadVisibleSubject(tx, workflow, actor, { type: "case", id: caseId });
        if (visible.type !== "case") throw notFound();
        const { viewer, fullContent, user } = visible.visible;
        if (viewer.kind !== "coordinator" || !fullContent) {
          if (viewer.kind === "vendor" || viewer.kind === "csirt") throw notFound();
          throw forbidden("The coordinator handling the case relays findings.");
        }
        const finding = await findFinding(tx, findingId);
        const subjects = findingSubjectsOf(visible);
        if (
          !finding ||
          !subjects.some((s) => s.type === finding.subject_type && s.id === finding.subject_id)
        ) {
          throw notFound();
        }
        if (finding.share_with_vendors !== 1) {
          throw new ProblemError(409, "finding_not_shared", "This finding is not for the vendors.");
        }
        const at = clock.now().toISOString();
        if (
          !(await insertRelay(tx, {
            finding_id: finding.id,
            case_id: caseId,
            relayed_by: user.userId,
            relayed_at: at,
          }))
        ) {
          throw new ProblemError(409, "already_relayed", "This finding was relayed already.");
        }
        await audit.record(tx, user, {
          type: "case.analysis_finding_relayed",
          subjectType: "case",
          subjectId: caseId,
          details: { findingId: finding.id },
        });
        // Only vendors notified under an NDA hear of it, and of them the people who see the case.
        const vendorIds = informedVendors(visible.visible.state).flatMap((r) =>
          r.kind === "vendor" ? [r.orgId] : [],
        );
        await notices.relayed(tx, {
          caseId,
          userIds: await assignedVendorPeople(tx, caseId, vendorIds),
          reference: visible.visible.row.case_number ?? caseId,
        });
        return { id: finding.id, relayedAt: at };
      });
    },

    /** For the report's and the case's pages: the section as this caller may see it, or null. */
    async section(actor: Actor, subject: Subject): Promise<TaskSection | null> {
      if (!isSignedIn(actor)) return null;
      return db.transaction().execute(async (tx) => {
        const visible = await loadVisibleSubject(tx, workflow, actor, subject);
        const user = visible.visible.user;
        const vendor = visible.type === "case" && visible.visible.viewer.kind === "vendor";
        if (vendor) {
          const relayed = informedVendor(visible.visible) ? await relayedFor(tx, subject.id) : [];
          return relayed.length === 0
            ? null
            : {
                subject,
                mayAssign: false,
                analysts: [],
                tasks: [],
                findings: null,
                mayRelay: false,
                findingsAwaitAssignment: false,
                relayed,
              };
        }
        const coordinator =
          visible.type === "case" && visible.visible.viewer.kind === "coordinator";
        if (!isDeskStaff(user) && !coordinator) return null;
        const subjects = findingSubjectsOf(visible);
        const readsFindings = mayReadFindings(visible);
        const relays = visible.type === "case" ? await relaysOfCase(tx, subject.id) : new Map();
        const findings = readsFindings
          ? (await findingsOfSubjects(tx, subjects)).map((row) => findingOf(row, relays))
          : null;
        if (findings && findings.length > 0) {
          await audit.record(tx, user, {
            type: "analysis_task.findings_viewed",
            subjectType: subject.type,
            subjectId: subject.id,
          });
        }
        return {
          subject,
          mayAssign: isDeskStaff(user),
          analysts: isDeskStaff(user) ? await intakeAnalysts(tx) : [],
          tasks: await summaries(tx, await tasksOfSubjects(tx, subjects)),
          findings,
          mayRelay: coordinator && visible.type === "case" && visible.visible.fullContent,
          findingsAwaitAssignment:
            coordinator && visible.type === "case" && !visible.visible.fullContent,
          relayed: null,
        };
      });
    },
  };

  async function relayedFor(executor: Executor, caseId: string): Promise<VendorFindingView[]> {
    return (await relayedFindingsOfCase(executor, caseId)).map((row) => ({
      id: row.id,
      kind: row.kind,
      body: findingBody.open(cipher, row.id, row.body_sealed),
      relayedAt: row.relayed_at,
    }));
  }
}

export type AnalysisTasksService = ReturnType<typeof createAnalysisTasksService>;
