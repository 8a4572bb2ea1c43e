import type { Logger } from "pino";
import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Db, Executor, Tx } from "../../platform/db/database.ts";
import { newId } from "../../platform/ids.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import { enqueueJob, type JobHandler } from "../../platform/jobs/jobs.ts";
import type { CaseEvent, CaseState } from "../../workflow/case/types.ts";
import type { SiteCaseEvent, SiteCaseState } from "../../workflow/site-case/types.ts";
import type { AppliedChange, WorkflowObserver } from "../../workflow/store.ts";
import { caseNumberOf } from "../cases/cases.repository.ts";
import { caseWebhookEvents, siteCaseWebhookEvents, type WebhookEvent } from "./webhooks.events.ts";
import { postWebhook, type WebhookNetworkPolicy } from "./webhooks.http.ts";
import {
  activeEndpointsOf,
  type EndpointRow,
  endpointById,
  findDelivery,
  insertDelivery,
  siteCaseReference,
  updateDelivery,
} from "./webhooks.repository.ts";
import { webhookSecret } from "./webhooks.sealed.ts";
import { signedHeaders } from "./webhooks.signing.ts";

export const WEBHOOK_DELIVERY_JOB = "webhook.deliver";
/** With the runner's backoff (30 s, 1 min, 2 min, … capped at 1 h): about nine hours of tries. */
export const WEBHOOK_MAX_ATTEMPTS = 12;
const ERROR_MAX = 200;

function subscribedTo(endpoint: EndpointRow, type: string): boolean {
  return (JSON.parse(endpoint.event_types) as string[]).includes(type);
}

/**
 * Writes one delivery and its job in the caller's transaction: the message exists if and only
 * if the change that caused it was committed. The body is fixed here, so every retry sends the
 * same bytes (only the timestamp and signature are new).
 */
export async function enqueueDelivery(
  executor: Executor,
  clock: Clock,
  endpoint: Pick<EndpointRow, "id" | "organization_id">,
  type: string,
  body: (id: string) => Record<string, unknown>,
): Promise<string> {
  const id = `msg_${newId()}`;
  await insertDelivery(executor, {
    id,
    endpoint_id: endpoint.id,
    organization_id: endpoint.organization_id,
    event_type: type,
    payload: JSON.stringify(body(id)),
    status: "pending",
    created_at: clock.now().toISOString(),
  });
  await enqueueJob(executor, clock, {
    type: WEBHOOK_DELIVERY_JOB,
    payload: { deliveryId: id },
    idempotencyKey: `${WEBHOOK_DELIVERY_JOB}:${id}`,
    maxAttempts: WEBHOOK_MAX_ATTEMPTS,
  });
  return id;
}

/**
 * The workflow observer: each case or site-case event that an organization in its audience
 * may see becomes one delivery per active endpoint of that organization subscribed to it.
 */
export function createWebhookObserver(deps: { clock: Clock; publicUrl: string }): WorkflowObserver {
  const { clock, publicUrl } = deps;

  async function deliver(
    tx: Tx,
    events: WebhookEvent[],
    subject: (tx: Tx) => Promise<Record<string, unknown>>,
  ) {
    if (events.length === 0) return;
    const endpoints = await activeEndpointsOf(tx, [
      ...new Set(events.map((e) => e.organizationId)),
    ]);
    if (endpoints.length === 0) return;
    const about = await subject(tx);
    for (const event of events) {
      for (const endpoint of endpoints) {
        if (endpoint.organization_id !== event.organizationId) continue;
        if (!subscribedTo(endpoint, event.type)) continue;
        await enqueueDelivery(tx, clock, endpoint, event.type, (id) => ({
          id,
          type: event.type,
          occurredAt: event.occurredAt,
          organizationId: event.organizationId,
          ...about,
          data: event.data,
        }));
      }
    }
  }

  return async (tx: Tx, change: AppliedChange) => {
    if (change.aggregate === "case") {
      const state = change.state as CaseState;
      await deliver(tx, caseWebhookEvents(state, change.events as CaseEvent[]), async (t) => ({
        case: {
          id: change.id,
          number: await caseNumberOf(t, change.id),
          status: state.status,
          link: `${publicUrl}/cases/${change.id}`,
        },
      }));
    } else if (change.aggregate === "site_case") {
      const state = change.state as SiteCaseState;
      await deliver(
        tx,
        siteCaseWebhookEvents(state, change.events as SiteCaseEvent[]),
        async (t) => ({
          siteCase: {
            id: change.id,
            reference: await siteCaseReference(t, change.id),
            status: state.status,
            link: `${publicUrl}/site-cases/${change.id}`,
          },
        }),
      );
    }
  };
}

/**
 * Delivers one webhook message. A failed attempt is recorded on the delivery (a short status
 * line or error, never the answer's body) and rethrown, so the job runner retries with its
 * backoff; after the last attempt the delivery is `failed`. A deactivated or deleted endpoint
 * gets nothing more.
 */
export function createWebhookDeliveryHandler(deps: {
  db: Db;
  cipher: FieldCipher;
  clock: Clock;
  network: WebhookNetworkPolicy;
  logger: Logger;
}): JobHandler {
  const { db, cipher, clock, network, logger } = deps;
  return async (job) => {
    const { deliveryId } = job.payload as { deliveryId: string };
    const delivery = await findDelivery(db, deliveryId);
    if (delivery?.status !== "pending") return;
    const endpoint = await endpointById(db, delivery.endpoint_id);
    if (endpoint?.active !== 1) {
      await updateDelivery(db, delivery.id, {
        status: "failed",
        last_error: "endpoint deactivated",
        last_attempt_at: clock.now().toISOString(),
      });
      return;
    }
    const secret = webhookSecret.open(cipher, endpoint.id, endpoint.secret_sealed);
    const at = clock.now();
    const headers = signedHeaders(secret, delivery.id, at, delivery.payload);
    const attempts = delivery.attempts + 1;
    let failure: string;
    let statusLine: string | null = null;
    try {
      const answer = await postWebhook(endpoint.url, headers, delivery.payload, network);
      statusLine = answer.statusLine;
      if (answer.status >= 200 && answer.status < 300) {
        await updateDelivery(db, delivery.id, {
          status: "delivered",
          attempts,
          last_status: statusLine,
          last_error: null,
          last_attempt_at: at.toISOString(),
          delivered_at: clock.now().toISOString(),
        });
        logger.info({ deliveryId: delivery.id, type: delivery.event_type }, "webhook delivered");
        return;
      }
      failure = answer.status >= 300 && answer.status < 400 ? "redirect not followed" : statusLine;
    } catch (error) {
      failure = (error instanceof Error ? error.message : String(error)).slice(0, ERROR_MAX);
    }
    await updateDelivery(db, delivery.id, {
      status: job.attempt >= job.maxAttempts ? "failed" : "pending",
      attempts,
      last_status: statusLine,
      last_error: failure,
      last_attempt_at: at.toISOString(),
    });
    throw new Error(`webhook ${delivery.id} not delivered: ${failure}`);
  };
}
