import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ProblemError } from "../../platform/http/problem.ts";
import { isLanguage } from "../../platform/i18n/i18n.ts";
import type { FieldError } from "../../web/components.tsx";
import { signedInUser } from "../../web/form-action.ts";
import { formFields } from "../../web/forms.ts";
import { tokyoDayStart } from "../../web/pages/directory/shared.tsx";
import { NdaRequestedPage, RecordNdaPage } from "../../web/pages/organization-nda/case-nda.tsx";
import { NdaTextsPage, type PublishValues } from "../../web/pages/organization-nda/nda-texts.tsx";
import { OrganizationNdaPage } from "../../web/pages/organization-nda/organization-nda.tsx";
import { pageContext, sendPage } from "../../web/render.ts";
import type { CasesService } from "../cases/cases.service.ts";
import { NDA_PARTY_TYPES, publishNdaTextBody } from "./nda.schemas.ts";
import type { NdaService } from "./nda.service.ts";
import { isOwnAdmin } from "./organizations.policy.ts";
import { ndaBody } from "./organizations.schemas.ts";
import type { OrganizationsService } from "./organizations.service.ts";

const hide = true;
const flag = z.string().max(5).optional().catch(undefined);
const caseVendorParams = z.object({
  id: z.string().min(1).max(100),
  orgId: z.string().min(1).max(100),
});

/** The first problem of each field the zod error names, in the words of the page. */
function publishErrors(
  t: ReturnType<typeof pageContext>["t"],
  issues: { path: PropertyKey[] }[],
): FieldError[] {
  const words = {
    version: t("nda.error.version"),
    bodyJa: t("nda.error.bodyJa"),
    bodyEn: t("nda.error.bodyEn"),
  } as const;
  const fields = new Set(issues.map((issue) => String(issue.path[0] ?? "")));
  return (["version", "bodyJa", "bodyEn"] as const)
    .filter((field) => fields.has(field))
    .map((field) => ({ path: field, message: words[field] }));
}

/**
 * The NDA pages: the coordinator's NDA texts, an organization's NDA page where its admin reads
 * and accepts the NDA, and the case page's NDA forms (record a signed NDA, ask the vendor to
 * accept in the application).
 */
