import type { AdvisorySummary } from "../../../modules/advisories/advisories.schemas.ts";
import { DateTime, Field, Pagination, SelectField, SubmitButton } from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import { SeverityBadge, severityLabel } from "./advisory-view.tsx";

export interface AdvisorySearch {
  q?: string | undefined;
  vendor?: string | undefined;
  product?: string | undefined;
  cve?: string | undefined;
  cwe?: string | undefined;
  severity?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

const SEVERITY_VALUES = ["critical", "high", "medium", "low", "none"] as const;

/** The query string of a search, for the pagination links. */
export function searchQuery(search: AdvisorySearch, cursor?: string | null): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    if (typeof value === "string" && value !== "") params.set(key, value);
  }
  if (cursor) params.set("cursor", cursor);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The public list with its search form (R-PUB-3): a GET form, so results can be bookmarked. */
export function AdvisoryListPage(props: {
  page: PageContext;
  search: AdvisorySearch;
  items: AdvisorySummary[];
  nextCursor: string | null;
  paged: boolean;
}) {
  const { page, search, items } = props;
  const { t, language } = page;
  return (
    <Layout page={page} title={t("advisories.list.title")}>
      <h1>{t("advisories.list.title")}</h1>
      <p>{t("advisories.list.lead")}</p>
      <section aria-labelledby="advisory-search">
        <h2 id="advisory-search">{t("advisories.search.heading")}</h2>
        <search>
          <form class="stack queue-filters" method="get" action="/advisories">
            <Field name="q" label={t("advisories.search.q")} value={search.q} />
            <Field name="vendor" label={t("advisories.search.vendor")} value={search.vendor} />
            <Field name="product" label={t("advisories.search.product")} value={search.product} />
            <Field name="cve" label={t("advisories.search.cve")} value={search.cve} />
            <Field name="cwe" label={t("advisories.search.cwe")} value={search.cwe} />
            <SelectField
              name="severity"
              label={t("advisories.search.severity")}
              value={search.severity ?? ""}
              options={[
                { value: "", label: t("advisories.search.severityAny") },
                ...SEVERITY_VALUES.map((value) => ({ value, label: severityLabel(t, value) })),
              ]}
            />
            <Field
              name="from"
              type="date"
              label={t("advisories.search.from")}
              value={search.from}
            />
            <Field name="to" type="date" label={t("advisories.search.to")} value={search.to} />
            <SubmitButton>{t("advisories.search.submit")}</SubmitButton>
            <p>
              <a href="/advisories">{t("advisories.search.clear")}</a>
            </p>
          </form>
        </search>
      </section>
      <p role="status">{t("advisories.list.count", { count: items.length })}</p>
      {items.length === 0 ? (
        <p>{t("advisories.list.empty")}</p>
      ) : (
        <div class="table-wrap">
          <table class="data advisory-list">
            <thead>
              <tr>
                <th scope="col">{t("advisories.list.id")}</th>
                <th scope="col">{t("advisories.list.titleColumn")}</th>
                <th scope="col">{t("advisories.list.severity")}</th>
                <th scope="col">{t("advisories.list.published")}</th>
                <th scope="col">{t("advisories.list.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.advisoryId}>
                  <td class="mono">{item.advisoryId}</td>
                  <td>
                    <a
                      href={`/advisories/${encodeURIComponent(item.advisoryId)}`}
                      lang={item.language}
                    >
                      {item.title}
                    </a>
                  </td>
                  <td>
                    <SeverityBadge t={t} severity={item.severity} />
                  </td>
                  <td>
                    <DateTime value={item.publishedAt} language={language} />
                  </td>
                  <td>
                    <DateTime value={item.updatedAt} language={language} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        label={t("advisories.list.pagination")}
        first={
          props.paged
            ? { href: `/advisories${searchQuery(search)}`, label: t("advisories.list.first") }
            : null
        }
        next={
          props.nextCursor
            ? {
                href: `/advisories${searchQuery(search, props.nextCursor)}`,
                label: t("advisories.list.next"),
              }
            : null
        }
      />
      <p>
        {t("advisories.list.feeds")} <a href="/feeds/advisories.rdf">{t("advisories.list.rss")}</a>{" "}
        <a href="/feeds/advisories.atom">{t("advisories.list.atom")}</a>
      </p>
    </Layout>
  );
}
