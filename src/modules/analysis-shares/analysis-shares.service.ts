import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Db, Executor } from "../../platform/db/database.ts";
import { forbidden, invalidInput, notFound, ProblemError } from "../../platform/http/problem.ts";
import { newId } from "../../platform/ids.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import type { MailOutbox } from "../../platform/mail/outbox.ts";
import type { CaseState } from "../../workflow/case/index.ts";
import { DAY_MS } from "../../workflow/common.ts";
import type { WorkflowStore } from "../../workflow/store.ts";
import { type Actor, isSignedIn, type UserActor } from "../access/actor.ts";
import type { Audit } from "../audit/audit.ts";
import { caseAssigneeOf } from "../cases/cases.repository.ts";
import type { CasesService } from "../cases/cases.service.ts";
import { findOrganization, membersOf } from "../organizations/organizations.repository.ts";
import type { SiteCasesService } from "../site-cases/site-cases.service.ts";
import { caseHeadline, sharedContentOf } from "./analysis-shares.content.ts";
import { createShareNotifier } from "./analysis-shares.notifications.ts";
import {
  assignedUserIds,
  findShare,
  insertRead,
  insertShare,
  ndaAcceptedInApp,
  readableShare,
  readableShares,
  readsOf,
  revokeShare,
  type ShareReader,
  type ShareRow,
  setAssignedMembers,
  sharesOfCase,
} from "./analysis-shares.repository.ts";
import {
  ALL_CLASSES,
  type CreateShareInput,
  INFORMATION_CLASSES,
  type InformationClass,
  MAX_SHARE_DAYS,
  type ShareClass,
  type SharedCaseItem,
  type SharedCaseView,
  type StaffShareView,
} from "./analysis-shares.schemas.ts";
import { type RecordedConsultation, shareConsultation } from "./analysis-shares.sealed.ts";
import { createSiteCaseShares } from "./analysis-shares.site-cases.ts";
import { siteCaseListHeadline, siteSharedContentOf } from "./analysis-shares.site-content.ts";

/** The classes of a stored share, in the closed list's order (anything else is dropped). */
export function classesOf(stored: string): ShareClass[] {
  const parsed: unknown = JSON.parse(stored);
  const list = Array.isArray(parsed) ? parsed : [];
  return ALL_CLASSES.filter((c) => list.includes(c));
}

/** The one-day error-free checks of a share's end (in the future, at most MAX_SHARE_DAYS ahead). */
export function checkUntil(now: Date, until: Date): void {
  if (until.getTime() <= now.getTime()) {
    throw invalidInput([{ path: "until", message: "must be in the future" }]);
  }
  if (until.getTime() > now.getTime() + MAX_SHARE_DAYS * DAY_MS) {
    throw invalidInput([{ path: "until", message: `must be within ${MAX_SHARE_DAYS} days` }]);
  }
}

/** The organization a share goes to: it must be an outside analysis organization (else 422). */
export async function analysisOrganization(executor: Executor, organizationId: string) {
  const organization = await findOrganization(executor, organizationId);
  if (organization?.type !== "analysis_org") {
    throw invalidInput([
      { path: "organizationId", message: "not an outside analysis organization" },
    ]);
  }
  return organization;
}

/** The member of an analysis organization reading shares, or 404 for anyone else. */
function readerOf(actor: Actor): ShareReader & { actor: UserActor } {
  if (!isSignedIn(actor) || actor.organization?.type !== "analysis_org") throw notFound();
  return {
    actor,
    userId: actor.userId,
    organizationId: actor.organization.id,
    isAdmin: actor.role === "admin",
  };
}

/**
 * R-ANA-2: the consultation must name the coordinator and every vendor told of the case, each
 * once, and nobody else; an objection stops the share. Vendors still only identified (not
 * notified) do not know of the case and are not asked.
 */
