import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { notFound, ProblemError } from "../../platform/http/problem.ts";
import type { MessageKey } from "../../platform/i18n/i18n.ts";
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
import type { PriorityForm } from "../../web/pages/priority/shared.tsx";
import { pageContext, sendPage } from "../../web/render.ts";
import { isSignedIn, isStaff } from "../access/actor.ts";
import { sendDownload } from "../reports/attachments.routes.ts";
import { receiveUpload, uploadOf } from "../reports/attachments.upload.ts";
import { isDeskStaff, isIntakeStaff } from "../reports/reports.policy.ts";
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

/** The fields a form's problems may name, each with its message; anything else is a conflict. */
const FIELD_MESSAGES: Record<string, MessageKey> = {
  reason: "priority.error.reason",
  sectors: "priority.error.sectors",
  recipientOrganizationIds: "priority.error.recipientOrganizationIds",
  kind: "priority.error.kind",
  title: "priority.error.title",
  body: "priority.error.body",
  file: "priority.error.file",
  decision: "priority.error.decision",
  confirm: "priority.error.confirm",
};

/** Problems (zod issues or problem+json errors) as the page's field errors, each translated. */
function fieldErrors(paths: readonly string[], form: PriorityForm["form"]): PriorityForm["errors"] {
  const seen = new Set<string>();
  return paths.flatMap((path) => {
    const name = path.split(".")[0] ?? "";
    if (seen.has(name)) return [];
    seen.add(name);
    if (form === "agreement" && name === "reason")
      return [{ path: name, key: "priority.error.objectionReason" as const }];
    const key = FIELD_MESSAGES[name];
    return [key ? { path: name, key } : { path: "", key: "priority.error.conflict" as const }];
  });
}

/** A refusal the page shows beside its form (409, 413, 422); anything else is an error page. */
function refusalErrors(error: unknown, form: PriorityForm["form"]): PriorityForm["errors"] {
  if (!(error instanceof ProblemError)) throw error;
  if (error.status === 413) return [{ path: "file", key: "priority.error.file" }];
  if (error.status === 422 && error.errors?.length)
    return fieldErrors(
      error.errors.map((e) => e.path),
      form,
    );
  if (error.status === 409 || error.status === 422)
    return [
      {
        path: "",
        key: form === "send" ? "priority.error.notReady" : "priority.error.conflict",
      },
    ];
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
    options: { notice?: boolean; form?: PriorityForm; status?: number } = {},
  ) => {
    const actor = request.ctx.actor;
    const items = await priority.ofCase(actor, caseId);
    const staff = isStaff(actor);
    const type = isSignedIn(actor) ? actor.organization?.type : undefined;
    const viewer: CasePriorityProps["viewer"] = isDeskStaff(actor)
      ? "desk"
      : type === "coordinator"
        ? "coordinator"
        : type === "intake"
          ? "staff"
          : type === "vendor"
            ? "vendor"
            : "finder";
    const finderReport = viewer === "finder" ? await priority.finderReport(actor, caseId) : null;
    const page = pageContext(request, reply);
    return sendPage(
      reply,
      page,
      <CasePriorityPage
        page={page}
        caseId={caseId}
        reference={finderReport?.receiptNumber ?? (await priority.caseReference(caseId))}
        reportId={finderReport?.id ?? null}
        viewer={viewer}
        items={items}
        recipients={staff ? await priority.recipientChoices(actor) : []}
        packageTexts={await priority.packageTexts(actor, caseId)}
        notice={options.notice ?? false}
        form={options.form ?? null}
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
      const values = {
        reason: field(request.body, "reason"),
        sectors: listField(request.body, "sectors"),
        recipientOrganizationIds: listField(request.body, "recipientOrganizationIds"),
      };
      const parsed = startBody.safeParse(values);
      let errors: PriorityForm["errors"];
      if (parsed.success) {
        try {
          await priority.start(request.ctx.actor, caseId, parsed.data);
          return reply.redirect(`/cases/${encodeURIComponent(caseId)}/priority?done=1`, 303);
        } catch (error) {
          errors = refusalErrors(error, "start");
        }
      } else {
        errors = fieldErrors(
          parsed.error.issues.map((i) => i.path.join(".")),
          "start",
        );
      }
      return sendCasePage(request, reply, caseId, {
        form: { form: "start", values, errors },
        status: 422,
      });
    },
  );

  /**
   * A form on a provision: its work, then back to the case's priority page; refused, the page
   * again with the form's errors and what was typed.
   */
  const provisionForm = (
    path: string,
    form: PriorityForm["form"],
    work: (
      request: FastifyRequest,
      pid: string,
      values: PriorityForm["values"],
    ) => Promise<PriorityForm["errors"] | undefined>,
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
        if (!caseId) throw notFound();
        const values: PriorityForm["values"] = {};
        let errors: PriorityForm["errors"] | undefined;
        try {
          errors = await work(request, request.params.pid, values);
        } catch (error) {
          errors = refusalErrors(error, form);
        }
        if (!errors || errors.length === 0)
          return reply.redirect(`/cases/${encodeURIComponent(caseId)}/priority?done=1`, 303);
        return sendCasePage(request, reply, caseId, {
          form: { form, provisionId: request.params.pid, values, errors },
          status: errors.some((e) => e.path !== "") ? 422 : 409,
        });
      },
    );

  provisionForm("agreement", "agreement", async (request, pid, values) => {
    values.decision = field(request.body, "decision");
    values.reason = field(request.body, "reason");
    const parsed = agreementBody.safeParse({
      decision: values.decision,
      reason: values.reason || undefined,
    });
    if (!parsed.success)
      return fieldErrors(
        parsed.error.issues.map((i) => i.path.join(".")),
        "agreement",
      );
    await priority.recordAgreement(request.ctx.actor, pid, parsed.data);
    return undefined;
  });
  provisionForm("finder-notice", "action", async (request, pid) => {
    await priority.recordFinderNotice(request.ctx.actor, pid);
    return undefined;
  });
  provisionForm(
    "packages",
    "package",
    async (request, pid, values) => {
      values.kind = field(request.body, "kind");
      values.title = field(request.body, "title");
      values.body = field(request.body, "body");
      const parsed = packageBody.safeParse(values);
      if (!parsed.success)
        return fieldErrors(
          parsed.error.issues.map((i) => i.path.join(".")),
          "package",
        );
      await priority.addPackage(request.ctx.actor, pid, parsed.data, uploadOf(request));
      return undefined;
    },
    { multipart: true },
  );
  provisionForm("send", "send", async (request, pid) => {
    await priority.send(request.ctx.actor, pid);
    return undefined;
  });
  // Revoking cannot be undone: the desk ticks that it understands.
  provisionForm("revoke", "revoke", async (request, pid) => {
    await priority.requireDeskFor(request.ctx.actor, pid);
    if (field(request.body, "confirm") !== "yes")
      return [{ path: "confirm", key: "priority.error.confirm" }];
    await priority.revoke(request.ctx.actor, pid);
    return undefined;
  });

  pages.get(
    "/priority-packages",
    { config: signedIn, schema: { hide } },
    async (request, reply) => {
      const page = pageContext(request, reply);
      return sendPage(
        reply,
        page,
        <PackagesPage
          page={page}
          items={await recipients.list(request.ctx.actor)}
          ndaAccepted={await recipients.ndaAccepted(request.ctx.actor)}
        />,
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
    if (!isIntakeStaff(actor)) throw notFound();
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
