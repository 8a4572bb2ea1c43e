import { DateTime } from "../../components.tsx";
import type { PageContext } from "../../layout.tsx";
import { DataTable } from "../directory/shared.tsx";
import { Section } from "../reports/shared.tsx";
import { type CaseView, Row, requestStatusLabel, setByLabel } from "./shared.tsx";

export function ScheduleSection(props: {
  page: PageContext;
  view: CaseView;
  names: Map<string, string>;
  isCoordinator: boolean;
}) {
  const { page, view, names } = props;
  const { t, language } = page;
  const schedule = view.schedule;
  const requests = view.scheduleRequests ?? [];
  return (
    <Section id="case-schedule" title={t("casePages.schedule.heading")}>
      {schedule ? (
        <>
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
          </dl>
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
        </>
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
    </Section>
  );
}
