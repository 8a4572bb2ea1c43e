/**
 * The risk section of the report page (the desk) and the case page (the desk, the coordinator):
 * the current CVSS with its metric-by-metric breakdown, the SSVC inputs and CISA's decision, the
 * urgency and its reason, the form that changes them (plain fields; the CVSS calculator script
 * adds its pickers) and the history of changes, old → new per field.
 */
import type { RiskChangeView, RiskField, RiskView } from "../../../modules/risk/risk.schemas.ts";
import { URGENCIES } from "../../../modules/risk/risk.schemas.ts";
import {
  SSVC_AUTOMATABLE,
  SSVC_EXPLOITATION,
  SSVC_MISSION_WELLBEING,
  SSVC_TECHNICAL_IMPACT,
} from "../../../modules/risk/ssvc.ts";
import type { MessageKey, Translate } from "../../../platform/i18n/i18n.ts";
import { CvssVectorBox, FormHelperScripts } from "../../components/cvss-calculator.tsx";
import { CvssScore } from "../../components/cvss-score.tsx";
import {
  CsrfField,
  DateTime,
  Field,
  type FieldError,
  SelectField,
  SubmitButton,
} from "../../components.tsx";
import type { PageContext } from "../../layout.tsx";
import { ActionBlock, CaseSection, Section } from "../cases/case-layout.tsx";

/** A form of the page sent back with its values and errors. */
export interface RiskForm {
  name: string;
  values: Record<string, string>;
  errors: FieldError[];
}

export const RISK_FORM = "risk";

const key = (text: string) => text as MessageKey;

/** A value of a field as the history shows it, in words where it has them. */
function valueWords(t: Translate, field: RiskField, value: string | null): string {
  if (value === null) return t("risk.history.empty");
  switch (field) {
    case "ssvcExploitation":
      return t(key(`risk.exploitation.${value}`));
    case "ssvcAutomatable":
      return t(key(`risk.automatable.${value}`));
    case "ssvcTechnicalImpact":
      return t(key(`risk.technicalImpact.${value}`));
    case "ssvcMissionWellbeing":
      return t(key(`risk.missionWellbeing.${value}`));
    case "ssvcDecision":
      return t(key(`risk.decision.${value}`));
    case "urgency":
      return t(key(`risk.urgency.${value}`));
    default:
      return value;
  }
}

