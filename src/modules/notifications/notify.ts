/**
 * THE way a notifier reaches a person: it reads the person's choice for the kind of event and
 * mails now (in the caller's transaction), keeps the event for the daily digest, or does
 * nothing. An address that is no account here (an organization's contact address) is mailed
 * now, as before preferences existed. Mail never carries report text (R-SEC-3): a notice names
 * what happened, the receipt or case number and the link.
 */
import type { Executor } from "../../platform/db/database.ts";
import { type Language, type MessageKey, translator } from "../../platform/i18n/i18n.ts";
import { newId } from "../../platform/ids.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import type { MailOutbox } from "../../platform/mail/outbox.ts";
import type { MailParams, MailTemplate } from "../../platform/mail/templates.ts";
import { scheduleDigest } from "./digest.ts";
import { type Delivery, defaultDelivery, type NotificationKind } from "./kinds.ts";
import {
  insertDigestItem,
  type Person,
  personByEmail,
  personById,
  preferenceOf,
} from "./notifications.repository.ts";

/** What happened, as one line of the digest (and of the generic notice mail). */
export interface NoticeEvent {
  what: MessageKey;
  params?: Record<string, string | number>;
  /** The receipt number of a report, or the case's number. */
  reference: string;
  link: string;
}

export interface Notice {
  kind: NotificationKind;
  event: NoticeEvent;
  /** The mail sent when the person hears at once; the generic `notice` mail when omitted. */
  mail?: {
    template: MailTemplate;
    /** A function when a parameter is said in the recipient's language. */
    params: MailParams | ((language: Language) => MailParams);
    encryptTo?: readonly string[];
  };
}

/** A user by id (mailed in their language), or an address in a language chosen by the caller. */
export type Addressee = { userId: string } | { email: string; language: Language };

export type Notify = (tx: Executor, to: Addressee, notice: Notice) => Promise<Delivery>;

export function createNotifier(deps: { mail: MailOutbox; clock: Clock }): Notify {
  const { mail, clock } = deps;
  return async (tx, to, notice) => {
    const person: Person | null =
      "userId" in to ? await personById(tx, to.userId) : await personByEmail(tx, to.email);
    if ("userId" in to && !person) return "none";
    const delivery = person
      ? ((await preferenceOf(tx, person.userId, notice.kind)) ??
        defaultDelivery(notice.kind, person.organizationType))
      : "immediate";
    const email = "email" in to ? to.email : (person as Person).email;
    const language = "language" in to ? to.language : (person as Person).language;
    if (delivery === "immediate") {
      const { what, params, reference, link } = notice.event;
      const own = notice.mail;
      await mail.enqueue(tx, {
        to: email,
        language,
        ...(own
          ? {
              template: own.template,
              params: typeof own.params === "function" ? own.params(language) : own.params,
              ...(own.encryptTo ? { encryptTo: own.encryptTo } : {}),
            }
          : {
              template: "notice" as const,
              params: {
                what: translator(language)(what, { ...params, reference }),
                reference,
                link,
              },
            }),
      });
    } else if (delivery === "digest" && person) {
      const occurredAt = clock.now();
      await insertDigestItem(tx, {
        id: newId(),
        user_id: person.userId,
        kind: notice.kind,
        what: notice.event.what,
        params: JSON.stringify(notice.event.params ?? {}),
        reference: notice.event.reference,
        link: notice.event.link,
        occurred_at: occurredAt.toISOString(),
      });
      await scheduleDigest(tx, clock, occurredAt);
    }
    return delivery;
  };
}
