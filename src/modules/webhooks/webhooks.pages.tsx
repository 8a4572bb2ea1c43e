import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { type ZodError, z } from "zod";
import { ProblemError } from "../../platform/http/problem.ts";
import type { MessageKey, Translate } from "../../platform/i18n/i18n.ts";
import type { FieldError } from "../../web/components.tsx";
import { formFields } from "../../web/forms.ts";
import type { EndpointFormValues } from "../../web/pages/webhooks/shared.tsx";
import { WebhookDetailPage } from "../../web/pages/webhooks/webhook-detail.tsx";
import { WebhooksPage } from "../../web/pages/webhooks/webhooks.tsx";
import { pageContext, sendPage } from "../../web/render.ts";
import { createWebhookBody, updateWebhookBody, webhookParams } from "./webhooks.schemas.ts";
import type { WebhooksService } from "./webhooks.service.ts";

const BASE = "/organization/webhooks";
const DELIVERIES_SHOWN = 50;

const NOTICES: Record<string, MessageKey> = {
  saved: "webhooks.notice.saved",
  test: "webhooks.notice.test",
  deactivated: "webhooks.notice.deactivated",
  activated: "webhooks.notice.activated",
};
const doneQuery = z.object({ done: z.string().max(40).optional().catch(undefined) });

const URL_CODES: Record<string, MessageKey> = {
  not_https: "webhooks.error.not_https",
  credentials: "webhooks.error.credentials",
  private_address: "webhooks.error.private_address",
};

/** One translated error per field, from the schema's or the service's refusal. */
function errorsOf(t: Translate, issues: { path: string; code?: string | undefined }[]) {
  const errors = new Map<string, FieldError>();
  for (const issue of issues) {
    const field = issue.path.split(".")[0] ?? "";
    if (errors.has(field)) continue;
    const message =
      field === "url"
        ? t(URL_CODES[issue.code ?? ""] ?? "webhooks.error.url")
        : field === "events"
          ? t("webhooks.error.events")
          : field === "description"
            ? t("webhooks.error.description")
            : t(
                issue.code === "endpoint_inactive"
                  ? "webhooks.error.inactive"
                  : "webhooks.error.url",
              );
    errors.set(field, { path: field, message });
  }
  return [...errors.values()];
}

/** The fields a schema refused (none when it accepted). */
function shapeIssues(error: ZodError | undefined): { path: string }[] {
  return (error?.issues ?? []).map((issue) => ({ path: String(issue.path[0] ?? "") }));
}

/** The endpoint form's values as typed (every checked event: the field repeats). */
function formValuesOf(body: unknown): EndpointFormValues {
  const fields = formFields(body);
  const raw = (body as Record<string, unknown> | null)?.events;
  const events = (Array.isArray(raw) ? raw : [raw]).filter(
    (value): value is string => typeof value === "string",
  );
  return {
    url: (fields.url ?? "").trim(),
    description: (fields.description ?? "").trim(),
    events,
    active: fields.active === "1",
  };
}

const emptyForm: EndpointFormValues = { url: "", description: "", events: [], active: true };

