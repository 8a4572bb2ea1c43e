/**
 * What happens when a case's timer is due (W-9): a vendor's reminder, then its escalation to the
 * coordinator; the alert before the publication date; and the publication itself, or, when
 * something blocks it, the overdue notice and another try (R-COO-16). A timer of an earlier
 * ladder generation or schedule revision fires and changes nothing else.
 */
import {
  COORDINATOR,
  dueTimer,
  type Instant,
  Issues,
  isRefusal,
  type Timer,
} from "../../common.ts";
import { deadlineAfter, type WorkflowPolicy } from "../../policy.ts";
import { rule } from "../../rules.ts";
import { countermeasuresMissing, isActive, participant, publicationBlockers } from "../queries.ts";
import type { CaseState } from "../types.ts";
import { publishIfReady, reportOverdue, setTimer } from "./effects.ts";
import type { CaseRules, Out } from "./rule.ts";

/** A participant's acknowledgement or status is due: remind it, or escalate after the last reminder. */
function ladderDue(out: Out, s: CaseState, timer: Timer, policy: WorkflowPolicy): void {
  const p = timer.orgId ? participant(s, timer.orgId) : undefined;
  const ladder = p?.ladder;
  if (
    !p ||
    !ladder ||
    !isActive(s) ||
    ladder.generation !== timer.generation ||
    ladder.exhaustedAt
  ) {
    return;
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
}

/** Before the date: tell the coordinator what still blocks (or is missing from) publication. */
function publicationAlert(out: Out, s: CaseState, timer: Timer): void {
  if (!isActive(s) || s.schedule?.revision !== timer.revision || s.publication) return;
  const problems = publicationBlockers(s);
  const missing = countermeasuresMissing(s);
  if (missing.length > 0) problems.push({ kind: "countermeasures_missing", orgIds: missing });
  if (problems.length > 0) {
    out.emit({ type: "publication_alert", problems, audience: [COORDINATOR] });
  }
}

/** The date: publish, or report what blocks it and try again later. */
function publicationDue(
  out: Out,
  s: CaseState,
  timer: Timer,
  policy: WorkflowPolicy,
  at: Instant,
): void {
  if (!isActive(s) || s.schedule?.revision !== timer.revision || s.publication) return;
  if (publishIfReady(out, at, "publication_due", timer.dueAt === s.schedule.publishAt)) return;
  reportOverdue(out);
  // … and tried again until it happens or the date is revised.
  setTimer(out, "publication_due", deadlineAfter(at, policy.publicationRetry, policy.calendar), {
    revision: timer.revision ?? undefined,
  });
}

export const timerRules = {
  fire_timer: rule({
    by: "system",
    check: (command) => new Issues().text("timerId", command.timerId),
    decide: ({ command, state, out, policy, at }) => {
      const timer = dueTimer(command, state);
      if (isRefusal(timer)) return timer;
      out.emit({ type: "timer_fired", timerId: timer.id, audience: [] });
      switch (timer.kind) {
        case "acknowledgement_due":
        case "status_due":
        case "reminder_due":
          ladderDue(out, state, timer, policy);
          break;
        case "publication_alert":
          publicationAlert(out, state, timer);
          break;
        case "publication_due":
          publicationDue(out, state, timer, policy, at);
          break;
        default:
          break;
      }
      return out.done();
    },
  }),
} satisfies Partial<CaseRules>;
