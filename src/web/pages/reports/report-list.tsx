import type { QueueItem, ReportList } from "../../../modules/reports/reports.schemas.ts";
import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import type { Deadline } from "../../../workflow/policy.ts";
import { type RecordColumn, RecordList } from "../../components/record-list.tsx";
import { DateTime } from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import { listCaption } from "../risk/list-order.ts";
import { riskColumns } from "../risk/risk-columns.tsx";
import {
  AcknowledgementCell,
  AgeCell,
  QueueFilterForm,
  type QueueFilters,
} from "./queue-filters.tsx";
import { kindLabel, statusLabel } from "./shared.tsx";

/** A report as the list shows it: the finder's own, or one of the desk's queue. */
export type ReportListItem = ReportList["items"][number];

/** The queue's own fields, when the item is one of the desk's queue. */
const queued = (item: ReportListItem): QueueItem | null => ("ageDays" in item ? item : null);

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
  const assignee = (assigneeUserId: string | null | undefined) =>
    !assigneeUserId
      ? t("reports.list.assignee.none")
      : assigneeUserId === props.userId
        ? t("reports.list.assignee.me")
        : (names.get(assigneeUserId) ?? t("reports.list.assignee.other"));
  const column = (
    key: string,
    heading: MessageKey,
    cell: RecordColumn<ReportListItem>["cell"],
  ): RecordColumn<ReportListItem> => ({ key, heading: t(heading), cell });
  // The desk's queue has more columns than a finder's own list.
  const desk = (entry: RecordColumn<ReportListItem>) => (queue ? [entry] : []);
  const columns = [
    column("receipt", "reports.list.column.receipt", (item) => (
      <a class="mono no-wrap" href={`/reports/${encodeURIComponent(item.id)}`}>
        {item.receiptNumber}
      </a>
    )),
    column("title", "reports.list.column.title", (item) => item.title),
    ...desk(column("kind", "reports.list.column.kind", (item) => kindLabel(t, item.kind))),
    ...desk(column("subject", "desk.list.column.subject", subject)),
    column("status", "reports.list.column.status", (item) => statusLabel(t, item.status)),
    column("received", "reports.list.column.received", (item) => (
      <DateTime value={item.receivedAt} language={language} />
    )),
    ...desk(
      column("age", "desk.list.column.age", (item) => (
        <AgeCell t={t} ageDays={queued(item)?.ageDays} />
      )),
    ),
    ...desk(
      column("acknowledgement", "desk.list.column.acknowledgement", (item) => (
        <AcknowledgementCell t={t} language={language} value={queued(item)?.acknowledgement} />
      )),
    ),
    ...desk(
      column("assignee", "reports.list.column.assignee", (item) =>
        assignee(queued(item)?.assigneeUserId),
      ),
    ),
    ...(queue ? riskColumns<ReportListItem>(t) : []),
  ];
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
      <RecordList
        id="reports"
        caption={queue ? listCaption(t, "reports", filters.sort) : t("reports.list.caption")}
        empty={t("reports.list.empty")}
        items={items}
        rowKey={(item) => item.id}
        columns={columns}
        pagination={{
          label: t("reports.pagination.label"),
          first: props.paged
            ? { href: props.firstHref, label: t("reports.pagination.first") }
            : null,
          next: props.nextHref
            ? { href: props.nextHref, label: t("reports.pagination.next") }
            : null,
        }}
      />
    </Layout>
  );
}
