/**
 * Generated whole worlds: two reports that are submitted, accepted, changed and forwarded, and
 * the cases and site cases they open, driven together so that the follow-ups between them run.
 */
import fc from "fast-check";
import type { WorkflowActor } from "../../common.ts";
import type { AggregateType, AnyCommand, CommandOf } from "../../machines.ts";
import type { WorkflowPolicy } from "../../policy.ts";
import { actors, OPERATOR } from "../fixtures.ts";
import { CASE_TEMPLATES, caseStepCommand } from "./case-runs.ts";
import { consentOf, Driver, OPERATORS, pickOf, runArbs, runSteps, type Step } from "./driver.ts";

export const REPORT_IDS = ["r1", "r2"];
export const CASE_IDS = ["c1", "c2"];
export const SITE_IDS = ["s1", "s2"];

export const WORLD_TEMPLATES = [
  ...Array(10).fill("submit"),
  "request_info",
  "resubmit",
  ...Array(10).fill("accept"),
  "reject",
  "close_report",
  ...Array(3).fill("change_kind"),
  ...Array(4).fill("update_consent"),
  ...Array(12).fill("forward"),
  "close_with_outcome",
  ...Array(2).fill("site:acknowledge"),
  ...Array(2).fill("site:report_result"),
  "site:mark_unreachable",
  ...Array(2).fill("site:close"),
  "site:publish_leak_notice",
  "site:claim_site_case",
  ...Array(2).fill("site:share_finder_identity"),
  ...Array(2).fill("site:request_direct_contact"),
  ...Array(2).fill("site:approve_direct_contact"),
  "site:post_message",
  "site:open_site_case",
  "case:open_case",
  ...[...new Set(CASE_TEMPLATES)]
    .filter((t) => !["tick", "repeat", "reopen", "update_consent"].includes(t))
    .map((t) => `case:${t}`),
  ...Array(3).fill("case:share_finder_identity"),
  ...Array(3).fill("case:notify_participant"),
  ...Array(2).fill("case:add_participant"),
  ...Array(2).fill("case:approve_direct_contact"),
  ...Array(2).fill("case:request_direct_contact"),
  ...Array(3).fill("tick"),
  ...Array(2).fill("repeat"),
] as string[];

/** For a guided step, the report statuses the template applies to. */
const REPORT_WANTED: Record<string, readonly (string | null)[]> = {
  submit: [null],
  request_info: ["submitted"],
  resubmit: ["needs_info"],
  accept: ["submitted"],
  reject: ["submitted", "needs_info"],
  close_report: ["accepted"],
  change_kind: ["submitted", "needs_info", "accepted"],
  update_consent: ["submitted", "needs_info", "accepted", "forwarded"],
  forward: ["accepted"],
};

export interface WorldRun {
  policy: WorkflowPolicy;
  steps: Step[];
  duplicateTimers: boolean;
}

export function worldRunArb(maxSteps = 60): fc.Arbitrary<WorldRun> {
  return fc.record(runArbs(WORLD_TEMPLATES, maxSteps));
}

