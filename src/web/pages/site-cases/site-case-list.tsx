import { SITE_CASE_STATUSES } from "../../../workflow/site-case/index.ts";
import { DateTime, Pagination, SelectField, SubmitButton } from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import { DataTable } from "../directory/shared.tsx";
import { siteCaseStatusLabel } from "./shared.tsx";

export interface SiteCaseListItem {
  id: string;
  status: string | null;
  reference: string;
  title: string;
  siteUrl: string | null;
  operator: { organizationId: string | null; name: string | null };
  notifiedAt: string;
}

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
      {items.length === 0 ? (
        <p>{t("siteCases.list.empty")}</p>
      ) : (
        <DataTable id="site-cases" caption={t("siteCases.list.caption")}>
          <thead>
            <tr>
              <th scope="col">{t("siteCases.list.reference")}</th>
              <th scope="col">{t("siteCases.list.title")}</th>
              <th scope="col">{t("siteCases.detail.siteUrl")}</th>
              {desk ? <th scope="col">{t("siteCases.list.operator")}</th> : null}
              <th scope="col">{t("siteCases.list.status")}</th>
              <th scope="col">{t("siteCases.list.notifiedAt")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <th scope="row">
                  <a class="mono" href={`/site-cases/${encodeURIComponent(item.id)}`}>
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
          </tbody>
        </DataTable>
      )}
      <Pagination
        label={t("siteCases.list.pagination")}
        first={props.paged ? { href: props.firstHref, label: t("siteCases.list.first") } : null}
        next={props.nextHref ? { href: props.nextHref, label: t("siteCases.list.next") } : null}
      />
    </Layout>
  );
}
