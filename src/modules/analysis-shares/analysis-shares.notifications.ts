import type { Executor } from "../../platform/db/database.ts";
import type { MessageKey } from "../../platform/i18n/i18n.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import type { MailOutbox } from "../../platform/mail/outbox.ts";
import { caseNumberOf } from "../cases/cases.repository.ts";
import { createNotifier } from "../notifications/notify.ts";
import { coordinatorPeople } from "../notifications/recipients.ts";
import { membersOf } from "../organizations/organizations.repository.ts";
import { siteCaseHeadline } from "../site-cases/site-cases.analysis-shares.ts";

/** How a share is named in mail and on pages: no case content, only its own reference. */
export function shareReference(shareId: string): string {
  return `AS-${shareId.replace(/-/g, "").slice(0, 8).toUpperCase()}`;
}

/**
 * Who hears of a share, and of what: a notice to sign in, never content (R-SEC-3).
 * - the organization's members who see the share (its admins and the members assigned): when it
 *   starts for them and when it is revoked;
 * - the coordinator (the case's handler, else every coordinator member): when the case is shared.
 */
export function createShareNotifier(deps: { mail: MailOutbox; clock: Clock; publicUrl: string }) {
  const notify = createNotifier(deps);
  const { publicUrl } = deps;

  async function toMembers(
    tx: Executor,
    userIds: readonly string[],
    shareId: string,
    what: MessageKey,
    link: string,
  ) {
    for (const userId of new Set(userIds)) {
      await notify(
        tx,
        { userId },
        {
          kind: "analysis_share",
          event: { what, reference: shareReference(shareId), link },
        },
      );
    }
  }

  /** The organization's admins: who sees every share of it (R-SEC-6). */
  async function adminsOf(tx: Executor, organizationId: string): Promise<string[]> {
    return (await membersOf(tx, organizationId))
      .filter((member) => member.role === "admin")
      .map((member) => member.id);
  }

  return {
    adminsOf,

    /** A share started: the organization's admins, and the coordinator. */
    async started(
      tx: Executor,
      share: { id: string; caseId: string; organizationId: string },
      caseAssignee: string | null,
    ) {
      await toMembers(
        tx,
        await adminsOf(tx, share.organizationId),
        share.id,
        "analysisShares.notice.started",
        `${publicUrl}/analysis-shares/${encodeURIComponent(share.id)}`,
      );
      const reference = (await caseNumberOf(tx, share.caseId)) ?? share.caseId;
      for (const userId of await coordinatorPeople(tx, caseAssignee)) {
        await notify(
          tx,
          { userId },
          {
            kind: "analysis_share",
            event: {
              what: "analysisShares.notice.caseShared",
              reference,
              link: `${publicUrl}/cases/${encodeURIComponent(share.caseId)}/analysis-shares`,
            },
          },
        );
      }
    },

    /**
     * A web case shared: the organization's admins (to sign in), and the site's operator (its
     * admins and the members assigned to the case), told its case was shared, by the case's
     * reference, with the link to its shares.
     */
    async siteCaseShared(
      tx: Executor,
      share: { id: string; siteCaseId: string; organizationId: string },
      operatorUserIds: readonly string[],
    ) {
      await toMembers(
        tx,
        await adminsOf(tx, share.organizationId),
        share.id,
        "analysisShares.notice.started",
        `${publicUrl}/analysis-shares/${encodeURIComponent(share.id)}`,
      );
      const { reference } = await siteCaseHeadline(tx, share.siteCaseId);
      for (const userId of new Set(operatorUserIds)) {
        await notify(
          tx,
          { userId },
          {
            kind: "analysis_share",
            event: {
              what: "analysisShares.notice.siteCaseShared",
              reference,
              link: `${publicUrl}/site-cases/${encodeURIComponent(share.siteCaseId)}/analysis-shares`,
            },
          },
        );
      }
    },

    /** Members newly assigned to a share by their admin. */
    async assigned(tx: Executor, shareId: string, userIds: readonly string[]) {
      await toMembers(
        tx,
        userIds,
        shareId,
        "analysisShares.notice.started",
        `${publicUrl}/analysis-shares/${encodeURIComponent(shareId)}`,
      );
    },

    /** A share revoked: everyone of the organization who saw it. */
    async revoked(tx: Executor, shareId: string, userIds: readonly string[]) {
      await toMembers(
        tx,
        userIds,
        shareId,
        "analysisShares.notice.revoked",
        `${publicUrl}/analysis-shares`,
      );
    },
  };
}

export type ShareNotifier = ReturnType<typeof createShareNotifier>;
