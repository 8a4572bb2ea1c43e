/**
 * Priority provision, the recipients' side (R-PRI-3, R-PRI-5, R-SEC-6): a recipient
 * organization that accepted its NDA in the application reads the packages delivered to it —
 * its admins and contact points, and the members its admin assigned to the delivery — each
 * copy marked for it, each read logged; nothing after the case's publication or a revocation
 * (404, as for anyone else). The desk's trace tool reads a leaked copy back to its delivery.
 */
import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Db, Executor } from "../../platform/db/database.ts";
import {
  invalidInput,
  notFound,
  ProblemError,
  unauthenticated,
} from "../../platform/http/problem.ts";
import { formatInstant, translator } from "../../platform/i18n/i18n.ts";
import { newId } from "../../platform/ids.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import type { MailOutbox } from "../../platform/mail/outbox.ts";
import { packagesReadable } from "../../workflow/priority-provision/index.ts";
import type { WorkflowStore } from "../../workflow/store.ts";
import { type Actor, isSignedIn, type UserActor } from "../access/actor.ts";
import type { Audit } from "../audit/audit.ts";
import { createNotifier } from "../notifications/notify.ts";
import { isIntakeStaff } from "../reports/reports.policy.ts";
import { hasPartialMark, markFileName, markText, readCopyCodes } from "./copy-marks.ts";
import { caseIsPublic, isRecipient } from "./priority.access.ts";
import {
  acceptedNdaInApp,
  caseSummaries,
  copiesOfOrganization,
  copiesWithCodes,
  copyOf,
  deliveryMemberIds,
  fileRow,
  filesOf,
  insertRead,
  membersOfOrganization,
  organizationsByIds,
  packageRow,
  setDeliveryMembers,
} from "./priority.repository.ts";
import { deliveryReference, type PackageView, type TraceResult } from "./priority.schemas.ts";
import {
  packageBody,
  packageFileContent,
  packageFileName,
  packageTitle,
} from "./priority.sealed.ts";

type Recipient = UserActor & { organization: NonNullable<UserActor["organization"]> };

