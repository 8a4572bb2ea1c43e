import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Db, Executor } from "../../platform/db/database.ts";
import { forbidden, notFound, ProblemError, unauthenticated } from "../../platform/http/problem.ts";
import { newId } from "../../platform/ids.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import { type Actor, isSignedIn, type UserActor } from "../access/actor.ts";
import type { Audit } from "../audit/audit.ts";
import { urlProblem, type WebhookNetworkPolicy } from "./webhooks.http.ts";
import { enqueueDelivery } from "./webhooks.outbox.ts";
import {
  type DeliveryRow,
  deleteEndpoint,
  deliveriesOf,
  type EndpointRow,
  endpointOf,
  endpointsOf,
  insertEndpoint,
  updateEndpoint,
} from "./webhooks.repository.ts";
import {
  type CreateWebhookInput,
  type DeliveryView,
  eventTypesFor,
  TEST_EVENT_TYPE,
  type UpdateWebhookInput,
  WEBHOOK_ORGANIZATION_TYPES,
  type WebhookEventType,
  type WebhookOrganizationType,
  type WebhookView,
  type WebhookWithSecret,
} from "./webhooks.schemas.ts";
import { webhookSecret } from "./webhooks.sealed.ts";
import { newWebhookSecret } from "./webhooks.signing.ts";

/** A field the service refuses, with a code the pages translate. */
export interface Refusal {
  path: string;
  message: string;
  code: string;
}

/** Who manages an organization's webhooks: its admin. */
export interface WebhookManager {
  user: UserActor;
  organizationId: string;
  organizationType: WebhookOrganizationType;
}

/**
 * The organizations that get webhooks (vendors, CSIRTs, site operators) and their admins: 401
 * without a session, 404 for anyone whose organization has none, 403 for their other members.
 */
export function webhookManager(actor: Actor): WebhookManager {
  if (!isSignedIn(actor)) throw unauthenticated();
  const organization = actor.organization;
  const type = organization?.type;
  if (!organization || !(WEBHOOK_ORGANIZATION_TYPES as readonly string[]).includes(type ?? "")) {
    throw notFound();
  }
  if (actor.role !== "admin") {
    throw forbidden("Only the organization's admins manage its webhooks.");
  }
  return {
    user: actor,
    organizationId: organization.id,
    organizationType: type as WebhookOrganizationType,
  };
}

/** Whether the actor may manage webhooks (the pages' links), without throwing. */
export function managesWebhooks(actor: Actor): boolean {
  try {
    webhookManager(actor);
    return true;
  } catch {
    return false;
  }
}

