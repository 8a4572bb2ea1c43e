import type { Selectable } from "kysely";
import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import { nextCounterValue } from "../../platform/db/counters.ts";
import type { Db, Executor, Tx } from "../../platform/db/database.ts";
import type { ReportsTable } from "../../platform/db/schema.ts";
import { notFound, ProblemError } from "../../platform/http/problem.ts";
import type { Language } from "../../platform/i18n/i18n.ts";
import { newId } from "../../platform/ids.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import type { MailOutbox } from "../../platform/mail/outbox.ts";
import { similarity } from "../../platform/text/tokens.ts";
import type { WorkflowActor } from "../../workflow/common.ts";
import { rejectionProblem } from "../../workflow/problems.ts";
import type { ReportCommand, ReportState } from "../../workflow/report.ts";
import type { WorkflowStore } from "../../workflow/store.ts";
import { type Actor, isSignedIn, type UserActor } from "../access/actor.ts";
import type { Audit } from "../audit/audit.ts";
import type { DecryptedMessage, DeskKeyService } from "../desk-key/desk-key.service.ts";
import { attachmentSummaries } from "./attachments.service.ts";
import { canReadReportContent, canViewReport, isIntakeStaff } from "./reports.policy.ts";
import { listReports } from "./reports.queue.ts";
import type { ReportListQuery, ResubmitInput, SubmitReportInput } from "./reports.schemas.ts";

type ReportRow = Selectable<ReportsTable>;

/** The text fields of a report, sealed together; the method classes are sealed apart. */
export interface ReportContent {
  description: string;
  reproduction: string;
  howFound: string | null;
  disclosurePlans: string | null;
  alsoReportedDirectly: boolean | null;
}

/** How many earlier reports the duplicate check compares with, newest first. */
const DUPLICATE_WINDOW = 2000;
/** Word-token Jaccard similarity from which two texts count as "similar". */
const SIMILAR_TEXT = 0.4;
const contentContext = (id: string) => `reports.content_sealed:${id}`;
export const verificationContext = (id: string) => `reports.verification_method_sealed:${id}`;
export const attackContext = (id: string) => `reports.attack_method_sealed:${id}`;
const messageContext = (id: string) => `report_messages.body_sealed:${id}`;
const pgpMessageContext = (id: string) => `reports.pgp_message_sealed:${id}`;

/** A report's sealed text fields (description, reproduction, …) without the method classes. */
export function unsealReportContent(
  cipher: FieldCipher,
  row: Pick<ReportRow, "id" | "content_sealed">,
): ReportContent {
  return JSON.parse(cipher.decrypt(row.content_sealed, contentContext(row.id))) as ReportContent;
}

/**
 * A report's sealed text, for the module of its site case: the operator is shown what it needs
 * to verify and fix (SPEC §5). Reading is the caller's to authorize and audit.
 */
export function unsealReportText(
  cipher: FieldCipher,
  row: Pick<
    ReportRow,
    "id" | "content_sealed" | "verification_method_sealed" | "attack_method_sealed"
  >,
): ReportContent & { verificationMethod: string | null; attackMethod: string | null } {
  return {
    ...unsealReportContent(cipher, row),
    verificationMethod: row.verification_method_sealed
      ? cipher.decrypt(row.verification_method_sealed, verificationContext(row.id))
      : null,
    attackMethod: row.attack_method_sealed
      ? cipher.decrypt(row.attack_method_sealed, attackContext(row.id))
      : null,
  };
}

