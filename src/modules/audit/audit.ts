import { createHash } from "node:crypto";
import type { Db, Executor } from "../../platform/db/database.ts";
import type { AuditLogTable } from "../../platform/db/schema.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import type { Actor } from "../access/actor.ts";
import type { AuditType } from "./audit-types.ts";

export const GENESIS_HASH = "0".repeat(64);

export interface AuditEvent {
  /** What happened, e.g. "organization.updated", "signin.failed", "report.viewed". */
  type: AuditType;
  outcome?: AuditLogTable["outcome"];
  subjectType?: string;
  subjectId?: string;
  /** References and field names only: never confidential content, passwords or tokens. */
  details?: Record<string, unknown>;
}

export interface Audit {
  /** Appends one entry inside the caller's transaction (the change and its record commit together). */
  record(tx: Executor, actor: Actor, event: AuditEvent): Promise<void>;
}

type EntryWithoutHash = Omit<AuditLogTable, "hash">;

/** The hash of an entry covers every column but itself, in a fixed order. */
export function entryHash(entry: EntryWithoutHash): string {
  const fields = [
    entry.seq,
    entry.at,
    entry.type,
    entry.outcome,
    entry.actor_user_id,
    entry.actor_organization_id,
    entry.ip,
    entry.user_agent,
    entry.subject_type,
    entry.subject_id,
    entry.details,
    entry.prev_hash,
  ];
  return createHash("sha256").update(JSON.stringify(fields)).digest("hex");
}

export function createAudit(deps: { clock: Clock }): Audit {
  return {
    async record(tx, actor, event) {
      // Taking the head row first serializes appenders (a row lock on PostgreSQL, the write
      // lock on SQLite), so two transactions never chain to the same predecessor.
      const head = await tx
        .updateTable("audit_head")
        .set((eb) => ({ seq: eb("seq", "+", 1) }))
        .where("id", "=", 1)
        .returning(["seq", "hash"])
        .executeTakeFirstOrThrow();
      const entry: EntryWithoutHash = {
        seq: Number(head.seq),
        at: deps.clock.now().toISOString(),
        type: event.type,
        outcome: event.outcome ?? "ok",
        actor_user_id: actor.kind === "user" ? actor.userId : null,
        actor_organization_id: actor.kind === "user" ? (actor.organization?.id ?? null) : null,
        ip: actor.origin.ip,
        user_agent: actor.origin.userAgent,
        subject_type: event.subjectType ?? null,
        subject_id: event.subjectId ?? null,
        details: JSON.stringify(event.details ?? {}),
        prev_hash: head.hash,
      };
      const hash = entryHash(entry);
      await tx
        .insertInto("audit_log")
        .values({ ...entry, hash })
        .execute();
      await tx.updateTable("audit_head").set({ hash }).where("id", "=", 1).execute();
    },
  };
}

export type AuditVerification =
  | { ok: true; entries: number }
  | { ok: false; seq: number; reason: string };

/**
 * Walks the chain from the first entry: numbering without gaps from 1, each entry linked to
 * the one before, each hash matching its columns, and the last entry matching the head (an
 * entry beyond the head was appended outside the log; a head beyond the last entry means
 * entries were removed).
 */
export async function verifyAuditLog(db: Db): Promise<AuditVerification> {
  let expectedSeq = 1;
  let previousHash = GENESIS_HASH;
  let after: number | null = null;
  const batch = 1000;
  for (;;) {
    let select = db.selectFrom("audit_log").selectAll();
    // The first batch has no lower bound: an entry numbered below 1 is a forgery too.
    if (after !== null) select = select.where("seq", ">", after);
    const rows = await select.orderBy("seq").limit(batch).execute();
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq < expectedSeq) {
        return { ok: false, seq, reason: `entry ${seq} is out of sequence (the log starts at 1)` };
      }
      if (seq !== expectedSeq) {
        return {
          ok: false,
          seq: expectedSeq,
          reason: `entry ${expectedSeq} is missing (next is ${seq})`,
        };
      }
      if (row.prev_hash !== previousHash) {
        return { ok: false, seq, reason: `entry ${seq} does not link to entry ${seq - 1}` };
      }
      if (entryHash({ ...row, seq }) !== row.hash) {
        return {
          ok: false,
          seq,
          reason: `entry ${seq} was modified (its hash does not match its contents)`,
        };
      }
      previousHash = row.hash;
      expectedSeq += 1;
      after = seq;
    }
    if (rows.length < batch) break;
  }
  const head = await db
    .selectFrom("audit_head")
    .select(["seq", "hash"])
    .where("id", "=", 1)
    .executeTakeFirst();
  const last = expectedSeq - 1;
  if (!head) return { ok: false, seq: 1, reason: "the audit head row is missing" };
  const headSeq = Number(head.seq);
  if (headSeq < last) {
    return {
      ok: false,
      seq: headSeq + 1,
      reason: `entry ${headSeq + 1} was not appended through the log (the head records ${headSeq})`,
    };
  }
  if (headSeq > last) {
    return {
      ok: false,
      seq: last + 1,
      reason: `entries after ${last} were removed (the head records ${headSeq})`,
    };
  }
  if (head.hash !== previousHash) {
    return { ok: false, seq: last, reason: `entry ${last} does not match the head` };
  }
  return { ok: true, entries: last };
}
