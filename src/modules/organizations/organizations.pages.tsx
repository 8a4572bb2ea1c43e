import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { type ZodError, z } from "zod";
import type { OrganizationType } from "../../platform/db/schema.ts";
import { ProblemError } from "../../platform/http/problem.ts";
import { isLanguage, type MessageKey, type Translate } from "../../platform/i18n/i18n.ts";
import type { FieldError } from "../../web/components.tsx";
import { formFields } from "../../web/forms.ts";
import { DirectoryListPage } from "../../web/pages/directory/directory-list.tsx";
import {
  type DetailForm,
  OrganizationPage,
} from "../../web/pages/directory/organization-detail.tsx";
import { EDIT_FIELDS, type EditField } from "../../web/pages/directory/organization-edit.tsx";
import {
  EMPTY_NEW_ORGANIZATION,
  NewOrganizationPage,
  type NewOrganizationValues,
} from "../../web/pages/directory/organization-new.tsx";
import {
  keywordList,
  lines,
  productList,
  tokyoDayStart,
} from "../../web/pages/directory/shared.tsx";
import { pageContext, sendPage } from "../../web/render.ts";
import { isSignedIn } from "../access/actor.ts";
import { rolesOf } from "../access/capabilities.ts";
import {
  administersType,
  canCreateOrganization,
  canListMembers,
  canManageMembers,
  canReadChanges,
  canRecordNda,
  canUpdateOrganization,
} from "./organizations.policy.ts";
import {
  createOrganizationBody,
  DIRECTORY_TYPES,
  inviteMemberBody,
  ndaBody,
  ORGANIZATION_TYPES,
  type OrganizationView,
  updateOrganizationBody,
} from "./organizations.schemas.ts";
import type { OrganizationsService } from "./organizations.service.ts";

const PAGE_SIZE = 50;

const idParams = z.object({ id: z.string().min(1).max(100) });
const memberParams = z.object({ id: z.string().min(1).max(100), userId: z.string().max(100) });

/** Anything odd in the query is ignored rather than refused: it is a search box. */
const directoryQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  type: z.enum(ORGANIZATION_TYPES).optional().catch(undefined),
  cursor: z.string().max(500).optional().catch(undefined),
});

/** `?saved=1` and the like after a successful form: the notice to show. */
const NOTICES: Record<string, MessageKey> = {
  created: "directory.notice.created",
  saved: "directory.notice.saved",
  nda: "directory.notice.nda",
  invited: "directory.notice.invited",
  removed: "directory.notice.removed",
};

/** Which form field a path of the service's input belongs to. */
const FIELD_OF_PATH: Record<string, string> = {
  type: "type",
  name: "name",
  contactEmail: "contactEmails",
  contactEmails: "contactEmails",
  pgpPublicKey: "pgpPublicKey",
  products: "products",
  keywords: "keywords",
  domains: "domains",
  sector: "sector",
  signedAt: "signedAt",
  version: "version",
  email: "memberEmail",
  role: "memberRole",
};

/** The translated message for a field's problem; `line` (1-based) when a line is to blame. */
function messageFor(t: Translate, field: string, line: number | null): string {
  switch (field) {
    case "type":
      return t("directory.error.type");
    case "name":
      return t("directory.error.name");
    case "contactEmails":
      return line
        ? t("directory.error.contactEmailsLine", { line })
        : t("directory.error.contactEmails");
    case "pgpPublicKey":
      return t("directory.error.pgpPublicKey");
    case "products":
      return line ? t("directory.error.productsLine", { line }) : t("directory.error.products");
    case "keywords":
      return line ? t("directory.error.keywordsItem", { line }) : t("directory.error.keywords");
    case "domains":
      return line ? t("directory.error.domainsLine", { line }) : t("directory.error.domains");
    case "sector":
      return t("directory.error.sector");
    case "signedAt":
      return t("directory.error.signedAt");
    case "version":
      return t("directory.error.version");
    case "memberEmail":
      return t("directory.error.memberEmail");
    case "memberName":
      return t("directory.error.memberName");
    case "memberRole":
      return t("directory.error.memberRole");
    default:
      return t("directory.error.generic");
  }
}

/**
 * One error per form field, translated, in form order. `nameField` says which form field the
 * input's `name` came from (the organization's name, or an invited member's).
 */
