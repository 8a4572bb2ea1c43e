import type { WorkflowPolicy } from "../../../workflow/policy.ts";
import { DateTime, Pagination, SelectField, SubmitButton } from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import { DataTable } from "../directory/shared.tsx";
import { groupCaption, type ListOrder, listCaption } from "../risk/list-order.ts";
import { RiskCell, riskHeading } from "../risk/risk-cell.tsx";
import {
  RiskFilterFields,
  type RiskFilterValues,
  type RiskListFields,
  riskSortOptions,
} from "../risk/risk-columns.tsx";
import {
  CASE_STATUSES,
  caseStatusLabel,
  DeadlineText,
  deadlineSpan,
  expectedOf,
  type NextDeadlineView,
  participantStatusLabel,
  sourceLabel,
} from "./shared.tsx";

/** Staff's items carry the risk fields too. */
export interface CaseListItem extends RiskListFields {
  id: string;
  caseNumber: string;
  title: string;
  source: string;
  status: string;
  publishAt: string | null;
  openedAt: string;
  nextDeadline?: NextDeadlineView | null | undefined;
  participantStatus?: string | undefined;
  participantCount?: number | undefined;
  assigneeUserId?: string | null | undefined;
}

/** Who is looking at the list: each sees its own cases, said in its own words. */
export type CaseListAudience = "coordinator" | "vendor" | "csirt" | "intake" | "other";

const TITLES = {
  coordinator: "casePages.list.coordinatorTitle",
  vendor: "casePages.list.vendorTitle",
  csirt: "casePages.list.csirtTitle",
  intake: "casePages.list.intakeTitle",
  other: "casePages.list.otherTitle",
} as const;

const LEADS = {
  coordinator: "casePages.list.coordinatorLead",
  vendor: "casePages.list.vendorLead",
  csirt: "casePages.list.csirtLead",
  intake: "casePages.list.intakeLead",
  other: "casePages.list.otherLead",
} as const;

