/**
 * The analysis tasks' pages (R-ANA-1): the analyst's queue and task page, and the forms of the
 * section on the desk's report page and the case page. HTTP only: the service decides who may.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ProblemError } from "../../platform/http/problem.ts";
import type { MessageKey, Translate } from "../../platform/i18n/i18n.ts";
import type { FieldError } from "../../web/components.tsx";
import { signedInUser } from "../../web/form-action.ts";
import { formFields } from "../../web/forms.ts";
import { AnalysisQueuePage } from "../../web/pages/analysis-tasks/queue.tsx";
import { AnalysisTaskPage, type TaskForm } from "../../web/pages/analysis-tasks/task-page.tsx";
import { AssignTaskPage, RefusalPage } from "../../web/pages/analysis-tasks/task-section.tsx";
import { pageContext, sendPage } from "../../web/render.ts";
import { blank, formInstant } from "../actions/form-values.ts";
import type { Subject } from "./analysis-tasks.repository.ts";
import type { AnalysisTasksService } from "./analysis-tasks.service.ts";

const id = z.string().trim().min(1).max(100);
const doneQuery = z.object({ done: z.string().max(40).optional().catch(undefined) });
const NOTICES: Record<string, MessageKey> = {
  finding: "analysisTasks.notice.finding",
  completed: "analysisTasks.notice.completed",
};
const FIELD_WORDS: Record<string, MessageKey> = {
  kind: "analysisTasks.error.kind",
  assigneeId: "analysisTasks.error.analyst",
  due: "analysisTasks.error.due",
  note: "analysisTasks.error.generic",
  body: "analysisTasks.error.body",
};
const CODE_WORDS: Record<string, MessageKey> = {
  no_finding: "analysisTasks.error.noFinding",
  task_completed: "analysisTasks.error.completed",
  finding_not_shared: "analysisTasks.error.notShared",
  already_relayed: "analysisTasks.error.relayed",
};

/** A refusal to show beside the form (422, 409), one message per field; anything else is thrown. */
function refusalErrors(t: Translate, error: unknown): FieldError[] {
  if (!(error instanceof ProblemError) || (error.status !== 422 && error.status !== 409)) {
    throw error;
  }
  if (!error.errors?.length) {
    return [{ path: "", message: t(CODE_WORDS[error.code] ?? "analysisTasks.error.generic") }];
  }
  const seen = new Map<string, FieldError>();
  for (const entry of error.errors) {
    const field = entry.path.split(".")[0] ?? "";
    if (seen.has(field)) continue;
    const words = FIELD_WORDS[field];
    seen.set(
      field,
      words
        ? { path: field, message: t(words) }
        : { path: "", message: t("analysisTasks.error.generic") },
    );
  }
  return [...seen.values()];
}

