import type { NdaTextView } from "../../../modules/organizations/nda.schemas.ts";
import { ndaTextHash } from "../../../modules/organizations/nda.service.ts";
import { Paragraphs } from "../../components/message-thread.tsx";
import {
  CsrfField,
  DateTime,
  ErrorSummary,
  Field,
  type FieldError,
  Notice,
  Section,
  SubmitButton,
} from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";

export interface PublishValues {
  version: string;
  bodyJa: string;
  bodyEn: string;
}

/** The coordinator's page of NDA texts: every version, and the form to publish a new one. */
export function NdaTextsPage(props: {
  page: PageContext;
  texts: NdaTextView[];
  values: PublishValues;
  errors: FieldError[];
  published: boolean;
}) {
  const { page, texts, values, errors } = props;
  const { t, language } = page;
  const title = t("nda.texts.title");
  return (
    <Layout page={page} title={errors.length > 0 ? t("nda.record.errorTitle", { title }) : title}>
      <p>
        <a href="/directory">{t("directory.backToDirectory")}</a>
      </p>
      <h1>{t("nda.texts.heading")}</h1>
      <p class="lead">{t("nda.texts.lead")}</p>
      {props.published ? <Notice kind="success">{t("nda.texts.notice.published")}</Notice> : null}
      {texts.length === 0 ? <p>{t("nda.texts.none")}</p> : null}
      {texts.map((text, index) => (
        <section key={text.id} class="nda-text" aria-labelledby={`nda-text-${text.id}`}>
          <h2 id={`nda-text-${text.id}`}>
            {t("nda.texts.version", { version: text.version })}
            {index === 0 ? <span class="badge"> {t("nda.texts.current")}</span> : null}
          </h2>
          <dl class="report-summary">
            <dt>{t("nda.texts.publishedAt")}</dt>
            <dd>
              <DateTime value={text.publishedAt} language={language} />
            </dd>
            <dt>{t("nda.texts.publishedBy")}</dt>
            <dd>{text.publishedBy.name}</dd>
            {(["ja", "en"] as const).flatMap((lang) => [
              <dt key={`${lang}-term`}>
                {t("nda.texts.sha256", { language: t(`nda.language.${lang}`) })}
              </dt>,
              <dd key={`${lang}-hash`} class="mono nda-hash">
                {ndaTextHash(lang === "ja" ? text.bodyJa : text.bodyEn)}
              </dd>,
            ])}
          </dl>
          <details open={index === 0}>
            <summary>{t("nda.texts.bodyJa")}</summary>
            <div lang="ja">
              <Paragraphs text={text.bodyJa} />
            </div>
          </details>
          <details open={index === 0}>
            <summary>{t("nda.texts.bodyEn")}</summary>
            <div lang="en">
              <Paragraphs text={text.bodyEn} />
            </div>
          </details>
        </section>
      ))}
      <Section id="publish" title={t("nda.texts.form.heading")}>
        <p>{t("nda.texts.form.lead")}</p>
        <ErrorSummary title={t("nda.error.summary")} errors={errors} />
        <form method="post" action="/nda-texts" class="stack" noValidate>
          <CsrfField token={page.csrfToken} />
          <Field
            name="version"
            label={t("nda.texts.form.version")}
            hint={t("nda.texts.form.versionHint")}
            required
            value={values.version}
            errors={errors}
          />
          <Field
            name="bodyJa"
            label={t("nda.texts.form.bodyJa")}
            multiline
            rows={12}
            required
            value={values.bodyJa}
            errors={errors}
          />
          <Field
            name="bodyEn"
            label={t("nda.texts.form.bodyEn")}
            multiline
            rows={12}
            required
            value={values.bodyEn}
            errors={errors}
          />
          <SubmitButton>{t("nda.texts.form.submit")}</SubmitButton>
        </form>
      </Section>
    </Layout>
  );
}
