import { z } from "zod";
import { DELIVERIES, KIND_NAMES } from "./kinds.ts";

export const deliverySchema = z.enum(DELIVERIES);
export const notificationKindSchema = z.enum(KIND_NAMES);

export const notificationPreference = z.object({
  kind: notificationKindSchema.describe("A kind of event (modules/notifications/kinds.ts)"),
  delivery: deliverySchema.describe("How the user hears of it"),
  defaultDelivery: deliverySchema.describe("What applies while the user has not chosen"),
  chosen: z.boolean().describe("Whether the user chose (false: the default applies)"),
});

export const notificationPreferencesView = z.object({
  preferences: z
    .array(notificationPreference)
    .describe("The kinds of event this user may hear of, each with its delivery"),
  digest: z.object({
    hour: z.number().int().describe("The hour the daily digest is sent at"),
    timeZone: z.string().describe("The time zone of that hour"),
  }),
});
export type NotificationPreferencesView = z.infer<typeof notificationPreferencesView>;

export const updateNotificationPreferencesBody = z.object({
  preferences: z
    .array(z.object({ kind: notificationKindSchema, delivery: deliverySchema }))
    .min(1)
    .max(KIND_NAMES.length)
    .describe("The kinds to change; others stay as they are"),
});
export type UpdateNotificationPreferences = z.infer<typeof updateNotificationPreferencesBody>;
