import { caseActions } from "../../../modules/cases/actions/index.ts";
import type { CaseViewer } from "../../../modules/cases/cases.policy.ts";
import type { MessageKey, Translate } from "../../../platform/i18n/i18n.ts";
import type { WorkflowPolicy } from "../../../workflow/policy.ts";
import { GeneratedActionForms } from "../../components/action-forms.tsx";
import { DateTime, ErrorSummary, Notice } from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import { Section } from "../reports/shared.tsx";
import { ContentSection } from "./content-section.tsx";
import { CoordinatorActions, type CoordinatorTools } from "./coordinator-actions.tsx";
import { MessagesSection } from "./messages-section.tsx";
import { DirectContactsSection, ParticipantBlock } from "./participants-section.tsx";
import { ScheduleSection } from "./schedule-section.tsx";
import {
  ACTIVE_STATUSES,
  type CaseForm,
  type CaseMessage,
  type CaseView,
  caseStatusLabel,
  DeadlineText,
  deadlineSpan,
  Row,
  sourceLabel,
} from "./shared.tsx";
import { VendorActions, type VendorTools } from "./vendor-actions.tsx";

/** The case page: one component for every viewer; the service decided what the view holds. */
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
}) {
  const { page, view, viewer, policy, form } = props;
  const { t, language } = page;
  const base = `/cases/${encodeURIComponent(view.id)}`;
  const errors = form?.errors ?? [];
  const names = new Map(view.participants.map((p) => [p.organizationId, p.name ?? ""]));
  const active = view.status !== null && ACTIVE_STATUSES.includes(view.status);
  const isCoordinator = viewer.kind === "coordinator";
  const isVendor = viewer.kind === "vendor";
  const title = errors.length > 0 ? t("casePages.errorTitle", { title: view.title }) : view.title;
  const members = new Map((props.coordinator?.members ?? []).map((m) => [m.userId, m.name]));

  return (
    <Layout page={page} title={title}>
      <p>
        <a href="/cases">{t("casePages.backToList")}</a>
      </p>
      <h1>{view.title}</h1>
      <p class="lead">
        {t("casePages.detail.lead", {
          status: caseStatusLabel(t, view.status),
          source: sourceLabel(t, view.source),
        })}
      </p>
      {props.notice ? (
        <Notice kind="success">
          <p>{t(props.notice)}</p>
        </Notice>
      ) : null}
      <ErrorSummary title={t("casePages.error.summary")} errors={errors} />

      <Section id="case-summary" title={t("casePages.detail.summary")}>
        <dl class="report-summary">
          <Row label={t("casePages.detail.caseNumber")}>
            <span class="mono" id="case-number">
              {view.caseNumber}
            </span>
          </Row>
          <Row label={t("casePages.detail.status")}>
            <strong id="case-status">{caseStatusLabel(t, view.status)}</strong>
          </Row>
          <Row label={t("casePages.detail.source")}>{sourceLabel(t, view.source)}</Row>
          <Row label={t("casePages.detail.openedAt")}>
            <DateTime value={view.openedAt} language={language} />
          </Row>
          <Row label={t("casePages.detail.firstContactAt")}>
            {view.firstContactAt ? (
              <DateTime value={view.firstContactAt} language={language} />
            ) : (
              t("casePages.detail.notYetContacted")
            )}
          </Row>
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
          {isCoordinator || view.advisory?.advisoryId ? (
            <Row label={t("advisories.caseLink.label")}>
              <AdvisoryLinks
                t={t}
                caseId={view.id}
                coordinator={isCoordinator}
                advisoryId={view.advisory?.advisoryId ?? null}
                published={view.publishedAt !== null}
              />
            </Row>
          ) : null}
          {view.publishedAt ? (
            <Row label={t("casePages.detail.publishedAt")}>
              <DateTime value={view.publishedAt} language={language} />
            </Row>
          ) : null}
          {view.closure ? (
            <Row label={t("casePages.detail.closure")}>
              {t("casePages.detail.closedOn", {
                reason: caseStatusLabel(t, view.status),
              })}{" "}
              <DateTime value={view.closure.at} language={language} />
              {view.closure.duplicateOf ? ` (${view.closure.duplicateOf})` : ""}
            </Row>
          ) : null}
          {isCoordinator && view.committee ? (
            <Row label={t("casePages.detail.committee")}>
              {view.committee.decision === "publish"
                ? t("casePages.committee.publish")
                : t("casePages.committee.do_not_publish")}{" "}
              <DateTime value={view.committee.at} language={language} />
            </Row>
          ) : null}
        </dl>
      </Section>

      <Section id="case-deadlines" title={t("casePages.deadlines.heading")}>
        <p>
          <DeadlineText
            t={t}
            language={language}
            policy={policy}
            deadline={view.nextDeadline}
            now={props.now}
            names={isCoordinator ? names : undefined}
          />
        </p>
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
      </Section>

      <ScheduleSection page={page} view={view} names={names} isCoordinator={isCoordinator} />

      <Section
        id="case-participants"
        title={isVendor ? t("casePages.participants.own") : t("casePages.participants.heading")}
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
              base={base}
            />
          ))
        )}
      </Section>

      {isCoordinator && view.disclosurePlans && view.disclosurePlans.length > 0 ? (
        <Section id="case-disclosure-plans" title={t("casePages.disclosurePlans.heading")}>
          <ul>
            {view.disclosurePlans.map((plan) => (
              <li key={plan.id}>
                <DateTime value={plan.plannedAt} language={language} /> — {plan.venue}
                {plan.beforePublication ? (
                  <>
                    {" "}
                    <strong>{t("casePages.disclosurePlans.beforePublication")}</strong>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {isCoordinator && view.othersAffected && view.othersAffected.length > 0 ? (
        <Section id="case-others-affected" title={t("casePages.othersAffected.heading")}>
          <ul>
            {view.othersAffected.map((entry) => (
              <li key={`${entry.organizationId}-${entry.at}`}>
                <strong>{entry.vendorName}</strong> ({names.get(entry.organizationId) ?? ""},{" "}
                <DateTime value={entry.at} language={language} />
                ): {entry.reason}
              </li>
            ))}
          </ul>
        </Section>
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

      <ContentSection page={page} view={view} />

      <MessagesSection
        page={page}
        view={view}
        viewer={viewer}
        messages={props.messages}
        names={names}
        form={form}
        base={base}
        active={active}
      />

      {isCoordinator && props.coordinator ? (
        <CoordinatorActions
          page={page}
          view={view}
          base={base}
          active={active}
          form={form}
          tools={props.coordinator}
        />
      ) : null}
      {isVendor && props.vendor ? (
        <VendorActions
          page={page}
          view={view}
          base={base}
          active={active}
          form={form}
          tools={props.vendor}
        />
      ) : null}
      {active ? (
        <GeneratedActionForms
          id="case-more-actions"
          title={t("casePages.actions.more")}
          t={t}
          csrfToken={page.csrfToken}
          base={base}
          viewerKind={viewer.kind}
          record={view}
          table={caseActions}
          sent={form}
        />
      ) : null}
    </Layout>
  );
}

function AdvisoryLinks(props: {
  t: Translate;
  caseId: string;
  coordinator: boolean;
  advisoryId: string | null;
  published: boolean;
}) {
  const { t } = props;
  const base = `/cases/${encodeURIComponent(props.caseId)}/advisory`;
  return (
    <ul class="inline-list">
      {props.advisoryId ? <li class="mono">{props.advisoryId}</li> : null}
      {props.coordinator ? (
        <li>
          <a href={base}>{t("advisories.caseLink.write")}</a>
        </li>
      ) : null}
      {props.advisoryId && !props.published ? (
        <li>
          <a href={`${base}/preview`}>{t("advisories.caseLink.preview")}</a>
        </li>
      ) : null}
      {props.advisoryId && props.published ? (
        <li>
          <a href={`/advisories/${encodeURIComponent(props.advisoryId)}`}>
            {t("advisories.caseLink.public")}
          </a>
        </li>
      ) : null}
    </ul>
  );
}
