import type { Insertable } from "kysely";
import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Db, Executor } from "../../platform/db/database.ts";
import type { ReportAttachmentsTable } from "../../platform/db/schema.ts";
import { forbidden, notFound, ProblemError, unauthenticated } from "../../platform/http/problem.ts";
import { newId } from "../../platform/ids.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import { type Actor, isSignedIn, type UserActor } from "../access/actor.ts";
import type { Audit } from "../audit/audit.ts";
import { sniffAttachmentType } from "./attachment-types.ts";
import { canReadReportContent } from "./reports.policy.ts";
import { findVisibleReportStatus, touchReport } from "./reports.repository.ts";
import { ATTACHMENT_CLASSES, type AttachmentSummary } from "./reports.schemas.ts";
import { attachmentContent, attachmentName } from "./reports.sealed.ts";

/** At most this many files on one report. */
export const MAX_ATTACHMENTS = 10;
/** At most this many bytes in one file (the multipart limit in app.ts is the same). */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
/** File names are kept to this many characters. */
const MAX_NAME_LENGTH = 200;

/**
 * While the desk still works the report itself, the finder may add files: submitted,
 * needs_info (the desk asked for more; a file is often the answer) and accepted. Once the
 * report is forwarded, the coordinator or operator received it as it stood, so later material
 * goes through messages and the desk decides what to pass on; rejected and closed reports are
 * finished.
 */
export const ATTACHMENTS_OPEN_STATUSES: readonly string[] = ["submitted", "needs_info", "accepted"];

/** One file as the transport received it; `tooLarge` when it was cut at the size limit. */
export interface IncomingFile {
  name: string;
  bytes: Buffer;
  tooLarge?: boolean;
}

export interface UploadInput {
  /** The class field as sent (checked here). */
  class: string | undefined;
  files: IncomingFile[];
  /** The request carried more files than one upload may hold. */
  tooManyFiles?: boolean;
}

/** Why an upload was refused, with the file it concerns: pages translate these. */
export type AttachmentRefusal =
  | "class_required"
  | "file_required"
  | "file_too_large"
  | "too_many_attachments"
  | "empty_file"
  | "unsupported_file_type";

export class AttachmentProblem extends ProblemError {
  constructor(
    status: number,
    readonly refusal: AttachmentRefusal,
    detail: string,
    readonly fileName: string | null = null,
  ) {
    const code =
      refusal === "class_required" || refusal === "file_required" ? "invalid_input" : refusal;
    super(status, code, detail, [
      { path: refusal === "class_required" ? "class" : "file", message: detail },
    ]);
  }
}

// --- SQL: this file is the only one that names report_attachments (R-CLS-1) ------------

async function countAttachments(executor: Executor, reportId: string): Promise<number> {
  const { count } = await executor
    .selectFrom("report_attachments")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("report_id", "=", reportId)
    .executeTakeFirstOrThrow();
  return Number(count);
}

async function insertAttachment(
  tx: Executor,
  row: Insertable<ReportAttachmentsTable>,
): Promise<void> {
  await tx.insertInto("report_attachments").values(row).execute();
}

/** The files of a report (metadata, names sealed), oldest first. */
function listAttachments(executor: Executor, reportId: string) {
  return executor
    .selectFrom("report_attachments")
    .select(["id", "class", "name_sealed", "media_type", "size", "uploaded_at"])
    .where("report_id", "=", reportId)
    .orderBy("position")
    .execute();
}

function findAttachment(executor: Executor, reportId: string, attachmentId: string) {
  return executor
    .selectFrom("report_attachments")
    .select(["id", "name_sealed", "content_sealed", "media_type"])
    .where("id", "=", attachmentId)
    .where("report_id", "=", reportId)
    .executeTakeFirst();
}

/**
 * The name to keep: the last path segment (some clients send a full path), without control
 * characters, NFC, at most MAX_NAME_LENGTH characters; a name that is left empty gets one.
 */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).at(-1) ?? "";
  // Control characters, and bidirectional overrides that make "gpj.exe" read as "exe.jpg".
  const cleaned = base
    .normalize("NFC")
    .replace(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, "")
    .trim();
  const name = [...cleaned].slice(0, MAX_NAME_LENGTH).join("");
  return name === "" || name === "." || name === ".." ? "attachment" : name;
}

/** The files of a report (metadata, names unsealed), oldest first. */
export async function attachmentSummaries(
  executor: Executor,
  cipher: FieldCipher,
  reportId: string,
): Promise<AttachmentSummary[]> {
  const rows = await listAttachments(executor, reportId);
  return rows.map((row) => ({
    id: row.id,
    name: attachmentName.open(cipher, row.id, row.name_sealed),
    size: Number(row.size),
    type: row.media_type,
    class: row.class,
    uploadedAt: row.uploaded_at,
  }));
}

/**
 * One file of a report for a caller another module has cleared to have it (an analysis task's
 * analyst while the task is open, R-ANA-1), audited as every download from the report page is;
 * null when the report has no such file.
 */
export async function auditedAttachmentDownload(
  tx: Executor,
  deps: { audit: Audit; cipher: FieldCipher },
  actor: UserActor,
  file: { reportId: string; attachmentId: string; details?: Record<string, unknown> },
): Promise<{ name: string; type: string; bytes: Buffer } | null> {
  const row = await findAttachment(tx, file.reportId, file.attachmentId);
  if (!row) return null;
  await deps.audit.record(tx, actor, {
    type: "report.attachment_downloaded",
    subjectType: "report",
    subjectId: file.reportId,
    details: { ...file.details, attachmentId: file.attachmentId },
  });
  return {
    name: attachmentName.open(deps.cipher, row.id, row.name_sealed),
    type: row.media_type,
    bytes: attachmentContent.open(deps.cipher, row.id, row.content_sealed),
  };
}

