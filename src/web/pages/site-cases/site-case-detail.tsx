import type {
  SiteCaseMessage,
  SiteCaseView,
} from "../../../modules/site-cases/site-cases.schemas.ts";
import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import { ErrorSummary, Notice } from "../../components.tsx";
import type { SentForm } from "../../form-action.ts";
import { Layout, type PageContext } from "../../layout.tsx";
import { SiteOutsideAnalysisSection } from "../analysis-shares/site-case-shares.tsx";
import { Section } from "../reports/shared.tsx";
import { formState } from "./shared.tsx";
import { DeskActions, expectedNext, OperatorActions } from "./site-case-actions.tsx";
import { MessagesSection } from "./site-case-messages.tsx";
import {
  AnalysisSection,
  HistorySection,
  LeakNoticesSection,
  ReportSection,
  SummarySection,
} from "./site-case-sections.tsx";

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
  /** A form of the page that was sent and came back refused (its values kept). */
  form: SentForm | null;
}) {
  const { page, view, operator, mayAct } = props;
  const { t } = page;
  const base = `/site-cases/${encodeURIComponent(view.id)}`;
  const errors = props.form?.errors ?? [];
  const form = formState(props.form);
  const open = view.status !== "closed";
  const title = `${view.title} — ${t("siteCases.detail.lead", { reference: view.reference })}`;
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
        <p id="site-case-expected-text">{expectedNext(page, view, operator)}</p>
      </Section>

      <SummarySection page={page} view={view} operator={operator} />
      <ReportSection page={page} view={view} operator={operator} />
      <HistorySection page={page} view={view} />
      <AnalysisSection page={page} view={view} />
      <LeakNoticesSection page={page} view={view} />
      <SiteOutsideAnalysisSection page={page} siteCaseId={view.id} />

      {mayAct && operator ? (
        <OperatorActions page={page} view={view} base={base} form={form} />
      ) : null}
      {mayAct && !operator ? <DeskActions page={page} view={view} base={base} form={form} /> : null}

      <MessagesSection
        page={page}
        base={base}
        operator={operator}
        messages={props.messages}
        mayWrite={open && (mayAct || props.confidential)}
        form={form}
      />
    </Layout>
  );
}
