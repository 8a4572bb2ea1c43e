import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ProblemError } from "../../platform/http/problem.ts";
import {
  CasePriorityPage,
  type CasePriorityProps,
} from "../../web/pages/priority/case-priority.tsx";
import {
  PackagePage,
  PackagesPage,
  PriorityPublicPage,
  TracePage,
} from "../../web/pages/priority/recipient-pages.tsx";
import { pageContext, sendPage } from "../../web/render.ts";
import { isSignedIn } from "../access/actor.ts";
import { sendDownload } from "../reports/attachments.routes.ts";
import { receiveUpload, uploadOf } from "../reports/attachments.upload.ts";
import { isCoordinator, isDesk, isIntakeStaff } from "./priority.access.ts";
import type { PriorityRecipients } from "./priority.recipients.ts";
import { agreementBody, packageBody, startBody } from "./priority.schemas.ts";
import type { PriorityService } from "./priority.service.ts";

const hide = true;
const idParams = z.object({ id: z.string().max(100) });
const pidParams = z.object({ pid: z.string().max(100) });
const fileParams = z.object({ id: z.string().max(100), fileId: z.string().max(100) });
const doneQuery = z.object({ done: z.string().max(10).optional().catch(undefined) });

/** A repeated form field (checkboxes) as a list. */
function listField(body: unknown, name: string): string[] {
  const raw = (body as Record<string, unknown> | null)?.[name];
  return (Array.isArray(raw) ? raw : [raw]).filter(
    (v): v is string => typeof v === "string" && v !== "",
  );
}

function field(body: unknown, name: string): string {
  const raw = (body as Record<string, unknown> | null)?.[name];
  return typeof raw === "string" ? raw : Array.isArray(raw) ? String(raw.at(-1) ?? "") : "";
}

/** A refusal the page shows beside its forms (409, 413, 422); anything else is an error page. */
function shownRefusal(error: unknown): string {
  if (error instanceof ProblemError && [409, 413, 422].includes(error.status)) {
    const paths = (error.errors ?? []).map((e) => `${e.path}: ${e.message}`).join("; ");
    return paths || error.message;
  }
  throw error;
}

