import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Executor } from "../../platform/db/database.ts";
import { forbidden, invalidInput, notFound, ProblemError } from "../../platform/http/problem.ts";
import { newId } from "../../platform/ids.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import type { Actor } from "../access/actor.ts";
import { operatorPeople, siteCaseHeadline } from "../site-cases/site-cases.analysis-shares.ts";
import type { SiteCasesService } from "../site-cases/site-cases.service.ts";
import type { ShareNotifier } from "./analysis-shares.notifications.ts";
import {
  findShare,
  insertShare,
  revokeShare,
  type ShareRow,
  sharesOfSiteCase,
} from "./analysis-shares.repository.ts";
import {
  type CreateSiteShareInput,
  type OperatorShareView,
  SITE_CASE_CLASSES,
  type StaffShareView,
} from "./analysis-shares.schemas.ts";
import { type RecordedConsultation, shareConsultation } from "./analysis-shares.sealed.ts";

/** The operator, once: a web case has no coordinator or vendors to ask (R-ANA-2). */
function checkOperatorConsultation(entries: CreateSiteShareInput["consultation"]) {
  if (entries.length !== 1) {
    throw invalidInput(
      [{ path: "consultation", message: "exactly one answer: the site operator's" }],
      "The site's operator must be consulted, once.",
    );
  }
  if (entries[0]?.answer === "object") {
    throw new ProblemError(
      409,
      "consultation_objected",
      "The site's operator objected: the case cannot be shared.",
    );
  }
}

/**
 * Outside analysis of a web-application case (R-ANA-2, docs/analysis-shares.md): the intake
 * desk shares it after consulting the site's operator; the operator sees that it was shared,
 * with whom, which classes and until when. The site case is loaded and acted on through the
 * site-cases module's own functions (ADR 007), so its visibility rule (404) is the module's.
 */
export function createSiteCaseShares(deps: {
  clock: Clock;
  cipher: FieldCipher;
  siteCases: Pick<SiteCasesService, "actOnSiteCase" | "readSiteCase">;
  notifier: ShareNotifier;
  checkUntil(now: Date, until: Date): void;
  analysisOrganization(executor: Executor, id: string): Promise<{ id: string }>;
  presentForStaff(executor: Executor, rows: ShareRow[]): Promise<StaffShareView[]>;
  viewersOf(executor: Executor, row: ShareRow): Promise<string[]>;
  classesOf(stored: string): StaffShareView["classes"];
  statusOf(row: ShareRow, now: string): StaffShareView["status"];
}) {
  const { clock, cipher, siteCases, notifier } = deps;

  function presentForOperator(siteCaseId: string, rows: ShareRow[]): OperatorShareView[] {
    const now = clock.now().toISOString();
    return rows.map((row) => ({
      id: row.id,
      siteCaseId,
      organization: { id: row.organization_id, name: row.organization_name },
      classes: deps.classesOf(row.classes),
      until: row.until,
      status: deps.statusOf(row, now),
      createdAt: row.created_at,
      revokedAt: row.revoked_at,
    }));
  }

  return {
    /** The desk shares a web case: the classes chosen, until when, the operator agreeing. */
    async createForSiteCase(
      actor: Actor,
      siteCaseId: string,
      input: CreateSiteShareInput,
    ): Promise<{ id: string }> {
      const id = newId();
      await siteCases.actOnSiteCase(
        actor,
        siteCaseId,
        "analysis_share.created",
        async (tx, visible) => {
          if (visible.viewer === "operator") {
            throw forbidden(
              "Only the intake desk shares a case with an outside analysis organization.",
            );
          }
          const now = clock.now();
          const until = new Date(input.until);
          deps.checkUntil(now, until);
          const organization = await deps.analysisOrganization(tx, input.organizationId);
          checkOperatorConsultation(input.consultation);
          const consultation: RecordedConsultation = input.consultation.map((entry) => ({
            party: "operator",
            organizationId: visible.row.operator_organization_id,
            answer: entry.answer,
            note: entry.note ? entry.note : null,
          }));
          await insertShare(tx, {
            id,
            case_id: null,
            site_case_id: siteCaseId,
            organization_id: organization.id,
            classes: JSON.stringify(SITE_CASE_CLASSES.filter((c) => input.classes.includes(c))),
            until: until.toISOString(),
            consultation_sealed: shareConsultation.seal(cipher, id, consultation),
            created_by: visible.user.userId,
            created_at: now.toISOString(),
            revoked_at: null,
            revoked_by: null,
          });
          await notifier.siteCaseShared(
            tx,
            { id, siteCaseId, organizationId: organization.id },
            await operatorPeople(tx, siteCaseId),
          );
        },
        {
          shareId: id,
          organizationId: input.organizationId,
          classes: input.classes,
          until: input.until,
        },
      );
      return { id };
    },

    /** The desk revokes a web case's share: the organization loses it at once and is told. */
    async revokeForSiteCase(actor: Actor, siteCaseId: string, shareId: string): Promise<void> {
      await siteCases.actOnSiteCase(
        actor,
        siteCaseId,
        "analysis_share.revoked",
        async (tx, visible) => {
          if (visible.viewer === "operator")
            throw forbidden("Only the intake desk revokes a share.");
          const row = await findShare(tx, shareId);
          if (!row || row.site_case_id === null || row.site_case_id !== siteCaseId) {
            throw notFound();
          }
          if (row.revoked_at) return;
          await revokeShare(tx, shareId, visible.user.userId, clock.now().toISOString());
          await notifier.revoked(tx, shareId, await deps.viewersOf(tx, row));
        },
        { shareId },
      );
    },

    /** The web case's shares page: its reference and title, who the caller is, its shares. */
    async siteSharesPage(actor: Actor, siteCaseId: string) {
      return siteCases.readSiteCase(
        actor,
        siteCaseId,
        "analysis_share.listed",
        async (tx, visible) => {
          const rows = await sharesOfSiteCase(tx, siteCaseId);
          const { reference, title } = await siteCaseHeadline(tx, siteCaseId);
          if (visible.viewer === "operator") {
            return {
              reference,
              title,
              operator: true as const,
              shares: presentForOperator(siteCaseId, rows),
            };
          }
          return {
            reference,
            title,
            operator: false as const,
            shares: await deps.presentForStaff(tx, rows),
          };
        },
      );
    },

    /**
     * A web case's shares: the desk with the consultation and read log; the operator only what
     * it agreed to (with whom, which classes, until when) and whether it still runs.
     */
    async listForSiteCase(
      actor: Actor,
      siteCaseId: string,
    ): Promise<StaffShareView[] | OperatorShareView[]> {
      return siteCases.readSiteCase(
        actor,
        siteCaseId,
        "analysis_share.listed",
        async (tx, visible) => {
          const rows = await sharesOfSiteCase(tx, siteCaseId);
          return visible.viewer === "operator"
            ? presentForOperator(siteCaseId, rows)
            : deps.presentForStaff(tx, rows);
        },
      );
    },
  };
}
