import {
  type AttachmentProblem,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
} from "../../../modules/reports/attachments.service.ts";
import {
  ATTACHMENT_CLASSES,
  type AttachmentSummary,
} from "../../../modules/reports/reports.schemas.ts";
import type { Language, MessageKey, Translate } from "../../../platform/i18n/i18n.ts";
import {
  CsrfField,
  DateTime,
  type FieldError,
  Notice,
  SelectField,
  SubmitButton,
} from "../../components.tsx";
import type { PageContext } from "../../layout.tsx";
import { DataTable } from "../directory/shared.tsx";
import { Section } from "./shared.tsx";

const MAX_MB = MAX_ATTACHMENT_BYTES / 1024 / 1024;

const CLASS_LABELS: Record<string, MessageKey> = {
  attack_method: "attachments.class.attack_method",
  verification_method: "attachments.class.verification_method",
};

export function attachmentClassLabel(t: Translate, klass: string): string {
  const key = CLASS_LABELS[klass];
  return key ? t(key) : klass;
}

/** A size for people: bytes, KB or MB with one decimal (1 KB = 1024 bytes). */
export function formatSize(t: Translate, language: Language, bytes: number): string {
  const number = new Intl.NumberFormat(language === "ja" ? "ja-JP" : "en-GB", {
    maximumFractionDigits: 1,
  });
  if (bytes < 1024) return t("attachments.size.bytes", { n: number.format(bytes) });
  if (bytes < 1024 * 1024) return t("attachments.size.kb", { n: number.format(bytes / 1024) });
  return t("attachments.size.mb", { n: number.format(bytes / 1024 / 1024) });
}

/** The message beside the upload form for a refused upload (the service's reason, translated). */
export function attachmentFieldError(
  t: Translate,
  problem: Pick<AttachmentProblem, "status"> &
    Partial<Pick<AttachmentProblem, "refusal" | "fileName">>,
): FieldError {
  const name = problem.fileName ?? "";
  switch (problem.refusal) {
    case "class_required":
      return { path: "class", message: t("attachments.error.class") };
    case "file_required":
      return { path: "file", message: t("attachments.error.file") };
    case "file_too_large":
      return { path: "file", message: t("attachments.error.tooLarge", { name, size: MAX_MB }) };
    case "too_many_attachments":
      return { path: "file", message: t("attachments.error.tooMany", { max: MAX_ATTACHMENTS }) };
    case "empty_file":
      return { path: "file", message: t("attachments.error.empty", { name }) };
    case "unsupported_file_type":
      return { path: "file", message: t("attachments.error.type", { name }) };
    default:
      return { path: "", message: t("attachments.error.closed") };
  }
}

/**
 * The upload form: multipart, the CSRF token as its first field (the platform's check reads it
 * from the body, which the upload route reads before that check), then the class and the files.
 */
export function AttachmentUploadForm(props: {
  page: PageContext;
  reportId: string;
  /** Files the report holds already. */
  count: number;
  values: Record<string, string>;
  errors: FieldError[];
}) {
  const { page, errors } = props;
  const { t } = page;
  const remaining = MAX_ATTACHMENTS - props.count;
  if (remaining <= 0) return <p>{t("attachments.upload.full", { max: MAX_ATTACHMENTS })}</p>;
  const fileError = errors.find((error) => error.path === "file");
  const describedBy = ["field-file-hint", fileError ? "field-file-error" : null]
    .filter(Boolean)
    .join(" ");
  return (
    <form
      method="post"
      action={`/reports/${encodeURIComponent(props.reportId)}/attachments`}
      encType="multipart/form-data"
      class="stack"
      noValidate
    >
      <CsrfField token={page.csrfToken} />
      <SelectField
        name="class"
        label={t("attachments.upload.class")}
        hint={t("attachments.upload.classHint")}
        required
        value={props.values.class ?? ""}
        errors={errors}
        options={[
          { value: "", label: t("attachments.upload.choose") },
          ...ATTACHMENT_CLASSES.map((klass) => ({
            value: klass,
            label: attachmentClassLabel(t, klass),
          })),
        ]}
      />
      <div class={fileError ? "field field-error" : "field"}>
        <label for="field-file">
          {t("attachments.upload.files")}
          <span class="required">*</span>
        </label>
        <p class="hint" id="field-file-hint">
          {t("attachments.upload.filesHint", { max: MAX_ATTACHMENTS, size: MAX_MB })}{" "}
          {t("attachments.upload.remaining", { count: remaining })}
        </p>
        {fileError ? (
          <p class="error-message" id="field-file-error">
            {fileError.message}
          </p>
        ) : null}
        <input
          type="file"
          id="field-file"
          name="file"
          multiple
          required
          aria-describedby={describedBy}
          aria-invalid={fileError ? "true" : undefined}
        />
      </div>
      <SubmitButton variant="secondary">{t("attachments.upload.submit")}</SubmitButton>
    </form>
  );
}