export async function registerAnalysisTaskPages(
  app: FastifyInstance,
  deps: { analysisTasks: AnalysisTasksService },
) {
  const { analysisTasks } = deps;
  const pages = app.withTypeProvider<ZodTypeProvider>();
  const signedIn = { access: "signed_in" } as const;

  const sendTask = async (
    request: FastifyRequest,
    reply: FastifyReply,
    taskId: string,
    options: { notice?: MessageKey | null; form?: TaskForm | null },
    status = 200,
  ) => {
    const actor = signedInUser(request);
    const task = await analysisTasks.task(actor, taskId);
    const page = pageContext(request, reply);
    return sendPage(
      reply,
      page,
      <AnalysisTaskPage
        page={page}
        task={task}
        own={task.assigneeId === actor.userId}
        notice={options.notice ?? null}
        form={options.form ?? null}
      />,
      status,
    );
  };

  pages.get(
    "/analysis-tasks",
    { config: signedIn, schema: { hide: true } },
    async (request, reply) => {
      const tasks = await analysisTasks.queue(signedInUser(request));
      const page = pageContext(request, reply);
      return sendPage(reply, page, <AnalysisQueuePage page={page} tasks={tasks} />);
    },
  );

  pages.get(
    "/analysis-tasks/:tid",
    {
      config: signedIn,
      schema: { hide: true, params: z.object({ tid: id }), querystring: doneQuery },
    },
    async (request, reply) =>
      sendTask(request, reply, request.params.tid, {
        notice: NOTICES[request.query.done ?? ""] ?? null,
      }),
  );

  pages.post(
    "/analysis-tasks/:tid/findings",
    { config: signedIn, schema: { hide: true, params: z.object({ tid: id }) } },
    async (request, reply) => {
      const actor = signedInUser(request);
      const { t } = pageContext(request, reply);
      const fields = formFields(request.body);
      const values = {
        body: fields.body ?? "",
        shareWithVendors: fields.shareWithVendors === "1" ? "1" : "",
      };
      try {
        await analysisTasks.addFinding(actor, request.params.tid, {
          body: values.body,
          shareWithVendors: values.shareWithVendors === "1",
        });
      } catch (error) {
        const errors = refusalErrors(t, error);
        const status = error instanceof ProblemError ? error.status : 422;
        return sendTask(
          request,
          reply,
          request.params.tid,
          { form: { name: "finding", values, errors } },
          status,
        );
      }
      return reply.redirect(
        `/analysis-tasks/${encodeURIComponent(request.params.tid)}?done=finding`,
        303,
      );
    },
  );

  pages.post(
    "/analysis-tasks/:tid/complete",
    { config: signedIn, schema: { hide: true, params: z.object({ tid: id }) } },
    async (request, reply) => {
      const actor = signedInUser(request);
      const { t } = pageContext(request, reply);
      try {
        await analysisTasks.complete(actor, request.params.tid);
      } catch (error) {
        const errors = refusalErrors(t, error);
        const status = error instanceof ProblemError ? error.status : 409;
        return sendTask(
          request,
          reply,
          request.params.tid,
          { form: { name: "complete", values: {}, errors } },
          status,
        );
      }
      return reply.redirect(
        `/analysis-tasks/${encodeURIComponent(request.params.tid)}?done=completed`,
        303,
      );
    },
  );

  for (const type of ["report", "case"] as const) {
    const base = type === "report" ? "/reports" : "/cases";
    pages.post(
      `${base}/:id/analysis-tasks`,
      { config: signedIn, schema: { hide: true, params: z.object({ id }) } },
      async (request, reply) => {
        const actor = signedInUser(request);
        const page = pageContext(request, reply);
        const subject: Subject = { type, id: request.params.id };
        const fields = formFields(request.body);
        const values = {
          kind: fields.kind ?? "",
          assigneeId: fields.assigneeId ?? "",
          due: fields.due ?? "",
          note: fields.note ?? "",
        };
        const input = {
          kind: blank(values.kind),
          assigneeId: blank(values.assigneeId),
          due: formInstant(values.due),
          note: blank(values.note),
        };
        try {
          if (type === "report") await analysisTasks.assignOnReport(actor, subject.id, input);
          else await analysisTasks.assignOnCase(actor, subject.id, input);
        } catch (error) {
          const errors = refusalErrors(page.t, error);
          const section = await analysisTasks.section(actor, subject);
          if (!section) throw error;
          return sendPage(
            reply,
            page,
            <AssignTaskPage page={page} section={section} form={{ values, errors }} />,
            422,
          );
        }
        return reply.redirect(`${base}/${encodeURIComponent(subject.id)}#analysis-tasks`, 303);
      },
    );
  }

  pages.post(
    "/cases/:id/analysis-findings/:fid/relay",
    { config: signedIn, schema: { hide: true, params: z.object({ id, fid: id }) } },
    async (request, reply) => {
      const actor = signedInUser(request);
      const page = pageContext(request, reply);
      const back = `/cases/${encodeURIComponent(request.params.id)}`;
      try {
        await analysisTasks.relay(actor, request.params.id, request.params.fid);
      } catch (error) {
        const [first] = refusalErrors(page.t, error);
        return sendPage(
          reply,
          page,
          <RefusalPage page={page} back={back} message={first?.message ?? ""} />,
          error instanceof ProblemError ? error.status : 409,
        );
      }
      return reply.redirect(`${back}#analysis-tasks`, 303);
    },
  );
}
