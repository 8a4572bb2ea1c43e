import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { type ZodType, z } from "zod";
import { ProblemError } from "../../platform/http/problem.ts";
import type { MessageKey, Translate } from "../../platform/i18n/i18n.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import type { FieldError } from "../../web/components.tsx";
import { formFields } from "../../web/forms.ts";
import { CasePage } from "../../web/pages/cases/case-detail.tsx";
import {
  type CaseListAudience,
  type CaseListItem,
  CaseListPage,
} from "../../web/pages/cases/case-list.tsx";
import type { CoordinatorTools } from "../../web/pages/cases/coordinator-actions.tsx";
import {
  ACTIVE_STATUSES,
  CASE_STATUSES,
  type CaseForm,
  type CaseView,
  instantFromInput,
  versionList,
} from "../../web/pages/cases/shared.tsx";
import { UnreachableVendorsPage } from "../../web/pages/cases/unreachable-vendors.tsx";
import type { VendorTools } from "../../web/pages/cases/vendor-actions.tsx";
import { pageContext, sendPage } from "../../web/render.ts";
import type { WorkflowPolicy } from "../../workflow/policy.ts";
import { isSignedIn, type UserActor } from "../access/actor.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { OrganizationsService } from "../organizations/organizations.service.ts";
import {
  addVendorBody,
  assignBody,
  closeCaseBody,
  committeeBody,
  countermeasureBody,
  messageBody,
  noteBody,
  othersAffectedBody,
  publishUnreachableBody,
  referBody,
  scheduleBody,
  scheduleDecisionBody,
  scheduleRequestBody,
  statementBody,
  trackingIdBody,
  vendorStatusBody,
} from "./cases.schemas.ts";
import type { CasesService } from "./cases.service.ts";

const PAGE_SIZE = 50;
const id = z.string().min(1).max(100);
const idParams = z.object({ id });
const vendorParams = z.object({ id, orgId: id });
const requestParams = z.object({ id, rid: id });
const cursorQuery = z.object({ cursor: z.string().max(500).optional().catch(undefined) });

/** `?done=<key>` after a successful action: the notice to show. */
const NOTICES: Record<string, MessageKey> = {
  assigned: "casePages.notice.assigned",
  vendorAdded: "casePages.notice.vendorAdded",
  notified: "casePages.notice.notified",
  scheduleRevised: "casePages.notice.scheduleRevised",
  requestDecided: "casePages.notice.requestDecided",
  unresponsive: "casePages.notice.unresponsive",
  closed: "casePages.notice.closed",
  committee: "casePages.notice.committee",
  referred: "casePages.notice.referred",
  acknowledged: "casePages.notice.acknowledged",
  status: "casePages.notice.status",
  countermeasure: "casePages.notice.countermeasure",
  others: "casePages.notice.others",
  scheduleRequested: "casePages.notice.scheduleRequested",
  statement: "casePages.notice.statement",
  tracking: "casePages.notice.tracking",
  members: "casePages.notice.members",
  message: "casePages.notice.message",
  contactApproved: "contactPages.approve.notice",
  unreachable: "contactPages.unreachable.notice",
};

function userOf(request: FastifyRequest): UserActor {
  const actor = request.ctx.actor;
  if (!isSignedIn(actor)) throw new ProblemError(401, "unauthenticated", "Sign in first.");
  return actor;
}

function audienceOf(actor: UserActor): CaseListAudience {
  const type = actor.organization?.type;
  return type === "coordinator" || type === "vendor" || type === "csirt" || type === "intake"
    ? type
    : "other";
}

/** The form's values failed the API's schema: which API fields. */
class FormInvalid extends Error {
  constructor(readonly paths: string[]) {
    super("invalid form");
  }
}

/** The API's own schema decides what is valid; the page only says where. */
function parse<T>(schema: ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new FormInvalid(parsed.error.issues.map((issue) => String(issue.path[0] ?? "")));
  }
  return parsed.data;
}

const optional = (value: string | undefined) => {
  const trimmed = (value ?? "").trim();
  return trimmed === "" ? undefined : trimmed;
};

/** A datetime-local field: an instant for the schema, or a value it refuses. */
const instant = (value: string | undefined) => {
  const converted = instantFromInput(value);
  return converted === null ? "not a date" : converted === "" ? undefined : converted;
};