function fieldErrors(
  t: Translate,
  problems: { path: (string | number)[] }[],
  options: { nameField?: string; emailLineOffset?: number } = {},
): FieldError[] {
  const seen = new Map<string, FieldError>();
  for (const problem of problems) {
    const [head, index] = problem.path;
    const key = String(head ?? "");
    const field = key === "name" ? (options.nameField ?? "name") : (FIELD_OF_PATH[key] ?? "");
    let line: number | null = typeof index === "number" ? index + 1 : null;
    if (key === "contactEmail") line = 1;
    if (key === "contactEmails" && line !== null) line += options.emailLineOffset ?? 0;
    if (seen.has(field)) continue;
    seen.set(field, { path: field, message: messageFor(t, field, line) });
  }
  return [...seen.values()];
}

function zodProblems(error: ZodError): { path: (string | number)[] }[] {
  return error.issues.map((issue) => ({
    path: issue.path.filter((part): part is string | number => typeof part !== "symbol"),
  }));
}

/** A service refusal that belongs beside the form (invalid input); anything else is rethrown. */
function serviceProblems(error: unknown): { path: (string | number)[] }[] {
  if (error instanceof ProblemError && error.status === 422) {
    return (error.errors ?? [{ path: "", message: error.message }]).map((entry) => ({
      path: entry.path.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
    }));
  }
  throw error;
}

function newValuesOf(body: Record<string, string>): NewOrganizationValues {
  const values = { ...EMPTY_NEW_ORGANIZATION };
  for (const key of Object.keys(values) as (keyof NewOrganizationValues)[]) {
    values[key] = body[key] ?? "";
  }
  return values;
}

