/**
 * Priority provision, the desk's and the consulted parties' side (R-PRI-1…3, R-PRI-5): starting
 * a provision for a case, the agreements, the finder's notice, packages, sending and revoking,
 * and what each party may see of a case's provisions. Every state change goes through the
 * workflow (src/workflow/priority-provision/); the recipients' side is priority.recipients.ts.
 */

import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Db, Tx } from "../../platform/db/database.ts";
import {
  invalidInput,
  notFound,
  ProblemError,
  unauthenticated,
} from "../../platform/http/problem.ts";
import { newId } from "../../platform/ids.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import type { CommandBody } from "../../workflow/actions.ts";
import type { CaseState } from "../../workflow/case/index.ts";
import type { WorkflowActor } from "../../workflow/common.ts";
import {
  OPEN_PRIORITY_STATUSES,
  type PriorityProvisionCommand,
  type PriorityProvisionState,
  partyKey,
} from "../../workflow/priority-provision/index.ts";
import { rejectionProblem } from "../../workflow/problems.ts";
import type { WorkflowStore } from "../../workflow/store.ts";
import { type Actor, isSignedIn, isStaff, type UserActor } from "../access/actor.ts";
import type { Audit } from "../audit/audit.ts";
import { caseNumberOf } from "../cases/cases.repository.ts";
import { sniffAttachmentType } from "../reports/attachment-types.ts";
import {
  cleanFileName,
  MAX_ATTACHMENTS,
  type UploadInput,
} from "../reports/attachments.service.ts";
import { isDeskStaff, isIntakeStaff } from "../reports/reports.policy.ts";
import { receiptNumberOf } from "../reports/reports.repository.ts";
import { newCopyCode } from "./copy-marks.ts";
import {
  caseIsPublic,
  isCoordinator,
  isFinderOf,
  vendorOrgOf,
  workflowActorOf,
} from "./priority.access.ts";
import {
  acceptedNdaInApp,
  copiesOfProvision,
  filesOf,
  insertCopyIfMissing,
  insertPackage,
  insertPackageFile,
  organizationsByIds,
  packagesOf,
  priorityRecipients,
  provisionRow,
  provisionRowsOfCase,
  readsOfProvision,
} from "./priority.repository.ts";
import type {
  AgreementInput,
  CaseProvisionItem,
  PackageInput,
  ProvisionView,
  StartInput,
} from "./priority.schemas.ts";
import {
  packageBody,
  packageFileContent,
  packageFileName,
  packageTitle,
} from "./priority.sealed.ts";
import { type PrioritySummary, summarize } from "./priority.summary.ts";

export interface PriorityDeps {
  db: Db;
  cipher: FieldCipher;
  clock: Clock;
  audit: Audit;
  workflow: WorkflowStore;
}