export function createAttachmentsService(deps: {
  db: Db;
  audit: Audit;
  cipher: FieldCipher;
  clock: Clock;
}) {
  const { db, audit, cipher, clock } = deps;

  async function loadVisible(executor: Executor, actor: UserActor, reportId: string) {
    const row = await findVisibleReportStatus(executor, actor, reportId);
    if (!row) throw notFound();
    return row;
  }

  /** Checks every file before any is kept: an upload is taken whole or not at all. */
  async function inspect(input: UploadInput, existing: number) {
    const klass = ATTACHMENT_CLASSES.find((entry) => entry === input.class);
    if (!klass)
      throw new AttachmentProblem(
        422,
        "class_required",
        `Give class: ${ATTACHMENT_CLASSES.join(" or ")}.`,
      );
    const oversize = input.files.find((file) => file.tooLarge);
    if (oversize)
      throw new AttachmentProblem(
        413,
        "file_too_large",
        `"${cleanFileName(oversize.name)}" is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.`,
        cleanFileName(oversize.name),
      );
    if (input.files.length === 0 && !input.tooManyFiles)
      throw new AttachmentProblem(422, "file_required", "Attach at least one file (file).");
    if (input.tooManyFiles || existing + input.files.length > MAX_ATTACHMENTS)
      throw new AttachmentProblem(
        422,
        "too_many_attachments",
        `A report holds at most ${MAX_ATTACHMENTS} files; this one has ${existing}.`,
      );
    const accepted: { name: string; bytes: Buffer; type: string }[] = [];
    for (const file of input.files) {
      const name = cleanFileName(file.name);
      if (file.bytes.length > MAX_ATTACHMENT_BYTES)
        throw new AttachmentProblem(
          413,
          "file_too_large",
          `"${name}" is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.`,
          name,
        );
      if (file.bytes.length === 0)
        throw new AttachmentProblem(422, "empty_file", `"${name}" is empty.`, name);
      const type = await sniffAttachmentType(file.bytes);
      if (!type)
        throw new AttachmentProblem(
          422,
          "unsupported_file_type",
          `"${name}" is not a type that may be attached (images, PDF, zip/7z/gzip archives, videos, packet captures, or UTF-8 text); its content decides, not its name.`,
          name,
        );
      accepted.push({ name, bytes: file.bytes, type });
    }
    return { klass, accepted };
  }

  return {
    /** The finder adds files to an open report of theirs (R-SEC-3: sealed at rest). */
    async upload(actor: Actor, reportId: string, input: UploadInput): Promise<AttachmentSummary[]> {
      if (!isSignedIn(actor)) throw unauthenticated();
      return db.transaction().execute(async (tx) => {
        const report = await loadVisible(tx, actor, reportId);
        if (report.finder_user_id !== actor.userId)
          throw forbidden("Only the report's finder attaches files.");
        if (!ATTACHMENTS_OPEN_STATUSES.includes(report.status ?? ""))
          throw new ProblemError(
            409,
            "transition_not_allowed",
            "Files can be added only while the desk handles the report; send a message instead.",
          );
        const now = clock.now().toISOString();
        // First: it locks the report row, so two uploads at once cannot both pass the count.
        await touchReport(tx, reportId, now);
        const count = await countAttachments(tx, reportId);
        const { klass, accepted } = await inspect(input, count);
        const items: AttachmentSummary[] = [];
        for (const [index, file] of accepted.entries()) {
          const id = newId();
          await insertAttachment(tx, {
            id,
            report_id: reportId,
            position: count + index + 1,
            class: klass,
            name_sealed: attachmentName.seal(cipher, id, file.name),
            media_type: file.type,
            size: file.bytes.length,
            content_sealed: attachmentContent.seal(cipher, id, file.bytes),
            uploaded_by: actor.userId,
            uploaded_at: now,
          });
          // The audit entry names the file by id only: a name can tell what the file shows.
          await audit.record(tx, actor, {
            type: "report.attachment_uploaded",
            subjectType: "report",
            subjectId: reportId,
            details: { attachmentId: id, class: klass, type: file.type, size: file.bytes.length },
          });
          items.push({
            id,
            name: file.name,
            size: file.bytes.length,
            type: file.type,
            class: klass,
            uploadedAt: now,
          });
        }
        return items;
      });
    },

    /** Metadata of the files: whoever may see the report (the finder, the desk). */
    async list(actor: Actor, reportId: string): Promise<AttachmentSummary[]> {
      if (!isSignedIn(actor)) throw unauthenticated();
      await loadVisible(db, actor, reportId);
      return attachmentSummaries(db, cipher, reportId);
    },

    /**
     * The bytes: for those who may read the report's full content (the finder, the assigned
     * desk member, the desk's admins: the report policy), each download audited.
     */
    async download(actor: Actor, reportId: string, attachmentId: string) {
      if (!isSignedIn(actor)) throw unauthenticated();
      return db.transaction().execute(async (tx) => {
        const report = await loadVisible(tx, actor, reportId);
        const row = await findAttachment(tx, reportId, attachmentId);
        if (!row) throw notFound();
        if (!canReadReportContent(actor, report))
          throw forbidden("Take the report (assignment) to download its files.");
        await audit.record(tx, actor, {
          type: "report.attachment_downloaded",
          subjectType: "report",
          subjectId: reportId,
          details: { attachmentId },
        });
        return {
          name: attachmentName.open(cipher, row.id, row.name_sealed),
          type: row.media_type,
          bytes: attachmentContent.open(cipher, row.id, row.content_sealed),
        };
      });
    },
  };
}

export type AttachmentsService = ReturnType<typeof createAttachmentsService>;
