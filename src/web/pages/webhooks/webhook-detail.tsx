import type {
  DeliveryView,
  WebhookEventType,
  WebhookView,
} from "../../../modules/webhooks/webhooks.schemas.ts";
import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import {
  CsrfField,
  DateTime,
  ErrorSummary,
  type FieldError,
  Notice,
  SubmitButton,
} from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import { CheckboxField, DataTable } from "../directory/shared.tsx";
import { EndpointFields, type EndpointFormValues, eventLabel, SecretOnce } from "./shared.tsx";

/**
 * One endpoint: its settings (edit, deactivate), its secret (rotate, shown once), a test and
 * the delivery log with each delivery's status, attempts, last result and time.
 */
export function WebhookDetailPage(props: {
  page: PageContext;
  endpoint: WebhookView;
  deliveries: DeliveryView[];
  available: readonly WebhookEventType[];
  form: EndpointFormValues;
  errors: FieldError[];
  notice: MessageKey | null;
  /** Right after creation or rotation only. */
  secret: string | null;
}) {
  const { page, endpoint, deliveries, available, form, errors } = props;
  const { t, language } = page;
  const base = `/organization/webhooks/${endpoint.id}`;
  return (
    <Layout page={page} title={t("webhooks.detail.title")}>
      <p>
        <a href="/organization/webhooks">{t("webhooks.detail.back")}</a>
      </p>
      <h1>{t("webhooks.detail.heading")}</h1>
      {props.notice ? <Notice kind="success">{t(props.notice)}</Notice> : null}
      {props.secret ? <SecretOnce t={t} secret={props.secret} /> : null}
      <dl class="report-summary">
        <dt>{t("webhooks.list.url")}</dt>
        <dd class="mono" id="webhook-url">
          {endpoint.url}
        </dd>
        <dt>{t("webhooks.list.state")}</dt>
        <dd id="webhook-state">
          {t(endpoint.active ? "webhooks.state.active" : "webhooks.state.inactive")}
        </dd>
        <dt>{t("webhooks.list.events")}</dt>
        <dd>
          {endpoint.events.map((type) => eventLabel(t, type)).join(t("webhooks.list.separator"))}
        </dd>
        <dt>{t("webhooks.secret.rotatedAt")}</dt>
        <dd>
          <DateTime value={endpoint.secretRotatedAt} language={language} />
        </dd>
        <dt>{t("webhooks.detail.createdAt")}</dt>
        <dd>
          <DateTime value={endpoint.createdAt} language={language} />
        </dd>
      </dl>

      <section aria-labelledby="webhook-deliveries-heading">
        <h2 id="webhook-deliveries-heading">{t("webhooks.deliveries.heading")}</h2>
        {deliveries.length === 0 ? (
          <p>{t("webhooks.deliveries.empty")}</p>
        ) : (
          <DataTable id="webhook-deliveries" caption={t("webhooks.deliveries.caption")}>
            <thead>
              <tr>
                <th scope="col">{t("webhooks.deliveries.time")}</th>
                <th scope="col">{t("webhooks.deliveries.event")}</th>
                <th scope="col">{t("webhooks.deliveries.status")}</th>
                <th scope="col">{t("webhooks.deliveries.attempts")}</th>
                <th scope="col">{t("webhooks.deliveries.lastResult")}</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((delivery) => (
                <tr key={delivery.id} data-status={delivery.status}>
                  <td>
                    <DateTime
                      value={delivery.lastAttemptAt ?? delivery.createdAt}
                      language={language}
                    />
                  </td>
                  <td>
                    {eventLabel(t, delivery.eventType)} <code>{delivery.eventType}</code>
                    {delivery.subject ? (
                      <>
                        {" "}
                        <span class="mono no-wrap">{delivery.subject}</span>
                      </>
                    ) : null}
                  </td>
                  <td>{t(`webhooks.deliveries.status.${delivery.status}`)}</td>
                  <td>{delivery.attempts}</td>
                  <td class="mono">{delivery.lastError ?? delivery.lastStatus ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
        {endpoint.active ? (
          <form method="post" action={`${base}/test`}>
            <CsrfField token={page.csrfToken} />
            <p class="hint">{t("webhooks.test.lead")}</p>
            <SubmitButton variant="secondary">{t("webhooks.test.submit")}</SubmitButton>
          </form>
        ) : null}
      </section>

      <section aria-labelledby="webhook-edit-heading">
        <h2 id="webhook-edit-heading">{t("webhooks.edit.heading")}</h2>
        <ErrorSummary title={t("webhooks.error.title")} errors={errors} />
        <form method="post" action={`${base}/edit`} novalidate>
          <CsrfField token={page.csrfToken} />
          <EndpointFields t={t} available={available} form={form} errors={errors} />
          <CheckboxField name="active" label={t("webhooks.field.active")} checked={form.active} />
          <SubmitButton>{t("webhooks.edit.submit")}</SubmitButton>
        </form>
      </section>

      <section class="webhook-actions" aria-labelledby="webhook-rotate-heading">
        <h2 id="webhook-rotate-heading">{t("webhooks.rotate.heading")}</h2>
        <p>{t("webhooks.rotate.lead")}</p>
        <form method="post" action={`${base}/rotate-secret`}>
          <CsrfField token={page.csrfToken} />
          <SubmitButton variant="secondary">{t("webhooks.rotate.submit")}</SubmitButton>
        </form>
        <form method="post" action={`${base}/${endpoint.active ? "deactivate" : "activate"}`}>
          <CsrfField token={page.csrfToken} />
          <SubmitButton variant={endpoint.active ? "danger" : "secondary"}>
            {t(endpoint.active ? "webhooks.activation.deactivate" : "webhooks.activation.activate")}
          </SubmitButton>
        </form>
      </section>
    </Layout>
  );
}
