import type { AuditEntryView } from "../../../modules/audit/audit.service.ts";
import type { AuditTypeLabelKey } from "../../../platform/i18n/catalog/audit-types.en.ts";
import { auditTypesJa } from "../../../platform/i18n/catalog/audit-types.ja.ts";
import type { MessageKey, Translate } from "../../../platform/i18n/i18n.ts";
import { DateTime, ErrorSummary, Field, type FieldError, Pagination } from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import { DataTable } from "../directory/shared.tsx";

/** The filter form's fields as typed. */
export interface AuditFilterValues {
  type: string;
  outcome: string;
  actorUserId: string;
  subjectType: string;
  subjectId: string;
  from: string;
  to: string;
}

export const AUDIT_FILTER_FIELDS = [
  "type",
  "outcome",
  "actorUserId",
  "subjectType",
  "subjectId",
  "from",
  "to",
] as const satisfies readonly (keyof AuditFilterValues)[];

const OUTCOME_LABELS: Record<string, MessageKey> = {
  ok: "audit.outcome.ok",
  denied: "audit.outcome.denied",
  failed: "audit.outcome.failed",
};

/**
 * The Japanese labels, checked to cover every audit type (the English catalog is checked where
 * it is written; the Japanese one cannot be annotated there, its keys define MessageKey).
 */
const LABELLED_TYPES: Record<AuditTypeLabelKey, string> = auditTypesJa;

/** What an audit type means in the page's language; null for a type no longer in the code. */
export function auditTypeLabel(t: Translate, type: string): string | null {
  const key = `auditType.${type}`;
  return Object.hasOwn(LABELLED_TYPES, key) ? t(key as AuditTypeLabelKey) : null;
}

const SUBJECT_TYPE_LABELS: Record<string, MessageKey> = {
  api_token: "audit.subjectType.api_token",
  case: "audit.subjectType.case",
  csaf_signing_key: "audit.subjectType.csaf_signing_key",
  desk_key: "audit.subjectType.desk_key",
  nda_text: "audit.subjectType.nda_text",
  organization: "audit.subjectType.organization",
  report: "audit.subjectType.report",
  site_case: "audit.subjectType.site_case",
  user: "audit.subjectType.user",
  webhook_endpoint: "audit.subjectType.webhook_endpoint",
};

/** What kind of record an entry is about, in the page's language (the raw name if unknown). */
function subjectTypeLabel(t: Translate, type: string): string {
  const key = SUBJECT_TYPE_LABELS[type];
  return key ? t(key) : type;
}

/** A link to this page with the given filters (empty ones left out). */
export function auditHref(filters: Partial<AuditFilterValues> & { cursor?: string }): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `/admin/audit?${text}` : "/admin/audit";
}

/** The type's label, and the type itself in small print as a filter link (staff search by it). */
function AuditTypeCell(props: { t: Translate; type: string }) {
  const { t, type } = props;
  const label = auditTypeLabel(t, type);
  const code = (
    <a href={auditHref({ type })} title={t("audit.type.filterTitle")}>
      <code class="audit-type-code">{type}</code>
    </a>
  );
  if (!label) return code;
  return (
    <>
      <span class="audit-type-label">{label}</span>
      <br />
      {code}
    </>
  );
}

