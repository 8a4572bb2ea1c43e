import type { SiteCaseView } from "../../../modules/site-cases/site-cases.presenter.ts";
import { formatInstant, type MessageKey } from "../../../platform/i18n/i18n.ts";
import { FIX_METHODS, type SiteCloseReason } from "../../../workflow/site-case/index.ts";
import {
  CsrfField,
  DateTime,
  ErrorSummary,
  Field,
  type FieldError,
  Notice,
  SelectField,
  SubmitButton,
} from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import { DataTable } from "../directory/shared.tsx";
import { Paragraphs, Section } from "../reports/shared.tsx";
import { fixMethodLabel, Row, siteCaseStatusLabel, siteCloseReasonLabel } from "./shared.tsx";

export interface SiteCaseMessage {
  id: string;
  from: "intake" | "operator";
  body: string;
  createdAt: string;
}

/** A form of the page that was sent and came back refused (its values kept). */
export interface SiteCaseForm {
  name: string;
  values: Record<string, string>;
  errors: FieldError[];
}

/** Which close reasons the workflow allows from each status (docs/workflow.md, site case). */
const CLOSE_REASONS_BY_STATUS: Record<string, SiteCloseReason[]> = {
  operator_notified: ["closed_after_warning"],
  operator_acknowledged: ["closed_after_warning"],
  operator_unreachable: ["unreachable", "closed_after_warning"],
  fixed: ["fixed"],
  not_vulnerable: ["not_vulnerable"],
};

/**
 * One web-application case, for its operator or for the desk: where it stands (dates with
 * their time zone), what is expected next, the report as far as the viewer may read it, the
 * actions the viewer may take (each a form with its CSRF field), and the desk ⇄ operator
 * messages.
 */
