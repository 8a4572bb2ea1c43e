import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FieldError } from "../../web/components.tsx";
import {
  NotificationPreferencesPage,
  preferenceField,
} from "../../web/pages/accounts/notifications.tsx";
import type { FormState } from "../../web/pages/accounts/shared.tsx";
import { sendPage } from "../../web/render.ts";
import { hidden, pageAt, queryParam, signedInForm, userOf } from "../accounts/page-helpers.tsx";
import { DELIVERIES, type Delivery } from "./kinds.ts";
import type { NotificationsService } from "./notifications.service.ts";

const isDelivery = (value: string | undefined): value is Delivery =>
  (DELIVERIES as readonly (string | undefined)[]).includes(value);

/** The notification preferences page (linked from the account page). */
export function registerNotificationPages(
  app: FastifyInstance,
  deps: { notifications: NotificationsService },
): void {
  const { notifications } = deps;

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: { saved?: boolean; form?: FormState; status?: number } = {},
  ) => {
    const view = await notifications.preferences(userOf(request));
    const page = pageAt(request, reply);
    return sendPage(
      reply,
      page,
      <NotificationPreferencesPage
        page={page}
        view={view}
        saved={options.saved ?? false}
        form={options.form ?? { values: {}, errors: [] }}
      />,
      options.status ?? 200,
    );
  };

  app.get(
    "/account/notifications",
    { config: { access: "signed_in" }, schema: hidden },
    async (request, reply) => show(request, reply, { saved: queryParam(request, "done") === "1" }),
  );

  app.post(
    "/account/notifications",
    { config: { access: "signed_in" }, schema: hidden },
    async (request, reply) => {
      const { actor, t, fields } = signedInForm(request);
      const current = await notifications.preferences(actor);
      const errors: FieldError[] = [];
      const chosen: { kind: (typeof current.preferences)[number]["kind"]; delivery: Delivery }[] =
        [];
      for (const preference of current.preferences) {
        const field = preferenceField(preference.kind);
        const value = fields[field];
        // A row left alone (no radio sent) keeps what it was.
        if (value === undefined) continue;
        if (isDelivery(value)) chosen.push({ kind: preference.kind, delivery: value });
        else errors.push({ path: field, message: t("notifications.page.invalid") });
      }
      if (errors.length > 0)
        return show(request, reply, { form: { values: fields, errors }, status: 422 });
      if (chosen.length > 0) await notifications.updatePreferences(actor, { preferences: chosen });
      return reply.redirect("/account/notifications?done=1", 303);
    },
  );
}
