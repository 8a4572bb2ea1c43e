import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  notificationPreferencesView,
  updateNotificationPreferencesBody,
} from "./notifications.schemas.ts";
import type { NotificationsService } from "./notifications.service.ts";

export async function registerNotificationRoutes(
  app: FastifyInstance,
  deps: { notifications: NotificationsService },
): Promise<void> {
  const { notifications } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["accounts"];

  api.get(
    "/api/v1/account/notifications",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "How the signed-in user hears of each kind of event",
        response: { 200: notificationPreferencesView },
      },
    },
    async (request) => notifications.preferences(request.ctx.actor),
  );

  api.put(
    "/api/v1/account/notifications",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "Choose immediate, digest or none for kinds of event",
        body: updateNotificationPreferencesBody,
        response: { 200: notificationPreferencesView },
      },
    },
    async (request) => notifications.updatePreferences(request.ctx.actor, request.body),
  );
}
