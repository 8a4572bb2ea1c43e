import {
  INFORMATION_CLASSES,
  MAX_SHARE_DAYS,
  SITE_CASE_CLASSES,
  type StaffShareView,
} from "../../../modules/analysis-shares/analysis-shares.schemas.ts";
import type { MessageKey, Translate } from "../../../platform/i18n/i18n.ts";
import { ChoiceGroup } from "../../components/choice-group.tsx";
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
import { CLASS_LABELS, classList, SITE_CLASS_LABELS, statusLabel } from "./shared.tsx";

/** Who the desk records an answer of: the coordinator, then each vendor told of the case. */
export interface ConsultedParty {
  /** "coordinator" or the vendor's organization id. */
  key: string;
  label: string;
}

export interface ShareFormValues {
  organizationId: string;
  classes: string[];
  /** A date (YYYY-MM-DD), Japan time. */
  until: string;
  answers: Record<string, string>;
  notes: Record<string, string>;
}

export const emptyShareForm: ShareFormValues = {
  organizationId: "",
  classes: [],
  until: "",
  answers: {},
  notes: {},
};

/** The form's field for a party's answer and note. */
export const answerField = (key: string) => `answer-${key}`;
export const noteField = (key: string) => `note-${key}`;

/**
 * A case's outside analysis shares: for the desk, to share and revoke; for the coordinator, to
 * read. Each share with its classes, end date, consultation and read log.
 */
