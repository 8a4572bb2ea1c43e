import type { ComponentChildren } from "preact";
import { caseActions } from "../../../modules/cases/actions/index.ts";
import type { CaseViewer } from "../../../modules/cases/cases.policy.ts";
import type { MessageKey, Translate } from "../../../platform/i18n/i18n.ts";
import type { WorkflowPolicy } from "../../../workflow/policy.ts";
import { GeneratedActionForms } from "../../components/action-forms.tsx";
import {
  CsrfField,
  DateTime,
  ErrorSummary,
  Field,
  Notice,
  SelectField,
  SubmitButton,
} from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import { DataTable } from "../directory/shared.tsx";
import { Paragraphs, Section } from "../reports/shared.tsx";
import { CoordinatorActions, type CoordinatorTools } from "./coordinator-actions.tsx";
import {
  ACTIVE_STATUSES,
  type CaseForm,
  type CaseMessage,
  type CaseView,
  caseStatusLabel,
  countermeasureLabel,
  DeadlineText,
  deadlineSpan,
  errorsOf,
  expectedOf,
  formValue,
  type ParticipantView,
  participantStatusLabel,
  requestStatusLabel,
  setByLabel,
  sourceLabel,
} from "./shared.tsx";
import { VendorActions, type VendorTools } from "./vendor-actions.tsx";

function Row(props: { label: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </>
  );
}

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
          table={caseActions}
          sent={form}
        />
      ) : null}
    </Layout>
  );
}

