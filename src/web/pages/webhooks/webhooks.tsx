import type { WebhookEventType, WebhookView } from "../../../modules/webhooks/webhooks.schemas.ts";
import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import {
  CsrfField,
  ErrorSummary,
  type FieldError,
  Notice,
  SubmitButton,
} from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import { DataTable } from "../directory/shared.tsx";
import { EndpointFields, type EndpointFormValues, eventLabel } from "./shared.tsx";

/** An organization admin's webhooks: the endpoints, and the form to register one. */
export function WebhooksPage(props: {
  page: PageContext;
  endpoints: WebhookView[];
  available: readonly WebhookEventType[];
  form: EndpointFormValues;
  errors: FieldError[];
  notice: MessageKey | null;
}) {
  const { page, endpoints, available, form, errors } = props;
  const { t } = page;
  return (
    <Layout page={page} title={t("webhooks.title")}>
      <h1>{t("webhooks.heading")}</h1>
      {props.notice ? <Notice kind="success">{t(props.notice)}</Notice> : null}
      <p class="lead">{t("webhooks.lead")}</p>
      <p class="hint">{t("webhooks.docsHint")}</p>
      {endpoints.length === 0 ? (
        <p>{t("webhooks.list.empty")}</p>
      ) : (
        <DataTable id="webhook-endpoints" caption={t("webhooks.list.caption")}>
          <thead>
            <tr>
              <th scope="col">{t("webhooks.list.url")}</th>
              <th scope="col">{t("webhooks.list.events")}</th>
              <th scope="col">{t("webhooks.list.state")}</th>
            </tr>
          </thead>
          <tbody>
            {endpoints.map((endpoint) => (
              <tr key={endpoint.id}>
                <td>
                  <a href={`/organization/webhooks/${endpoint.id}`} class="mono">
                    {endpoint.url}
                  </a>
                  {endpoint.description ? <div class="hint">{endpoint.description}</div> : null}
                </td>
                <td>
                  {endpoint.events
                    .map((type) => eventLabel(t, type))
                    .join(t("webhooks.list.separator"))}
                </td>
                <td>{t(endpoint.active ? "webhooks.state.active" : "webhooks.state.inactive")}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <section aria-labelledby="webhook-create-heading">
        <h2 id="webhook-create-heading">{t("webhooks.create.heading")}</h2>
        <ErrorSummary title={t("webhooks.error.title")} errors={errors} />
        <form method="post" action="/organization/webhooks" novalidate>
          <CsrfField token={page.csrfToken} />
          <EndpointFields t={t} available={available} form={form} errors={errors} />
          <SubmitButton>{t("webhooks.create.submit")}</SubmitButton>
        </form>
      </section>
    </Layout>
  );
}
