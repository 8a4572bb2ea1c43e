import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { type ZodType, z } from "zod";
import { registerPublicReads } from "../../platform/http/conditional.ts";
import { notFound } from "../../platform/http/problem.ts";
import { type Language, translator } from "../../platform/i18n/i18n.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import {
  ADVISORY_LANGUAGES,
  advisoryDraftBody,
  advisoryListQuery,
  advisoryListView,
  advisoryParams,
  advisoryProductListQuery,
  advisoryProductListView,
  advisoryVendorListQuery,
  advisoryVendorListView,
  caseParams,
  csafDocument,
  cveRecordDocument,
  feedQuery,
  feedResponse,
  noQuery,
  osvDocument,
  publicAdvisoryView,
  terminateEmbargoBody,
} from "./advisories.schemas.ts";
import type { AdvisoriesService } from "./advisories.service.ts";
import { advisorySuggestionView } from "./draft-suggestion.ts";
import { csafDocumentsOf } from "./exports/csaf.ts";
import { type CnaIdentity, cveRecordOf } from "./exports/cve.ts";
import { toAtom, toRss } from "./exports/feed.ts";
import { toOsv } from "./exports/osv.ts";
import { PUBLIC_PAGES, SITEMAP_MAX_URLS, toSitemap } from "./sitemap.ts";

/** The public database's reads: its JSON, exports, feeds and sitemap (issue 12 item 6). */
function isPublicAdvisoryRead(url: string): boolean {
  return (
    url.startsWith("/api/v1/advisories") ||
    url.startsWith("/api/v1/advisory-") ||
    url.startsWith("/feeds/") ||
    url === "/sitemap.xml"
  );
}

/** `lang` of the CSAF export: the advisory's own language (default) or its translation's. */
const csafQuery = z.strictObject({ lang: z.enum(ADVISORY_LANGUAGES).optional() });
/** `cveId` of the CVE export: which of the advisory's CVE IDs (default: the first). */
const cveQuery = z.strictObject({ cveId: z.string().max(40).optional() });

/**
 * API.md "Advisories and publication": the coordinator's three calls on a case (each answers
 * the case), the preview, and the public database with its exports and feeds (no sign-in).
 * Advisory IDs contain "#": clients send it as %23 and the router decodes it.
 */