export function AuditLogPage(props: {
  page: PageContext;
  values: AuditFilterValues;
  errors: FieldError[];
  entries: AuditEntryView[];
  olderHref: string | null;
  newestHref: string | null;
}) {
  const { page, values, errors, entries } = props;
  const { t, language } = page;
  const title = t("audit.title");
  const filtered = AUDIT_FILTER_FIELDS.some((field) => values[field] !== "");
  return (
    <Layout page={page} title={errors.length > 0 ? t("audit.errorTitle", { title }) : title}>
      <h1>{t("audit.heading")}</h1>
      <p class="lead">{t("audit.lead")}</p>
      <ErrorSummary title={t("audit.error.summary")} errors={errors} />

      <form method="get" action="/admin/audit" class="stack" noValidate>
        <h2>{t("audit.filter.heading")}</h2>
        <Field
          name="type"
          label={t("audit.filter.type")}
          hint={t("audit.filter.typeHint")}
          value={values.type}
          errors={errors}
        />
        <div class="field">
          <label for="field-outcome">{t("audit.filter.outcome")}</label>
          <select id="field-outcome" name="outcome">
            <option value="" selected={values.outcome === ""}>
              {t("audit.filter.anyOutcome")}
            </option>
            {Object.entries(OUTCOME_LABELS).map(([outcome, key]) => (
              <option key={outcome} value={outcome} selected={values.outcome === outcome}>
                {t(key)}
              </option>
            ))}
          </select>
        </div>
        <Field
          name="actorUserId"
          label={t("audit.filter.actorUserId")}
          value={values.actorUserId}
          errors={errors}
        />
        <Field
          name="subjectType"
          label={t("audit.filter.subjectType")}
          hint={t("audit.filter.subjectTypeHint")}
          value={values.subjectType}
          errors={errors}
        />
        <Field
          name="subjectId"
          label={t("audit.filter.subjectId")}
          value={values.subjectId}
          errors={errors}
        />
        <Field
          name="from"
          type="date"
          label={t("audit.filter.from")}
          hint={t("audit.filter.dateHint")}
          value={values.from}
          errors={errors}
        />
        <Field
          name="to"
          type="date"
          label={t("audit.filter.to")}
          hint={t("audit.filter.dateHint")}
          value={values.to}
          errors={errors}
        />
        <button type="submit" class="button button-primary">
          {t("audit.filter.submit")}
        </button>
      </form>
      {filtered ? (
        <p>
          <a href="/admin/audit">{t("audit.filter.clear")}</a>
        </p>
      ) : null}

      <h2>{t("audit.results.heading")}</h2>
      {entries.length === 0 ? (
        <p>{t("audit.results.empty")}</p>
      ) : (
        <DataTable
          id="audit-table"
          caption={filtered ? t("audit.results.captionFiltered") : t("audit.results.caption")}
        >
          <thead>
            <tr>
              <th scope="col">{t("audit.column.seq")}</th>
              <th scope="col">{t("audit.column.at")}</th>
              <th scope="col">{t("audit.column.type")}</th>
              <th scope="col">{t("audit.column.outcome")}</th>
              <th scope="col">{t("audit.column.actor")}</th>
              <th scope="col">{t("audit.column.ip")}</th>
              <th scope="col">{t("audit.column.subject")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => {
              const outcome = OUTCOME_LABELS[entry.outcome];
              return (
                <tr key={entry.seq}>
                  <th scope="row">{entry.seq}</th>
                  <td>
                    <DateTime value={entry.at} language={language} />
                  </td>
                  <td>
                    <AuditTypeCell t={t} type={entry.type} />
                  </td>
                  <td>{outcome ? t(outcome) : entry.outcome}</td>
                  <td>
                    {entry.actor ? (
                      <a
                        href={auditHref({ actorUserId: entry.actor.userId })}
                        title={t("audit.actor.filterTitle")}
                      >
                        {entry.actor.name ?? entry.actor.userId}
                      </a>
                    ) : (
                      t("audit.actor.none")
                    )}
                  </td>
                  <td>{entry.ip ?? t("audit.none")}</td>
                  <td>
                    {entry.subjectType && entry.subjectId ? (
                      <a
                        href={auditHref({
                          subjectType: entry.subjectType,
                          subjectId: entry.subjectId,
                        })}
                        title={t("audit.subject.filterTitle")}
                      >
                        {subjectTypeLabel(t, entry.subjectType)}{" "}
                        <span class="mono">{entry.subjectNumber ?? entry.subjectId}</span>
                      </a>
                    ) : entry.subjectType ? (
                      subjectTypeLabel(t, entry.subjectType)
                    ) : (
                      t("audit.none")
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </DataTable>
      )}

      <Pagination
        label={t("audit.pagination.label")}
        first={
          props.newestHref ? { href: props.newestHref, label: t("audit.pagination.newest") } : null
        }
        next={
          props.olderHref ? { href: props.olderHref, label: t("audit.pagination.older") } : null
        }
      />
    </Layout>
  );
}
