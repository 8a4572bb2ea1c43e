/** The analysis tasks' `/api/v1` routes (R-ANA-1, docs/analysis-tasks.md): HTTP only. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { sendDownload } from "../reports/attachments.routes.ts";
import {
  assignTaskBody,
  caseFindingList,
  createdId,
  findingBodySchema,
  findingList,
  relayParams,
  taskDetailView,
  taskList,
  taskParams,
  taskSummaryView,
} from "./analysis-tasks.schemas.ts";
import type { AnalysisTasksService } from "./analysis-tasks.service.ts";

/** A file part, as OpenAPI describes one (the reports module's downloads say the same). */
const binaryFile = z.custom<Buffer>(() => true).meta({ type: "string", format: "binary" });

const recordParams = z.object({ id: z.string().trim().min(1).max(100) });
const relayed = z.object({ id: z.string(), relayedAt: z.string() });

export async function registerAnalysisTaskRoutes(
  app: FastifyInstance,
  deps: { analysisTasks: AnalysisTasksService },
) {
  const { analysisTasks } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["analysis-tasks"];
  const signedIn = { access: "signed_in" } as const;

  for (const type of ["report", "case"] as const) {
    const base = `/api/v1/${type}s/:id`;
    api.post(
      `${base}/analysis-tasks`,
      {
        config: signedIn,
        schema: {
          tags,
          summary: `Assign an analysis task on the ${type} to an analyst of the desk (intake)`,
          params: recordParams,
          body: assignTaskBody,
          response: { 201: createdId },
        },
      },
      async (request, reply) => {
        const assign =
          type === "report" ? analysisTasks.assignOnReport : analysisTasks.assignOnCase;
        return reply
          .code(201)
          .send(await assign(request.ctx.actor, request.params.id, request.body));
      },
    );
    api.get(
      `${base}/analysis-tasks`,
      {
        config: signedIn,
        schema: {
          tags,
          summary: `The ${type}'s analysis tasks (the desk; the coordinator on a case)`,
          params: recordParams,
          response: { 200: taskList },
        },
      },
      async (request) => ({
        items: await analysisTasks.tasksOf(request.ctx.actor, { type, id: request.params.id }),
      }),
    );
  }

  api.get(
    "/api/v1/reports/:id/analysis-findings",
    {
      config: signedIn,
      schema: {
        tags,
        summary: "The findings on a report (the desk that may read it)",
        params: recordParams,
        response: { 200: findingList },
      },
    },
    async (request) => ({
      items: (await analysisTasks.findingsOf(request.ctx.actor, {
        type: "report",
        id: request.params.id,
      })) as z.infer<typeof findingList>["items"],
    }),
  );

  api.get(
    "/api/v1/cases/:id/analysis-findings",
    {
      config: signedIn,
      schema: {
        tags,
        summary:
          "The findings on a case and its report (staff); a vendor: those relayed to this case",
        params: recordParams,
        response: { 200: caseFindingList },
      },
    },
    async (request) => ({
      items: await analysisTasks.findingsOf(request.ctx.actor, {
        type: "case",
        id: request.params.id,
      }),
    }),
  );

  api.post(
    "/api/v1/cases/:id/analysis-findings/:fid/relay",
    {
      config: signedIn,
      schema: {
        tags,
        summary: "Relay a finding marked shareable to the case's vendors (the coordinator)",
        params: relayParams,
        response: { 200: relayed },
      },
    },
    async (request) =>
      analysisTasks.relay(request.ctx.actor, request.params.id, request.params.fid),
  );

  api.get(
    "/api/v1/analysis-tasks",
    {
      config: signedIn,
      schema: {
        tags,
        summary: "The analyst's own tasks: open first, by due date, overdue marked",
        response: { 200: taskList },
      },
    },
    async (request) => ({ items: await analysisTasks.queue(request.ctx.actor) }),
  );

  api.get(
    "/api/v1/analysis-tasks/:tid",
    {
      config: signedIn,
      schema: {
        tags,
        summary: "One task: for its analyst with the content it is about, or for the desk",
        params: taskParams,
        response: { 200: taskDetailView },
      },
    },
    async (request) => analysisTasks.task(request.ctx.actor, request.params.tid),
  );

  api.get(
    "/api/v1/analysis-tasks/:tid/attachments/:attachmentId",
    {
      config: signedIn,
      schema: {
        tags,
        summary:
          "Download a file of the task's report (its analyst, while the task is open; always as an attachment)",
        params: taskParams.extend({ attachmentId: z.string().trim().min(1).max(100) }),
        response: {
          200: {
            description: "The file's bytes, with Content-Disposition: attachment",
            content: { "application/octet-stream": { schema: binaryFile } },
          },
        },
      },
    },
    async (request, reply) =>
      sendDownload(
        reply,
        await analysisTasks.attachment(
          request.ctx.actor,
          request.params.tid,
          request.params.attachmentId,
        ),
      ),
  );

  api.post(
    "/api/v1/analysis-tasks/:tid/findings",
    {
      config: signedIn,
      schema: {
        tags,
        summary: "Add a finding to the task (its analyst), marked whether vendors may see it",
        params: taskParams,
        body: findingBodySchema,
        response: { 201: createdId },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await analysisTasks.addFinding(request.ctx.actor, request.params.tid, request.body)),
  );

  api.post(
    "/api/v1/analysis-tasks/:tid/complete",
    {
      config: signedIn,
      schema: {
        tags,
        summary: "Complete the task (its analyst); 409 no_finding without a finding",
        params: taskParams,
        response: { 200: taskSummaryView },
      },
    },
    async (request) => analysisTasks.complete(request.ctx.actor, request.params.tid),
  );
}
