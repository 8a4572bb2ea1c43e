import { createHash } from "node:crypto";
import { type Db, type Executor, isUniqueViolation } from "../../platform/db/database.ts";
import { forbidden, invalidInput, notFound, ProblemError } from "../../platform/http/problem.ts";
import type { Language } from "../../platform/i18n/i18n.ts";
import { newId } from "../../platform/ids.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import type { MailOutbox } from "../../platform/mail/outbox.ts";
import { type Actor, isSignedIn } from "../access/actor.ts";
import type { Audit } from "../audit/audit.ts";
import { organizationMailRecipients } from "./mail-recipients.ts";
import {
  insertNdaAcceptance,
  insertNdaText,
  latestNdaAcceptances,
  listNdaTexts,
  type NdaAcceptanceRow,
  type NdaTextRow,
  ndaAcceptancesOf,
  ndaTextOfVersion,
  newestNdaText,
} from "./nda.repository.ts";
import {
  type AcceptNdaInput,
  NDA_PARTY_TYPES,
  type NdaRecordView,
  type NdaTextView,
  type OrganizationNdaView,
  type PublishNdaTextInput,
} from "./nda.schemas.ts";
import {
  canReadOrganization,
  canRecordNda,
  isOwnAdmin,
  isOwnOrganization,
} from "./organizations.policy.ts";
import { differences, presentOrganization } from "./organizations.presenter.ts";
import {
  findOrganization,
  insertOrganizationChange,
  type OrganizationRow,
  updateOrganization,
} from "./organizations.repository.ts";

/** The SHA-256 (hex) of a text's exact UTF-8 bytes: what an acceptance is bound to. */
export function ndaTextHash(body: string): string {
  return createHash("sha256").update(body, "utf8").digest("hex");
}

export function ndaBodyIn(text: { body_ja: string; body_en: string }, language: Language): string {
  return language === "ja" ? text.body_ja : text.body_en;
}

function presentText(row: NdaTextRow): NdaTextView {
  return {
    id: row.id,
    version: row.version,
    bodyJa: row.body_ja,
    bodyEn: row.body_en,
    publishedAt: row.published_at,
    publishedBy: { id: row.published_by, name: row.published_by_name ?? row.published_by },
  };
}

function presentRecord(row: NdaAcceptanceRow): NdaRecordView {
  return {
    id: row.id,
    organizationId: row.organization_id,
    method: row.method,
    version: row.version,
    textId: row.nda_text_id,
    textSha256: row.text_sha256,
    language: row.language,
    signedAt: row.signed_at,
    acceptedAt: row.accepted_at,
    acceptedBy: { id: row.accepted_by, name: row.accepted_by_name ?? row.accepted_by },
  };
}

const isNdaParty = (type: string) => (NDA_PARTY_TYPES as readonly string[]).includes(type);

/**
 * Keeps a paper NDA the coordinator recorded as an NDA record too (called in the recording's
 * transaction): its version, signing date and who recorded it; linked to the published text of
 * that version when there is one.
 */
export async function recordPaperNda(
  tx: Executor,
  input: {
    organizationId: string;
    version: string;
    signedAt: string;
    recordedBy: string;
    at: string;
  },
): Promise<void> {
  const text = await ndaTextOfVersion(tx, input.version);
  await insertNdaAcceptance(tx, {
    id: newId(),
    organization_id: input.organizationId,
    method: "paper",
    version: input.version,
    nda_text_id: text?.id ?? null,
    text_sha256: null,
    language: null,
    signed_at: input.signedAt,
    accepted_by: input.recordedBy,
    accepted_at: input.at,
  });
}

/** What the case page shows of a vendor's NDA on file. */
export interface NdaOnFile {
  version: string;
  signedAt: string;
  method: "in_app" | "paper";
}

/** What the coordinator's case page knows of the NDAs of the case's vendors. */
export interface CaseNdaStatus {
  /** The NDA on file of each vendor of the case that has one (from the directory). */
  onFile: Record<string, NdaOnFile>;
  /** Whether an NDA text is published, so that acceptance in the application can be asked. */
  textPublished: boolean;
}