export function createPriorityService(deps: PriorityDeps) {
  const { db, cipher, clock, audit, workflow } = deps;

  async function loadCase(tx: Tx | Db, caseId: string): Promise<CaseState> {
    const loaded = await workflow.load(tx, "case", caseId).catch(() => null);
    if (!loaded) throw notFound();
    return loaded.state;
  }

  async function loadProvision(tx: Tx | Db, pid: string): Promise<PriorityProvisionState> {
    const loaded = await workflow.load(tx, "priority_provision", pid).catch(() => null);
    if (!loaded?.state.caseId) throw notFound();
    return loaded.state;
  }

  async function execute(
    tx: Tx,
    pid: string,
    actor: WorkflowActor,
    body: CommandBody<"priority_provision">,
  ): Promise<PriorityProvisionState> {
    const result = await workflow.execute(tx, "priority_provision", pid, {
      ...body,
      commandId: newId(),
      at: clock.now().toISOString(),
      actor,
    } as PriorityProvisionCommand);
    if (!result.ok) throw rejectionProblem(result.rejection);
    return result.state;
  }

  /** The desk may act; anyone else who may see the case gets 403, the rest 404. */
  async function requireDesk(tx: Tx | Db, actor: Actor, state: CaseState): Promise<UserActor> {
    if (!isSignedIn(actor)) throw unauthenticated();
    if (isDeskStaff(actor)) return actor;
    if (isStaff(actor) || (await vendorOrgOf(tx, actor, state)))
      throw new ProblemError(403, "forbidden", "Only the intake desk does this.");
    throw notFound();
  }

  /** Copies for every package not yet copied to every recipient (at sending, or after it). */
  async function deliver(tx: Tx, state: PriorityProvisionState): Promise<void> {
    const at = clock.now().toISOString();
    for (const pkg of state.packages) {
      for (const orgId of state.recipientOrgIds) {
        await insertCopyIfMissing(tx, {
          id: newId(),
          code: newCopyCode(),
          package_id: pkg.id,
          provision_id: state.id,
          organization_id: orgId,
          delivered_at: at,
        });
      }
    }
  }

  async function present(tx: Tx | Db, state: PriorityProvisionState): Promise<ProvisionView> {
    const orgIds = [
      ...state.recipientOrgIds,
      ...state.parties.flatMap((p) => (p.kind === "vendor" ? [p.orgId] : [])),
    ];
    const [orgs, accepted, packages, copies, reads] = await Promise.all([
      organizationsByIds(tx, orgIds),
      acceptedNdaInApp(tx, state.recipientOrgIds),
      packagesOf(tx, state.id),
      copiesOfProvision(tx, state.id),
      readsOfProvision(tx, state.id),
    ]);
    const files = await filesOf(
      tx,
      packages.map((p) => p.id),
    );
    const orgById = new Map(orgs.map((o) => [o.id, o]));
    return {
      id: state.id,
      caseId: state.caseId ?? "",
      status: state.status ?? "consulting",
      reason: state.reason ?? "",
      sectors: state.sectors,
      recipients: state.recipientOrgIds.map((id) => ({
        organizationId: id,
        name: orgById.get(id)?.name ?? id,
        sector: orgById.get(id)?.sector ?? null,
        ndaAccepted: accepted.has(id),
      })),
      agreements: state.parties.map((party) => {
        const answer = state.agreements.find((a) => partyKey(a.party) === partyKey(party));
        const orgId = party.kind === "vendor" ? party.orgId : null;
        return {
          kind: party.kind,
          organizationId: orgId,
          name: orgId ? (orgById.get(orgId)?.name ?? orgId) : null,
          decision: answer?.decision ?? null,
          reason: answer?.reason ?? null,
          at: answer?.at ?? null,
        };
      }),
      finderNotifiedAt: state.finderNotifiedAt,
      packages: packages.map((p) => ({
        id: p.id,
        kind: p.kind as ProvisionView["packages"][number]["kind"],
        title: packageTitle.open(cipher, p.id, p.title_sealed),
        files: files
          .filter((f) => f.package_id === p.id)
          .map((f) => ({
            id: f.id,
            name: packageFileName.open(cipher, f.id, f.name_sealed),
            size: Number(f.size),
          })),
        createdAt: p.created_at,
      })),
      deliveries: copies.map((c) => ({
        copyCode: c.code,
        packageId: c.package_id,
        organizationId: c.organization_id,
        deliveredAt: c.delivered_at,
        reads: reads
          .filter((r) => r.copy_id === c.id)
          .map((r) => ({ userId: r.user_id, name: r.name, at: r.read_at })),
      })),
      startedAt: state.startedAt ?? "",
      sentAt: state.sentAt,
      endedAt: state.endedAt ?? state.stoppedAt,
    };
  }

  async function auditIt(
    tx: Tx,
    actor: Actor,
    type: Parameters<Audit["record"]>[2]["type"],
    pid: string,
    details: Record<string, unknown> = {},
  ) {
    await audit.record(tx, actor, {
      type,
      subjectType: "priority_provision",
      subjectId: pid,
      details,
    });
  }

  const service = {
    /** R-PRI-1: the desk starts a provision for a case with a countermeasure, not public. */
    async start(actor: Actor, caseId: string, input: StartInput) {
      return workflow.transaction(async (tx) => {
        const kase = await loadCase(tx, caseId);
        const desk = await requireDesk(tx, actor, kase);
        // Recipients are priority recipients of the chosen sectors only (R-PRI-4, R-PRI-5).
        const orgs = await organizationsByIds(tx, input.recipientOrganizationIds);
        const issues = input.recipientOrganizationIds.flatMap((id, index) => {
          const org = orgs.find((o) => o.id === id);
          if (org?.type !== "priority_recipient")
            return [
              { path: `recipientOrganizationIds.${index}`, message: "is not a priority recipient" },
            ];
          if (!org.sector || !(input.sectors as string[]).includes(org.sector))
            return [
              {
                path: `recipientOrganizationIds.${index}`,
                message: "belongs to a sector that was not chosen",
              },
            ];
          return [];
        });
        if (issues.length > 0)
          throw invalidInput(issues, "Choose recipients of the chosen sectors.");
        // One provision at a time per case: the parties agree to one set of recipients.
        const open = (await provisionRowsOfCase(tx, caseId)).some((row) =>
          (OPEN_PRIORITY_STATUSES as readonly string[]).includes(row.status),
        );
        if (open)
          throw new ProblemError(
            409,
            "priority_provision_open",
            "The case has a priority provision in progress; it must end or stop first.",
          );
        const affected = kase.participants
          .filter((p) => p.status === "affected" || p.countermeasures.length > 0)
          .map((p) => p.orgId);
        const pid = newId();
        const state = await execute(tx, pid, workflowActorOf(desk), {
          type: "start_priority_provision",
          caseId,
          reason: input.reason,
          sectors: input.sectors,
          recipientOrgIds: input.recipientOrganizationIds,
          caseFacts: {
            hasCountermeasure: kase.participants.some((p) => p.countermeasures.length > 0),
            isPublic: caseIsPublic(kase),
            affectedVendorOrgIds: affected,
          },
        });
        await auditIt(tx, actor, "priority.started", pid, {
          caseId,
          sectors: input.sectors,
          recipients: input.recipientOrganizationIds,
        });
        return { id: pid, status: state.status ?? "consulting" };
      });
    },

    /** The coordinator or an affected vendor agrees or objects, once (R-PRI-2). */
    async recordAgreement(actor: Actor, pid: string, input: AgreementInput) {
      return workflow.transaction(async (tx) => {
        if (!isSignedIn(actor)) throw unauthenticated();
        const state = await loadProvision(tx, pid);
        const kase = await loadCase(tx, state.caseId as string);
        const vendorOrg = await vendorOrgOf(tx, actor, kase);
        if (!isCoordinator(actor) && !vendorOrg) {
          if (isIntakeStaff(actor))
            throw new ProblemError(403, "forbidden", "The coordinator and the vendors agree.");
          throw notFound();
        }
        const after = await execute(tx, pid, workflowActorOf(actor), {
          type: "record_agreement",
          decision: input.decision,
          reason: input.reason ?? null,
        });
        await auditIt(tx, actor, "priority.agreement_recorded", pid, {
          decision: input.decision,
        });
        return { id: pid, status: after.status ?? "consulting" };
      });
    },

    /** The desk records that the finder was told (the observer mails the finder). */
    async recordFinderNotice(actor: Actor, pid: string) {
      return workflow.transaction(async (tx) => {
        const state = await loadProvision(tx, pid);
        const desk = await requireDesk(tx, actor, await loadCase(tx, state.caseId as string));
        const after = await execute(tx, pid, workflowActorOf(desk), {
          type: "record_finder_notice",
        });
        await auditIt(tx, actor, "priority.finder_notified", pid);
        return { id: pid, status: after.status ?? "consulting" };
      });
    },

    /** A package with its files; after sending it goes out at once. */
    async addPackage(
      actor: Actor,
      pid: string,
      input: PackageInput,
      upload: Pick<UploadInput, "files" | "tooManyFiles"> = { files: [] },
    ) {
      const { files } = upload;
      return workflow.transaction(async (tx) => {
        const state = await loadProvision(tx, pid);
        const desk = await requireDesk(tx, actor, await loadCase(tx, state.caseId as string));
        // The upload stops reading after MAX_ATTACHMENTS files: refuse rather than drop the rest.
        if (upload.tooManyFiles || files.length > MAX_ATTACHMENTS)
          throw invalidInput([{ path: "file", message: `at most ${MAX_ATTACHMENTS} files` }]);
        const packageId = newId();
        const after = await execute(tx, pid, workflowActorOf(desk), {
          type: "add_package",
          packageId,
          kind: input.kind,
        });
        const at = clock.now().toISOString();
        await insertPackage(tx, {
          id: packageId,
          provision_id: pid,
          kind: input.kind,
          title_sealed: packageTitle.seal(cipher, packageId, input.title),
          body_sealed: packageBody.seal(cipher, packageId, input.body),
          created_by: desk.userId,
          created_at: at,
        });
        let position = 0;
        for (const file of files) {
          if (file.tooLarge)
            throw new ProblemError(413, "file_too_large", `${file.name} is over the size limit.`);
          if (file.bytes.length === 0)
            throw invalidInput([{ path: "file", message: `${file.name} is empty` }]);
          const mediaType = (await sniffAttachmentType(file.bytes)) ?? "application/octet-stream";
          const fileId = newId();
          position += 1;
          await insertPackageFile(tx, {
            id: fileId,
            package_id: packageId,
            position,
            name_sealed: packageFileName.seal(cipher, fileId, cleanFileName(file.name)),
            media_type: mediaType,
            size: file.bytes.length,
            content_sealed: packageFileContent.seal(cipher, fileId, file.bytes),
            uploaded_at: at,
          });
        }
        if (after.status === "sent") await deliver(tx, after);
        await auditIt(tx, actor, "priority.package_added", pid, {
          packageId,
          kind: input.kind,
          files: files.length,
        });
        return { id: packageId };
      });
    },

    /** R-PRI-2/3: refused (409) until every agreement and the finder's notice are in. */
    async send(actor: Actor, pid: string) {
      return workflow.transaction(async (tx) => {
        const state = await loadProvision(tx, pid);
        const kase = await loadCase(tx, state.caseId as string);
        const desk = await requireDesk(tx, actor, kase);
        if (caseIsPublic(kase))
          throw new ProblemError(409, "transition_not_allowed", "The case is public already.");
        const after = await execute(tx, pid, workflowActorOf(desk), {
          type: "send_priority_provision",
        });
        await deliver(tx, after);
        await auditIt(tx, actor, "priority.sent", pid, {
          recipients: after.recipientOrgIds,
          sectors: after.sectors,
        });
        return present(tx, after);
      });
    },

    /** Refuses (403/404) anyone but the desk, before a form asks them anything more. */
    async requireDeskFor(actor: Actor, pid: string): Promise<void> {
      const state = await loadProvision(db, pid);
      await requireDesk(db, actor, await loadCase(db, state.caseId as string));
    },

    /** Access ends now (sent), or the provision stops (not yet sent). */
    async revoke(actor: Actor, pid: string, reason?: string) {
      return workflow.transaction(async (tx) => {
        const state = await loadProvision(tx, pid);
        const desk = await requireDesk(tx, actor, await loadCase(tx, state.caseId as string));
        const after = await execute(tx, pid, workflowActorOf(desk), {
          type: "revoke_priority_provision",
          reason: reason ?? null,
        });
        await auditIt(tx, actor, "priority.revoked", pid);
        return present(tx, after);
      });
    },

    /** One provision, whole: the desk and the coordinator. */
    async get(actor: Actor, pid: string): Promise<ProvisionView> {
      if (!isSignedIn(actor)) throw unauthenticated();
      const state = await loadProvision(db, pid);
      if (!isStaff(actor)) throw notFound();
      return present(db, state);
    },

    /**
     * A case's provisions as the caller may see them: staff everything; a party asked to agree
     * the request and its own answer; after publication the finder and the vendors only when
     * and to which sectors (R-PRI-5). Anyone else: 404.
     */
    async ofCase(actor: Actor, caseId: string): Promise<CaseProvisionItem[]> {
      if (!isSignedIn(actor)) throw unauthenticated();
      const kase = await loadCase(db, caseId);
      const rows = await provisionRowsOfCase(db, caseId);
      const states = (
        await Promise.all(rows.map((row) => workflow.load(db, "priority_provision", row.id)))
      ).flatMap((loaded) => (loaded ? [loaded.state] : []));
      if (isStaff(actor)) {
        return Promise.all(
          states.map(async (s) => ({
            id: s.id,
            status: s.status ?? "consulting",
            reason: s.reason ?? "",
            sectors: s.sectors,
            sentAt: s.sentAt,
            ...(isCoordinator(actor)
              ? {
                  ownAnswer:
                    s.agreements.find((a) => a.party.kind === "coordinator")?.decision ?? null,
                }
              : {}),
            provision: await present(db, s),
          })),
        );
      }
      const vendorOrg = await vendorOrgOf(db, actor, kase);
      const finder = isFinderOf(actor, kase);
      if (!vendorOrg && !finder) throw notFound();
      if (caseIsPublic(kase)) {
        return states
          .filter((s) => s.sentAt !== null)
          .map((s) => ({ sentAt: s.sentAt, sectors: s.sectors }));
      }
      if (!vendorOrg) return [];
      // Before publication a vendor sees the requests its agreement is asked for: to whom and
      // what kinds of package, never their content.
      const asked = states.filter((s) =>
        s.parties.some((p) => p.kind === "vendor" && p.orgId === vendorOrg),
      );
      const orgs = await organizationsByIds(
        db,
        asked.flatMap((s) => s.recipientOrgIds),
      );
      return asked.map((s) => ({
        id: s.id,
        status: s.status ?? "consulting",
        reason: s.reason ?? "",
        sectors: s.sectors,
        sentAt: s.sentAt,
        ownAnswer:
          s.agreements.find((a) => partyKey(a.party) === `vendor:${vendorOrg}`)?.decision ?? null,
        recipients: s.recipientOrgIds.map((id) => {
          const org = orgs.find((o) => o.id === id);
          return { name: org?.name ?? id, sector: org?.sector ?? null };
        }),
        packageKinds: [...new Set(s.packages.map((p) => p.kind))],
      }));
    },

    /** The desk re-reads the texts of a case's packages (by package id); nobody else. */
    async packageTexts(actor: Actor, caseId: string): Promise<Map<string, string>> {
      if (!isDeskStaff(actor)) return new Map();
      const texts = new Map<string, string>();
      for (const row of await provisionRowsOfCase(db, caseId))
        for (const p of await packagesOf(db, row.id))
          texts.set(p.id, packageBody.open(cipher, p.id, p.body_sealed));
      return texts;
    },

    /** For the finder of the case: their report (its page and receipt number), else null. */
    async finderReport(actor: Actor, caseId: string) {
      if (!isSignedIn(actor)) return null;
      const kase = await loadCase(db, caseId);
      if (!isFinderOf(actor, kase) || kase.source?.kind !== "report") return null;
      const reportId = kase.source.reportId;
      return { id: reportId, receiptNumber: (await receiptNumberOf(db, reportId)) ?? "" };
    },

    /** The case a provision belongs to (for a page's redirect after a form), or null. */
    async caseIdOf(pid: string): Promise<string | null> {
      return (await provisionRow(db, pid))?.case_id ?? null;
    },

    /** The case's number, for headings. */
    async caseReference(caseId: string): Promise<string> {
      return (await caseNumberOf(db, caseId)) ?? caseId;
    },

    /** The priority recipients to choose from, each with its sector (R-PRI-4). */
    async recipientChoices(actor: Actor) {
      if (!isStaff(actor)) throw notFound();
      return priorityRecipients(db);
    },
  };

  return {
    ...service,
    /**
     * For the case page and the finder's report page (R-PRI-5): what this caller may see of the
     * case's provisions, in short; null when the caller may not see them at all.
     */
    async summary(actor: Actor, caseId: string): Promise<PrioritySummary | null> {
      try {
        return summarize(actor, caseId, await service.ofCase(actor, caseId));
      } catch (error) {
        if (error instanceof ProblemError && error.status === 404) return null;
        throw error;
      }
    },
  };
}

export type PriorityService = ReturnType<typeof createPriorityService>;
