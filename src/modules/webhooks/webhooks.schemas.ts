import { z } from "zod";

/**
 * The event types an endpoint may ask for: a closed list, each sent only to organizations in
 * the workflow event's audience that may see the case (see webhooks.events.ts).
 */
export const CASE_WEBHOOK_EVENTS = [
  "case.notified",
  "case.message_posted",
  "case.schedule_changed",
  "case.schedule_request_decided",
  "case.reminder",
  "case.embargo_terminated",
  "case.published",
  "case.closed",
] as const;
export const SITE_CASE_WEBHOOK_EVENTS = [
  "site_case.notified",
  "site_case.message_posted",
  "site_case.analysis_requested",
  "site_case.reminder",
  "site_case.closed",
] as const;
export const WEBHOOK_EVENT_TYPES = [...CASE_WEBHOOK_EVENTS, ...SITE_CASE_WEBHOOK_EVENTS] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
/** Sent on demand by the organization's admin; never subscribed to. */
export const TEST_EVENT_TYPE = "webhook.test";

/** The organization types that take part in cases as one organization, and so get webhooks. */
export const WEBHOOK_ORGANIZATION_TYPES = ["vendor", "csirt", "site_operator"] as const;
export type WebhookOrganizationType = (typeof WEBHOOK_ORGANIZATION_TYPES)[number];

/** The event types an organization of a type can ever receive. */
export function eventTypesFor(type: WebhookOrganizationType): readonly WebhookEventType[] {
  return type === "site_operator" ? SITE_CASE_WEBHOOK_EVENTS : CASE_WEBHOOK_EVENTS;
}

const url = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .refine((value) => URL.canParse(value), { message: "must be an absolute URL" });

export const createWebhookBody = z.object({
  url,
  description: z.string().trim().max(200).optional(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1).max(WEBHOOK_EVENT_TYPES.length),
});
export type CreateWebhookInput = z.infer<typeof createWebhookBody>;

export const updateWebhookBody = z
  .object({
    url: url.optional(),
    description: z.string().trim().max(200).optional(),
    events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1).max(WEBHOOK_EVENT_TYPES.length).optional(),
    active: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: "change at least one field" });
export type UpdateWebhookInput = z.infer<typeof updateWebhookBody>;

export const webhookParams = z.object({ id: z.string().min(1).max(100) });

export const deliveriesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const webhookView = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  active: z.boolean(),
  secretRotatedAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WebhookView = z.infer<typeof webhookView>;

/** At creation and rotation only: the signing secret, shown this once. */
export const webhookWithSecret = webhookView.extend({ secret: z.string() });
export type WebhookWithSecret = z.infer<typeof webhookWithSecret>;

export const webhookList = z.object({ items: z.array(webhookView) });

export const deliveryView = z.object({
  id: z.string(),
  eventType: z.string(),
  /** The case's number (C-…) or the web case's reference (R-…) the event is about; null for a test. */
  subject: z.string().nullable(),
  status: z.enum(["pending", "delivered", "failed"]),
  attempts: z.number().int(),
  lastStatus: z.string().nullable(),
  lastError: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
});
export type DeliveryView = z.infer<typeof deliveryView>;
export const deliveryList = z.object({ items: z.array(deliveryView) });

export const testSent = z.object({ deliveryId: z.string() });