export function endpointView(row: EndpointRow): WebhookView {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: JSON.parse(row.event_types) as WebhookEventType[],
    active: row.active === 1,
    secretRotatedAt: row.secret_rotated_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function deliveryView(row: DeliveryRow): DeliveryView {
  // The payload is what the organization received: its own case's number is no secret to it.
  const payload = JSON.parse(row.payload) as {
    case?: { number?: string | null };
    siteCase?: { reference?: string | null };
  };
  return {
    id: row.id,
    eventType: row.event_type,
    subject: payload.case?.number ?? payload.siteCase?.reference ?? null,
    status: row.status,
    attempts: Number(row.attempts),
    lastStatus: row.last_status,
    lastError: row.last_error,
    lastAttemptAt: row.last_attempt_at,
    deliveredAt: row.delivered_at,
    createdAt: row.created_at,
  };
}

export interface WebhooksService {
  /** The event types the caller's organization may subscribe to. */
  eventTypes(actor: Actor): readonly WebhookEventType[];
  /** What create or update would refuse of these fields beyond their shape (for the pages). */
  refusals(
    actor: Actor,
    input: { url?: string | undefined; events?: readonly string[] | undefined },
  ): Refusal[];
  list(actor: Actor): Promise<WebhookView[]>;
  get(actor: Actor, id: string): Promise<WebhookView>;
  create(actor: Actor, input: CreateWebhookInput): Promise<WebhookWithSecret>;
  update(actor: Actor, id: string, input: UpdateWebhookInput): Promise<WebhookView>;
  rotateSecret(actor: Actor, id: string): Promise<WebhookWithSecret>;
  remove(actor: Actor, id: string): Promise<void>;
  deliveries(actor: Actor, id: string, limit?: number): Promise<DeliveryView[]>;
  sendTest(actor: Actor, id: string): Promise<{ deliveryId: string }>;
}

export function createWebhooksService(deps: {
  db: Db;
  cipher: FieldCipher;
  clock: Clock;
  audit: Audit;
  network: WebhookNetworkPolicy;
}): WebhooksService {
  const { db, cipher, clock, audit, network } = deps;
  const now = () => clock.now().toISOString();

  /** What the address policy and the organization's type refuse in an input, field by field. */
  function refusalsOf(
    manager: WebhookManager,
    input: { url?: string | undefined; events?: readonly string[] | undefined },
  ): Refusal[] {
    const refusals: Refusal[] = [];
    const problem = input.url === undefined ? null : urlProblem(input.url, network);
    if (problem) {
      refusals.push({ path: "url", message: `The URL is refused (${problem}).`, code: problem });
    }
    const allowed = eventTypesFor(manager.organizationType) as readonly string[];
    const wrong = input.events?.find((event) => !allowed.includes(event));
    if (wrong) {
      refusals.push({
        path: "events",
        message: `${wrong} is not sent to this organization.`,
        code: "event_type",
      });
    }
    return refusals;
  }

  function check(
    manager: WebhookManager,
    input: { url?: string | undefined; events?: readonly string[] | undefined },
  ) {
    const refusals = refusalsOf(manager, input);
    if (refusals.length > 0) {
      throw new ProblemError(422, "invalid_input", "Some fields need attention.", refusals);
    }
  }

  async function own(executor: Executor, manager: WebhookManager, id: string) {
    const row = await endpointOf(executor, manager.organizationId, id);
    if (!row) throw notFound();
    return row;
  }

  return {
    eventTypes(actor) {
      return eventTypesFor(webhookManager(actor).organizationType);
    },

    refusals(actor, input) {
      return refusalsOf(webhookManager(actor), input);
    },

    async list(actor) {
      const manager = webhookManager(actor);
      return (await endpointsOf(db, manager.organizationId)).map(endpointView);
    },

    async get(actor, id) {
      return endpointView(await own(db, webhookManager(actor), id));
    },

    async create(actor, input) {
      const manager = webhookManager(actor);
      const events = [...new Set(input.events)];
      check(manager, { url: input.url, events });
      const id = newId();
      const secret = newWebhookSecret();
      return db.transaction().execute(async (tx) => {
        await insertEndpoint(tx, {
          id,
          organization_id: manager.organizationId,
          url: input.url,
          description: input.description ?? "",
          event_types: JSON.stringify(events),
          active: 1,
          secret_sealed: webhookSecret.seal(cipher, id, secret),
          secret_rotated_at: now(),
          created_by: manager.user.userId,
          created_at: now(),
          updated_at: now(),
        });
        // The URL may carry a path token of the receiver's: the audit keeps its host only.
        await audit.record(tx, actor, {
          type: "webhook.created",
          subjectType: "webhook_endpoint",
          subjectId: id,
          details: {
            organizationId: manager.organizationId,
            host: new URL(input.url).host,
            events,
          },
        });
        return { ...endpointView(await own(tx, manager, id)), secret };
      });
    },

    async update(actor, id, input) {
      const manager = webhookManager(actor);
      const events = input.events ? [...new Set(input.events)] : undefined;
      check(manager, { url: input.url, events });
      return db.transaction().execute(async (tx) => {
        const before = await own(tx, manager, id);
        await updateEndpoint(tx, id, {
          ...(input.url !== undefined ? { url: input.url } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(events ? { event_types: JSON.stringify(events) } : {}),
          ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
          updated_at: now(),
        });
        await audit.record(tx, actor, {
          type: "webhook.updated",
          subjectType: "webhook_endpoint",
          subjectId: id,
          details: {
            organizationId: manager.organizationId,
            ...(input.url !== undefined && input.url !== before.url
              ? { host: new URL(input.url).host }
              : {}),
            ...(events ? { events } : {}),
            ...(input.active !== undefined ? { active: input.active } : {}),
          },
        });
        return endpointView(await own(tx, manager, id));
      });
    },

    async rotateSecret(actor, id) {
      const manager = webhookManager(actor);
      const secret = newWebhookSecret();
      return db.transaction().execute(async (tx) => {
        await own(tx, manager, id);
        await updateEndpoint(tx, id, {
          secret_sealed: webhookSecret.seal(cipher, id, secret),
          secret_rotated_at: now(),
          updated_at: now(),
        });
        await audit.record(tx, actor, {
          type: "webhook.secret_rotated",
          subjectType: "webhook_endpoint",
          subjectId: id,
          details: { organizationId: manager.organizationId },
        });
        return { ...endpointView(await own(tx, manager, id)), secret };
      });
    },

    async remove(actor, id) {
      const manager = webhookManager(actor);
      await db.transaction().execute(async (tx) => {
        await own(tx, manager, id);
        await deleteEndpoint(tx, id);
        await audit.record(tx, actor, {
          type: "webhook.deleted",
          subjectType: "webhook_endpoint",
          subjectId: id,
          details: { organizationId: manager.organizationId },
        });
      });
    },

    async deliveries(actor, id, limit = 50) {
      const manager = webhookManager(actor);
      const endpoint = await own(db, manager, id);
      return (await deliveriesOf(db, endpoint.id, limit)).map(deliveryView);
    },

    async sendTest(actor, id) {
      const manager = webhookManager(actor);
      return db.transaction().execute(async (tx) => {
        const endpoint = await own(tx, manager, id);
        if (endpoint.active !== 1) {
          throw new ProblemError(409, "endpoint_inactive", "The endpoint is not active.");
        }
        const deliveryId = await enqueueDelivery(tx, clock, endpoint, TEST_EVENT_TYPE, (mid) => ({
          id: mid,
          type: TEST_EVENT_TYPE,
          occurredAt: now(),
          organizationId: manager.organizationId,
          data: {},
        }));
        await audit.record(tx, actor, {
          type: "webhook.test_sent",
          subjectType: "webhook_endpoint",
          subjectId: id,
          details: { organizationId: manager.organizationId, deliveryId },
        });
        return { deliveryId };
      });
    },
  };
}
