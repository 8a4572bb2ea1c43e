import { type Selectable, sql } from "kysely";
import type { Db, Executor } from "../../platform/db/database.ts";
import type { MemberRole, OrganizationsTable, OrganizationType } from "../../platform/db/schema.ts";
import { decodeCursor, page } from "../../platform/http/pagination.ts";
import { forbidden, notFound, ProblemError } from "../../platform/http/problem.ts";
import type { Language } from "../../platform/i18n/i18n.ts";
import { newId } from "../../platform/ids.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import { type Actor, isSignedIn } from "../access/actor.ts";
import { can, rolesOf } from "../access/capabilities.ts";
import type { AccountsService } from "../accounts/accounts.service.ts";
import type { Audit } from "../audit/audit.ts";
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
import type {
  ChangeView,
  CreateOrganizationInput,
  MemberView,
  OrganizationView,
  UpdateOrganizationInput,
} from "./organizations.schemas.ts";
import { inspectPublicKey } from "./pgp.ts";

type OrganizationRow = Selectable<OrganizationsTable>;

export function presentOrganization(row: OrganizationRow): OrganizationView {
  const contactEmails = JSON.parse(row.contact_emails) as string[];
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    contactEmail: contactEmails[0] ?? null,
    contactEmails,
    pgpPublicKey: row.pgp_public_key,
    pgpFingerprint: row.pgp_fingerprint,
    products: JSON.parse(row.products),
    keywords: JSON.parse(row.keywords),
    domains: JSON.parse(row.domains),
    sector: row.sector,
    nda:
      row.nda_signed_at && row.nda_version && row.nda_recorded_at && row.nda_recorded_by
        ? {
            signedAt: row.nda_signed_at,
            version: row.nda_version,
            recordedAt: row.nda_recorded_at,
            recordedBy: row.nda_recorded_by,
          }
        : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The organization's stored fields as the API names them, for the change history. */
function comparable(view: OrganizationView): Record<string, unknown> {
  return {
    name: view.name,
    contactEmails: view.contactEmails,
    pgpFingerprint: view.pgpFingerprint,
    products: view.products,
    keywords: view.keywords,
    domains: view.domains,
    sector: view.sector,
    nda: view.nda ? { signedAt: view.nda.signedAt, version: view.nda.version } : null,
  };
}

function differences(before: Record<string, unknown>, after: Record<string, unknown>) {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      changes[key] = { from: before[key], to: after[key] };
  }
  return changes;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}