export function createNdaService(deps: {
  db: Db;
  audit: Audit;
  clock: Clock;
  mail: MailOutbox;
  publicUrl: string;
}) {
  const { db, audit, clock, mail, publicUrl } = deps;
  const iso = () => clock.now().toISOString();

  function requireCoordinator(actor: Actor, detail: string): void {
    if (!canRecordNda(actor)) throw forbidden(detail);
  }

  async function loadVisible(actor: Actor, id: string, executor: Executor = db) {
    const row = await findOrganization(executor, id);
    if (!row || !canReadOrganization(actor, row)) throw notFound();
    return row;
  }

  /** The organization's recorded NDA becomes this one; its history keeps the change. */
  async function putOnFile(
    tx: Executor,
    actorId: string,
    row: OrganizationRow,
    nda: { version: string; signedAt: string },
  ): Promise<void> {
    const at = iso();
    await updateOrganization(
      tx,
      row.id,
      {
        nda_signed_at: nda.signedAt,
        nda_version: nda.version,
        nda_recorded_by: actorId,
        nda_recorded_at: at,
      },
      at,
    );
    const after = (await findOrganization(tx, row.id)) as OrganizationRow;
    const changes = differences(presentOrganization(row), presentOrganization(after));
    if (Object.keys(changes).length > 0) {
      await insertOrganizationChange(tx, {
        organizationId: row.id,
        changedBy: actorId,
        at,
        changes,
      });
    }
  }

  /** The NDA on file of each of these organizations (the coordinator's case page). */
  async function onFile(
    actor: Actor,
    organizationIds: readonly string[],
  ): Promise<Map<string, NdaOnFile>> {
    const found = new Map<string, NdaOnFile>();
    if (!canRecordNda(actor) || organizationIds.length === 0) return found;
    const [rows, latest] = await Promise.all([
      db
        .selectFrom("organizations")
        .select(["id", "nda_signed_at", "nda_version"])
        .where("id", "in", [...organizationIds])
        .execute(),
      latestNdaAcceptances(db, organizationIds),
    ]);
    for (const row of rows) {
      if (!row.nda_signed_at || !row.nda_version) continue;
      found.set(row.id, {
        version: row.nda_version,
        signedAt: row.nda_signed_at,
        method: latest.get(row.id)?.method ?? "paper",
      });
    }
    return found;
  }

  return {
    onFile,

    /** Every published text, newest first (the coordinator). */
    async texts(actor: Actor): Promise<NdaTextView[]> {
      requireCoordinator(actor, "Only the coordinator keeps the NDA texts.");
      return (await listNdaTexts(db)).map(presentText);
    },

    /** The text offered now, or null while none is published. */
    async current(actor: Actor): Promise<NdaTextView | null> {
      if (!isSignedIn(actor)) throw new ProblemError(401, "unauthenticated", "Sign in first.");
      const row = await newestNdaText(db);
      return row ? presentText(row) : null;
    },

    async publish(actor: Actor, input: PublishNdaTextInput): Promise<{ id: string }> {
      requireCoordinator(actor, "Only the coordinator publishes NDA texts.");
      if (!isSignedIn(actor)) throw forbidden("Only the coordinator publishes NDA texts.");
      const id = newId();
      const versionExists = () =>
        new ProblemError(
          409,
          "version_exists",
          "A text of this version is published already; give the new text a new version.",
        );
      await db
        .transaction()
        .execute(async (tx) => {
          if (await ndaTextOfVersion(tx, input.version)) throw versionExists();
          await insertNdaText(tx, {
            id,
            version: input.version,
            body_ja: input.bodyJa,
            body_en: input.bodyEn,
            published_at: iso(),
            published_by: actor.userId,
          });
          await audit.record(tx, actor, {
            type: "nda.text_published",
            subjectType: "nda_text",
            subjectId: id,
            details: {
              version: input.version,
              sha256Ja: ndaTextHash(input.bodyJa),
              sha256En: ndaTextHash(input.bodyEn),
            },
          });
        })
        .catch((error: unknown) => {
          // The same version sent twice at the same moment: the index refuses the second.
          throw isUniqueViolation(error) ? versionExists() : error;
        });
      return { id };
    },

    /** An organization's NDAs: for the coordinator and the organization's own members. */
    async ofOrganization(actor: Actor, organizationId: string): Promise<OrganizationNdaView> {
      const row = await loadVisible(actor, organizationId);
      if (!canRecordNda(actor) && !isOwnOrganization(actor, row)) {
        throw forbidden("An organization's NDAs are for the coordinator and the organization.");
      }
      const [records, offered] = await Promise.all([
        ndaAcceptancesOf(db, organizationId),
        newestNdaText(db),
      ]);
      return {
        organizationId,
        onFile:
          row.nda_signed_at && row.nda_version
            ? { version: row.nda_version, signedAt: row.nda_signed_at }
            : null,
        items: records.map(presentRecord),
        offered: offered
          ? { id: offered.id, version: offered.version, publishedAt: offered.published_at }
          : null,
        acceptedOffered:
          offered !== undefined &&
          records.some((record) => record.method === "in_app" && record.nda_text_id === offered.id),
      };
    },

    /**
     * The organization's admin accepts the text offered now, as read in one language: the text's
     * id, its version, the SHA-256 of that exact text, who and when are kept; the organization's
     * recorded NDA becomes this one, so the coordinator can notify it (R-COO-2).
     */
    async accept(
      actor: Actor,
      organizationId: string,
      input: AcceptNdaInput,
    ): Promise<NdaRecordView> {
      return db.transaction().execute(async (tx) => {
        const row = await loadVisible(actor, organizationId, tx);
        if (!isSignedIn(actor) || !isOwnAdmin(actor, row)) {
          throw forbidden("Only the organization's admin accepts its NDA.");
        }
        if (!isNdaParty(row.type)) {
          throw forbidden(
            "NDAs are accepted by vendors, CSIRTs, priority recipients and outside analysis organizations.",
          );
        }
        const text = await newestNdaText(tx);
        if (!text) {
          throw new ProblemError(409, "nda_text_missing", "No NDA text is published yet.");
        }
        if (text.version !== input.version || (input.textId && input.textId !== text.id)) {
          throw new ProblemError(
            409,
            "nda_outdated",
            `The NDA offered now is version ${text.version}; read it before accepting.`,
          );
        }
        const accepted = (await ndaAcceptancesOf(tx, organizationId)).find(
          (record) => record.method === "in_app" && record.nda_text_id === text.id,
        );
        if (accepted) return presentRecord(accepted);
        const language = input.language ?? actor.language;
        const sha256 = ndaTextHash(ndaBodyIn(text, language));
        const at = iso();
        const id = newId();
        await insertNdaAcceptance(tx, {
          id,
          organization_id: organizationId,
          method: "in_app",
          version: text.version,
          nda_text_id: text.id,
          text_sha256: sha256,
          language,
          signed_at: at,
          accepted_by: actor.userId,
          accepted_at: at,
        });
        await putOnFile(tx, actor.userId, row, { version: text.version, signedAt: at });
        await audit.record(tx, actor, {
          type: "organization.nda_accepted",
          subjectType: "organization",
          subjectId: organizationId,
          details: { version: text.version, textId: text.id, language, sha256 },
        });
        const record = (await ndaAcceptancesOf(tx, organizationId)).find((r) => r.id === id);
        return presentRecord(record as NdaAcceptanceRow);
      });
    },

    /**
     * The coordinator asks the organization to accept the NDA in the application: a mail to its
     * contact addresses with the link to its NDA page. The mail names no case (R-SEC-3).
     */
    async requestAcceptance(
      actor: Actor,
      organizationId: string,
      context: { caseId?: string } = {},
    ): Promise<{ recipients: number }> {
      return db.transaction().execute(async (tx) => {
        const row = await loadVisible(actor, organizationId, tx);
        requireCoordinator(actor, "Only the coordinator asks for NDAs.");
        if (!isNdaParty(row.type)) {
          throw invalidInput(
            [{ path: "organizationId", message: "not an organization that signs the NDA" }],
            "NDAs are accepted by vendors, CSIRTs, priority recipients and outside analysis organizations.",
          );
        }
        const text = await newestNdaText(tx);
        if (!text) {
          throw new ProblemError(
            409,
            "nda_text_missing",
            "No NDA text is published yet: publish one, or record a signed paper NDA.",
          );
        }
        const recipients = await organizationMailRecipients(tx, organizationId, clock.now());
        for (const to of recipients.to) {
          await mail.enqueue(tx, {
            to,
            language: recipients.language,
            template: "ndaRequested",
            params: {
              organization: row.name,
              version: text.version,
              link: `${publicUrl}/organization/nda`,
            },
          });
        }
        await audit.record(tx, actor, {
          type: "organization.nda_requested",
          subjectType: "organization",
          subjectId: organizationId,
          details: {
            version: text.version,
            recipients: recipients.to.length,
            ...(context.caseId ? { caseId: context.caseId } : {}),
          },
        });
        return { recipients: recipients.to.length };
      });
    },

    /** The NDAs of a case's vendors, for the coordinator's case page. */
    async caseStatus(actor: Actor, organizationIds: readonly string[]): Promise<CaseNdaStatus> {
      const [found, text] = await Promise.all([onFile(actor, organizationIds), newestNdaText(db)]);
      return { onFile: Object.fromEntries(found), textPublished: text !== undefined };
    },
  };
}

export type NdaService = ReturnType<typeof createNdaService>;