function HistoryTable(props: {
  page: PageContext;
  history: RiskChangeView[];
  /** R-SEC-1: this reader is not shown the reasons, only that one changed. */
  reasonWithheld: boolean;
}) {
  const { t, language } = props.page;
  if (props.history.length === 0) return <p>{t("risk.history.none")}</p>;
  return (
    <div class="table-wrap">
      <table class="risk-history">
        <caption>{t("risk.history.heading")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("risk.history.at")}</th>
            <th scope="col">{t("risk.history.by")}</th>
            <th scope="col">{t("risk.history.on")}</th>
            <th scope="col">{t("risk.history.changes")}</th>
          </tr>
        </thead>
        <tbody>
          {props.history
            .slice()
            .reverse()
            .map((entry) => (
              <tr key={`${entry.at}-${entry.on}`}>
                <td>
                  <DateTime value={entry.at} language={language} />
                </td>
                <td>{entry.byName ?? entry.byUserId}</td>
                <td>
                  {entry.on === "case" ? t("risk.history.onCase") : t("risk.history.onReport")}
                </td>
                <td>
                  <ul class="plain-list">
                    {entry.changes.map((change) => (
                      <li key={change.field}>
                        {props.reasonWithheld && change.field === "reason"
                          ? t("risk.history.reasonWithheld")
                          : t("risk.history.change", {
                              field: t(key(`risk.field.${change.field}`)),
                              old: valueWords(t, change.field, change.old),
                              new: valueWords(t, change.field, change.new),
                            })}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}

function Current(props: { page: PageContext; risk: RiskView }) {
  const { page, risk } = props;
  const { t, language } = page;
  return (
    <dl class="risk-current">
      <div>
        <dt>{t("risk.cvssV3")}</dt>
        <dd>{risk.cvssV3 ? <CvssScore page={page} vector={risk.cvssV3} /> : t("risk.cvssNone")}</dd>
      </div>
      <div>
        <dt>{t("risk.cvssV4")}</dt>
        <dd>{risk.cvssV4 ? <CvssScore page={page} vector={risk.cvssV4} /> : t("risk.cvssNone")}</dd>
      </div>
      <div>
        <dt>{t("risk.ssvc")}</dt>
        <dd>
          {risk.ssvc && risk.ssvcDecision ? (
            <>
              <strong class={`risk-decision risk-decision-${risk.ssvcDecision}`}>
                {t(key(`risk.decision.${risk.ssvcDecision}`))}
              </strong>{" "}
              <span class="hint">
                {[
                  `${t("risk.form.exploitation")}: ${t(key(`risk.exploitation.${risk.ssvc.exploitation}`))}`,
                  `${t("risk.form.automatable")}: ${t(key(`risk.automatable.${risk.ssvc.automatable}`))}`,
                  `${t("risk.form.technicalImpact")}: ${t(key(`risk.technicalImpact.${risk.ssvc.technicalImpact}`))}`,
                  `${t("risk.form.missionWellbeing")}: ${t(key(`risk.missionWellbeing.${risk.ssvc.missionWellbeing}`))}`,
                ].join(" / ")}
              </span>
            </>
          ) : (
            t("risk.ssvcNone")
          )}
        </dd>
      </div>
      <div>
        <dt>{t("risk.urgency")}</dt>
        <dd>
          <strong class={`risk-urgency risk-urgency-${risk.urgency}`}>
            {t(key(`risk.urgency.${risk.urgency}`))}
          </strong>
        </dd>
      </div>
      <div>
        <dt>{t("risk.reason")}</dt>
        {risk.reasonWithheld ? (
          <dd class="hint risk-reason-withheld">{t("risk.reasonWithheld")}</dd>
        ) : (
          <dd class="prewrap">{risk.reason}</dd>
        )}
      </div>
      <div>
        <dt>{t("risk.updatedAt")}</dt>
        <dd>
          <DateTime value={risk.updatedAt} language={language} />
        </dd>
      </div>
    </dl>
  );
}

const SSVC_GROUPS = [
  {
    name: "ssvcExploitation",
    legend: "risk.form.exploitation",
    prefix: "risk.exploitation",
    values: SSVC_EXPLOITATION,
    of: "exploitation",
  },
  {
    name: "ssvcAutomatable",
    legend: "risk.form.automatable",
    prefix: "risk.automatable",
    values: SSVC_AUTOMATABLE,
    of: "automatable",
  },
  {
    name: "ssvcTechnicalImpact",
    legend: "risk.form.technicalImpact",
    prefix: "risk.technicalImpact",
    values: SSVC_TECHNICAL_IMPACT,
    of: "technicalImpact",
  },
  {
    name: "ssvcMissionWellbeing",
    legend: "risk.form.missionWellbeing",
    prefix: "risk.missionWellbeing",
    values: SSVC_MISSION_WELLBEING,
    of: "missionWellbeing",
  },
] as const;

/** The form's starting values: what was sent back, else the current risk. */
function formValues(risk: RiskView | null, form: RiskForm | null): Record<string, string> {
  if (form) return form.values;
  return {
    cvssV3: risk?.cvssV3 ?? "",
    cvssV4: risk?.cvssV4 ?? "",
    ssvcExploitation: risk?.ssvc?.exploitation ?? "",
    ssvcAutomatable: risk?.ssvc?.automatable ?? "",
    ssvcTechnicalImpact: risk?.ssvc?.technicalImpact ?? "",
    ssvcMissionWellbeing: risk?.ssvc?.missionWellbeing ?? "",
    urgency: risk?.urgency ?? "normal",
    reason: risk?.reason ?? "",
  };
}

function RiskFormFields(props: {
  page: PageContext;
  action: string;
  risk: RiskView | null;
  form: RiskForm | null;
}) {
  const { page } = props;
  const { t } = page;
  const values = formValues(props.risk, props.form);
  const errors = props.form?.errors ?? [];
  const errorOf = (name: string) => errors.find((entry) => entry.path === name);
  return (
    <form method="post" action={props.action} class="stack" id="risk-form">
      <CsrfField token={page.csrfToken} />
      <CvssVectorBox versions={["3.1"]}>
        <Field
          name="cvssV3"
          label={t("risk.form.cvssV3")}
          hint={t("risk.form.cvssHint")}
          value={values.cvssV3}
          errors={errors}
        />
      </CvssVectorBox>
      <CvssVectorBox versions={["4.0"]}>
        <Field
          name="cvssV4"
          label={t("risk.form.cvssV4")}
          hint={t("risk.form.cvssHint")}
          value={values.cvssV4}
          errors={errors}
        />
      </CvssVectorBox>
      <fieldset class="risk-ssvc">
        <legend>{t("risk.form.ssvcLegend")}</legend>
        <p class="hint">{t("risk.form.ssvcHint")}</p>
        {errorOf("ssvcExploitation") ? (
          <p class="error-message">{errorOf("ssvcExploitation")?.message}</p>
        ) : null}
        {SSVC_GROUPS.map((group) => (
          <fieldset key={group.name} class="checkbox-group" id={`field-${group.name}`}>
            <legend>{t(group.legend)}</legend>
            {["", ...group.values].map((value) => {
              const id = `${group.name}-${value || "unset"}`;
              return (
                <div class="checkbox" key={id}>
                  <input
                    type="radio"
                    id={id}
                    name={group.name}
                    value={value}
                    checked={(values[group.name] ?? "") === value}
                  />
                  <label for={id}>
                    {value ? t(key(`${group.prefix}.${value}`)) : t("risk.form.unset")}
                  </label>
                </div>
              );
            })}
          </fieldset>
        ))}
      </fieldset>
      <SelectField
        name="urgency"
        label={t("risk.form.urgency")}
        required
        value={values.urgency}
        errors={errors}
        options={URGENCIES.map((urgency) => ({
          value: urgency,
          label: t(key(`risk.urgency.${urgency}`)),
        }))}
      />
      <Field
        name="reason"
        label={t("risk.form.reason")}
        hint={t("risk.form.reasonHint")}
        required
        multiline
        rows={4}
        value={values.reason}
        errors={errors}
      />
      <SubmitButton>{t("risk.form.submit")}</SubmitButton>
    </form>
  );
}

/** The section; `action` is where its form posts (`/reports/:id/risk`, `/cases/:id/risk`). */
export function RiskSection(props: {
  page: PageContext;
  action: string;
  risk: RiskView | null;
  form: RiskForm | null;
}) {
  const { page, risk } = props;
  const { t } = page;
  const form = props.form?.name === RISK_FORM ? props.form : null;
  return (
    <section id="risk" class="risk-section" aria-labelledby="risk-heading">
      <h2 id="risk-heading">{t("risk.heading")}</h2>
      <p class="hint">{t("risk.lead")}</p>
      {risk?.inheritedFromReport ? <p>{t("risk.inherited")}</p> : null}
      {risk ? <Current page={page} risk={risk} /> : <p>{t("risk.none")}</p>}
      <section class="risk-form" aria-labelledby="risk-form-heading">
        <h3 id="risk-form-heading">{t("risk.form.heading")}</h3>
        <RiskFormFields page={page} action={props.action} risk={risk} form={form} />
      </section>
      <h3>{t("risk.history.heading")}</h3>
      <HistoryTable
        page={page}
        history={risk?.history ?? []}
        reasonWithheld={risk?.reasonWithheld ?? false}
      />
      <FormHelperScripts page={page} />
    </section>
  );
}

/**
 * The case page's section, for the desk and the coordinator, who see the case's risk: in the
 * case page's frame, its form folded under the assessment unless it came back with errors.
 */
export function CaseRiskSection(props: {
  page: PageContext;
  view: { id: string; risk?: RiskView | null | undefined };
  form: RiskForm | null;
}) {
  if (!("risk" in props.view) || props.view.risk === undefined) return null;
  const { page } = props;
  const { t } = page;
  const risk = props.view.risk;
  const form = props.form?.name === RISK_FORM ? props.form : null;
  return (
    <CaseSection
      id="case-risk"
      title={t("risk.heading")}
      actionsUnder
      actions={
        <ActionBlock id="case-risk-form" title={t("risk.form.heading")} rare open={form !== null}>
          <RiskFormFields
            page={page}
            action={`/cases/${encodeURIComponent(props.view.id)}/risk`}
            risk={risk}
            form={form}
          />
        </ActionBlock>
      }
    >
      <div class="risk-section">
        <p class="hint">{t("risk.lead")}</p>
        {risk?.inheritedFromReport ? <p>{t("risk.inherited")}</p> : null}
        {risk ? <Current page={page} risk={risk} /> : <p>{t("risk.none")}</p>}
        <Section id="case-risk-history" title={t("risk.history.heading")}>
          <HistoryTable
            page={page}
            history={risk?.history ?? []}
            reasonWithheld={risk?.reasonWithheld ?? false}
          />
        </Section>
        <FormHelperScripts page={page} />
      </div>
    </CaseSection>
  );
}

/** The report page's section: for the desk, whose view of the report carries its risk. */
export function ReportRiskSection(props: {
  page: PageContext;
  report: { id: string; risk?: RiskView | null | undefined };
  form: RiskForm | null;
}) {
  if (props.report.risk === undefined) return null;
  return (
    <RiskSection
      page={props.page}
      action={`/reports/${encodeURIComponent(props.report.id)}/risk`}
      risk={props.report.risk}
      form={props.form}
    />
  );
}

/**
 * The case's risk in one line for the case page's state box (staff only: the view carries risk
 * only for them), linking to the risk section.
 */
export function RiskInShort(props: {
  page: PageContext;
  view: { risk?: RiskView | null | undefined };
}) {
  const { t } = props.page;
  if (!("risk" in props.view) || props.view.risk === undefined) return null;
  const risk = props.view.risk;
  const none = t("risk.list.none");
  const scores = [risk?.cvssV3BaseScore, risk?.cvssV4BaseScore].filter(
    (score): score is number => typeof score === "number",
  );
  const parts = risk
    ? [
        `${t("risk.list.urgency")} ${t(key(`risk.urgency.${risk.urgency}`))}`,
        `${t("risk.list.ssvc")} ${risk.ssvcDecision ? t(key(`risk.decision.${risk.ssvcDecision}`)) : none}`,
        `${t("risk.list.cvss")} ${scores.length ? Math.max(...scores).toFixed(1) : none}`,
      ]
    : [t("risk.none")];
  return (
    <>
      <dt>{t("risk.heading")}</dt>
      <dd id="case-state-risk">
        <a href="#case-risk">{parts.join(" · ")}</a>
      </dd>
    </>
  );
}
