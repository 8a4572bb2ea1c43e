/**
 * The operator's reminder ladder (R-WEB-6): while the operator has not acknowledged, each due
 * timer sends a reminder and sets the next, and after the last one the case becomes
 * operator_unreachable.
 */
import { dueTimer, INTAKE, Issues, isRefusal } from "../../common.ts";
import { deadlineAfter } from "../../policy.ts";
import { rule } from "../../rules.ts";
import { operatorRecipient } from "../queries.ts";
import { type SiteCaseRules, setTimer, statusChange, stopLadder } from "./rule.ts";

export const timerRules = {
  fire_timer: rule({
    by: "system",
    check: (command) => new Issues().text("timerId", command.timerId),
    decide: ({ command, state, out, policy }) => {
      const timer = dueTimer(command, state);
      if (isRefusal(timer)) return timer;
      out.emit({ type: "timer_fired", timerId: timer.id, audience: [] });
      const ladder = state.ladder;
      if (
        state.status !== "operator_notified" ||
        !ladder ||
        ladder.generation !== timer.generation
      ) {
        return out.done();
      }
      if (ladder.reminders < policy.operatorReminders.count) {
        out.emit({
          type: "operator_reminder_due",
          generation: ladder.generation,
          step: ladder.reminders + 1,
          audience: [INTAKE, operatorRecipient(state)],
        });
        setTimer(
          out,
          "operator_reminder_due",
          deadlineAfter(timer.dueAt, policy.operatorReminders.interval, policy.calendar),
          ladder.generation,
        );
      } else {
        // R-WEB-6: the ladder ends in operator_unreachable.
        statusChange(out, "unreachable_after_reminders", "operator_unreachable");
        stopLadder(out);
      }
      return out.done();
    },
  }),
} satisfies Partial<SiteCaseRules>;
