import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { MessageKey } from "../../platform/i18n/i18n.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import { noticeOf, registerActionForms, signedInUser } from "../../web/form-action.ts";
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
} from "../../web/pages/cases/shared.tsx";
import { UnreachableVendorsPage } from "../../web/pages/cases/unreachable-vendors.tsx";
import type { VendorTools } from "../../web/pages/cases/vendor-actions.tsx";
import {
  appendRiskFilters,
  riskFiltersQuery,
  riskQueryOf,
} from "../../web/pages/risk/risk-columns.tsx";
import { cursorQuery, PAGE_SIZE, registerPublicListPage } from "../../web/public-list.ts";
import { pageContext, sendPage } from "../../web/render.ts";
import type { WorkflowPolicy } from "../../workflow/policy.ts";
import { isStaff, type UserActor } from "../access/actor.ts";
import type { TaskSection } from "../analysis-tasks/analysis-tasks.service.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { NdaService } from "../organizations/nda.service.ts";
import type { OrganizationsService } from "../organizations/organizations.service.ts";
import type { PrioritySummary } from "../priority/priority.summary.ts";
import { registerRiskForm } from "../risk/risk.pages.ts";
import type { RiskService } from "../risk/risk.service.ts";
import { RISK_SORTS } from "../risk/risk.sorting.ts";
import type { CasesService } from "./cases.service.ts";

const id = z.string().min(1).max(100);
const idParams = z.object({ id });
/** Query strings of the pages: a value a page does not know is dropped, never an error. */
const listQuery = cursorQuery.extend({
  status: z.enum(CASE_STATUSES).optional().catch(undefined),
  /** Staff: by risk (R-RISK-1), highest first; anything else is the newest first. */
  sort: z.enum(RISK_SORTS).optional().catch(undefined),
  ...riskFiltersQuery.shape,
});
const caseQuery = z.object({ done: z.string().max(40).optional().catch(undefined) });

function audienceOf(actor: UserActor): CaseListAudience {
  const type = actor.organization?.type;
  return type === "coordinator" || type === "vendor" || type === "csirt" || type === "intake"
    ? type
    : "other";
}

