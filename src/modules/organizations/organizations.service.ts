import type { Db, Executor } from "../../platform/db/database.ts";
import type { MemberRole, OrganizationType } from "../../platform/db/schema.ts";
import { decodeCursor, page } from "../../platform/http/pagination.ts";
import { forbidden, invalidInput, notFound, ProblemError } from "../../platform/http/problem.ts";
import type { Language } from "../../platform/i18n/i18n.ts";
import { newId } from "../../platform/ids.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import { type Actor, isSignedIn } from "../access/actor.ts";
import { can, rolesOf } from "../access/capabilities.ts";
import { removeCaseAssignmentsOf } from "../access/case-membership.ts";
import type { AccountsService } from "../accounts/accounts.service.ts";
import type { Audit } from "../audit/audit.ts";
import type { AuditType } from "../audit/audit-types.ts";
import { recordPaperNda } from "./nda.service.ts";
import {
  administersType,
  canCreateOrganization,
  canListMembers,
  canManageMembers,
  canReadChanges,
  canReadOrganization,
  canRecordNda,
  canUpdateOrganization,
} from "./organizations.policy.ts";
import { differences, type FieldChanges, presentOrganization } from "./organizations.presenter.ts";
import {
  accountExists,
  addMembership,
  createOrganization,
  findMembership,
  findOrganization,
  firstOrganizationOfType,
  insertOrganizationChange,
  listOrganizations,
  membersOf,
  type OrganizationChanges,
  type OrganizationRow,
  organizationChanges,
  removeMembership,
  updateOrganization,
} from "./organizations.repository.ts";
import {
  type ChangeView,
  type CreateOrganizationInput,
  changeView,
  type MemberView,
  type OrganizationList,
  type OrganizationView,
  type UpdateOrganizationInput,
} from "./organizations.schemas.ts";
import { inspectPublicKey } from "./pgp.ts";

/** Only priority recipients have a sector. */
const sectorNotApplicable = () =>
  invalidInput(
    [{ path: "sector", message: "not applicable" }],
    "Only priority recipients have a sector.",
  );

const changedBy = (actor: Actor) => (actor.kind === "user" ? actor.userId : "system");

