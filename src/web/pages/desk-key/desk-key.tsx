import type { DeskKeyView } from "../../../modules/desk-key/desk-key.service.ts";
import { groupFingerprint } from "../../../modules/desk-key/desk-key.service.ts";
import { DateTime } from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";

/** A command to type, shown as is (copyable, never wrapped into another line). */
function Command(props: { children: string }) {
  return (
    <pre class="command">
      <code>{props.children}</code>
    </pre>
  );
}

/**
 * The desk's public key for finders: what it is for, the fingerprint grouped for reading
 * aloud, how to encrypt with GnuPG and the armored key itself.
 */
export function DeskKeyPage(props: { page: PageContext; deskKey: DeskKeyView; publicUrl: string }) {
  const { page, deskKey, publicUrl } = props;
  const { t, language } = page;
  const ascUrl = `${publicUrl}/desk-key.asc`;
  const file = "kakehashi-desk-key.asc";
  return (
    <Layout page={page} title={t("deskKey.title")}>
      <h1>{t("deskKey.heading")}</h1>
      <p class="lead">{t("deskKey.lead")}</p>
      <dl class="report-summary">
        <dt>{t("deskKey.fingerprint")}</dt>
        <dd>
          <strong
            class="mono"
            id="desk-key-fingerprint"
            aria-describedby="desk-key-fingerprint-hint"
          >
            {groupFingerprint(deskKey.fingerprint)}
          </strong>
          <p class="hint" id="desk-key-fingerprint-hint">
            {t("deskKey.fingerprintHint")}
          </p>
        </dd>
        <dt>{t("deskKey.userId")}</dt>
        <dd>{deskKey.userId}</dd>
        <dt>{t("deskKey.createdAt")}</dt>
        <dd>
          <DateTime value={deskKey.createdAt} language={language} />
        </dd>
      </dl>
      <p>
        <a href="/desk-key.asc" download={file} type="application/pgp-keys">
          {t("deskKey.download")}
        </a>
      </p>
      <p>{t("deskKey.machine", { asc: ascUrl, api: `${publicUrl}/api/v1/desk-key` })}</p>

      <section aria-labelledby="desk-key-howto-heading">
        <h2 id="desk-key-howto-heading">{t("deskKey.howTo.heading")}</h2>
        <ol class="steps">
          <li>
            {t("deskKey.howTo.import")}
            <Command>{`curl -fsSL -o ${file} ${ascUrl}\ngpg --import ${file}`}</Command>
          </li>
          <li>
            {t("deskKey.howTo.check")}
            <Command>{`gpg --fingerprint ${deskKey.fingerprint}`}</Command>
          </li>
          <li>
            {t("deskKey.howTo.encrypt")}
            <Command>{`gpg --encrypt --armor -r ${deskKey.fingerprint} report.txt`}</Command>
          </li>
          <li>{t("deskKey.howTo.paste")}</li>
        </ol>
        <p>{t("deskKey.howTo.notes")}</p>
        <p>
          <a href="/reports/new">{t("deskKey.startReport")}</a>
        </p>
      </section>

      <section aria-labelledby="desk-key-public-heading">
        <h2 id="desk-key-public-heading">{t("deskKey.publicKey")}</h2>
        <pre class="pgp-block" id="desk-key-armored">
          {deskKey.publicKey}
        </pre>
      </section>
    </Layout>
  );
}