/** The words of a refusal the workflow gives on a schedule, in the page's language. */
function serviceMessage(
  t: Translate,
  policy: WorkflowPolicy,
  error: { path: string; message: string },
): string | null {
  if (error.message === "must not be in the past") return t("casePages.error.past");
  if (error.message === "must not be after publishAt") return t("casePages.error.dueAfterPublish");
  if (error.message === "is the current schedule already") return t("casePages.error.sameSchedule");
  if (error.path === "exceedReason" && error.message.includes("needs a recorded reason"))
    return t("casePages.error.exceedReason", { days: policy.maxEmbargoDays });
  return null;
}

interface ActionSpec {
  /** The form's name on the page (for its values and errors). */
  form: string;
  /** The form's fields and their labels, in form order. */
  fields: Record<string, MessageKey>;
  /** API field → form field, where they differ. */
  apiFields?: Record<string, string>;
  /** The notice shown after the redirect. */
  notice: keyof typeof NOTICES;
  run(
    actor: UserActor,
    id: string,
    values: Record<string, string>,
    request: FastifyRequest,
  ): Promise<unknown>;
}

export async function registerCasePages(
  app: FastifyInstance,
  deps: {
    cases: CasesService;
    organizations: OrganizationsService;
    auditLog: Pick<AuditService, "recordDenied">;
    policy: WorkflowPolicy;
    clock: Clock;
  },
) {
  const { cases, organizations, auditLog, policy, clock } = deps;
  const pages = app.withTypeProvider<ZodTypeProvider>();
  const hide = true;

  // --- The list: the coordinator's desk, a vendor's "My cases", a CSIRT's and the desk's --

  pages.get(
    "/cases",
    { config: { access: "signed_in" }, schema: { hide } },
    async (request, reply) => {
      const actor = userOf(request);
      const query = (request.query ?? {}) as Record<string, unknown>;
      const status =
        typeof query.status === "string" &&
        (CASE_STATUSES as readonly string[]).includes(query.status)
          ? query.status
          : "";
      const rawCursor = typeof query.cursor === "string" ? query.cursor : "";
      const cursor = rawCursor && rawCursor.length <= 500 ? rawCursor : undefined;
      const result = await cases.list(actor, {
        limit: PAGE_SIZE,
        ...(status ? { status } : {}),
        ...(cursor ? { cursor } : {}),
      });
      const items = result.items as CaseListItem[];
      const audience = audienceOf(actor);
      const names = new Map<string, string>();
      const members = new Map<string, string>();
      if (audience === "coordinator" && actor.organization) {
        // Who is late: the vendors the deadlines are for, by name.
        const ids = [
          ...new Set(
            items
              .map((item) => item.nextDeadline?.organizationId)
              .filter((value): value is string => Boolean(value)),
          ),
        ];
        for (const orgId of ids) names.set(orgId, (await organizations.get(actor, orgId)).name);
        for (const member of await organizations.members(actor, actor.organization.id))
          members.set(member.userId, member.name);
      }
      const href = (extra: Record<string, string> = {}) => {
        const params = new URLSearchParams({ ...(status ? { status } : {}), ...extra });
        const search = params.toString();
        return search ? `/cases?${search}` : "/cases";
      };
      const page = pageContext(request, reply);
      return sendPage(
        reply,
        page,
        <CaseListPage
          page={page}
          audience={audience}
          policy={policy}
          now={clock.now()}
          items={items}
          status={status}
          names={names}
          members={members}
          userId={actor.userId}
          paged={cursor !== undefined}
          firstHref={href()}
          nextHref={result.nextCursor ? href({ cursor: result.nextCursor }) : null}
        />,
      );
    },
  );

  // --- The public list of unreachable vendors (R-COO-8) -------------------------------------

  pages.get(
    "/unreachable-vendors",
    { config: { access: "public" }, schema: { hide, querystring: cursorQuery } },
    async (request, reply) => {
      const cursor = request.query.cursor || undefined;
      const result = await cases.unreachableVendors({
        limit: PAGE_SIZE,
        ...(cursor ? { cursor } : {}),
      });
      const page = pageContext(request, reply);
      return sendPage(
        reply,
        page,
        <UnreachableVendorsPage
          page={page}
          items={result.items}
          paged={cursor !== undefined}
          nextHref={
            result.nextCursor
              ? `/unreachable-vendors?cursor=${encodeURIComponent(result.nextCursor)}`
              : null
          }
        />,
      );
    },
  );

  // --- One case ------------------------------------------------------------------------------

  const coordinatorTools = async (actor: UserActor, view: CaseView): Promise<CoordinatorTools> => {
    const active = view.status !== null && ACTIVE_STATUSES.includes(view.status);
    const onCase = new Set(view.participants.map((p) => p.organizationId));
    const [suggestions, vendors, csirts, members] = await Promise.all([
      active && !view.contentWithheld ? cases.suggestions(actor, view.id) : { items: [] },
      organizations.list(actor, { type: "vendor", limit: 200 }),
      organizations.list(actor, { type: "csirt", limit: 200 }),
      actor.organization ? organizations.members(actor, actor.organization.id) : [],
    ]);
    return {
      suggestions: suggestions.items,
      vendors: vendors.items
        .filter((vendor) => !onCase.has(vendor.id))
        .map((vendor) => ({ id: vendor.id, name: vendor.name, ndaOnFile: vendor.nda !== null })),
      csirts: csirts.items.map((csirt) => ({ id: csirt.id, name: csirt.name })),
      members: members.map((member) => ({ userId: member.userId, name: member.name })),
    };
  };

  const vendorTools = async (actor: UserActor, caseId: string): Promise<VendorTools> => {
    if (actor.role !== "admin" || !actor.organization) {
      return { admin: false, members: [], assigned: [] };
    }
    const [members, assigned] = await Promise.all([
      organizations.members(actor, actor.organization.id),
      cases.assignedMembers(actor, caseId),
    ]);
    return {
      admin: true,
      // Admins see every case of their organization; the picker is for the others (R-SEC-6).
      members: members
        .filter((member) => member.role !== "admin")
        .map((member) => ({ userId: member.userId, name: member.name, role: member.role })),
      assigned,
    };
  };

  const sendCase = async (
    request: FastifyRequest,
    reply: FastifyReply,
    caseId: string,
    options: { notice?: MessageKey | null; form?: CaseForm | null; status?: number } = {},
  ) => {
    const actor = userOf(request);
    const view: CaseView = await cases.get(actor, caseId);
    const viewer = await cases.viewerOf(actor, caseId);
    // R-SEC-1: an unassigned coordinator member sees the case's metadata, not its exchanges.
    const messages = view.contentWithheld ? { items: [] } : await cases.messages(actor, caseId);
    const coordinator =
      viewer.kind === "coordinator" ? await coordinatorTools(actor, view) : undefined;
    const vendor = viewer.kind === "vendor" ? await vendorTools(actor, caseId) : undefined;
    const page = pageContext(request, reply);
    return sendPage(
      reply,
      page,
      <CasePage
        page={page}
        view={view}
        viewer={viewer}
        messages={messages.items}
        policy={policy}
        now={clock.now()}
        userId={actor.userId}
        notice={options.notice ?? null}
        form={options.form ?? null}
        coordinator={coordinator}
        vendor={vendor}
      />,
      options.status ?? 200,
    );
  };

  pages.get(
    "/cases/:id",
    { config: { access: "signed_in" }, schema: { hide, params: idParams } },
    async (request, reply) => {
      const query = (request.query ?? {}) as Record<string, unknown>;
      const done = typeof query.done === "string" ? NOTICES[query.done] : undefined;
      return sendCase(request, reply, request.params.id, { notice: done ?? null });
    },
  );

  /**
   * One form of the case page: the API's schema checks the values (422 beside the form), the
   * service decides (a refusal on the merits comes back as a readable message: 403, 409, 422);
   * a case the caller may not see goes to the error page (404). Success redirects back.
   */
  const handle = (spec: ActionSpec) => {
    return async (request: FastifyRequest, reply: FastifyReply) => {
      const caseId = (request.params as { id: string }).id;
      const actor = userOf(request);
      const { t } = pageContext(request, reply);
      const body = formFields(request.body);
      const values: Record<string, string> = {};
      for (const field of Object.keys(spec.fields)) values[field] = body[field] ?? "";
      if ("userIds" in spec.fields) values.userIds = selectedIds(request.body).join("\n");
      const formField = (apiPath: string) => spec.apiFields?.[apiPath] ?? apiPath;
      const fieldError = (path: string, message?: string | null): FieldError => {
        const field = formField(path);
        const label = spec.fields[field];
        if (!label) return { path: "", message: message ?? t("casePages.error.generic") };
        const text =
          message ??
          ((values[field] ?? "").trim() === ""
            ? t("casePages.error.required", { field: t(label) })
            : t("casePages.error.invalid", { field: t(label) }));
        return { path: field, message: text };
      };
      const again = (errors: FieldError[], status: number) =>
        sendCase(request, reply, caseId, { form: { name: spec.form, values, errors }, status });
      try {
        await spec.run(actor, caseId, values, request);
      } catch (error) {
        if (error instanceof FormInvalid) {
          // The case must be one the caller may see before its form comes back.
          await cases.viewerOf(actor, caseId);
          const seen = new Set<string>();
          const errors = error.paths
            .map((path) => fieldError(path))
            .filter((entry) => {
              const key = `${entry.path}:${entry.message}`;
              if (seen.has(key)) return false;
              seen.add(key);
              return true;
            });
          return again(errors, 422);
        }
        if (!(error instanceof ProblemError) || error.status === 404 || error.status >= 500) {
          throw error;
        }
        if (error.status === 422) {
          const errors = error.errors?.length
            ? error.errors.map((entry) => fieldError(entry.path, serviceMessage(t, policy, entry)))
            : [{ path: "", message: t("casePages.error.generic") }];
          return again(errors, 422);
        }
        if (error.status === 403) {
          // Shown on the page rather than the error page, but kept like any denial (R-SEC-2).
          await auditLog.recordDenied(actor, {
            method: request.method,
            route: request.routeOptions.url ?? request.url.split("?")[0],
            code: error.code,
          });
        }
        if (error.status === 403 || error.status === 409) {
          const message =
            error.code === "nda_required"
              ? t("casePages.error.ndaRequired")
              : error.status === 403
                ? t("casePages.error.forbidden")
                : error.code === "conflict"
                  ? t("casePages.error.conflict")
                  : t("casePages.error.transition");
          return again([{ path: "", message }], error.status);
        }
        throw error;
      }
      return reply.redirect(`/cases/${encodeURIComponent(caseId)}?done=${spec.notice}`, 303);
    };
  };

  const post = (path: string, spec: ActionSpec) =>
    pages.post(
      `/cases/:id/${path}`,
      { config: { access: "signed_in" }, schema: { hide, params: idParams } },
      handle(spec),
    );

  // Coordinator actions.
  post("assign", {
    form: "assign",
    fields: { assigneeUserId: "casePages.assign.user" },
    apiFields: { userId: "assigneeUserId" },
    notice: "assigned",
    run: (actor, caseId, v) =>
      cases.assign(actor, caseId, parse(assignBody, { userId: optional(v.assigneeUserId) }).userId),
  });
  post("vendors", {
    form: "addVendor",
    fields: {
      organizationId: "casePages.addVendor.vendor",
      addReason: "casePages.addVendor.reason",
    },
    apiFields: { reason: "addReason" },
    notice: "vendorAdded",
    run: (actor, caseId, v) =>
      cases.addVendor(
        actor,
        caseId,
        parse(addVendorBody, {
          organizationId: optional(v.organizationId),
          reason: optional(v.addReason),
        }),
      ),
  });
  pages.post(
    "/cases/:id/vendors/:orgId/notify",
    { config: { access: "signed_in" }, schema: { hide, params: vendorParams } },
    handle({
      form: "notify",
      fields: {},
      notice: "notified",
      run: (actor, caseId, _v, request) =>
        cases.notifyVendor(actor, caseId, (request.params as { orgId: string }).orgId),
    }),
  );
  post("schedule", {
    form: "schedule",
    fields: {
      publishAt: "casePages.schedule.publishAt",
      countermeasureDue: "casePages.schedule.countermeasureDue",
      scheduleReason: "casePages.revise.reason",
      exceedReason: "casePages.revise.exceedReason",
    },
    apiFields: { reason: "scheduleReason" },
    notice: "scheduleRevised",
    run: (actor, caseId, v) =>
      cases.reviseSchedule(
        actor,
        caseId,
        parse(scheduleBody, {
          publishAt: instant(v.publishAt),
          // An emptied field clears the countermeasure date.
          countermeasureDue: instant(v.countermeasureDue) ?? null,
          reason: optional(v.scheduleReason),
          exceedReason: optional(v.exceedReason),
        }),
      ),
  });
  post("schedule-requests/decide", {
    form: "decide",
    fields: {
      requestId: "casePages.decide.request",
      decision: "casePages.decide.decision",
      decisionReason: "casePages.decide.reason",
      decisionExceedReason: "casePages.revise.exceedReason",
    },
    apiFields: { reason: "decisionReason", exceedReason: "decisionExceedReason" },
    notice: "requestDecided",
    run: async (actor, caseId, v) => {
      const requestId = optional(v.requestId);
      const input = parse(scheduleDecisionBody, {
        decision: optional(v.decision),
        reason: optional(v.decisionReason),
        exceedReason: optional(v.decisionExceedReason),
      });
      if (!requestId || requestId.length > 100) throw new FormInvalid(["requestId"]);
      return cases.decideScheduleRequest(actor, caseId, requestId, input);
    },
  });
  post("mark-unresponsive", {
    form: "unresponsive",
    fields: {
      unresponsiveOrgId: "casePages.unresponsive.vendor",
      unresponsiveNote: "casePages.unresponsive.note",
    },
    apiFields: { note: "unresponsiveNote", orgId: "unresponsiveOrgId" },
    notice: "unresponsive",
    run: async (actor, caseId, v) => {
      const orgId = optional(v.unresponsiveOrgId);
      const { note } = parse(noteBody, { note: optional(v.unresponsiveNote) });
      if (!orgId || orgId.length > 100) throw new FormInvalid(["orgId"]);
      return cases.markUnresponsive(actor, caseId, orgId, note);
    },
  });
  post("publish-unreachable", {
    form: "unreachable",
    fields: {
      unreachableOrgId: "contactPages.unreachable.vendor",
      unreachableStage: "contactPages.unreachable.stage",
      unreachableDecision: "contactPages.unreachable.decision",
    },
    apiFields: {
      orgId: "unreachableOrgId",
      stage: "unreachableStage",
      decision: "unreachableDecision",
    },
    notice: "unreachable",
    run: async (actor, caseId, v) => {
      const orgId = optional(v.unreachableOrgId);
      const input = parse(publishUnreachableBody, {
        stage: optional(v.unreachableStage),
        decision: optional(v.unreachableDecision),
      });
      if (!orgId || orgId.length > 100) throw new FormInvalid(["orgId"]);
      return cases.publishUnreachable(actor, caseId, orgId, input);
    },
  });
  // The coordinator's and the desk's approval of a vendor's request to talk to the finder.
  pages.post(
    "/cases/:id/direct-contact-requests/:rid/approve",
    { config: { access: "signed_in" }, schema: { hide, params: requestParams } },
    handle({
      form: "approveContact",
      fields: {},
      notice: "contactApproved",
      run: (actor, caseId, _v, request) =>
        cases.approveDirectContact(actor, caseId, (request.params as { rid: string }).rid),
    }),
  );
  post("close", {
    form: "close",
    fields: {
      closeReason: "casePages.close.reason",
      duplicateOf: "casePages.close.duplicateOf",
      closeMessage: "casePages.close.message",
    },
    apiFields: { reason: "closeReason", message: "closeMessage" },
    notice: "closed",
    run: (actor, caseId, v) =>
      cases.close(
        actor,
        caseId,
        parse(closeCaseBody, {
          reason: optional(v.closeReason),
          message: optional(v.closeMessage),
          duplicateOf: v.closeReason === "duplicate" ? optional(v.duplicateOf) : undefined,
        }),
      ),
  });
  post("committee-decision", {
    form: "committee",
    fields: {
      committeeDecision: "casePages.committee.decision",
      committeeSummary: "casePages.committee.summary",
    },
    apiFields: { decision: "committeeDecision", summary: "committeeSummary" },
    notice: "committee",
    run: (actor, caseId, v) =>
      cases.committeeDecision(
        actor,
        caseId,
        parse(committeeBody, {
          decision: optional(v.committeeDecision),
          summary: optional(v.committeeSummary),
        }),
      ),
  });
  post("refer-to-csirt", {
    form: "refer",
    fields: {
      csirtOrganizationId: "casePages.refer.csirt",
      referNote: "casePages.refer.note",
    },
    apiFields: { note: "referNote" },
    notice: "referred",
    run: (actor, caseId, v) =>
      cases.referToCsirt(
        actor,
        caseId,
        parse(referBody, {
          csirtOrganizationId: optional(v.csirtOrganizationId),
          note: optional(v.referNote),
        }),
      ),
  });

  // Vendor actions (its own participation).
  post("acknowledge", {
    form: "acknowledge",
    fields: {},
    notice: "acknowledged",
    run: (actor, caseId) => cases.acknowledge(actor, caseId),
  });
  post("status", {
    form: "status",
    fields: {
      status: "casePages.vendorStatus.field",
      statement: "casePages.vendorStatus.statement",
    },
    notice: "status",
    run: (actor, caseId, v) =>
      cases.reportStatus(
        actor,
        caseId,
        parse(vendorStatusBody, {
          status: optional(v.status),
          statement: optional(v.statement),
        }),
      ),
  });
  post("countermeasures", {
    form: "countermeasure",
    fields: {
      countermeasureType: "casePages.countermeasure.type",
      countermeasureDescription: "casePages.countermeasure.description",
      affectedVersions: "casePages.countermeasure.affectedVersions",
      fixedVersions: "casePages.countermeasure.fixedVersions",
      countermeasureUrl: "casePages.countermeasure.url",
    },
    apiFields: {
      type: "countermeasureType",
      description: "countermeasureDescription",
      url: "countermeasureUrl",
    },
    notice: "countermeasure",
    run: (actor, caseId, v) =>
      cases.addCountermeasure(
        actor,
        caseId,
        parse(countermeasureBody, {
          type: optional(v.countermeasureType),
          description: optional(v.countermeasureDescription),
          affectedVersions: versionList(v.affectedVersions),
          fixedVersions: versionList(v.fixedVersions),
          url: optional(v.countermeasureUrl),
        }),
      ),
  });
  post("others-affected", {
    form: "others",
    fields: {
      otherVendorName: "casePages.others.vendorName",
      otherReason: "casePages.others.reason",
    },
    apiFields: { vendorName: "otherVendorName", reason: "otherReason" },
    notice: "others",
    run: (actor, caseId, v) =>
      cases.reportOthersAffected(
        actor,
        caseId,
        parse(othersAffectedBody, {
          vendorName: optional(v.otherVendorName),
          reason: optional(v.otherReason),
        }),
      ),
  });
  post("schedule-requests", {
    form: "scheduleRequest",
    fields: {
      requestPublishAt: "casePages.scheduleRequest.publishAt",
      requestReason: "casePages.scheduleRequest.reason",
    },
    apiFields: { publishAt: "requestPublishAt", reason: "requestReason" },
    notice: "scheduleRequested",
    run: (actor, caseId, v) =>
      cases.requestSchedule(
        actor,
        caseId,
        parse(scheduleRequestBody, {
          publishAt: instant(v.requestPublishAt),
          reason: optional(v.requestReason),
        }),
      ),
  });
  post("statement", {
    form: "statement",
    fields: {
      statementText: "casePages.statement.text",
      advisoryUrl: "casePages.statement.advisoryUrl",
      statementContact: "casePages.statement.contact",
    },
    apiFields: { text: "statementText", contact: "statementContact" },
    notice: "statement",
    run: (actor, caseId, v) =>
      cases.setStatement(
        actor,
        caseId,
        parse(statementBody, {
          text: optional(v.statementText),
          advisoryUrl: optional(v.advisoryUrl),
          contact: optional(v.statementContact),
        }),
      ),
  });
  post("tracking-id", {
    form: "tracking",
    fields: { trackingId: "casePages.tracking.field" },
    notice: "tracking",
    run: (actor, caseId, v) =>
      cases.setTrackingId(
        actor,
        caseId,
        parse(trackingIdBody, { trackingId: optional(v.trackingId) }).trackingId,
      ),
  });
  post("members", {
    form: "members",
    fields: { userIds: "casePages.members.legend" },
    notice: "members",
    run: (actor, caseId, _v, request) =>
      cases.setMembers(actor, caseId, selectedIds(request.body).slice(0, 500)),
  });

  post("messages", {
    form: "message",
    fields: { to: "casePages.messages.to", body: "casePages.messages.body" },
    notice: "message",
    run: (actor, caseId, v) =>
      cases.postMessage(
        actor,
        caseId,
        parse(messageBody, { body: optional(v.body), to: optional(v.to) }),
      ),
  });
}

/** The checked boxes of a repeated field (one value, several, or none). */
function selectedIds(body: unknown): string[] {
  const raw = body && typeof body === "object" ? (body as Record<string, unknown>).userIds : null;
  const list = Array.isArray(raw) ? raw : typeof raw === "string" ? [raw] : [];
  return list.filter((entry): entry is string => typeof entry === "string" && entry.length <= 100);
}