export function CaseSharesPage(props: {
  page: PageContext;
  caseId: string;
  caseTitle: string;
  shares: StaffShareView[];
  /** The desk: the form's choices; null for the coordinator (read-only). */
  desk: {
    organizations: { id: string; name: string }[];
    parties: ConsultedParty[];
    form: ShareFormValues;
    errors: FieldError[];
  } | null;
  notice: MessageKey | null;
  /** A product case (the default) or a web-application case, whose operator is consulted. */
  subject?: "case" | "site_case";
}) {
  const { page, shares, desk } = props;
  const { t, language } = page;
  const subject = props.subject ?? "case";
  const caseHref =
    subject === "site_case"
      ? `/site-cases/${encodeURIComponent(props.caseId)}`
      : `/cases/${encodeURIComponent(props.caseId)}`;
  const base = `${caseHref}/analysis-shares`;
  const title = t("analysisShares.case.title", { title: props.caseTitle });
  return (
    <Layout
      page={page}
      title={desk?.errors.length ? `${t("analysisShares.error.summary")}: ${title}` : title}
    >
      <p>
        <a href={caseHref}>
          {t(subject === "site_case" ? "analysisShares.site.back" : "analysisShares.case.back")}
        </a>
      </p>
      <h1>{t("analysisShares.case.heading")}</h1>
      <p class="lead">{props.caseTitle}</p>
      {subject === "site_case" ? <p>{t("analysisShares.site.lead")}</p> : null}
      {props.notice ? <Notice kind="success">{t(props.notice)}</Notice> : null}
      {desk ? null : <p>{t("analysisShares.case.readOnly")}</p>}
      {shares.length === 0 ? (
        <p>{t("analysisShares.list.empty")}</p>
      ) : (
        shares.map((share) => (
          <section
            key={share.id}
            id={`share-${share.id}`}
            class="analysis-share"
            aria-labelledby={`share-${share.id}-heading`}
          >
            <h2 id={`share-${share.id}-heading`}>
              {share.organization.name} — {statusLabel(t, share.status)}
            </h2>
            <dl class="report-summary">
              <dt>{t("analysisShares.list.classes")}</dt>
              <dd>{classList(t, share.classes, subject)}</dd>
              <dt>{t("analysisShares.list.until")}</dt>
              <dd>
                <DateTime value={share.until} language={language} />
              </dd>
              <dt>{t("analysisShares.list.nda")}</dt>
              <dd>
                {t(
                  share.ndaAccepted
                    ? "analysisShares.list.ndaAccepted"
                    : "analysisShares.list.ndaMissing",
                )}
              </dd>
              <dt>{t("analysisShares.list.consultation")}</dt>
              <dd>
                <ul>
                  {share.consultation.map((entry) => (
                    <li key={entry.party === "vendor" ? entry.organizationId : entry.party}>
                      {entry.party === "coordinator"
                        ? t("analysisShares.party.coordinator")
                        : entry.party === "operator"
                          ? t("analysisShares.party.operator")
                          : (entry.name ?? entry.organizationId)}
                      :{" "}
                      {t(
                        entry.answer === "agree"
                          ? "analysisShares.answer.agree"
                          : "analysisShares.answer.object",
                      )}
                      {entry.note ? ` — ${entry.note}` : ""}
                    </li>
                  ))}
                </ul>
              </dd>
              <dt>{t("analysisShares.list.sharedBy")}</dt>
              <dd>
                {share.createdBy.name}, <DateTime value={share.createdAt} language={language} />
              </dd>
              {share.revokedAt ? (
                <>
                  <dt>{t("analysisShares.list.revokedBy")}</dt>
                  <dd>
                    {share.revokedBy?.name ?? ""},{" "}
                    <DateTime value={share.revokedAt} language={language} />
                  </dd>
                </>
              ) : null}
              <dt>{t("analysisShares.list.reads")}</dt>
              <dd>
                {share.reads.length === 0 ? (
                  t("analysisShares.list.noReads")
                ) : (
                  <ul class="analysis-share-reads">
                    {share.reads.map((read) => (
                      <li key={`${read.reader.id}-${read.readAt}`}>
                        <DateTime value={read.readAt} language={language} />{" "}
                        {t("analysisShares.list.readEntry", {
                          name: read.reader.name,
                          classes: classList(t, read.classes, subject),
                        })}
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </dl>
            {desk && share.status === "active" ? (
              <form method="post" action={`${base}/${encodeURIComponent(share.id)}/revoke`}>
                <CsrfField token={page.csrfToken} />
                <SubmitButton variant="danger">{t("analysisShares.revoke.submit")}</SubmitButton>
              </form>
            ) : null}
          </section>
        ))
      )}
      {desk ? (
        <CreateShareForm
          t={t}
          csrfToken={page.csrfToken}
          base={base}
          desk={desk}
          subject={subject}
        />
      ) : null}
    </Layout>
  );
}

function CreateShareForm(props: {
  t: Translate;
  csrfToken: string;
  base: string;
  desk: NonNullable<Parameters<typeof CaseSharesPage>[0]["desk"]>;
  subject: "case" | "site_case";
}) {
  const { t, desk } = props;
  const choices =
    props.subject === "site_case"
      ? SITE_CASE_CLASSES.map((c) => ({ value: c, label: SITE_CLASS_LABELS[c] }))
      : INFORMATION_CLASSES.map((c) => ({ value: c, label: CLASS_LABELS[c] }));
  const { form, errors } = desk;
  const classError = errors.find((error) => error.path === "classes");
  const consultationError = errors.find((error) => error.path === "consultation");
  return (
    <section id="share-create" aria-labelledby="share-create-heading">
      <h2 id="share-create-heading">{t("analysisShares.create.heading")}</h2>
      <ErrorSummary title={t("analysisShares.error.summary")} errors={errors} />
      {desk.organizations.length === 0 ? (
        <p>{t("analysisShares.create.noOrganizations")}</p>
      ) : (
        <form method="post" action={props.base} class="stack" noValidate>
          <CsrfField token={props.csrfToken} />
          <SelectField
            name="organizationId"
            label={t("analysisShares.create.organization")}
            required
            value={form.organizationId}
            errors={errors}
            options={[
              { value: "", label: "—" },
              ...desk.organizations.map((org) => ({ value: org.id, label: org.name })),
            ]}
          />
          <ChoiceGroup
            name="classes"
            legend={t("analysisShares.create.classes")}
            hint={
              props.subject === "site_case"
                ? `${t("analysisShares.create.classesHint")} ${t("analysisShares.siteClass.siteIdentityHint")}`
                : t("analysisShares.create.classesHint")
            }
            error={classError?.message}
            chosen={form.classes}
            choices={choices.map(({ value, label }) => ({ value, label: t(label) }))}
          />
          <Field
            name="until"
            type="date"
            label={t("analysisShares.create.until")}
            hint={t("analysisShares.create.untilHint", { days: MAX_SHARE_DAYS })}
            required
            value={form.until}
            errors={errors}
          />
          <fieldset
            class={consultationError ? "field-error" : undefined}
            id="field-consultation"
            aria-describedby="field-consultation-hint"
          >
            <legend>{t("analysisShares.create.consultation")}</legend>
            <p class="hint" id="field-consultation-hint">
              {t("analysisShares.create.consultationHint")}
            </p>
            {consultationError ? <p class="error-message">{consultationError.message}</p> : null}
            {desk.parties.map((party) => (
              <div key={party.key} class="analysis-share-party">
                <SelectField
                  name={answerField(party.key)}
                  label={t("analysisShares.create.answer", { party: party.label })}
                  required
                  value={form.answers[party.key] ?? ""}
                  options={[
                    { value: "", label: "—" },
                    { value: "agree", label: t("analysisShares.answer.agree") },
                    { value: "object", label: t("analysisShares.answer.object") },
                  ]}
                />
                <Field
                  name={noteField(party.key)}
                  label={t("analysisShares.create.note", { party: party.label })}
                  value={form.notes[party.key] ?? ""}
                />
              </div>
            ))}
          </fieldset>
          <SubmitButton>{t("analysisShares.create.submit")}</SubmitButton>
        </form>
      )}
    </section>
  );
}