export function SiteCasePage(props: {
  page: PageContext;
  view: SiteCaseView;
  /** The viewer is the operator (else the desk). */
  operator: boolean;
  /** The viewer may take the operator's (or the desk's) actions. */
  mayAct: boolean;
  /** Desk: the viewer may read the confidential side (the report's assignee, an admin). */
  confidential: boolean;
  messages: SiteCaseMessage[] | null;
  notice: MessageKey | null;
  form: SiteCaseForm | null;
}) {
  const { page, view, operator, mayAct, form } = props;
  const { t, language } = page;
  const base = `/site-cases/${encodeURIComponent(view.id)}`;
  const errors = form?.errors ?? [];
  const errorsFor = (name: string) => (form?.name === name ? form.errors : []);
  const formValue = (name: string, field: string, fallback = "") =>
    form?.name === name ? (form.values[field] ?? "") : fallback;
  const status = view.status ?? "operator_notified";
  const open = status !== "closed";
  const title = `${view.title} — ${t("siteCases.detail.lead", { reference: view.reference })}`;
  const pending = view.analysisRequests.filter((request) => request.status === "pending");
  const operatorActions = {
    acknowledge: status === "operator_notified" || status === "operator_unreachable",
    result:
      status === "operator_notified" ||
      status === "operator_acknowledged" ||
      status === "operator_unreachable",
    analysis: open && pending.length > 0,
    leakNotice: true,
  };
  const closeReasons = CLOSE_REASONS_BY_STATUS[status] ?? [];
  const deskActions = {
    markUnreachable: status === "operator_notified",
    close: closeReasons.length > 0,
    requestAnalysis: open,
  };
  const expected = operator
    ? status === "operator_notified"
      ? view.acknowledgementDueAt
        ? t("siteCases.expected.operator_notified", {
            due: formatInstant(new Date(view.acknowledgementDueAt), language),
          })
        : t("siteCases.expected.operator_notifiedNoDue")
      : t(`siteCases.expected.${status}` as MessageKey)
    : t(`siteCases.deskNext.${status}` as MessageKey);
  return (
    <Layout page={page} title={errors.length > 0 ? t("siteCases.errorTitle", { title }) : title}>
      <p>
        <a href="/site-cases">{t("siteCases.backToList")}</a>
      </p>
      <h1>{view.title}</h1>
      <p class="lead">{t("siteCases.detail.lead", { reference: view.reference })}</p>
      {props.notice ? (
        <Notice kind="success">
          <p>{t(props.notice)}</p>
        </Notice>
      ) : null}
      <ErrorSummary title={t("siteCases.error.summary")} errors={errors} />

      <Section
        id="site-case-expected"
        title={operator ? t("siteCases.detail.expected") : t("siteCases.detail.deskNext")}
      >
        <p id="site-case-expected-text">{expected}</p>
      </Section>

      <Section id="site-case-summary" title={t("siteCases.detail.summary")}>
        <dl class="report-summary">
          <Row label={t("siteCases.detail.reference")}>
            <span class="mono">{view.reference}</span>
          </Row>
          <Row label={t("siteCases.detail.status")}>
            <strong id="site-case-status">{siteCaseStatusLabel(t, view.status)}</strong>
          </Row>
          <Row label={t("siteCases.detail.operator")}>
            {view.operator.organizationId
              ? (view.operator.name ?? "")
              : t("siteCases.detail.operatorUnclaimed", {
                  name: view.operator.name ?? "",
                  email: view.operator.contactEmail ?? "",
                })}
          </Row>
          <Row label={t("siteCases.detail.siteUrl")}>{view.siteUrl ?? ""}</Row>
          {view.cwe ? <Row label={t("siteCases.detail.cwe")}>{view.cwe}</Row> : null}
          <Row label={t("siteCases.detail.notifiedAt")}>
            <DateTime value={view.notifiedAt} language={language} />
          </Row>
          {view.acknowledgementDueAt ? (
            <Row label={t("siteCases.detail.acknowledgementDueAt")}>
              <DateTime value={view.acknowledgementDueAt} language={language} />
            </Row>
          ) : null}
          {view.acknowledgedAt ? (
            <Row label={t("siteCases.detail.acknowledgedAt")}>
              <DateTime value={view.acknowledgedAt} language={language} />
            </Row>
          ) : null}
          {view.remindersSent > 0 ? (
            <Row label={t("siteCases.detail.remindersSent")}>{String(view.remindersSent)}</Row>
          ) : null}
          {view.result ? (
            <>
              <Row label={t("siteCases.detail.result")}>
                {t(`siteCases.result.${view.result.result}` as MessageKey)}
              </Row>
              <Row label={t("siteCases.detail.resultAt")}>
                <DateTime value={view.result.at} language={language} />
              </Row>
              {view.result.fixMethod ? (
                <Row label={t("siteCases.detail.fixMethod")}>
                  {fixMethodLabel(t, view.result.fixMethod)}
                </Row>
              ) : null}
              {view.result.details ? (
                <Row label={t("siteCases.detail.resultDetails")}>
                  <Paragraphs text={view.result.details} />
                </Row>
              ) : null}
            </>
          ) : null}
          {view.closure ? (
            <>
              <Row label={t("siteCases.detail.closure")}>
                {siteCloseReasonLabel(t, view.closure.reason)}
              </Row>
              <Row label={t("siteCases.detail.closedAt")}>
                <DateTime value={view.closure.at} language={language} />
              </Row>
              <Row label={t("siteCases.detail.closeMessage")}>
                <Paragraphs text={view.closure.message} />
              </Row>
            </>
          ) : null}
        </dl>
        {!operator && view.reportId ? (
          <p>
            <a href={`/reports/${encodeURIComponent(view.reportId)}`}>
              {t("siteCases.detail.openReport")}
            </a>
          </p>
        ) : null}
      </Section>

      <Section id="site-case-report" title={t("siteCases.detail.report")}>
        {view.details ? (
          <>
            {operator ? (
              <Notice kind="warning">
                <p>{t("siteCases.detail.reportLeadOperator")}</p>
              </Notice>
            ) : null}
            <dl class="report-summary">
              <Row label={t("siteCases.detail.description")}>
                <Paragraphs text={view.details.description} />
              </Row>
              <Row label={t("siteCases.detail.reproduction")}>
                <Paragraphs text={view.details.reproduction} />
              </Row>
              {view.details.verificationMethod ? (
                <Row label={t("siteCases.detail.verificationMethod")}>
                  <Paragraphs text={view.details.verificationMethod} />
                </Row>
              ) : null}
              <Row label={t("siteCases.detail.finder")}>
                {view.finder ? (
                  <span id="site-case-finder">
                    {view.finder.name} &lt;{view.finder.email}&gt;
                  </span>
                ) : (
                  t("siteCases.detail.finderNotShared")
                )}
              </Row>
            </dl>
          </>
        ) : (
          <Notice kind="info">
            <p>{t("siteCases.detail.reportHidden")}</p>
          </Notice>
        )}
      </Section>

      <Section id="site-case-history" title={t("siteCases.detail.history")}>
        <DataTable id="site-case-history-table" caption={t("siteCases.detail.historyCaption")}>
          <thead>
            <tr>
              <th scope="col">{t("siteCases.detail.historyAt")}</th>
              <th scope="col">{t("siteCases.detail.historyStatus")}</th>
            </tr>
          </thead>
          <tbody>
            {view.history.map((entry) => (
              <tr key={`${entry.at}-${entry.status}`}>
                <td>
                  <DateTime value={entry.at} language={language} />
                </td>
                <td>{siteCaseStatusLabel(t, entry.status)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      </Section>

      {view.analysisRequests.length > 0 ? (
        <Section id="site-case-analysis" title={t("siteCases.detail.analysisRequests")}>
          <DataTable id="site-case-analysis-table" caption={t("siteCases.detail.analysisCaption")}>
            <thead>
              <tr>
                <th scope="col">{t("siteCases.detail.analysisRequestedAt")}</th>
                <th scope="col">{t("siteCases.detail.analysisReason")}</th>
                <th scope="col">{t("siteCases.detail.analysisStatus")}</th>
              </tr>
            </thead>
            <tbody>
              {view.analysisRequests.map((request) => (
                <tr key={request.id}>
                  <td>
                    <DateTime value={request.requestedAt} language={language} />
                  </td>
                  <td>{request.reason ?? ""}</td>
                  <td>{t(`siteCases.analysis.${request.status}` as MessageKey)}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </Section>
      ) : null}

      {view.leakNotices.length > 0 ? (
        <Section id="site-case-leak-notices" title={t("siteCases.detail.leakNotices")}>
          <ul>
            {view.leakNotices.map((notice) => (
              <li key={notice.id}>
                <a href={`/leak-notices/${encodeURIComponent(notice.id)}`}>
                  <DateTime value={notice.publishedAt} language={language} />
                </a>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {mayAct && operator ? (
        <Section id="site-case-actions" title={t("siteCases.actions.heading")}>
          {operatorActions.acknowledge ? (
            <form method="post" action={`${base}/acknowledge`} class="stack">
              <h3>{t("siteCases.actions.acknowledge")}</h3>
              <p>{t("siteCases.actions.acknowledgeLead")}</p>
              <CsrfField token={page.csrfToken} />
              <SubmitButton>{t("siteCases.actions.acknowledge")}</SubmitButton>
            </form>
          ) : null}
          {operatorActions.result ? (
            <form method="post" action={`${base}/result`} class="stack" noValidate>
              <h3>{t("siteCases.actions.result")}</h3>
              <CsrfField token={page.csrfToken} />
              <SelectField
                name="result"
                label={t("siteCases.actions.resultField")}
                required
                value={formValue("result", "result", "fixed")}
                errors={errorsFor("result")}
                options={[
                  { value: "fixed", label: t("siteCases.result.fixed") },
                  { value: "not_vulnerable", label: t("siteCases.result.not_vulnerable") },
                ]}
              />
              <SelectField
                name="fixMethod"
                label={t("siteCases.actions.fixMethodField")}
                hint={t("siteCases.actions.fixMethodHint")}
                value={formValue("result", "fixMethod", "app_fixed")}
                errors={errorsFor("result")}
                options={[
                  { value: "", label: t("siteCases.actions.fixMethodNone") },
                  ...FIX_METHODS.map((method) => ({
                    value: method,
                    label: fixMethodLabel(t, method),
                  })),
                ]}
              />
              <Field
                name="details"
                label={t("siteCases.actions.detailsField")}
                hint={t("siteCases.actions.detailsHint")}
                multiline
                rows={4}
                required
                value={formValue("result", "details")}
                errors={errorsFor("result")}
              />
              <SubmitButton>{t("siteCases.actions.result")}</SubmitButton>
            </form>
          ) : null}
          {operatorActions.analysis ? (
            <div class="stack">
              <h3>{t("siteCases.actions.analysis")}</h3>
              <p>{t("siteCases.actions.analysisLead")}</p>
              {pending.map((request) => (
                <div key={request.id} class="stack">
                  {request.reason ? <Paragraphs text={request.reason} /> : null}
                  <form
                    method="post"
                    action={`${base}/analysis-requests/${encodeURIComponent(request.id)}/grant`}
                  >
                    <CsrfField token={page.csrfToken} />
                    <SubmitButton variant="secondary">{t("siteCases.actions.grant")}</SubmitButton>
                  </form>
                  <form
                    method="post"
                    action={`${base}/analysis-requests/${encodeURIComponent(request.id)}/deny`}
                  >
                    <CsrfField token={page.csrfToken} />
                    <SubmitButton variant="secondary">{t("siteCases.actions.deny")}</SubmitButton>
                  </form>
                </div>
              ))}
            </div>
          ) : null}
          {operatorActions.leakNotice ? (
            // Rarely needed: folded until opened (a refused form comes back open).
            <details open={form?.name === "leakNotice"}>
              <summary>{t("siteCases.actions.leakNotice")}</summary>
              <form method="post" action={`${base}/leak-notice`} class="stack" noValidate>
                <p>{t("siteCases.actions.leakNoticeLead")}</p>
                <CsrfField token={page.csrfToken} />
                <Field
                  name="summary"
                  label={t("siteCases.actions.leak.summary")}
                  multiline
                  rows={3}
                  required
                  value={formValue("leakNotice", "summary")}
                  errors={errorsFor("leakNotice")}
                />
                <Field
                  name="period"
                  label={t("siteCases.actions.leak.period")}
                  hint={t("siteCases.actions.leak.periodHint")}
                  required
                  value={formValue("leakNotice", "period")}
                  errors={errorsFor("leakNotice")}
                />
                <Field
                  name="affectedCount"
                  label={t("siteCases.actions.leak.affectedCount")}
                  type="number"
                  inputMode="numeric"
                  required
                  value={formValue("leakNotice", "affectedCount")}
                  errors={errorsFor("leakNotice")}
                />
                <Field
                  name="dataKinds"
                  label={t("siteCases.actions.leak.dataKinds")}
                  hint={t("siteCases.actions.leak.dataKindsHint")}
                  multiline
                  rows={3}
                  required
                  value={formValue("leakNotice", "dataKinds")}
                  errors={errorsFor("leakNotice")}
                />
                <Field
                  name="cause"
                  label={t("siteCases.actions.leak.cause")}
                  multiline
                  rows={3}
                  required
                  value={formValue("leakNotice", "cause")}
                  errors={errorsFor("leakNotice")}
                />
                <Field
                  name="contact"
                  label={t("siteCases.actions.leak.contact")}
                  required
                  value={formValue("leakNotice", "contact")}
                  errors={errorsFor("leakNotice")}
                />
                <SubmitButton variant="danger">{t("siteCases.actions.leak.submit")}</SubmitButton>
              </form>
            </details>
          ) : null}
        </Section>
      ) : null}

      {mayAct && !operator ? (
        <Section id="site-case-actions" title={t("siteCases.actions.heading")}>
          {!deskActions.markUnreachable && !deskActions.close && !deskActions.requestAnalysis ? (
            <p>{t("siteCases.actions.none")}</p>
          ) : null}
          {deskActions.close ? (
            <form method="post" action={`${base}/close`} class="stack" noValidate>
              <h3>{t("siteCases.actions.close")}</h3>
              <CsrfField token={page.csrfToken} />
              <SelectField
                name="reason"
                label={t("siteCases.actions.closeReason")}
                required
                value={formValue("close", "reason", closeReasons[0])}
                errors={errorsFor("close")}
                options={closeReasons.map((reason) => ({
                  value: reason,
                  label: siteCloseReasonLabel(t, reason),
                }))}
              />
              <Field
                name="message"
                label={t("siteCases.actions.closeMessage")}
                hint={t("siteCases.actions.closeMessageHint")}
                multiline
                rows={3}
                required
                value={formValue("close", "message")}
                errors={errorsFor("close")}
              />
              <SubmitButton variant="danger">{t("siteCases.actions.close")}</SubmitButton>
            </form>
          ) : null}
          {deskActions.markUnreachable ? (
            <form method="post" action={`${base}/mark-unreachable`} class="stack">
              <h3>{t("siteCases.actions.markUnreachable")}</h3>
              <p>{t("siteCases.actions.markUnreachableLead")}</p>
              <CsrfField token={page.csrfToken} />
              <SubmitButton variant="secondary">
                {t("siteCases.actions.markUnreachable")}
              </SubmitButton>
            </form>
          ) : null}
          {deskActions.requestAnalysis ? (
            <form method="post" action={`${base}/analysis-requests`} class="stack" noValidate>
              <h3>{t("siteCases.actions.requestAnalysis")}</h3>
              <CsrfField token={page.csrfToken} />
              {/* Not "reason": the close form on this page has a field of that name (ids). */}
              <Field
                name="analysisReason"
                label={t("siteCases.actions.requestAnalysisReason")}
                hint={t("siteCases.actions.requestAnalysisHint")}
                multiline
                rows={2}
                value={formValue("analysis", "analysisReason")}
                errors={errorsFor("analysis")}
              />
              <SubmitButton variant="secondary">
                {t("siteCases.actions.requestAnalysis")}
              </SubmitButton>
            </form>
          ) : null}
        </Section>
      ) : null}

      <Section
        id="site-case-messages"
        title={operator ? t("siteCases.messages.heading") : t("siteCases.messages.headingDesk")}
      >
        {props.messages === null ? (
          <Notice kind="info">
            <p>{t("siteCases.messages.hidden")}</p>
          </Notice>
        ) : (
          <>
            {props.messages.length === 0 ? (
              <p>{t("siteCases.messages.empty")}</p>
            ) : (
              <ol class="message-thread">
                {props.messages.map((message) => (
                  <li key={message.id}>
                    <p>
                      <strong>{t(`siteCases.messages.from.${message.from}` as MessageKey)}</strong>{" "}
                      <DateTime value={message.createdAt} language={language} />
                    </p>
                    <Paragraphs text={message.body} />
                  </li>
                ))}
              </ol>
            )}
            {open && (mayAct || props.confidential) ? (
              <form method="post" action={`${base}/messages`} class="stack" noValidate>
                <CsrfField token={page.csrfToken} />
                <Field
                  name="body"
                  label={t("siteCases.messages.body")}
                  hint={t("siteCases.messages.bodyHint")}
                  multiline
                  rows={4}
                  required
                  value={formValue("message", "body")}
                  errors={errorsFor("message")}
                />
                <SubmitButton variant="secondary">{t("siteCases.messages.send")}</SubmitButton>
              </form>
            ) : null}
          </>
        )}
      </Section>
    </Layout>
  );
}
