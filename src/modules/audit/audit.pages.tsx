import type { FastifyInstance } from "fastify";
import type { ComponentProps } from "preact";
import type { FieldError } from "../../web/components.tsx";
import {
  AUDIT_FILTER_FIELDS,
  type AuditFilterValues,
  AuditLogPage,
  auditHref,
} from "../../web/pages/audit/audit-log.tsx";
import { tokyoDayEnd, tokyoDayStart } from "../../web/pages/directory/shared.tsx";
import { pageContext, sendPage } from "../../web/render.ts";
import type { AuditQuery, AuditService } from "./audit.service.ts";

const PAGE_SIZE = 50;
const OUTCOMES = ["ok", "denied", "failed"] as const;

/** A query value as one trimmed string (the last one when repeated), at most `max` long. */
function single(value: unknown, max = 100): string {
  const last = Array.isArray(value) ? value.at(-1) : value;
  return typeof last === "string" ? last.trim().slice(0, max) : "";
}

export async function registerAuditPages(app: FastifyInstance, deps: { auditLog: AuditService }) {
  app.get(
    "/admin/audit",
    { config: { access: "audit.read" }, schema: { hide: true } },
    async (request, reply) => {
      const page = pageContext(request, reply);
      const { t } = page;
      const raw = (request.query ?? {}) as Record<string, unknown>;
      const values = Object.fromEntries(
        AUDIT_FILTER_FIELDS.map((field) => [field, single(raw[field])]),
      ) as unknown as AuditFilterValues;
      const cursor = single(raw.cursor, 500);

      const errors: FieldError[] = [];
      const from = values.from ? tokyoDayStart(values.from) : null;
      const to = values.to ? tokyoDayEnd(values.to) : null;
      if (values.from && !from) errors.push({ path: "from", message: t("audit.error.date") });
      if (values.to && !to) errors.push({ path: "to", message: t("audit.error.date") });
      if (from && to && to <= from) errors.push({ path: "to", message: t("audit.error.range") });
      const outcome = OUTCOMES.find((candidate) => candidate === values.outcome);
      if (!outcome) values.outcome = "";

      const show = (shown: {
        errors: typeof errors;
        entries: ComponentProps<typeof AuditLogPage>["entries"];
        olderHref: string | null;
        newestHref: string | null;
      }) =>
        sendPage(
          reply,
          page,
          <AuditLogPage page={page} values={values} {...shown} />,
          shown.errors.length > 0 ? 422 : 200,
        );
      if (errors.length > 0)
        return show({ errors, entries: [], olderHref: null, newestHref: null });

      const query: AuditQuery = {
        limit: PAGE_SIZE,
        ...(values.type ? { type: values.type } : {}),
        ...(outcome ? { outcome } : {}),
        ...(values.actorUserId ? { actorUserId: values.actorUserId } : {}),
        ...(values.subjectType ? { subjectType: values.subjectType } : {}),
        ...(values.subjectId ? { subjectId: values.subjectId } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...(cursor ? { cursor } : {}),
      };
      const result = await deps.auditLog.list(request.ctx.actor, query);
      return show({
        errors: [],
        entries: result.items,
        olderHref: result.nextCursor ? auditHref({ ...values, cursor: result.nextCursor }) : null,
        newestHref: cursor ? auditHref(values) : null,
      });
    },
  );
}