export async function registerNdaPages(
  app: FastifyInstance,
  deps: { nda: NdaService; organizations: OrganizationsService; cases: CasesService },
) {
  const { nda, organizations, cases } = deps;
  const pages = app.withTypeProvider<ZodTypeProvider>();

  // --- The coordinator's NDA texts ------------------------------------------------------------

  const sendTexts = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: { values?: PublishValues; errors?: FieldError[]; published?: boolean } = {},
  ) => {
    const texts = await nda.texts(request.ctx.actor);
    const page = pageContext(request, reply);
    const errors = options.errors ?? [];
    return sendPage(
      reply,
      page,
      <NdaTextsPage
        page={page}
        texts={texts}
        values={options.values ?? { version: "", bodyJa: "", bodyEn: "" }}
        errors={errors}
        published={options.published ?? false}
      />,
      errors.length > 0 ? 422 : 200,
    );
  };

  pages.get(
    "/nda-texts",
    {
      config: { access: "directory.record_nda" },
      schema: { hide, querystring: z.object({ published: flag }) },
    },
    async (request, reply) =>
      sendTexts(request, reply, { published: request.query.published === "1" }),
  );

  pages.post(
    "/nda-texts",
    { config: { access: "directory.record_nda" }, schema: { hide } },
    async (request, reply) => {
      const { t } = pageContext(request, reply);
      const body = formFields(request.body);
      const values = {
        version: body.version ?? "",
        bodyJa: body.bodyJa ?? "",
        bodyEn: body.bodyEn ?? "",
      };
      const parsed = publishNdaTextBody.safeParse(values);
      if (!parsed.success) {
        return sendTexts(request, reply, {
          values,
          errors: publishErrors(t, parsed.error.issues),
        });
      }
      try {
        await nda.publish(request.ctx.actor, parsed.data);
      } catch (error) {
        if (error instanceof ProblemError && error.code === "version_exists") {
          return sendTexts(request, reply, {
            values,
            errors: [{ path: "version", message: t("nda.error.versionExists") }],
          });
        }
        throw error;
      }
      return reply.redirect("/nda-texts?published=1", 303);
    },
  );

  // --- The organization's NDA page ------------------------------------------------------------

  const sendOwn = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: { errors?: FieldError[]; accepted?: boolean; status?: number } = {},
  ) => {
    const actor = signedInUser(request);
    if (!actor.organization)
      throw new ProblemError(404, "not_found", "You belong to no organization.");
    const organization = await organizations.get(actor, actor.organization.id);
    const [record, offered] = await Promise.all([
      nda.ofOrganization(actor, organization.id),
      nda.current(actor),
    ]);
    const page = pageContext(request, reply);
    const errors = options.errors ?? [];
    return sendPage(
      reply,
      page,
      <OrganizationNdaPage
        page={page}
        organizationName={organization.name}
        nda={record}
        offered={offered}
        mayAccept={
          isOwnAdmin(actor, organization) &&
          (NDA_PARTY_TYPES as readonly string[]).includes(organization.type)
        }
        accepted={options.accepted ?? false}
        errors={errors}
      />,
      options.status ?? (errors.length > 0 ? 422 : 200),
    );
  };

  pages.get(
    "/organization/nda",
    {
      config: { access: "signed_in" },
      schema: { hide, querystring: z.object({ accepted: flag }) },
    },
    async (request, reply) => sendOwn(request, reply, { accepted: request.query.accepted === "1" }),
  );

  pages.post(
    "/organization/nda/accept",
    { config: { access: "signed_in" }, schema: { hide } },
    async (request, reply) => {
      const actor = signedInUser(request);
      if (!actor.organization)
        throw new ProblemError(404, "not_found", "You belong to no organization.");
      const { t } = pageContext(request, reply);
      const body = formFields(request.body);
      if (body.confirm !== "1") {
        return sendOwn(request, reply, {
          errors: [{ path: "confirm", message: t("nda.org.accept.error.confirm") }],
        });
      }
      const language = body.language ?? "";
      try {
        await nda.accept(actor, actor.organization.id, {
          version: (body.version ?? "").slice(0, 100),
          ...(body.textId ? { textId: body.textId.slice(0, 100) } : {}),
          ...(isLanguage(language) ? { language } : {}),
        });
      } catch (error) {
        if (error instanceof ProblemError && error.status === 409) {
          const message =
            error.code === "nda_outdated"
              ? t("nda.org.accept.error.outdated")
              : t("nda.org.accept.error.missing");
          return sendOwn(request, reply, { errors: [{ path: "", message }], status: 409 });
        }
        throw error;
      }
      return reply.redirect("/organization/nda?accepted=1", 303);
    },
  );

  // --- The case page's NDA forms (the coordinator) --------------------------------------------

  /** The case (which the coordinator must see) and the vendor's name. */
  const caseVendor = async (request: FastifyRequest, caseId: string, orgId: string) => {
    const actor = signedInUser(request);
    await cases.viewerOf(actor, caseId);
    const organization = await organizations.get(actor, orgId);
    return { actor, name: organization.name };
  };

  const sendRecordForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    input: { caseId: string; orgId: string; name: string },
    values: { signedAt: string; version: string },
    errors: FieldError[],
  ) => {
    const page = pageContext(request, reply);
    return sendPage(
      reply,
      page,
      <RecordNdaPage page={page} {...input} values={values} errors={errors} />,
      errors.length > 0 ? 422 : 200,
    );
  };

  pages.get(
    "/cases/:id/vendors/:orgId/nda",
    { config: { access: "directory.record_nda" }, schema: { hide, params: caseVendorParams } },
    async (request, reply) => {
      const { id, orgId } = request.params;
      const { name } = await caseVendor(request, id, orgId);
      return sendRecordForm(
        request,
        reply,
        { caseId: id, orgId, name },
        { signedAt: "", version: "" },
        [],
      );
    },
  );

  pages.post(
    "/cases/:id/vendors/:orgId/nda",
    { config: { access: "directory.record_nda" }, schema: { hide, params: caseVendorParams } },
    async (request, reply) => {
      const { id, orgId } = request.params;
      const { actor, name } = await caseVendor(request, id, orgId);
      const { t } = pageContext(request, reply);
      const body = formFields(request.body);
      const values = { signedAt: body.signedAt ?? "", version: body.version ?? "" };
      const signedAt = tokyoDayStart(values.signedAt.trim());
      const parsed = ndaBody.safeParse({ signedAt: signedAt ?? "", version: values.version });
      const errors: FieldError[] = [];
      if (signedAt === null)
        errors.push({ path: "signedAt", message: t("nda.record.error.signedAt") });
      if (!parsed.success && parsed.error.issues.some((issue) => issue.path[0] === "version")) {
        errors.push({ path: "version", message: t("nda.record.error.version") });
      }
      if (errors.length > 0 || !parsed.success) {
        return sendRecordForm(request, reply, { caseId: id, orgId, name }, values, errors);
      }
      await organizations.recordNda(actor, orgId, parsed.data);
      return reply.redirect(
        `/cases/${encodeURIComponent(id)}#participant-${encodeURIComponent(orgId)}`,
        303,
      );
    },
  );

  pages.post(
    "/cases/:id/vendors/:orgId/nda-request",
    { config: { access: "directory.record_nda" }, schema: { hide, params: caseVendorParams } },
    async (request, reply) => {
      const { id, orgId } = request.params;
      const { actor, name } = await caseVendor(request, id, orgId);
      const sent = await nda.requestAcceptance(actor, orgId, { caseId: id });
      const page = pageContext(request, reply);
      return sendPage(
        reply,
        page,
        <NdaRequestedPage page={page} caseId={id} name={name} recipients={sent.recipients} />,
      );
    },
  );
}
