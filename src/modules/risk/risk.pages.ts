import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ProblemError } from "../../platform/http/problem.ts";
import { type FormAction, formActionHandler, type RefusalWords } from "../../web/form-action.ts";
import { RISK_FORM } from "../../web/pages/risk/risk-section.tsx";
import type { Actor } from "../access/actor.ts";

const FIELDS = {
  cvssV3: "risk.form.cvssV3",
  cvssV4: "risk.form.cvssV4",
  ssvcExploitation: "risk.form.exploitation",
  ssvcAutomatable: "risk.form.automatable",
  ssvcTechnicalImpact: "risk.form.technicalImpact",
  ssvcMissionWellbeing: "risk.form.missionWellbeing",
  urgency: "risk.form.urgency",
  reason: "risk.form.reason",
} as const;

const SSVC_FIELDS = [
  ["exploitation", "ssvcExploitation"],
  ["automatable", "ssvcAutomatable"],
  ["technicalImpact", "ssvcTechnicalImpact"],
  ["missionWellbeing", "ssvcMissionWellbeing"],
] as const;

export const RISK_REFUSALS: RefusalWords = {
  required: "risk.error.required",
  invalid: "risk.error.invalid",
  generic: "risk.error.generic",
  forbidden: "risk.error.forbidden",
  conflict: "risk.error.conflict",
  transition: "risk.error.transition",
  codes: { ssvc_incomplete: "risk.ssvcIncomplete" },
};

/** The form's strings as the API's body: blank vectors clear, SSVC all four or none. */
export function riskInputOf(values: Readonly<Record<string, string>>): Record<string, unknown> {
  const chosen = SSVC_FIELDS.filter(([, field]) => (values[field] ?? "") !== "");
  if (chosen.length > 0 && chosen.length < SSVC_FIELDS.length) {
    throw new ProblemError(422, "invalid_input", "Some fields need attention.", [
      { path: "ssvcExploitation", message: "choose all four or none", code: "ssvc_incomplete" },
    ]);
  }
  return {
    cvssV3: values.cvssV3 ?? "",
    cvssV4: values.cvssV4 ?? "",
    ssvc:
      chosen.length === 0
        ? null
        : Object.fromEntries(SSVC_FIELDS.map(([input, field]) => [input, values[field]])),
    urgency: values.urgency ?? "",
    reason: values.reason ?? "",
  };
}

/**
 * The page form of a record's risk: `POST <base>/:id/risk`, the same checks as the API's, back
 * to the record's risk section, or the record's page again with the errors beside the fields.
 */
export function registerRiskForm(
  app: FastifyInstance,
  options: {
    base: "/reports" | "/cases";
    set(actor: Actor, id: string, body: unknown): Promise<unknown>;
    again: FormAction["again"];
    recordDenied: FormAction["recordDenied"];
  },
) {
  const pages = app.withTypeProvider<ZodTypeProvider>();
  const idOf = (params: unknown) => (params as { id: string }).id;
  pages.post(
    `${options.base}/:id/risk`,
    {
      config: { access: "signed_in" },
      schema: { hide: true, params: z.object({ id: z.string().min(1).max(100) }) },
    },
    formActionHandler({
      name: RISK_FORM,
      fields: FIELDS,
      apiFields: { ssvc: "ssvcExploitation" },
      words: RISK_REFUSALS,
      again: options.again,
      recordDenied: options.recordDenied,
      done: (request) => `${options.base}/${encodeURIComponent(idOf(request.params))}#risk`,
      run: (request, actor, values) =>
        options.set(actor, idOf(request.params), riskInputOf(values)),
    }),
  );
}
