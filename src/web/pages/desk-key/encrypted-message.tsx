import type { DecryptedMessage } from "../../../modules/desk-key/desk-key.schemas.ts";
import { groupFingerprint } from "../../../modules/desk-key/desk-key.service.ts";
import { Field, type FieldError } from "../../components.tsx";
import type { PageContext } from "../../layout.tsx";
import { Paragraphs, Section } from "../reports/shared.tsx";

/** The report form's optional PGP message: a textarea, what it replaces, and the key's page. */
export function EncryptedMessageSection(props: {
  page: PageContext;
  value: string;
  errors: FieldError[];
}) {
  const { t } = props.page;
  return (
    <Section id="report-encrypted" title={t("deskKey.form.section")}>
      <p>{t("deskKey.form.lead")}</p>
      <p>
        <a href="/desk-key">{t("deskKey.form.keyLink")}</a>
      </p>
      <Field
        name="encryptedMessage"
        label={t("deskKey.form.label")}
        hint={t("deskKey.form.hint")}
        value={props.value}
        errors={props.errors}
        multiline
        rows={8}
      />
    </Section>
  );
}

/** On the confirmation: that a message is attached (never its content). */
export function EncryptedMessageSummary(props: { page: PageContext; value: string }) {
  const { t } = props.page;
  const message = props.value.trim();
  if (message === "") return null;
  return (
    <>
      <dt>{t("deskKey.form.section")}</dt>
      <dd id="encrypted-message-attached">
        {t("deskKey.confirm.attached", { size: message.length })}
      </dd>
    </>
  );
}

/** On the report page (content readers): the finder's PGP message as decrypted at submission. */
export function DecryptedMessageRow(props: {
  page: PageContext;
  message: DecryptedMessage | null | undefined;
}) {
  const { t } = props.page;
  const { message } = props;
  if (!message) return null;
  return (
    <>
      <dt>{t("deskKey.detail.label")}</dt>
      <dd id="report-decrypted-message">
        <Paragraphs text={message.text} />
        <p class="hint">
          {t("deskKey.detail.decryptedWith", {
            fingerprint: groupFingerprint(message.deskKeyFingerprint),
          })}
          {message.signed
            ? ` ${t("deskKey.detail.signed", { keyIds: message.signerKeyIds.join(", ") })}`
            : null}
        </p>
      </dd>
    </>
  );
}
