import type { TaskSection } from "../../../modules/analysis-tasks/analysis-tasks.service.ts";
import { caseActions } from "../../../modules/cases/actions/index.ts";
import type { CaseViewer } from "../../../modules/cases/cases.policy.ts";
import { nextSteps } from "../../../modules/cases/next-steps.ts";
import type { PrioritySummary } from "../../../modules/priority/priority.summary.ts";
import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import type { WorkflowPolicy } from "../../../workflow/policy.ts";
import { GeneratedActionForms } from "../../components/action-forms.tsx";
import { DateTime, ErrorSummary, Notice } from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import { OutsideAnalysisSection } from "../analysis-shares/case-section.tsx";
import { AnalysisTaskSection } from "../analysis-tasks/task-section.tsx";
import { CasePrioritySection } from "../priority/summary-section.tsx";
import { CaseRiskSection } from "../risk/risk-section.tsx";
import { AdvisoryBody } from "./advisory-section.tsx";
import { CaseSection } from "./case-layout.tsx";
import { CASE_SECTIONS, CaseTop } from "./case-top.tsx";
import { ContentSection } from "./content-section.tsx";
import {
  AddVendorAction,
  AssignAction,
  CloseAction,
  CommitteeAction,
  type CoordinatorActionProps,
  type CoordinatorTools,
  DecideAction,
  ReferAction,
  ScheduleAction,
  UnreachableAction,
  UnresponsiveAction,
} from "./coordinator-actions.tsx";
import { HistoryBody } from "./history-section.tsx";
import { MessageAction, MessagesThread } from "./messages-section.tsx";
import { DirectContactsSection, ParticipantBlock } from "./participants-section.tsx";
import { ScheduleBody } from "./schedule-section.tsx";
import {
  ACTIVE_STATUSES,
  type CaseForm,
  type CaseMessage,
  type CaseView,
  caseStatusLabel,
  Row,
  sourceLabel,
} from "./shared.tsx";
import {
  AcknowledgeAction,
  CountermeasureAction,
  MembersAction,
  OthersAction,
  ScheduleRequestAction,
  StatementAction,
  StatusAction,
  TrackingAction,
  type VendorActionProps,
  type VendorTools,
} from "./vendor-actions.tsx";

/**
 * The case page: one component for every viewer; the service decided what the view holds. It
 * leads with the case's state and this viewer's next step, then the case in sections (overview,
 * vendors, schedule, messages, advisory, history), each with its actions beside it.
 */