export function createOrganizationsService(deps: {
  db: Db;
  audit: Audit;
  clock: Clock;
  accounts: AccountsService;
}) {
  const { db, audit, clock, accounts } = deps;
  const iso = () => clock.now().toISOString();

  async function load(executor: Executor, id: string): Promise<OrganizationRow | undefined> {
    return executor.selectFrom("organizations").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /** The organization if the actor may see it; otherwise 404, as if it did not exist. */
  async function loadVisible(
    actor: Actor,
    id: string,
    executor: Executor = db,
  ): Promise<OrganizationRow> {
    const row = await load(executor, id);
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
    changes: Record<string, { from: unknown; to: unknown }>,
  ) {
    if (Object.keys(changes).length === 0) return;
    await tx
      .insertInto("organization_changes")
      .values({
        id: newId(),
        organization_id: organizationId,
        changed_by: actor.kind === "user" ? actor.userId : "system",
        changed_at: iso(),
        changes: JSON.stringify(changes),
      })
      .execute();
  }

  return {
    async create(actor: Actor, input: CreateOrganizationInput): Promise<{ id: string }> {
      if (!canCreateOrganization(actor, input.type)) {
        throw forbidden(`You may not create ${input.type} organizations.`);
      }
      // As update() does: a sector belongs to priority recipients only.
      if (input.sector !== undefined && input.type !== "priority_recipient") {
        throw new ProblemError(422, "invalid_input", "Only priority recipients have a sector.", [
          { path: "sector", message: "not applicable" },
        ]);
      }
      const key = await checkedKey(input.pgpPublicKey);
      const contactEmails = [...new Set([input.contactEmail, ...(input.contactEmails ?? [])])];
      const id = newId();
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto("organizations")
          .values({
            id,
            type: input.type,
            name: input.name,
            contact_emails: JSON.stringify(contactEmails),
            pgp_public_key: key?.armored ?? null,
            pgp_fingerprint: key?.fingerprint ?? null,
            products: JSON.stringify(input.products ?? []),
            keywords: JSON.stringify(input.keywords ?? []),
            domains: JSON.stringify(input.domains ?? []),
            sector: input.sector ?? null,
            nda_signed_at: null,
            nda_version: null,
            nda_recorded_by: null,
            nda_recorded_at: null,
            created_at: iso(),
            updated_at: iso(),
          })
          .execute();
        await audit.record(tx, actor, {
          type: "organization.created",
          subjectType: "organization",
          subjectId: id,
          details: { type: input.type },
        });
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
          const existing = await tx
            .selectFrom("organizations")
            .select("id")
            .where("type", "=", type)
            .orderBy("created_at")
            .executeTakeFirst();
          if (existing) return existing.id;
          const id = newId();
          await tx
            .insertInto("organizations")
            .values({
              id,
              type,
              name,
              contact_emails: "[]",
              pgp_public_key: null,
              pgp_fingerprint: null,
              products: "[]",
              keywords: "[]",
              domains: "[]",
              sector: null,
              nda_signed_at: null,
              nda_version: null,
              nda_recorded_by: null,
              nda_recorded_at: null,
              created_at: iso(),
              updated_at: iso(),
            })
            .execute();
          await audit.record(tx, actor, {
            type: "organization.created",
            subjectType: "organization",
            subjectId: id,
            details: { type },
          });
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
    ) {
      if (!can(actor, "directory.read"))
        throw forbidden("The directory is for intake and coordinator staff.");
      const after = decodeCursor(query.cursor, 2);
      let select = db.selectFrom("organizations").selectAll();
      if (query.type) select = select.where("type", "=", query.type);
      if (query.q) {
        const pattern = `%${escapeLike(query.q.toLowerCase())}%`;
        select = select.where((eb) =>
          eb.or([
            // SQLite has no default LIKE escape character: name it, or "\\_" never matches "_".
            ...(["name", "products", "keywords", "domains"] as const).map(
              (column) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`,
            ),
          ]),
        );
      }
      if (after) {
        const [name, id] = after as [string, string];
        select = select.where((eb) =>
          eb.or([eb("name", ">", name), eb.and([eb("name", "=", name), eb("id", ">", id)])]),
        );
      }
      const rows = await select
        .orderBy("name")
        .orderBy("id")
        .limit(query.limit + 1)
        .execute();
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
        ) {
          throw new ProblemError(422, "invalid_input", "Only priority recipients have a sector.", [
            { path: "sector", message: "not applicable" },
          ]);
        }
        const before = presentOrganization(row);
        const contactEmails =
          input.contactEmails ??
          (input.contactEmail
            ? [input.contactEmail, ...before.contactEmails.filter((e) => e !== input.contactEmail)]
            : undefined);
        await tx
          .updateTable("organizations")
          .set({
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
            updated_at: iso(),
          })
          .where("id", "=", id)
          .execute();
        const after = presentOrganization((await load(tx, id)) as OrganizationRow);
        const changes = differences(comparable(before), comparable(after));
        await recordChange(tx, actor, id, changes);
        await audit.record(tx, actor, {
          type: "organization.updated",
          subjectType: "organization",
          subjectId: id,
          details: { fields: Object.keys(changes) },
        });
        return after;
      });
    },

    async changes(actor: Actor, id: string): Promise<ChangeView[]> {
      const row = await loadVisible(actor, id);
      if (!canReadChanges(actor, row))
        throw forbidden("You may not see this organization's change history.");
      const rows = await db
        .selectFrom("organization_changes")
        .leftJoin("users", "users.id", "organization_changes.changed_by")
        .select([
          "organization_changes.id",
          "changed_at",
          "changed_by",
          "changes",
          "users.name as changed_by_name",
        ])
        .where("organization_id", "=", id)
        .orderBy("changed_at", "desc")
        .orderBy("organization_changes.id", "desc")
        .execute();
      return rows.map((change) => ({
        id: change.id,
        changedAt: change.changed_at,
        changedBy: { id: change.changed_by, name: change.changed_by_name ?? "operator" },
        changes: JSON.parse(change.changes),
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
          throw new ProblemError(422, "invalid_input", "NDAs are recorded for vendors.", [
            { path: "organizationId", message: "not a vendor" },
          ]);
        }
        const before = presentOrganization(row);
        const signedAt = new Date(input.signedAt).toISOString();
        await tx
          .updateTable("organizations")
          .set({
            nda_signed_at: signedAt,
            nda_version: input.version,
            nda_recorded_by: actor.kind === "user" ? actor.userId : "system",
            nda_recorded_at: iso(),
            updated_at: iso(),
          })
          .where("id", "=", id)
          .execute();
        const after = presentOrganization((await load(tx, id)) as OrganizationRow);
        await recordChange(tx, actor, id, differences(comparable(before), comparable(after)));
        await audit.record(tx, actor, {
          type: "organization.nda_recorded",
          subjectType: "organization",
          subjectId: id,
          details: { version: input.version },
        });
        return after;
      });
    },

    async members(actor: Actor, id: string): Promise<MemberView[]> {
      const row = await loadVisible(actor, id);
      if (!canListMembers(actor, row))
        throw forbidden("You may not see this organization's members.");
      const rows = await db
        .selectFrom("memberships")
        .innerJoin("users", "users.id", "memberships.user_id")
        .select([
          "users.id",
          "users.email",
          "users.name",
          "users.password_hash",
          "users.totp_enabled_at",
          "memberships.role",
          "memberships.created_at",
        ])
        .where("memberships.organization_id", "=", id)
        .orderBy("users.name")
        .execute();
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
          throw new ProblemError(
            422,
            "invalid_input",
            `A ${row.type} organization has no role ${input.role}.`,
            [{ path: "role", message: "not a role of this organization type" }],
          );
        }
        const existing = await tx
          .selectFrom("users")
          .leftJoin("memberships", "memberships.user_id", "users.id")
          .select(["users.id", "memberships.organization_id"])
          .where("users.email", "=", input.email)
          .executeTakeFirst();
        // One answer whether the address belongs to another organization or to someone's own
        // account: nobody is put into an organization without agreeing, and the refusal does
        // not tell an admin who has an account here.
        if (existing) {
          throw new ProblemError(
            409,
            "cannot_invite",
            "This address cannot be invited; the person can ask the intake desk to join the organization.",
          );
        }
        const language: Language =
          input.language ?? (actor.kind === "user" ? actor.language : "ja");
        const userId = newId();
        await tx
          .insertInto("users")
          .values({
            id: userId,
            email: input.email,
            name: input.name,
            language,
            password_hash: null,
            email_verified_at: null,
            totp_secret_sealed: null,
            totp_enabled_at: null,
            totp_last_step: null,
            locked_until: null,
            created_at: iso(),
            updated_at: iso(),
          })
          .execute();
        await tx
          .insertInto("memberships")
          .values({ user_id: userId, organization_id: id, role: input.role, created_at: iso() })
          .execute();
        await accounts.sendInvitation(
          tx,
          { id: userId, email: input.email, name: input.name, language },
          row.name,
        );
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
        const membership = await tx
          .selectFrom("memberships")
          .innerJoin("users", "users.id", "memberships.user_id")
          .select(["users.email", "memberships.role"])
          .where("memberships.user_id", "=", userId)
          .where("memberships.organization_id", "=", id)
          .executeTakeFirst();
        if (!membership) throw notFound();
        await tx
          .deleteFrom("case_members")
          .where("user_id", "=", userId)
          .where("organization_id", "=", id)
          .execute();
        await tx.deleteFrom("memberships").where("user_id", "=", userId).execute();
        // Sessions carried the organization's rights: end them.
        await tx
          .updateTable("sessions")
          .set({ revoked_at: iso() })
          .where("user_id", "=", userId)
          .where("revoked_at", "is", null)
          .execute();
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
