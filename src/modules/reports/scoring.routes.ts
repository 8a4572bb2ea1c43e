import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { LANGUAGES, translator } from "../../platform/i18n/i18n.ts";
import { cweLabel, findCwes } from "../advisories/cwe.ts";
import { CVSS_SEVERITIES, CVSS_VERSIONS, scoreCvss } from "./cvss.ts";
import { labelledMetrics } from "./cvss-labels.ts";

/** Which language the metric names are in: `lang`, else the caller's page language. */
const lang = z.enum(LANGUAGES).optional();

const scoreQuery = z.strictObject({
  vector: z
    .string()
    .max(300)
    .superRefine((vector, context) => {
      const result = scoreCvss(vector);
      if (!result.ok)
        context.addIssue({ code: "custom", message: `not a valid CVSS vector: ${result.message}` });
    }),
  lang,
});

export const cvssScoreView = z.object({
  version: z.enum(CVSS_VERSIONS),
  vector: z.string(),
  baseScore: z.number(),
  severity: z.enum(CVSS_SEVERITIES),
  metrics: z.array(
    z.object({
      metric: z.string(),
      metricLabel: z.string(),
      value: z.string(),
      valueLabel: z.string(),
    }),
  ),
});

export const CWE_LOOKUP_LIMIT = 20;

const cweQuery = z.strictObject({
  q: z.string().trim().min(1).max(100),
  lang: z.enum(LANGUAGES).optional(),
});

const cweLookupView = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string() })).max(CWE_LOOKUP_LIMIT),
});

/**
 * Public reads behind the report and advisory forms' helpers (issue 13 item 9): a CVSS vector
 * scored by the server's one implementation (cvss.ts), and the CWE list searched by number or
 * name. Nothing here depends on who asks.
 */
export async function registerScoringRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["scoring"];
  const open = { access: "public" as const };

  api.get(
    "/api/v1/cvss/score",
    {
      config: open,
      schema: {
        tags,
        summary:
          "Score a CVSS 3.1 or 4.0 vector: base score, severity and each metric named in `lang` (ja or en; default: the caller's language); 422 for a malformed vector",
        querystring: scoreQuery,
        response: { 200: cvssScoreView },
      },
    },
    async (request) => {
      const result = scoreCvss(request.query.vector);
      // The query schema refused every vector scoreCvss refuses.
      if (!result.ok) throw new Error(result.message);
      const t = translator(request.query.lang ?? request.ctx.language);
      const { metrics: _metrics, ...score } = result.score;
      return { ...score, metrics: labelledMetrics(t, result.score) };
    },
  );

  api.get(
    "/api/v1/cwe",
    {
      config: open,
      schema: {
        tags,
        summary: `Find weaknesses in the CWE list by number ("79", "CWE-79") or name, case-insensitive: up to ${CWE_LOOKUP_LIMIT}, each with its name in \`lang\` (ja or en; default: the caller's language): Japanese where the platform has one, else the CWE list's English name`,
        querystring: cweQuery,
        response: { 200: cweLookupView },
      },
    },
    async (request) => {
      const language = request.query.lang ?? request.ctx.language;
      return {
        items: findCwes(request.query.q, CWE_LOOKUP_LIMIT).map((entry) => ({
          id: entry.id,
          name: cweLabel(entry.id, language) ?? entry.name,
        })),
      };
    },
  );
}
