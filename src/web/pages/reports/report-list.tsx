import { DateTime, Pagination, SelectField, SubmitButton } from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import { DataTable } from "../directory/shared.tsx";
import { Checkbox, kindLabel, STATUSES, statusLabel } from "./shared.tsx";

export interface ReportListItem {
  id: string;
  receiptNumber: string;
  kind: string;
  title: string;
  status: string | null;
  receivedAt: string;
  assigneeUserId?: string | null;
}

export interface QueueFilters {
  status: string;
  kind: string;
  assignedToMe: boolean;
}

/** A finder's own reports, or the intake desk's queue with its filters. */
export function ReportListPage(props: {
  page: PageContext;
  /** True for intake members: the queue with filters and the assignee column. */
  queue: boolean;
  /** The reports' finder side may file new ones. */
  mayReport: boolean;
  userId: string;
  items: ReportListItem[];
  filters: QueueFilters;
  paged: boolean;
  firstHref: string;
  nextHref: string | null;
}) {
  const { page, queue, items, filters } = props;
  const { t, language } = page;
  const title = queue ? t("reports.list.queueTitle") : t("reports.list.mineTitle");
  const assignee = (item: ReportListItem) =>
    !item.assigneeUserId
      ? t("reports.list.assignee.none")
      : item.assigneeUserId === props.userId
        ? t("reports.list.assignee.me")
        : t("reports.list.assignee.other");
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      <p class="lead">{queue ? t("reports.list.queueLead") : t("reports.list.mineLead")}</p>
      {props.mayReport ? (
        <p>
          <a class="button button-primary" href="/reports/new">
            {t("reports.list.new")}
          </a>
        </p>
      ) : null}
      {queue ? (
        <section aria-labelledby="report-filter-heading">
          <h2 id="report-filter-heading">{t("reports.filter.heading")}</h2>
          <form method="get" action="/reports" class="stack">
            <SelectField
              name="status"
              label={t("reports.filter.status")}
              value={filters.status}
              options={[
                { value: "", label: t("reports.filter.any") },
                ...STATUSES.map((status) => ({ value: status, label: statusLabel(t, status) })),
              ]}
            />
            <SelectField
              name="kind"
              label={t("reports.filter.kind")}
              value={filters.kind}
              options={[
                { value: "", label: t("reports.filter.any") },
                { value: "product", label: t("reports.kind.product") },
                { value: "web", label: t("reports.kind.web") },
              ]}
            />
            <Checkbox
              name="assignee"
              label={t("reports.filter.assignedToMe")}
              checked={filters.assignedToMe}
            />
            <SubmitButton variant="secondary">{t("reports.filter.submit")}</SubmitButton>
            {filters.status || filters.kind || filters.assignedToMe ? (
              <p>
                <a href="/reports">{t("reports.filter.clear")}</a>
              </p>
            ) : null}
          </form>
        </section>
      ) : null}
      {items.length === 0 ? (
        <p>{t("reports.list.empty")}</p>
      ) : (
        <DataTable id="reports" caption={t("reports.list.caption")}>
          <thead>
            <tr>
              <th scope="col">{t("reports.list.column.receipt")}</th>
              <th scope="col">{t("reports.list.column.title")}</th>
              {queue ? <th scope="col">{t("reports.list.column.kind")}</th> : null}
              <th scope="col">{t("reports.list.column.status")}</th>
              <th scope="col">{t("reports.list.column.received")}</th>
              {queue ? <th scope="col">{t("reports.list.column.assignee")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <th scope="row">
                  <a class="mono" href={`/reports/${encodeURIComponent(item.id)}`}>
                    {item.receiptNumber}
                  </a>
                </th>
                <td>{item.title}</td>
                {queue ? <td>{kindLabel(t, item.kind)}</td> : null}
                <td>{statusLabel(t, item.status ?? "submitted")}</td>
                <td>
                  <DateTime value={item.receivedAt} language={language} />
                </td>
                {queue ? <td>{assignee(item)}</td> : null}
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <Pagination
        label={t("reports.pagination.label")}
        first={props.paged ? { href: props.firstHref, label: t("reports.pagination.first") } : null}
        next={props.nextHref ? { href: props.nextHref, label: t("reports.pagination.next") } : null}
      />
    </Layout>
  );
}