export function CaseListPage(props: {
  page: PageContext;
  audience: CaseListAudience;
  policy: WorkflowPolicy;
  now: Date;
  items: CaseListItem[];
  status: string;
  /** Vendor names for the deadlines the coordinator sees (who is late). */
  names: Map<string, string>;
  /** The coordinator's members, for the handler column. */
  members: Map<string, string>;
  userId: string;
  paged: boolean;
  firstHref: string;
  nextHref: string | null;
  /** Staff: the risk order and filters (R-RISK-1). */
  risk?: { sort: ListOrder; filters: RiskFilterValues } | undefined;
}) {
  const { page, audience, items, policy, now } = props;
  const { t, language } = page;
  const title = t(TITLES[audience]);
  const vendor = audience === "vendor";
  const coordinator = audience === "coordinator";
  // The coordinator's desk groups cases by status, in the workflow's order.
  const groups = coordinator
    ? CASE_STATUSES.map((status) => ({
        status,
        items: items.filter((item) => item.status === status),
      })).filter((group) => group.items.length > 0)
    : [{ status: "", items }];
  // Without the staff's sort control, the list is newest opened first.
  const order: ListOrder = props.risk?.sort ?? "newest";
  const handler = (item: CaseListItem) =>
    !item.assigneeUserId
      ? t("casePages.list.assignee.none")
      : item.assigneeUserId === props.userId
        ? t("casePages.list.assignee.me")
        : (props.members.get(item.assigneeUserId) ?? t("casePages.list.assignee.other"));

  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      <p class="lead">{t(LEADS[audience])}</p>
      {vendor ? (
        <p>
          {t("casePages.list.vendorDeadlines", {
            acknowledgement: deadlineSpan(t, policy.vendorAcknowledgement),
            status: deadlineSpan(t, policy.vendorStatusInterval),
          })}
        </p>
      ) : null}
      <form method="get" action="/cases" class="stack">
        <SelectField
          name="status"
          label={t("casePages.list.filterStatus")}
          value={props.status}
          options={[
            { value: "", label: t("casePages.list.filterAll") },
            ...CASE_STATUSES.map((status) => ({
              value: status,
              label: caseStatusLabel(t, status),
            })),
          ]}
        />
        {props.risk ? (
          <>
            <SelectField
              name="sort"
              label={t("risk.sort.label")}
              value={props.risk.sort}
              options={[{ value: "newest", label: t("risk.sort.newest") }, ...riskSortOptions(t)]}
            />
            <RiskFilterFields t={t} filters={props.risk.filters} />
          </>
        ) : null}
        <SubmitButton variant="secondary">{t("casePages.list.filterSubmit")}</SubmitButton>
      </form>
      {items.length === 0 ? (
        <p>{t("casePages.list.empty")}</p>
      ) : (
        // The staff's list has the risk column; its tables are set tighter (app.css).
        <div id={props.risk ? "staff-case-tables" : "case-tables"}>
          {groups.map((group) => (
            <DataTable
              key={group.status || "all"}
              id={`cases-${group.status || "all"}`}
              caption={
                group.status
                  ? groupCaption(t, caseStatusLabel(t, group.status), group.items.length, order)
                  : listCaption(t, "cases", order)
              }
            >
              <thead>
                <tr>
                  <th scope="col">{t("casePages.list.column.number")}</th>
                  <th scope="col">{t("casePages.list.column.title")}</th>
                  {props.risk ? (
                    <th scope="col">{t("staffLists.column.statusSource")}</th>
                  ) : (
                    <th scope="col">{t("casePages.list.column.status")}</th>
                  )}
                  {props.risk ? null : vendor ? (
                    <th scope="col">{t("casePages.list.column.yourStatus")}</th>
                  ) : (
                    <th scope="col">{t("casePages.list.column.source")}</th>
                  )}
                  <th scope="col">
                    {vendor
                      ? t("casePages.list.column.dueFromYou")
                      : t("casePages.list.column.nextDeadline")}
                  </th>
                  <th scope="col">{t("casePages.list.column.publishAt")}</th>
                  {vendor ? null : <th scope="col">{t("casePages.list.column.vendors")}</th>}
                  {coordinator ? <th scope="col">{t("casePages.list.column.handler")}</th> : null}
                  {props.risk ? <th scope="col">{riskHeading(t)}</th> : null}
                  <th scope="col">{t("casePages.list.column.opened")}</th>
                </tr>
              </thead>
              <tbody>
                {group.items.map((item) => (
                  <tr key={item.id}>
                    <td class="mono no-wrap">{item.caseNumber}</td>
                    <th scope="row" class="case-list-title">
                      <a href={`/cases/${encodeURIComponent(item.id)}`}>{item.title}</a>
                    </th>
                    {props.risk ? (
                      // Staff: the source under the status, one column fewer (the list fits 1280 px).
                      <td>
                        {caseStatusLabel(t, item.status)}
                        <span class="case-list-source no-wrap">{sourceLabel(t, item.source)}</span>
                      </td>
                    ) : (
                      <td>{caseStatusLabel(t, item.status)}</td>
                    )}
                    {props.risk ? null : vendor ? (
                      <td>
                        {participantStatusLabel(t, item.participantStatus ?? null)}
                        {item.participantStatus && expectedOf(t, item.participantStatus) ? (
                          <span class="hint-inline">{expectedOf(t, item.participantStatus)}</span>
                        ) : null}
                      </td>
                    ) : (
                      <td class="no-wrap">{sourceLabel(t, item.source)}</td>
                    )}
                    <td>
                      <DeadlineText
                        t={t}
                        language={language}
                        policy={policy}
                        deadline={item.nextDeadline}
                        now={now}
                        names={coordinator ? props.names : undefined}
                      />
                    </td>
                    <td>
                      {item.publishAt ? (
                        <DateTime value={item.publishAt} language={language} />
                      ) : (
                        t("casePages.none")
                      )}
                    </td>
                    {vendor ? null : <td>{item.participantCount ?? 0}</td>}
                    {coordinator ? <td>{handler(item)}</td> : null}
                    {props.risk ? (
                      <td>
                        <RiskCell t={t} item={item} />
                      </td>
                    ) : null}
                    <td>
                      <DateTime value={item.openedAt} language={language} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          ))}
        </div>
      )}
      <Pagination
        label={t("casePages.pagination.label")}
        first={
          props.paged ? { href: props.firstHref, label: t("casePages.pagination.first") } : null
        }
        next={
          props.nextHref ? { href: props.nextHref, label: t("casePages.pagination.next") } : null
        }
      />
    </Layout>
  );
}
