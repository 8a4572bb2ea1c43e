/**
 * The daily digest: once a day, at DIGEST_HOUR in DIGEST_TIME_ZONE, each user with events kept
 * for the digest gets one mail in their language listing them (what happened, the receipt or case
 * number, the link, the time with its zone); the items are marked sent in the mail's
 * transaction, so a second run finds nothing to send.
 *
 * The job exists only on days with something to send: keeping an item enqueues the digest job
 * of the next digest time (one per time, by its idempotency key).
 */
import type { Db, Executor } from "../../platform/db/database.ts";
import {
  formatInstant,
  isLanguage,
  type MessageKey,
  translator,
} from "../../platform/i18n/i18n.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import { enqueueJob, type JobHandler } from "../../platform/jobs/jobs.ts";
import type { MailOutbox } from "../../platform/mail/outbox.ts";
import {
  type DigestItemRow,
  markItemsSent,
  pendingItemsOf,
  personById,
  usersWithPendingItems,
} from "./notifications.repository.ts";

export const NOTIFICATION_DIGEST_JOB = "notifications.digest";
export const DIGEST_HOUR = 8;
export const DIGEST_TIME_ZONE = "Asia/Tokyo";
/** Asia/Tokyo keeps +09:00 all year (no daylight saving time). */
const ZONE_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The first digest time strictly after an instant. */
export function nextDigestAt(after: Date): Date {
  const local = new Date(after.getTime() + ZONE_OFFSET_MS);
  let due =
    Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), DIGEST_HOUR) -
    ZONE_OFFSET_MS;
  if (due <= after.getTime()) due += DAY_MS;
  return new Date(due);
}

/** Makes sure the digest after this instant will run (in the caller's transaction). */
export async function scheduleDigest(executor: Executor, clock: Clock, at: Date): Promise<void> {
  const dueAt = nextDigestAt(at);
  await enqueueJob(executor, clock, {
    type: NOTIFICATION_DIGEST_JOB,
    payload: null,
    dueAt,
    idempotencyKey: `${NOTIFICATION_DIGEST_JOB}:${dueAt.toISOString()}`,
  });
}

/** Another run sent these items meanwhile: this user's digest is left to it. */
class AlreadySent extends Error {}

export function createDigestHandler(deps: {
  db: Db;
  mail: MailOutbox;
  clock: Clock;
  publicUrl: string;
}): JobHandler {
  const { db, mail, clock, publicUrl } = deps;

  return async () => {
    const until = clock.now().toISOString();
    for (const userId of await usersWithPendingItems(db, until)) {
      try {
        await db.transaction().execute(async (tx) => {
          const items = await pendingItemsOf(tx, userId, until);
          if (items.length === 0) return;
          const person = await personById(tx, userId);
          const mailId = person
            ? await mail.enqueue(tx, {
                to: person.email,
                language: person.language,
                template: "notificationDigest",
                params: {
                  name: person.name,
                  count: items.length,
                  items: itemLines(items, person.language),
                  preferencesLink: `${publicUrl}/account/notifications`,
                },
              })
            : "";
          const marked = await markItemsSent(
            tx,
            items.map((item) => item.id),
            mailId,
            clock.now().toISOString(),
          );
          if (marked !== items.length) throw new AlreadySent();
        });
      } catch (error) {
        if (!(error instanceof AlreadySent)) throw error;
      }
    }
  };
}

function itemLines(items: readonly DigestItemRow[], language: string): string {
  const lang = isLanguage(language) ? language : "ja";
  const t = translator(lang);
  return items
    .map((item) =>
      t("notifications.digest.item", {
        // A key no longer in the catalogs (an item kept across an upgrade) reads as a notice.
        what: t(
          t(item.what as MessageKey) === undefined
            ? "notifications.what.generic"
            : (item.what as MessageKey),
          {
            ...(JSON.parse(item.params) as Record<string, string | number>),
            reference: item.reference,
          },
        ),
        reference: item.reference,
        at: formatInstant(new Date(item.occurred_at), lang, DIGEST_TIME_ZONE),
        link: item.link,
      }),
    )
    .join("\n\n");
}
