import type { CaseViewer } from "../../../modules/cases/cases.policy.ts";
import { CASE_ANCHORS, type NextStep } from "../../../modules/cases/next-steps.ts";
import type { MessageKey, Translate } from "../../../platform/i18n/i18n.ts";
import type { WorkflowPolicy } from "../../../workflow/policy.ts";
import { DateTime } from "../../components.tsx";
import type { PageContext } from "../../layout.tsx";
import { RiskInShort } from "../risk/risk-section.tsx";
import { type CaseView, caseStatusLabel, DeadlineText, participantStatusLabel } from "./shared.tsx";

/** The sections of the case page, in page order, with their headings. */
export const CASE_SECTIONS = [
  { id: CASE_ANCHORS.overview, title: "casePages.section.overview" },
  { id: CASE_ANCHORS.vendors, title: "casePages.section.vendors" },
  { id: CASE_ANCHORS.schedule, title: "casePages.section.schedule" },
  { id: CASE_ANCHORS.messages, title: "casePages.section.messages" },
  { id: CASE_ANCHORS.advisory, title: "casePages.section.advisory" },
  { id: CASE_ANCHORS.history, title: "casePages.section.history" },
] as const satisfies readonly { id: string; title: MessageKey }[];

/** A step in words, with the vendor it names. */
export function stepText(t: Translate, step: NextStep): string {
  return t(`casePages.next.${step.kind}`, { name: step.name ?? "" });
}

/**
 * What a laptop screen shows without scrolling: the case's state in short (status, dates with
 * their time zone, each vendor's state) beside what this viewer should do next, each step a
 * link to where it is done; then the links to the sections.
 */
export function CaseTop(props: {
  page: PageContext;
  view: CaseView;
  viewer: CaseViewer;
  steps: NextStep[];
  policy: WorkflowPolicy;
  now: Date;
  names: Map<string, string>;
}) {
  const { page, view, viewer, steps } = props;
  const { t, language } = page;
  const [first, ...then] = steps;
  const isVendor = viewer.kind === "vendor";
  return (
    <>
      <div class="case-top">
        <section id="case-state" class="case-state" aria-labelledby="case-state-heading">
          <h2 id="case-state-heading">{t("casePages.state.heading")}</h2>
          <dl class="case-state-list">
            <dt>{t("casePages.detail.caseNumber")}</dt>
            <dd class="mono" id="case-number">
              {view.caseNumber}
            </dd>
            <dt>{t("casePages.detail.status")}</dt>
            <dd>
              <strong id="case-status">{caseStatusLabel(t, view.status)}</strong>
            </dd>
            <dt>{t("casePages.schedule.publishAt")}</dt>
            <dd id="case-state-publication">
              {view.schedule ? (
                <DateTime value={view.schedule.publishAt} language={language} />
              ) : (
                t("casePages.state.notScheduled")
              )}
            </dd>
            {view.schedule?.countermeasureDue ? (
              <>
                <dt>{t("casePages.schedule.countermeasureDue")}</dt>
                <dd>
                  <DateTime value={view.schedule.countermeasureDue} language={language} />
                </dd>
              </>
            ) : null}
            {view.nextDeadline ? (
              <>
                <dt>{t("casePages.deadlines.heading")}</dt>
                <dd>
                  <DeadlineText
                    t={t}
                    language={language}
                    policy={props.policy}
                    deadline={view.nextDeadline}
                    now={props.now}
                    names={viewer.kind === "coordinator" ? props.names : undefined}
                  />
                </dd>
              </>
            ) : null}
            <RiskInShort page={page} view={view} />
            <dt>{isVendor ? t("casePages.state.yourStatus") : t("casePages.state.vendors")}</dt>
            <dd>
              {view.participants.length === 0 ? (
                t("casePages.participants.none")
              ) : (
                <ul class="case-vendor-states">
                  {view.participants.map((p) => (
                    <li key={p.organizationId}>
                      {isVendor ? null : <span class="case-vendor-name">{p.name}: </span>}
                      {participantStatusLabel(t, p.status)}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </dl>
        </section>
        <section id="case-next" class="case-next" aria-labelledby="case-next-heading">
          <h2 id="case-next-heading">{t("casePages.next.heading")}</h2>
          {first ? (
            <p class="case-next-step">
              <a href={first.href ?? `#${first.anchor}`}>{stepText(t, first)}</a>
              {first.at ? (
                <>
                  {" "}
                  <DateTime value={first.at} language={language} />
                </>
              ) : null}
            </p>
          ) : null}
          {then.length > 0 ? (
            <>
              <p class="case-next-then">{t("casePages.next.then")}</p>
              <ul class="case-next-more">
                {then.slice(0, 4).map((step) => (
                  <li key={`${step.kind}-${step.anchor}`}>
                    <a href={step.href ?? `#${step.anchor}`}>{stepText(t, step)}</a>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      </div>
      <nav class="case-sections-nav" aria-label={t("casePages.section.nav")}>
        <ul class="inline-list">
          {CASE_SECTIONS.map((section) => (
            <li key={section.id}>
              <a href={`#${section.id}`}>{t(section.title)}</a>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}
