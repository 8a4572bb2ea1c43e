import type { Db } from "../../platform/db/database.ts";
import { invalidInput, unauthenticated } from "../../platform/http/problem.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import { type Actor, isSignedIn, type UserActor } from "../access/actor.ts";
import { DIGEST_HOUR, DIGEST_TIME_ZONE } from "./digest.ts";
import { defaultDelivery, kindsFor } from "./kinds.ts";
import { preferencesOf, savePreference } from "./notifications.repository.ts";
import type {
  NotificationPreferencesView,
  UpdateNotificationPreferences,
} from "./notifications.schemas.ts";

export interface NotificationsService {
  /** The caller's choice for each kind of event that concerns them. */
  preferences(actor: Actor): Promise<NotificationPreferencesView>;
  updatePreferences(
    actor: Actor,
    input: UpdateNotificationPreferences,
  ): Promise<NotificationPreferencesView>;
}

export function createNotificationsService(deps: { db: Db; clock: Clock }): NotificationsService {
  const { db, clock } = deps;

  function signedIn(actor: Actor): UserActor {
    if (!isSignedIn(actor)) throw unauthenticated();
    return actor;
  }

  async function viewOf(executor: Db, user: UserActor): Promise<NotificationPreferencesView> {
    const chosen = await preferencesOf(executor, user.userId);
    const type = user.organization?.type ?? null;
    return {
      preferences: kindsFor(type).map((kind) => {
        const fallback = defaultDelivery(kind, type);
        const choice = chosen.get(kind);
        return {
          kind,
          delivery: choice ?? fallback,
          defaultDelivery: fallback,
          chosen: choice !== undefined,
        };
      }),
      digest: { hour: DIGEST_HOUR, timeZone: DIGEST_TIME_ZONE },
    };
  }

  return {
    async preferences(actor) {
      return viewOf(db, signedIn(actor));
    },

    async updatePreferences(actor, input) {
      const user = signedIn(actor);
      const allowed = new Set(kindsFor(user.organization?.type ?? null));
      const refused = input.preferences.flatMap((entry, index) =>
        allowed.has(entry.kind)
          ? []
          : [
              {
                path: `preferences.${index}.kind`,
                message: "not a kind of event for this account",
              },
            ],
      );
      if (refused.length > 0) throw invalidInput(refused);
      const now = clock.now().toISOString();
      await db.transaction().execute(async (tx) => {
        for (const entry of input.preferences) {
          await savePreference(tx, {
            user_id: user.userId,
            kind: entry.kind,
            delivery: entry.delivery,
            updated_at: now,
          });
        }
      });
      return viewOf(db, user);
    },
  };
}