function checkConsultation(state: CaseState, entries: CreateShareInput["consultation"]) {
  const problems: { path: string; message: string }[] = [];
  const participants = new Set(state.participants.map((p) => p.orgId));
  const required = state.participants.filter((p) => p.status !== "identified").map((p) => p.orgId);
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const key = entry.party === "coordinator" ? "coordinator" : (entry.organizationId ?? "");
    if (entry.party === "vendor" && !participants.has(key)) {
      problems.push({
        path: `consultation.${index}.organizationId`,
        message: "not a vendor of this case",
      });
    }
    if (seen.has(key)) {
      problems.push({ path: `consultation.${index}`, message: "consulted twice" });
    }
    seen.add(key);
  });
  if (!seen.has("coordinator")) {
    problems.push({ path: "consultation", message: "the coordinator's answer is missing" });
  }
  for (const orgId of required) {
    if (!seen.has(orgId)) {
      problems.push({ path: "consultation", message: `the answer of vendor ${orgId} is missing` });
    }
  }
  if (problems.length > 0) {
    throw invalidInput(problems, "The coordinator and every vendor of the case must be consulted.");
  }
  if (entries.some((entry) => entry.answer === "object")) {
    throw new ProblemError(
      409,
      "consultation_objected",
      "The coordinator or a vendor objected: the case cannot be shared.",
    );
  }
}

