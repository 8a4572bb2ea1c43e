/**
 * Deciding a command on a product case: the checks every command goes through (rules.ts), then
 * the one rule for its type. The table names every command type; one without a rule does not
 * type-check.
 */
import type { Decision } from "../../common.ts";
import type { WorkflowPolicy } from "../../policy.ts";
import { decideByRules } from "../../rules.ts";
import { evolveCase } from "../evolve.ts";
import type { CaseCommand, CaseEvent, CaseState } from "../types.ts";
import { contactRules } from "./contact.ts";
import { openingRules } from "./opening.ts";
import { participantRules } from "./participants.ts";
import { publicationRules } from "./publication.ts";
import type { CaseRules } from "./rule.ts";
import { scheduleRules } from "./schedule.ts";
import { timerRules } from "./timers.ts";
import { vendorRules } from "./vendor.ts";

const caseRules: CaseRules = {
  ...openingRules,
  ...participantRules,
  ...vendorRules,
  ...scheduleRules,
  ...publicationRules,
  ...contactRules,
  ...timerRules,
};

export function decideCase(
  state: CaseState,
  command: CaseCommand,
  policy: WorkflowPolicy,
): Decision<CaseEvent> {
  return decideByRules(
    {
      noun: "case",
      opening: ["open_case", "open_csirt_case", "open_self_report"],
      evolve: evolveCase,
      rules: caseRules,
    },
    state,
    command,
    policy,
  );
}