/** The report page's attachments: the list, and the upload form for the finder while open. */
export function AttachmentsSection(props: {
  page: PageContext;
  reportId: string;
  items: AttachmentSummary[];
  /** The visitor may read the report's content, and so download its files. */
  mayDownload: boolean;
  mayUpload: boolean;
  form: { values: Record<string, string>; errors: FieldError[] } | null;
}) {
  const { page, items, mayDownload } = props;
  const { t, language } = page;
  const base = `/api/v1/reports/${encodeURIComponent(props.reportId)}/attachments`;
  return (
    <Section id="report-attachments" title={t("attachments.heading")}>
      <p>{t("attachments.lead")}</p>
      {items.length === 0 ? (
        <p>{t("attachments.empty")}</p>
      ) : (
        <DataTable id="report-attachments-table" caption={t("attachments.caption")}>
          <thead>
            <tr>
              <th scope="col">{t("attachments.col.name")}</th>
              <th scope="col">{t("attachments.col.class")}</th>
              <th scope="col">{t("attachments.col.size")}</th>
              <th scope="col">{t("attachments.col.type")}</th>
              <th scope="col">{t("attachments.col.uploadedAt")}</th>
              {mayDownload ? <th scope="col">{t("attachments.col.download")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <td>{item.name}</td>
                <td>{attachmentClassLabel(t, item.class)}</td>
                <td>{formatSize(t, language, item.size)}</td>
                <td>
                  <span class="mono">{item.type}</span>
                </td>
                <td>
                  <DateTime value={item.uploadedAt} language={language} />
                </td>
                {mayDownload ? (
                  <td>
                    <a
                      href={`${base}/${encodeURIComponent(item.id)}`}
                      download
                      aria-label={t("attachments.downloadLabel", { name: item.name })}
                    >
                      {t("attachments.download")}
                    </a>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {!mayDownload && items.length > 0 ? (
        <Notice kind="info">
          <p>{t("attachments.notReadable")}</p>
        </Notice>
      ) : null}
      {props.mayUpload ? (
        <>
          <h3>{t("attachments.upload.heading")}</h3>
          <AttachmentUploadForm
            page={page}
            reportId={props.reportId}
            count={items.length}
            values={props.form?.values ?? {}}
            errors={props.form?.errors ?? []}
          />
        </>
      ) : null}
    </Section>
  );
}

/**
 * After sending, on the receipt page: the same upload form for the report just received.
 * The new-report flow is several pages (kind → form → confirm → send) whose values travel
 * in hidden fields; files cannot travel that way, a browser never re-selects them when a page
 * comes back with errors, and one refused file would otherwise hold back the report itself.
 * So the report is received first, and files are added to it here, each refusal shown
 * beside this form while the report stays safely received.
 */
export function ReceiptAttachments(props: { page: PageContext; reportId: string }) {
  const { page } = props;
  const { t } = page;
  return (
    <Section id="receipt-attachments" title={t("attachments.receipt.heading")}>
      <p>{t("attachments.receipt.lead")}</p>
      <AttachmentUploadForm
        page={page}
        reportId={props.reportId}
        count={0}
        values={{}}
        errors={[]}
      />
    </Section>
  );
}