export function createPriorityRecipients(deps: {
  db: Db;
  cipher: FieldCipher;
  clock: Clock;
  audit: Audit;
  workflow: WorkflowStore;
  mail: MailOutbox;
  publicUrl: string;
}) {
  const { db, cipher, clock, audit, workflow } = deps;
  const notify = createNotifier(deps);

  /** What a recipient may know of the case: the title the desk gave it, the planned publication. */
  async function concerning(executor: Executor, caseIds: string[]) {
    const rows = await caseSummaries(executor, [...new Set(caseIds)]);
    return new Map(
      rows.map((row) => [row.id, { caseTitle: row.title, plannedPublicationAt: row.publish_at }]),
    );
  }

  /** Whether the provision's packages may be read now: sent, not ended, the case not public. */
  async function deliveryOpen(executor: Executor, provisionId: string): Promise<boolean> {
    const provision = await workflow.load(executor, "priority_provision", provisionId);
    if (!provision || !packagesReadable(provision.state) || !provision.state.caseId) return false;
    const kase = await workflow.load(executor, "case", provision.state.caseId);
    return kase !== null && !caseIsPublic(kase.state);
  }

  /** The organization's admins and contact points see its deliveries; others when assigned. */
  async function mayRead(executor: Executor, actor: Recipient, provisionId: string) {
    if (actor.role === "admin") return true;
    const [org] = await organizationsByIds(executor, [actor.organization.id]);
    const contacts = (JSON.parse(org?.contact_emails ?? "[]") as string[]).map((e) =>
      e.toLowerCase(),
    );
    if (contacts.includes(actor.email.toLowerCase())) return true;
    return (await deliveryMemberIds(executor, provisionId, actor.organization.id)).includes(
      actor.userId,
    );
  }

  /** The caller's copy of a package, or 404 (the same for "not yours" and "no more"). */
  async function readableCopy(executor: Executor, actor: Actor, packageId: string) {
    if (!isSignedIn(actor)) throw unauthenticated();
    if (!isRecipient(actor) || !actor.organization) throw notFound();
    const recipient = actor as Recipient;
    const copy = await copyOf(executor, packageId, recipient.organization.id);
    if (!copy) throw notFound();
    const nda = await acceptedNdaInApp(executor, [recipient.organization.id]);
    if (!nda.has(recipient.organization.id)) throw notFound();
    if (!(await deliveryOpen(executor, copy.provision_id))) throw notFound();
    if (!(await mayRead(executor, recipient, copy.provision_id))) throw notFound();
    return { copy, recipient };
  }

  function recipientLine(actor: UserActor, orgName: string, deliveredAt: string, code: string) {
    return translator(actor.language)("priority.copy.recipientLine", {
      organization: orgName,
      date: formatInstant(new Date(deliveredAt), actor.language),
      code,
    });
  }

  return {
    /** The packages delivered to the caller's organization that it may read now. */
    async list(actor: Actor) {
      if (!isSignedIn(actor)) throw unauthenticated();
      if (!isRecipient(actor) || !actor.organization) throw notFound();
      const recipient = actor as Recipient;
      const nda = await acceptedNdaInApp(db, [recipient.organization.id]);
      if (!nda.has(recipient.organization.id)) return [];
      const rows = await copiesOfOrganization(db, recipient.organization.id);
      const cases = await concerning(
        db,
        rows.map((row) => row.case_id),
      );
      const items = [];
      for (const row of rows) {
        if (!(await deliveryOpen(db, row.provision_id))) continue;
        if (!(await mayRead(db, recipient, row.provision_id))) continue;
        items.push({
          id: row.package_id,
          kind: row.kind as PackageView["kind"],
          title: packageTitle.open(cipher, row.package_id, row.title_sealed),
          deliveredAt: row.delivered_at,
          copyCode: row.code,
          reference: deliveryReference(row.provision_id),
          caseTitle: cases.get(row.case_id)?.caseTitle ?? "",
          plannedPublicationAt: cases.get(row.case_id)?.plannedPublicationAt ?? null,
        });
      }
      return items;
    },

    /** The caller's marked copy; the read is logged (audit and the delivery's reads). */
    async get(actor: Actor, packageId: string): Promise<PackageView> {
      return db.transaction().execute(async (tx) => {
        const { copy, recipient } = await readableCopy(tx, actor, packageId);
        const pkg = await packageRow(tx, packageId);
        if (!pkg) throw notFound();
        const files = await filesOf(tx, [packageId]);
        const provision = await workflow.load(tx, "priority_provision", copy.provision_id);
        const caseId = provision?.state.caseId ?? "";
        const about = (await concerning(tx, [caseId])).get(caseId);
        const at = clock.now().toISOString();
        await insertRead(tx, {
          id: newId(),
          copy_id: copy.id,
          user_id: recipient.userId,
          file_id: null,
          read_at: at,
        });
        await audit.record(tx, recipient, {
          type: "priority.package_read",
          subjectType: "priority_package",
          subjectId: packageId,
          details: { copyCode: copy.code, provisionId: copy.provision_id },
        });
        const assigned =
          recipient.role === "admin"
            ? {
                assignedUserIds: await deliveryMemberIds(
                  tx,
                  copy.provision_id,
                  recipient.organization.id,
                ),
              }
            : {};
        return {
          id: packageId,
          kind: pkg.kind as PackageView["kind"],
          title: packageTitle.open(cipher, pkg.id, pkg.title_sealed),
          deliveredAt: copy.delivered_at,
          copyCode: copy.code,
          reference: deliveryReference(copy.provision_id),
          caseTitle: about?.caseTitle ?? "",
          plannedPublicationAt: about?.plannedPublicationAt ?? null,
          recipientLine: recipientLine(
            recipient,
            recipient.organization.name,
            copy.delivered_at,
            copy.code,
          ),
          body: markText(packageBody.open(cipher, pkg.id, pkg.body_sealed), copy.code),
          files: files.map((f) => ({
            id: f.id,
            name: markFileName(packageFileName.open(cipher, f.id, f.name_sealed), copy.code),
            mediaType: f.media_type,
            size: Number(f.size),
          })),
          organization: { id: recipient.organization.id, name: recipient.organization.name },
          ...assigned,
        };
      });
    },

    /** One file of the caller's copy, under its marked name; the download is logged. */
    async download(actor: Actor, packageId: string, fileId: string) {
      return db.transaction().execute(async (tx) => {
        const { copy, recipient } = await readableCopy(tx, actor, packageId);
        const file = await fileRow(tx, packageId, fileId);
        if (!file) throw notFound();
        await insertRead(tx, {
          id: newId(),
          copy_id: copy.id,
          user_id: recipient.userId,
          file_id: fileId,
          read_at: clock.now().toISOString(),
        });
        await audit.record(tx, recipient, {
          type: "priority.package_file_read",
          subjectType: "priority_package",
          subjectId: packageId,
          details: { copyCode: copy.code, fileId },
        });
        return {
          name: markFileName(packageFileName.open(cipher, file.id, file.name_sealed), copy.code),
          bytes: packageFileContent.open(cipher, file.id, file.content_sealed),
        };
      });
    },

    /** R-SEC-6: the recipient's admin names who else in the organization reads this delivery. */
    async setMembers(actor: Actor, packageId: string, userIds: string[]) {
      return db.transaction().execute(async (tx) => {
        const { copy, recipient } = await readableCopy(tx, actor, packageId);
        if (recipient.role !== "admin")
          throw new ProblemError(403, "forbidden", "The organization's admin assigns members.");
        const members = await membersOfOrganization(tx, recipient.organization.id);
        const unknown = userIds.filter((id) => !members.some((m) => m.id === id));
        if (unknown.length > 0)
          throw invalidInput(
            unknown.map((id) => ({ path: "userIds", message: `${id} is not a member` })),
          );
        const before = new Set(
          await deliveryMemberIds(tx, copy.provision_id, recipient.organization.id),
        );
        await setDeliveryMembers(tx, {
          provisionId: copy.provision_id,
          organizationId: recipient.organization.id,
          userIds,
          assignedBy: recipient.userId,
          at: clock.now().toISOString(),
        });
        await audit.record(tx, recipient, {
          type: "priority.members_set",
          subjectType: "priority_package",
          subjectId: packageId,
          details: { provisionId: copy.provision_id, userIds },
        });
        // Each newly assigned member hears that a delivery waits for them (a notice to sign in).
        for (const userId of new Set(userIds)) {
          if (before.has(userId)) continue;
          await notify(
            tx,
            { userId },
            {
              kind: "priority_provision",
              event: {
                what: "priority.notice.assigned",
                reference: deliveryReference(copy.provision_id),
                link: `${deps.publicUrl}/priority-packages/${encodeURIComponent(packageId)}`,
              },
            },
          );
        }
        return {
          userIds: await deliveryMemberIds(tx, copy.provision_id, recipient.organization.id),
        };
      });
    },

    /** Whether the caller's organization accepted its NDA in the app (the empty page says so). */
    async ndaAccepted(actor: Actor): Promise<boolean> {
      if (!isRecipient(actor) || !actor.organization) return false;
      return (await acceptedNdaInApp(db, [actor.organization.id])).has(actor.organization.id);
    },

    /** The organization's members, for the admin's assignment form. */
    async members(actor: Actor) {
      if (!isRecipient(actor) || !actor.organization || actor.role !== "admin") return [];
      return membersOfOrganization(db, actor.organization.id);
    },

    /** The desk reads a pasted text or file name back to the copies it came from. */
    async trace(actor: Actor, text: string): Promise<TraceResult> {
      if (!isSignedIn(actor)) throw unauthenticated();
      if (!isIntakeStaff(actor))
        throw new ProblemError(403, "forbidden", "The intake desk traces copies.");
      const codes = readCopyCodes(text);
      return db.transaction().execute(async (tx) => {
        const rows = await copiesWithCodes(tx, codes);
        await audit.record(tx, actor, {
          type: "priority.traced",
          subjectType: "priority_copy",
          subjectId: codes[0] ?? "none",
          details: { codes },
        });
        return {
          matches: rows.map((row) => ({
            copyCode: row.code,
            organization: { id: row.organization_id, name: row.name, sector: row.sector },
            provisionId: row.provision_id,
            caseId: row.case_id,
            packageId: row.package_id,
            deliveredAt: row.delivered_at,
          })),
          unknownCodes: codes.filter((code) => !rows.some((row) => row.code === code)),
          partialMark: hasPartialMark(text),
        };
      });
    },
  };
}

export type PriorityRecipients = ReturnType<typeof createPriorityRecipients>;
