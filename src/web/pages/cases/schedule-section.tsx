import type { WorkflowPolicy } from "../../../workflow/policy.ts";
import { DateTime } from "../../components.tsx";
import type { PageContext } from "../../layout.tsx";
import { DataTable } from "../directory/shared.tsx";
import {
  type CaseView,
  DeadlineText,
  deadlineSpan,
  Row,
  requestStatusLabel,
  setByLabel,
} from "./shared.tsx";

/** The schedule now, the next deadline, the vendors' date requests and how deadlines count. */
export function ScheduleBody(props: {
  page: PageContext;
  view: CaseView;
  names: Map<string, string>;
  isCoordinator: boolean;
  policy: WorkflowPolicy;
  now: Date;
}) {
  const { page, view, names, policy } = props;
  const { t, language } = page;
  const schedule = view.schedule;
  const requests = view.scheduleRequests ?? [];
  return (
    <>
      {schedule ? (
        <dl class="report-summary">
          <Row label={t("casePages.schedule.publishAt")}>
            <strong>
              <DateTime value={schedule.publishAt} language={language} />
            </strong>
          </Row>
          <Row label={t("casePages.schedule.countermeasureDue")}>
            {schedule.countermeasureDue ? (
              <DateTime value={schedule.countermeasureDue} language={language} />
            ) : (
              t("casePages.schedule.noCountermeasureDue")
            )}
          </Row>
          <Row label={t("casePages.deadlines.heading")}>
            <DeadlineText
              t={t}
              language={language}
              policy={policy}
              deadline={view.nextDeadline}
              now={props.now}
              names={props.isCoordinator ? names : undefined}
            />
          </Row>
        </dl>
      ) : (
        <p>{t("casePages.schedule.none")}</p>
      )}
      {requests.length > 0 ? (
        <DataTable
          id="case-schedule-requests"
          caption={
            props.isCoordinator
              ? t("casePages.schedule.requests")
              : t("casePages.schedule.ownRequests")
          }
        >
          <thead>
            <tr>
              {props.isCoordinator ? (
                <th scope="col">{t("casePages.schedule.column.vendor")}</th>
              ) : null}
              <th scope="col">{t("casePages.schedule.column.requestedDate")}</th>
              <th scope="col">{t("casePages.schedule.column.reason")}</th>
              <th scope="col">{t("casePages.schedule.column.requestStatus")}</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((request) => (
              <tr key={request.id}>
                {props.isCoordinator ? <td>{names.get(request.organizationId) ?? ""}</td> : null}
                <td>
                  <DateTime value={request.publishAt} language={language} />
                </td>
                <td>{request.reason}</td>
                <td>{requestStatusLabel(t, request.status)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}
      <details class="case-deadline-rules">
        <summary>{t("casePages.deadlines.rules")}</summary>
        <ul>
          <li>
            {t("casePages.deadlines.acknowledgement", {
              span: deadlineSpan(t, policy.vendorAcknowledgement),
            })}
          </li>
          <li>
            {t("casePages.deadlines.status", {
              span: deadlineSpan(t, policy.vendorStatusInterval),
            })}
          </li>
          <li>
            {t("casePages.deadlines.reminders", {
              count: policy.vendorReminders.count,
              span: deadlineSpan(t, policy.vendorReminders.interval),
            })}
          </li>
          <li>
            {t("casePages.deadlines.publication", {
              span: t("casePages.span.calendarDays", { n: policy.defaultEmbargoDays }),
            })}
          </li>
        </ul>
        <p class="hint">{t("casePages.deadlines.businessDaysNote")}</p>
      </details>
    </>
  );
}

/** Every revision of the schedule with its reason, oldest first (the history section). */
export function ScheduleRevisions(props: { page: PageContext; view: CaseView }) {
  const { t, language } = props.page;
  const schedule = props.view.schedule;
  if (!schedule) return null;
  return (
    <DataTable id="case-revisions" caption={t("casePages.schedule.revisions")}>
      <thead>
        <tr>
          <th scope="col">{t("casePages.schedule.column.revision")}</th>
          <th scope="col">{t("casePages.schedule.column.at")}</th>
          <th scope="col">{t("casePages.schedule.publishAt")}</th>
          <th scope="col">{t("casePages.schedule.countermeasureDue")}</th>
          <th scope="col">{t("casePages.schedule.column.reason")}</th>
          <th scope="col">{t("casePages.schedule.column.setBy")}</th>
        </tr>
      </thead>
      <tbody>
        {schedule.revisions.map((revision) => (
          <tr key={revision.revision}>
            <td>{revision.revision}</td>
            <td>
              <DateTime value={revision.at} language={language} />
            </td>
            <td>
              <DateTime value={revision.publishAt} language={language} />
            </td>
            <td>
              {revision.countermeasureDue ? (
                <DateTime value={revision.countermeasureDue} language={language} />
              ) : (
                t("casePages.none")
              )}
            </td>
            <td>
              {revision.setBy === "default"
                ? t("casePages.schedule.defaultReason")
                : revision.reason}
            </td>
            <td>{setByLabel(t, revision.setBy)}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
