import type {
  NdaTextView,
  OrganizationNdaView,
} from "../../../modules/organizations/nda.schemas.ts";
import { formatInstant, otherLanguage } from "../../../platform/i18n/i18n.ts";
import { Paragraphs } from "../../components/message-thread.tsx";
import {
  CsrfField,
  DateTime,
  ErrorSummary,
  type FieldError,
  Notice,
  Section,
  SubmitButton,
} from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import { DataTable } from "../directory/shared.tsx";

/**
 * An organization's NDA page: what is on file, every record, and the text offered now with the
 * accept form for the organization's admin while that version is not accepted yet.
 */
export function OrganizationNdaPage(props: {
  page: PageContext;
  organizationName: string;
  nda: OrganizationNdaView;
  /** The text offered now (null while none is published). */
  offered: NdaTextView | null;
  mayAccept: boolean;
  accepted: boolean;
  errors: FieldError[];
}) {
  const { page, nda, offered, errors, organizationName } = props;
  const { t, language } = page;
  const title = t("nda.org.title", { name: organizationName });
  const other = otherLanguage(language);
  const bodyIn = (text: NdaTextView, lang: "ja" | "en") =>
    lang === "ja" ? text.bodyJa : text.bodyEn;
  return (
    <Layout page={page} title={errors.length > 0 ? t("nda.record.errorTitle", { title }) : title}>
      <p>
        <a href="/organization">{t("nav.organization")}</a>
      </p>
      <h1>{t("nda.org.heading")}</h1>
      <p class="lead">{t("nda.org.lead")}</p>
      {props.accepted ? <Notice kind="success">{t("nda.org.notice.accepted")}</Notice> : null}
      <ErrorSummary title={t("nda.error.summary")} errors={errors} />
      <Section id="nda-status" title={t("nda.org.status.heading")}>
        <p>
          {nda.onFile
            ? t("nda.org.status.onFile", {
                version: nda.onFile.version,
                date: formatInstant(new Date(nda.onFile.signedAt), language),
              })
            : t("nda.org.status.none")}
        </p>
      </Section>
      {offered === null ? (
        <Section id="nda-offered" title={t("nda.org.heading")}>
          <p>{t("nda.org.offered.none")}</p>
        </Section>
      ) : (
        <Section
          id="nda-offered"
          title={t("nda.org.offered.heading", { version: offered.version })}
        >
          <p>
            {t("nda.org.offered.publishedAt", {
              date: formatInstant(new Date(offered.publishedAt), language),
            })}
          </p>
          {nda.acceptedOffered ? <p>{t("nda.org.offered.accepted")}</p> : null}
          <div lang={language} class="nda-body">
            <Paragraphs text={bodyIn(offered, language)} />
          </div>
          <details>
            <summary>{t("nda.org.offered.otherLanguage")}</summary>
            <div lang={other} class="nda-body">
              <Paragraphs text={bodyIn(offered, other)} />
            </div>
          </details>
          {!nda.acceptedOffered && props.mayAccept ? (
            <form method="post" action="/organization/nda/accept" class="stack" noValidate>
              <h3>{t("nda.org.accept.heading")}</h3>
              <CsrfField token={page.csrfToken} />
              <input type="hidden" name="textId" value={offered.id} />
              <input type="hidden" name="version" value={offered.version} />
              <input type="hidden" name="language" value={language} />
              <div class={errors.some((e) => e.path === "confirm") ? "field field-error" : "field"}>
                {errors.some((e) => e.path === "confirm") ? (
                  <p class="error-message" id="field-confirm-error">
                    {t("nda.org.accept.error.confirm")}
                  </p>
                ) : null}
                <p class="checkbox">
                  <input
                    type="checkbox"
                    id="field-confirm"
                    name="confirm"
                    value="1"
                    required
                    aria-describedby={
                      errors.some((e) => e.path === "confirm") ? "field-confirm-error" : undefined
                    }
                  />{" "}
                  <label for="field-confirm">
                    {t("nda.org.accept.confirm", {
                      name: organizationName,
                      version: offered.version,
                    })}
                  </label>
                </p>
              </div>
              <SubmitButton>{t("nda.org.accept.submit")}</SubmitButton>
            </form>
          ) : null}
          {!nda.acceptedOffered && !props.mayAccept ? (
            <p class="hint">{t("nda.org.accept.adminOnly")}</p>
          ) : null}
        </Section>
      )}
      <Section id="nda-records" title={t("nda.org.records.heading")}>
        {nda.items.length === 0 ? (
          <p>{t("nda.org.records.none")}</p>
        ) : (
          <DataTable id="nda-records-table" caption={t("nda.org.records.caption")}>
            <thead>
              <tr>
                <th scope="col">{t("nda.org.records.version")}</th>
                <th scope="col">{t("nda.org.records.method")}</th>
                <th scope="col">{t("nda.org.records.signedAt")}</th>
                <th scope="col">{t("nda.org.records.by")}</th>
                <th scope="col">{t("nda.org.records.sha256")}</th>
              </tr>
            </thead>
            <tbody>
              {nda.items.map((record) => (
                <tr key={record.id}>
                  <th scope="row">{record.version}</th>
                  <td>
                    {t(`nda.method.${record.method}`)}
                    {record.language ? ` (${t(`nda.language.${record.language}`)})` : ""}
                  </td>
                  <td>
                    <DateTime value={record.signedAt} language={language} />
                  </td>
                  <td>{record.acceptedBy.name}</td>
                  <td class="mono nda-hash">{record.textSha256 ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </Section>
    </Layout>
  );
}