export function createOrganizationsService(deps: {
  db: Db;
  audit: Audit;
  clock: Clock;
  accounts: AccountsService;
}) {
  const { db, audit, clock, accounts } = deps;
  const iso = () => clock.now().toISOString();

  /** The organization if the actor may see it; otherwise 404, as if it did not exist. */
  async function loadVisible(
    actor: Actor,
    id: string,
    executor: Executor = db,
  ): Promise<OrganizationRow> {
    const row = await findOrganization(executor, id);
    if (!row || !canReadOrganization(actor, row)) throw notFound();
    return row;
  }

  async function checkedKey(armored: string | null | undefined) {
    if (armored === undefined || armored === null || armored.trim() === "") return null;
    return inspectPublicKey(armored, clock.now());
  }

  async function recordChange(
    tx: Executor,
    actor: Actor,
    organizationId: string,
    changes: FieldChanges,
  ) {
    if (Object.keys(changes).length === 0) return;
    await insertOrganizationChange(tx, {
      organizationId,
      changedBy: changedBy(actor),
      at: iso(),
      changes,
    });
  }

  /** Writes a change to the record, keeps its history and audits it; answers the new view. */
  async function change(
    tx: Executor,
    actor: Actor,
    row: OrganizationRow,
    stored: OrganizationChanges,
    auditEntry: { type: AuditType; details: (changes: FieldChanges) => Record<string, unknown> },
  ): Promise<OrganizationView> {
    await updateOrganization(tx, row.id, stored, iso());
    const after = presentOrganization((await findOrganization(tx, row.id)) as OrganizationRow);
    const changes = differences(presentOrganization(row), after);
    await recordChange(tx, actor, row.id, changes);
    await audit.record(tx, actor, {
      type: auditEntry.type,
      subjectType: "organization",
      subjectId: row.id,
      details: auditEntry.details(changes),
    });
    return after;
  }

  async function auditCreated(tx: Executor, actor: Actor, id: string, type: OrganizationType) {
    await audit.record(tx, actor, {
      type: "organization.created",
      subjectType: "organization",
      subjectId: id,
      details: { type },
    });
  }

  return {
    async create(actor: Actor, input: CreateOrganizationInput): Promise<{ id: string }> {
      if (!canCreateOrganization(actor, input.type)) {
        throw forbidden(`You may not create ${input.type} organizations.`);
      }
      // As update() does: a sector belongs to priority recipients only.
      if (input.sector !== undefined && input.type !== "priority_recipient")
        throw sectorNotApplicable();
      const key = await checkedKey(input.pgpPublicKey);
      const id = newId();
      await db.transaction().execute(async (tx) => {
        await createOrganization(tx, {
          ...input,
          id,
          contactEmails: [...new Set([input.contactEmail, ...(input.contactEmails ?? [])])],
          pgpPublicKey: key,
          at: iso(),
        });
        await auditCreated(tx, actor, id, input.type);
      });
      return { id };
    },

    /** First run: the one intake and the one coordinator organization (idempotent). */
    async ensureDeskOrganizations(
      actor: Actor,
      names: { intake: string; coordinator: string },
    ): Promise<{ intakeOrganizationId: string; coordinatorOrganizationId: string }> {
      return db.transaction().execute(async (tx) => {
        const ensure = async (type: "intake" | "coordinator", name: string) => {
          const existing = await firstOrganizationOfType(tx, type);
          if (existing) return existing;
          const id = newId();
          await createOrganization(tx, { id, type, name, contactEmails: [], at: iso() });
          await auditCreated(tx, actor, id, type);
          return id;
        };
        return {
          intakeOrganizationId: await ensure("intake", names.intake),
          coordinatorOrganizationId: await ensure("coordinator", names.coordinator),
        };
      });
    },

    async list(
      actor: Actor,
      query: {
        type?: OrganizationType | undefined;
        q?: string | undefined;
        limit: number;
        cursor?: string | undefined;
      },
    ): Promise<OrganizationList> {
      if (!can(actor, "directory.read"))
        throw forbidden("The directory is for intake and coordinator staff.");
      const after = decodeCursor(query.cursor, 2) as [string, string] | null;
      const rows = await listOrganizations(db, {
        type: query.type,
        q: query.q,
        after,
        limit: query.limit + 1,
      });
      const result = page(rows, query.limit, (row) => [row.name, row.id]);
      return { items: result.items.map(presentOrganization), nextCursor: result.nextCursor };
    },

    async get(actor: Actor, id: string): Promise<OrganizationView> {
      return presentOrganization(await loadVisible(actor, id));
    },

    async update(
      actor: Actor,
      id: string,
      input: UpdateOrganizationInput,
    ): Promise<OrganizationView> {
      const fields = Object.keys(input).filter(
        (key) => input[key as keyof UpdateOrganizationInput] !== undefined,
      );
      // Who may see it first (404 before any validation message), then the key, then the write.
      await loadVisible(actor, id);
      const key =
        input.pgpPublicKey !== undefined ? await checkedKey(input.pgpPublicKey) : undefined;
      return db.transaction().execute(async (tx) => {
        const row = await loadVisible(actor, id, tx);
        if (!canUpdateOrganization(actor, row, fields)) {
          throw forbidden(
            administersType(actor, row.type) ||
              !isSignedIn(actor) ||
              actor.organization?.id !== row.id ||
              actor.role !== "admin"
              ? "You may not change this organization."
              : "An organization's admin may change its contact e-mails, PGP key, products, keywords and domains only.",
          );
        }
        if (
          input.sector !== undefined &&
          input.sector !== null &&
          row.type !== "priority_recipient"
        )
          throw sectorNotApplicable();
        const before = presentOrganization(row);
        const contactEmails =
          input.contactEmails ??
          (input.contactEmail
            ? [input.contactEmail, ...before.contactEmails.filter((e) => e !== input.contactEmail)]
            : undefined);
        const stored: OrganizationChanges = {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(contactEmails !== undefined
            ? { contact_emails: JSON.stringify([...new Set(contactEmails)]) }
            : {}),
          ...(key !== undefined
            ? { pgp_public_key: key?.armored ?? null, pgp_fingerprint: key?.fingerprint ?? null }
            : {}),
          ...(input.products !== undefined ? { products: JSON.stringify(input.products) } : {}),
          ...(input.keywords !== undefined ? { keywords: JSON.stringify(input.keywords) } : {}),
          ...(input.domains !== undefined ? { domains: JSON.stringify(input.domains) } : {}),
          ...(input.sector !== undefined ? { sector: input.sector } : {}),
        };
        return change(tx, actor, row, stored, {
          type: "organization.updated",
          details: (changes) => ({ fields: Object.keys(changes) }),
        });
      });
    },

    async changes(actor: Actor, id: string): Promise<ChangeView[]> {
      const row = await loadVisible(actor, id);
      if (!canReadChanges(actor, row))
        throw forbidden("You may not see this organization's change history.");
      const rows = await organizationChanges(db, id);
      return rows.map((entry) => ({
        id: entry.id,
        changedAt: entry.changed_at,
        changedBy: { id: entry.changed_by, name: entry.changed_by_name ?? "operator" },
        changes: changeView.shape.changes.parse(JSON.parse(entry.changes)),
      }));
    },

    async recordNda(
      actor: Actor,
      id: string,
      input: { signedAt: string; version: string },
    ): Promise<OrganizationView> {
      return db.transaction().execute(async (tx) => {
        const row = await loadVisible(actor, id, tx);
        if (!canRecordNda(actor)) throw forbidden("Only the coordinator records NDAs.");
        if (row.type !== "vendor") {
          throw invalidInput(
            [{ path: "organizationId", message: "not a vendor" }],
            "NDAs are recorded for vendors.",
          );
        }
        const signedAt = new Date(input.signedAt).toISOString();
        // Kept among the organization's NDA records, beside those accepted in the application.
        await recordPaperNda(tx, {
          organizationId: row.id,
          version: input.version,
          signedAt,
          recordedBy: changedBy(actor),
          at: iso(),
        });
        const stored: OrganizationChanges = {
          nda_signed_at: signedAt,
          nda_version: input.version,
          nda_recorded_by: changedBy(actor),
          nda_recorded_at: iso(),
        };
        return change(tx, actor, row, stored, {
          type: "organization.nda_recorded",
          details: () => ({ version: input.version }),
        });
      });
    },

    async members(actor: Actor, id: string): Promise<MemberView[]> {
      const row = await loadVisible(actor, id);
      if (!canListMembers(actor, row))
        throw forbidden("You may not see this organization's members.");
      const rows = await membersOf(db, id);
      return rows.map((member) => ({
        userId: member.id,
        email: member.email,
        name: member.name,
        role: member.role,
        status: member.password_hash ? "active" : "invited",
        twoFactorEnabled: member.totp_enabled_at !== null,
        joinedAt: member.created_at,
      }));
    },

    async inviteMember(
      actor: Actor,
      id: string,
      input: { email: string; name: string; role: MemberRole; language?: Language },
    ): Promise<{ userId: string }> {
      return db.transaction().execute(async (tx) => {
        const row = await loadVisible(actor, id, tx);
        if (!canManageMembers(actor, row))
          throw forbidden(
            "Only the organization's admins (or the staff who keep it) invite members.",
          );
        if (!rolesOf(row.type).includes(input.role)) {
          throw invalidInput(
            [{ path: "role", message: "not a role of this organization type" }],
            `A ${row.type} organization has no role ${input.role}.`,
          );
        }
        // One answer whether the address belongs to another organization or to someone's own
        // account: nobody is put into an organization without agreeing, and the refusal does
        // not tell an admin who has an account here.
        if (await accountExists(tx, input.email)) {
          throw new ProblemError(
            409,
            "cannot_invite",
            "This address cannot be invited; the person can ask the intake desk to join the organization.",
          );
        }
        const language: Language =
          input.language ?? (actor.kind === "user" ? actor.language : "ja");
        const invitee = { email: input.email, name: input.name, language };
        const userId = await accounts.createInvitedUser(tx, invitee);
        await addMembership(tx, { userId, organizationId: id, role: input.role, at: iso() });
        await accounts.sendInvitation(tx, { id: userId, ...invitee }, row.name);
        await recordChange(tx, actor, id, {
          members: { from: null, to: { added: input.email, role: input.role } },
        });
        await audit.record(tx, actor, {
          type: "organization.member_added",
          subjectType: "organization",
          subjectId: id,
          details: { userId, role: input.role },
        });
        return { userId };
      });
    },

    async removeMember(actor: Actor, id: string, userId: string): Promise<void> {
      await db.transaction().execute(async (tx) => {
        const row = await loadVisible(actor, id, tx);
        if (!canManageMembers(actor, row))
          throw forbidden(
            "Only the organization's admins (or the staff who keep it) remove members.",
          );
        if (actor.kind === "user" && actor.userId === userId) {
          throw new ProblemError(409, "cannot_remove_self", "Ask another admin to remove you.");
        }
        const membership = await findMembership(tx, id, userId);
        if (!membership) throw notFound();
        await removeCaseAssignmentsOf(tx, { userId, organizationId: id });
        await removeMembership(tx, userId);
        // Sessions carried the organization's rights: end them.
        await accounts.endSessionsOf(tx, userId);
        await recordChange(tx, actor, id, {
          members: { from: { removed: membership.email, role: membership.role }, to: null },
        });
        await audit.record(tx, actor, {
          type: "organization.member_removed",
          subjectType: "organization",
          subjectId: id,
          details: { userId },
        });
      });
    },
  };
}

export type OrganizationsService = ReturnType<typeof createOrganizationsService>;