export async function registerAdvisoryRoutes(
  app: FastifyInstance,
  deps: {
    advisories: AdvisoriesService;
    publicUrl: string;
    clock: Clock;
    /** The case as the caller sees it: what the advisory's case actions answer (cases module). */
    caseView: ZodType;
    /** The CNA named by CVE records, and the prefix of OSV ids (configuration). */
    cna: CnaIdentity;
    osvPrefix: string;
  },
) {
  const { advisories, publicUrl, caseView } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["advisories"];
  const signedIn = { access: "signed_in" as const };
  const open = { access: "public" as const };

  api.put(
    "/api/v1/cases/:id/advisory",
    {
      config: signedIn,
      schema: {
        tags,
        summary: "Write the advisory draft (coordinator); withdraws an approval",
        params: caseParams,
        body: advisoryDraftBody,
        response: { 200: caseView },
      },
    },
    async (request) => advisories.saveDraft(request.ctx.actor, request.params.id, request.body),
  );
  api.get(
    "/api/v1/cases/:id/advisory/suggestion",
    {
      config: signedIn,
      schema: {
        tags,
        summary:
          "The draft the case suggests (coordinator): report title, CWE, CVSS, the affected vendors' products, versions and ranges, references, the finder's credit",
        params: caseParams,
        response: { 200: advisorySuggestionView },
      },
    },
    async (request) => advisories.suggestion(request.ctx.actor, request.params.id),
  );
  api.post(
    "/api/v1/cases/:id/advisory/approve",
    {
      config: signedIn,
      schema: {
        tags,
        summary:
          "Approve the draft: published at publishAt with every vendor statement (R-COO-4); with KAKEHASHI_ADVISORY_SECOND_APPROVER=required, by a coordinator other than its last author (409 second_approver_required)",
        params: caseParams,
        response: { 200: caseView },
      },
    },
    async (request) => advisories.approve(request.ctx.actor, request.params.id),
  );
  api.post(
    "/api/v1/cases/:id/terminate-embargo",
    {
      config: signedIn,
      schema: {
        tags,
        summary: "End the embargo with a reason (W-2): publication as soon as possible",
        params: caseParams,
        body: terminateEmbargoBody,
        response: { 200: caseView },
      },
    },
    async (request) =>
      advisories.terminateEmbargo(request.ctx.actor, request.params.id, request.body),
  );
  api.get(
    "/api/v1/cases/:id/advisory/preview",
    {
      config: signedIn,
      schema: {
        tags,
        summary: "The advisory as the public will see it (coordinator, intake, the case's vendors)",
        params: caseParams,
        response: { 200: publicAdvisoryView },
      },
    },
    async (request) => advisories.preview(request.ctx.actor, request.params.id),
  );

  // The public database (R-PUB-3), for people and for machines that sync with it: ETag,
  // Last-Modified, 304 and cross-origin reads on every one of its answers.
  registerPublicReads(app, {
    servesPublicData: isPublicAdvisoryRead,
    lastModified: (request: FastifyRequest) => {
      const { advisoryId } = (request.params ?? {}) as { advisoryId?: string };
      return advisories.lastChanged(advisoryId);
    },
  });
  // Its API reads refuse query parameters they do not know (their query schemas are strict:
  // 422 naming the parameter): a misspelt filter must not silently answer something else.

  api.get(
    "/api/v1/advisories",
    {
      config: open,
      schema: {
        tags,
        summary: "Search the published advisories",
        querystring: advisoryListQuery,
        response: { 200: advisoryListView },
      },
    },
    async (request) => advisories.list(request.query),
  );
  api.get(
    "/api/v1/advisory-vendors",
    {
      config: open,
      schema: {
        tags,
        summary: "The vendors of the published advisories, by name (as MyJVN's getVendorList)",
        querystring: advisoryVendorListQuery,
        response: { 200: advisoryVendorListView },
      },
    },
    async (request) => advisories.vendors(request.query),
  );
  api.get(
    "/api/v1/advisory-products",
    {
      config: open,
      schema: {
        tags,
        summary: "The affected products of the published advisories (as MyJVN's getProductList)",
        querystring: advisoryProductListQuery,
        response: { 200: advisoryProductListView },
      },
    },
    async (request) => advisories.products(request.query),
  );
  api.get(
    "/api/v1/advisories/:advisoryId",
    {
      config: open,
      schema: {
        tags,
        summary: "One published advisory",
        params: advisoryParams,
        querystring: noQuery,
        response: { 200: publicAdvisoryView },
      },
    },
    async (request) => advisories.get(request.params.advisoryId),
  );
  api.get(
    "/api/v1/advisories/:advisoryId/csaf",
    {
      config: open,
      schema: {
        tags,
        summary: "CSAF 2.0 (csaf_security_advisory); lang= chooses the original or its translation",
        params: advisoryParams,
        querystring: csafQuery,
        response: { 200: csafDocument },
      },
    },
    async (request, reply) => {
      const documents = csafDocumentsOf(await advisories.get(request.params.advisoryId), publicUrl);
      const { lang } = request.query;
      const chosen = lang ? documents.find((d) => d.language === lang) : documents[0];
      if (!chosen) throw notFound("This advisory has no CSAF document in that language.");
      return reply.type("application/json; charset=utf-8").send(chosen.document);
    },
  );
  api.get(
    "/api/v1/advisories/:advisoryId/cve",
    {
      config: open,
      schema: {
        tags,
        summary:
          "CVE JSON 5.1 record (cveId chooses among several CVE IDs); 404 without a CVE ID, 409 english_text_missing without English text",
        params: advisoryParams,
        querystring: cveQuery,
        response: { 200: cveRecordDocument },
      },
    },
    async (request) => {
      const advisory = await advisories.get(request.params.advisoryId);
      return cveRecordOf(advisory, { publicUrl, cna: deps.cna }, request.query.cveId);
    },
  );
  api.get(
    "/api/v1/advisories/:advisoryId/osv",
    {
      config: open,
      schema: {
        tags,
        summary: "OSV record (schema 1.6)",
        params: advisoryParams,
        querystring: noQuery,
        response: { 200: osvDocument },
      },
    },
    async (request) =>
      toOsv(await advisories.get(request.params.advisoryId), {
        publicUrl,
        osvPrefix: deps.osvPrefix,
      }),
  );

  /** A feed in the language asked for (`?lang=`), else in the reader's. */
  const feedContext = (language: Language) => ({
    publicUrl,
    language,
    t: translator(language),
    now: deps.clock.now().toISOString(),
  });
  const feedLanguage = (
    request: { ctx: { language: Language }; query: { lang?: Language | undefined } },
    reply: { header(name: string, value: string): unknown },
  ): Language => {
    if (request.query.lang) return request.query.lang;
    reply.header("Vary", "Accept-Language, Cookie");
    return request.ctx.language;
  };
  api.get(
    "/feeds/advisories.rdf",
    {
      config: open,
      schema: {
        hide: true,
        querystring: feedQuery,
        response: { 200: feedResponse("application/rdf+xml", "RSS 1.0 of the newest advisories") },
      },
    },
    async (request, reply) => {
      const language = feedLanguage(request, reply);
      return reply
        .type("application/rdf+xml; charset=utf-8")
        .send(toRss(await advisories.recent(), feedContext(language)));
    },
  );
  api.get(
    "/feeds/advisories.atom",
    {
      config: open,
      schema: {
        hide: true,
        querystring: feedQuery,
        response: { 200: feedResponse("application/atom+xml", "Atom of the newest advisories") },
      },
    },
    async (request, reply) => {
      const language = feedLanguage(request, reply);
      return reply
        .type("application/atom+xml; charset=utf-8")
        .send(toAtom(await advisories.recent(), feedContext(language)));
    },
  );
  api.get(
    "/sitemap.xml",
    {
      config: open,
      schema: {
        hide: true,
        querystring: noQuery,
        response: { 200: feedResponse("application/xml", "The public pages and advisories") },
      },
    },
    async (_request, reply) =>
      reply.type("application/xml; charset=utf-8").send(
        toSitemap({
          publicUrl,
          newest: await advisories.lastChanged(),
          advisories: await advisories.publishedDates(SITEMAP_MAX_URLS - PUBLIC_PAGES.length),
        }),
      ),
  );
}