export function createReportsService(deps: {
  db: Db;
  audit: Audit;
  mail: MailOutbox;
  cipher: FieldCipher;
  clock: Clock;
  workflow: WorkflowStore;
  publicUrl: string;
  deskKey: Pick<DeskKeyService, "decrypt">;
}) {
  const { db, audit, mail, cipher, clock, workflow, publicUrl, deskKey } = deps;
  const iso = () => clock.now().toISOString();

  async function load(executor: Executor, id: string): Promise<ReportRow | undefined> {
    return executor.selectFrom("reports").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async function loadVisible(executor: Executor, actor: Actor, id: string): Promise<ReportRow> {
    const row = await load(executor, id);
    if (!row || !canViewReport(actor, row)) throw notFound();
    return row;
  }

  async function nextReceiptNumber(tx: Tx): Promise<string> {
    const year = new Intl.DateTimeFormat("en", { timeZone: "Asia/Tokyo", year: "numeric" }).format(
      clock.now(),
    );
    const value = await nextCounterValue(tx, `receipt:${year}`);
    return `R-${year}-${String(value).padStart(6, "0")}`;
  }

  async function decide(tx: Tx, id: string, command: ReportCommand) {
    const result = await workflow.execute(tx, "report", id, command);
    if (!result.ok) throw rejectionProblem(result.rejection);
    return result;
  }

  function workflowActor(actor: UserActor, side: "finder" | "intake"): WorkflowActor {
    return side === "intake"
      ? { kind: "intake", userId: actor.userId }
      : { kind: "finder", userId: actor.userId };
  }

  function envelope(actor: UserActor, side: "finder" | "intake") {
    return { commandId: newId(), at: iso(), actor: workflowActor(actor, side) };
  }

  /** Tells the finder that something happened; the mail carries no report text (R-SEC-3). */
  async function notifyFinder(tx: Tx, row: ReportRow, what: "received" | "updated") {
    const finder = await tx
      .selectFrom("users")
      .select(["email", "name", "language"])
      .where("id", "=", row.finder_user_id)
      .executeTakeFirstOrThrow();
    await mail.enqueue(tx, {
      to: finder.email,
      language: finder.language as Language,
      template: what === "received" ? "reportReceived" : "reportUpdated",
      params: {
        name: finder.name,
        receiptNumber: row.receipt_number,
        link: `${publicUrl}/reports/${row.id}`,
      },
    });
  }

  async function present(executor: Executor, actor: Actor, row: ReportRow) {
    const loaded = await workflow.load(executor, "report", row.id);
    const state = loaded?.state as ReportState | undefined;
    const base = {
      id: row.id,
      receiptNumber: row.receipt_number,
      kind: row.kind,
      title: row.title,
      receivedAt: row.received_at,
      status: state?.status ?? "submitted",
      closeReason: state?.closeReason ?? null,
      rejectReason: state?.rejectReason ?? null,
      duplicateOf: state?.duplicateOf ?? null,
      caseId: state?.caseId ?? null,
      siteCaseId: state?.siteCaseId ?? null,
      publishAt: null as string | null,
      countermeasureDue: null as string | null,
      publishedAt: null as string | null,
      advisoryId: null as string | null,
      assigneeUserId: isIntakeStaff(actor) ? row.assignee_user_id : undefined,
      // The desk writes to the finder in the finder's language (message templates).
      finderLanguage: isIntakeStaff(actor) ? await finderLanguage(executor, row) : undefined,
      productName: row.product_name,
      productVersion: row.product_version,
      vendorName: row.vendor_name,
      siteUrl: row.site_url,
      cwe: row.cwe,
      cvssVector: row.cvss_vector,
      consent: state?.consent ?? null,
      history: (state?.history ?? []).map((entry) => ({
        at: entry.at,
        status: entry.status,
        ...(entry.reason ? { reason: entry.reason } : {}),
      })),
      /** R-INT-8: each change of kind with its reason (the finder's consent starts afresh). */
      kindChanges: state?.kindChanges ?? [],
      // Metadata of the finder's files for whoever sees the report; the bytes need content access.
      attachments: await attachmentSummaries(executor, cipher, row.id),
    };
    if (state?.caseId) {
      const kase = await workflow.load(executor, "case", state.caseId);
      const caseState = kase?.state as
        | {
            schedule?: { publishAt?: string; countermeasureDue?: string | null } | null;
            publication?: { publishedAt?: string } | null;
          }
        | undefined;
      base.publishAt = caseState?.schedule?.publishAt ?? null;
      // R-INT-7, R-COO-11: the finder is told the countermeasure date and the publication too.
      base.countermeasureDue = caseState?.schedule?.countermeasureDue ?? null;
      base.publishedAt = caseState?.publication?.publishedAt ?? null;
      // R-PUB-5: the finder's report names the published advisory.
      if (base.publishedAt) {
        const advisory = await executor
          .selectFrom("advisories")
          .select("advisory_id")
          .where("case_id", "=", state.caseId)
          .executeTakeFirst();
        base.advisoryId = advisory?.advisory_id ?? null;
      }
    }
    if (!canReadReportContent(actor, row)) return base;
    const content = JSON.parse(
      cipher.decrypt(row.content_sealed, contentContext(row.id)),
    ) as ReportContent;
    return {
      ...base,
      description: content.description,
      reproduction: content.reproduction,
      howFound: content.howFound,
      disclosurePlans: content.disclosurePlans,
      alsoReportedDirectly: content.alsoReportedDirectly,
      verificationMethod: row.verification_method_sealed
        ? cipher.decrypt(row.verification_method_sealed, verificationContext(row.id))
        : null,
      attackMethod: row.attack_method_sealed
        ? cipher.decrypt(row.attack_method_sealed, attackContext(row.id))
        : null,
      /** The finder's PGP message as the desk decrypted it at submission (R-SEC-3). */
      decryptedMessage: row.pgp_message_sealed
        ? (JSON.parse(
            cipher.decrypt(row.pgp_message_sealed, pgpMessageContext(row.id)),
          ) as DecryptedMessage)
        : null,
    };
  }

  async function finderLanguage(executor: Executor, row: ReportRow): Promise<Language> {
    const finder = await executor
      .selectFrom("users")
      .select("language")
      .where("id", "=", row.finder_user_id)
      .executeTakeFirst();
    return finder?.language === "en" ? "en" : "ja";
  }

  /** Runs a desk or finder action in one transaction with its audit entry; answers the report. */
  async function act(
    actor: Actor,
    id: string,
    side: "finder" | "intake",
    work: (tx: Tx, row: ReportRow, user: UserActor) => Promise<ReportCommand | null>,
    auditType: string,
    notify = false,
  ) {
    if (!isSignedIn(actor)) throw new ProblemError(401, "unauthenticated", "Sign in first.");
    return workflow.transaction(async (tx) => {
      const row = await loadVisible(tx, actor, id);
      if (side === "finder" && row.finder_user_id !== actor.userId)
        throw new ProblemError(403, "forbidden", "Only the report's finder may do this.");
      if (side === "intake" && !isIntakeStaff(actor))
        throw new ProblemError(403, "forbidden", "Only the intake desk may do this.");
      const command = await work(tx, row, actor);
      if (command) await decide(tx, id, command);
      await tx.updateTable("reports").set({ updated_at: iso() }).where("id", "=", id).execute();
      await audit.record(tx, actor, { type: auditType, subjectType: "report", subjectId: id });
      const updated = (await load(tx, id)) as ReportRow;
      if (notify) await notifyFinder(tx, updated, "updated");
      return present(tx, actor, updated);
    });
  }

  return {
    async submit(actor: Actor, input: SubmitReportInput) {
      if (!isSignedIn(actor)) throw new ProblemError(401, "unauthenticated", "Sign in first.");
      if (!actor.emailVerified)
        throw new ProblemError(
          403,
          "email_not_verified",
          "Confirm your e-mail address before reporting.",
        );
      const id = newId();
      // Opened before the transaction (no lock held while it runs); a refusal stores nothing.
      const decrypted = input.encryptedMessage
        ? await deskKey.decrypt(input.encryptedMessage, actor.language)
        : null;
      return workflow.transaction(async (tx) => {
        const receiptNumber = await nextReceiptNumber(tx);
        const content: ReportContent = {
          description: input.description ?? "",
          reproduction: input.reproduction ?? "",
          howFound: input.howFound ?? null,
          disclosurePlans: input.kind === "product" ? (input.disclosurePlans ?? null) : null,
          alsoReportedDirectly: input.alsoReportedDirectly ?? null,
        };
        await tx
          .insertInto("reports")
          .values({
            id,
            receipt_number: receiptNumber,
            kind: input.kind,
            finder_user_id: actor.userId,
            received_at: iso(),
            title: input.title,
            product_name: input.kind === "product" ? input.productName : null,
            product_version: input.kind === "product" ? input.productVersion : null,
            vendor_name: input.kind === "product" ? (input.vendorName ?? null) : null,
            site_url: input.kind === "web" ? input.siteUrl : null,
            cwe: input.cwe ?? null,
            cvss_vector: input.kind === "product" ? (input.cvssVector ?? null) : null,
            assignee_user_id: null,
            content_sealed: cipher.encrypt(JSON.stringify(content), contentContext(id)),
            verification_method_sealed: input.verificationMethod
              ? cipher.encrypt(input.verificationMethod, verificationContext(id))
              : null,
            attack_method_sealed: input.attackMethod
              ? cipher.encrypt(input.attackMethod, attackContext(id))
              : null,
            updated_at: iso(),
            pgp_message_sealed: decrypted
              ? cipher.encrypt(JSON.stringify(decrypted), pgpMessageContext(id))
              : null,
          })
          .execute();
        await decide(tx, id, {
          ...envelope(actor, "finder"),
          type: "submit",
          kind: input.kind,
          consent:
            input.kind === "product"
              ? { kind: "product", ...input.consent }
              : { kind: "web", ...input.consent },
        });
        await audit.record(tx, actor, {
          type: "report.submitted",
          subjectType: "report",
          subjectId: id,
          details: { kind: input.kind, ...(decrypted ? { encryptedMessage: true } : {}) },
        });
        const row = (await load(tx, id)) as ReportRow;
        await notifyFinder(tx, row, "received");
        return { id, receiptNumber, receivedAt: row.received_at, status: "submitted" as const };
      });
    },

    /** Finder: own reports; intake staff: the queue (metadata only), filtered (reports.queue.ts). */
    async list(actor: Actor, query: ReportListQuery) {
      if (!isSignedIn(actor)) throw new ProblemError(401, "unauthenticated", "Sign in first.");
      return listReports({ db, clock, policy: workflow.policy }, actor, query);
    },

    /** The desk's acknowledgement target (workflow policy), as the queue explains it. */
    acknowledgementTarget() {
      return workflow.policy.intakeAcknowledgement;
    },

    async get(actor: Actor, id: string) {
      if (!isSignedIn(actor)) throw new ProblemError(401, "unauthenticated", "Sign in first.");
      return db.transaction().execute(async (tx) => {
        const row = await loadVisible(tx, actor, id);
        if (canReadReportContent(actor, row)) {
          await audit.record(tx, actor, {
            type: "report.viewed",
            subjectType: "report",
            subjectId: id,
          });
        }
        return present(tx, actor, row);
      });
    },

    requestInfo(actor: Actor, id: string, message: string) {
      return act(
        actor,
        id,
        "intake",
        async (tx, _row, user) => {
          const messageId = await addMessage(tx, id, user, "intake", message);
          return { ...envelope(user, "intake"), type: "request_info", messageId };
        },
        "report.info_requested",
        true,
      );
    },

    resubmit(actor: Actor, id: string, changes: ResubmitInput) {
      return act(
        actor,
        id,
        "finder",
        async (tx, row, user) => {
          const content = JSON.parse(
            cipher.decrypt(row.content_sealed, contentContext(id)),
          ) as ReportContent;
          const next: ReportContent = {
            ...content,
            ...(changes.description !== undefined ? { description: changes.description } : {}),
            ...(changes.reproduction !== undefined ? { reproduction: changes.reproduction } : {}),
            ...(changes.howFound !== undefined ? { howFound: changes.howFound } : {}),
            ...(changes.disclosurePlans !== undefined
              ? { disclosurePlans: changes.disclosurePlans }
              : {}),
          };
          await tx
            .updateTable("reports")
            .set({
              content_sealed: cipher.encrypt(JSON.stringify(next), contentContext(id)),
              ...(changes.title !== undefined ? { title: changes.title } : {}),
              ...(changes.cwe !== undefined ? { cwe: changes.cwe } : {}),
              ...(changes.cvssVector !== undefined && row.kind === "product"
                ? { cvss_vector: changes.cvssVector }
                : {}),
              ...(changes.productName !== undefined && row.kind === "product"
                ? { product_name: changes.productName }
                : {}),
              ...(changes.productVersion !== undefined && row.kind === "product"
                ? { product_version: changes.productVersion }
                : {}),
              ...(changes.vendorName !== undefined && row.kind === "product"
                ? { vendor_name: changes.vendorName }
                : {}),
              ...(changes.siteUrl !== undefined && row.kind === "web"
                ? { site_url: changes.siteUrl }
                : {}),
              ...(changes.verificationMethod !== undefined
                ? {
                    verification_method_sealed: cipher.encrypt(
                      changes.verificationMethod,
                      verificationContext(id),
                    ),
                  }
                : {}),
              ...(changes.attackMethod !== undefined
                ? { attack_method_sealed: cipher.encrypt(changes.attackMethod, attackContext(id)) }
                : {}),
            })
            .where("id", "=", id)
            .execute();
          return { ...envelope(user, "finder"), type: "resubmit" };
        },
        "report.resubmitted",
      );
    },

    accept(actor: Actor, id: string) {
      return act(
        actor,
        id,
        "intake",
        async (_tx, _row, user) => ({ ...envelope(user, "intake"), type: "accept" }),
        "report.accepted",
        true,
      );
    },

    reject(actor: Actor, id: string, reason: string) {
      return act(
        actor,
        id,
        "intake",
        async (_tx, _row, user) => ({ ...envelope(user, "intake"), type: "reject", reason }),
        "report.rejected",
        true,
      );
    },

    close(
      actor: Actor,
      id: string,
      input: {
        reason: typeof import("./reports.schemas.ts").CLOSE_REASONS[number];
        duplicateOf?: string | undefined;
        message?: string | undefined;
      },
    ) {
      if (input.reason === "duplicate" && !input.duplicateOf) {
        throw new ProblemError(
          422,
          "invalid_input",
          "Name the earlier report, advisory, CVE ID or URL.",
          [{ path: "duplicateOf", message: "required when the reason is duplicate" }],
        );
      }
      return act(
        actor,
        id,
        "intake",
        async (tx, _row, user) => {
          if (input.message) await addMessage(tx, id, user, "intake", input.message);
          return {
            ...envelope(user, "intake"),
            type: "close",
            reason: input.reason,
            duplicateOf: input.duplicateOf ?? null,
          };
        },
        "report.closed",
        true,
      );
    },

    changeKind(actor: Actor, id: string, input: { kind: "product" | "web"; reason: string }) {
      return act(
        actor,
        id,
        "intake",
        async (tx, row, user) => {
          await tx
            .updateTable("reports")
            .set({
              kind: input.kind,
              ...(input.kind === "web" ? { cvss_vector: null } : {}),
            })
            .where("id", "=", row.id)
            .execute();
          return {
            ...envelope(user, "intake"),
            type: "change_kind",
            kind: input.kind,
            reason: input.reason,
          };
        },
        "report.kind_changed",
      );
    },

    forward(
      actor: Actor,
      id: string,
      input: {
        operatorOrganizationId?: string | undefined;
        operatorName?: string | undefined;
        operatorContactEmail?: string | undefined;
        /** A note to the finder, sent with the forward (in the same transaction). */
        message?: string | undefined;
      },
    ) {
      return act(
        actor,
        id,
        "intake",
        async (tx, row, user) => {
          if (input.message) await addMessage(tx, id, user, "intake", input.message);
          if (row.kind === "product") {
            return {
              ...envelope(user, "intake"),
              type: "forward",
              target: { kind: "case", caseId: newId() },
            };
          }
          if (input.operatorOrganizationId) {
            const operator = await tx
              .selectFrom("organizations")
              .select(["id", "type"])
              .where("id", "=", input.operatorOrganizationId)
              .executeTakeFirst();
            if (operator?.type !== "site_operator") {
              throw new ProblemError(
                422,
                "invalid_input",
                "Choose a site operator from the directory.",
                [{ path: "operatorOrganizationId", message: "not a site operator" }],
              );
            }
            return {
              ...envelope(user, "intake"),
              type: "forward",
              target: { kind: "site_case", siteCaseId: newId(), operator: { orgId: operator.id } },
            };
          }
          if (input.operatorName && input.operatorContactEmail) {
            return {
              ...envelope(user, "intake"),
              type: "forward",
              target: {
                kind: "site_case",
                siteCaseId: newId(),
                operator: { name: input.operatorName, contactEmail: input.operatorContactEmail },
              },
            };
          }
          throw new ProblemError(422, "invalid_input", "Name the site operator.", [
            {
              path: "operatorOrganizationId",
              message: "give operatorOrganizationId, or operatorName and operatorContactEmail",
            },
          ]);
        },
        "report.forwarded",
        true,
      );
    },

    assign(actor: Actor, id: string, userId: string) {
      return act(
        actor,
        id,
        "intake",
        async (tx, row) => {
          const assignee = await tx
            .selectFrom("memberships")
            .innerJoin("organizations", "organizations.id", "memberships.organization_id")
            .select("memberships.user_id")
            .where("memberships.user_id", "=", userId)
            .where("organizations.type", "=", "intake")
            .executeTakeFirst();
          if (!assignee)
            throw new ProblemError(422, "invalid_input", "Assign a member of the intake desk.", [
              { path: "userId", message: "not an intake member" },
            ]);
          await tx
            .updateTable("reports")
            .set({ assignee_user_id: userId })
            .where("id", "=", row.id)
            .execute();
          return null;
        },
        "report.assigned",
      );
    },

    async postMessage(actor: Actor, id: string, body: string) {
      if (!isSignedIn(actor)) throw new ProblemError(401, "unauthenticated", "Sign in first.");
      return db.transaction().execute(async (tx) => {
        const row = await loadVisible(tx, actor, id);
        const side = row.finder_user_id === actor.userId ? "finder" : "intake";
        if (side === "intake" && !canReadReportContent(actor, row))
          throw new ProblemError(
            403,
            "forbidden",
            "Take the report (assignment) to write to the finder.",
          );
        const messageId = await addMessage(tx, id, actor, side, body);
        await audit.record(tx, actor, {
          type: "report.message_posted",
          subjectType: "report",
          subjectId: id,
        });
        if (side === "intake") await notifyFinder(tx, row, "updated");
        return { id: messageId };
      });
    },

    async messages(actor: Actor, id: string) {
      if (!isSignedIn(actor)) throw new ProblemError(401, "unauthenticated", "Sign in first.");
      return db.transaction().execute(async (tx) => {
        const row = await loadVisible(tx, actor, id);
        if (!canReadReportContent(actor, row))
          throw new ProblemError(
            403,
            "forbidden",
            "Take the report (assignment) to read its messages.",
          );
        const rows = await tx
          .selectFrom("report_messages")
          .selectAll()
          .where("report_id", "=", id)
          .orderBy("created_at")
          .orderBy("id")
          .execute();
        await audit.record(tx, actor, {
          type: "report.messages_viewed",
          subjectType: "report",
          subjectId: id,
        });
        return rows.map((message) => ({
          id: message.id,
          from: message.author_side,
          body: cipher.decrypt(message.body_sealed, messageContext(message.id)),
          createdAt: message.created_at,
        }));
      });
    },

    /**
     * Likely duplicates among earlier reports (R-INT-3), each with why it matched: the same
     * product, vendor or CWE, or similar text (word tokens, Japanese and English alike). The
     * comparison reads the sealed text in the server; the answer carries only metadata.
     */
    async duplicates(actor: Actor, id: string) {
      if (!isIntakeStaff(actor)) throw notFound();
      const row = await loadVisible(db, actor, id);
      const candidates = await db
        .selectFrom("reports")
        .selectAll()
        .where("id", "!=", id)
        .where("received_at", "<=", row.received_at)
        .orderBy("received_at", "desc")
        .limit(DUPLICATE_WINDOW)
        .execute();
      const text = (report: ReportRow) => {
        const content = JSON.parse(
          cipher.decrypt(report.content_sealed, contentContext(report.id)),
        ) as ReportContent;
        return `${report.title}\n${content.description}`;
      };
      const same = (a: string | null, b: string | null) =>
        a !== null && b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();
      const mine = text(row);
      const matches = candidates
        .map((candidate) => {
          const reasons: string[] = [];
          if (same(row.product_name, candidate.product_name)) reasons.push("same_product");
          if (same(row.vendor_name, candidate.vendor_name)) reasons.push("same_vendor");
          if (
            row.site_url &&
            candidate.site_url &&
            new URL(row.site_url).host === new URL(candidate.site_url).host
          )
            reasons.push("same_site");
          if (same(row.cwe, candidate.cwe)) reasons.push("same_cwe");
          const score = similarity(mine, text(candidate));
          if (score >= SIMILAR_TEXT) reasons.push("similar_text");
          return { candidate, reasons, score };
        })
        // A shared CWE alone is common; it counts only beside another reason.
        .filter((match) => match.reasons.some((reason) => reason !== "same_cwe"));
      // R-INT-3: published advisories too (their public text, products and vendors).
      const advisories = await db
        .selectFrom("advisories")
        .select([
          "advisory_id",
          "title",
          "overview",
          "description",
          "cwe",
          "published_at",
          "search_products",
          "search_vendors",
        ])
        .orderBy("published_at", "desc")
        .limit(DUPLICATE_WINDOW)
        .execute();
      const key = (value: string | null) => value?.normalize("NFKC").trim().toLowerCase() ?? "";
      const advisoryMatches = advisories
        .map((advisory) => {
          const reasons: string[] = [];
          const product = key(row.product_name);
          const vendor = key(row.vendor_name);
          if (product && advisory.search_products.includes(`|${product}|`))
            reasons.push("same_product");
          if (vendor && advisory.search_vendors.includes(`|${vendor}|`))
            reasons.push("same_vendor");
          if (same(row.cwe, advisory.cwe)) reasons.push("same_cwe");
          const score = similarity(
            mine,
            `${advisory.title}\n${advisory.overview}\n${advisory.description}`,
          );
          if (score >= SIMILAR_TEXT) reasons.push("similar_text");
          return { advisory, reasons, score };
        })
        .filter((match) => match.reasons.some((reason) => reason !== "same_cwe"));
      await db.transaction().execute((tx) =>
        audit.record(tx, actor, {
          type: "report.duplicates_checked",
          subjectType: "report",
          subjectId: id,
        }),
      );
      return [
        ...matches.map(({ candidate, reasons, score }) => ({
          kind: "report" as const,
          reportId: candidate.id,
          receiptNumber: candidate.receipt_number,
          title: candidate.title,
          receivedAt: candidate.received_at,
          reasons,
          textSimilarity: Math.round(score * 100) / 100,
        })),
        ...advisoryMatches.map(({ advisory, reasons, score }) => ({
          kind: "advisory" as const,
          advisoryId: advisory.advisory_id,
          title: advisory.title,
          publishedAt: advisory.published_at,
          reasons,
          textSimilarity: Math.round(score * 100) / 100,
        })),
      ]
        .sort((a, b) => b.reasons.length - a.reasons.length || b.textSimilarity - a.textSimilarity)
        .slice(0, 20);
    },

    /** R-INT-6: the finder's plan to disclose to a third party (talk, paper, another body). */
    async fileConsultation(
      actor: Actor,
      id: string,
      input: { plannedAt: string; venue: string; scope: string },
    ) {
      if (!isSignedIn(actor)) throw new ProblemError(401, "unauthenticated", "Sign in first.");
      return db.transaction().execute(async (tx) => {
        const row = await loadVisible(tx, actor, id);
        if (row.finder_user_id !== actor.userId)
          throw new ProblemError(
            403,
            "forbidden",
            "Only the report's finder files a disclosure consultation.",
          );
        const consultationId = newId();
        await tx
          .insertInto("disclosure_consultations")
          .values({
            id: consultationId,
            report_id: id,
            planned_at: new Date(input.plannedAt).toISOString(),
            venue: input.venue,
            scope_sealed: cipher.encrypt(
              input.scope,
              `disclosure_consultations.scope_sealed:${consultationId}`,
            ),
            decision: null,
            until: null,
            reason: null,
            answered_by: null,
            answered_at: null,
            created_at: iso(),
          })
          .execute();
        await audit.record(tx, actor, {
          type: "report.disclosure_consultation_filed",
          subjectType: "report",
          subjectId: id,
          details: { consultationId },
        });
        return { id: consultationId };
      });
    },

    async answerConsultation(
      actor: Actor,
      id: string,
      consultationId: string,
      input: {
        decision: "no_objection" | "defer_until";
        until?: string | undefined;
        reason: string;
      },
    ) {
      if (!isSignedIn(actor)) throw new ProblemError(401, "unauthenticated", "Sign in first.");
      if (input.decision === "defer_until" && !input.until) {
        throw new ProblemError(422, "invalid_input", "Give the date until which to wait.", [
          { path: "until", message: "required with defer_until" },
        ]);
      }
      return db.transaction().execute(async (tx) => {
        const row = await loadVisible(tx, actor, id);
        if (!isIntakeStaff(actor))
          throw new ProblemError(
            403,
            "forbidden",
            "The intake desk answers disclosure consultations.",
          );
        const answered = await tx
          .updateTable("disclosure_consultations")
          .set({
            decision: input.decision,
            until:
              input.decision === "defer_until" && input.until
                ? new Date(input.until).toISOString()
                : null,
            reason: input.reason,
            answered_by: actor.userId,
            answered_at: iso(),
          })
          .where("id", "=", consultationId)
          .where("report_id", "=", id)
          .where("decision", "is", null)
          .returning("id")
          .executeTakeFirst();
        if (!answered) {
          const exists = await tx
            .selectFrom("disclosure_consultations")
            .select("id")
            .where("id", "=", consultationId)
            .where("report_id", "=", id)
            .executeTakeFirst();
          if (!exists) throw notFound();
          throw new ProblemError(
            409,
            "transition_not_allowed",
            "This consultation was answered already.",
          );
        }
        await audit.record(tx, actor, {
          type: "report.disclosure_consultation_answered",
          subjectType: "report",
          subjectId: id,
          details: { consultationId, decision: input.decision },
        });
        await notifyFinder(tx, row, "updated");
        return (await listConsultations(tx, id)).find(
          (consultation) => consultation.id === consultationId,
        );
      });
    },

    async consultations(actor: Actor, id: string) {
      if (!isSignedIn(actor)) throw new ProblemError(401, "unauthenticated", "Sign in first.");
      const row = await loadVisible(db, actor, id);
      if (!canReadReportContent(actor, row))
        throw new ProblemError(
          403,
          "forbidden",
          "Take the report (assignment) to read its consultations.",
        );
      return listConsultations(db, id);
    },
  };

  async function listConsultations(executor: Executor, id: string) {
    const rows = await executor
      .selectFrom("disclosure_consultations")
      .selectAll()
      .where("report_id", "=", id)
      .orderBy("created_at")
      .execute();
    const loaded = await workflow.load(executor, "report", id);
    const caseId = (loaded?.state as ReportState | undefined)?.caseId;
    const kase = caseId ? await workflow.load(executor, "case", caseId) : null;
    const publishAt =
      (kase?.state as { schedule?: { publishAt?: string } | null } | undefined)?.schedule
        ?.publishAt ?? null;
    return rows.map((consultation) => ({
      id: consultation.id,
      plannedAt: consultation.planned_at,
      venue: consultation.venue,
      scope: cipher.decrypt(
        consultation.scope_sealed,
        `disclosure_consultations.scope_sealed:${consultation.id}`,
      ),
      // R-INT-6: a plan before the case's publication date is flagged.
      beforePublication: publishAt !== null && consultation.planned_at < publishAt,
      decision: consultation.decision,
      until: consultation.until,
      reason: consultation.reason,
      answeredAt: consultation.answered_at,
      createdAt: consultation.created_at,
    }));
  }

  async function addMessage(
    tx: Executor,
    reportId: string,
    author: UserActor,
    side: "finder" | "intake",
    body: string,
  ): Promise<string> {
    const id = newId();
    // The thread is read in time order: a message never shares its instant with the one before.
    const last = await tx
      .selectFrom("report_messages")
      .select((eb) => eb.fn.max("created_at").as("at"))
      .where("report_id", "=", reportId)
      .executeTakeFirst();
    const now = clock.now().getTime();
    const createdAt = new Date(
      last?.at ? Math.max(now, new Date(last.at).getTime() + 1) : now,
    ).toISOString();
    await tx
      .insertInto("report_messages")
      .values({
        id,
        report_id: reportId,
        author_user_id: author.userId,
        author_side: side,
        body_sealed: cipher.encrypt(body, messageContext(id)),
        created_at: createdAt,
      })
      .execute();
    return id;
  }
}

export type ReportsService = ReturnType<typeof createReportsService>;
