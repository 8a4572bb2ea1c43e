import type { SiteCaseView } from "../../../modules/site-cases/site-cases.schemas.ts";
import { formatInstant, type MessageKey } from "../../../platform/i18n/i18n.ts";
import {
  FIX_METHODS,
  SITE_CLOSE_REASONS,
  type SiteCaseStatus,
  type SiteCloseReason,
  siteCaseTransitions,
} from "../../../workflow/site-case/index.ts";
import { targets } from "../../../workflow/transitions.ts";
import { Paragraphs } from "../../components/message-thread.tsx";
import { CsrfField, Field, SelectField, SubmitButton } from "../../components.tsx";
import type { PageContext } from "../../layout.tsx";
import { Section } from "../reports/shared.tsx";
import { type FormState, fixMethodLabel, siteCloseReasonLabel } from "./shared.tsx";

/** Whether the site-case machine lets a case in this status take this command (its transition table). */
function allowed(status: SiteCaseStatus, on: string): boolean {
  return targets(siteCaseTransitions, status, on).length > 0;
}

/**
 * The reasons the desk may close a case with in this status: the one that names where it stands
 * first, closing after a warning last.
 */
export function closeReasonsFor(status: SiteCaseStatus): SiteCloseReason[] {
  return SITE_CLOSE_REASONS.filter((reason) => allowed(status, `close (${reason})`)).sort(
    (a, b) => Number(a === "closed_after_warning") - Number(b === "closed_after_warning"),
  );
}

/** What the viewer is expected to do next, or what the desk waits for. */
export function expectedNext(page: PageContext, view: SiteCaseView, operator: boolean): string {
  const { t, language } = page;
  const status = view.status ?? "operator_notified";
  if (!operator) return t(`siteCases.deskNext.${status}` as MessageKey);
  if (status !== "operator_notified") return t(`siteCases.expected.${status}` as MessageKey);
  return view.acknowledgementDueAt
    ? t("siteCases.expected.operator_notified", {
        due: formatInstant(new Date(view.acknowledgementDueAt), language),
      })
    : t("siteCases.expected.operator_notifiedNoDue");
}

interface ActionsProps {
  page: PageContext;
  view: SiteCaseView;
  /** The case page's path, below which each form posts. */
  base: string;
  form: FormState;
}

/** The operator's answers: acknowledge, the result, analysis requests, a leak notice. */
export function OperatorActions(props: ActionsProps) {
  const { page, view, base, form } = props;
  const { t } = page;
  const status = view.status ?? "operator_notified";
  const pending = view.analysisRequests.filter((request) => request.status === "pending");
  const operatorActions = {
    acknowledge: allowed(status, "acknowledge"),
    result: allowed(status, "report_result (fixed)"),
    analysis: status !== "closed" && pending.length > 0,
    leakNotice: true,
  };
  return (
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
            value={form.value("result", "result", "fixed")}
            errors={form.errorsFor("result")}
            options={[
              { value: "fixed", label: t("siteCases.result.fixed") },
              { value: "not_vulnerable", label: t("siteCases.result.not_vulnerable") },
            ]}
          />
          <SelectField
            name="fixMethod"
            label={t("siteCases.actions.fixMethodField")}
            hint={t("siteCases.actions.fixMethodHint")}
            value={form.value("result", "fixMethod", "app_fixed")}
            errors={form.errorsFor("result")}
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
            value={form.value("result", "details")}
            errors={form.errorsFor("result")}
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
        <details open={form.isSent("leakNotice")}>
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
              value={form.value("leakNotice", "summary")}
              errors={form.errorsFor("leakNotice")}
            />
            <Field
              name="period"
              label={t("siteCases.actions.leak.period")}
              hint={t("siteCases.actions.leak.periodHint")}
              required
              value={form.value("leakNotice", "period")}
              errors={form.errorsFor("leakNotice")}
            />
            <Field
              name="affectedCount"
              label={t("siteCases.actions.leak.affectedCount")}
              type="number"
              inputMode="numeric"
              required
              value={form.value("leakNotice", "affectedCount")}
              errors={form.errorsFor("leakNotice")}
            />
            <Field
              name="dataKinds"
              label={t("siteCases.actions.leak.dataKinds")}
              hint={t("siteCases.actions.leak.dataKindsHint")}
              multiline
              rows={3}
              required
              value={form.value("leakNotice", "dataKinds")}
              errors={form.errorsFor("leakNotice")}
            />
            <Field
              name="cause"
              label={t("siteCases.actions.leak.cause")}
              multiline
              rows={3}
              required
              value={form.value("leakNotice", "cause")}
              errors={form.errorsFor("leakNotice")}
            />
            <Field
              name="contact"
              label={t("siteCases.actions.leak.contact")}
              required
              value={form.value("leakNotice", "contact")}
              errors={form.errorsFor("leakNotice")}
            />
            <SubmitButton variant="danger">{t("siteCases.actions.leak.submit")}</SubmitButton>
          </form>
        </details>
      ) : null}
    </Section>
  );
}

/** The desk's decisions: close the case, mark the operator unreachable, ask to analyse. */
export function DeskActions(props: ActionsProps) {
  const { page, view, base, form } = props;
  const { t } = page;
  const status = view.status ?? "operator_notified";
  const closeReasons = closeReasonsFor(status);
  const deskActions = {
    markUnreachable: allowed(status, "mark_unreachable"),
    close: closeReasons.length > 0,
    requestAnalysis: status !== "closed",
  };
  return (
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
            value={form.value("close", "reason", closeReasons[0])}
            errors={form.errorsFor("close")}
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
            value={form.value("close", "message")}
            errors={form.errorsFor("close")}
          />
          <SubmitButton variant="danger">{t("siteCases.actions.close")}</SubmitButton>
        </form>
      ) : null}
      {deskActions.markUnreachable ? (
        <form method="post" action={`${base}/mark-unreachable`} class="stack">
          <h3>{t("siteCases.actions.markUnreachable")}</h3>
          <p>{t("siteCases.actions.markUnreachableLead")}</p>
          <CsrfField token={page.csrfToken} />
          <SubmitButton variant="secondary">{t("siteCases.actions.markUnreachable")}</SubmitButton>
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
            value={form.value("analysis", "analysisReason")}
            errors={form.errorsFor("analysis")}
          />
          <SubmitButton variant="secondary">{t("siteCases.actions.requestAnalysis")}</SubmitButton>
        </form>
      ) : null}
    </Section>
  );
}
