import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { riskAnswer, riskBody } from "./risk.schemas.ts";
import type { RiskService } from "./risk.service.ts";

const params = z.object({ id: z.string().trim().min(1).max(100) });

const BODY_NOTE =
  "A field left out keeps its current value (a case's starts from its report's); null or a blank vector clears it. cvssV3 takes a CVSS 3.1 vector, cvssV4 a CVSS 4.0 one (422 with the field otherwise).";

/** `PUT /api/v1/reports/{id}/risk` and `PUT /api/v1/cases/{id}/risk` (R-RISK-1). */
export async function registerRiskRoutes(
  app: FastifyInstance,
  deps: { risk: RiskService },
): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const config = { access: "signed_in" as const };
  api.put(
    "/api/v1/reports/:id/risk",
    {
      config,
      schema: {
        tags: ["reports"],
        summary: `The desk sets the report's risk: CVSS, SSVC and urgency with its reason. ${BODY_NOTE}`,
        params,
        body: riskBody,
        response: { 200: riskAnswer },
      },
    },
    async (request) => deps.risk.setReportRisk(request.ctx.actor, request.params.id, request.body),
  );
  api.put(
    "/api/v1/cases/:id/risk",
    {
      config,
      schema: {
        tags: ["cases"],
        summary: `The desk or the coordinator sets the case's risk: CVSS, SSVC and urgency with its reason. ${BODY_NOTE}`,
        params,
        body: riskBody,
        response: { 200: riskAnswer },
      },
    },
    async (request) => deps.risk.setCaseRisk(request.ctx.actor, request.params.id, request.body),
  );
}
