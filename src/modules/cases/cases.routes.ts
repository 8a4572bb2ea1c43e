import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  addVendorBody,
  assignBody,
  caseListQuery,
  caseMembersBody,
  caseParams,
  closeCaseBody,
  committeeBody,
  countermeasureBody,
  directContactBody,
  messageBody,
  noteBody,
  othersAffectedBody,
  proposalAnswerBody,
  proposalParams,
  publishUnreachableBody,
  referBody,
  requestParams,
  scheduleBody,
  scheduleDecisionBody,
  scheduleProposalBody,
  scheduleRequestBody,
  statementBody,
  trackingIdBody,
  vendorParams,
  vendorStatusBody,
} from "./cases.schemas.ts";
import type { CasesService } from "./cases.service.ts";

/**
 * API.md "Product cases". Every route is for signed-in callers; the service decides, per case,
 * who may see it (404 otherwise) and the workflow who may do what (403, 409).
 */
export async function registerCaseRoutes(app: FastifyInstance, deps: { cases: CasesService }) {
  const { cases } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["cases"];
  const config = { access: "signed_in" as const };

  api.get(
    "/api/v1/unreachable-vendors",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "Vendors the coordinator could not reach (R-COO-8): the name, later the product",
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(200).optional(),
          cursor: z.string().max(500).optional(),
        }),
      },
    },
    async (request) => cases.unreachableVendors(request.query),
  );
  api.get(
    "/api/v1/cases",
    {
      config,
      schema: { tags, summary: "The cases the caller takes part in", querystring: caseListQuery },
    },
    async (request) => cases.list(request.ctx.actor, request.query),
  );
  api.post(
    "/api/v1/cases",
    {
      config,
      schema: {
        tags,
        summary: "A CSIRT's case (R-COO-9) or a vendor's self-report (R-COO-10)",
        body: z
          .looseObject({})
          .describe(
            "csirt: { title, description, vendorNames, publishAt, conditions?, shareWithIntake? }; vendor: { title, description, countermeasures, proposedPublishAt }",
          ),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await cases.open(request.ctx.actor, request.body)),
  );
  api.get(
    "/api/v1/cases/:id",
    { config, schema: { tags, summary: "One case as the caller may see it", params: caseParams } },
    async (request) => cases.get(request.ctx.actor, request.params.id),
  );

  api.get(
    "/api/v1/cases/:id/vendor-suggestions",
    {
      config,
      schema: {
        tags,
        summary: "Directory vendors that may make the product, ranked, with reasons (R-COO-1)",
        params: caseParams,
      },
    },
    async (request) => cases.suggestions(request.ctx.actor, request.params.id),
  );

  // Coordinator actions.
  api.post(
    "/api/v1/cases/:id/vendors",
    {
      config,
      schema: {
        tags,
        summary: "Add a vendor (identified)",
        params: caseParams,
        body: addVendorBody,
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await cases.addVendor(request.ctx.actor, request.params.id, request.body)),
  );
  api.post(
    "/api/v1/cases/:id/vendors/:orgId/notify",
    {
      config,
      schema: { tags, summary: "Notify a vendor under its NDA (R-COO-2)", params: vendorParams },
    },
    async (request) =>
      cases.notifyVendor(request.ctx.actor, request.params.id, request.params.orgId),
  );
  api.post(
    "/api/v1/cases/:id/schedule",
    {
      config,
      schema: {
        tags,
        summary: "Revise the schedule (R-COO-3)",
        params: caseParams,
        body: scheduleBody,
      },
    },
    async (request) => cases.reviseSchedule(request.ctx.actor, request.params.id, request.body),
  );
  api.post(
    "/api/v1/cases/:id/schedule-requests/:rid/decide",
    {
      config,
      schema: {
        tags,
        summary: "Accept or decline a vendor's date request",
        params: requestParams,
        body: scheduleDecisionBody,
      },
    },
    async (request) =>
      cases.decideScheduleRequest(
        request.ctx.actor,
        request.params.id,
        request.params.rid,
        request.body,
      ),
  );
  api.post(
    "/api/v1/cases/:id/schedule-proposals",
    {
      config,
      schema: {
        tags,
        summary: "Propose a date to the CSIRT whose case it is (W-5)",
        params: caseParams,
        body: scheduleProposalBody,
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await cases.proposeScheduleToCsirt(request.ctx.actor, request.params.id, request.body),
        ),
  );
  api.post(
    "/api/v1/cases/:id/schedule-proposals/:pid/answer",
    {
      config,
      schema: {
        tags,
        summary: "The CSIRT agrees to or refuses a proposed date (W-5)",
        params: proposalParams,
        body: proposalAnswerBody,
      },
    },
    async (request) =>
      cases.answerScheduleProposal(
        request.ctx.actor,
        request.params.id,
        request.params.pid,
        request.body,
      ),
  );
  api.post(
    "/api/v1/cases/:id/assign",
    {
      config,
      schema: { tags, summary: "The handling coordinator", params: caseParams, body: assignBody },
    },
    async (request) => cases.assign(request.ctx.actor, request.params.id, request.body.userId),
  );
  api.post(
    "/api/v1/cases/:id/close",
    {
      config,
      schema: {
        tags,
        summary: "Close without publication (R-COO-7)",
        params: caseParams,
        body: closeCaseBody,
      },
    },
    async (request) => cases.close(request.ctx.actor, request.params.id, request.body),
  );
  api.post(
    "/api/v1/cases/:id/vendors/:orgId/mark-unresponsive",
    {
      config,
      schema: {
        tags,
        summary: "Mark a notified vendor unresponsive (R-COO-8)",
        params: vendorParams,
        body: noteBody,
      },
    },
    async (request) =>
      cases.markUnresponsive(
        request.ctx.actor,
        request.params.id,
        request.params.orgId,
        request.body.note,
      ),
  );
  api.post(
    "/api/v1/cases/:id/vendors/:orgId/publish-unreachable",
    {
      config,
      schema: {
        tags,
        summary: "List an unreachable vendor publicly (R-COO-8)",
        params: vendorParams,
        body: publishUnreachableBody,
      },
    },
    async (request) =>
      cases.publishUnreachable(
        request.ctx.actor,
        request.params.id,
        request.params.orgId,
        request.body,
      ),
  );
  api.post(
    "/api/v1/cases/:id/committee-decision",
    {
      config,
      schema: {
        tags,
        summary: "Record the committee's decision",
        params: caseParams,
        body: committeeBody,
      },
    },
    async (request) => cases.committeeDecision(request.ctx.actor, request.params.id, request.body),
  );
  api.post(
    "/api/v1/cases/:id/refer-to-csirt",
    {
      config,
      schema: {
        tags,
        summary: "Refer to an overseas CSIRT (R-COO-12)",
        params: caseParams,
        body: referBody,
      },
    },
    async (request) => cases.referToCsirt(request.ctx.actor, request.params.id, request.body),
  );
  api.post(
    "/api/v1/cases/:id/direct-contact-requests/:rid/approve",
    {
      config,
      schema: {
        tags,
        summary: "Approve a vendor's direct contact with the finder (R-COO-6)",
        params: requestParams,
      },
    },
    async (request) =>
      cases.approveDirectContact(request.ctx.actor, request.params.id, request.params.rid),
  );

  // Vendor actions (its own participant).
  api.post(
    "/api/v1/cases/:id/acknowledge",
    { config, schema: { tags, summary: "Acknowledge the notification", params: caseParams } },
    async (request) => cases.acknowledge(request.ctx.actor, request.params.id),
  );
  api.post(
    "/api/v1/cases/:id/status",
    {
      config,
      schema: {
        tags,
        summary: "Report the vendor's status",
        params: caseParams,
        body: vendorStatusBody,
      },
    },
    async (request) => cases.reportStatus(request.ctx.actor, request.params.id, request.body),
  );
  api.post(
    "/api/v1/cases/:id/countermeasures",
    {
      config,
      schema: {
        tags,
        summary: "Add a workaround or fix",
        params: caseParams,
        body: countermeasureBody,
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await cases.addCountermeasure(request.ctx.actor, request.params.id, request.body)),
  );
  api.post(
    "/api/v1/cases/:id/others-affected",
    {
      config,
      schema: {
        tags,
        summary: "Others may be affected (R-COO-1)",
        params: caseParams,
        body: othersAffectedBody,
      },
    },
    async (request) =>
      cases.reportOthersAffected(request.ctx.actor, request.params.id, request.body),
  );
  api.post(
    "/api/v1/cases/:id/schedule-requests",
    {
      config,
      schema: {
        tags,
        summary: "Ask the coordinator for another date",
        params: caseParams,
        body: scheduleRequestBody,
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await cases.requestSchedule(request.ctx.actor, request.params.id, request.body)),
  );
  api.put(
    "/api/v1/cases/:id/statement",
    {
      config,
      schema: {
        tags,
        summary: "The vendor's public statement",
        params: caseParams,
        body: statementBody,
      },
    },
    async (request) => cases.setStatement(request.ctx.actor, request.params.id, request.body),
  );
  api.put(
    "/api/v1/cases/:id/tracking-id",
    {
      config,
      schema: {
        tags,
        summary: "The vendor's own reference",
        params: caseParams,
        body: trackingIdBody,
      },
    },
    async (request) =>
      cases.setTrackingId(request.ctx.actor, request.params.id, request.body.trackingId),
  );
  api.put(
    "/api/v1/cases/:id/members",
    {
      config,
      schema: {
        tags,
        summary: "Which members see the case (R-SEC-6)",
        params: caseParams,
        body: caseMembersBody,
      },
    },
    async (request) => cases.setMembers(request.ctx.actor, request.params.id, request.body.userIds),
  );
  api.post(
    "/api/v1/cases/:id/direct-contact-requests",
    {
      config,
      schema: {
        tags,
        summary: "Ask to talk to the finder directly",
        params: caseParams,
        body: directContactBody,
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await cases.requestDirectContact(
            request.ctx.actor,
            request.params.id,
            request.body.reason,
          ),
        ),
  );

  // The finder's side of direct contact with a vendor (R-COO-6), on the finder's own report.
  api.get(
    "/api/v1/reports/:id/direct-contacts",
    {
      config,
      schema: {
        tags,
        summary: "Vendors in direct contact with the finder, and the messages",
        params: caseParams,
      },
    },
    async (request) => cases.finderContacts(request.ctx.actor, request.params.id),
  );
  api.post(
    "/api/v1/reports/:id/direct-contacts/:orgId/messages",
    {
      config,
      schema: {
        tags,
        summary: "The finder writes to a vendor in direct contact",
        params: vendorParams,
        body: z.object({ body: z.string().trim().min(1).max(20_000) }),
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await cases.postAsFinder(
            request.ctx.actor,
            request.params.id,
            request.params.orgId,
            request.body.body,
          ),
        ),
  );
  api.post(
    "/api/v1/cases/:id/messages",
    { config, schema: { tags, summary: "Write a message", params: caseParams, body: messageBody } },
    async (request, reply) =>
      reply
        .code(201)
        .send(await cases.postMessage(request.ctx.actor, request.params.id, request.body)),
  );
  api.get(
    "/api/v1/cases/:id/messages",
    { config, schema: { tags, summary: "The messages the caller may read", params: caseParams } },
    async (request) => cases.messages(request.ctx.actor, request.params.id),
  );
}
