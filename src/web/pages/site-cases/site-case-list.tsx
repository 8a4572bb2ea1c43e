import type { SiteCaseListItem } from "../../../modules/site-cases/site-cases.schemas.ts";
import { SITE_CASE_STATUSES } from "../../../workflow/site-case/index.ts";
import { DateTime, SelectField, SubmitButton } from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import { PagedTable, siteCaseStatusLabel } from "./shared.tsx";

/** An operator's own site cases ("My site cases"), or the desk's list of every one. */
export function SiteCaseListPage(props: {
  page: PageContext;
  desk: boolean;
  items: SiteCaseListItem[];
  status: string;
  paged: boolean;
  firstHref: string;
  nextHref: string | null;
}) {
  const { page, desk, items } = props;
  const { t, language } = page;
  const title = desk ? t("siteCases.list.deskTitle") : t("siteCases.list.mineTitle");
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      <p class="lead">{desk ? t("siteCases.list.deskLead") : t("siteCases.list.mineLead")}</p>
      <form method="get" action="/site-cases" class="stack">
        <SelectField
          name="status"
          label={t("siteCases.list.filterStatus")}
          value={props.status}
          options={[
            { value: "", label: t("siteCases.list.filterAll") },
            ...SITE_CASE_STATUSES.map((status) => ({
              value: status,
              label: siteCaseStatusLabel(t, status),
            })),
          ]}
        />
        <SubmitButton variant="secondary">{t("siteCases.list.filter")}</SubmitButton>
      </form>
      <PagedTable
        id="site-cases"
        page={page}
        labels={{
          caption: "siteCases.list.caption",
          empty: "siteCases.list.empty",
          pagination: "siteCases.list.pagination",
        }}
        columns={[
          t("siteCases.list.reference"),
          t("siteCases.list.title"),
          t("siteCases.detail.siteUrl"),
          ...(desk ? [t("siteCases.list.operator")] : []),
          t("siteCases.list.status"),
          t("siteCases.list.notifiedAt"),
        ]}
        rows={items.map((item) => (
          <tr key={item.id}>
            <th scope="row">
              <a class="mono no-wrap" href={`/site-cases/${encodeURIComponent(item.id)}`}>
                {item.reference}
              </a>
            </th>
            <td>{item.title}</td>
            <td>{item.siteUrl ?? ""}</td>
            {desk ? <td>{item.operator.name ?? ""}</td> : null}
            <td>{siteCaseStatusLabel(t, item.status)}</td>
            <td>
              <DateTime value={item.notifiedAt} language={language} />
            </td>
          </tr>
        ))}
        firstHref={props.paged ? props.firstHref : null}
        nextHref={props.nextHref}
      />
    </Layout>
  );
}