export function CasePage(props: {
  page: PageContext;
  view: CaseView;
  viewer: CaseViewer;
  messages: CaseMessage[];
  policy: WorkflowPolicy;
  now: Date;
  userId: string;
  notice: MessageKey | null;
  form: CaseForm | null;
  coordinator?: CoordinatorTools | undefined;
  vendor?: VendorTools | undefined;
  /** The desk: the coordinator's messages for the finder waiting to be relayed. */
  finderMessagesToRelay?: { reportId: string; count: number } | null;
  /** The analysis tasks and findings as this viewer may see them (R-ANA-1); null: none. */
  analysisTasks?: TaskSection | null;
  /** The priority provisions in short, as this viewer may see them (R-PRI-5); null: none. */
  priority?: PrioritySummary | null;
}) {
  const { page, view, viewer, form } = props;
  const { t, language } = page;
  const base = `/cases/${encodeURIComponent(view.id)}`;
  const errors = form?.errors ?? [];
  const names = new Map(view.participants.map((p) => [p.organizationId, p.name ?? ""]));
  const active = view.status !== null && ACTIVE_STATUSES.includes(view.status);
  const isCoordinator = viewer.kind === "coordinator";
  const isVendor = viewer.kind === "vendor";
  const title = errors.length > 0 ? t("casePages.errorTitle", { title: view.title }) : view.title;
  const members = new Map((props.coordinator?.members ?? []).map((m) => [m.userId, m.name]));
  const last = props.messages.at(-1);
  // The thread waits for this viewer when its latest message came from the other side.
  const awaitingReply =
    last !== undefined &&
    (isCoordinator ? last.from !== "coordinator" : last.from === "coordinator");
  const steps = nextSteps(
    view,
    { kind: viewer.kind, userId: props.userId },
    {
      now: props.now,
      awaitingReply,
      finderMessagesToRelay: props.finderMessagesToRelay ?? null,
    },
  );
  const stepAnchors = new Set(steps.map((step) => step.anchor));
  const unfold = (id: string, formName: string) => stepAnchors.has(id) || form?.name === formName;
  const sectionTitle = (id: string) =>
    t(CASE_SECTIONS.find((section) => section.id === id)?.title ?? "casePages.section.overview");

  const coordinator: CoordinatorActionProps | null =
    isCoordinator && props.coordinator && active
      ? { page, view, base, form, tools: props.coordinator, unfold }
      : null;
  const own = view.participants[0];
  const vendor: VendorActionProps | null =
    isVendor && props.vendor && own
      ? { page, view, own, base, active, form, tools: props.vendor, unfold }
      : null;
  const generated = (section?: string) =>
    active ? (
      <GeneratedActionForms
        {...(section
          ? { section }
          : { id: "case-more-actions", title: t("casePages.actions.more") })}
        t={t}
        csrfToken={page.csrfToken}
        base={base}
        viewerKind={viewer.kind}
        record={view}
        table={caseActions}
        sent={form}
      />
    ) : null;

  return (
    <Layout page={page} title={title}>
      <p class="case-back">
        <a href="/cases">{t("casePages.backToList")}</a>
      </p>
      <h1 class="case-title">{view.title}</h1>
      {props.notice ? (
        <Notice kind="success">
          <p>{t(props.notice)}</p>
        </Notice>
      ) : null}
      <ErrorSummary title={t("casePages.error.summary")} errors={errors} />

      <CaseTop
        page={page}
        view={view}
        viewer={viewer}
        steps={steps}
        policy={props.policy}
        now={props.now}
        names={names}
      />

      <CaseSection
        id="case-overview"
        title={sectionTitle("case-overview")}
        actions={
          <>
            {coordinator ? <AssignAction {...coordinator} /> : null}
            {coordinator ? <CloseAction {...coordinator} /> : null}
            {vendor ? <TrackingAction {...vendor} /> : null}
            {vendor ? <MembersAction {...vendor} /> : null}
            {generated()}
          </>
        }
      >
        <dl class="report-summary">
          <Row label={t("casePages.detail.source")}>{sourceLabel(t, view.source)}</Row>
          <Row label={t("casePages.detail.openedAt")}>
            <DateTime value={view.openedAt} language={language} />
          </Row>
          {isVendor ? null : (
            <Row label={t("casePages.detail.firstContactAt")}>
              {view.firstContactAt ? (
                <DateTime value={view.firstContactAt} language={language} />
              ) : (
                t("casePages.detail.notYetContacted")
              )}
            </Row>
          )}
          {isCoordinator ? (
            <Row label={t("casePages.detail.handler")}>
              {!view.assigneeUserId
                ? t("casePages.list.assignee.none")
                : view.assigneeUserId === props.userId
                  ? t("casePages.list.assignee.me")
                  : (members.get(view.assigneeUserId) ?? t("casePages.list.assignee.other"))}
            </Row>
          ) : null}
          {viewer.kind === "intake" && view.reportId ? (
            <Row label={t("casePages.detail.report")}>
              <a href={`/reports/${encodeURIComponent(view.reportId)}`}>
                {t("casePages.detail.reportLink")}
              </a>
            </Row>
          ) : null}
          {view.publishedAt ? (
            <Row label={t("casePages.detail.publishedAt")}>
              <DateTime value={view.publishedAt} language={language} />
            </Row>
          ) : null}
          {view.closure ? (
            <Row label={t("casePages.detail.closure")}>
              {t("casePages.detail.closedOn", { reason: caseStatusLabel(t, view.status) })}{" "}
              <DateTime value={view.closure.at} language={language} />
              {view.closure.duplicateOf ? ` (${view.closure.duplicateOf})` : ""}
            </Row>
          ) : null}
        </dl>
        <ContentSection page={page} view={view} />
      </CaseSection>

      <CaseSection
        id="case-vendors"
        title={isVendor ? t("casePages.participants.own") : sectionTitle("case-vendors")}
        actionsUnder
        actions={
          <>
            {vendor ? <AcknowledgeAction {...vendor} /> : null}
            {vendor ? <StatusAction {...vendor} /> : null}
            {vendor ? <CountermeasureAction {...vendor} /> : null}
            {vendor ? <OthersAction {...vendor} /> : null}
            {coordinator ? <AddVendorAction {...coordinator} /> : null}
            {generated("vendors")}
            {coordinator ? <UnresponsiveAction {...coordinator} /> : null}
            {coordinator ? <UnreachableAction {...coordinator} /> : null}
            {coordinator ? <ReferAction {...coordinator} /> : null}
          </>
        }
      >
        {view.participants.length === 0 ? (
          <p>{t("casePages.participants.none")}</p>
        ) : (
          view.participants.map((participant) => (
            <ParticipantBlock
              key={participant.organizationId}
              page={page}
              participant={participant}
              isCoordinator={isCoordinator}
              isVendor={isVendor}
              mayNotify={isCoordinator && active && participant.status === "identified"}
              ndaStatus={props.coordinator?.nda}
              base={base}
            />
          ))
        )}
        {isCoordinator && view.othersAffected && view.othersAffected.length > 0 ? (
          <section id="case-others-affected" aria-labelledby="case-others-affected-heading">
            <h3 id="case-others-affected-heading">{t("casePages.othersAffected.heading")}</h3>
            <ul>
              {view.othersAffected.map((entry) => (
                <li key={`${entry.organizationId}-${entry.at}`}>
                  <strong>{entry.vendorName}</strong> ({names.get(entry.organizationId) ?? ""},{" "}
                  <DateTime value={entry.at} language={language} />
                  ): {entry.reason}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {isCoordinator || viewer.kind === "intake" ? (
          <DirectContactsSection
            page={page}
            view={view}
            viewer={viewer}
            names={names}
            base={base}
            active={active}
          />
        ) : null}
      </CaseSection>

      <CaseSection
        id="case-schedule"
        title={sectionTitle("case-schedule")}
        actions={
          <>
            {coordinator ? <DecideAction {...coordinator} /> : null}
            {coordinator ? <ScheduleAction {...coordinator} /> : null}
            {vendor ? <ScheduleRequestAction {...vendor} /> : null}
            {generated("schedule")}
          </>
        }
      >
        <ScheduleBody
          page={page}
          view={view}
          names={names}
          isCoordinator={isCoordinator}
          policy={props.policy}
          now={props.now}
        />
      </CaseSection>
      <CasePrioritySection page={page} summary={props.priority ?? null} />
      <CaseRiskSection page={page} view={view} form={form} />

      <CaseSection
        id="case-messages"
        title={sectionTitle("case-messages")}
        actions={
          active ? (
            <>
              <MessageAction page={page} view={view} viewer={viewer} form={form} base={base} />
              {generated("messages")}
            </>
          ) : null
        }
      >
        <MessagesThread page={page} viewer={viewer} messages={props.messages} names={names} />
      </CaseSection>

      <CaseSection
        id="case-advisory"
        title={sectionTitle("case-advisory")}
        actions={
          <>
            {coordinator ? <CommitteeAction {...coordinator} /> : null}
            {vendor ? <StatementAction {...vendor} /> : null}
            {generated("advisory")}
          </>
        }
      >
        <AdvisoryBody page={page} view={view} isCoordinator={isCoordinator} />
      </CaseSection>

      <OutsideAnalysisSection page={page} caseId={view.id} viewer={viewer} />

      <AnalysisTaskSection page={page} section={props.analysisTasks} />

      <CaseSection id="case-history" title={sectionTitle("case-history")}>
        <HistoryBody page={page} view={view} />
      </CaseSection>
    </Layout>
  );
}
