/**
 * R-PRI-5 on the case page and the finder's report page: the case's priority provisions in
 * short. The desk and the coordinator see each provision's state with the way to its page; a
 * party whose agreement is asked is told so; after publication the finder and the vendors see
 * when each provision went out and to which sectors. Nothing otherwise.
 */
import type { PrioritySummary } from "../../../modules/priority/priority.summary.ts";
import type { Translate } from "../../../platform/i18n/i18n.ts";
import { DateTime } from "../../components.tsx";
import type { PageContext } from "../../layout.tsx";
import { CaseSection } from "../cases/case-layout.tsx";
import { sectorLabel, sectorList, statusLabel, WithDate } from "./shared.tsx";

/** "Priority provision: on <date>, to <sectors>", the date a <time> with its zone. */
function SentLine(props: { page: PageContext; sentAt: string; sectors: string[] }) {
  const { t, language } = props.page;
  return (
    <li class="priority-sent-item">
      <WithDate
        t={t}
        message="priority.summary.sent"
        params={{ sectors: sectorList(t, props.sectors) }}
        date={<DateTime value={props.sentAt} language={language} />}
      />
    </li>
  );
}

function SentList(props: { page: PageContext; sent: PrioritySummary["sent"] }) {
  return (
    <ul class="priority-sent">
      {props.sent.map((item) => (
        <SentLine key={item.sentAt} page={props.page} sentAt={item.sentAt} sectors={item.sectors} />
      ))}
    </ul>
  );
}

function pageHref(caseId: string): string {
  return `/cases/${encodeURIComponent(caseId)}/priority`;
}

function AgreementAsked(props: { t: Translate; caseId: string }) {
  const { t } = props;
  return (
    <p class="priority-asked">
      <strong>{t("priority.summary.asked")}</strong>{" "}
      <a href={pageHref(props.caseId)}>{t("priority.summary.answerLink")}</a>
    </p>
  );
}

function StaffTable(props: { page: PageContext; summary: PrioritySummary }) {
  const { t, language } = props.page;
  const provisions = props.summary.staff?.provisions ?? [];
  if (provisions.length === 0) return <p>{t("priority.case.none")}</p>;
  return (
    <div class="table-wrap">
      <table class="data priority-states">
        <thead>
          <tr>
            <th scope="col">{t("priority.summary.col.started")}</th>
            <th scope="col">{t("priority.case.status")}</th>
            <th scope="col">{t("priority.case.sectors")}</th>
            <th scope="col">{t("priority.summary.col.agreements")}</th>
            <th scope="col">{t("priority.summary.col.finder")}</th>
          </tr>
        </thead>
        <tbody>
          {provisions.map((p) => (
            <tr key={p.id} id={`priority-state-${p.id}`}>
              <td>
                <DateTime value={p.startedAt} language={language} />
              </td>
              <td class="priority-state">{statusLabel(t, p.status)}</td>
              <td>{p.sectors.map((s) => sectorLabel(t, s)).join(", ")}</td>
              <td class="priority-agreed">
                {t("priority.summary.agreements", { answered: p.answered, parties: p.parties })}
              </td>
              <td class="priority-finder">
                {p.finderNotified ? t("priority.summary.yes") : t("priority.summary.no")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The case page's section (one line in case-detail.tsx); nothing when there is nothing to say. */
export function CasePrioritySection(props: { page: PageContext; summary: PrioritySummary | null }) {
  const { page, summary } = props;
  if (!summary) return null;
  const { t } = page;
  const asked =
    summary.agreementAsked.length > 0 ? <AgreementAsked t={t} caseId={summary.caseId} /> : null;
  if (summary.staff) {
    return (
      <CaseSection id="case-priority" title={t("priority.case.heading")}>
        {asked}
        <StaffTable page={page} summary={summary} />
        <p>
          <a href={pageHref(summary.caseId)}>
            {summary.staff.desk ? t("priority.summary.toolsLink") : t("priority.summary.link")}
          </a>
        </p>
      </CaseSection>
    );
  }
  if (!asked && summary.sent.length === 0) return null;
  return (
    <CaseSection id="case-priority" title={t("priority.case.heading")}>
      {asked}
      {summary.sent.length > 0 ? <SentList page={page} sent={summary.sent} /> : null}
    </CaseSection>
  );
}

/** The finder's report page, after publication (one line in report-detail.tsx). */
export function ReportPrioritySection(props: {
  page: PageContext;
  summary: PrioritySummary | null | undefined;
}) {
  const { page, summary } = props;
  if (!summary || summary.sent.length === 0) return null;
  return (
    <section id="priority-provision" aria-labelledby="priority-provision-heading">
      <h2 id="priority-provision-heading">{page.t("priority.case.heading")}</h2>
      <SentList page={page} sent={summary.sent} />
    </section>
  );
}
