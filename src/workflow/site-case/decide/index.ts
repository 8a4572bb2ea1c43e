/**
 * Deciding a command on a web-application case: the checks every command goes through
 * (rules.ts), then the one rule for its type, from a table that names every command type.
 */
import type { Decision } from "../../common.ts";
import type { WorkflowPolicy } from "../../policy.ts";
import { decideByRules } from "../../rules.ts";
import { evolveSiteCase } from "../evolve.ts";
import type { SiteCaseCommand, SiteCaseEvent, SiteCaseState } from "../types.ts";
import { contactRules } from "./contact.ts";
import { progressRules } from "./progress.ts";
import type { SiteCaseRules } from "./rule.ts";
import { timerRules } from "./timers.ts";

const siteCaseRules: SiteCaseRules = { ...progressRules, ...contactRules, ...timerRules };

export function decideSiteCase(
  state: SiteCaseState,
  command: SiteCaseCommand,
  policy: WorkflowPolicy,
): Decision<SiteCaseEvent> {
  return decideByRules(
    {
      noun: "site case",
      opening: ["open_site_case"],
      evolve: evolveSiteCase,
      rules: siteCaseRules,
    },
    state,
    command,
    policy,
  );
}