/** The organization admin's webhook pages (docs/webhooks.md); the service decides who may. */
export async function registerWebhookPages(
  app: FastifyInstance,
  deps: { webhooks: WebhooksService },
) {
  const { webhooks } = deps;
  const pages = app.withTypeProvider<ZodTypeProvider>();

  const sendList = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: { form?: EndpointFormValues; errors?: FieldError[]; notice?: MessageKey | null },
    status = 200,
  ) => {
    const actor = request.ctx.actor;
    const endpoints = await webhooks.list(actor);
    const page = pageContext(request, reply);
    return sendPage(
      reply,
      page,
      <WebhooksPage
        page={page}
        endpoints={endpoints}
        available={webhooks.eventTypes(actor)}
        form={options.form ?? emptyForm}
        errors={options.errors ?? []}
        notice={options.notice ?? null}
      />,
      status,
    );
  };

  const sendDetail = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    options: {
      form?: EndpointFormValues;
      errors?: FieldError[];
      notice?: MessageKey | null;
      secret?: string | null;
    },
    status = 200,
  ) => {
    const actor = request.ctx.actor;
    const endpoint = await webhooks.get(actor, id);
    const deliveries = await webhooks.deliveries(actor, id, DELIVERIES_SHOWN);
    const page = pageContext(request, reply);
    return sendPage(
      reply,
      page,
      <WebhookDetailPage
        page={page}
        endpoint={endpoint}
        deliveries={deliveries}
        available={webhooks.eventTypes(actor)}
        form={
          options.form ?? {
            url: endpoint.url,
            description: endpoint.description,
            events: endpoint.events,
            active: endpoint.active,
          }
        }
        errors={options.errors ?? []}
        notice={options.notice ?? null}
        secret={options.secret ?? null}
      />,
      status,
    );
  };

  /** A refusal to show beside the form (422, 409); anything else goes to the error page. */
  const refusal = (error: unknown): { path: string; code?: string | undefined }[] => {
    if (error instanceof ProblemError && (error.status === 422 || error.status === 409)) {
      return error.errors?.length ? error.errors : [{ path: "", code: error.code }];
    }
    throw error;
  };

  pages.get(
    BASE,
    { config: { access: "signed_in" }, schema: { hide: true, querystring: doneQuery } },
    async (request, reply) =>
      sendList(request, reply, { notice: NOTICES[request.query.done ?? ""] ?? null }),
  );

  pages.post(
    BASE,
    { config: { access: "signed_in" }, schema: { hide: true } },
    async (request, reply) => {
      const { t } = pageContext(request, reply);
      const form = formValuesOf(request.body);
      const parsed = createWebhookBody.safeParse({
        url: form.url,
        ...(form.description ? { description: form.description } : {}),
        events: form.events,
      });
      // The service decides who may first (403 for a member who is not an admin), and every
      // refusal is shown at once: the shape's and the address policy's.
      const refusals = webhooks.refusals(request.ctx.actor, { url: form.url, events: form.events });
      if (!parsed.success || refusals.length > 0) {
        const issues = [...refusals, ...shapeIssues(parsed.error)];
        return sendList(request, reply, { form, errors: errorsOf(t, issues) }, 422);
      }
      try {
        const created = await webhooks.create(request.ctx.actor, parsed.data);
        return sendDetail(request, reply, created.id, {
          notice: "webhooks.notice.created",
          secret: created.secret,
        });
      } catch (error) {
        return sendList(request, reply, { form, errors: errorsOf(t, refusal(error)) }, 422);
      }
    },
  );

  pages.get(
    `${BASE}/:id`,
    {
      config: { access: "signed_in" },
      schema: { hide: true, params: webhookParams, querystring: doneQuery },
    },
    async (request, reply) =>
      sendDetail(request, reply, request.params.id, {
        notice: NOTICES[request.query.done ?? ""] ?? null,
      }),
  );

  pages.post(
    `${BASE}/:id/edit`,
    { config: { access: "signed_in" }, schema: { hide: true, params: webhookParams } },
    async (request, reply) => {
      const { t } = pageContext(request, reply);
      const { id } = request.params;
      const form = formValuesOf(request.body);
      await webhooks.get(request.ctx.actor, id);
      const parsed = updateWebhookBody.safeParse({
        url: form.url,
        description: form.description,
        events: form.events,
        active: form.active,
      });
      const refusals = webhooks.refusals(request.ctx.actor, { url: form.url, events: form.events });
      if (!parsed.success || refusals.length > 0) {
        const issues = [...refusals, ...shapeIssues(parsed.error)];
        return sendDetail(request, reply, id, { form, errors: errorsOf(t, issues) }, 422);
      }
      try {
        await webhooks.update(request.ctx.actor, id, parsed.data);
      } catch (error) {
        return sendDetail(request, reply, id, { form, errors: errorsOf(t, refusal(error)) }, 422);
      }
      return reply.redirect(`${BASE}/${encodeURIComponent(id)}?done=saved`, 303);
    },
  );

  for (const [path, active, done] of [
    ["deactivate", false, "deactivated"],
    ["activate", true, "activated"],
  ] as const) {
    pages.post(
      `${BASE}/:id/${path}`,
      { config: { access: "signed_in" }, schema: { hide: true, params: webhookParams } },
      async (request, reply) => {
        const { id } = request.params;
        await webhooks.update(request.ctx.actor, id, { active });
        return reply.redirect(`${BASE}/${encodeURIComponent(id)}?done=${done}`, 303);
      },
    );
  }

  pages.post(
    `${BASE}/:id/rotate-secret`,
    { config: { access: "signed_in" }, schema: { hide: true, params: webhookParams } },
    async (request, reply) => {
      const rotated = await webhooks.rotateSecret(request.ctx.actor, request.params.id);
      return sendDetail(request, reply, rotated.id, {
        notice: "webhooks.notice.rotated",
        secret: rotated.secret,
      });
    },
  );

  pages.post(
    `${BASE}/:id/test`,
    { config: { access: "signed_in" }, schema: { hide: true, params: webhookParams } },
    async (request, reply) => {
      const { t } = pageContext(request, reply);
      const { id } = request.params;
      try {
        await webhooks.sendTest(request.ctx.actor, id);
      } catch (error) {
        const errors = errorsOf(t, refusal(error));
        return sendDetail(request, reply, id, { errors }, 409);
      }
      return reply.redirect(`${BASE}/${encodeURIComponent(id)}?done=test`, 303);
    },
  );
}