/** The pages of priority provision (R-PRI-1…5): the case's, the recipients', the trace tool, the public page. */
export async function registerPriorityPages(
  app: FastifyInstance,
  deps: { priority: PriorityService; recipients: PriorityRecipients },
) {
  const { priority, recipients } = deps;
  const pages = app.withTypeProvider<ZodTypeProvider>();
  const signedIn = { access: "signed_in" as const };

  const sendCasePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    caseId: string,
    options: { notice?: boolean; error?: string; status?: number } = {},
  ) => {
    const actor = request.ctx.actor;
    const items = await priority.ofCase(actor, caseId);
    const staff = isIntakeStaff(actor) || isCoordinator(actor);
    const type = isSignedIn(actor) ? actor.organization?.type : undefined;
    const viewer: CasePriorityProps["viewer"] = isDesk(actor)
      ? "desk"
      : type === "coordinator"
        ? "coordinator"
        : type === "intake"
          ? "staff"
          : type === "vendor"
            ? "vendor"
            : "finder";
    const page = pageContext(request, reply);
    return sendPage(
      reply,
      page,
      <CasePriorityPage
        page={page}
        caseId={caseId}
        reference={await priority.caseReference(caseId)}
        viewer={viewer}
        items={items}
        recipients={staff ? await priority.recipientChoices(actor) : []}
        notice={options.notice ?? false}
        error={options.error ? { detail: options.error } : null}
      />,
      options.status ?? 200,
    );
  };

  pages.get(
    "/cases/:id/priority",
    { config: signedIn, schema: { hide, params: idParams, querystring: doneQuery } },
    async (request, reply) =>
      sendCasePage(request, reply, request.params.id, { notice: request.query.done === "1" }),
  );

  pages.post(
    "/cases/:id/priority/start",
    { config: signedIn, schema: { hide, params: idParams } },
    async (request, reply) => {
      const caseId = request.params.id;
      const parsed = startBody.safeParse({
        reason: field(request.body, "reason"),
        sectors: listField(request.body, "sectors"),
        recipientOrganizationIds: listField(request.body, "recipientOrganizationIds"),
      });
      try {
        if (!parsed.success)
          throw new ProblemError(
            422,
            "invalid_input",
            parsed.error.issues.map((i) => i.path.join(".")).join(", "),
          );
        await priority.start(request.ctx.actor, caseId, parsed.data);
        return reply.redirect(`/cases/${encodeURIComponent(caseId)}/priority?done=1`, 303);
      } catch (error) {
        return sendCasePage(request, reply, caseId, { error: shownRefusal(error), status: 422 });
      }
    },
  );

  /** A form on a provision: its work, then back to the case's priority page. */
  const provisionForm = (
    path: string,
    work: (request: FastifyRequest, pid: string) => Promise<unknown>,
    options: { multipart?: boolean } = {},
  ) =>
    pages.post(
      `/priority-provisions/:pid/${path}`,
      {
        config: signedIn,
        schema: { hide, params: pidParams },
        ...(options.multipart ? { preValidation: receiveUpload } : {}),
      },
      async (request, reply) => {
        const caseId = await priority.caseIdOf(request.params.pid);
        if (!caseId) throw new ProblemError(404, "not_found", "Not found.");
        try {
          await work(request, request.params.pid);
          return reply.redirect(`/cases/${encodeURIComponent(caseId)}/priority?done=1`, 303);
        } catch (error) {
          const detail = shownRefusal(error);
          return sendCasePage(request, reply, caseId, { error: detail, status: 409 });
        }
      },
    );

  provisionForm("agreement", async (request, pid) => {
    const parsed = agreementBody.safeParse({
      decision: field(request.body, "decision"),
      reason: field(request.body, "reason") || undefined,
    });
    if (!parsed.success) throw new ProblemError(422, "invalid_input", "decision");
    await priority.recordAgreement(request.ctx.actor, pid, parsed.data);
  });
  provisionForm("finder-notice", (request, pid) =>
    priority.recordFinderNotice(request.ctx.actor, pid),
  );
  provisionForm(
    "packages",
    async (request, pid) => {
      const parsed = packageBody.safeParse({
        kind: field(request.body, "kind"),
        title: field(request.body, "title"),
        body: field(request.body, "body"),
      });
      if (!parsed.success)
        throw new ProblemError(
          422,
          "invalid_input",
          parsed.error.issues.map((i) => i.path.join(".")).join(", "),
        );
      await priority.addPackage(request.ctx.actor, pid, parsed.data, uploadOf(request).files);
    },
    { multipart: true },
  );
  provisionForm("send", (request, pid) => priority.send(request.ctx.actor, pid));
  provisionForm("revoke", (request, pid) => priority.revoke(request.ctx.actor, pid));

  pages.get(
    "/priority-packages",
    { config: signedIn, schema: { hide } },
    async (request, reply) => {
      const page = pageContext(request, reply);
      return sendPage(
        reply,
        page,
        <PackagesPage page={page} items={await recipients.list(request.ctx.actor)} />,
      );
    },
  );

  pages.get(
    "/priority-packages/:id",
    { config: signedIn, schema: { hide, params: idParams, querystring: doneQuery } },
    async (request, reply) => {
      const pkg = await recipients.get(request.ctx.actor, request.params.id);
      const members = (await recipients.members(request.ctx.actor)).map((m) => ({
        id: m.id,
        name: m.name,
        role: m.role,
      }));
      const page = pageContext(request, reply);
      return sendPage(
        reply,
        page,
        <PackagePage page={page} pkg={pkg} members={members} notice={request.query.done === "1"} />,
      );
    },
  );

  pages.get(
    "/priority-packages/:id/files/:fileId",
    { config: signedIn, schema: { hide, params: fileParams } },
    async (request, reply) =>
      sendDownload(
        reply,
        await recipients.download(request.ctx.actor, request.params.id, request.params.fileId),
      ),
  );

  pages.post(
    "/priority-packages/:id/members",
    { config: signedIn, schema: { hide, params: idParams } },
    async (request, reply) => {
      await recipients.setMembers(
        request.ctx.actor,
        request.params.id,
        listField(request.body, "userIds"),
      );
      return reply.redirect(
        `/priority-packages/${encodeURIComponent(request.params.id)}?done=1`,
        303,
      );
    },
  );

  const sendTrace = async (request: FastifyRequest, reply: FastifyReply, text: string) => {
    const actor = request.ctx.actor;
    if (!isIntakeStaff(actor)) throw new ProblemError(404, "not_found", "Not found.");
    const result = text ? await recipients.trace(actor, text) : null;
    const page = pageContext(request, reply);
    return sendPage(reply, page, <TracePage page={page} text={text} result={result} />);
  };

  pages.get("/priority-copies/trace", { config: signedIn, schema: { hide } }, (request, reply) =>
    sendTrace(request, reply, ""),
  );
  pages.post("/priority-copies/trace", { config: signedIn, schema: { hide } }, (request, reply) =>
    sendTrace(request, reply, field(request.body, "text")),
  );

  pages.get(
    "/priority-provision",
    { config: { access: "public" }, schema: { hide } },
    (request, reply) => {
      const page = pageContext(request, reply);
      return sendPage(reply, page, <PriorityPublicPage page={page} />);
    },
  );
}
