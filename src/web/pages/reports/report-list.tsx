import type { Deadline } from "../../../workflow/policy.ts";
import { DateTime, Pagination } from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import { DataTable } from "../directory/shared.tsx";
import {
  AcknowledgementCell,
  type AcknowledgementCellValue,
  AgeCell,
  QueueFilterForm,
  type QueueFilters,
} from "./queue-filters.tsx";
import { kindLabel, statusLabel } from "./shared.tsx";

export interface ReportListItem {
  id: string;
  receiptNumber: string;
  kind: string;
  title: string;
  status: string | null;
  receivedAt: string;
  productName?: string | null;
  vendorName?: string | null;
  siteUrl?: string | null;
  assigneeUserId?: string | null;
  ageDays?: number | null;
  acknowledgement?: AcknowledgementCellValue | null;
}

/** What the queue shows of a report's subject: product (vendor), or the site's host. */
function subject(item: ReportListItem): string {
  if (item.kind === "web" && item.siteUrl) {
    try {
      return new URL(item.siteUrl).host;
    } catch {
      return item.siteUrl;
    }
  }
  const product = item.productName ?? "";
  return item.vendorName ? `${product} (${item.vendorName})` : product;
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
  /** The desk's members, for the assignee filter and column. */
  members: { userId: string; name: string }[];
  /** The desk's acknowledgement target, for the queue's explanation. */
  target?: Deadline | undefined;
  paged: boolean;
  firstHref: string;
  nextHref: string | null;
}) {
  const { page, queue, items, filters } = props;
  const { t, language } = page;
  const title = queue ? t("reports.list.queueTitle") : t("reports.list.mineTitle");
  const names = new Map(props.members.map((member) => [member.userId, member.name]));
  const assignee = (item: ReportListItem) =>
    !item.assigneeUserId
      ? t("reports.list.assignee.none")
      : item.assigneeUserId === props.userId
        ? t("reports.list.assignee.me")
        : (names.get(item.assigneeUserId) ?? t("reports.list.assignee.other"));
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
        <>
          <QueueFilterForm t={t} filters={filters} members={props.members} userId={props.userId} />
          {props.target ? (
            <p>
              {t("desk.ack.explain", {
                target: t(
                  props.target.unit === "business_days"
                    ? "desk.ack.businessDays"
                    : "desk.ack.calendarDays",
                  { n: props.target.amount },
                ),
              })}
            </p>
          ) : null}
        </>
      ) : null}
      {items.length === 0 ? (
        <p>{t("reports.list.empty")}</p>
      ) : (
        <DataTable
          id="reports"
          caption={
            queue && filters.sort === "oldest"
              ? t("desk.list.captionOldest")
              : t("reports.list.caption")
          }
        >
          <thead>
            <tr>
              <th scope="col">{t("reports.list.column.receipt")}</th>
              <th scope="col">{t("reports.list.column.title")}</th>
              {queue ? <th scope="col">{t("reports.list.column.kind")}</th> : null}
              {queue ? <th scope="col">{t("desk.list.column.subject")}</th> : null}
              <th scope="col">{t("reports.list.column.status")}</th>
              <th scope="col">{t("reports.list.column.received")}</th>
              {queue ? <th scope="col">{t("desk.list.column.age")}</th> : null}
              {queue ? <th scope="col">{t("desk.list.column.acknowledgement")}</th> : null}
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
                {queue ? <td>{subject(item)}</td> : null}
                <td>{statusLabel(t, item.status ?? "submitted")}</td>
                <td>
                  <DateTime value={item.receivedAt} language={language} />
                </td>
                {queue ? (
                  <td>
                    <AgeCell t={t} ageDays={item.ageDays} />
                  </td>
                ) : null}
                {queue ? (
                  <td>
                    <AcknowledgementCell t={t} language={language} value={item.acknowledgement} />
                  </td>
                ) : null}
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