export async function registerCasePages(
  app: FastifyInstance,
  deps: {
    cases: CasesService;
    organizations: OrganizationsService;
    /** The NDAs of the case's vendors (issue 13 point 6). */
    nda?: Pick<NdaService, "caseStatus">;
    /** The desk's pending relays to the finder (reports module), for its next step. */
    finderMessagesToRelay?: (
      actor: UserActor,
      caseId: string,
    ) => Promise<{ reportId: string; count: number } | null>;
    auditLog: Pick<AuditService, "recordDenied">;
    /** The analysis tasks' section of the case page (analysis-tasks module). */
    analysisTaskSection?: (
      actor: UserActor,
      subject: { type: "case"; id: string },
    ) => Promise<TaskSection | null>;
    /** The priority provisions in short, as this viewer may see them (priority module, R-PRI-5). */
    prioritySummary?: (actor: UserActor, caseId: string) => Promise<PrioritySummary | null>;
    policy: WorkflowPolicy;
    clock: Clock;
    /** The staff's risk form (R-RISK-1, risk module). */
    risk?: Pick<RiskService, "setCaseRisk">;
  },
) {
  const { cases, organizations, auditLog, policy, clock } = deps;
  const pages = app.withTypeProvider<ZodTypeProvider>();
  const hide = true;

  // --- The list: the coordinator's desk, a vendor's "My cases", a CSIRT's and the desk's --

  pages.get(
    "/cases",
    { config: { access: "signed_in" }, schema: { hide, querystring: listQuery } },
    async (request, reply) => {
      const actor = signedInUser(request);
      const status = request.query.status ?? "";
      const cursor = request.query.cursor || undefined;
      const staff = isStaff(actor);
      const sort = staff ? request.query.sort : undefined;
      const riskFilters = {
        urgency: request.query.urgency,
        ssvcDecision: request.query.ssvcDecision,
        minCvss: request.query.minCvss,
      };
      const result = await cases.list(actor, {
        limit: PAGE_SIZE,
        ...(status ? { status } : {}),
        ...(cursor ? { cursor } : {}),
        ...(sort ? { sort } : {}),
        ...(staff ? riskQueryOf(riskFilters) : {}),
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
        const params = new URLSearchParams({
          ...(status ? { status } : {}),
          ...(sort ? { sort } : {}),
          ...extra,
        });
        if (staff) appendRiskFilters(params, riskFilters);
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
          risk={staff ? { sort: sort ?? "newest", filters: riskFilters } : undefined}
        />,
      );
    },
  );

  // --- The public list of unreachable vendors (R-COO-8) -------------------------------------

  registerPublicListPage(app, {
    path: "/unreachable-vendors",
    list: (query) => cases.unreachableVendors(query),
    render: (props) => <UnreachableVendorsPage {...props} />,
  });

  // --- One case ------------------------------------------------------------------------------

  const coordinatorTools = async (actor: UserActor, view: CaseView): Promise<CoordinatorTools> => {
    const active = view.status !== null && ACTIVE_STATUSES.includes(view.status);
    const onCase = new Set(view.participants.map((p) => p.organizationId));
    const [suggestions, vendors, csirts, members, nda] = await Promise.all([
      active && !view.contentWithheld ? cases.suggestions(actor, view.id) : { items: [] },
      organizations.list(actor, { type: "vendor", limit: 200 }),
      organizations.list(actor, { type: "csirt", limit: 200 }),
      actor.organization ? organizations.members(actor, actor.organization.id) : [],
      deps.nda?.caseStatus(actor, [...onCase]),
    ]);
    return {
      suggestions: suggestions.items,
      vendors: vendors.items
        .filter((vendor) => !onCase.has(vendor.id))
        .map((vendor) => ({ id: vendor.id, name: vendor.name, ndaOnFile: vendor.nda !== null })),
      csirts: csirts.items.map((csirt) => ({ id: csirt.id, name: csirt.name })),
      members: members.map((member) => ({ userId: member.userId, name: member.name })),
      nda,
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
    const actor = signedInUser(request);
    const view: CaseView = await cases.get(actor, caseId);
    const viewer = await cases.viewerOf(actor, caseId);
    // R-SEC-1: an unassigned coordinator member sees the case's metadata, not its exchanges.
    const messages = view.contentWithheld ? { items: [] } : await cases.messages(actor, caseId);
    const coordinator =
      viewer.kind === "coordinator" ? await coordinatorTools(actor, view) : undefined;
    const vendor = viewer.kind === "vendor" ? await vendorTools(actor, caseId) : undefined;
    const finderMessagesToRelay =
      viewer.kind === "intake" && deps.finderMessagesToRelay
        ? await deps.finderMessagesToRelay(actor, caseId)
        : null;
    const analysisTasks =
      (await deps.analysisTaskSection?.(actor, { type: "case", id: caseId })) ?? null;
    const priority = (await deps.prioritySummary?.(actor, caseId)) ?? null;
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
        finderMessagesToRelay={finderMessagesToRelay}
        analysisTasks={analysisTasks}
        priority={priority}
      />,
      options.status ?? 200,
    );
  };

  pages.get(
    "/cases/:id",
    { config: { access: "signed_in" }, schema: { hide, params: idParams, querystring: caseQuery } },
    async (request, reply) => {
      return sendCase(request, reply, request.params.id, {
        notice: noticeOf(cases.actionTable, request.query.done),
      });
    },
  );

  if (deps.risk) {
    const { risk } = deps;
    registerRiskForm(app, {
      base: "/cases",
      set: (actor, id, body) => risk.setCaseRisk(actor, id, body),
      again: (request, reply, form, status) =>
        sendCase(request, reply, (request.params as { id: string }).id, { form, status }),
      recordDenied: deps.auditLog.recordDenied,
    });
  }

  registerActionForms(app, {
    base: "/cases",
    table: cases.actionTable,
    methods: cases,
    again: (request, reply, form, status) =>
      sendCase(request, reply, (request.params as { id: string }).id, { form, status }),
    words: {
      required: "casePages.error.required",
      invalid: "casePages.error.invalid",
      generic: "casePages.error.generic",
      forbidden: "casePages.error.forbidden",
      conflict: "casePages.error.conflict",
      transition: "casePages.error.transition",
      codes: {
        nda_required: "casePages.error.ndaRequired",
        in_past: "casePages.error.past",
        after_publication: "casePages.error.dueAfterPublish",
        unchanged: "casePages.error.sameSchedule",
      },
      detail: (t, error) => {
        if (error.code === "reason_required") {
          return t("casePages.error.exceedReason", { days: policy.maxEmbargoDays });
        }
        // A countermeasure's version ranges are typed one per line: say which line.
        const range = /^ranges\.(\d+)/.exec(error.path);
        return range
          ? t("casePages.countermeasure.rangesError", { line: Number(range[1]) + 1 })
          : null;
      },
    },
    recordDenied: (actor, entry) => auditLog.recordDenied(actor, entry),
  });
}
