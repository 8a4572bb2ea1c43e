/**
 * What happens when a case's timer is due (W-9): a vendor's reminder, then its escalation to the
 * coordinator; the alert before the publication date; and the publication itself, or, when
 * something blocks it, the overdue notice and another try (R-COO-16).
 */
import { COORDINATOR, dueTimer, Issues, isRefusal } from "../../common.ts";
import { deadlineAfter } from "../../policy.ts";
import { rule } from "../../rules.ts";
import { countermeasuresMissing, isActive, participant, publicationBlockers } from "../queries.ts";
import { publishIfReady, reportOverdue, setTimer } from "./effects.ts";
import type { CaseRules } from "./rule.ts";

export const timerRules = {
  fire_timer: rule({
    by: "system",
    check: (command) => new Issues().text("timerId", command.timerId),
    decide: ({ command, state: s, out, policy, at }) => {
      const timer = dueTimer(command, s);
      if (isRefusal(timer)) return timer;
      out.emit({ type: "timer_fired", timerId: timer.id, audience: [] });
      switch (timer.kind) {
        case "acknowledgement_due":
        case "status_due":
        case "reminder_due": {
          const p = timer.orgId ? participant(s, timer.orgId) : undefined;
          const ladder = p?.ladder;
          if (
            !p ||
            !ladder ||
            !isActive(s) ||
            ladder.generation !== timer.generation ||
            ladder.exhaustedAt
          ) {
            break;
          }
          if (ladder.reminders < policy.vendorReminders.count) {
            out.emit({
              type: "participant_reminder_due",
              orgId: p.orgId,
              ladder: ladder.kind,
              generation: ladder.generation,
              step: ladder.reminders + 1,
              audience: [COORDINATOR, { kind: "vendor", orgId: p.orgId }],
            });
            setTimer(
              out,
              "reminder_due",
              deadlineAfter(timer.dueAt, policy.vendorReminders.interval, policy.calendar),
              { orgId: p.orgId, generation: ladder.generation },
            );
          } else {
            out.emit({
              type: "participant_escalation_due",
              orgId: p.orgId,
              ladder: ladder.kind,
              generation: ladder.generation,
              audience: [COORDINATOR],
            });
          }
          break;
        }
        case "publication_alert": {
          if (!isActive(s) || s.schedule?.revision !== timer.revision || s.publication) break;
          const problems = publicationBlockers(s);
          const missing = countermeasuresMissing(s);
          if (missing.length > 0)
            problems.push({ kind: "countermeasures_missing", orgIds: missing });
          if (problems.length > 0) {
            out.emit({ type: "publication_alert", problems, audience: [COORDINATOR] });
          }
          break;
        }
        case "publication_due": {
          if (!isActive(s) || s.schedule?.revision !== timer.revision || s.publication) break;
          if (!publishIfReady(out, at, "publication_due", timer.dueAt === s.schedule.publishAt)) {
            reportOverdue(out);
            // … and tried again until it happens or the date is revised.
            setTimer(
              out,
              "publication_due",
              deadlineAfter(at, policy.publicationRetry, policy.calendar),
              { revision: timer.revision ?? undefined },
            );
          }
          break;
        }
        default:
          break;
      }
      return out.done();
    },
  }),
} satisfies Partial<CaseRules>;