export async function registerOrganizationPages(
  app: FastifyInstance,
  deps: { organizations: OrganizationsService },
) {
  const { organizations } = deps;
  const pages = app.withTypeProvider<ZodTypeProvider>();

  const creatableTypes = (request: FastifyRequest): OrganizationType[] =>
    DIRECTORY_TYPES.filter((type) => canCreateOrganization(request.ctx.actor, type));

  pages.get(
    "/directory",
    {
      config: { access: "directory.read" },
      schema: { hide: true, querystring: directoryQuery },
    },
    async (request, reply) => {
      const q = request.query.q ?? "";
      const type = request.query.type;
      const cursor = request.query.cursor || undefined;
      const result = await organizations.list(request.ctx.actor, {
        ...(q ? { q } : {}),
        ...(type ? { type } : {}),
        limit: PAGE_SIZE,
        ...(cursor ? { cursor } : {}),
      });
      const link = (extra: Record<string, string>) => {
        const query = new URLSearchParams({
          ...(q ? { q } : {}),
          ...(type ? { type } : {}),
          ...extra,
        });
        const text = query.toString();
        return text ? `/directory?${text}` : "/directory";
      };
      const page = pageContext(request, reply);
      return sendPage(
        reply,
        page,
        <DirectoryListPage
          page={page}
          items={result.items}
          q={q}
          type={type}
          paged={cursor !== undefined}
          nextHref={result.nextCursor ? link({ cursor: result.nextCursor }) : null}
          firstHref={link({})}
          creatableTypes={creatableTypes(request)}
        />,
      );
    },
  );

  const sendNewForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    values: NewOrganizationValues,
    errors: FieldError[],
  ) => {
    const types = creatableTypes(request);
    if (types.length === 0) {
      throw new ProblemError(403, "forbidden", "You may not add organizations to the directory.");
    }
    const page = pageContext(request, reply);
    return sendPage(
      reply,
      page,
      <NewOrganizationPage page={page} creatableTypes={types} values={values} errors={errors} />,
      errors.length > 0 ? 422 : 200,
    );
  };

  pages.get(
    "/directory/new",
    {
      config: { access: "signed_in" },
      schema: {
        hide: true,
        querystring: z.object({ type: z.string().max(50).optional().catch(undefined) }),
      },
    },
    async (request, reply) => {
      const wanted = request.query.type;
      const types = creatableTypes(request);
      const type = types.find((candidate) => candidate === wanted) ?? types[0] ?? "";
      return sendNewForm(request, reply, { ...EMPTY_NEW_ORGANIZATION, type }, []);
    },
  );

  pages.post(
    "/directory/new",
    { config: { access: "signed_in" }, schema: { hide: true } },
    async (request, reply) => {
      const { t } = pageContext(request, reply);
      const values = newValuesOf(formFields(request.body));
      const emails = lines(values.contactEmails);
      const input = {
        type: values.type,
        name: values.name,
        contactEmail: emails[0] ?? "",
        ...(emails.length > 1 ? { contactEmails: emails.slice(1) } : {}),
        ...(values.pgpPublicKey.trim() ? { pgpPublicKey: values.pgpPublicKey } : {}),
        products: productList(values.products),
        keywords: keywordList(values.keywords),
        domains: lines(values.domains),
        ...(values.sector ? { sector: values.sector } : {}),
      };
      const parsed = createOrganizationBody.safeParse(input);
      if (!parsed.success) {
        const errors = fieldErrors(t, zodProblems(parsed.error), { emailLineOffset: 1 });
        return sendNewForm(request, reply, values, errors);
      }
      try {
        const created = await organizations.create(request.ctx.actor, parsed.data);
        return reply.redirect(`/directory/${encodeURIComponent(created.id)}?created=1`, 303);
      } catch (error) {
        const errors = fieldErrors(t, serviceProblems(error));
        return sendNewForm(request, reply, values, errors);
      }
    },
  );

  pages.get(
    "/organization",
    { config: { access: "signed_in" }, schema: { hide: true } },
    async (request, reply) => {
      const actor = request.ctx.actor;
      if (!isSignedIn(actor) || !actor.organization) {
        throw new ProblemError(404, "not_found", "You belong to no organization.");
      }
      return reply.redirect(`/directory/${encodeURIComponent(actor.organization.id)}`, 303);
    },
  );

  /** The fields of the edit form this visitor may change. */
  const editFieldsFor = (request: FastifyRequest, organization: OrganizationView): EditField[] =>
    EDIT_FIELDS.filter(
      (field) =>
        (field !== "sector" || organization.type === "priority_recipient") &&
        canUpdateOrganization(request.ctx.actor, organization, [field]),
    );

  const sendDetail = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    options: { notice?: MessageKey | null; form?: DetailForm | null } = {},
  ) => {
    const actor = request.ctx.actor;
    const organization = await organizations.get(actor, id);
    const members = canListMembers(actor, organization)
      ? await organizations.members(actor, id)
      : null;
    const changes = canReadChanges(actor, organization)
      ? await organizations.changes(actor, id)
      : null;
    const nda = organization.nda;
    const ndaChange = nda
      ? changes?.find((change) => change.changedBy.id === nda.recordedBy && "nda" in change.changes)
      : undefined;
    const editFields = editFieldsFor(request, organization);
    const page = pageContext(request, reply);
    const form = options.form ?? null;
    return sendPage(
      reply,
      page,
      <OrganizationPage
        page={page}
        organization={organization}
        members={members}
        changes={changes}
        ndaRecordedByName={ndaChange?.changedBy.name ?? null}
        notice={options.notice ?? null}
        editFields={editFields}
        editsAsOwnAdmin={editFields.length > 0 && !administersType(actor, organization.type)}
        mayRecordNda={canRecordNda(actor) && organization.type === "vendor"}
        mayManageMembers={canManageMembers(actor, organization)}
        roles={rolesOf(organization.type)}
        form={form}
      />,
      form && form.errors.length > 0 ? 422 : 200,
    );
  };

  pages.get(
    "/directory/:id",
    {
      config: { access: "signed_in" },
      schema: { hide: true, params: idParams },
    },
    async (request, reply) => {
      const query = (request.query ?? {}) as Record<string, unknown>;
      const notice = Object.keys(NOTICES).find((key) => query[key] === "1");
      return sendDetail(request, reply, request.params.id, {
        notice: notice ? NOTICES[notice] : null,
      });
    },
  );

  pages.post(
    "/directory/:id/edit",
    { config: { access: "signed_in" }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const { id } = request.params;
      const actor = request.ctx.actor;
      const { t } = pageContext(request, reply);
      const organization = await organizations.get(actor, id);
      const editFields = editFieldsFor(request, organization);
      if (editFields.length === 0) {
        throw new ProblemError(403, "forbidden", "You may not change this organization.");
      }
      const body = formFields(request.body);
      const values: Record<string, string> = {};
      for (const field of [...editFields, "pgpRemove"]) values[field] = body[field] ?? "";
      const input: Record<string, unknown> = {};
      for (const field of editFields) {
        const value = values[field] ?? "";
        switch (field) {
          case "name":
            input.name = value;
            break;
          case "contactEmails":
            input.contactEmails = lines(value);
            break;
          case "pgpPublicKey":
            if (values.pgpRemove === "1") input.pgpPublicKey = null;
            else if (value.trim() !== "") input.pgpPublicKey = value;
            break;
          case "products":
            input.products = productList(value);
            break;
          case "keywords":
            input.keywords = keywordList(value);
            break;
          case "domains":
            input.domains = lines(value);
            break;
          case "sector":
            input.sector = value === "" ? null : value;
            break;
        }
      }
      const again = (errors: FieldError[]) =>
        sendDetail(request, reply, id, { form: { kind: "edit", values, errors } });
      const parsed = updateOrganizationBody.safeParse(input);
      if (!parsed.success) return again(fieldErrors(t, zodProblems(parsed.error)));
      try {
        await organizations.update(actor, id, parsed.data);
      } catch (error) {
        return again(fieldErrors(t, serviceProblems(error)));
      }
      return reply.redirect(`/directory/${encodeURIComponent(id)}?saved=1`, 303);
    },
  );

  pages.post(
    "/directory/:id/nda",
    { config: { access: "directory.record_nda" }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const { id } = request.params;
      const { t } = pageContext(request, reply);
      const body = formFields(request.body);
      const values = { signedAt: body.signedAt ?? "", version: body.version ?? "" };
      const again = (errors: FieldError[]) =>
        sendDetail(request, reply, id, { form: { kind: "nda", values, errors } });
      const signedAt = tokyoDayStart(values.signedAt.trim());
      const parsed = ndaBody.safeParse({ signedAt: signedAt ?? "", version: values.version });
      if (!parsed.success || signedAt === null) {
        const problems = parsed.success ? [] : zodProblems(parsed.error);
        if (signedAt === null) problems.unshift({ path: ["signedAt"] });
        return again(fieldErrors(t, problems));
      }
      try {
        await organizations.recordNda(request.ctx.actor, id, parsed.data);
      } catch (error) {
        return again(fieldErrors(t, serviceProblems(error)));
      }
      return reply.redirect(`/directory/${encodeURIComponent(id)}?nda=1`, 303);
    },
  );

  pages.post(
    "/directory/:id/members",
    { config: { access: "signed_in" }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const { id } = request.params;
      const { t } = pageContext(request, reply);
      const body = formFields(request.body);
      const values = {
        memberEmail: body.memberEmail ?? "",
        memberName: body.memberName ?? "",
        memberRole: body.memberRole ?? "",
        memberLanguage: body.memberLanguage ?? "",
      };
      const again = (errors: FieldError[]) =>
        sendDetail(request, reply, id, { form: { kind: "invite", values, errors } });
      const parsed = inviteMemberBody.safeParse({
        email: values.memberEmail.trim(),
        name: values.memberName,
        role: values.memberRole,
      });
      if (!parsed.success) {
        return again(fieldErrors(t, zodProblems(parsed.error), { nameField: "memberName" }));
      }
      try {
        await organizations.inviteMember(request.ctx.actor, id, {
          ...parsed.data,
          ...(isLanguage(values.memberLanguage) ? { language: values.memberLanguage } : {}),
        });
      } catch (error) {
        if (error instanceof ProblemError && error.code === "cannot_invite") {
          return again([{ path: "memberEmail", message: t("directory.error.cannotInvite") }]);
        }
        return again(fieldErrors(t, serviceProblems(error), { nameField: "memberName" }));
      }
      return reply.redirect(`/directory/${encodeURIComponent(id)}?invited=1`, 303);
    },
  );

  pages.post(
    "/directory/:id/members/:userId/remove",
    { config: { access: "signed_in" }, schema: { hide: true, params: memberParams } },
    async (request, reply) => {
      const { id, userId } = request.params;
      await organizations.removeMember(request.ctx.actor, id, userId);
      return reply.redirect(`/directory/${encodeURIComponent(id)}?removed=1`, 303);
    },
  );
}