function worldStep(
  d: Driver,
  step: Step,
): { aggregate: AggregateType; id: string; command: AnyCommand } | null {
  const wanted = REPORT_WANTED[step.template];
  const candidates = wanted
    ? REPORT_IDS.filter((id) => wanted.includes(d.world.state("report", id).status))
    : [];
  const reportId =
    step.guided && candidates.length > 0
      ? pickOf(candidates, step.pick)
      : pickOf(REPORT_IDS, step.pick);
  const existing = (aggregate: AggregateType, ids: string[]) => {
    const found = d.world.ids(aggregate);
    return step.guided && found.length > 0 ? pickOf(found, step.pick) : pickOf(ids, step.pick);
  };
  const caseId = existing("case", CASE_IDS);
  const siteId = existing("site_case", SITE_IDS);
  const reportKind = d.world.state("report", reportId).kind;
  const operatorOrg = pickOf(OPERATORS, step.pick2);
  const operator = actors.operator(step.flag2 ? OPERATOR : operatorOrg);
  const c = (natural: WorkflowActor, type: string, fields: Record<string, unknown> = {}) =>
    d.command(step, natural, type, fields);
  const report = (command: AnyCommand) => ({ aggregate: "report" as const, id: reportId, command });
  const site = (command: AnyCommand) => ({ aggregate: "site_case" as const, id: siteId, command });
  const kind = step.flag ? "product" : "web";
  switch (step.template) {
    case "submit":
      return report(
        c(actors.finder, "submit", {
          kind,
          consent: consentOf(
            step.pick2 % 9 === 0 ? (kind === "web" ? "product" : "web") : kind,
            step.pick2,
          ),
        }),
      );
    case "request_info":
      return report(c(actors.intake, "request_info", { messageId: "m" }));
    case "resubmit":
      return report(c(actors.finder, "resubmit"));
    case "accept":
      return report(c(actors.intake, "accept"));
    case "reject":
      return report(c(actors.intake, "reject", { reason: "insufficient" }));
    case "close_report":
      return report(c(actors.intake, "close", { reason: "out_of_scope" }));
    case "change_kind":
      return report(c(actors.intake, "change_kind", { kind, reason: "it is built for one site" }));
    case "update_consent": {
      const current = d.world.state("report", reportId).kind ?? kind;
      return report(
        c(actors.finder, "update_consent", { consent: consentOf(current, step.pick2) }),
      );
    }
    case "forward": {
      // Guided, a report goes where its kind belongs, to an id not used yet.
      const asCase = step.guided && reportKind ? reportKind === "product" : step.flag;
      const fresh = (aggregate: AggregateType, ids: string[]) => {
        const used = d.world.ids(aggregate);
        const free = ids.filter((id) => !used.includes(id));
        return step.guided && free.length > 0 ? pickOf(free, step.pick2) : pickOf(ids, step.pick2);
      };
      return report(
        c(actors.intake, "forward", {
          target: asCase
            ? { kind: "case", caseId: fresh("case", CASE_IDS) }
            : {
                kind: "site_case",
                siteCaseId: fresh("site_case", SITE_IDS),
                operator: step.flag2
                  ? { orgId: operatorOrg }
                  : { name: "Shop", contactEmail: "a@example.jp" },
              },
        }),
      );
    }
    case "close_with_outcome":
      return report(
        c(actors.system, "close_with_outcome", {
          source: step.flag ? "case" : "site_case",
          linkedId: step.flag ? caseId : siteId,
          outcome: step.flag ? "published" : "fixed",
        }),
      );
    case "site:acknowledge":
      return site(c(operator, "acknowledge"));
    case "site:report_result":
      return site(
        c(operator, "report_result", {
          result: step.flag ? "fixed" : "not_vulnerable",
          ...(step.flag
            ? {
                fixMethod: pickOf(
                  ["app_fixed", "page_removed", "operational_workaround"],
                  step.pick2,
                ),
              }
            : {}),
        }),
      );
    case "site:mark_unreachable":
      return site(c(actors.intake, "mark_unreachable"));
    case "site:close":
      return site(
        c(actors.intake, "close", {
          reason: pickOf(
            ["fixed", "closed_after_warning", "not_vulnerable", "unreachable"],
            step.pick2,
          ),
          message: "done",
        }),
      );
    case "site:publish_leak_notice":
      return site(c(operator, "publish_leak_notice", { noticeId: `n${step.pick2 % 3}` }));
    case "site:claim_site_case":
      return site(c(operator, "claim_site_case"));
    case "site:share_finder_identity":
      return site(c(actors.intake, "share_finder_identity"));
    case "site:request_direct_contact":
      return site(c(operator, "request_direct_contact", { requestId: `d${step.pick2 % 2}` }));
    case "site:approve_direct_contact":
      return site(c(actors.intake, "approve_direct_contact", { requestId: `d${step.pick2 % 2}` }));
    case "site:post_message":
      return site(
        c(step.flag ? operator : actors.finder, "post_message", {
          messageId: `m${step.pick2}`,
          to: pickOf(["intake", "finder", "operator"], step.pick2),
        }),
      );
    case "site:open_site_case":
      // Adversarial: a site case for a report, bypassing the forward (a web report's id or not).
      return site(
        c(actors.intake, "open_site_case", {
          reportId,
          reportKind: kind,
          operator: { orgId: operatorOrg },
          finderConsent: consentOf("web", step.pick2),
        }),
      );
    case "case:open_case":
      return {
        aggregate: "case",
        id: caseId,
        command: c(actors.intake, "open_case", {
          reportId,
          reportKind: kind,
          finderId: "finder-1",
          finderConsent: consentOf("product", step.pick2),
        }),
      };
    default: {
      if (!step.template.startsWith("case:")) return null;
      const inner = caseStepCommand(d, { ...step, template: step.template.slice(5) }, caseId);
      return inner ? { aggregate: "case", id: caseId, command: inner } : null;
    }
  }
}

export function runWorld(run: WorldRun, hooks: { onCommand?: Driver["onCommand"] } = {}): Driver {
  const d = new Driver(run.policy);
  if (hooks.onCommand) d.onCommand = hooks.onCommand;
  const aggregates: [AggregateType, string][] = [
    ...CASE_IDS.map((id) => ["case", id] as [AggregateType, string]),
    ...SITE_IDS.map((id) => ["site_case", id] as [AggregateType, string]),
  ];
  runSteps(d, run, aggregates, (step) => {
    const next = worldStep(d, step);
    if (next) d.send(next.aggregate, next.id, next.command as CommandOf<AggregateType>);
  });
  return d;
}
