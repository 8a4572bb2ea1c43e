import type { CaseViewer } from "../../../modules/cases/cases.policy.ts";
import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import { rangeText } from "../../../platform/text/version-range-text.ts";
import { CsrfField, DateTime, SubmitButton } from "../../components.tsx";
import type { PageContext } from "../../layout.tsx";
import { DataTable } from "../directory/shared.tsx";
import {
  type CaseNdaStatus,
  MissingNdaActions,
  NotifyUnavailable,
  ndaOnFileText,
} from "../organization-nda/case-nda.tsx";
import { Paragraphs } from "../reports/shared.tsx";
import { Section } from "./case-layout.tsx";
import {
  type CaseView,
  countermeasureLabel,
  expectedOf,
  type ParticipantView,
  participantStatusLabel,
  Row,
} from "./shared.tsx";

export function ParticipantBlock(props: {
  page: PageContext;
  participant: ParticipantView;
  isCoordinator: boolean;
  isVendor: boolean;
  mayNotify: boolean;
  /** The NDAs of the case's vendors from the directory (the coordinator's page). */
  ndaStatus?: CaseNdaStatus | undefined;
  base: string;
}) {
  const { page, participant: p, isCoordinator } = props;
  const { t, language } = page;
  const headingId = `participant-${p.organizationId}`;
  // The directory's NDA decides whether notifying can work now; the case keeps the one used.
  const ndaOnFile = props.ndaStatus ? (props.ndaStatus.onFile[p.organizationId] ?? null) : null;
  const hasNda = props.ndaStatus ? ndaOnFile !== null : p.ndaOnFile;
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
            {ndaOnFile ? (
              ndaOnFileText(page, ndaOnFile)
            ) : hasNda ? (
              t("casePages.participants.ndaOnFile")
            ) : props.mayNotify && props.ndaStatus ? (
              <MissingNdaActions
                page={page}
                caseBase={props.base}
                orgId={p.organizationId}
                name={p.name ?? ""}
                textPublished={props.ndaStatus.textPublished}
              />
            ) : (
              t("casePages.participants.noNda")
            )}
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
                {p.statement.translation ? (
                  <div lang={p.statement.language === "ja" ? "en" : "ja"}>
                    <p>{t("casePages.vendorText.translationShown")}:</p>
                    <Paragraphs text={p.statement.translation} />
                  </div>
                ) : null}
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
                  {c.product ? (
                    <p>
                      {t("casePages.countermeasure.for", { product: c.product })}
                      {[c.cpe, c.purl].filter(Boolean).map((id) => (
                        <code key={id}> {id}</code>
                      ))}
                    </p>
                  ) : null}
                  <Paragraphs text={c.description} />
                  {c.translation ? (
                    <div lang={c.language === "ja" ? "en" : "ja"}>
                      <p>{t("casePages.vendorText.translationShown")}:</p>
                      <Paragraphs text={c.translation} />
                    </div>
                  ) : null}
                </td>
                <td>
                  {c.affectedVersions.join(", ")}
                  {(c.ranges ?? []).map((range) => (
                    <code key={rangeText(range)} class="mono">
                      {" "}
                      {rangeText(range)}
                    </code>
                  ))}
                </td>
                <td>{c.fixedVersions.join(", ")}</td>
                <td class="url-cell">{c.url ?? ""}</td>
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
      {props.mayNotify && !hasNda ? (
        <NotifyUnavailable page={page} orgId={p.organizationId} name={p.name ?? ""} />
      ) : props.mayNotify ? (
        <form
          method="post"
          action={`${props.base}/vendors/${encodeURIComponent(p.organizationId)}/notify`}
          class="stack"
        >
          <CsrfField token={page.csrfToken} />
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
export function DirectContactsSection(props: {
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