export function createAnalysisSharesService(deps: {
  db: Db;
  audit: Audit;
  clock: Clock;
  cipher: FieldCipher;
  mail: MailOutbox;
  publicUrl: string;
  workflow: WorkflowStore;
  cases: CasesService;
  siteCases: Pick<SiteCasesService, "actOnSiteCase" | "readSiteCase">;
}) {
  const { db, audit, clock, cipher, workflow, cases } = deps;
  const notifier = createShareNotifier(deps);
  const iso = () => clock.now().toISOString();

  function statusOf(row: ShareRow, now: string): StaffShareView["status"] {
    if (row.revoked_at) return "revoked";
    return row.until > now ? "active" : "expired";
  }

  async function presentForStaff(executor: Executor, rows: ShareRow[]): Promise<StaffShareView[]> {
    const now = iso();
    const [reads, ndas] = await Promise.all([
      readsOf(
        executor,
        rows.map((row) => row.id),
      ),
      ndaAcceptedInApp(executor, [...new Set(rows.map((row) => row.organization_id))]),
    ]);
    const consulted = new Set<string>();
    const opened = rows.map((row) => {
      const entries = shareConsultation.open(cipher, row.id, row.consultation_sealed);
      for (const entry of entries) if (entry.organizationId) consulted.add(entry.organizationId);
      return { row, entries };
    });
    const names = new Map<string, string>();
    for (const orgId of consulted) {
      const org = await findOrganization(executor, orgId);
      if (org) names.set(orgId, org.name);
    }
    return opened.map(({ row, entries }) => ({
      id: row.id,
      caseId: row.case_id,
      siteCaseId: row.site_case_id,
      organization: { id: row.organization_id, name: row.organization_name },
      classes: classesOf(row.classes),
      until: row.until,
      consultation: entries.map((entry) => ({
        party: entry.party,
        organizationId: entry.organizationId,
        name: entry.organizationId ? (names.get(entry.organizationId) ?? null) : null,
        answer: entry.answer,
        note: entry.note,
      })),
      status: statusOf(row, now),
      ndaAccepted: ndas.has(row.organization_id),
      createdBy: { id: row.created_by, name: row.created_by_name ?? row.created_by },
      createdAt: row.created_at,
      revokedAt: row.revoked_at,
      revokedBy: row.revoked_by
        ? { id: row.revoked_by, name: row.revoked_by_name ?? row.revoked_by }
        : null,
      reads: reads
        .filter((read) => read.share_id === row.id)
        .map((read) => ({
          reader: { id: read.user_id, name: read.user_name ?? read.user_id },
          classes: classesOf(read.classes),
          readAt: read.read_at,
        })),
    }));
  }

  /** Whose notice a revocation sends: everyone of the organization who saw the share. */
  async function viewersOf(executor: Executor, row: ShareRow): Promise<string[]> {
    return [
      ...(await notifier.adminsOf(executor, row.organization_id)),
      ...(await assignedUserIds(executor, row.id)),
    ];
  }

  return {
    /** A web-application case's shares (the site's operator consulted): their own part. */
    ...createSiteCaseShares({
      clock,
      cipher,
      siteCases: deps.siteCases,
      notifier,
      checkUntil,
      analysisOrganization,
      presentForStaff,
      viewersOf,
      classesOf,
      statusOf,
    }),

    /**
     * The intake desk shares a case it may see with an outside analysis organization: the
     * classes chosen, until when (in the future, at most MAX_SHARE_DAYS ahead), and the
     * consultation with the coordinator and every vendor, none of whom objected.
     */
    async create(actor: Actor, caseId: string, input: CreateShareInput): Promise<{ id: string }> {
      const id = newId();
      await cases.actOnCase(
        actor,
        caseId,
        "analysis_share.created",
        async (tx, visible) => {
          if (visible.viewer.kind !== "intake" || !isSignedIn(actor)) {
            throw forbidden(
              "Only the intake desk shares a case with an outside analysis organization.",
            );
          }
          const now = clock.now();
          const until = new Date(input.until);
          checkUntil(now, until);
          const organization = await analysisOrganization(tx, input.organizationId);
          checkConsultation(visible.state, input.consultation);
          const consultation: RecordedConsultation = input.consultation.map((entry) => ({
            party: entry.party,
            organizationId: entry.party === "vendor" ? (entry.organizationId ?? null) : null,
            answer: entry.answer,
            note: entry.note ? entry.note : null,
          }));
          const at = now.toISOString();
          await insertShare(tx, {
            id,
            case_id: caseId,
            site_case_id: null,
            organization_id: organization.id,
            classes: JSON.stringify(INFORMATION_CLASSES.filter((c) => input.classes.includes(c))),
            until: until.toISOString(),
            consultation_sealed: shareConsultation.seal(cipher, id, consultation),
            created_by: actor.userId,
            created_at: at,
            revoked_at: null,
            revoked_by: null,
          });
          const assignee = await caseAssigneeOf(tx, caseId);
          await notifier.started(tx, { id, caseId, organizationId: organization.id }, assignee);
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

    /** The desk revokes a share: the organization's members lose it at once and are told. */
    async revoke(actor: Actor, caseId: string, shareId: string): Promise<void> {
      await cases.actOnCase(
        actor,
        caseId,
        "analysis_share.revoked",
        async (tx, visible) => {
          if (visible.viewer.kind !== "intake" || !isSignedIn(actor)) {
            throw forbidden("Only the intake desk revokes a share.");
          }
          const row = await findShare(tx, shareId);
          if (!row || row.case_id === null || row.case_id !== caseId) throw notFound();
          if (row.revoked_at) return;
          await revokeShare(tx, shareId, actor.userId, iso());
          await notifier.revoked(tx, shareId, await viewersOf(tx, row));
        },
        { shareId },
      );
    },

    /** The shares of a case with their consultation and read log: the desk and the coordinator. */
    async listForCase(actor: Actor, caseId: string): Promise<StaffShareView[]> {
      return cases.readCase(actor, caseId, "analysis_share.listed", async (tx, visible) => {
        if (visible.viewer.kind !== "intake" && visible.viewer.kind !== "coordinator") {
          throw forbidden("A case's outside analysis shares are for the desk and the coordinator.");
        }
        return presentForStaff(tx, await sharesOfCase(tx, caseId));
      });
    },

    /** The shares the caller may read now (an analysis organization's admins and assigned members). */
    async listMine(actor: Actor): Promise<SharedCaseItem[]> {
      const reader = readerOf(actor);
      return db.transaction().execute(async (tx) => {
        const rows = await readableShares(tx, reader, iso());
        const items: SharedCaseItem[] = [];
        for (const row of rows) {
          const classes = classesOf(row.classes);
          // The title is the summary's: without that class the list names the case by number only.
          const { caseNumber, title } = row.site_case_id
            ? await siteCaseListHeadline(tx, row.site_case_id, classes)
            : await caseHeadline(tx, row.case_id as string);
          items.push({
            id: row.id,
            subject: row.site_case_id ? "site_case" : "case",
            caseNumber,
            title: classes.includes("summary") ? title : null,
            classes,
            until: row.until,
            sharedAt: row.created_at,
          });
        }
        await audit.record(tx, actor, {
          type: "analysis_share.listed",
          subjectType: "organization",
          subjectId: reader.organizationId,
          details: { shareIds: rows.map((row) => row.id) },
        });
        return items;
      });
    },

    /** One share's chosen classes, read now from the case; each read logged and audited. */
    async read(actor: Actor, shareId: string): Promise<SharedCaseView> {
      const reader = readerOf(actor);
      return db.transaction().execute(async (tx) => {
        const at = iso();
        const row = await readableShare(tx, reader, shareId, at);
        if (!row) throw notFound();
        const classes = classesOf(row.classes);
        const { caseNumber, title, content } = row.site_case_id
          ? await siteSharedContentOf(tx, { cipher, workflow }, row.site_case_id, classes)
          : await sharedContentOf(
              tx,
              { cipher, workflow },
              row.case_id as string,
              classes.filter((c): c is InformationClass => c !== "site_identity"),
            );
        await insertRead(tx, { id: newId(), shareId, userId: reader.userId, classes, at });
        await audit.record(tx, actor, {
          type: "analysis_share.read",
          subjectType: "analysis_share",
          subjectId: shareId,
          details: row.site_case_id
            ? { siteCaseId: row.site_case_id, classes }
            : { caseId: row.case_id, classes },
        });
        return {
          id: row.id,
          subject: row.site_case_id ? ("site_case" as const) : ("case" as const),
          organizationId: row.organization_id,
          caseNumber,
          title: classes.includes("summary") ? title : null,
          classes,
          until: row.until,
          sharedAt: row.created_at,
          content,
          ...(reader.isAdmin ? { assignedUserIds: await assignedUserIds(tx, shareId) } : {}),
        };
      });
    },

    /**
     * The organization's admin chooses which of its members see a share (R-SEC-6); its admins
     * always do. Newly assigned members are told to sign in.
     */
    async assign(actor: Actor, shareId: string, userIds: readonly string[]): Promise<string[]> {
      const reader = readerOf(actor);
      return db.transaction().execute(async (tx) => {
        const at = iso();
        const row = await readableShare(tx, reader, shareId, at);
        if (!row) throw notFound();
        if (!reader.isAdmin) throw forbidden("Only the organization's admin assigns members.");
        const members = new Set(
          (await membersOf(tx, reader.organizationId)).map((member) => member.id),
        );
        const unknown = userIds.findIndex((userId) => !members.has(userId));
        if (unknown >= 0) {
          throw invalidInput([
            { path: `userIds.${unknown}`, message: "not a member of your organization" },
          ]);
        }
        const before = new Set(await assignedUserIds(tx, shareId));
        const wanted = [...new Set(userIds)].sort();
        await setAssignedMembers(tx, shareId, wanted, reader.userId, at);
        await notifier.assigned(
          tx,
          shareId,
          wanted.filter((userId) => !before.has(userId)),
        );
        await audit.record(tx, actor, {
          type: "analysis_share.members_set",
          subjectType: "analysis_share",
          subjectId: shareId,
          details: { userIds: wanted },
        });
        return wanted;
      });
    },

    /** The members of the caller's organization, for its admin's assignment form. */
    async organizationMembers(actor: Actor) {
      const reader = readerOf(actor);
      return (await membersOf(db, reader.organizationId)).map((member) => ({
        id: member.id,
        name: member.name,
        role: member.role,
      }));
    },
  };
}

export type AnalysisSharesService = ReturnType<typeof createAnalysisSharesService>;