function ScheduleSection(props: {
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

function ParticipantBlock(props: {
  page: PageContext;
  participant: ParticipantView;
  isCoordinator: boolean;
  isVendor: boolean;
  mayNotify: boolean;
  base: string;
}) {
  const { page, participant: p, isCoordinator } = props;
  const { t, language } = page;
  const headingId = `participant-${p.organizationId}`;
  const countermeasures = p.countermeasures ?? [];
  // What is expected of the vendor next, told to the vendor itself.
  const expected = props.isVendor
    ? p.status === "affected" && countermeasures.length > 0
      ? t("casePages.expected.affectedReady")
      : expectedOf(t, p.status)
    : null;
  return (
    <section class="participant" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {isCoordinator ? (
          <a href={`/directory/${encodeURIComponent(p.organizationId)}`}>{p.name}</a>
        ) : (
          p.name
        )}
      </h3>
      <dl class="report-summary">
        <Row label={t("casePages.participants.status")}>
          <strong class="participant-status">{participantStatusLabel(t, p.status)}</strong>
          {expected ? <span class="hint-inline">{expected}</span> : null}
        </Row>
        <Row label={t("casePages.participants.addedAt")}>
          <DateTime value={p.addedAt} language={language} />
        </Row>
        <Row label={t("casePages.participants.firstContactAt")}>
          {p.firstContactAt ? (
            <DateTime value={p.firstContactAt} language={language} />
          ) : (
            t("casePages.detail.notYetContacted")
          )}
        </Row>
        {p.acknowledgedAt ? (
          <Row label={t("casePages.participants.acknowledgedAt")}>
            <DateTime value={p.acknowledgedAt} language={language} />
          </Row>
        ) : null}
        {p.unresponsiveSince ? (
          <Row label={t("casePages.participants.unresponsiveSince")}>
            <DateTime value={p.unresponsiveSince} language={language} />
          </Row>
        ) : null}
        {isCoordinator ? (
          <Row label={t("casePages.participants.nda")}>
            {p.ndaOnFile
              ? t("casePages.participants.ndaOnFile")
              : t("casePages.participants.noNda")}
          </Row>
        ) : null}
        {p.trackingId !== undefined ? (
          <Row label={t("casePages.participants.trackingId")}>
            {p.trackingId ? <span class="mono">{p.trackingId}</span> : t("casePages.none")}
          </Row>
        ) : null}
        {p.statement !== undefined ? (
          <Row label={t("casePages.participants.statement")}>
            {p.statement ? (
              <>
                <Paragraphs text={p.statement.text} />
                {p.statement.advisoryUrl ? (
                  <p>
                    {t("casePages.statement.advisoryUrl")}: {p.statement.advisoryUrl}
                  </p>
                ) : null}
                {p.statement.contact ? (
                  <p>
                    {t("casePages.statement.contact")}: {p.statement.contact}
                  </p>
                ) : null}
              </>
            ) : (
              t("casePages.none")
            )}
          </Row>
        ) : null}
      </dl>
      {countermeasures.length > 0 ? (
        <DataTable
          id={`countermeasures-${p.organizationId}`}
          caption={t("casePages.countermeasure.caption", { name: p.name ?? "" })}
        >
          <thead>
            <tr>
              <th scope="col">{t("casePages.countermeasure.type")}</th>
              <th scope="col">{t("casePages.countermeasure.description")}</th>
              <th scope="col">{t("casePages.countermeasure.affectedVersions")}</th>
              <th scope="col">{t("casePages.countermeasure.fixedVersions")}</th>
              <th scope="col">{t("casePages.countermeasure.url")}</th>
              <th scope="col">{t("casePages.countermeasure.addedAt")}</th>
            </tr>
          </thead>
          <tbody>
            {countermeasures.map((c) => (
              <tr key={c.id}>
                <td>{countermeasureLabel(t, c.type)}</td>
                <td>
                  <Paragraphs text={c.description} />
                </td>
                <td>{c.affectedVersions.join(", ")}</td>
                <td>{c.fixedVersions.join(", ")}</td>
                <td>{c.url ?? ""}</td>
                <td>
                  <DateTime value={c.createdAt} language={language} />
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : p.countermeasures !== undefined && p.status === "affected" ? (
        <p>{t("casePages.countermeasure.none")}</p>
      ) : null}
      {props.mayNotify ? (
        <form
          method="post"
          action={`${props.base}/vendors/${encodeURIComponent(p.organizationId)}/notify`}
          class="stack"
        >
          <CsrfField token={page.csrfToken} />
          {!p.ndaOnFile ? <p class="hint">{t("casePages.notify.ndaHint")}</p> : null}
          <SubmitButton>{t("casePages.notify.submit", { name: p.name ?? "" })}</SubmitButton>
        </form>
      ) : null}
    </section>
  );
}

const CONTACT_STATUS: Record<string, MessageKey> = {
  pending: "contactPages.approve.status.pending",
  open: "contactPages.approve.status.open",
  closed: "contactPages.approve.status.closed",
};

/**
 * R-COO-6: vendors' requests to talk to the finder, for the coordinator and the desk, each with
 * an approve button while it waits for this viewer's approval (the service decides the rest).
 */
function DirectContactsSection(props: {
  page: PageContext;
  view: CaseView;
  viewer: CaseViewer;
  names: Map<string, string>;
  base: string;
  active: boolean;
}) {
  const { page, view, viewer, names } = props;
  const { t } = page;
  const requests = view.directContacts ?? [];
  if (requests.length === 0) return null;
  const approvedByViewer = (request: (typeof requests)[number]) =>
    viewer.kind === "coordinator" ? request.coordinatorApproved : request.intakeApproved;
  const approval = (approved: boolean) =>
    approved ? t("contactPages.approve.yes") : t("contactPages.approve.no");
  return (
    <Section id="case-direct-contacts" title={t("contactPages.approve.heading")}>
      <p>{t("contactPages.approve.lead")}</p>
      <DataTable id="direct-contact-requests" caption={t("contactPages.approve.caption")}>
        <thead>
          <tr>
            <th scope="col">{t("contactPages.approve.column.vendor")}</th>
            <th scope="col">{t("contactPages.approve.column.status")}</th>
            <th scope="col">{t("contactPages.approve.column.coordinator")}</th>
            <th scope="col">{t("contactPages.approve.column.intake")}</th>
          </tr>
        </thead>
        <tbody>
          {requests.map((request) => {
            const name = names.get(request.organizationId) ?? "";
            const statusKey = CONTACT_STATUS[request.status];
            return (
              <tr key={request.id}>
                <th scope="row">
                  {name}
                  {props.active && request.status === "pending" && !approvedByViewer(request) ? (
                    <form
                      method="post"
                      action={`${props.base}/direct-contact-requests/${encodeURIComponent(request.id)}/approve`}
                    >
                      <CsrfField token={page.csrfToken} />
                      <SubmitButton variant="secondary">
                        {t("contactPages.approve.submit", { name })}
                      </SubmitButton>
                    </form>
                  ) : null}
                </th>
                <td>{statusKey ? t(statusKey) : request.status}</td>
                <td>{approval(request.coordinatorApproved)}</td>
                <td>{approval(request.intakeApproved)}</td>
              </tr>
            );
          })}
        </tbody>
      </DataTable>
    </Section>
  );
}

function ContentSection(props: { page: PageContext; view: CaseView }) {
  const { page, view } = props;
  const { t, language } = page;
  const report = view.report;
  const hasOpened = view.description !== undefined && view.description !== null;
  if (view.contentWithheld) {
    return (
      <Section id="case-content" title={t("casePages.content.heading")}>
        <p>{t("casePages.content.withheld")}</p>
      </Section>
    );
  }
  if (!report && !hasOpened) return null;
  return (
    <Section id="case-content" title={t("casePages.content.heading")}>
      {report ? (
        <dl class="report-summary">
          {report.receiptNumber ? (
            <Row label={t("casePages.content.receipt")}>
              <span class="mono">{report.receiptNumber}</span>
            </Row>
          ) : null}
          <Row label={t("casePages.content.receivedAt")}>
            <DateTime value={report.receivedAt} language={language} />
          </Row>
          <Row label={t("reports.field.productName")}>{report.productName ?? ""}</Row>
          <Row label={t("reports.field.productVersion")}>{report.productVersion ?? ""}</Row>
          {report.vendorName !== undefined ? (
            <Row label={t("reports.field.vendorName")}>
              {report.vendorName ?? t("casePages.none")}
            </Row>
          ) : null}
          {report.cwe ? <Row label={t("reports.field.cwe")}>{report.cwe}</Row> : null}
          {report.cvssVector ? (
            <Row label={t("reports.field.cvssVector")}>
              <span class="mono">{report.cvssVector}</span>
            </Row>
          ) : null}
          <Row label={t("reports.field.description")}>
            <Paragraphs text={report.description} />
          </Row>
          <Row label={t("reports.field.reproduction")}>
            <Paragraphs text={report.reproduction} />
          </Row>
          <Row label={t("reports.field.verificationMethod")}>
            {report.verificationMethod ? (
              <Paragraphs text={report.verificationMethod} />
            ) : (
              t("casePages.none")
            )}
          </Row>
          {report.attackMethod ? (
            <Row label={t("reports.field.attackMethod")}>
              <Paragraphs text={report.attackMethod} />
            </Row>
          ) : null}
          <Row label={t("casePages.content.finder")}>
            {view.finder
              ? `${view.finder.name} <${view.finder.email}>`
              : t("casePages.content.finderNotShared")}
          </Row>
          <Row label={t("casePages.content.credit")}>
            {view.credit ?? t("casePages.content.noCredit")}
          </Row>
        </dl>
      ) : (
        <dl class="report-summary">
          <Row label={t("reports.field.description")}>
            <Paragraphs text={view.description ?? ""} />
          </Row>
          {view.vendorNames && view.vendorNames.length > 0 ? (
            <Row label={t("casePages.content.vendorNames")}>{view.vendorNames.join(", ")}</Row>
          ) : null}
          {view.conditions ? (
            <Row label={t("casePages.content.conditions")}>
              <Paragraphs text={view.conditions} />
            </Row>
          ) : null}
        </dl>
      )}
    </Section>
  );
}

/** Who a message is from and to, in words the viewer may read. */
function addressLine(
  t: Translate,
  message: CaseMessage,
  viewer: CaseViewer,
  names: Map<string, string>,
): { from: string; to: string } {
  const party = (kind: string, orgId?: string | null) => {
    switch (kind) {
      case "coordinator":
        return t("casePages.messages.party.coordinator");
      case "intake":
        return t("casePages.messages.party.intake");
      case "csirt":
        return t("casePages.messages.party.csirt");
      case "finder":
        return t("casePages.messages.party.finder");
      case "vendors":
        return t("casePages.messages.party.vendors");
      case "vendor":
        if (viewer.kind === "vendor") return t("casePages.messages.party.yourOrganization");
        return (orgId ? names.get(orgId) : undefined) ?? t("casePages.messages.party.vendor");
      default:
        // A vendor's organization id: its name for the coordinator, "you" for that vendor.
        if (viewer.kind === "vendor") return t("casePages.messages.party.yourOrganization");
        return names.get(kind) ?? t("casePages.messages.party.vendor");
    }
  };
  const from = party(message.from, message.fromOrganizationId);
  return {
    from: message.authorName ? `${from} (${message.authorName})` : from,
    to: party(message.to),
  };
}

function MessagesSection(props: {
  page: PageContext;
  view: CaseView;
  viewer: CaseViewer;
  messages: CaseMessage[];
  names: Map<string, string>;
  form: CaseForm | null;
  base: string;
  active: boolean;
}) {
  const { page, view, viewer, messages, names, form } = props;
  const { t, language } = page;
  const isCoordinator = viewer.kind === "coordinator";
  // The coordinator writes to one informed vendor, all of them, the desk or the CSIRT; the
  // others write to the coordinator (R-COO-5).
  const recipients = isCoordinator
    ? [
        ...view.participants
          .filter((p) => p.status !== "identified")
          .map((p) => ({ value: p.organizationId, label: p.name ?? p.organizationId })),
        { value: "vendors", label: t("casePages.messages.toAllVendors") },
        ...(view.source === "csirt"
          ? [{ value: "csirt", label: t("casePages.messages.party.csirt") }]
          : [{ value: "intake", label: t("casePages.messages.party.intake") }]),
      ]
    : [];
  return (
    <Section id="case-messages" title={t("casePages.messages.heading")}>
      <p class="hint">
        {isCoordinator
          ? t("casePages.messages.leadCoordinator")
          : viewer.kind === "vendor"
            ? t("casePages.messages.lead")
            : t("casePages.messages.leadOther")}
      </p>
      {messages.length === 0 ? (
        <p>{t("casePages.messages.empty")}</p>
      ) : (
        <ol class="message-thread">
          {messages.map((message) => {
            const line = addressLine(t, message, viewer, names);
            return (
              <li key={message.id}>
                <p>
                  <strong>{t("casePages.messages.fromTo", line)}</strong>{" "}
                  <DateTime value={message.createdAt} language={language} />
                </p>
                <Paragraphs text={message.body} />
              </li>
            );
          })}
        </ol>
      )}
      {props.active ? (
        <form method="post" action={`${props.base}/messages`} class="stack" noValidate>
          <CsrfField token={page.csrfToken} />
          {isCoordinator ? (
            <SelectField
              name="to"
              label={t("casePages.messages.to")}
              required
              value={formValue(form, "message", "to", "vendors")}
              errors={errorsOf(form, "message")}
              options={recipients}
            />
          ) : (
            <p>{t("casePages.messages.toCoordinator")}</p>
          )}
          <Field
            name="body"
            label={t("casePages.messages.body")}
            multiline
            rows={4}
            required
            value={formValue(form, "message", "body")}
            errors={errorsOf(form, "message")}
          />
          <SubmitButton variant="secondary">{t("casePages.messages.send")}</SubmitButton>
        </form>
      ) : null}
    </Section>
  );
}

/** Where the case's advisory is written (coordinator), previewed (vendors, desk) and published. */
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
